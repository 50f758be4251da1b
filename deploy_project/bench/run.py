"""``make bench``: seed PostgreSQL once, serve the site under gunicorn, drive each endpoint with wrk.

Run from the repository root (``make bench BENCH_ARGS="--books 20000 --duration 5"``) or as
``PYTHONPATH=deploy_project .venv/bin/python -m bench.run --help``. See ``deploy_project/bench/README.md``.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import itertools
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.wrk_output import WrkResult, parse_wrk_output

DEPLOY_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = DEPLOY_DIR.parent
LOOPBACK_HOSTS = {"", "127.0.0.1", "localhost", "::1"}
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/mybookconnect_bench_{books}"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"
# Written on the database (COMMENT ON DATABASE) once generate_catalog has finished, then with the
# readers' part appended once generate_readers has: an interrupted seeding is never mistaken for a
# complete one, and a catalog is reused when only the readers are to be (re)made.
SEEDED_MARK = "mybookconnect bench: {books} books, seed 1"
READERS_MARK = "{readers} readers, {entries} library entries, {reviews} reviews, {follows} follows, seed 1"
MARK_SEPARATOR = "; readers: "
BENCH_USERNAME = "mbc-bench"
SEED = 1
DEFAULT_FOLLOWS = 50
# The bench user's own library (the library page, the rating write) and its follows (the feed).
BENCH_USER_ENTRIES = 150
# The rating write cycles over this many of the bench user's entries (different books: one book's row
# lock would otherwise serialise every request), each visit changing the rating.
RATE_ENTRIES = 50
RATE_BODIES = ('{"rating": 4}', '{"rating": 4.5}')
ENDPOINT_NAMES = (
    "floor",
    "search-common",
    "search-rare",
    "search-typo",
    "search-isbn",
    "search-prefix",
    "book-detail",
    "author-detail",
    "author-books",
    "library",
    "user-library",
    "feed",
    "book-reviews",
    "rate",
)
# Endpoints that need the seeded readers (generate_readers).
READER_ENDPOINT_NAMES = ("library", "user-library", "feed", "book-reviews", "rate")
# The floor runs first and again last; endpoints' ratios are to the mean of the two.
FLOOR_NAMES = ("floor", "floor-again")


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    what: str
    # With --variants: more paths of the same kind, which wrk requests in turn after ``path``.
    more_paths: tuple[str, ...] = ()
    method: str = "GET"
    # JSON bodies (a write): each visit of a path sends the next one, so that every request changes
    # something.
    bodies: tuple[str, ...] = ()


@dataclass
class Measurement:
    endpoint: Endpoint
    wrk: WrkResult | None = None
    status: int | None = None
    queries_per_request: float | None = None
    queries_cold: int | None = None
    cold_ms: float | None = None
    wrk_report: str = ""
    response_bytes: int | None = None
    problems: list[str] = field(default_factory=list)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="make bench BENCH_ARGS=...",
        description="Benchmark the API on PostgreSQL + Redis under gunicorn (production settings) with wrk.",
    )
    parser.add_argument("--books", type=int, default=1_000_000, help="catalog size (default 1000000)")
    parser.add_argument(
        "--entries",
        type=int,
        help="library entries in all (default: as many as --books, 1000000 for the default catalog)",
    )
    parser.add_argument(
        "--readers",
        type=int,
        help="readers (accounts) sharing them (default: entries / 100 between 100 and 10000: 10000)",
    )
    parser.add_argument("--reviews", type=int, help="about how many reviews (default: entries / 10)")
    parser.add_argument(
        "--follows",
        type=int,
        default=DEFAULT_FOLLOWS,
        help=f"follows per reader, on average (default {DEFAULT_FOLLOWS})",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per endpoint (default 10)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of unrecorded load first (default 3)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--timeout", type=int, default=5, help="wrk's per-request timeout, seconds (default 5)"
    )
    parser.add_argument(
        "--database-url",
        help="an existing database holding exactly --books books (never dropped nor migrated); default: "
        + DEFAULT_DATABASE_URL.format(books="<books>")
        + ", created and seeded once",
    )
    parser.add_argument(
        "--redis-url", default=DEFAULT_REDIS_URL, help=f"flushed first (default {DEFAULT_REDIS_URL})"
    )
    parser.add_argument(
        "--variants",
        type=int,
        default=1,
        help="inputs per endpoint, requested in turn (default 1: one URL each, which a response cache serves"
        " after the first request; more measure cache misses under load too)",
    )
    parser.add_argument(
        "--out", default="bench-results.json", help="JSON results (default bench-results.json)"
    )
    parser.add_argument(
        "--only", help="comma-separated endpoint names (the floor always runs, first and last, for the ratio)"
    )
    args = parser.parse_args(argv)
    if args.only:
        args.only = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = set(args.only) - set(ENDPOINT_NAMES)
        if unknown:
            parser.error(
                f"unknown endpoint(s) {', '.join(sorted(unknown))}; known: {', '.join(ENDPOINT_NAMES)}"
            )
    if min(args.books, args.duration, args.workers, args.timeout, args.variants) < 1 or args.warmup < 0:
        parser.error("--books, --duration, --workers, --timeout and --variants must be positive")
    if args.entries is None:
        args.entries = args.books
    if args.readers is None:
        args.readers = max(100, min(10_000, args.entries // 100))
    if args.reviews is None:
        args.reviews = args.entries // 10
    if args.readers < 2 or args.entries < args.readers or args.reviews < 0 or args.follows < 1:
        parser.error("--readers must be at least 2, --entries at least --readers, --follows positive")
    if args.connections < args.threads or args.threads < 1:
        parser.error("wrk needs at least one thread and at least as many connections as threads")
    return args


# ---------------------------------------------------------------------------------------------- database


def check_loopback(url: str, what: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if host not in LOOPBACK_HOSTS and not host.startswith("/"):
        sys.exit(f"error: the benchmark only uses this machine; {what} points at {host!r}")
    return parts


def maintenance_connection(parts: urllib.parse.SplitResult) -> Any:
    import psycopg2

    connection = psycopg2.connect(
        host=parts.hostname or None,
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or "") or None,
        password=urllib.parse.unquote(parts.password or "") or None,
        dbname="postgres",
        connect_timeout=10,
    )
    connection.autocommit = True
    return connection


def database_state(parts: urllib.parse.SplitResult, name: str) -> tuple[bool, str]:
    """Whether the database exists, and its comment (the seeding mark)."""
    with closing(maintenance_connection(parts)) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        )
        row = cursor.fetchone()
    return row is not None, (row[0] or "") if row else ""


def run_manage(env: dict[str, str], *args: str, timeout: float) -> None:
    print(f"$ manage.py {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, "manage.py", *args], cwd=DEPLOY_DIR, env=env, check=True, timeout=timeout)


def readers_mark(args: argparse.Namespace) -> str:
    return READERS_MARK.format(
        readers=args.readers, entries=args.entries, reviews=args.reviews, follows=args.follows
    )


def seed_readers(args: argparse.Namespace, env: dict[str, str], *, replace: bool) -> None:
    run_manage(
        env,
        "generate_readers",
        *("--readers", str(args.readers), "--entries", str(args.entries), "--reviews", str(args.reviews)),
        *("--follows", str(args.follows), "--bench-user", BENCH_USERNAME),
        *("--bench-entries", str(BENCH_USER_ENTRIES), "--seed", str(SEED)),
        *(["--replace"] if replace else []),
        timeout=4 * 3600,
    )


def mark_database(parts: urllib.parse.SplitResult, name: str, mark: str) -> None:
    with closing(maintenance_connection(parts)) as connection, connection.cursor() as cursor:
        cursor.execute(f'COMMENT ON DATABASE "{name}" IS %s', [mark])


def ensure_database(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    """Create, migrate and seed the harness's own database once; only check a database given to it.

    The catalog and the readers are seeded in two steps, each marked when done: a catalog is kept
    when only its readers are missing (an older harness, an interrupted run) or asked for in other
    numbers (then they are replaced).
    """
    own = args.database_url is None
    url = args.database_url or DEFAULT_DATABASE_URL.format(books=args.books)
    parts = check_loopback(url, "--database-url")
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        sys.exit(f"error: unexpected database name {name!r}")
    env["DATABASE_URL"] = url
    catalog_mark = SEEDED_MARK.format(books=args.books)
    full_mark = catalog_mark + MARK_SEPARATOR + readers_mark(args)
    exists, comment = database_state(parts, name)
    catalog_done, _, readers_done = comment.partition(MARK_SEPARATOR)
    if own and exists and comment == full_mark:
        print(
            f"Reusing {name}: seeded with {args.books:,} books and their readers by an earlier run",
            flush=True,
        )
        run_manage(env, "migrate", "--noinput", timeout=3600)
    elif own and exists and catalog_done == catalog_mark:
        print(
            f"Reusing {name}'s {args.books:,} books; "
            + (f"replacing its readers ({readers_done})" if readers_done else "adding the readers"),
            flush=True,
        )
        run_manage(env, "migrate", "--noinput", timeout=3600)
        started = time.monotonic()
        # Unmarked first: an interrupted replacement must not pass for the old readers.
        mark_database(parts, name, catalog_mark)
        seed_readers(args, env, replace=True)
        mark_database(parts, name, full_mark)
        print(f"Seeded the readers of {name} in {time.monotonic() - started:.0f} s", flush=True)
    elif own:
        with closing(maintenance_connection(parts)) as connection, connection.cursor() as cursor:
            if exists:
                print(f"{name} is not a finished seeding of {args.books:,} books: dropping it", flush=True)
                cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        started = time.monotonic()
        run_manage(env, "migrate", "--noinput", timeout=3600)
        run_manage(env, "generate_catalog", "--books", str(args.books), "--seed", str(SEED), timeout=4 * 3600)
        mark_database(parts, name, catalog_mark)
        print(f"Seeded {name}'s catalog in {time.monotonic() - started:.0f} s", flush=True)
        started = time.monotonic()
        seed_readers(args, env, replace=False)
        mark_database(parts, name, full_mark)
        print(f"Seeded {name}'s readers in {time.monotonic() - started:.0f} s", flush=True)
    else:
        if not exists:
            sys.exit(f"error: database {name} does not exist")
        print(f"Using {name} as it is (not migrated, not seeded)", flush=True)
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"],
            cwd=DEPLOY_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode:
            sys.exit(
                f"error: `manage.py migrate --check` failed on {name}: it lacks migrations of this tree"
                f" (run migrate), or the tree does not load:\n{(result.stdout + result.stderr)[-3000:]}"
            )
    return {
        "name": name,
        "own": own,
        "host": parts.hostname or "(socket)",
        "port": parts.port or 5432,
        "seeding": full_mark if own else comment,
    }


# ---------------------------------------------------------------------------------------------- django


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(DEPLOY_DIR))
    # WhiteNoise's note that collectstatic never ran: the API needs no static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()


def bench_token() -> str:
    """A long-lived access token for the bench user (created if missing; it cannot sign in)."""
    from django.contrib.auth import get_user_model
    from rest_framework_simplejwt.tokens import AccessToken

    user_model = get_user_model()
    user = user_model.objects.filter(**{user_model.USERNAME_FIELD: BENCH_USERNAME}).first()
    if user is None:
        user = user_model.objects.create_user(BENCH_USERNAME, f"{BENCH_USERNAME}@localhost", None)
    token = AccessToken.for_user(user)
    # Outlives any run (the default lifetime is minutes); minted with the SECRET_KEY gunicorn gets too.
    token.set_exp(lifetime=timedelta(hours=12))
    return str(token)


def sample_ids(model: Any, size: int) -> list[int]:
    from django.db.models import Max, Min

    bounds = model.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return []
    step = max(1, (bounds["high"] - bounds["low"]) // size)
    return list(range(bounds["low"], bounds["high"] + 1, step))


def words_of(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def typo_of(word: str, known: set[str]) -> str:
    """Drop one inner letter ("follett" -> "folett"), choosing a spelling that is no known word's prefix
    (search matches the last word as a prefix; a typo must go through the typo correction)."""
    for index in range(len(word) // 2, len(word) - 1):
        candidate = word[:index] + word[index + 1 :]
        if candidate != word and not any(k.startswith(candidate) for k in known):
            return candidate
    return word[:2] + word[3:]


def pick_inputs(books: int, variants: int = 1) -> dict[str, Any]:
    """Realistic inputs drawn from the catalog itself (the same seed gives the same picks)."""
    from django.db.models import Exists, OuterRef

    from mybookconnect.books.models import Author, Book, BookAuthor, Edition

    count = Book.objects.count()
    if count != books:
        sys.exit(f"error: the database holds {count:,} books, not {books:,}; pass --books {count}")
    ids = sample_ids(Book, 20_000)
    titles: list[str] = []
    for start in range(0, len(ids), 5000):
        titles += Book.objects.filter(pk__in=ids[start : start + 5000]).values_list("title", flat=True)
    frequency = collections.Counter(word for title in titles for word in words_of(title))
    common = next(w for w, _ in frequency.most_common() if len(w) >= 4)
    rare = next(
        (w for w, n in sorted(frequency.items()) if n == 1 and len(w) >= 6 and w.isascii()),
        min(frequency, key=frequency.__getitem__),
    )
    popular = Book.objects.order_by("-readers_count", "pk")
    has_authors = Exists(BookAuthor.objects.filter(book=OuterRef("pk")))
    book = popular.filter(has_authors, Exists(Edition.objects.filter(book=OuterRef("pk")))).first()
    book = book or popular.first()
    credit = BookAuthor.objects.filter(book=book).select_related("author").order_by("position", "pk").first()
    author = credit.author if credit else Author.objects.order_by("pk").first()
    # A popular author's name with the surname misspelt, as a reader types it ("Ken Folett").
    known = set(frequency)
    for name in Author.objects.filter(pk__in=sample_ids(Author, 5000)).values_list("name", flat=True):
        known.update(words_of(name))
    *given, surname = author.name.split()
    misspelt = typo_of(surname.lower(), known)
    typo = " ".join([*given, misspelt.capitalize() if surname[0].isupper() else misspelt])
    long_titles = popular.filter(title__regex=r"^\S+ \S+ \S{5,}")[:1].values_list("title", flat=True)
    title = long_titles[0] if long_titles else book.title
    prefix = cut_mid_word(title)
    # An edition from the middle of the catalog, not the first rows written.
    editions = Edition.objects.filter(isbn_13__isnull=False).order_by("pk")
    middle = sample_ids(Edition, 2)
    edition = editions.filter(pk__gte=middle[len(middle) // 2]).first() if middle else None
    edition = edition or editions.first()
    if edition is None:
        sys.exit("error: no edition in the catalog has an ISBN")
    variants = pick_variants(variants, frequency, known, popular.filter(has_authors)) if variants > 1 else {}
    return {
        "books": count,
        "common_word": common,
        "common_word_in_sample": f"{frequency[common]} of {len(titles)} titles",
        "rare_word": rare,
        "author_typo": typo,
        "author": {"id": author.pk, "name": author.name, "books": author.book_authors.count()},
        "isbn": edition.isbn_13,
        "title_prefix": prefix,
        "prefix_of": title,
        "book": {"id": book.pk, "title": book.title, "readers_count": book.readers_count},
        **({"variants": variants} if variants else {}),
    }


def cut_mid_word(title: str) -> str:
    """``"The girl history"`` -> ``"the girl his"``: a title as typed, stopped inside its third word."""
    words = title.split()
    if len(words) < 3:
        return title[: max(2, len(title) - 2)].lower()
    return (" ".join(words[:2]) + " " + words[2][: max(2, len(words[2]) // 2)]).lower()


def pick_variants(
    n: int, frequency: collections.Counter[str], known: set[str], popular: Any
) -> dict[str, list]:
    """``n`` inputs of each kind (``--variants``), drawn like the single ones."""
    from mybookconnect.books.models import BookAuthor, Edition

    books = list(popular[:n])
    authors = []
    for book in books:
        credit = (
            BookAuthor.objects.filter(book=book).select_related("author").order_by("position", "pk").first()
        )
        if credit and credit.author not in authors:
            authors.append(credit.author)
    typos = []
    for author in authors:
        *given, surname = author.name.split()
        misspelt = typo_of(surname.lower(), known)
        typos.append(" ".join([*given, misspelt.capitalize() if surname[0].isupper() else misspelt]))
    titles = popular.filter(title__regex=r"^\S+ \S+ \S{5,}")[:n].values_list("title", flat=True)
    isbns = Edition.objects.filter(pk__in=sample_ids(Edition, n), isbn_13__isnull=False)
    return {
        "search-common": [w for w, _ in frequency.most_common() if len(w) >= 4][:n],
        "search-rare": [w for w, c in sorted(frequency.items()) if c == 1 and len(w) >= 6 and w.isascii()][
            :n
        ],
        "search-typo": typos,
        "search-isbn": list(isbns.values_list("isbn_13", flat=True)[:n]),
        "search-prefix": [cut_mid_word(title) for title in titles],
        "book-detail": [book.pk for book in books],
        "author-detail": [author.pk for author in authors],
    }


def pick_reader_inputs(variants: int = 1) -> dict[str, Any] | None:
    """The readers' side, around the bench user: its entries (to rate), the reader it follows whose
    public library is nearest its own in size, and the most reviewed book (the same seed gives the same
    picks). ``None`` when the bench user has no library (a database without generate_readers' readers)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, F
    from django.db.models.functions import Abs

    from mybookconnect.books.models import Book, LibraryEntry, ReadingStatus
    from mybookconnect.core.visibility import Audience
    from mybookconnect.users.models import Follow

    user_model = get_user_model()
    user = user_model.objects.filter(**{user_model.USERNAME_FIELD: BENCH_USERNAME}).first()
    entries = LibraryEntry.objects.filter(user=user).order_by("pk")
    count = entries.count() if user else 0
    if not count:
        return None
    rate = list(entries.filter(status=ReadingStatus.READ).values_list("pk", flat=True)[:RATE_ENTRIES])
    rate = rate or list(entries.values_list("pk", flat=True)[:RATE_ENTRIES])
    followed = Follow.objects.filter(follower=user)
    others = list(
        user_model.objects.filter(
            pk__in=followed.values("followee"), mybookconnect_profile__profile_visibility=Audience.PUBLIC
        )
        .annotate(entries=Count("mybookconnect_library_entries"))
        .filter(entries__gt=0)
        .order_by(Abs(F("entries") - count), "pk")[:variants]
    )
    books = list(Book.objects.filter(reviews_count__gt=0).order_by("-reviews_count", "pk")[:variants])
    if not others or not books:
        return None
    return {
        "user": {"username": user.get_username(), "entries": count, "following": followed.count()},
        "reader": {"username": others[0].get_username(), "entries": others[0].entries},
        "review_book": {"id": books[0].pk, "title": books[0].title, "reviews_count": books[0].reviews_count},
        "rate_entries": rate,
        **(
            {
                "variants": {
                    "user-library": [other.get_username() for other in others],
                    "book-reviews": [book.pk for book in books],
                }
            }
            if variants > 1
            else {}
        ),
    }


def endpoints_for(inputs: dict[str, Any]) -> list[Endpoint]:
    def search(q: str) -> str:
        return "/api/v1/books/?" + urllib.parse.urlencode({"q": q})

    def user_library(username: str) -> str:
        return f"/api/v1/users/{urllib.parse.quote(username)}/library/?page_size=20"

    def book_reviews(pk: int) -> str:
        return f"/api/v1/books/{pk}/reviews/?page_size=20"

    author = inputs["author"]
    endpoints = [
        Endpoint("floor", "/api/v1/bench/floor/", "framework floor: auth, middleware, DRF, constant JSON"),
        Endpoint("search-common", search(inputs["common_word"]), f"common word {inputs['common_word']!r}"),
        Endpoint("search-rare", search(inputs["rare_word"]), f"rare word {inputs['rare_word']!r}"),
        Endpoint("search-typo", search(inputs["author_typo"]), f"misspelt author {inputs['author_typo']!r}"),
        Endpoint("search-isbn", search(inputs["isbn"]), f"ISBN {inputs['isbn']}"),
        Endpoint("search-prefix", search(inputs["title_prefix"]), f"as you type {inputs['title_prefix']!r}"),
        Endpoint("book-detail", f"/api/v1/books/{inputs['book']['id']}/", "most-read book"),
        Endpoint("author-detail", f"/api/v1/authors/{author['id']}/", "that book's first author"),
        Endpoint(
            "author-books",
            f"/api/v1/authors/{author['id']}/books/",
            f"that author's books ({author['books']})",
        ),
    ]
    readers = inputs.get("readers")
    if readers:
        user, other, book, rate = (
            readers["user"],
            readers["reader"],
            readers["review_book"],
            readers["rate_entries"],
        )
        endpoints += [
            Endpoint("library", "/api/v1/library/?page_size=20", f"own library ({user['entries']} entries)"),
            Endpoint(
                "user-library",
                user_library(other["username"]),
                f"a followed reader's library ({other['entries']} entries)",
            ),
            Endpoint("feed", "/api/v1/feed/?page_size=20", f"own feed (following {user['following']})"),
            Endpoint(
                "book-reviews",
                book_reviews(book["id"]),
                f"most-reviewed book ({book['reviews_count']} reviews)",
            ),
            Endpoint(
                "rate",
                f"/api/v1/library/{rate[0]}/",
                f"PATCH a rating (4 / 4.5), {len(rate)} own entries in turn",
                more_paths=tuple(f"/api/v1/library/{pk}/" for pk in rate[1:]),
                method="PATCH",
                bodies=RATE_BODIES,
            ),
        ]
    assert tuple(e.name for e in endpoints) == ENDPOINT_NAMES[: len(endpoints)]
    paths = {
        "book-detail": lambda pk: f"/api/v1/books/{pk}/",
        "author-detail": lambda pk: f"/api/v1/authors/{pk}/",
        "author-books": lambda pk: f"/api/v1/authors/{pk}/books/",
        "user-library": user_library,
        "book-reviews": book_reviews,
    }
    pools = {**inputs.get("variants", {}), **(readers or {}).get("variants", {})}
    pools.setdefault("author-books", pools.get("author-detail", []))
    for index, endpoint in enumerate(endpoints):
        pool = pools.get(endpoint.name, [])
        more = tuple(paths.get(endpoint.name, search)(value) for value in pool)
        more = tuple(path for path in more if path != endpoint.path)
        if more:
            what = f"{endpoint.what} and {len(more)} more in turn"
            endpoints[index] = dataclasses.replace(endpoint, more_paths=more, what=what)
    return endpoints


def count_queries(measurements: list[Measurement], token: str, repeat: int = 3) -> None:
    """SQL queries per request through Django's test client, on the same database and cache.

    ``queries_cold`` and ``cold_ms``: a request on an emptied cache (the median time of ``repeat``; the
    database's own buffers stay warm), what a cache miss costs. ``queries_per_request``: the mean of
    ``repeat`` requests after it, the steady state the load run saw.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
    for measurement in measurements:
        endpoint = measurement.endpoint
        bodies = itertools.cycle(endpoint.bodies)

        def request(endpoint: Endpoint = endpoint, bodies: Iterator[str] = bodies) -> Any:
            if not endpoint.bodies:
                return client.generic(endpoint.method, endpoint.path)
            # A write: each request sends the next body, so that each one changes what it writes.
            return client.generic(endpoint.method, endpoint.path, next(bodies), "application/json")

        if endpoint.bodies:
            request()  # from wrk's last value to a known one, uncounted
        cold_times = []
        for attempt in range(repeat):
            cache.clear()
            with CaptureQueriesContext(connection) as cold:
                started = time.perf_counter()
                request()
                cold_times.append((time.perf_counter() - started) * 1000)
            if attempt == 0:
                measurement.queries_cold = len(cold.captured_queries)
        measurement.cold_ms = sorted(cold_times)[len(cold_times) // 2]
        with CaptureQueriesContext(connection) as warm:
            for _ in range(repeat):
                response = request()
        measurement.queries_per_request = len(warm.captured_queries) / repeat
        if response.status_code != measurement.status:
            measurement.problems.append(
                f"test client got {response.status_code}, gunicorn {measurement.status}"
            )


# ---------------------------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(
    url: str, token: str, timeout: float = 30, method: str = "GET", body: str | None = None
) -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    data = None if body is None else body.encode()
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback only)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Gunicorn:
    """The deploy project under gunicorn on 127.0.0.1, stopped (its whole process group) on exit."""

    def __init__(self, env: dict[str, str], workers: int, log_path: Path) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(workers)}
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Gunicorn:
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "--config",
            str(DEPLOY_DIR / "gunicorn.conf.py"),
            # gunicorn.conf.py recycles a worker every ~1000 requests; at thousands of requests/s that is
            # several Django start-ups a second, which would be measured instead of the requests.
            "--max-requests",
            "0",
        ]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=DEPLOY_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                status, _ = fetch(self.base_url + "/api/v1/health/", "", timeout=5)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /api/v1/health/ within 60 s:\n{self.log_tail()}")

    def __exit__(self, *exc: object) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def wrk_script(
    paths: list[str], threads: int, directory: Path, method: str = "GET", bodies: tuple[str, ...] = ()
) -> Path:
    """A wrk Lua script requesting ``paths`` in turn, each thread starting at its own share of them;
    with ``bodies`` (JSON), each visit of a path sends the next body (with ``method``)."""
    listed = ",\n  ".join(json.dumps(path) for path in paths)  # ASCII (URL-encoded): valid Lua strings
    sent = ",\n  ".join(json.dumps(body) for body in bodies)  # json.dumps' escapes are Lua's too
    script = directory / f"paths-{len(list(directory.iterdir()))}.lua"
    script.write_text(
        f"""local paths = {{
  {listed}
}}
local bodies = {{
  {sent}
}}
local threads = 0
function setup(thread)
  thread:set("first", threads * math.floor(#paths / {threads}))
  threads = threads + 1
end
local i = 0
function init(args)
  i = first or 0
end
function request()
  local path = paths[i % #paths + 1]
  local visit = math.floor(i / #paths)
  i = i + 1
  if #bodies == 0 then
    return wrk.format(nil, path)
  end
  -- Passing headers replaces wrk.headers (the Authorization given with --header): copy them.
  local headers = {{}}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Content-Type"] = "application/json"
  return wrk.format({json.dumps(method)}, path, headers, bodies[visit % #bodies + 1])
end
""",
        encoding="utf-8",
    )
    return script


def run_wrk(args: argparse.Namespace, url: str, token: str, seconds: int, script: Path | None = None) -> str:
    command = [
        shutil.which("wrk") or "wrk",
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={seconds}s",
        f"--timeout={args.timeout}s",
        "--latency",
        f"--header=Authorization: Bearer {token}",
        *([f"--script={script}"] if script else []),
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + args.timeout + 30)
    if result.returncode:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


# ---------------------------------------------------------------------------------------------- report


def floor_requests_per_second(measurements: list[Measurement]) -> float | None:
    """The mean of the floor's runs (first and last): load from elsewhere drifts during a run."""
    rates = [m.wrk.requests_per_second for m in measurements if m.endpoint.name in FLOOR_NAMES and m.wrk]
    return sum(rates) / len(rates) if rates else None


def rows(measurements: list[Measurement]) -> list[dict[str, Any]]:
    floor_rate = floor_requests_per_second(measurements)
    table = []
    for m in measurements:
        rate = m.wrk.requests_per_second if m.wrk else None
        table.append(
            {
                "endpoint": m.endpoint.name,
                "path": m.endpoint.path,
                "what": m.endpoint.what,
                "status": m.status,
                "requests_per_second": rate,
                "p50_ms": m.wrk.latency_ms["p50"] if m.wrk else None,
                "p99_ms": m.wrk.latency_ms["p99"] if m.wrk else None,
                "errors": m.wrk.errors if m.wrk else None,
                "queries_per_request": m.queries_per_request,
                "queries_cold": m.queries_cold,
                "cold_ms": None if m.cold_ms is None else round(m.cold_ms, 2),
                "response_bytes": m.response_bytes,
                "floor_ratio": round(rate / floor_rate, 4) if rate is not None and floor_rate else None,
                "wrk": m.wrk.to_dict() if m.wrk else None,
                "wrk_report": m.wrk_report,
                "problems": m.problems,
            }
        )
    return table


def format_table(table: list[dict[str, Any]]) -> str:
    def number(value: float | None, pattern: str) -> str:
        return "-" if value is None else format(value, pattern)

    header = (
        "endpoint",
        "req/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "queries/req",
        "cold queries",
        "cold ms",
        "bytes",
        "x floor",
    )
    lines = [header]
    for row in table:
        queries = row["queries_per_request"]
        lines.append(
            (
                row["endpoint"],
                number(row["requests_per_second"], ",.1f"),
                number(row["p50_ms"], ".2f"),
                number(row["p99_ms"], ".2f"),
                number(row["errors"], "d"),
                "-" if queries is None else f"{queries:g}",
                number(row["queries_cold"], "d"),
                number(row["cold_ms"], ".1f"),
                number(row["response_bytes"], ",d"),
                number(None if row["floor_ratio"] is None else row["floor_ratio"] * 100, ".1f") + "%",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    ]
    text.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(text)


def git_revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_DIR, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=REPO_DIR, capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + (" (with uncommitted changes)" if dirty else "")


# ---------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not shutil.which("wrk"):
        sys.exit("error: wrk is not installed (Debian: apt-get install -y wrk; `make bench` does it as root)")
    check_loopback(args.redis_url, "--redis-url")
    # SIGTERM (a CI timeout, kill) unwinds like Ctrl-C, through the finally that stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started_at = datetime.now(UTC)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain http on the loopback: no proxy in front sets X-Forwarded-Proto.
        "SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": args.redis_url,
        "MBC_BENCH": "1",
    }
    database = ensure_database(args, env)
    setup_django(env)
    from django.core.cache import cache
    from django.db import connections
    from django.urls import get_resolver

    # Import every view now, as gunicorn's workers do at start: the queries counted after the load run
    # come from the same code even if the tree changes meanwhile, and a broken tree fails here, early.
    get_resolver().url_patterns  # noqa: B018
    cache.clear()
    inputs = pick_inputs(args.books, args.variants)
    token = bench_token()
    readers = pick_reader_inputs(args.variants)
    connections.close_all()
    if readers:
        inputs["readers"] = readers
    else:
        wanted = [name for name in READER_ENDPOINT_NAMES if not args.only or name in args.only]
        message = (
            f"the bench user {BENCH_USERNAME!r} has no library, follows nobody with a public library, or no"
            f" book has a review (seed the readers: manage.py generate_readers --bench-user {BENCH_USERNAME})"
        )
        if args.only and wanted:
            sys.exit(f"error: {', '.join(wanted)} need seeded readers: {message}")
        print(f"warning: {', '.join(wanted)} left out: {message}", file=sys.stderr, flush=True)
    endpoints = endpoints_for(inputs)
    if args.only:
        endpoints = [e for e in endpoints if e.name == "floor" or e.name in args.only]
    floor = endpoints[0]
    endpoints.append(Endpoint("floor-again", floor.path, floor.what + ", run again last"))
    shown = {key: value for key, value in inputs.items() if key not in ("variants", "readers")}
    if readers:
        shown["readers"] = {
            **{key: value for key, value in readers.items() if key not in ("variants", "rate_entries")},
            "rate_entries": len(readers["rate_entries"]),
        }
    print("Inputs: " + json.dumps(shown, ensure_ascii=False), flush=True)
    measurements = [Measurement(endpoint) for endpoint in endpoints]
    with tempfile.TemporaryDirectory(prefix="mbc-bench-") as workdir:
        server = Gunicorn(env, args.workers, Path(workdir) / "gunicorn.log")
        try:
            with server:
                print(
                    f"gunicorn ({args.workers} workers, production settings) at {server.base_url}", flush=True
                )
                for m in measurements:
                    endpoint = m.endpoint
                    url = server.base_url + endpoint.path
                    first_body = endpoint.bodies[0] if endpoint.bodies else None
                    m.status, body = fetch(url, token, method=endpoint.method, body=first_body)
                    m.response_bytes = len(body)
                    if m.status != 200:
                        m.problems.append(f"HTTP {m.status}: {body[:200].decode(errors='replace')}")
                    script = None
                    if endpoint.more_paths or endpoint.bodies:
                        paths = [endpoint.path, *endpoint.more_paths]
                        script = wrk_script(
                            paths, args.threads, Path(workdir), endpoint.method, endpoint.bodies
                        )
                    if args.warmup:
                        run_wrk(args, url, token, args.warmup, script)
                    m.wrk_report = run_wrk(args, url, token, args.duration, script)
                    m.wrk = parse_wrk_output(m.wrk_report)
                    print(
                        f"  {m.endpoint.name:<14} {m.wrk.requests_per_second:>9,.1f} req/s  "
                        f"p50 {m.wrk.latency_ms['p50']:.2f} ms  p99 {m.wrk.latency_ms['p99']:.2f} ms  "
                        f"errors {m.wrk.errors}  ({m.endpoint.what})",
                        flush=True,
                    )
        except RuntimeError as error:
            print(f"error: {error}", file=sys.stderr)
            print(f"gunicorn's log ends:\n{server.log_tail()}", file=sys.stderr)
            return 1
    try:
        count_queries([m for m in measurements if m.status is not None], token)
    except Exception as error:  # the load figures are still worth writing
        print(f"error: counting queries failed: {error!r}", file=sys.stderr)
        for m in measurements:
            m.problems.append(f"queries not counted: {error!r}")
    table = rows(measurements)
    print()
    print(format_table(table))
    for row in table:
        for problem in row["problems"]:
            print(f"warning: {row['endpoint']}: {problem}", file=sys.stderr)
    results = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "seconds": round((datetime.now(UTC) - started_at).total_seconds()),
        "command": re.sub(
            r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", " ".join(["bench.run", *(argv or sys.argv[1:])])
        ),
        "options": {k: v for k, v in vars(args).items() if k != "database_url"},
        "revision": git_revision(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "database": database,
        "inputs": inputs,
        "results": table,
    }
    out = Path(args.out)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    floors = [row["requests_per_second"] for row in table if row["endpoint"] in FLOOR_NAMES]
    if len(floors) == 2 and all(floors):
        drift = abs(floors[0] - floors[1]) / max(floors) * 100
        print(f"\nThe floor's two runs differ by {drift:.0f}%: that much of any figure is noise.")
    print(f"Wrote {out.resolve()}; figures are noisy on a shared machine: compare the x floor column.")
    return 1 if any(row["problems"] for row in table) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Synthetic readers for benchmarks: accounts and profiles, follows, libraries, reviews, and the feed.

On top of a catalog (``generate_catalog``), :class:`ReaderGenerator` writes, shaped like a real site:

- ``readers`` accounts (``reader-00001``... with no usable password) and their profiles, mostly public
  (80% public, 15% followers only, 5% private), optionally with one named account among them (the
  benchmark's user, with ``bench_entries`` entries and exactly ``follows`` follows);
- about ``follows`` follows per reader, towards popular readers more often (Zipf-like);
- ``entries`` library entries spread over the readers (a long tail: most readers have a few dozen,
  some many hundreds) and over the books (skewed towards popular books): statuses, a half-star rating
  for ~58%, read-throughs with dates (re-reads too), progress of current readings with its history,
  owned/format/wishlist, notes, a hand-ordered to-read list, a few custom shelves and tags, and ~3% of
  entries hidden (private) whatever the reader's default;
- about ``reviews`` reviews of rated books (plain text rendered as the site renders it), with likes
  and some threaded comments;
- the activities the site would have recorded for all that (started, finished, stopped, rated,
  reviewed, shelving grouped as the site groups it, progress, some follows), each with its audience,
  and a rated or reviewed book's rating at the time (``Activity.rating_quarters``);
- then the books' aggregates (ratings count and sum, histogram, readers, reviews) set from the rows in
  one set-based ``UPDATE``, as ``recount_books`` would.

Rows go in with ``COPY`` (the catalog generator's :func:`copy_rows`), a batch at a time, in one
transaction, with this session's triggers (the deferred foreign-key checks) off when the role may;
ids come from the tables' sequences, moved past them at the end. PostgreSQL only.
"""

from __future__ import annotations

import itertools
import math
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from mybookconnect.books.catalog_generator import (
    COMMON_WORDS,
    FIRST_NAMES,
    LAST_NAMES,
    REGULAR_WORDS,
    copy_rows,
    zipf_cumulative,
)
from mybookconnect.books.conf import books_settings
from mybookconnect.books.markup import render as render_review
from mybookconnect.books.models import (
    Activity,
    ActivityEntry,
    ActivityVerb,
    Book,
    Comment,
    LibraryEntry,
    LibraryFormat,
    LibraryTag,
    ProgressUpdate,
    ReadingStatus,
    ReadThrough,
    Report,
    Review,
    ReviewFormat,
    ReviewLike,
    Shelf,
    ShelfMembership,
)
from mybookconnect.core.visibility import Audience
from mybookconnect.users.models import Block, Follow, FollowRequest, Profile

READER_PREFIX = "reader-"
DEFAULT_FOLLOWS = 50
DEFAULT_BENCH_ENTRIES = 150
DEFAULT_BATCH_SIZE = 20_000
HISTORY_DAYS = 3 * 365

PROFILE_VISIBILITIES = ((Audience.PUBLIC, 0.80), (Audience.FOLLOWERS, 0.15), (Audience.PRIVATE, 0.05))
STATUSES = (
    (ReadingStatus.READ, 0.55),
    (ReadingStatus.WANT_TO_READ, 0.27),
    (ReadingStatus.READING, 0.08),
    (ReadingStatus.DID_NOT_FINISH, 0.06),
    (ReadingStatus.PAUSED, 0.04),
)
# Share of entries of each status that have a rating (about 58% of all entries).
RATED_SHARE = {
    ReadingStatus.READ: 0.95,
    ReadingStatus.DID_NOT_FINISH: 0.6,
    ReadingStatus.READING: 0.15,
    ReadingStatus.PAUSED: 0.15,
    ReadingStatus.WANT_TO_READ: 0.0,
}
# Share that have a dated read-through (imports from other sites often have no dates).
READ_THROUGH_SHARE = {
    ReadingStatus.READ: 0.7,
    ReadingStatus.DID_NOT_FINISH: 0.8,
    ReadingStatus.READING: 1.0,
    ReadingStatus.PAUSED: 1.0,
    ReadingStatus.WANT_TO_READ: 0.0,
}
REVIEWED_STATUSES = (ReadingStatus.READ, ReadingStatus.DID_NOT_FINISH)
REREAD_SHARE = 0.05
HIDDEN_ENTRY_SHARE = 0.03
FOLLOW_ACTIVITY_SHARE = 0.2
FORMATS = ((LibraryFormat.PHYSICAL, 0.6), (LibraryFormat.EBOOK, 0.25), (LibraryFormat.AUDIOBOOK, 0.15))
SHELF_NAMES = (
    "Favourites;Book club;Summer reading;Classics;To lend;Signed copies;Comfort reads;Rereads;"
    "Nonfiction;Bedside table;Holiday;Poetry corner;Recommended by friends;For the kids;Lent out"
).split(";")
TAG_NAMES = (
    "favourite;reread;gift;library-loan;book-club;signed;audiobook;translated;borrowed;dnf-later".split(";")
)
CONTENT_WARNINGS = ("violence", "death", "war", "abuse", "self-harm", "illness", "grief")
WORDS = COMMON_WORDS + REGULAR_WORDS


class SeedingError(Exception):
    """The database cannot take the readers as asked (not PostgreSQL, readers already there...)."""


@dataclass
class ReaderStats:
    """What a run wrote and how long each part took."""

    rows: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())

    def __str__(self) -> str:
        counts = ", ".join(f"{n:,} {name}" for name, n in self.rows.items())
        parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items())
        return f"{counts} in {self.total_seconds:.1f} s ({parts})"


class _Ids:
    """Consecutive ids from the tables' own sequences, which :meth:`finish` moves past the ones used."""

    def __init__(self) -> None:
        self._next: dict[type[models.Model], int] = {}
        self._first: dict[type[models.Model], int] = {}

    def take(self, model: type[models.Model]) -> int:
        if model not in self._next:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s))",
                    [model._meta.db_table, model._meta.pk.column],
                )
                self._first[model] = self._next[model] = cursor.fetchone()[0]
        value = self._next[model]
        self._next[model] = value + 1
        return value

    def finish(self) -> None:
        with connection.cursor() as cursor:
            for model, value in self._next.items():
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                    [model._meta.db_table, model._meta.pk.column, max(value - 1, self._first[model])],
                )


def seeded_tables() -> list[type[models.Model]]:
    """Every table the generator writes but the user table (emptied together by ``--replace``)."""
    return [
        LibraryEntry.tags.through,
        ShelfMembership,
        ActivityEntry,
        Activity,
        ProgressUpdate,
        ReadThrough,
        ReviewLike,
        Report,
        Comment,
        Review,
        Shelf,
        LibraryTag,
        LibraryEntry,
        Follow,
        FollowRequest,
        Block,
        Profile,
    ]


class ReaderGenerator:
    """Writes ``readers`` readers with ``entries`` library entries in all (see the module's docstring)."""

    def __init__(
        self,
        readers: int,
        entries: int,
        *,
        reviews: int | None = None,
        follows: int = DEFAULT_FOLLOWS,
        bench_username: str | None = None,
        bench_entries: int = DEFAULT_BENCH_ENTRIES,
        seed: int = 0,
        batch_size: int = DEFAULT_BATCH_SIZE,
        replace: bool = False,
        progress_stream: IO[str] | None = None,
        show_progress: bool = True,
    ) -> None:
        if readers < 2 or entries < readers:
            raise SeedingError("Need at least two readers and at least one library entry per reader.")
        self.readers = readers
        self.entries = entries
        self.reviews = entries // 10 if reviews is None else reviews
        self.follows = max(1, min(follows, readers - 1))
        self.bench_username = bench_username
        self.bench_entries = bench_entries
        self.random = random.Random(seed)
        self.batch_size = batch_size
        self.replace = replace
        self.progress_stream = progress_stream if progress_stream is not None else sys.stderr
        self.show_progress = show_progress
        self.stats = ReaderStats()
        self.now = timezone.now().replace(microsecond=0)
        self.latest = self.now - timedelta(minutes=1)
        self._ids = _Ids()
        self._rows: dict[type[models.Model], list[dict[str, Any]]] = defaultdict(list)
        self._tag_through = LibraryEntry.tags.through
        self._tag_columns = (
            LibraryEntry.tags.field.m2m_field_name() + "_id",
            LibraryEntry.tags.field.m2m_reverse_field_name() + "_id",
        )
        self._book_means: dict[int, float] = {}
        # Filled as the run goes.
        self.book_ids: list[int] = []
        self._book_weights: list[float] = []
        self.reader_ids: list[int] = []
        self.visibility: dict[int, str] = {}
        self.joined: dict[int, datetime] = {}
        self.bench_user_id: int | None = None
        self.review_share = 0.0
        self.group_seconds = books_settings.BOOKS_FEED_GROUP_SECONDS

    # The run

    def run(self) -> ReaderStats:
        """Write everything in one transaction, then vacuum and analyze what was written."""
        if connection.vendor != "postgresql":
            raise SeedingError("generate_readers writes with COPY: it needs PostgreSQL.")
        with transaction.atomic():
            if self.replace:
                self._timed("clear", self._clear)
            self._check_empty()
            triggers_off = self._switch_triggers(off=True)
            try:
                self._timed("books", self._load_books)
                self._timed("readers", self._make_readers)
                self._timed("follows", self._make_follows)
                self._timed("libraries", self._make_libraries)
                self._flush_all()
                self._ids.finish()
            finally:
                if triggers_off:
                    self._switch_triggers(off=False)
            self._timed("book aggregates", update_book_aggregates)
        self._timed("vacuum", self._vacuum)
        return self.stats

    def _timed(self, name: str, step: Callable[[], Any]) -> Any:
        started = time.monotonic()
        result = step()
        self.stats.seconds[name] = time.monotonic() - started
        return result

    def _switch_triggers(self, *, off: bool) -> bool:
        """Turn off this transaction's triggers (the deferred foreign-key checks of millions of rows,
        all written from ids known to exist) when the role may; ``True`` if done."""
        with connection.cursor() as cursor:
            try:
                with transaction.atomic():
                    cursor.execute(f"SET LOCAL session_replication_role = {'replica' if off else 'origin'}")
            except DatabaseError:
                return False
        return True

    def _progress(self, label: str, done: int, total: int, started: float) -> None:
        if not self.show_progress:
            return
        elapsed = max(time.monotonic() - started, 1e-9)
        end = "\n" if done >= total else ""
        self.progress_stream.write(f"\r{label}: {done:>12,}/{total:,} {done / elapsed:>10,.0f}/s{end}")
        self.progress_stream.flush()

    # Writing

    def _add(self, model: type[models.Model], row: dict[str, Any], label: str) -> None:
        rows = self._rows[model]
        rows.append(row)
        self.stats.rows[label] += 1
        if len(rows) >= self.batch_size:
            copy_rows(model, rows)
            rows.clear()

    def _flush_all(self) -> None:
        for model, rows in self._rows.items():
            if rows:
                copy_rows(model, rows)
                rows.clear()

    def _clear(self) -> None:
        """Empty the tables this generator writes and delete the ``reader-*`` accounts."""
        user_model = get_user_model()
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE " + ", ".join(quote(m._meta.db_table) for m in seeded_tables()))
            cursor.execute(
                f"DELETE FROM {quote(user_model._meta.db_table)} WHERE "
                f"{quote(user_model._meta.get_field(user_model.USERNAME_FIELD).column)} LIKE %s",
                [READER_PREFIX + "%"],
            )

    def _check_empty(self) -> None:
        user_model = get_user_model()
        readers = user_model._default_manager.filter(
            **{f"{user_model.USERNAME_FIELD}__startswith": READER_PREFIX}
        ).exists()
        if readers or LibraryEntry.objects.exists() or Review.objects.exists():
            raise SeedingError(
                "The database already holds readers, library entries or reviews; --replace empties the "
                "tables the generator writes first."
            )

    def _vacuum(self) -> None:
        """Fresh statistics (and, outside a transaction, a vacuumed visibility map and no dead book rows),
        so that the benchmark that follows is not measuring autovacuum."""
        user_model = get_user_model()
        quote = connection.ops.quote_name
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            for model in [*seeded_tables(), user_model, Book]:
                cursor.execute(f"{command} {quote(model._meta.db_table)}")

    # Books

    def _load_books(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {connection.ops.quote_name(Book._meta.db_table)} ORDER BY id")
            self.book_ids = [row[0] for row in cursor.fetchall()]
        if len(self.book_ids) < 2:
            raise SeedingError("The catalog is empty: run generate_catalog first.")
        # A popularity of our own (long-tailed, the same for the same seed whatever the catalog's
        # readers_count says): entries go to books in proportion to it.
        self._book_weights = list(
            itertools.accumulate(self.random.paretovariate(1.2) for _ in range(len(self.book_ids)))
        )

    def _book_mean(self, book_id: int) -> float:
        """A book's own quality: readers' ratings scatter around it."""
        mean = self._book_means.get(book_id)
        if mean is None:
            mean = self._book_means[book_id] = min(4.8, max(1.5, self.random.gauss(3.7, 0.5)))
        return mean

    # Readers and follows

    def _weighted(self, choices: Sequence[tuple[Any, float]]) -> Any:
        point = self.random.random()
        for value, share in choices:
            point -= share
            if point < 0:
                return value
        return choices[-1][0]

    def _distinct(
        self, draw: Callable[[int], list[int]], n: int, population: Sequence[int], exclude: Iterable[int] = ()
    ) -> list[int]:
        """``n`` distinct values from ``draw(k)`` (weighted draws with repeats); after a few rounds the
        rest uniformly from ``population`` (a heavy skew makes the last few slow to find)."""
        seen = set(exclude)
        chosen: list[int] = []
        for _ in range(8):
            for value in draw(int((n - len(chosen)) * 1.3) + 4):
                if value not in seen:
                    seen.add(value)
                    chosen.append(value)
                    if len(chosen) == n:
                        return chosen
        rest = [value for value in population if value not in seen]
        return chosen + self.random.sample(rest, min(n - len(chosen), len(rest)))

    def _make_readers(self) -> None:
        user_model = get_user_model()
        manager = user_model._default_manager
        username_field = user_model.USERNAME_FIELD
        email_field = user_model.get_email_field_name()
        field_names = {f.name for f in user_model._meta.concrete_fields}
        width = max(5, len(str(self.readers)))
        earliest = HISTORY_DAYS * 86400
        profiles_to_write = []
        bench_user = None
        if self.bench_username:
            bench_user = manager.filter(**{username_field: self.bench_username}).first()
        count = self.readers
        if self.bench_username:
            uid = bench_user.pk if bench_user else self._ids.take(user_model)
            self.bench_user_id = uid
            self.reader_ids.append(uid)
            self.visibility[uid] = Audience.PUBLIC
            self.joined[uid] = self.now - timedelta(days=400)
            if bench_user is None:
                self._add(
                    user_model, self._user_row(uid, self.bench_username, field_names, email_field), "readers"
                )
            else:
                self.stats.rows["readers"] += 1
            if Profile.objects.filter(user_id=uid).exists():
                Profile.objects.filter(user_id=uid).update(profile_visibility=Audience.PUBLIC)
            else:
                profiles_to_write.append(uid)
            count -= 1
        for number in range(1, count + 1):
            uid = self._ids.take(user_model)
            self.reader_ids.append(uid)
            self.visibility[uid] = self._weighted(PROFILE_VISIBILITIES)
            self.joined[uid] = self.now - timedelta(seconds=self.random.uniform(30 * 86400, earliest))
            name = f"{READER_PREFIX}{number:0{width}d}"
            self._add(user_model, self._user_row(uid, name, field_names, email_field), "readers")
            profiles_to_write.append(uid)
        for uid in profiles_to_write:
            visibility = self.visibility[uid]
            self._add(
                Profile,
                {
                    "user_id": uid,
                    "display_name": f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}",
                    "bio": self._sentence(8, 20) if self.random.random() < 0.3 else "",
                    "profile_visibility": visibility,
                    "approve_followers": visibility != Audience.PUBLIC and self.random.random() < 0.5,
                    "created_at": self.joined[uid],
                    "updated_at": self.joined[uid],
                },
                "profiles",
            )

    def _user_row(self, uid: int, name: str, field_names: set[str], email_field: str) -> dict[str, Any]:
        row: dict[str, Any] = {
            "id": uid,
            get_user_model().USERNAME_FIELD: name,
            # Unusable (no one signs in as a reader), and not drawn from the seeded random numbers.
            "password": make_password(None),
        }
        if email_field in field_names:
            row[email_field] = f"{name}@bench.invalid"
        if "date_joined" in field_names:
            row["date_joined"] = self.joined[uid]
        return row

    def _make_follows(self) -> None:
        ranking = self.reader_ids[:]
        self.random.shuffle(ranking)
        weights = zipf_cumulative(len(ranking), 0.6)

        def draw(k: int) -> list[int]:
            return self.random.choices(ranking, cum_weights=weights, k=k)

        started = time.monotonic()
        for done, uid in enumerate(self.reader_ids, 1):
            if uid == self.bench_user_id:
                n = self.follows
            else:
                n = min(len(ranking) - 1, max(1, round(self.random.gauss(self.follows, self.follows / 3))))
            for followee in self._distinct(draw, n, ranking, exclude=(uid,)):
                since = max(self.joined[uid], self.joined[followee])
                created = since + (self.latest - since) * self.random.random()
                self._add(
                    Follow, {"follower_id": uid, "followee_id": followee, "created_at": created}, "follows"
                )
                if self.random.random() < FOLLOW_ACTIVITY_SHARE:
                    self._activity(
                        uid, ActivityVerb.FOLLOWED, self.visibility[uid], created, target_user_id=followee
                    )
            if done % 1000 == 0 or done == len(self.reader_ids):
                self._progress("follows", done, len(self.reader_ids), started)

    # Libraries

    def _entry_counts(self) -> list[int]:
        """How many entries each reader has: a long tail (log-normal), ``entries`` in all."""
        others = [uid for uid in self.reader_ids if uid != self.bench_user_id]
        bench = 0
        if self.bench_user_id is not None:
            bench = min(self.bench_entries, len(self.book_ids) // 2, self.entries - len(others))
        total = self.entries - bench
        cap = max(1, min(len(self.book_ids) // 2, 20 * total // len(others), 5000))
        mean = total / len(others)
        raw = [self.random.lognormvariate(math.log(mean) - 0.5, 1.0) for _ in others]
        scale = total / sum(raw)
        counts = [min(cap, max(1, round(value * scale))) for value in raw]
        # Rounding and the bounds leave a small difference: spread it one entry at a time.
        difference = total - sum(counts)
        order = list(range(len(counts)))
        while difference:
            self.random.shuffle(order)
            step = 1 if difference > 0 else -1
            moved = False
            for index in order:
                if difference and 1 <= counts[index] + step <= cap:
                    counts[index] += step
                    difference -= step
                    moved = True
            if not moved:
                break
        result = dict(zip(others, counts, strict=True))
        if self.bench_user_id is not None:
            result[self.bench_user_id] = bench
        return [result[uid] for uid in self.reader_ids]

    def _make_libraries(self) -> None:
        counts = self._entry_counts()
        rated_share = sum(
            share * RATED_SHARE[status] for status, share in STATUSES if status in REVIEWED_STATUSES
        )
        self.review_share = min(1.0, self.reviews / max(1, self.entries * rated_share))
        started = time.monotonic()
        done = shown = 0
        total = sum(counts)
        for uid, count in zip(self.reader_ids, counts, strict=True):
            self._library(uid, count)
            done += count
            if done - shown >= total // 100 or done == total:
                self._progress("library entries", done, total, started)
                shown = done

    def _times(self, since: datetime, n: int) -> list[datetime]:
        """When ``n`` books were added: in sessions of a few books minutes apart (an import, a shopping
        trip), sessions spread from ``since`` to now."""
        span = (self.latest - timedelta(hours=2) - since).total_seconds()
        sessions = [since + timedelta(seconds=self.random.random() * span) for _ in range(max(1, n // 4))]
        times = []
        used: Counter[int] = Counter()
        for _ in range(n):
            session = self.random.randrange(len(sessions))
            used[session] += 1
            times.append(sessions[session] + timedelta(minutes=used[session] * self.random.uniform(0.5, 5)))
        return sorted(times)

    def _later(self, moment: datetime, low_days: float, high_days: float) -> datetime:
        return min(self.latest, moment + timedelta(days=self.random.uniform(low_days, high_days)))

    def _library(self, uid: int, count: int) -> None:
        visibility = self.visibility[uid]

        def draw(k: int) -> list[int]:
            return self.random.choices(self.book_ids, cum_weights=self._book_weights, k=k)

        books = self._distinct(draw, count, self.book_ids)
        shelves = self._shelves(uid, visibility)
        tags = self._tags(uid)
        position = 0
        # The open SHELVED activity of each audience and when it began: books added to the to-read
        # list within the grouping window join it, as feed.record_activity groups them.
        shelving: dict[str, tuple[int, datetime]] = {}
        for book_id, added in zip(books, self._times(self.joined[uid], len(books)), strict=True):
            entry_id = self._ids.take(LibraryEntry)
            status = self._weighted(STATUSES)
            hidden = self.random.random() < HIDDEN_ENTRY_SHARE
            audience = Audience.PRIVATE if hidden else visibility
            entry: dict[str, Any] = {
                "id": entry_id,
                "user_id": uid,
                "book_id": book_id,
                "status": status,
                "owned": self.random.random() < 0.35,
                "format": self._weighted(FORMATS) if self.random.random() < 0.7 else "",
                "wishlist": status == ReadingStatus.WANT_TO_READ and self.random.random() < 0.15,
                "notes": self._sentence(5, 15) if self.random.random() < 0.05 else "",
                "audience": audience,
                "audience_is_default": not hidden,
                "position": 0,
                "created_at": added,
                "updated_at": added,
            }
            if status == ReadingStatus.WANT_TO_READ:
                position += 1024
                entry["position"] = position
                group = shelving.get(audience)
                if group is None or (added - group[1]).total_seconds() > self.group_seconds:
                    activity_id = self._activity(
                        uid,
                        ActivityVerb.SHELVED,
                        audience,
                        added,
                        data={"status": status},
                        group_key=f"status:{status}",
                    )
                    group = shelving[audience] = (activity_id, added)
                self._add(ActivityEntry, {"activity_id": group[0], "entry_id": entry_id}, "activity entries")
            else:
                event = self._reading(uid, entry, audience)
                self._rating(uid, entry, audience, event)
            self._membership(entry_id, added, shelves, tags)
            self._add(LibraryEntry, entry, "library entries")

    def _reading(self, uid: int, entry: dict[str, Any], audience: str) -> datetime:
        """The read-throughs (and progress) of a started entry and its activity; returns when the
        last thing happened."""
        status, added = entry["status"], entry["created_at"]
        read_through_id = None
        started = event = added
        if self.random.random() < READ_THROUGH_SHARE[status]:
            started = self._later(added, 0, 14)
            row: dict[str, Any] = {
                "entry_id": entry["id"],
                "started_on": started.date(),
                "created_at": started,
            }
            if status == ReadingStatus.READ:
                event = self._later(started, 2, 60)
                if self.random.random() < REREAD_SHARE and event < self.latest - timedelta(days=60):
                    # A re-read: the first reading, then a second one later.
                    self._read_through({**row, "finished_on": event.date(), "updated_at": event})
                    started = self._later(event, 30, 400)
                    event = self._later(started, 2, 40)
                    row = {**row, "started_on": started.date(), "created_at": started}
                row["finished_on"] = entry["finished_on"] = event.date()
            elif status == ReadingStatus.DID_NOT_FINISH:
                event = self._later(started, 1, 30)
                row["stopped_on"] = event.date()
            else:
                event = started
                row["progress_page"] = self.random.randint(5, self.random.randint(150, 600) - 5)
            read_through_id = self._read_through({**row, "updated_at": event})
            if status == ReadingStatus.READING:
                event = self._progress_updates(
                    uid, entry, read_through_id, started, row["progress_page"], audience
                )
        verb = {
            ReadingStatus.READ: ActivityVerb.FINISHED,
            ReadingStatus.DID_NOT_FINISH: ActivityVerb.STOPPED,
        }.get(status, ActivityVerb.STARTED)
        self._activity(
            uid,
            verb,
            audience,
            started if verb == ActivityVerb.STARTED else event,
            book_id=entry["book_id"],
            entry_id=entry["id"],
            read_through_id=read_through_id,
            data={"status": status},
        )
        entry["updated_at"] = max(entry["updated_at"], event)
        return event

    def _read_through(self, row: dict[str, Any]) -> int:
        read_through_id = self._ids.take(ReadThrough)
        self._add(ReadThrough, {"id": read_through_id, **row}, "read-throughs")
        return read_through_id

    def _progress_updates(
        self, uid: int, entry: dict[str, Any], read_through_id: int, start: datetime, page: int, audience: str
    ) -> datetime:
        """A current reading's progress history (pages going up), and its one grouped activity."""
        count = self.random.randint(1, 3)
        moments = sorted(start + (self.latest - start) * self.random.random() for _ in range(count))
        pages = sorted(self.random.randint(1, page) for _ in range(count - 1)) + [page]
        for moment, at_page in zip(moments, pages, strict=True):
            self._add(
                ProgressUpdate,
                {"read_through_id": read_through_id, "page": at_page, "created_at": moment},
                "progress updates",
            )
        self._activity(
            uid,
            ActivityVerb.PROGRESS,
            audience,
            moments[-1],
            book_id=entry["book_id"],
            entry_id=entry["id"],
            read_through_id=read_through_id,
            data={"page": page},
            group_key=f"progress:{read_through_id}",
        )
        return moments[-1]

    def _rating(self, uid: int, entry: dict[str, Any], audience: str, event: datetime) -> None:
        """A half-star rating around the book's own quality, its activity, and maybe a review."""
        status = entry["status"]
        if self.random.random() >= RATED_SHARE[status]:
            return
        half_stars = min(
            10, max(1, round((self._book_mean(entry["book_id"]) + self.random.gauss(0, 0.9)) * 2))
        )
        rated_at = min(self.latest, event + timedelta(minutes=self.random.uniform(0, 60)))
        entry["rating_quarters"] = 2 * half_stars
        entry["rated_at"] = rated_at
        entry["updated_at"] = max(entry["updated_at"], rated_at)
        self._activity(
            uid,
            ActivityVerb.RATED,
            audience,
            rated_at,
            book_id=entry["book_id"],
            entry_id=entry["id"],
            data={"rating": half_stars / 2},
            rating_quarters=entry["rating_quarters"],
            group_key=f"rated:{entry['id']}",
        )
        if status in REVIEWED_STATUSES and self.random.random() < self.review_share:
            self._review(uid, entry["book_id"], rated_at, entry["rating_quarters"])

    def _review(self, uid: int, book_id: int, after: datetime, rating_quarters: int) -> None:
        """A review written after the rating, its likes and comments, and its activity (which shows
        the rating, as reviews.create_review records it)."""
        review_id = self._ids.take(Review)
        created = self._later(after, 0, 2)
        body = "\n\n".join(
            " ".join(self._sentence(6, 18) for _ in range(self.random.randint(2, 6)))
            for _ in range(self.random.randint(1, 4))
        )
        likes = min(len(self.reader_ids) - 1, 300, int(self.random.paretovariate(1.6)) - 1)
        likers = [reader for reader in self.random.sample(self.reader_ids, likes + 1) if reader != uid][
            :likes
        ]
        for liker in likers:
            self._add(
                ReviewLike,
                {
                    "user_id": liker,
                    "review_id": review_id,
                    "created_at": created + (self.latest - created) * self.random.random(),
                },
                "review likes",
            )
        comments = self._comments(review_id, created) if self.random.random() < 0.15 else 0
        audience = self.visibility[uid]
        self._add(
            Review,
            {
                "id": review_id,
                "user_id": uid,
                "book_id": book_id,
                "title": self._sentence(2, 6).rstrip(".") if self.random.random() < 0.7 else "",
                "body": body,
                "body_format": ReviewFormat.PLAIN,
                "body_html": render_review(body, ReviewFormat.PLAIN),
                "spoiler": self.random.random() < 0.08,
                "content_warnings": [self.random.choice(CONTENT_WARNINGS)]
                if self.random.random() < 0.05
                else [],
                "audience": audience,
                "likes_count": len(likers),
                "comments_count": comments,
                "created_at": created,
                "updated_at": created,
            },
            "reviews",
        )
        self._activity(
            uid,
            ActivityVerb.REVIEWED,
            audience,
            created,
            book_id=book_id,
            review_id=review_id,
            data={"rating": rating_quarters / 4},
            rating_quarters=rating_quarters,
        )

    def _comments(self, review_id: int, after: datetime) -> int:
        """A short thread: comments, a third of them replies to an earlier one."""
        ids: list[int] = []
        moment = after
        for _ in range(self.random.randint(1, 6)):
            comment_id = self._ids.take(Comment)
            moment = self._later(moment, 0, 3)
            self._add(
                Comment,
                {
                    "id": comment_id,
                    "review_id": review_id,
                    "user_id": self.random.choice(self.reader_ids),
                    "parent_id": self.random.choice(ids) if ids and self.random.random() < 0.33 else None,
                    "body": self._sentence(4, 30),
                    "created_at": moment,
                    "updated_at": moment,
                },
                "comments",
            )
            ids.append(comment_id)
        return len(ids)

    def _shelves(self, uid: int, audience: str) -> list[int]:
        if self.random.random() >= 0.3:
            return []
        ids = []
        for name in self.random.sample(SHELF_NAMES, self.random.randint(1, 4)):
            shelf_id = self._ids.take(Shelf)
            created = self.joined[uid] + (self.latest - self.joined[uid]) * self.random.random()
            row = {
                "id": shelf_id,
                "user_id": uid,
                "name": name,
                "audience": audience,
                "created_at": created,
                "updated_at": created,
            }
            self._add(Shelf, row, "shelves")
            ids.append(shelf_id)
        return ids

    def _tags(self, uid: int) -> list[int]:
        if self.random.random() >= 0.2:
            return []
        ids = []
        for name in self.random.sample(TAG_NAMES, self.random.randint(1, 5)):
            tag_id = self._ids.take(LibraryTag)
            self._add(LibraryTag, {"id": tag_id, "user_id": uid, "name": name}, "tags")
            ids.append(tag_id)
        return ids

    def _membership(self, entry_id: int, added: datetime, shelves: list[int], tags: list[int]) -> None:
        if shelves and self.random.random() < 0.25:
            self._add(
                ShelfMembership,
                {"shelf_id": self.random.choice(shelves), "entry_id": entry_id, "created_at": added},
                "shelf memberships",
            )
        if tags and self.random.random() < 0.2:
            entry_column, tag_column = self._tag_columns
            self._add(
                self._tag_through,
                {entry_column: entry_id, tag_column: self.random.choice(tags)},
                "entry tags",
            )

    # Activities and text

    def _activity(
        self,
        uid: int,
        verb: str,
        audience: str,
        created: datetime,
        *,
        data: dict[str, Any] | None = None,
        **links: Any,
    ) -> int:
        activity_id = self._ids.take(Activity)
        self._add(
            Activity,
            {
                "id": activity_id,
                "actor_id": uid,
                "verb": verb,
                "audience": audience,
                "data": data or {},
                "group_key": links.pop("group_key", ""),
                "created_at": created,
                "updated_at": created,
                **links,
            },
            "activities",
        )
        return activity_id

    def _sentence(self, low: int, high: int) -> str:
        words = self.random.choices(WORDS, k=self.random.randint(low, high))
        return " ".join(words).capitalize() + "."


def update_book_aggregates() -> int:
    """Set every book's aggregates from its library entries and reviews, in one ``UPDATE`` of only the
    books whose figures differ; returns how many. The same figures as
    :func:`mybookconnect.books.aggregates.recompute_book_aggregates`, set-based for millions of rows."""
    quote = connection.ops.quote_name
    book, entry, review = (quote(m._meta.db_table) for m in (Book, LibraryEntry, Review))
    sql = f"""
        WITH ratings AS (
            SELECT book_id, (rating_quarters + 1) / 2 AS half_stars, count(*) AS n,
                   sum(rating_quarters) AS total
            FROM {entry} WHERE rating_quarters IS NOT NULL GROUP BY book_id, half_stars
        ), rated AS (
            SELECT book_id, sum(n)::integer AS ratings_count, sum(total)::integer AS ratings_sum,
                   jsonb_object_agg(
                       (half_stars / 2)::text || CASE WHEN half_stars % 2 = 1 THEN '.5' ELSE '' END, n
                   ) AS histogram
            FROM ratings GROUP BY book_id
        ), readers AS (
            SELECT book_id, count(*)::integer AS n FROM {entry} GROUP BY book_id
        ), reviewed AS (
            SELECT book_id, count(*)::integer AS n FROM {review} GROUP BY book_id
        ), truth AS (
            SELECT b.id,
                   coalesce(rated.ratings_count, 0) AS ratings_count,
                   coalesce(rated.ratings_sum, 0) AS ratings_sum,
                   coalesce(readers.n, 0) AS readers_count,
                   coalesce(reviewed.n, 0) AS reviews_count,
                   coalesce(rated.histogram, '{{}}'::jsonb) AS rating_histogram
            FROM {book} b
            LEFT JOIN rated ON rated.book_id = b.id
            LEFT JOIN readers ON readers.book_id = b.id
            LEFT JOIN reviewed ON reviewed.book_id = b.id
        )
        UPDATE {book} AS target SET
            ratings_count = truth.ratings_count,
            ratings_sum = truth.ratings_sum,
            readers_count = truth.readers_count,
            reviews_count = truth.reviews_count,
            rating_histogram = truth.rating_histogram
        FROM truth
        WHERE target.id = truth.id
          AND (target.ratings_count, target.ratings_sum, target.readers_count, target.reviews_count,
               target.rating_histogram)
              IS DISTINCT FROM
              (truth.ratings_count, truth.ratings_sum, truth.readers_count, truth.reviews_count,
               truth.rating_histogram)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount

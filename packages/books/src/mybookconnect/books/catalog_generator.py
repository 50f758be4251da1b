"""Synthetic catalogs for benchmarks: a million books in minutes, shaped like a real catalog.

What makes it realistic enough to measure search on:

- Titles of 2 to 6 words drawn from a Zipf-like vocabulary: a few words ("the", "love", "night") are in
  a large share of titles, most words (tens of thousands of invented ones, some accented) in a handful.
- Authors shared across books, also Zipf-like: a few prolific authors, a long tail with one book;
  some books have a second author or a translator.
- One to three editions per book, each with a valid, unique ISBN-13 (and its ISBN-10); subjects;
  about one book in six in a series, at positions 1, 2, 3...
- A popularity (``readers_count``) with a long tail, as search uses it to pick candidates.

Rows are written with ``COPY`` on PostgreSQL (psycopg2's ``copy_expert``) and ``bulk_create``
elsewhere, a batch at a time. On PostgreSQL the search triggers are switched off for the load's own
session (``session_replication_role = replica``, when the role may) and the search vectors are then
computed in set-based batches through :func:`mybookconnect.books.services.refresh_search_vectors`.
"""

from __future__ import annotations

import io
import itertools
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import IO, Any

from django.db import DatabaseError, connection, models, transaction
from django.db.models import Max

from mybookconnect.books.models import Author, Book, BookAuthor, BookSeries, Edition, Series, derive_sort_name
from mybookconnect.books.search_sql import WORDS
from mybookconnect.books.services import get_or_create_subject, refresh_search_vectors

DEFAULT_BATCH_SIZE = 10_000
BOOKS_PER_AUTHOR = 4
BOOKS_PER_SERIES = 40
# The ISBN block the generator numbers its editions in: 978-0, continuing after the highest one in use.
ISBN_PREFIX = "9780"

COMMON_WORDS = (
    "love life world night house war history time death heart story day man woman city secret dark light "
    "king book girl boy water fire blood shadow sea home last summer garden road little new great lost "
    "child family art guide year game star moon"
).split()
REGULAR_WORDS = (
    "river mountain forest winter autumn spring morning evening island kingdom empire memory dream song "
    "silence stone glass iron silver golden crown sword queen prince daughter son mother father brother "
    "sister friend stranger journey voyage return promise lie truth wind storm rain snow ash dust bone "
    "rose lily orchard harbor bridge tower castle village valley desert ocean street window door letter "
    "map clock mirror candle lantern winterfell pillars earth cathedral wizard dragon witch ghost angel "
    "devil saint sinner hunter thief soldier captain doctor teacher painter poet dancer singer baker "
    "gardener sailor pilot spy detective murder mystery crime case affair trial verdict justice law "
    "power money gold silk salt spice tea coffee wine bread honey apple orange lemon cherry plum "
    "science nature mind body soul spirit faith hope fear anger joy grief wonder beauty chaos order "
    "machine engine code data network signal echo whisper cry laughter tears kiss touch wound cure "
    "history's ancient modern future past present forgotten hidden broken silent burning frozen wild "
    "quiet gentle bitter sweet cruel kind brave proud lonely strange curious hungry restless endless "
    "secret's north south east west red blue green black white grey purple scarlet crimson amber "
    "hundred thousand first second third seven twelve forty mile hour week century age era season"
).split()
SYLLABLES = (
    "ka lo mir thal ven dor bel cas tri lun sar eth ion gal fen mor rak sil tor ul wyn zan bra cor "
    "dre fal gor hal il jor kel lin mal nor or pal quin ros sen tal ur val wen xal yor zer an ber "
    "cin del ell fir gil hun ith jun kor lyr mun nel ost per rin sha thu ul vor wil ash bryn"
).split()
ACCENTED_SYLLABLES = "dún rén lía són nár géo mír tél".split()
FIRST_NAMES = (
    "Ana Ben Carla David Elena Frank Grace Hugo Irene Jack Karen Leo María Noah Olga Pablo Quinn Rosa "
    "Samuel Teresa Ursula Victor Wendy Xavier Yara Zoe Laura Ken Carlos Isabel Jorge Lucía Miguel Sofía "
    "John Mary James Patricia Robert Jennifer Michael Linda William Elizabeth Thomas Susan Charles Jessica "
    "Daniel Sarah Matthew Nancy Anthony Lisa Mark Betty Paul Helen Steven Sandra Andrew Donna Joshua "
    "Emily Kevin Michelle Brian Carol George Amanda Edward Melissa Ronald Deborah Timothy Stephanie Jason "
    "Rebecca Jeffrey Sharon Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Shirley Eric Angela Jonathan "
    "Haruki Chimamanda Orhan Wisława Naguib Yasunari Gabriel Mario Julio Octavio Jorge Pablo Rosalía"
).split()
LAST_NAMES = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez "
    "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark "
    "Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams "
    "Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Follett Gallego Zafón Márquez Cortázar "
    "Borges Neruda Allende Murakami Adichie Pamuk Szymborska Mahfouz Kawabata Vargas Paz Castro Ruiz "
    "Fernández Álvarez Muñoz Romero Navarro Domínguez Gil Vázquez Serrano Ramos Blanco Molina Morales "
    "Ortega Delgado Castillo Ortiz Rubio Marín Sanz Iglesias Medina Garrido Cortés Santos Guerrero Lozano"
).split()
SUBJECTS = (
    "Fiction;Fantasy;Science fiction;Mystery;Thriller;Romance;Historical fiction;Horror;Poetry;Drama;"
    "Biography;Autobiography;History;Science;Philosophy;Psychology;Religion;Travel;Cooking;Art;Music;"
    "Children's books;Young adult;Comics;Graphic novels;Short stories;Essays;Humor;Politics;Economics;"
    "Business;Self-help;Health;Sports;Nature;Animals;Mathematics;Physics;Chemistry;Biology;Medicine;"
    "Computers;Programming;Engineering;Architecture;Photography;Design;Education;Language;Linguistics;"
    "Law;Crime;True crime;War;Military history;Adventure;Classics;Literary fiction;Dystopia;Mythology;"
    "Fairy tales;Ciencia ficción;Novela histórica;Literatura juvenil;Poesía;Ensayo;Novela negra;Teatro"
).split(";")
LANGUAGES = ["en"] * 70 + ["es"] * 20 + ["fr", "de", "it", "pt"] * 2 + ["ca", "gl"]
FORMATS = ["paperback"] * 5 + ["hardcover"] * 3 + ["ebook"] * 2 + ["audiobook"]
PUBLISHERS = (
    "Penguin;Random House;HarperCollins;Simon & Schuster;Macmillan;Hachette;Planeta;Anagrama;Alfaguara;"
    "Tusquets;Salamandra;Vintage;Bloomsbury;Faber & Faber;Gallimard;Suhrkamp;Einaudi;Orbit;Tor;Del Rey"
).split(";")
TITLE_SHAPES = (
    "{A} {B}",
    "The {A} {B}",
    "The {A} of the {B}",
    "{A} of {B}",
    "{A} and {B}",
    "A {A} in the {B}",
    "The {A} {B} {C}",
    "{A} {B} {C}",
    "{A} of the {B} {C}",
    "The {A}",
)


@dataclass
class GenerationStats:
    """What a run created and how long each part took."""

    books: int = 0
    authors: int = 0
    editions: int = 0
    series: int = 0
    subjects: int = 0
    method: str = ""
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())

    def __str__(self) -> str:
        parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items())
        rate = self.books / self.total_seconds if self.total_seconds else 0
        return (
            f"{self.books:,} books, {self.authors:,} authors, {self.editions:,} editions, "
            f"{self.series:,} series, {self.subjects:,} subjects in {self.total_seconds:.1f} s "
            f"({rate:,.0f} books/s; {self.method}; {parts})"
        )


def zipf_cumulative(n: int, exponent: float) -> list[float]:
    """Cumulative weights of ranks 1..n under Zipf's law, for ``random.choices(cum_weights=...)``."""
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, n + 1)))


def isbn_pair(body: int) -> tuple[str, str]:
    """The ISBN-13 and ISBN-10 of number ``body`` in the generator's block."""
    first12 = f"{ISBN_PREFIX}{body:08d}"
    check13 = (10 - sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(first12)) % 10) % 10
    nine = first12[3:]
    remainder = (11 - sum((10 - i) * int(c) for i, c in enumerate(nine)) % 11) % 11
    return f"{first12}{check13}", nine + ("X" if remainder == 10 else str(remainder))


class CatalogGenerator:
    """Generates ``books`` books (with authors, editions, subjects, series) and writes them in batches."""

    def __init__(
        self,
        books: int,
        *,
        seed: int = 0,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress_stream: IO[str] | None = None,
        show_progress: bool = True,
        use_copy: bool | None = None,
    ) -> None:
        self.books = books
        self.random = random.Random(seed)
        self.batch_size = batch_size
        self.progress_stream = progress_stream if progress_stream is not None else sys.stderr
        self.show_progress = show_progress
        self.use_copy = connection.vendor == "postgresql" if use_copy is None else use_copy
        self.stats = GenerationStats(method="COPY" if self.use_copy else "bulk_create")
        self._vocabulary = self._make_vocabulary()
        self._vocabulary_weights = zipf_cumulative(len(self._vocabulary), 1.0)

    # Vocabulary and names

    def _make_vocabulary(self) -> list[str]:
        invented: set[str] = set()
        target = max(2000, min(60_000, self.books // 15))
        while len(invented) < target:
            syllables = self.random.choices(SYLLABLES, k=self.random.choice((2, 2, 3, 3, 4)))
            if self.random.random() < 0.04:
                syllables[-1] = self.random.choice(ACCENTED_SYLLABLES)
            invented.add("".join(syllables))
        rare = sorted(invented)
        self.random.shuffle(rare)
        # Rank order decides frequency: common words first, then regular ones, then the long tail.
        return COMMON_WORDS + REGULAR_WORDS + rare

    def _words(self, k: int) -> list[str]:
        return self.random.choices(self._vocabulary, cum_weights=self._vocabulary_weights, k=k)

    def _title(self) -> str:
        shape = self.random.choice(TITLE_SHAPES)
        a, b, c = self._words(3)
        while len({a, b, c}) < 3:  # "The love love" is no title
            a, b, c = self._words(3)
        title = shape.format(A=a, B=b, C=c)
        return title[0].upper() + title[1:]

    def _author_name(self) -> str:
        first = self.random.choice(FIRST_NAMES)
        if self.random.random() < 0.35:
            last = "".join(self.random.choices(SYLLABLES, k=self.random.choice((2, 3)))).capitalize()
        else:
            last = self.random.choice(LAST_NAMES)
        if self.random.random() < 0.1:
            return f"{first} {self.random.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
        return f"{first} {last}"

    # Ids

    def _allocate_ids(self, model: type[models.Model], count: int) -> int:
        """The first of ``count`` consecutive free ids of ``model``'s table (the sequence moved past them)."""
        table = model._meta.db_table
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # One statement, so that the range is taken at once: nextval, then the sequence moved on.
                sequence = "pg_get_serial_sequence(%s, 'id')"
                cursor.execute(
                    f"SELECT setval({sequence}, nextval({sequence}) + %s - 1)", [table, table, count]
                )
                return cursor.fetchone()[0] - count + 1
        return (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1

    def _first_isbn_body(self) -> int:
        highest = Edition.objects.filter(isbn_13__startswith=ISBN_PREFIX).aggregate(m=Max("isbn_13"))["m"]
        return int(highest[4:12]) + 1 if highest else 1

    # Writing

    def _write(self, model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        if self.use_copy:
            copy_rows(model, rows)
        else:
            model.objects.bulk_create([model(**row) for row in rows], batch_size=2000)

    def _progress(self, label: str, done: int, total: int, started: float) -> None:
        if not self.show_progress:
            return
        elapsed = max(time.monotonic() - started, 1e-9)
        end = "\n" if done >= total else ""
        self.progress_stream.write(f"\r{label}: {done:>12,}/{total:,} {done / elapsed:>10,.0f}/s{end}")
        self.progress_stream.flush()

    # The run

    def run(self) -> GenerationStats:
        """Generate and write everything; returns what was made and the time each part took."""
        with transaction.atomic():
            triggers_off = self._switch_triggers(off=True)
            try:
                subject_ids = self._timed("subjects", self._make_subjects)
                author_ids = self._timed("authors", self._make_authors)
                series_ids = self._timed("series", self._make_series)
                first_book = self._timed(
                    "books", lambda: self._make_books(author_ids, subject_ids, series_ids)
                )
            finally:
                if triggers_off:
                    self._switch_triggers(off=False)
            if connection.vendor == "postgresql":
                # Fresh statistics first: the vector function's lookups would otherwise scan whole tables.
                self._timed("analyze", self._analyze)
            if triggers_off:
                # The triggers did not run: compute the vectors now, set-based, a large batch at a time.
                self._timed("search vectors", lambda: self._refresh_vectors(first_book))
        if connection.vendor == "postgresql":
            self._timed("vacuum", self._vacuum)
        return self.stats

    def _timed(self, name: str, step: Any) -> Any:
        started = time.monotonic()
        result = step()
        self.stats.seconds[name] = time.monotonic() - started
        return result

    def _switch_triggers(self, *, off: bool) -> bool:
        """Turn this session's triggers off for the load (PostgreSQL, privileged roles); ``True`` if done."""
        if connection.vendor != "postgresql" or not self.use_copy:
            return False
        with connection.cursor() as cursor:
            try:
                with transaction.atomic():
                    cursor.execute(f"SET LOCAL session_replication_role = {'replica' if off else 'origin'}")
            except DatabaseError:
                return False  # not allowed for this role: the triggers stay on and do the work
        return True

    def _make_subjects(self) -> list[int]:
        ids = [get_or_create_subject(name).pk for name in SUBJECTS]
        self.stats.subjects = len(ids)
        return ids

    def _make_authors(self) -> list[int]:
        count = max(1, self.books // BOOKS_PER_AUTHOR)
        first = self._allocate_ids(Author, count)
        started = time.monotonic()
        for offset in range(0, count, self.batch_size):
            rows = []
            for author_id in range(first + offset, first + min(offset + self.batch_size, count)):
                name = self._author_name()
                born = self.random.randint(1800, 2000) if self.random.random() < 0.6 else None
                died = born + self.random.randint(30, 95) if born and born < 1960 else None
                rows.append(
                    {
                        "id": author_id,
                        "name": name,
                        "sort_name": derive_sort_name(name),
                        "birth_year": born,
                        "death_year": died if died and died <= 2025 else None,
                    }
                )
            self._write(Author, rows)
            self._progress("authors", offset + len(rows), count, started)
        self.stats.authors = count
        return list(range(first, first + count))

    def _make_series(self) -> list[int]:
        count = max(1, self.books // BOOKS_PER_SERIES)
        first = self._allocate_ids(Series, count)
        shapes = ("The {A} Chronicles", "{A} Saga", "The {A} Cycle", "{A}", "The {A} Trilogy", "Tales of {A}")
        rows = []
        for series_id in range(first, first + count):
            (word,) = self._words(1)
            rows.append({"id": series_id, "name": self.random.choice(shapes).format(A=word.capitalize())})
        for offset in range(0, count, self.batch_size):
            self._write(Series, rows[offset : offset + self.batch_size])
        self.stats.series = count
        return list(range(first, first + count))

    def _make_books(self, author_ids: list[int], subject_ids: list[int], series_ids: list[int]) -> int:
        first_book = self._allocate_ids(Book, self.books)
        author_weights = zipf_cumulative(len(author_ids), 0.75)
        subject_weights = zipf_cumulative(len(subject_ids), 0.9)
        isbn_body = self._first_isbn_body()
        series_next: dict[int, int] = {}
        started = time.monotonic()
        for offset in range(0, self.books, self.batch_size):
            size = min(self.batch_size, self.books - offset)
            book_ids = range(first_book + offset, first_book + offset + size)
            books, links, editions, subjects, in_series = [], [], [], [], []
            authors = self.random.choices(author_ids, cum_weights=author_weights, k=size)
            for book_id, author_id in zip(book_ids, authors, strict=True):
                year: int | None = int(2030 - self.random.paretovariate(1.3) * 8)
                if year < 1 or self.random.random() < 0.1:
                    year = None
                language = self.random.choice(LANGUAGES)
                books.append(
                    {
                        "id": book_id,
                        "title": self._title(),
                        "subtitle": self._title() if self.random.random() < 0.15 else "",
                        "description": " ".join(self._words(12)).capitalize() + "."
                        if self.random.random() < 0.2
                        else "",
                        "first_published_year": year,
                        "original_language": language,
                        "readers_count": int(self.random.paretovariate(1.2)) - 1,
                    }
                )
                links.append({"book_id": book_id, "author_id": author_id, "role": "author", "position": 0})
                extra = self.random.random()
                if extra < 0.08:
                    (other,) = self.random.choices(author_ids, cum_weights=author_weights, k=1)
                    role = "translator" if extra < 0.04 else "author"
                    if other != author_id or role != "author":
                        links.append({"book_id": book_id, "author_id": other, "role": role, "position": 1})
                for _ in range(self.random.choice((1, 1, 1, 2, 2, 3))):
                    isbn_13, isbn_10 = isbn_pair(isbn_body)
                    isbn_body += 1
                    edition_year = year + self.random.randint(0, 20) if year else None
                    editions.append(
                        {
                            "book_id": book_id,
                            "isbn_13": isbn_13,
                            "isbn_10": isbn_10,
                            "publisher": self.random.choice(PUBLISHERS),
                            "publication_year": min(edition_year, 2025) if edition_year else None,
                            "pages": self.random.randint(48, 900),
                            "format": self.random.choice(FORMATS),
                            "language": language,
                        }
                    )
                chosen = set(
                    self.random.choices(subject_ids, cum_weights=subject_weights, k=self.random.randint(1, 3))
                )
                subjects.extend({"book_id": book_id, "subject_id": subject_id} for subject_id in chosen)
                if self.random.random() < 0.16:
                    series_id = self.random.choice(series_ids)
                    position = series_next.get(series_id, 1)
                    series_next[series_id] = position + 1
                    in_series.append(
                        {"book_id": book_id, "series_id": series_id, "position": Decimal(position)}
                    )
            self._write(Book, books)
            self._write(BookAuthor, links)
            self._write(Edition, editions)
            self._write(Book.subjects.through, subjects)
            self._write(BookSeries, in_series)
            self.stats.books += size
            self.stats.editions += len(editions)
            self._progress("books", offset + size, self.books, started)
        return first_book

    def _refresh_vectors(self, first_book: int) -> None:
        started = time.monotonic()
        step = max(self.batch_size, 50_000)
        for offset in range(0, self.books, step):
            ids = range(first_book + offset, first_book + min(offset + step, self.books))
            refresh_search_vectors(ids)
            self._progress("search vectors", offset + len(ids), self.books, started)

    def _vacuum(self) -> None:
        """Statistics of the vectors (the first ANALYZE saw none yet) and of the word list, and, when
        not inside a transaction, a VACUUM of the book table: the vector update left a dead copy of every
        row and no visibility map, and searches read both until autovacuum gets round to it (measured on
        1,000,000 books: a rare word 843 ms before, 9 ms after)."""
        tables = [Book._meta.db_table, WORDS]
        with connection.cursor() as cursor:
            for table in tables:
                if connection.in_atomic_block:
                    cursor.execute(f'ANALYZE "{table}"')
                else:
                    cursor.execute(f'VACUUM (ANALYZE) "{table}"')

    def _analyze(self) -> None:
        with connection.cursor() as cursor:
            for model in (Author, Book, BookAuthor, Edition, Series, BookSeries, Book.subjects.through):
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')


# COPY


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: Any) -> str:
    return r"\N" if value is None else str(value).translate(_COPY_ESCAPES)


def _copy_number(value: Any) -> str:
    return r"\N" if value is None else str(value)


def _copy_json(value: Any) -> str:
    return r"\N" if value is None else json.dumps(value).translate(_COPY_ESCAPES)


def _copy_datetime(value: Any) -> str:
    return r"\N" if value is None else value.isoformat()


def _copy_converter(field: models.Field) -> Any:
    if isinstance(field, models.JSONField):
        return _copy_json
    if isinstance(field, models.DateTimeField):
        return _copy_datetime
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField, models.ForeignKey)):
        return _copy_number
    if isinstance(field, models.BooleanField):
        return lambda value: r"\N" if value is None else ("t" if value else "f")
    return _copy_text


def copy_rows(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
    """Write ``rows`` (dicts of field attnames) into ``model``'s table with one ``COPY`` (PostgreSQL).

    Columns a row leaves out get the field's default, as ``Model()`` would give them; timestamps
    are "now".
    """
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and "id" not in rows[0])]
    now = datetime.now(UTC)
    columns_spec = []
    for f in fields:
        convert = _copy_converter(f)
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            default = now
        elif f.has_default():
            default = f.get_default()
        elif f.null or convert is not _copy_text:
            # A required column written otherwise than as text (Activity.created_at) has no blank
            # value: NULL, which the database refuses if a row ever leaves it out.
            default = None
        else:
            default = ""
        columns_spec.append((f.attname, convert(default), convert))
    lines = [
        "\t".join([convert(row[name]) if name in row else default for name, default, convert in columns_spec])
        for row in rows
    ]
    buffer = io.StringIO("\n".join(lines) + "\n")
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if hasattr(raw, "copy_expert"):  # psycopg2
            raw.copy_expert(sql, buffer)
        else:  # psycopg 3
            with raw.copy(sql) as copy:
                copy.write(buffer.getvalue())

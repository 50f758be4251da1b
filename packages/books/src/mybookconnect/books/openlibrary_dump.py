"""Streaming Open Library's dump files into the catalog, in batches.

The dumps (``ol_dump_authors_*.txt.gz``, ``ol_dump_works_*``, ``ol_dump_editions_*``) hold one record
a line, tab-separated: type, key, revision, last modified, and the record as JSON. They are read a
line at a time (plain or gzipped), so memory stays flat whatever the file size, and written with
``bulk_create`` a batch at a time.

An import can be stopped and run again: rows whose Open Library id is already in the catalog are
skipped, so a second run only adds what the first did not. On PostgreSQL the search triggers keep
every imported book's search vector right as the rows arrive (bulk inserts fire them too).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import connection, transaction
from django.db.models import Min, OuterRef, Subquery
from django.db.models.functions import Lower

from mybookconnect.books.caching import invalidate_books
from mybookconnect.books.models import (
    Author,
    Book,
    BookAuthor,
    Edition,
    Subject,
    derive_sort_name,
    slugify_subject,
)
from mybookconnect.books.providers.openlibrary import (
    olid,
    parse_author,
    parse_edition,
    parse_work,
    work_author_refs,
)
from mybookconnect.books.search_sql import WORDS
from mybookconnect.books.services import get_or_create_subject

DEFAULT_BATCH_SIZE = 2000
SUBJECTS_PER_WORK = 10
MAX_PAGES = 100_000
GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class ImportStats:
    """What one file's import did."""

    kind: str
    read: int = 0
    created: int = 0
    skipped: int = 0  # already in the catalog (an earlier run), or a duplicate ISBN
    invalid: int = 0  # unreadable lines, records without a name or title, editions of unknown works
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0
        return (
            f"{self.kind}: {self.read:,} read, {self.created:,} created, {self.skipped:,} already there, "
            f"{self.invalid:,} invalid, {self.seconds:.1f} s ({rate:,.0f} lines/s)"
        )


class Progress:
    """A one-line progress report on a stream (stderr by default), redrawn at most a few times a second."""

    def __init__(self, label: str, total_bytes: int, stream: IO[str] | None = None) -> None:
        self.label = label
        self.total_bytes = total_bytes
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.last_drawn = 0.0

    def update(self, rows: int, position: int, *, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self.last_drawn < 0.2:
            return
        self.last_drawn = now
        elapsed = max(now - self.started, 1e-9)
        share = f"{min(position / self.total_bytes, 1):6.1%}" if self.total_bytes else "   ?  "
        end = "\n" if final else ""
        self.stream.write(f"\r{self.label}: {share} {rows:>12,} lines {rows / elapsed:>10,.0f}/s{end}")
        self.stream.flush()


def open_dump(path: str | os.PathLike[str]) -> tuple[IO[str], IO[bytes]]:
    """The file as text lines, gzipped or not (told by its first bytes), and the raw file for progress."""
    raw = open(path, "rb")  # closed by the caller, with the text stream
    compressed = raw.read(2) == GZIP_MAGIC
    raw.seek(0)
    binary: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
    return io.TextIOWrapper(binary, encoding="utf-8", errors="replace"), raw


def read_dump(lines: Iterable[str], stats: ImportStats) -> Iterator[dict[str, Any]]:
    """The JSON records of dump lines (the last tab-separated column); bad lines are counted, not fatal."""
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        stats.read += 1
        try:
            record = json.loads(line.rsplit("\t", 1)[-1])
        except ValueError:
            stats.invalid += 1
            if len(stats.errors) < 20:
                stats.errors.append(f"line {stats.read}: not JSON")
            continue
        if isinstance(record, dict):
            yield record
        else:
            stats.invalid += 1


def batched(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyze_catalog_tables() -> None:
    """``ANALYZE`` the tables an import writes (PostgreSQL; a no-op elsewhere)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Author, Book, BookAuthor, Edition, Subject, Book.subjects.through):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        # The typo correction's word list, which the vector triggers fill.
        cursor.execute(f"ANALYZE {connection.ops.quote_name(WORDS)}")


class DumpImporter:
    """Imports authors, then works (linked to the authors), then editions (linked to the works)."""

    def __init__(
        self,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress_stream: IO[str] | None = None,
        show_progress: bool = True,
    ) -> None:
        self.batch_size = batch_size
        self.progress_stream = progress_stream
        self.show_progress = show_progress
        self._subject_ids: dict[str, int] = {}

    # One method per kind of file, all through _run.

    def import_authors(self, path: str | os.PathLike[str]) -> ImportStats:
        return self._run("authors", path, self._authors_batch)

    def import_works(self, path: str | os.PathLike[str]) -> ImportStats:
        return self._run("works", path, self._works_batch)

    def import_editions(self, path: str | os.PathLike[str]) -> ImportStats:
        return self._run("editions", path, self._editions_batch)

    def _run(
        self,
        kind: str,
        path: str | os.PathLike[str],
        handle: Callable[[list[dict[str, Any]], ImportStats], None],
    ) -> ImportStats:
        stats = ImportStats(kind)
        started = time.monotonic()
        text, raw = open_dump(path)
        progress = (
            Progress(kind, Path(path).stat().st_size, self.progress_stream) if self.show_progress else None
        )
        next_analyze = self.batch_size
        with text, raw:
            for batch in batched(read_dump(text, stats), self.batch_size):
                with transaction.atomic():
                    handle(batch, stats)
                if stats.created >= next_analyze:
                    # Statistics of tables growing from empty go stale at once; with stale ones the search
                    # triggers' lookups scan whole tables. Refreshing them as the tables double is cheap.
                    analyze_catalog_tables()
                    next_analyze = stats.created * 2
                if progress:
                    progress.update(stats.read, raw.tell())
        if progress:
            progress.update(stats.read, progress.total_bytes, final=True)
        stats.seconds = time.monotonic() - started
        return stats

    def _authors_batch(self, records: list[dict[str, Any]], stats: ImportStats) -> None:
        authors: dict[str, Author] = {}
        for record in records:
            credit = parse_author(record)
            if credit is None or not credit.openlibrary_id:
                stats.invalid += 1
                continue
            authors[credit.openlibrary_id] = Author(
                name=credit.name,
                sort_name=derive_sort_name(credit.name)[:300],
                other_names=credit.other_names,
                bio=credit.bio,
                birth_year=credit.birth_year,
                death_year=credit.death_year,
                openlibrary_id=credit.openlibrary_id,
            )
        existing = set(
            Author.objects.filter(openlibrary_id__in=authors).values_list("openlibrary_id", flat=True)
        )
        new = [author for key, author in authors.items() if key not in existing]
        Author.objects.bulk_create(new)
        stats.created += len(new)
        stats.skipped += len(existing)

    def _works_batch(self, records: list[dict[str, Any]], stats: ImportStats) -> None:
        works: dict[str, tuple[Book, list[tuple[str, str]], list[str]]] = {}
        for record in records:
            parsed = parse_work(record)
            if not parsed.title or not parsed.openlibrary_work_id:
                stats.invalid += 1
                continue
            book = Book(
                title=parsed.title,
                subtitle=parsed.subtitle,
                description=parsed.description,
                first_published_year=parsed.first_published_year,
                cover_url=parsed.cover_url if len(parsed.cover_url) <= 500 else "",
                openlibrary_work_id=parsed.openlibrary_work_id,
            )
            subjects = [s[:200] for s in parsed.subjects[:SUBJECTS_PER_WORK]]
            works[parsed.openlibrary_work_id] = (book, work_author_refs(record), subjects)
        existing = set(
            Book.objects.filter(openlibrary_work_id__in=works).values_list("openlibrary_work_id", flat=True)
        )
        stats.skipped += len(existing)
        new = [entry for key, entry in works.items() if key not in existing]
        if not new:
            return
        books = Book.objects.bulk_create([book for book, _, _ in new])
        stats.created += len(books)
        if any(book.pk is None for book in books):
            # Databases that cannot return ids from a bulk insert: read them back.
            ids = dict(
                Book.objects.filter(
                    openlibrary_work_id__in=[b.openlibrary_work_id for b in books]
                ).values_list("openlibrary_work_id", "id")
            )
            for book in books:
                book.pk = ids[book.openlibrary_work_id]
        author_ids = dict(
            Author.objects.filter(
                openlibrary_id__in={key for _, refs, _ in new for key, _ in refs}
            ).values_list("openlibrary_id", "id")
        )
        links: list[BookAuthor] = []
        for book, refs, _ in new:
            seen: set[tuple[int, str]] = set()
            for position, (key, role) in enumerate(refs):
                author_id = author_ids.get(key)
                if author_id is None or (author_id, role) in seen:
                    continue  # an author missing from the authors dump, or listed twice
                seen.add((author_id, role))
                links.append(BookAuthor(book_id=book.pk, author_id=author_id, role=role, position=position))
        BookAuthor.objects.bulk_create(links)
        subject_ids = self._subjects({name for _, _, names in new for name in names})
        through = Book.subjects.through
        subject_links = {
            (book.pk, subject_ids[name.lower()])
            for book, _, names in new
            for name in names
            if name.lower() in subject_ids
        }
        through.objects.bulk_create(
            [through(book_id=book_id, subject_id=subject_id) for book_id, subject_id in subject_links]
        )

    def _subjects(self, names: set[str]) -> dict[str, int]:
        """Subject ids by lower-cased name, creating the missing subjects in bulk."""
        wanted = {name.lower(): name for name in names if name.strip()}
        missing = {key: name for key, name in wanted.items() if key not in self._subject_ids}
        if missing:
            self._load_subjects(missing)
            still_missing = {key: name for key, name in missing.items() if key not in self._subject_ids}
            if still_missing:
                taken = set(
                    Subject.objects.filter(
                        slug__in=[slugify_subject(n)[:190] for n in still_missing.values()]
                    ).values_list("slug", flat=True)
                )
                new = []
                for name in still_missing.values():
                    slug = slugify_subject(name)[:190] or "subject"
                    if slug in taken:
                        slug = f"{slug}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"
                    taken.add(slug)
                    new.append(Subject(name=name, slug=slug))
                Subject.objects.bulk_create(new, ignore_conflicts=True)
                self._load_subjects(still_missing)
                for key, name in still_missing.items():
                    # Names the database folds differently from Python (SQLite lowers ASCII only).
                    if key not in self._subject_ids:
                        self._subject_ids[key] = get_or_create_subject(name).pk
        return {key: self._subject_ids[key] for key in wanted}

    def _load_subjects(self, names: dict[str, str]) -> None:
        found = (
            Subject.objects.annotate(lname=Lower("name"))
            .filter(lname__in=list(names))
            .values_list("lname", "id")
        )
        self._subject_ids.update(found)

    def _editions_batch(self, records: list[dict[str, Any]], stats: ImportStats) -> None:
        editions: dict[str, tuple[str, Any]] = {}
        for record in records:
            parsed = parse_edition(record)
            work_id = olid((record.get("works") or [None])[0])
            if not parsed.openlibrary_edition_id or not work_id:
                stats.invalid += 1
                continue
            editions[parsed.openlibrary_edition_id] = (work_id, parsed)
        book_ids = dict(
            Book.objects.filter(openlibrary_work_id__in={w for w, _ in editions.values()}).values_list(
                "openlibrary_work_id", "id"
            )
        )
        existing = set(
            Edition.objects.filter(openlibrary_edition_id__in=editions).values_list(
                "openlibrary_edition_id", flat=True
            )
        )
        isbns = {p.isbn_13 for _, p in editions.values() if p.isbn_13}
        taken_isbns = set(Edition.objects.filter(isbn_13__in=isbns).values_list("isbn_13", flat=True))
        new: list[Edition] = []
        for key, (work_id, parsed) in editions.items():
            if key in existing:
                stats.skipped += 1
                continue
            if work_id not in book_ids:
                stats.invalid += 1
                continue
            isbn_13 = parsed.isbn_13 or None
            if isbn_13 in taken_isbns:
                # The same ISBN on two records (it happens in the dumps): the first keeps it.
                isbn_13 = None
            if isbn_13:
                taken_isbns.add(isbn_13)
            date = parsed.publication_date
            year = date.year if date and 1 <= date.year <= 2100 else None
            new.append(
                Edition(
                    book_id=book_ids[work_id],
                    isbn_13=isbn_13,
                    isbn_10=(parsed.isbn_10 or None) if isbn_13 else None,
                    publisher=parsed.publisher[:300],
                    publication_year=year,
                    publication_month=date.month if year and date else None,
                    publication_day=date.day if year and date and date.month else None,
                    pages=parsed.pages if parsed.pages and parsed.pages <= MAX_PAGES else None,
                    format=parsed.format,
                    language=parsed.language if len(parsed.language) <= 3 else "",
                    cover_url=parsed.cover_url,
                    openlibrary_edition_id=key,
                )
            )
        Edition.objects.bulk_create(new)
        stats.created += len(new)
        touched = {edition.book_id for edition in new}
        if touched:
            # bulk_create and update() send no signals: the cached pages of these books go explicitly.
            invalidate_books(touched)
            # Works often lack a first publication date: take their earliest edition's year.
            earliest = (
                Edition.objects.filter(book_id=OuterRef("pk"), publication_year__isnull=False)
                .values("book_id")
                .annotate(year=Min("publication_year"))
                .values("year")
            )
            Book.objects.filter(pk__in=touched, first_published_year__isnull=True).update(
                first_published_year=Subquery(earliest)
            )

"""A small real catalog for trying MyBookConnect out: facts only (titles, authors with their roles,
first published years, original languages, series with positions, subjects), in English and Spanish.

The data lives in ``demo_data/books.tsv``, one book a line, tab-separated: title, subtitle, year,
language, authors, series, subjects (lists separated by ``;``). An author cell reads "Name" or
"Name (translator)" (any role of :class:`~mybookconnect.books.models.AuthorRole`); a series cell
"Series:3" or a bare "Series" when the books have no official order. Works first written in another
language carry the title, and the translator, of their best-known English translation.

No ISBNs: an edition's ISBN is a fact about one printing, and a wrong one would be worse than none.
No covers either: a book without one is shown with its placeholder card (:mod:`.covers`), which the
API builds from the title and first author on the fly, so there is nothing to store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

from django.db import transaction
from django.utils import timezone

from mybookconnect.books import caching, services
from mybookconnect.books.models import Author, AuthorRole, Book, BookAuthor, BookSeries, Series, Subject

_CREDIT = re.compile(r"^(?P<name>.+?)\s*\((?P<role>[a-z]+)\)$")


@dataclass(frozen=True)
class DemoCredit:
    """One person's part in a demo book."""

    name: str
    role: str = AuthorRole.AUTHOR.value


@dataclass(frozen=True)
class DemoBook:
    title: str
    first_published_year: int
    subtitle: str = ""
    original_language: str = ""
    authors: tuple[DemoCredit, ...] = ()
    series: tuple[tuple[str, Decimal | None], ...] = ()
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoLoadResult:
    """What :func:`load_demo_books` did: books created, books whose facts or links changed, the rest."""

    created: int
    updated: int
    unchanged: int


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _credit(part: str) -> DemoCredit:
    match = _CREDIT.match(part)
    if match and match["role"] in AuthorRole.values:
        return DemoCredit(match["name"], match["role"])
    return DemoCredit(part)


def _series(cell: str) -> tuple[tuple[str, Decimal | None], ...]:
    entries = []
    for part in _split(cell):
        name, _sep, position = part.rpartition(":") if ":" in part else (part, "", "")
        entries.append((name, Decimal(position) if position else None))
    return tuple(entries)


def read_demo_books() -> tuple[DemoBook, ...]:
    """The demo books, parsed from the tab-separated file shipped with the package."""
    text = resources.files("mybookconnect.books").joinpath("demo_data/books.tsv").read_text(encoding="utf-8")
    books = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        title, subtitle, year, language, authors, series, subjects = line.split("\t")
        books.append(
            DemoBook(
                title=title,
                subtitle=subtitle,
                first_published_year=int(year),
                original_language=language,
                authors=tuple(_credit(part) for part in _split(authors)),
                series=_series(series),
                subjects=_split(subjects),
            )
        )
    return tuple(books)


DEMO_BOOKS: tuple[DemoBook, ...] = read_demo_books()

_BOOK_FACTS = ("subtitle", "first_published_year", "original_language")


def _by_name(
    model: type[Author | Series | Subject], names: Iterable[str], get_or_create: Callable[[str], Any]
) -> dict[str, Any]:
    # One query finds every name already there exactly as written (every run after the first);
    # the services find the rest ignoring case, or create them, one by one.
    names = set(names)
    found = {row.name: row for row in model.objects.filter(name__in=names).order_by("-id")}
    for name in names - found.keys():
        found[name] = get_or_create(name)
    return found


@transaction.atomic
def load_demo_books(books: tuple[DemoBook, ...] = DEMO_BOOKS) -> DemoLoadResult:
    """Create the demo books that are missing and correct the facts of those that differ.

    Books are matched by title (the oldest book of that title when there are several). A book
    whose facts and links are already right is not written at all, so a second run writes nothing
    and a site can load the demo on every start. Authors, series and subjects are found by name
    (ignoring case) or created. Links a demo book lacks are added; links it has beyond the file's
    (a reader's corrections) are kept. No history is recorded: this is seeding, not a reader's edit.
    """
    titles = [demo.title for demo in books]
    existing: dict[str, Book] = {}
    for book in Book.objects.filter(title__in=titles).order_by("-id"):
        existing[book.title] = book

    new_books = [
        Book(**{"title": demo.title, **{field: getattr(demo, field) for field in _BOOK_FACTS}})
        for demo in books
        if demo.title not in existing
    ]
    created_titles = {book.title for book in new_books}
    # On PostgreSQL the search triggers fill each new book's vector, bulk inserts included.
    for book in Book.objects.bulk_create(new_books):
        existing[book.title] = book

    changed: set[str] = set()
    now = timezone.now()
    stale = []
    for demo in books:
        book = existing[demo.title]
        differing = [field for field in _BOOK_FACTS if getattr(book, field) != getattr(demo, field)]
        if differing:
            for field in differing:
                setattr(book, field, getattr(demo, field))
            book.updated_at = now
            stale.append(book)
            changed.add(demo.title)
    if stale:
        Book.objects.bulk_update(stale, [*_BOOK_FACTS, "updated_at"])

    authors = _by_name(
        Author, (credit.name for demo in books for credit in demo.authors), services.get_or_create_author
    )
    series = _by_name(
        Series, (name for demo in books for name, _position in demo.series), services.get_or_create_series
    )
    subjects = _by_name(
        Subject, (name for demo in books for name in demo.subjects), services.get_or_create_subject
    )

    book_ids = [book.pk for book in existing.values()]
    author_links = {
        (link.book_id, link.author_id, link.role)
        for link in BookAuthor.objects.filter(book_id__in=book_ids).only("book_id", "author_id", "role")
    }
    series_links = {
        (link.book_id, link.series_id): link for link in BookSeries.objects.filter(book_id__in=book_ids)
    }
    SubjectLink = Book.subjects.through
    subject_links = set(SubjectLink.objects.filter(book_id__in=book_ids).values_list("book_id", "subject_id"))

    new_author_links, new_series_links, moved_series_links, new_subject_links = [], [], [], []
    for demo in books:
        book = existing[demo.title]
        for position, credit in enumerate(demo.authors):
            author = authors[credit.name]
            if (book.pk, author.pk, credit.role) not in author_links:
                author_links.add((book.pk, author.pk, credit.role))
                new_author_links.append(
                    BookAuthor(book=book, author=author, role=credit.role, position=position)
                )
                changed.add(demo.title)
        for name, position in demo.series:
            link = series_links.get((book.pk, series[name].pk))
            if link is None:
                link = BookSeries(book=book, series=series[name], position=position)
                series_links[(book.pk, series[name].pk)] = link
                new_series_links.append(link)
                changed.add(demo.title)
            elif link.position != position:
                link.position = position
                moved_series_links.append(link)
                changed.add(demo.title)
        for name in demo.subjects:
            subject = subjects[name]
            if (book.pk, subject.pk) not in subject_links:
                subject_links.add((book.pk, subject.pk))
                new_subject_links.append(SubjectLink(book_id=book.pk, subject_id=subject.pk))
                changed.add(demo.title)
    BookAuthor.objects.bulk_create(new_author_links)
    BookSeries.objects.bulk_create(new_series_links)
    if moved_series_links:
        BookSeries.objects.bulk_update(moved_series_links, ["position"])
    SubjectLink.objects.bulk_create(new_subject_links)

    # Bulk writes send no model signals: forget the cached pages and searches they made stale.
    caching.invalidate_books(existing[title].pk for title in changed | created_titles)
    updated = len(changed - created_titles)
    return DemoLoadResult(
        created=len(created_titles), updated=updated, unchanged=len(books) - len(created_titles) - updated
    )

"""A small real catalog for trying MyBookConnect out: facts only (titles, authors, first published
years, original languages, series with positions, subjects), in English and Spanish.

The data lives in ``demo_data/books.tsv``. No ISBNs: an edition's ISBN is a fact about one printing,
and a wrong one would be worse than none.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

from django.db import transaction

from mybookconnect.books import services
from mybookconnect.books.models import Book, BookAuthor, BookSeries


@dataclass(frozen=True)
class DemoBook:
    title: str
    first_published_year: int
    subtitle: str = ""
    original_language: str = ""
    authors: tuple[str, ...] = ()
    series: tuple[tuple[str, Decimal | None], ...] = ()
    subjects: tuple[str, ...] = ()


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


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
                authors=_split(authors),
                series=_series(series),
                subjects=_split(subjects),
            )
        )
    return tuple(books)


DEMO_BOOKS: tuple[DemoBook, ...] = read_demo_books()


@transaction.atomic
def load_demo_books(books: tuple[DemoBook, ...] = DEMO_BOOKS) -> tuple[int, int]:
    """Create or refresh the demo books, matched by title; return ``(created, updated)``.

    Running it again changes nothing but the facts it owns, so a site can load it on every start.
    Authors, series and subjects are found by name (ignoring case) or created. No history is
    recorded: this is seeding, not a reader's edit.
    """
    created = updated = 0
    for demo in books:
        book, was_created = Book.objects.update_or_create(
            title=demo.title,
            defaults={
                "subtitle": demo.subtitle,
                "first_published_year": demo.first_published_year,
                "original_language": demo.original_language,
            },
        )
        for position, name in enumerate(demo.authors):
            author = services.get_or_create_author(name)
            BookAuthor.objects.get_or_create(
                book=book, author=author, role="author", defaults={"position": position}
            )
        for name, position in demo.series:
            series = services.get_or_create_series(name)
            BookSeries.objects.update_or_create(book=book, series=series, defaults={"position": position})
        if demo.subjects:
            book.subjects.add(*(services.get_or_create_subject(name) for name in demo.subjects))
        if was_created:
            created += 1
        else:
            updated += 1
    return created, updated

"""Looking a book up in outside services and adding it to the catalog without making duplicates.

:func:`lookup_book` asks the configured providers in order (see
:mod:`mybookconnect.books.providers`) and turns the first answer into catalog rows through the
catalog's own services, so that the edit history records who added the book. All the asking happens
before anything is written: a provider that fails or times out leaves the database untouched.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Func, Q
from django.db.models.functions import Lower

from mybookconnect.books.isbn import normalize_isbn
from mybookconnect.books.models import Author, AuthorRole, Book, Edition
from mybookconnect.books.providers import (
    AuthorCredit,
    BookRecord,
    EditionRecord,
    ProviderError,
    ProviderTimeout,
    get_metadata_providers,
)
from mybookconnect.books.services import (
    DuplicateIsbn,
    create_book,
    create_edition,
    get_or_create_author,
    refresh_search_vectors,
    update_book,
)

logger = logging.getLogger("mybookconnect")

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_ROLES = set(AuthorRole.values)


class BookNotFound(Exception):
    """No provider knows the book."""


@dataclass
class LookupResult:
    """The catalog's book for a lookup, and whether this lookup created it."""

    book: Book
    created: bool


def lookup_book(*, isbn: str = "", title: str = "", author: str = "", user: Any = None) -> LookupResult:
    """The catalog's book for an ISBN (any form) or a title (and optionally an author's name).

    A book already in the catalog with that ISBN is returned without asking anyone. Otherwise the
    providers are asked in order until one knows the book, and the answer is saved: an existing book
    with the same Open Library work id, with one of the answer's ISBNs, or with the same title and a
    shared author is completed rather than duplicated; authors are reused by Open Library id, else
    by name ignoring case and accents.

    Raises :class:`BookNotFound` when no provider knows the book, and :class:`ProviderTimeout` or
    :class:`ProviderError` when none answered and one failed; nothing is written then.
    """
    isbn13 = normalize_isbn(isbn) if isbn else ""
    if isbn13:
        edition = Edition.objects.select_related("book").filter(isbn_13=isbn13).first()
        if edition is not None:
            return LookupResult(edition.book, created=False)
    record = _ask_providers(isbn13=isbn13, title=title.strip(), author=author.strip())
    try:
        return save_record(record, user=user)
    except IntegrityError:
        # Another request saved the same book (or edition) between our checks and our inserts; ours
        # was rolled back, and saving again finds theirs.
        return save_record(record, user=user)


def _ask_providers(*, isbn13: str, title: str, author: str) -> BookRecord:
    failures: list[ProviderError] = []
    for provider in get_metadata_providers():
        try:
            record = provider.lookup_isbn(isbn13) if isbn13 else provider.search_title(title, author)
        except ProviderError as exc:
            logger.warning("Book lookup: %s", exc)
            failures.append(exc)
            continue
        if record is not None and record.title:
            return record
    if failures:
        # A timeout only when every failure was one: any other error is the clearer message.
        other = [exc for exc in failures if not isinstance(exc, ProviderTimeout)]
        raise (other or failures)[0]
    raise BookNotFound


@transaction.atomic
def save_record(record: BookRecord, *, user: Any = None) -> LookupResult:
    """Write a provider's record into the catalog, reusing what is already there; see :func:`lookup_book`."""
    author_links = _author_links(record.authors)
    book = _existing_book(record, [link["id"] for link in author_links])
    created = book is None
    if book is None:
        book = create_book(
            {
                "title": record.title[:500],
                "subtitle": record.subtitle[:500],
                "description": record.description,
                "first_published_year": _year(record.first_published_year),
                "original_language": _language(record.language),
                "cover_url": _url(record.cover_url),
                "openlibrary_work_id": record.openlibrary_work_id or None,
                "authors": author_links,
                "subjects": [s[:200] for s in record.subjects],
                "series": [{"name": s.name[:300], "position": _position(s.position)} for s in record.series],
            },
            user=user,
        )
    else:
        _fill_blanks(book, record, user)
    for edition in record.editions:
        _add_edition(book, edition, user)
    refresh_search_vectors([book.pk])
    return LookupResult(book, created=created)


def _existing_book(record: BookRecord, author_ids: list[int]) -> Book | None:
    if record.openlibrary_work_id:
        book = Book.objects.filter(openlibrary_work_id=record.openlibrary_work_id).first()
        if book is not None:
            return book
    isbns = [e.isbn_13 for e in record.editions if e.isbn_13]
    if isbns:
        edition = Edition.objects.select_related("book").filter(isbn_13__in=isbns).first()
        if edition is not None:
            return edition.book
    if author_ids:
        return (
            Book.objects.filter(title__iexact=record.title, book_authors__author_id__in=author_ids)
            .order_by("id")
            .first()
        )
    return None


def _fill_blanks(book: Book, record: BookRecord, user: Any) -> None:
    """Give an existing book what it lacks (never overwrite what readers wrote)."""
    candidates = {
        "subtitle": record.subtitle[:500],
        "description": record.description,
        "first_published_year": _year(record.first_published_year),
        "original_language": _language(record.language),
        "cover_url": _url(record.cover_url),
    }
    data = {field: value for field, value in candidates.items() if value and not getattr(book, field)}
    if record.openlibrary_work_id and not book.openlibrary_work_id:
        if not Book.objects.filter(openlibrary_work_id=record.openlibrary_work_id).exists():
            data["openlibrary_work_id"] = record.openlibrary_work_id
    if data:
        update_book(book, data, user)
        book.refresh_from_db()


def _add_edition(book: Book, record: EditionRecord, user: Any) -> None:
    if record.isbn_13 and Edition.objects.filter(isbn_13=record.isbn_13).exists():
        return
    if (
        record.openlibrary_edition_id
        and Edition.objects.filter(openlibrary_edition_id=record.openlibrary_edition_id).exists()
    ):
        return
    if not (record.isbn_13 or record.openlibrary_edition_id or record.publisher):
        return
    date = record.publication_date
    data: dict[str, Any] = {
        "publisher": record.publisher[:300],
        "publication_year": _year(date.year) if date else None,
        "publication_month": date.month if date and _year(date.year) else None,
        "publication_day": date.day if date and date.month and _year(date.year) else None,
        "pages": record.pages,
        "format": record.format,
        "language": _language(record.language),
        "cover_url": _url(record.cover_url),
        "openlibrary_edition_id": record.openlibrary_edition_id or None,
    }
    if record.isbn_13:
        data["isbn"] = record.isbn_13
    try:
        create_edition(book, data, user)
    except DuplicateIsbn:
        # Another request added it between the check and the insert: the edition exists, as wanted.
        pass


def _author_links(credits: list[AuthorCredit]) -> list[dict[str, Any]]:
    links: list[dict[str, Any]] = []
    for credit in credits:
        name = " ".join(credit.name.split())[:300]
        if not name:
            continue
        author = _find_author(name, credit.openlibrary_id)
        if author is None:
            author = get_or_create_author(
                name,
                credit.openlibrary_id or None,
                other_names=credit.other_names,
                bio=credit.bio,
                birth_year=credit.birth_year,
                death_year=credit.death_year,
            )
        role = credit.role if credit.role in _ROLES else AuthorRole.CONTRIBUTOR
        link = {"id": author.pk, "name": author.name, "role": role}
        if link not in links:
            links.append(link)
    return links


def _find_author(name: str, openlibrary_id: str) -> Author | None:
    """The author with this Open Library id, else one whose name matches ignoring case and accents."""
    if openlibrary_id:
        found = Author.objects.filter(openlibrary_id=openlibrary_id).first()
        if found is not None:
            return found
    found = _author_by_name(name)
    if found is not None and openlibrary_id and not found.openlibrary_id:
        found.openlibrary_id = openlibrary_id
        found.save(update_fields=["openlibrary_id", "updated_at"])
    return found


def fold(text: str) -> str:
    """``text`` without accents and case: "Zafón" and "ZAFON" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _author_by_name(name: str) -> Author | None:
    exact = Author.objects.filter(name__iexact=name).order_by("id").first()
    if exact is not None:
        return exact
    folded = fold(name)
    if connection.vendor == "postgresql":
        # The unaccent wrapper that the search migration installs.
        unaccented = Func(Lower("name"), function="mbc_books_unaccent")
        return Author.objects.annotate(folded=unaccented).filter(folded=folded).order_by("id").first()
    # Elsewhere, narrow by a word without accents, then compare folded names.
    ascii_words = sorted((w for w in name.split() if w.isascii()), key=len, reverse=True)
    candidates = Author.objects.order_by("id")
    if ascii_words:
        candidates = candidates.filter(Q(name__icontains=ascii_words[0]))
    return next((a for a in candidates.only("id", "name", "openlibrary_id") if fold(a.name) == folded), None)


def _year(value: int | None) -> int | None:
    return value if value is not None and 1 <= value <= 2100 else None


def _language(value: str) -> str:
    value = (value or "").strip().lower()
    return value if _LANGUAGE.match(value) else ""


def _url(value: str) -> str:
    return value if value.startswith(("https://", "http://")) and len(value) <= 500 else ""


def _position(value: str) -> Decimal | None:
    try:
        position = Decimal(value) if value else None
    except InvalidOperation:
        return None
    return position if position is not None and 0 <= position < 10000 else None

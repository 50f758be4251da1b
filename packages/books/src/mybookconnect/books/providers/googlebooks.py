"""Google Books (``/books/v1/volumes``): volumes by ``isbn:`` and by ``intitle:`` / ``inauthor:``."""

from __future__ import annotations

from typing import Any

from mybookconnect.books.conf import books_settings
from mybookconnect.books.isbn import normalize_isbn
from mybookconnect.books.providers.base import (
    AuthorCredit,
    BookRecord,
    EditionRecord,
    MetadataProvider,
    isbn10_or_blank,
    parse_partial_date,
    positive_int,
    unique_strings,
)

MAX_SUBJECTS = 15


def volume_isbns(info: dict[str, Any]) -> list[str]:
    """The valid ISBNs of a volume as 13 digits (``industryIdentifiers`` also hold "OTHER" ids)."""
    isbns: list[str] = []
    for identifier in info.get("industryIdentifiers") or []:
        if not isinstance(identifier, dict) or identifier.get("type") not in ("ISBN_13", "ISBN_10"):
            continue
        try:
            isbn13 = normalize_isbn(str(identifier.get("identifier", "")))
        except ValueError:
            continue
        if isbn13 not in isbns:
            isbns.append(isbn13)
    return isbns


def volume_cover(info: dict[str, Any]) -> str:
    """The largest image of ``imageLinks``, over https, without the page-curl effect."""
    links = info.get("imageLinks") if isinstance(info.get("imageLinks"), dict) else {}
    for size in ("extraLarge", "large", "medium", "thumbnail", "smallThumbnail"):
        url = links.get(size)
        if isinstance(url, str) and url:
            return url.replace("http://", "https://", 1).replace("&edge=curl", "")
    return ""


def parse_volume(volume: dict[str, Any]) -> BookRecord | None:
    """A volume of a ``volumes`` answer as a :class:`BookRecord`; ``None`` if it has no title."""
    info = volume.get("volumeInfo")
    if not isinstance(info, dict) or not str(info.get("title") or "").strip():
        return None
    isbns = volume_isbns(info)
    isbn13 = isbns[0] if isbns else ""
    isbn10 = isbn10_or_blank(isbn13)
    date = parse_partial_date(info.get("publishedDate"))
    language = str(info.get("language") or "").strip().lower()
    cover = volume_cover(info)
    subjects: list[str] = []
    for category in unique_strings(info.get("categories")):
        # Google writes hierarchies as "Fiction / Fantasy / Epic".
        subjects.extend(part.strip() for part in category.split(" / ") if part.strip())
    edition = EditionRecord(
        isbn_10=isbn10,
        isbn_13=isbn13,
        publisher=str(info.get("publisher") or "").strip()[:255],
        publication_date=date,
        pages=positive_int(info.get("pageCount")),
        language=language,
        cover_url=cover,
        google_books_id=str(volume.get("id") or ""),
    )
    return BookRecord(
        provider=GoogleBooksProvider.name,
        title=" ".join(str(info["title"]).split())[:500],
        subtitle=" ".join(str(info.get("subtitle") or "").split())[:500],
        authors=[AuthorCredit(name=name) for name in unique_strings(info.get("authors"))],
        description=str(info.get("description") or "").strip(),
        # Google describes one edition; its date is the best first-published year it offers.
        first_published_year=date.year if date else None,
        language=language,
        subjects=unique_strings(subjects, limit=MAX_SUBJECTS),
        editions=[edition] if (isbn13 or edition.publisher or date) else [],
        cover_url=cover,
        google_books_id=edition.google_books_id,
    )


class GoogleBooksProvider(MetadataProvider):
    """Looks books up in Google Books' public ``volumes`` search."""

    name = "googlebooks"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = str(books_settings.BOOKS_GOOGLE_BOOKS_URL).rstrip("/")
        self.api_key = str(books_settings.BOOKS_GOOGLE_BOOKS_API_KEY)

    def lookup_isbn(self, isbn13: str) -> BookRecord | None:
        volumes = self._volumes(f"isbn:{isbn13}")
        # The search may also return volumes that merely mention the ISBN: prefer the one that has it.
        volumes.sort(key=lambda v: isbn13 not in volume_isbns(v.get("volumeInfo") or {}))
        return self._first_record(volumes)

    def search_title(self, title: str, author: str = "") -> BookRecord | None:
        query = f'intitle:"{title}"'
        if author:
            query += f' inauthor:"{author}"'
        return self._first_record(self._volumes(query))

    def _volumes(self, query: str) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"q": query, "maxResults": 5, "printType": "books"}
        if self.api_key:
            params["key"] = self.api_key
        answer = self.get_json(f"{self.base_url}/volumes", params=params)
        # An answer with no match has "totalItems": 0 and no "items" at all.
        items = answer.get("items") if isinstance(answer, dict) else None
        return [item for item in items or [] if isinstance(item, dict)]

    @staticmethod
    def _first_record(volumes: list[dict[str, Any]]) -> BookRecord | None:
        for volume in volumes:
            record = parse_volume(volume)
            if record is not None:
                return record
        return None

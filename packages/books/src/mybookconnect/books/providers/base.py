"""The interface every metadata provider implements, and the normalised record they all return.

A provider turns one outside service's answers (Open Library, Google Books, ...) into a
:class:`BookRecord`; nothing else in the package knows any service's JSON. Providers are chosen and
ordered in ``MYBOOKCONNECT["BOOKS_METADATA_PROVIDERS"]`` (see :mod:`mybookconnect.books.providers.registry`),
the way django-allauth names its adapters in settings.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import requests
from django.core.cache import cache

from mybookconnect.books import __version__
from mybookconnect.books.isbn import isbn13_to_10


class ProviderError(Exception):
    """A provider could not answer: the service was unreachable, failed, or sent something unreadable."""

    def __init__(self, provider: str, message: str) -> None:
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.message = message


class ProviderTimeout(ProviderError):
    """A provider did not answer within ``BOOKS_LOOKUP_TIMEOUT`` seconds."""


@dataclass(frozen=True)
class PartialDate:
    """A publication date as precise as the source: a year, a year and month, or a full date."""

    year: int
    month: int | None = None
    day: int | None = None


@dataclass
class AuthorCredit:
    """One person credited on a book, with their role ("author", "translator", "illustrator", ...)."""

    name: str
    role: str = "author"
    openlibrary_id: str = ""
    other_names: list[str] = field(default_factory=list)
    bio: str = ""
    birth_year: int | None = None
    death_year: int | None = None


@dataclass
class SeriesCredit:
    """The series a book belongs to, with its position when the source gives one ("2", "2.5")."""

    name: str
    position: str = ""


@dataclass
class EditionRecord:
    """One printing of the book."""

    isbn_10: str = ""
    isbn_13: str = ""
    publisher: str = ""
    publication_date: PartialDate | None = None
    pages: int | None = None
    format: str = ""  # one of "paperback", "hardcover", "ebook", "audiobook", "other", or "" if unknown
    language: str = ""
    cover_url: str = ""
    openlibrary_edition_id: str = ""
    google_books_id: str = ""


@dataclass
class BookRecord:
    """A work as a provider describes it, normalised: the one shape the lookup service reads."""

    provider: str
    title: str
    subtitle: str = ""
    authors: list[AuthorCredit] = field(default_factory=list)
    description: str = ""
    first_published_year: int | None = None
    language: str = ""
    subjects: list[str] = field(default_factory=list)
    series: list[SeriesCredit] = field(default_factory=list)
    editions: list[EditionRecord] = field(default_factory=list)
    cover_url: str = ""
    openlibrary_work_id: str = ""
    google_books_id: str = ""


class MetadataProvider:
    """Base class of the providers: HTTP with a timeout, answers cached, errors as :class:`ProviderError`.

    Subclasses set :attr:`name` and implement :meth:`lookup_isbn` and :meth:`search_title`. Each
    returns a :class:`BookRecord`, or ``None`` when the service does not know the book; they raise
    :class:`ProviderError` (or :class:`ProviderTimeout`) when the service cannot tell.
    """

    name = "provider"

    def __init__(self, *, timeout: float = 5.0, cache_seconds: int = 86400) -> None:
        self.timeout = timeout
        self.cache_seconds = cache_seconds
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"mybookconnect-books/{__version__}"
        self.session.headers["Accept"] = "application/json"

    def lookup_isbn(self, isbn13: str) -> BookRecord | None:
        """The book with this ISBN (13 digits, already validated), or ``None`` if unknown."""
        raise NotImplementedError

    def search_title(self, title: str, author: str = "") -> BookRecord | None:
        """The best match for a title (and an author's name, if given), or ``None``."""
        raise NotImplementedError

    def get_json(self, url: str, params: dict[str, Any] | None = None) -> Any:
        """GET ``url`` and return its decoded JSON, or ``None`` for a 404.

        Answers (404s included) are kept in the default cache for ``cache_seconds`` so that the same
        lookup repeated by several readers costs one request; failures are not cached.
        """
        cache_key = self._cache_key(url, params)
        if self.cache_seconds > 0:
            cached = cache.get(cache_key)
            if cached is not None:
                return cached["body"]
        try:
            response = self.session.get(url, params=params, timeout=self.timeout)
        except requests.Timeout as exc:
            raise ProviderTimeout(self.name, f"no answer within {self.timeout:g} s") from exc
        except requests.RequestException as exc:
            raise ProviderError(self.name, f"could not be reached ({exc.__class__.__name__})") from exc
        if response.status_code == 404:
            body = None
        elif response.status_code >= 400:
            raise ProviderError(self.name, f"answered HTTP {response.status_code}")
        else:
            try:
                body = response.json()
            except ValueError as exc:
                raise ProviderError(self.name, "answered something that is not JSON") from exc
        if self.cache_seconds > 0:
            cache.set(cache_key, {"body": body}, self.cache_seconds)
        return body

    def _cache_key(self, url: str, params: dict[str, Any] | None) -> str:
        raw = json.dumps([self.name, url, sorted((params or {}).items())], default=str)
        return "mbc-books-lookup:" + hashlib.sha256(raw.encode()).hexdigest()


# --- helpers the providers share -----------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "enero", "ene"),
            ("february", "feb", "febrero"),
            ("march", "mar", "marzo"),
            ("april", "apr", "abril", "abr"),
            ("may", "mayo"),
            ("june", "jun", "junio"),
            ("july", "jul", "julio"),
            ("august", "aug", "agosto", "ago"),
            ("september", "sep", "sept", "septiembre"),
            ("october", "oct", "octubre"),
            ("november", "nov", "noviembre"),
            ("december", "dec", "diciembre", "dic"),
        ],
        start=1,
    )
    for name in names
}
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_WORD = re.compile(r"[a-záéíóú]+", re.IGNORECASE)
_DAY = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")


def parse_partial_date(value: Any) -> PartialDate | None:
    """Read the many ways sources write a publication date.

    "1990", "c1990", "[1990?]", "March 1990", "Mar. 5, 1990", "5 March 1990", "1990-03", "1990-03-05"
    are all understood; a month or day is kept only when it is certain. Anything without a plausible
    year gives ``None``.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    iso = _ISO_DATE.match(value)
    if iso:
        year, month, day = (int(part) if part else None for part in iso.groups())
        if month is not None and not 1 <= month <= 12:
            month, day = None, None
        if day is not None and not _valid_day(year, month, day):
            day = None
        return PartialDate(year, month, day) if _plausible_year(year) else None
    year_match = _YEAR.search(value)
    if not year_match:
        return None
    year = int(year_match.group(1))
    if not _plausible_year(year):
        return None
    month = None
    for word in _WORD.findall(value.lower()):
        if word in _MONTHS:
            month = _MONTHS[word]
            break
    day = None
    if month is not None:
        rest = value[: year_match.start()] + " " + value[year_match.end() :]
        day_match = _DAY.search(rest)
        if day_match and _valid_day(year, month, int(day_match.group(1))):
            day = int(day_match.group(1))
    return PartialDate(year, month, day)


def parse_year(value: Any) -> int | None:
    """The year of a date in any of the forms :func:`parse_partial_date` reads, or of an int."""
    if isinstance(value, int):
        return value if _plausible_year(value) else None
    date = parse_partial_date(value)
    return date.year if date else None


def _plausible_year(year: int) -> bool:
    return 1 <= year <= 2100


def _valid_day(year: int, month: int | None, day: int) -> bool:
    if month is None:
        return False
    return 1 <= day <= calendar.monthrange(year, month)[1]


def text_value(value: Any) -> str:
    """A text field that sources give either as a string or as ``{"type": "/type/text", "value": ...}``."""
    if isinstance(value, dict):
        value = value.get("value", "")
    return value.strip() if isinstance(value, str) else ""


_FORMATS = (
    ("audio", "audiobook"),
    ("cd", "audiobook"),
    ("mp3", "audiobook"),
    ("ebook", "ebook"),
    ("e-book", "ebook"),
    ("epub", "ebook"),
    ("kindle", "ebook"),
    ("electronic", "ebook"),
    ("hardcover", "hardcover"),
    ("hardback", "hardcover"),
    ("hard cover", "hardcover"),
    ("library binding", "hardcover"),
    ("paperback", "paperback"),
    ("softcover", "paperback"),
    ("soft cover", "paperback"),
    ("mass market", "paperback"),
    ("pocket", "paperback"),
)


def normalise_format(value: Any) -> str:
    """Map a source's free-text format ("Mass Market Paperback", "Hardcover") to the catalog's choices."""
    if not isinstance(value, str) or not value.strip():
        return ""
    lowered = value.lower()
    for needle, choice in _FORMATS:
        if needle in lowered:
            return choice
    return "other"


def positive_int(value: Any) -> int | None:
    """A page count or similar: a positive int, or ``None`` for anything else ("", 0, "xii", -3)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and value > 0 else None


def first_str(values: Any) -> str:
    """The first non-blank string of a list (sources send lists where one value is meant)."""
    if isinstance(values, str):
        return values.strip()
    if isinstance(values, list):
        for value in values:
            if isinstance(value, str) and value.strip():
                return value.strip()
    return ""


def unique_strings(values: Any, limit: int | None = None) -> list[str]:
    """Non-blank strings of a list, de-duplicated case-insensitively, in order."""
    seen: set[str] = set()
    result: list[str] = []
    for value in values if isinstance(values, list) else []:
        if not isinstance(value, str):
            continue
        cleaned = " ".join(value.split())
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            result.append(cleaned)
            if limit is not None and len(result) >= limit:
                break
    return result


def isbn10_or_blank(isbn13: str) -> str:
    """The ISBN-10 form of an ISBN-13, or ``""`` when it has none (979 prefixes) or is blank."""
    if not isbn13:
        return ""
    try:
        return isbn13_to_10(isbn13) or ""
    except ValueError:
        return ""

"""Open Library (openlibrary.org): editions by ISBN, works, authors, and title search.

The record readers here are also what :mod:`mybookconnect.books.openlibrary_dump` uses on the dump
files, which hold the same JSON documents as the API.
"""

from __future__ import annotations

import re
from typing import Any

from mybookconnect.books.conf import books_settings
from mybookconnect.books.isbn import normalize_isbn
from mybookconnect.books.providers.base import (
    AuthorCredit,
    BookRecord,
    EditionRecord,
    MetadataProvider,
    SeriesCredit,
    first_str,
    isbn10_or_blank,
    normalise_format,
    parse_partial_date,
    parse_year,
    positive_int,
    text_value,
    unique_strings,
)

COVER_URL = "https://covers.openlibrary.org/b/id/{id}-L.jpg"
MAX_AUTHORS = 10
MAX_SUBJECTS = 15

# Open Library's language keys are MARC codes ("/languages/eng"); the catalog prefers ISO 639-1
# where one exists and keeps the three-letter code otherwise.
MARC_TO_ISO639_1 = {
    "eng": "en", "spa": "es", "fre": "fr", "ger": "de", "ita": "it", "por": "pt", "cat": "ca",
    "glg": "gl", "baq": "eu", "dut": "nl", "rus": "ru", "jpn": "ja", "chi": "zh", "ara": "ar",
    "pol": "pl", "swe": "sv", "dan": "da", "nor": "no", "fin": "fi", "gre": "el", "lat": "la",
    "heb": "he", "tur": "tr", "kor": "ko", "hin": "hi", "cze": "cs", "hun": "hu", "rum": "ro",
}  # fmt: skip

_KEY = re.compile(r"^/(?:authors|works|books)/(OL\d+[AWM])$")
# "Harry Potter ; 1", "Discworld -- 12", "Foundation series, book 2", "Saga #2.5"
_SERIES_POSITION = re.compile(
    r"^(?P<name>.+?)\s*(?:;|--|#|\(|,\s*(?:book|bk\.?|vol\.?|volume|no\.?|tomo|libro)|\s(?:book|vol\.?|no\.?))\s*"
    r"(?P<position>\d+(?:\.\d+)?)\s*\.?\s*$",
    re.IGNORECASE,
)
_CONTRIBUTION = re.compile(r"^\s*(?P<name>[^()]+?)\s*(?:\((?P<role>[^()]*)\))?\s*\.?\s*$")
_ROLE_WORDS = (
    ("translat", "translator"),
    ("traduc", "translator"),
    ("illustrat", "illustrator"),
    ("ilustra", "illustrator"),
    ("editor", "editor"),
    ("edited", "editor"),
    ("narrat", "narrator"),
    ("read by", "narrator"),
)


def olid(key: Any) -> str:
    """``"/works/OL45883W"`` -> ``"OL45883W"``; ``""`` for anything else."""
    if isinstance(key, dict):
        key = key.get("key")
    if not isinstance(key, str):
        return ""
    match = _KEY.match(key.strip())
    return match.group(1) if match else ""


def normalise_role(value: Any) -> str:
    """ "Translator", "translated by", "Ilustrador" -> the catalog's role names; "author" by default."""
    lowered = value.lower() if isinstance(value, str) else ""
    for needle, role in _ROLE_WORDS:
        if needle in lowered:
            return role
    return "author"


def language_code(languages: Any) -> str:
    """The first of ``[{"key": "/languages/eng"}]`` as "en" (or the MARC code when ISO 639-1 has none)."""
    for language in languages if isinstance(languages, list) else []:
        key = language.get("key") if isinstance(language, dict) else language
        if isinstance(key, str) and key.startswith("/languages/"):
            code = key.rsplit("/", 1)[1].lower()
            return MARC_TO_ISO639_1.get(code, code)
    return ""


def cover_url(covers: Any) -> str:
    """The large cover image of the first real cover id (Open Library uses -1 for "removed")."""
    for cover_id in covers if isinstance(covers, list) else []:
        if isinstance(cover_id, int) and cover_id > 0:
            return COVER_URL.format(id=cover_id)
    return ""


def parse_isbns(edition: dict[str, Any]) -> tuple[str, str]:
    """The edition's first valid ISBN as (ISBN-10 or "", ISBN-13); ("", "") if it has none.

    Editions often list several ISBNs (a set, or the same ISBN as 10 and 13 digits); invalid check
    digits are skipped.
    """
    candidates = [v for v in edition.get("isbn_13") or [] if isinstance(v, str)]
    candidates += [v for v in edition.get("isbn_10") or [] if isinstance(v, str)]
    for candidate in candidates:
        try:
            isbn13 = normalize_isbn(candidate)
        except ValueError:
            continue
        return isbn10_or_blank(isbn13), isbn13
    return "", ""


def parse_series(values: Any) -> list[SeriesCredit]:
    """Open Library's free-text series ("Harry Potter ; 1") as names with positions."""
    credits = []
    for value in unique_strings(values if isinstance(values, list) else [values], limit=3):
        value = value.strip(" .()")
        match = _SERIES_POSITION.match(value)
        if match:
            credits.append(SeriesCredit(match.group("name").strip(" ,;-"), match.group("position")))
        elif value:
            credits.append(SeriesCredit(value))
    return credits


def parse_edition(edition: dict[str, Any]) -> EditionRecord:
    """An edition document (``/books/OL...M.json`` or a dump line) as an :class:`EditionRecord`."""
    isbn_10, isbn_13 = parse_isbns(edition)
    return EditionRecord(
        isbn_10=isbn_10,
        isbn_13=isbn_13,
        publisher=first_str(edition.get("publishers"))[:255],
        publication_date=parse_partial_date(edition.get("publish_date")),
        pages=positive_int(edition.get("number_of_pages")),
        format=normalise_format(edition.get("physical_format")),
        language=language_code(edition.get("languages")),
        cover_url=cover_url(edition.get("covers")),
        openlibrary_edition_id=olid(edition.get("key")),
    )


def parse_author(author: dict[str, Any], role: str = "author") -> AuthorCredit | None:
    """An author document (``/authors/OL...A.json`` or a dump line); ``None`` if it has no name."""
    name = " ".join(str(author.get("name") or author.get("personal_name") or "").split())
    if not name:
        return None
    birth_year = parse_year(author.get("birth_date"))
    death_year = parse_year(author.get("death_date"))
    if birth_year and death_year and death_year < birth_year:
        death_year = None
    return AuthorCredit(
        name=name[:300],
        role=role,
        openlibrary_id=olid(author.get("key")),
        other_names=[n for n in unique_strings(author.get("alternate_names"), limit=20) if n != name],
        bio=text_value(author.get("bio")),
        birth_year=birth_year,
        death_year=death_year,
    )


def work_author_refs(work: dict[str, Any]) -> list[tuple[str, str]]:
    """``(author OLID, role)`` pairs of a work, in order.

    Works hold ``{"author": {"key": "/authors/OL1A"}, "type": {"key": "/type/author_role"}}``; older
    records hold ``{"author": "/authors/OL1A"}`` or a bare ``{"key": ...}``; some carry a ``role``.
    """
    refs: list[tuple[str, str]] = []
    for entry in work.get("authors") or []:
        if not isinstance(entry, dict):
            continue
        author_id = olid(entry.get("author")) or olid(entry)
        if author_id and all(author_id != seen for seen, _ in refs):
            refs.append((author_id, normalise_role(entry.get("role"))))
    return refs


def parse_work(work: dict[str, Any]) -> BookRecord:
    """A work document as a :class:`BookRecord` without authors or editions (those are separate documents)."""
    return BookRecord(
        provider=OpenLibraryProvider.name,
        title=" ".join(str(work.get("title") or "").split())[:500],
        subtitle=" ".join(str(work.get("subtitle") or "").split())[:500],
        description=text_value(work.get("description")),
        first_published_year=parse_year(work.get("first_publish_date")),
        subjects=unique_strings(work.get("subjects"), limit=MAX_SUBJECTS),
        cover_url=cover_url(work.get("covers")),
        openlibrary_work_id=olid(work.get("key")),
    )


class OpenLibraryProvider(MetadataProvider):
    """Looks books up in Open Library: ``/isbn/{isbn}.json``, then its work and the work's authors."""

    name = "openlibrary"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = str(books_settings.BOOKS_OPENLIBRARY_URL).rstrip("/")

    def lookup_isbn(self, isbn13: str) -> BookRecord | None:
        edition = self.get_json(f"{self.base_url}/isbn/{isbn13}.json")
        if not isinstance(edition, dict):
            return None
        return self._record_from_edition(edition)

    def search_title(self, title: str, author: str = "") -> BookRecord | None:
        params = {
            "title": title,
            "limit": 5,
            "fields": "key,title,subtitle,author_name,author_key,first_publish_year,cover_i,"
            "cover_edition_key,edition_key,language,subject",
        }
        if author:
            params["author"] = author
        answer = self.get_json(f"{self.base_url}/search.json", params=params)
        docs = answer.get("docs") if isinstance(answer, dict) else None
        doc = next((d for d in docs or [] if isinstance(d, dict) and olid(d.get("key"))), None)
        if doc is None:
            return None
        edition_id = doc.get("cover_edition_key") or first_str(doc.get("edition_key"))
        edition = self.get_json(f"{self.base_url}/books/{edition_id}.json") if edition_id else None
        work = self._get_work(olid(doc.get("key")))
        if work is None:
            # The search index knows a work that the database no longer serves: use the search document.
            work = {
                "key": doc["key"],
                "title": doc.get("title"),
                "subtitle": doc.get("subtitle"),
                "subjects": doc.get("subject"),
                "covers": [doc.get("cover_i")],
                "authors": [{"author": {"key": f"/authors/{k}"}} for k in doc.get("author_key") or []],
            }
        if not work.get("first_publish_date") and doc.get("first_publish_year"):
            # The search index knows the earliest edition's year, which the work often lacks.
            work = {**work, "first_publish_date": str(doc["first_publish_year"])}
        record = self._record(work, edition if isinstance(edition, dict) else None)
        if not record.authors:
            record.authors = [AuthorCredit(name=n) for n in unique_strings(doc.get("author_name"))]
        return record

    def _get_work(self, work_id: str) -> dict[str, Any] | None:
        if not work_id:
            return None
        work = self.get_json(f"{self.base_url}/works/{work_id}.json")
        return work if isinstance(work, dict) else None

    def _record_from_edition(self, edition: dict[str, Any]) -> BookRecord:
        work_ref = (edition.get("works") or [None])[0]
        work = self._get_work(olid(work_ref)) or {
            # An edition without a work (rare, but the data has them) describes itself.
            "title": edition.get("title"),
            "subtitle": edition.get("subtitle"),
            "subjects": edition.get("subjects"),
            "authors": [{"author": ref} for ref in edition.get("authors") or []],
        }
        return self._record(work, edition)

    def _record(self, work: dict[str, Any], edition: dict[str, Any] | None) -> BookRecord:
        record = parse_work(work)
        refs = work_author_refs(work)
        if not refs and edition:
            refs = [(olid(ref), "author") for ref in edition.get("authors") or [] if olid(ref)]
        for author_id, role in refs[:MAX_AUTHORS]:
            document = self.get_json(f"{self.base_url}/authors/{author_id}.json")
            credit = parse_author(document, role) if isinstance(document, dict) else None
            if credit is not None:
                credit.openlibrary_id = credit.openlibrary_id or author_id
                record.authors.append(credit)
        if edition is None:
            return record
        record.title = record.title or " ".join(str(edition.get("title") or "").split())[:500]
        record.subtitle = record.subtitle or " ".join(str(edition.get("subtitle") or "").split())[:500]
        record.description = record.description or text_value(edition.get("description"))
        if not record.subjects:
            record.subjects = unique_strings(edition.get("subjects"), limit=MAX_SUBJECTS)
        for contributor in edition.get("contributors") or []:
            if isinstance(contributor, dict) and isinstance(contributor.get("name"), str):
                role = normalise_role(contributor.get("role"))
                record.authors.append(AuthorCredit(name=contributor["name"].strip(), role=role))
        for contribution in edition.get("contributions") or []:
            # Free text such as "Tony Ross (Illustrator)".
            match = _CONTRIBUTION.match(contribution) if isinstance(contribution, str) else None
            if match and match.group("role"):
                role = normalise_role(match.group("role"))
                record.authors.append(AuthorCredit(name=match.group("name").strip(), role=role))
        record.series = parse_series(edition.get("series"))
        parsed = parse_edition(edition)
        record.editions.append(parsed)
        record.language = parsed.language
        record.cover_url = record.cover_url or parsed.cover_url
        if record.first_published_year is None and parsed.publication_date:
            record.first_published_year = parsed.publication_date.year
        return record

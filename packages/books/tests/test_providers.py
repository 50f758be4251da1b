"""The metadata providers against recorded answers in the services' own JSON shapes.

Only the HTTP edge is replaced (``responses``); the timeout test uses a real socket that never answers.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
import responses
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from mybookconnect.books.conf import books_settings
from mybookconnect.books.providers import (
    AuthorCredit,
    PartialDate,
    ProviderError,
    ProviderTimeout,
    SeriesCredit,
    get_metadata_providers,
)
from mybookconnect.books.providers.base import normalise_format, parse_partial_date, parse_year, text_value
from mybookconnect.books.providers.googlebooks import GoogleBooksProvider
from mybookconnect.books.providers.openlibrary import OpenLibraryProvider, parse_series, work_author_refs
from tests.fixtures import GB, OL, add_ol, load_json, register_fantastic_mr_fox, silent_server


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


# --- dates, texts and formats as the sources write them --------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1990", PartialDate(1990)),
        ("c1990", PartialDate(1990)),
        ("[1990?]", PartialDate(1990)),
        ("March 1990", PartialDate(1990, 3)),
        ("Mar. 5, 1990", PartialDate(1990, 3, 5)),
        ("5 March 1990", PartialDate(1990, 3, 5)),
        ("October 1, 1988", PartialDate(1988, 10, 1)),
        ("marzo de 2001", PartialDate(2001, 3)),
        ("1990-03", PartialDate(1990, 3)),
        ("1990-03-05", PartialDate(1990, 3, 5)),
        ("1990-13-01", PartialDate(1990)),
        ("Feb 30, 1990", PartialDate(1990, 2)),
        ("n.d.", None),
        ("19--", None),
        ("", None),
        (None, None),
        (1990, None),
    ],
)
def test_partial_dates(raw, expected) -> None:
    assert parse_partial_date(raw) == expected


def test_years_from_ints_and_strings() -> None:
    assert parse_year(1989) == 1989
    assert parse_year("13 September 1916") == 1916
    assert parse_year(0) is None
    assert parse_year("unknown") is None


def test_text_values_are_strings_or_typed_objects() -> None:
    assert text_value("  plain ") == "plain"
    assert text_value({"type": "/type/text", "value": "typed"}) == "typed"
    assert text_value({"type": "/type/text"}) == ""
    assert text_value(["not", "text"]) == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Paperback", "paperback"),
        ("Mass Market Paperback", "paperback"),
        ("Hardcover", "hardcover"),
        ("Audio CD", "audiobook"),
        ("Kindle Edition", "ebook"),
        ("Microfiche", "other"),
        ("", ""),
        (None, ""),
    ],
)
def test_formats(raw, expected) -> None:
    assert normalise_format(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Harry Potter ; 1", SeriesCredit("Harry Potter", "1")),
        ("Discworld -- 12", SeriesCredit("Discworld", "12")),
        ("Foundation series, book 2", SeriesCredit("Foundation series", "2")),
        ("Saga #2.5", SeriesCredit("Saga", "2.5")),
        ("Mistborn (2)", SeriesCredit("Mistborn", "2")),
        ("Penguin classics", SeriesCredit("Penguin classics", "")),
    ],
)
def test_series_positions(raw, expected) -> None:
    assert parse_series([raw]) == [expected]


def test_work_author_refs_in_every_shape() -> None:
    work = {
        "authors": [
            {"author": {"key": "/authors/OL1A"}, "type": {"key": "/type/author_role"}},
            {"author": "/authors/OL2A", "role": "Translator"},
            {"key": "/authors/OL3A"},
            {"author": {"key": "/authors/OL1A"}},
            {"author": {"key": "/not/an/author"}},
            "garbage",
        ]
    }
    assert work_author_refs(work) == [("OL1A", "author"), ("OL2A", "translator"), ("OL3A", "author")]


# --- Open Library ---------------------------------------------------------------------------------


def test_open_library_isbn_follows_edition_work_and_authors(mocked) -> None:
    register_fantastic_mr_fox(mocked)

    record = OpenLibraryProvider().lookup_isbn("9780140328721")

    assert record.provider == "openlibrary"
    assert record.title == "Fantastic Mr Fox"  # the work's title, not the edition's "Mr."
    assert record.openlibrary_work_id == "OL45804W"
    assert record.first_published_year == 1970  # the work's first date, not this 1988 printing
    assert record.description.startswith("The main character of Fantastic Mr. Fox")
    assert record.subjects == ["Animals", "Foxes", "Fiction", "Juvenile fiction", "Children's stories"]
    assert record.cover_url == "https://covers.openlibrary.org/b/id/6498519-L.jpg"
    assert record.language == "en"
    dahl, ross = record.authors
    assert (dahl.name, dahl.role, dahl.openlibrary_id) == ("Roald Dahl", "author", "OL34184A")
    assert (dahl.birth_year, dahl.death_year) == (1916, 1990)
    assert dahl.bio.startswith("Roald Dahl was a British novelist")
    assert "Dahl, Roald" in dahl.other_names and "Roald Dahl" not in dahl.other_names
    assert (ross.name, ross.role, ross.openlibrary_id) == ("Tony Ross", "illustrator", "")
    (edition,) = record.editions
    assert (edition.isbn_10, edition.isbn_13) == ("0140328726", "9780140328721")
    assert edition.publisher == "Puffin"
    assert edition.publication_date == PartialDate(1988, 10, 1)
    assert (edition.pages, edition.format, edition.language) == (96, "paperback", "en")
    assert edition.cover_url == "https://covers.openlibrary.org/b/id/8739161-L.jpg"
    assert edition.openlibrary_edition_id == "OL7353617M"


def test_open_library_odd_record(mocked) -> None:
    """Several ISBNs (one invalid), "c2001", string description and bio, a translator, pages as text."""
    mocked.get(f"{OL}/isbn/9788408163381.json", json=load_json("openlibrary/edition_OL9000001M.json"))
    add_ol(mocked, "/works/OL9000001W.json", "work_OL9000001W")
    add_ol(mocked, "/authors/OL9000001A.json", "author_OL9000001A")
    add_ol(mocked, "/authors/OL9000002A.json", "author_OL9000002A")

    record = OpenLibraryProvider().lookup_isbn("9788408163381")

    assert record.description.startswith("Un amanecer de 1945")
    assert record.first_published_year == 2001
    assert record.cover_url == ""  # -1 means "no cover"
    assert record.language == "es"
    assert record.series == [SeriesCredit("El cementerio de los libros olvidados", "1")]
    assert [(a.name, a.role, a.openlibrary_id) for a in record.authors] == [
        ("Carlos Ruiz Zafón", "author", "OL9000001A"),
        ("Lucia Graves", "translator", "OL9000002A"),
    ]
    assert record.authors[0].bio == "Novelista español nacido en Barcelona."
    assert record.authors[1].birth_year == 1943
    (edition,) = record.editions
    # The first ISBN-13 has a wrong check digit: the next one is taken.
    assert (edition.isbn_13, edition.isbn_10) == ("9788408163381", "8408163388")
    assert edition.publisher == "Planeta"
    assert edition.publication_date == PartialDate(2001)
    assert (edition.pages, edition.format) == (576, "paperback")


def test_open_library_edition_without_work(mocked) -> None:
    add_ol(mocked, "/isbn/9780306406157.json", "edition_OL9000002M")
    add_ol(mocked, "/authors/OL9000003A.json", "author_OL9000003A")

    record = OpenLibraryProvider().lookup_isbn("9780306406157")

    assert (record.title, record.subtitle) == ("A Book Without a Work", "and little else")
    assert record.openlibrary_work_id == ""
    assert record.first_published_year == 1990
    (author,) = record.authors
    # Spaces tidied; a death before the birth is dropped rather than stored.
    assert (author.name, author.birth_year, author.death_year) == ("Ana Lopez", 1950, None)
    (edition,) = record.editions
    assert (edition.isbn_10, edition.isbn_13) == ("0306406152", "9780306406157")
    assert edition.publication_date == PartialDate(1990, 3)
    assert (edition.pages, edition.format, edition.language, edition.publisher) == (None, "", "", "")


def test_open_library_unknown_isbn_is_none(mocked) -> None:
    mocked.get(f"{OL}/isbn/9780000000019.json", status=404, json={"error": "notfound", "key": "/isbn/x"})
    assert OpenLibraryProvider().lookup_isbn("9780000000019") is None


def test_open_library_title_search(mocked) -> None:
    mocked.get(
        f"{OL}/search.json",
        json=load_json("openlibrary/search_pillars.json"),
        match=[
            responses.matchers.query_param_matcher(
                {"title": "pillars of the earth", "author": "follett"}, strict_match=False
            )
        ],
    )
    add_ol(mocked, "/books/OL9000010M.json", "edition_OL9000010M")
    add_ol(mocked, "/works/OL9000010W.json", "work_OL9000010W")
    add_ol(mocked, "/authors/OL9000010A.json", "author_OL9000010A")

    record = OpenLibraryProvider().search_title("pillars of the earth", "follett")

    assert record.title == "The Pillars of the Earth"
    assert record.openlibrary_work_id == "OL9000010W"
    assert record.first_published_year == 1989  # from the search document: the work has no date
    assert [a.name for a in record.authors] == ["Ken Follett"]
    assert record.authors[0].other_names == ["Kenneth Martin Follett", "Simon Myles"]
    assert record.series == [SeriesCredit("Kingsbridge", "1")]
    assert record.editions[0].isbn_13 == "9780451166890"
    assert record.editions[0].pages == 973


def test_open_library_title_search_without_match(mocked) -> None:
    add_ol(mocked, "/search.json", "search_empty")
    assert OpenLibraryProvider().search_title("zzzz qqqq") is None


def test_open_library_server_error_is_provider_error(mocked) -> None:
    mocked.get(f"{OL}/isbn/9780140328721.json", status=503, body="Service Unavailable")
    with pytest.raises(ProviderError) as excinfo:
        OpenLibraryProvider().lookup_isbn("9780140328721")
    assert not isinstance(excinfo.value, ProviderTimeout)
    assert "503" in str(excinfo.value)


def test_open_library_non_json_is_provider_error(mocked) -> None:
    mocked.get(f"{OL}/isbn/9780140328721.json", body="<html>maintenance</html>")
    with pytest.raises(ProviderError, match="not JSON"):
        OpenLibraryProvider().lookup_isbn("9780140328721")


def test_connection_refused_is_provider_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port any more.
    with override_settings(MYBOOKCONNECT={"BOOKS_OPENLIBRARY_URL": f"http://127.0.0.1:{port}"}):
        with pytest.raises(ProviderError, match="could not be reached"):
            OpenLibraryProvider(timeout=1).lookup_isbn("9780140328721")


@pytest.fixture
def silent_url() -> Iterator[str]:
    with silent_server() as url:
        yield url


def test_real_timeout_is_provider_timeout(silent_url) -> None:
    with override_settings(MYBOOKCONNECT={"BOOKS_OPENLIBRARY_URL": silent_url, "BOOKS_LOOKUP_TIMEOUT": 0.2}):
        (provider,) = [p for p in get_metadata_providers() if p.name == "openlibrary"]
        assert provider.timeout == 0.2
        with pytest.raises(ProviderTimeout, match="0.2 s"):
            provider.lookup_isbn("9780140328721")


# --- Google Books ---------------------------------------------------------------------------------


def test_google_books_isbn_prefers_the_volume_with_that_isbn(mocked) -> None:
    mocked.get(
        f"{GB}/volumes",
        json=load_json("googlebooks/volumes_isbn_9780306406157.json"),
        match=[responses.matchers.query_param_matcher({"q": "isbn:9780306406157"}, strict_match=False)],
    )

    record = GoogleBooksProvider().lookup_isbn("9780306406157")

    assert record.provider == "googlebooks"
    assert (record.title, record.subtitle) == ("Field Theory", "A Modern Primer")
    assert record.authors == [AuthorCredit(name="Pierre Ramond")]  # the duplicate spelling is dropped
    assert record.first_published_year == 1990
    assert record.subjects == ["Science", "Physics", "Quantum Theory"]
    assert record.language == "en"
    assert record.google_books_id == "abcDEF123456"
    assert record.cover_url.startswith("https://books.google.com/books/content?id=abcDEF123456")
    assert "edge=curl" not in record.cover_url
    (edition,) = record.editions
    assert (edition.isbn_10, edition.isbn_13) == ("0306406152", "9780306406157")
    assert edition.publication_date == PartialDate(1990, 3, 5)
    assert (edition.publisher, edition.pages) == ("Westview Press", 329)


def test_google_books_no_items(mocked) -> None:
    mocked.get(f"{GB}/volumes", json=load_json("googlebooks/volumes_empty.json"))
    assert GoogleBooksProvider().lookup_isbn("9780000000019") is None
    assert GoogleBooksProvider().search_title("nothing") is None


def test_google_books_title_search_odd_volume(mocked) -> None:
    mocked.get(
        f"{GB}/volumes",
        json=load_json("googlebooks/volumes_title_odd.json"),
        match=[
            responses.matchers.query_param_matcher(
                {"q": 'intitle:"nameless stories" inauthor:"someone"'}, strict_match=False
            )
        ],
    )

    record = GoogleBooksProvider().search_title("nameless stories", "someone")

    assert record.title == "Nameless Stories"
    assert record.authors == []
    assert record.first_published_year == 2003
    (edition,) = record.editions
    # The first ISBN has a wrong check digit; the second has no ISBN-10 form (979).
    assert (edition.isbn_13, edition.isbn_10) == ("9791099999993", "")
    assert edition.pages is None  # "pageCount": 0
    assert edition.publication_date == PartialDate(2003, 11)


def test_google_books_api_key_is_sent(mocked) -> None:
    mocked.get(
        f"{GB}/volumes",
        json=load_json("googlebooks/volumes_empty.json"),
        match=[responses.matchers.query_param_matcher({"key": "secret"}, strict_match=False)],
    )
    with override_settings(MYBOOKCONNECT={"BOOKS_GOOGLE_BOOKS_API_KEY": "secret"}):
        assert GoogleBooksProvider().lookup_isbn("9780000000019") is None


# --- cache and registry ---------------------------------------------------------------------------


def test_answers_are_cached(mocked) -> None:
    register_fantastic_mr_fox(mocked)
    OpenLibraryProvider().lookup_isbn("9780140328721")
    calls = len(mocked.calls)

    again = OpenLibraryProvider().lookup_isbn("9780140328721")

    assert again.title == "Fantastic Mr Fox"
    assert len(mocked.calls) == calls


def test_not_found_is_cached_but_errors_are_not(mocked) -> None:
    mocked.get(f"{GB}/volumes", status=500)
    with pytest.raises(ProviderError):
        GoogleBooksProvider().lookup_isbn("9780000000019")
    mocked.replace(responses.GET, f"{GB}/volumes", json=load_json("googlebooks/volumes_empty.json"))
    assert GoogleBooksProvider().lookup_isbn("9780000000019") is None
    mocked.replace(responses.GET, f"{GB}/volumes", status=500)
    assert GoogleBooksProvider().lookup_isbn("9780000000019") is None  # from the cache
    assert len(mocked.calls) == 2


def test_cache_can_be_disabled(mocked) -> None:
    mocked.get(f"{GB}/volumes", json=load_json("googlebooks/volumes_empty.json"))
    provider = GoogleBooksProvider(cache_seconds=0)
    provider.lookup_isbn("9780000000019")
    provider.lookup_isbn("9780000000019")
    assert len(mocked.calls) == 2


def test_registry_order_and_settings() -> None:
    assert [p.name for p in get_metadata_providers()] == ["openlibrary", "googlebooks"]
    settings = {
        "BOOKS_METADATA_PROVIDERS": ["mybookconnect.books.providers.googlebooks.GoogleBooksProvider"],
        "BOOKS_LOOKUP_TIMEOUT": 2,
        "BOOKS_LOOKUP_CACHE_SECONDS": 60,
    }
    with override_settings(MYBOOKCONNECT=settings):
        (provider,) = get_metadata_providers()
    assert (provider.name, provider.timeout, provider.cache_seconds) == ("googlebooks", 2.0, 60)


def test_lookup_settings_are_books_settings_with_documented_defaults() -> None:
    assert books_settings.BOOKS_LOOKUP_TIMEOUT == 5
    assert books_settings.BOOKS_LOOKUP_CACHE_SECONDS == 86400
    assert books_settings.BOOKS_GOOGLE_BOOKS_API_KEY == ""
    mirrors = {
        "BOOKS_OPENLIBRARY_URL": "http://ol.mirror.example/",
        "BOOKS_GOOGLE_BOOKS_URL": "http://gb.mirror.example/books/v1/",
    }
    with override_settings(MYBOOKCONNECT=mirrors):
        assert OpenLibraryProvider().base_url == "http://ol.mirror.example"
        assert GoogleBooksProvider().base_url == "http://gb.mirror.example/books/v1"
    assert OpenLibraryProvider().base_url == "https://openlibrary.org"


@pytest.mark.parametrize("path", ["no.such.Provider", "mybookconnect.books.isbn.normalize_isbn"])
def test_registry_rejects_bad_paths(path) -> None:
    with override_settings(MYBOOKCONNECT={"BOOKS_METADATA_PROVIDERS": [path]}):
        with pytest.raises(ImproperlyConfigured, match="BOOKS_METADATA_PROVIDERS"):
            get_metadata_providers()

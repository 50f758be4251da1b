"""POST books/lookup/: outside metadata into the catalog, without duplicates, and nothing on failure."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
import requests
import responses
from django.core.cache import cache
from django.test import override_settings

from mybookconnect.books.lookup import fold, lookup_book
from mybookconnect.books.models import Author, Book, BookAuthor, Edition, Revision, Series, Subject
from tests.fixtures import GB, OL, add_ol, load_json, register_fantastic_mr_fox, silent_server

URL = "/api/v1/books/lookup/"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def register_la_sombra(rsps: responses.RequestsMock) -> None:
    rsps.get(f"{OL}/isbn/9788408163381.json", json=load_json("openlibrary/edition_OL9000001M.json"))
    add_ol(rsps, "/works/OL9000001W.json", "work_OL9000001W")
    add_ol(rsps, "/authors/OL9000001A.json", "author_OL9000001A")
    add_ol(rsps, "/authors/OL9000002A.json", "author_OL9000002A")


def catalog_counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Book, Edition, Author, BookAuthor, Subject, Series, Revision)
    )


def test_anonymous_cannot_look_up(api_client) -> None:
    response = api_client.post(URL, {"isbn": "9780140328721"}, format="json")
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"


def test_isbn_lookup_creates_book_edition_authors_subjects(reader_client, reader, mocked) -> None:
    register_fantastic_mr_fox(mocked)

    response = reader_client.post(URL, {"isbn": "0-14-032872-6"}, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    book = Book.objects.get(pk=body["id"])
    assert body["title"] == book.title == "Fantastic Mr Fox"
    assert book.openlibrary_work_id == "OL45804W"
    assert book.first_published_year == 1970
    assert book.original_language == "en"
    assert book.cover_url == "https://covers.openlibrary.org/b/id/6498519-L.jpg"
    assert book.description.startswith("The main character")
    links = list(book.book_authors.select_related("author").order_by("position"))
    assert [(link.author.name, link.role) for link in links] == [
        ("Roald Dahl", "author"),
        ("Tony Ross", "illustrator"),
    ]
    dahl = links[0].author
    assert (dahl.openlibrary_id, dahl.birth_year, dahl.death_year) == ("OL34184A", 1916, 1990)
    assert dahl.sort_name == "Dahl, Roald"
    assert set(book.subjects.values_list("name", flat=True)) == {
        "Animals",
        "Foxes",
        "Fiction",
        "Juvenile fiction",
        "Children's stories",
    }
    edition = book.editions.get()
    assert (edition.isbn_13, edition.isbn_10, edition.openlibrary_edition_id) == (
        "9780140328721",
        "0140328726",
        "OL7353617M",
    )
    assert (edition.publication_year, edition.publication_month, edition.publication_day) == (1988, 10, 1)
    assert (edition.publisher, edition.pages, edition.format, edition.language) == (
        "Puffin",
        96,
        "paperback",
        "en",
    )
    # The reader who looked it up is the author of the book's first revision.
    assert Revision.objects.filter(book=book, user=reader, action="create").exists()


def test_same_isbn_again_is_200_without_asking_anyone(reader_client, mocked) -> None:
    register_fantastic_mr_fox(mocked)
    first = reader_client.post(URL, {"isbn": "9780140328721"}, format="json").json()
    calls, counts = len(mocked.calls), catalog_counts()
    mocked.replace(responses.GET, f"{OL}/isbn/9780140328721.json", status=500)

    response = reader_client.post(URL, {"isbn": "978-0-14-032872-1"}, format="json")

    assert response.status_code == 200
    assert response.json()["id"] == first["id"]
    assert len(mocked.calls) == calls
    assert catalog_counts() == counts


def test_another_edition_of_a_known_work_joins_its_book(reader_client, mocked) -> None:
    register_fantastic_mr_fox(mocked)
    first = reader_client.post(URL, {"isbn": "9780140328721"}, format="json").json()
    other = copy.deepcopy(load_json("openlibrary/edition_OL7353617M.json"))
    other.update(key="/books/OL9999999M", isbn_13=["9780306406157"], isbn_10=[], publish_date="1990")
    mocked.get(f"{OL}/isbn/9780306406157.json", json=other)

    response = reader_client.post(URL, {"isbn": "9780306406157"}, format="json")

    assert response.status_code == 200
    assert response.json()["id"] == first["id"]
    assert Book.objects.count() == 1
    assert Author.objects.filter(name="Roald Dahl").count() == 1
    assert sorted(Edition.objects.values_list("isbn_13", flat=True)) == ["9780140328721", "9780306406157"]


def test_authors_are_reused_by_open_library_id_then_by_name_ignoring_case_and_accents(
    reader_client, mocked
) -> None:
    by_id = Author.objects.create(name="Lucía Graves", openlibrary_id="OL9000002A")
    by_name = Author.objects.create(name="CARLOS RUIZ ZAFON")
    register_la_sombra(mocked)

    response = reader_client.post(URL, {"isbn": "978-84-08-16338-1"}, format="json")

    assert response.status_code == 201, response.json()
    book = Book.objects.get(pk=response.json()["id"])
    assert [(link.author_id, link.role) for link in book.book_authors.order_by("position")] == [
        (by_name.pk, "author"),
        (by_id.pk, "translator"),
    ]
    assert Author.objects.count() == 2
    by_name.refresh_from_db()
    assert by_name.openlibrary_id == "OL9000001A"  # learnt from the answer
    series_link = book.book_series.select_related("series").get()
    assert (series_link.series.name, str(series_link.position)) == (
        "El cementerio de los libros olvidados",
        "1.00",
    )
    assert (book.original_language, book.first_published_year) == ("es", 2001)
    assert book.editions.get().format == "paperback"


def test_title_lookup_creates_then_finds(reader_client, mocked) -> None:
    add_ol(mocked, "/search.json", "search_pillars")
    add_ol(mocked, "/books/OL9000010M.json", "edition_OL9000010M")
    add_ol(mocked, "/works/OL9000010W.json", "work_OL9000010W")
    add_ol(mocked, "/authors/OL9000010A.json", "author_OL9000010A")

    created = reader_client.post(URL, {"title": "pillars of the earth", "author": "follett"}, format="json")
    again = reader_client.post(URL, {"title": "The Pillars of the Earth"}, format="json")

    assert (created.status_code, again.status_code) == (201, 200)
    assert created.json()["id"] == again.json()["id"]
    book = Book.objects.get()
    assert book.first_published_year == 1989
    assert book.editions.get().isbn_13 == "9780451166890"
    assert book.series.get().name == "Kingsbridge"


def test_google_books_answers_when_open_library_does_not_know(reader_client, mocked) -> None:
    mocked.get(f"{OL}/isbn/9780306406157.json", status=404, json={"error": "notfound"})
    mocked.get(f"{GB}/volumes", json=load_json("googlebooks/volumes_isbn_9780306406157.json"))

    response = reader_client.post(URL, {"isbn": "0306406152"}, format="json")

    assert response.status_code == 201
    book = Book.objects.get()
    assert (book.title, book.subtitle) == ("Field Theory", "A Modern Primer")
    assert list(book.authors.values_list("name", flat=True)) == ["Pierre Ramond"]
    assert book.cover_url.startswith("https://books.google.com/")
    edition = book.editions.get()
    assert edition.isbn_13 == "9780306406157"
    assert (edition.publication_year, edition.publication_month, edition.publication_day) == (1990, 3, 5)


def test_a_failing_provider_is_skipped_when_the_next_one_answers(reader_client, mocked) -> None:
    mocked.get(f"{OL}/isbn/9780306406157.json", status=503)
    mocked.get(f"{GB}/volumes", json=load_json("googlebooks/volumes_isbn_9780306406157.json"))

    response = reader_client.post(URL, {"isbn": "9780306406157"}, format="json")

    assert response.status_code == 201
    assert Book.objects.get().title == "Field Theory"


def test_unknown_everywhere_is_404(reader_client, mocked) -> None:
    mocked.get(f"{OL}/isbn/9780000000019.json", status=404, json={"error": "notfound"})
    mocked.get(f"{GB}/volumes", json=load_json("googlebooks/volumes_empty.json"))

    response = reader_client.post(URL, {"isbn": "9780000000019"}, format="json")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert catalog_counts() == (0, 0, 0, 0, 0, 0, 0)


def test_provider_errors_are_502_and_write_nothing(reader_client, mocked) -> None:
    mocked.get(f"{OL}/isbn/9780140328721.json", status=500)
    mocked.get(f"{GB}/volumes", body="<html>oops</html>")

    response = reader_client.post(URL, {"isbn": "9780140328721"}, format="json")

    assert response.status_code == 502
    body = response.json()
    assert body["code"] == "provider_error"
    assert "failed" in body["detail"]
    assert catalog_counts() == (0, 0, 0, 0, 0, 0, 0)


def test_error_half_way_through_a_record_writes_nothing(reader_client, mocked) -> None:
    register_fantastic_mr_fox(mocked)
    mocked.replace(responses.GET, f"{OL}/authors/OL34184A.json", body=requests.ConnectTimeout())
    mocked.get(f"{GB}/volumes", status=503)

    response = reader_client.post(URL, {"isbn": "9780140328721"}, format="json")

    assert response.status_code == 502  # one timeout and one error: the error is the message
    assert catalog_counts() == (0, 0, 0, 0, 0, 0, 0)


def test_real_timeouts_are_504_and_write_nothing(reader_client) -> None:
    with silent_server() as url:
        settings = {"BOOKS_OPENLIBRARY_URL": url, "BOOKS_GOOGLE_BOOKS_URL": url, "BOOKS_LOOKUP_TIMEOUT": 0.2}
        with override_settings(MYBOOKCONNECT=settings):
            response = reader_client.post(URL, {"title": "Anything"}, format="json")

    assert response.status_code == 504
    body = response.json()
    assert body["code"] == "provider_timeout"
    assert "too long" in body["detail"]
    assert catalog_counts() == (0, 0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"isbn": "9780140328722"}, "isbn"),  # wrong check digit
        ({"isbn": "0-14-032872-7"}, "isbn"),
        ({"isbn": "12345"}, "isbn"),
        ({"isbn": "9790000000000" + "1"}, "isbn"),
        ({}, "isbn"),
        ({"isbn": "", "title": "  "}, "isbn"),
        ({"author": "Ken Follett"}, "title"),
        ({"isbn": "9780140328721", "title": "Fantastic Mr Fox"}, "title"),
        ({"title": "x" * 501}, "title"),
        ({"title": "Dune", "author": "y" * 301}, "author"),
        ({"isbn": ["9780140328721"]}, "isbn"),
    ],
)
def test_bad_input_is_400_per_field(reader_client, payload, field) -> None:
    response = reader_client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert catalog_counts() == (0, 0, 0, 0, 0, 0, 0)


def test_get_is_not_allowed(reader_client) -> None:
    assert reader_client.get(URL).status_code == 405


def test_service_can_be_called_without_a_user(mocked) -> None:
    register_fantastic_mr_fox(mocked)
    result = lookup_book(isbn="9780140328721")
    assert result.created
    assert {r.user_id for r in Revision.objects.filter(book=result.book)} == {None}
    assert not lookup_book(isbn="0140328726").created


def test_fold() -> None:
    assert fold("Carlos Ruiz Zafón") == fold("CARLOS RUIZ ZAFON") == "carlos ruiz zafon"
    assert fold("Idhún") == "idhun"


def test_lookup_is_in_the_schema(api_client) -> None:
    schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/books/lookup/"]["post"]
    assert operation["operationId"] == "books_lookup"
    assert {"200", "201", "400", "404", "502", "504"} <= set(operation["responses"])


def test_a_concurrent_insert_of_the_same_book_is_reused(mocked, monkeypatch) -> None:
    """Another request adds the book between this one's checks and its insert: its book is returned."""
    from mybookconnect.books import lookup

    register_fantastic_mr_fox(mocked)
    real_ask, real_existing_book = lookup._ask_providers, lookup._existing_book
    missed = []

    def ask_while_another_request_saves(**kwargs):
        record = real_ask(**kwargs)
        Book.objects.create(title="Fantastic Mr Fox", openlibrary_work_id="OL45804W")
        return record

    def existing_book_missed_once(record, author_ids):
        if not missed:
            missed.append(True)
            return None  # checked just before the other request committed
        return real_existing_book(record, author_ids)

    monkeypatch.setattr(lookup, "_ask_providers", ask_while_another_request_saves)
    monkeypatch.setattr(lookup, "_existing_book", existing_book_missed_once)

    result = lookup_book(isbn="9780140328721")

    assert not result.created
    assert Book.objects.count() == 1
    assert result.book.editions.get().isbn_13 == "9780140328721"

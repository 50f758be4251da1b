"""Cached book pages and search results: a hit costs no query, and every write path shows at once."""

from __future__ import annotations

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mybookconnect.books import caching, services
from mybookconnect.books.merge import merge_authors, merge_books, merge_editions
from mybookconnect.books.models import Author, Book, Edition, Series, Subject
from mybookconnect.books.openlibrary_dump import DumpImporter
from tests.fixtures import FIXTURES_DIR, OL, load_json, register_fantastic_mr_fox

pytestmark = pytest.mark.django_db


def page(client, book) -> dict:
    response = client.get(f"/api/v1/books/{book.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


def cached_page(client, book) -> dict:
    """The page, read twice: the second time from the cache (checked by its query count)."""
    first = page(client, book)
    with CaptureQueriesContext(connection) as queries:
        second = page(client, book)
    assert len(queries) == 0, [q["sql"] for q in queries]
    assert second == first
    return second


def test_a_cached_page_costs_no_query_and_is_the_same_body(api_client, catalog) -> None:
    body = cached_page(api_client, catalog["pillars"])
    assert body["title"] == "The Pillars of the Earth"
    assert body["authors"][0]["name"] == "Ken Follett"


def test_pages_are_cached_per_language_and_site(api_client, catalog) -> None:
    book = catalog["pillars"]
    english = api_client.get(f"/api/v1/books/{book.pk}/").json()
    other_site = api_client.get(f"/api/v1/books/{book.pk}/", HTTP_HOST="localhost").json()
    assert english["cover_url"].startswith("http://testserver/")
    assert other_site["cover_url"].startswith("http://localhost/")
    missing = api_client.get("/api/v1/books/999999/", HTTP_ACCEPT_LANGUAGE="es").json()
    assert missing["detail"] == "Libro no encontrado."


def test_cache_off(api_client, catalog, settings) -> None:
    settings.MYBOOKCONNECT = {"BOOKS_DETAIL_CACHE_SECONDS": 0}
    page(api_client, catalog["pillars"])
    with CaptureQueriesContext(connection) as queries:
        page(api_client, catalog["pillars"])
    assert len(queries) > 0


def test_api_patch_shows_at_once(api_client, reader_client, catalog) -> None:
    book = catalog["pillars"]
    cached_page(api_client, book)
    response = reader_client.patch(
        f"/api/v1/books/{book.pk}/",
        {
            "title": "The Pillars of the Earth (revised)",
            "authors": [{"name": "Ken Follett"}, {"name": "A Translator", "role": "translator"}],
            "subjects": ["Cathedrals"],
            "series": [{"name": "Kingsbridge", "position": "1.5"}],
        },
        format="json",
    )
    assert response.status_code == 200
    body = page(api_client, book)
    assert body["title"] == "The Pillars of the Earth (revised)"
    assert [a["name"] for a in body["authors"]] == ["Ken Follett", "A Translator"]
    assert [s["name"] for s in body["subjects"]] == ["Cathedrals"]
    assert body["series"][0]["position"] == "1.50"


def test_services_update_book_relations_show(api_client, catalog) -> None:
    book = catalog["world"]
    cached_page(api_client, book)
    services.update_book(book, {"description": "Two centuries later.", "subjects": ["Middle Ages"]})
    body = page(api_client, book)
    assert body["description"] == "Two centuries later."
    assert [s["name"] for s in body["subjects"]] == ["Middle Ages"]


def test_subjects_added_from_either_side_show(api_client, catalog) -> None:
    book = catalog["earth"]
    cached_page(api_client, book)
    subject = services.get_or_create_subject("Post-apocalyptic")
    subject.books.add(book)
    assert [s["name"] for s in cached_page(api_client, book)["subjects"]] == ["Post-apocalyptic"]
    book.subjects.clear()
    assert cached_page(api_client, book)["subjects"] == []


def test_editions_added_corrected_and_reverted_show(api_client, reader_client, staff_client, catalog) -> None:
    book = catalog["pillars"]
    cached_page(api_client, book)
    created = reader_client.post(
        "/api/v1/editions/",
        {"book": book.pk, "isbn": "0-306-40615-2", "publisher": "Macmillan"},
        format="json",
    )
    assert created.status_code == 201
    edition_id = created.json()["id"]
    assert [e["publisher"] for e in cached_page(api_client, book)["editions"]] == ["Macmillan"]

    reader_client.patch(f"/api/v1/editions/{edition_id}/", {"publisher": "Pan Books"}, format="json")
    assert [e["publisher"] for e in cached_page(api_client, book)["editions"]] == ["Pan Books"]

    history = api_client.get(f"/api/v1/books/{book.pk}/history/").json()["results"]
    correction = next(r for r in history if r["changes"].get("publisher") == ["Macmillan", "Pan Books"])
    reverted = staff_client.post(f"/api/v1/books/{book.pk}/history/{correction['id']}/revert/")
    assert reverted.status_code == 201
    assert [e["publisher"] for e in cached_page(api_client, book)["editions"]] == ["Macmillan"]

    creation = next(r for r in history if r["action"] == "create" and r["edition"] == edition_id)
    staff_client.post(f"/api/v1/books/{book.pk}/history/{creation['id']}/revert/")
    assert page(api_client, book)["editions"] == []


def test_book_revert_shows(api_client, reader_client, staff_client, catalog) -> None:
    book = catalog["earth"]
    reader_client.patch(f"/api/v1/books/{book.pk}/", {"title": "Earth Abides!"}, format="json")
    assert cached_page(api_client, book)["title"] == "Earth Abides!"
    revision = api_client.get(f"/api/v1/books/{book.pk}/history/").json()["results"][0]
    staff_client.post(f"/api/v1/books/{book.pk}/history/{revision['id']}/revert/")
    assert page(api_client, book)["title"] == "Earth Abides"


@pytest.mark.parametrize("model", [Author, Series, Subject])
def test_renames_of_authors_series_and_subjects_show(api_client, catalog, model) -> None:
    book = catalog["pillars"]
    services.update_book(book, {"subjects": ["Cathedrals"]})
    cached_page(api_client, book)
    item = model.objects.get(
        name={Author: "Ken Follett", Series: "Kingsbridge", Subject: "Cathedrals"}[model]
    )
    item.name = "Renamed"
    item.save()
    body = page(api_client, book)
    shown = {Author: body["authors"], Series: body["series"], Subject: body["subjects"]}[model]
    assert [entry["name"] for entry in shown] == ["Renamed"]


def test_book_merge_redirects_the_cached_source_and_refreshes_the_target(
    api_client, staff_client, catalog
) -> None:
    source, target = catalog["world"], catalog["pillars"]
    services.create_edition(source, {"isbn": "9780306406157"})
    cached_page(api_client, source)
    cached_page(api_client, target)
    assert staff_client.post(f"/api/v1/books/{source.pk}/merge/", {"into": target.pk}).status_code == 200
    assert api_client.get(f"/api/v1/books/{source.pk}/").status_code == 301
    assert [e["isbn_13"] for e in page(api_client, target)["editions"]] == ["9780306406157"]


def test_edition_and_author_merges_show(api_client, catalog) -> None:
    book = catalog["pillars"]
    first = services.create_edition(book, {"isbn": "9780306406157"})
    second = services.create_edition(book, {"publisher": "Pan"})
    other_author = services.get_or_create_author("K. Follett")
    services.update_book(book, {"authors": [{"id": other_author.pk}]})
    cached_page(api_client, book)
    merge_editions(second, first)
    merge_authors(other_author, Author.objects.get(name="Ken Follett"))
    body = page(api_client, book)
    assert [(e["isbn_13"], e["publisher"]) for e in body["editions"]] == [("9780306406157", "Pan")]
    assert [a["name"] for a in body["authors"]] == ["Ken Follett"]
    merge_books(catalog["world"], book)
    assert page(api_client, book)["title"] == "The Pillars of the Earth"


def test_deleted_book_is_gone(api_client, catalog) -> None:
    book = catalog["hobbit"]
    cached_page(api_client, book)
    Book.objects.filter(pk=book.pk).delete()
    assert api_client.get(f"/api/v1/books/{book.pk}/").status_code == 404


def test_writes_without_signals_call_invalidate_books(api_client, catalog) -> None:
    book = catalog["pillars"]
    cached_page(api_client, book)
    # What the reviews app does with its aggregates.
    Book.objects.filter(pk=book.pk).update(readers_count=42)
    assert page(api_client, book)["readers_count"] == 0  # still cached: no signal, no call
    caching.invalidate_books([book.pk])
    assert page(api_client, book)["readers_count"] == 42


def test_lookup_adding_an_edition_to_a_known_book_shows(api_client, reader_client, settings) -> None:
    from responses import RequestsMock

    with RequestsMock(assert_all_requests_are_fired=False) as mocked:
        register_fantastic_mr_fox(mocked)
        first = reader_client.post("/api/v1/books/lookup/", {"isbn": "9780140328721"}, format="json").json()
        book = Book.objects.get(pk=first["id"])
        assert len(cached_page(api_client, book)["editions"]) == 1
        other = copy.deepcopy(load_json("openlibrary/edition_OL7353617M.json"))
        other.update(key="/books/OL9999999M", isbn_13=["9780306406157"], isbn_10=[], publish_date="1990")
        mocked.get(f"{OL}/isbn/9780306406157.json", json=other)
        reader_client.post("/api/v1/books/lookup/", {"isbn": "9780306406157"}, format="json")
    assert len(page(api_client, book)["editions"]) == 2


def test_bulk_import_of_editions_shows(api_client) -> None:
    dump = FIXTURES_DIR / "openlibrary_dump"
    importer = DumpImporter(show_progress=False)
    importer.import_authors(dump / "authors.txt")
    importer.import_works(dump / "works.txt")
    book = Book.objects.get(openlibrary_work_id="OL1W")
    assert cached_page(api_client, book)["editions"] == []
    importer.import_editions(dump / "editions.txt")
    body = page(api_client, book)
    assert body["editions"]
    assert (
        body["first_published_year"]
        == Edition.objects.filter(book=book)
        .order_by("publication_year")
        .values_list("publication_year", flat=True)
        .first()
    )


def test_search_results_are_cached_and_see_new_books(api_client, catalog) -> None:
    url = "/api/v1/books/?q=kingsbridge"
    first = api_client.get(url).json()
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get(url).json() == first
    assert len(queries) == 0
    services.create_book({"title": "A Column of Fire", "series": [{"name": "Kingsbridge", "position": 3}]})
    titles = [b["title"] for b in api_client.get(url).json()["results"]]
    assert "A Column of Fire" in titles


def test_search_results_see_renames(api_client, catalog) -> None:
    url = "/api/v1/books/?q=hobbit"
    assert api_client.get(url).json()["count"] == 1
    Author.objects.filter(name="J. R. R. Tolkien").update(name="Tolkien")  # no signal: the catalog token
    caching.invalidate_catalog()
    assert api_client.get(url).json()["results"][0]["authors"][0]["name"] == "Tolkien"


def test_bad_search_is_still_a_400(api_client) -> None:
    assert api_client.get("/api/v1/books/?q=x&year_min=abc").status_code == 400


@pytest.mark.parametrize(
    ("key", "error_id"),
    [
        ("BOOKS_DETAIL_CACHE_SECONDS", "mybookconnect_books.E012"),
        ("BOOKS_SEARCH_CACHE_SECONDS", "mybookconnect_books.E013"),
        ("BOOKS_FEED_CACHE_SECONDS", "mybookconnect_books.E014"),
    ],
)
@pytest.mark.parametrize("value", [-1, "300", 1.5, None, True])
def test_cache_seconds_settings_are_checked(settings, key, error_id, value) -> None:
    from mybookconnect.books.checks import check_settings

    settings.MYBOOKCONNECT = {key: value}
    assert [error.id for error in check_settings()] == [error_id]
    settings.MYBOOKCONNECT = {key: 0}
    assert check_settings() == []

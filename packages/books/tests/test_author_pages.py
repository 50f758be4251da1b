"""An author's page (their first books, cached) and their books a page at a time."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mybookconnect.books import caching, library, services
from mybookconnect.books.api.serializers import AUTHOR_FIRST_BOOKS
from mybookconnect.books.merge import merge_authors, merge_books
from mybookconnect.books.models import Author, Book, BookAuthor
from tests.conftest import create_account

pytestmark = pytest.mark.django_db


def author_page(client, author) -> dict:
    response = client.get(f"/api/v1/authors/{author.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


def cached_author_page(client, author) -> dict:
    """The page, read twice: the second time from the cache (checked by its query count)."""
    first = author_page(client, author)
    with CaptureQueriesContext(connection) as queries:
        second = author_page(client, author)
    assert len(queries) == 0, [q["sql"] for q in queries]
    assert second == first
    return second


def titles(body: dict) -> list[str]:
    return [row["title"] for row in body["books" if "books" in body else "results"]]


@pytest.fixture
def prolific():
    """An author with 15 books: "Book 00" to "Book 14", read by 0 to 14 readers, year 2000 + i
    (none for the last one), a translator of "Book 03" too."""
    author = services.get_or_create_author("Prolific Writer")
    for i in range(15):
        services.create_book(
            {
                "title": f"Book {i:02d}",
                "authors": [{"id": author.pk, "name": author.name}],
                **({"first_published_year": 2000 + i} if i < 14 else {}),
            }
        )
    for book in Book.objects.filter(title__startswith="Book "):
        Book.objects.filter(pk=book.pk).update(readers_count=int(book.title[-2:]))
    BookAuthor.objects.create(book=Book.objects.get(title="Book 03"), author=author, role="translator")
    return author


def test_page_shows_the_author_their_count_and_most_read_books(api_client, prolific) -> None:
    body = author_page(api_client, prolific)
    assert body["name"] == "Prolific Writer"
    assert body["sort_name"] == "Writer, Prolific"
    assert body["books_count"] == 15  # "Book 03" once, though with two roles
    assert len(body["books"]) == AUTHOR_FIRST_BOOKS == 10
    assert titles(body) == [f"Book {i:02d}" for i in range(14, 4, -1)]
    first = body["books"][0]
    assert set(first) == {"id", "title", "subtitle", "first_published_year", "cover_url", "role"}
    assert first["cover_url"].startswith("http://testserver/")
    assert first["role"] == "author"


def test_author_without_books(api_client) -> None:
    author = services.get_or_create_author("Nobody Yet")
    body = author_page(api_client, author)
    assert (body["books_count"], body["books"]) == (0, [])
    listed = api_client.get(f"/api/v1/authors/{author.pk}/books/").json()
    assert (listed["count"], listed["results"]) == (0, [])


def test_books_are_paginated_most_read_first(api_client, prolific) -> None:
    url = f"/api/v1/authors/{prolific.pk}/books/"
    first = api_client.get(url, {"page_size": 10}).json()
    assert first["count"] == 16  # one row per role: "Book 03" as author and as translator
    assert titles(first) == [f"Book {i:02d}" for i in range(14, 4, -1)]
    assert first["previous"] is None and "page=2" in first["next"]
    second = api_client.get(url, {"page_size": 10, "page": 2}).json()
    assert [(row["title"], row["role"]) for row in second["results"]] == [
        ("Book 04", "author"),
        ("Book 03", "author"),
        ("Book 03", "translator"),
        ("Book 02", "author"),
        ("Book 01", "author"),
        ("Book 00", "author"),
    ]
    assert second["next"] is None
    assert api_client.get(url, {"page": 3, "page_size": 10}).status_code == 404


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("title", ["Book 00", "Book 01", "Book 02"]),
        ("-title", ["Book 14", "Book 13", "Book 12"]),
        ("first_published_year", ["Book 00", "Book 01", "Book 02"]),
        # Books without a year come last in both directions.
        ("-first_published_year", ["Book 13", "Book 12", "Book 11"]),
    ],
)
def test_books_orderings(api_client, prolific, ordering, expected) -> None:
    url = f"/api/v1/authors/{prolific.pk}/books/"
    body = api_client.get(url, {"ordering": ordering, "page_size": 20}).json()
    assert titles(body)[:3] == expected
    if ordering.endswith("first_published_year"):
        assert titles(body)[-1] == "Book 14"


def test_books_refuse_an_unknown_ordering(api_client, prolific) -> None:
    response = api_client.get(f"/api/v1/authors/{prolific.pk}/books/", {"ordering": "readers_count"})
    assert response.status_code == 400
    assert "ordering" in response.json()


def test_unknown_and_merged_authors(api_client, catalog) -> None:
    missing = api_client.get("/api/v1/authors/999999/books/")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    assert (
        api_client.get("/api/v1/authors/999999/books/", HTTP_ACCEPT_LANGUAGE="es").json()["detail"]
        == (api_client.get("/api/v1/authors/999999/", HTTP_ACCEPT_LANGUAGE="es").json()["detail"])
    )
    duplicate = services.get_or_create_author("K. Follett")
    services.update_book(catalog["earth"], {"authors": [{"id": duplicate.pk}]})
    target = Author.objects.get(name="Ken Follett")
    merge_authors(duplicate, target)
    detail = api_client.get(f"/api/v1/authors/{duplicate.pk}/")
    assert detail.status_code == 301
    assert detail["Location"] == f"/api/v1/authors/{target.pk}/"
    listed = api_client.get(f"/api/v1/authors/{duplicate.pk}/books/", {"ordering": "title", "page": 1})
    assert listed.status_code == 301
    assert listed["Location"] == f"/api/v1/authors/{target.pk}/books/?ordering=title&page=1"
    followed = api_client.get(listed["Location"]).json()
    assert titles(followed) == ["Earth Abides", "The Pillars of the Earth", "World Without End"]


@pytest.mark.parametrize("rows", [5, 50])
def test_query_counts_do_not_grow_with_books(
    api_client, django_assert_max_num_queries, settings, rows
) -> None:
    author = services.get_or_create_author("Prolific Writer")
    for i in range(rows):
        services.create_book(
            {
                "title": f"Saga {i:03d}",
                "authors": [{"id": author.pk, "name": author.name}, {"name": f"Co {i}"}],
            }
        )
    # The author and their count, then their first books.
    with django_assert_max_num_queries(2):
        assert api_client.get(f"/api/v1/authors/{author.pk}/").status_code == 200
    with django_assert_max_num_queries(0):
        assert api_client.get(f"/api/v1/authors/{author.pk}/").status_code == 200
    # The count and the page, whatever its size or order.
    for ordering in ("-readers_count", "title", "first_published_year"):
        with django_assert_max_num_queries(2):
            response = api_client.get(
                f"/api/v1/authors/{author.pk}/books/", {"page_size": 100, "ordering": ordering}
            )
            assert response.status_code == 200
    settings.MYBOOKCONNECT = {"BOOKS_DETAIL_CACHE_SECONDS": 0}
    with django_assert_max_num_queries(2):
        assert api_client.get(f"/api/v1/authors/{author.pk}/").status_code == 200


# The cached page, and every write that changes it.


def test_cached_page_is_per_language_and_site(api_client, catalog) -> None:
    author = Author.objects.get(name="Ken Follett")
    body = cached_author_page(api_client, author)
    assert titles(body) == ["The Pillars of the Earth", "World Without End"]
    other_site = api_client.get(f"/api/v1/authors/{author.pk}/", HTTP_HOST="localhost").json()
    assert other_site["books"][0]["cover_url"].startswith("http://localhost/")
    missing = api_client.get("/api/v1/authors/999999/", HTTP_ACCEPT_LANGUAGE="es").json()
    assert missing["code"] == "not_found"


def test_cache_off(api_client, catalog, settings) -> None:
    settings.MYBOOKCONNECT = {"BOOKS_DETAIL_CACHE_SECONDS": 0}
    author = Author.objects.get(name="Ken Follett")
    author_page(api_client, author)
    with CaptureQueriesContext(connection) as queries:
        author_page(api_client, author)
    assert len(queries) > 0


def test_author_rename_shows(api_client, catalog) -> None:
    author = Author.objects.get(name="Ken Follett")
    cached_author_page(api_client, author)
    author.name = "Kenneth Follett"
    author.save()
    assert author_page(api_client, author)["name"] == "Kenneth Follett"


def test_a_book_renamed_through_the_api_shows(api_client, reader_client, catalog) -> None:
    author = Author.objects.get(name="Ken Follett")
    cached_author_page(api_client, author)
    response = reader_client.patch(
        f"/api/v1/books/{catalog['world'].pk}/", {"title": "World Without an End"}, format="json"
    )
    assert response.status_code == 200
    assert titles(author_page(api_client, author)) == ["The Pillars of the Earth", "World Without an End"]


def test_a_book_renamed_with_a_plain_save_shows(api_client, catalog) -> None:
    author = Author.objects.get(name="Ken Follett")
    cached_author_page(api_client, author)
    book = Book.objects.get(pk=catalog["pillars"].pk)
    book.title = "Pillars"
    book.save()
    assert "Pillars" in titles(author_page(api_client, author))


def test_books_linked_and_unlinked_show(api_client, catalog) -> None:
    follett = Author.objects.get(name="Ken Follett")
    stewart = Author.objects.get(name="George R. Stewart")
    cached_author_page(api_client, follett)
    cached_author_page(api_client, stewart)
    # Linked: Follett gains a book; Stewart, who loses it, is refreshed too.
    services.update_book(catalog["earth"], {"authors": [{"id": follett.pk}]})
    body = cached_author_page(api_client, follett)
    assert (body["books_count"], "Earth Abides" in titles(body)) == (3, True)
    assert author_page(api_client, stewart)["books_count"] == 0
    # Unlinked, without the services.
    BookAuthor.objects.get(book=catalog["earth"], author=follett).delete()
    body = author_page(api_client, follett)
    assert (body["books_count"], "Earth Abides" in titles(body)) == (2, False)
    # A book of theirs deleted.
    cached_author_page(api_client, follett)
    catalog["world"].delete()
    assert titles(author_page(api_client, follett)) == ["The Pillars of the Earth"]


def test_aggregates_written_without_signals_reorder_the_first_books(api_client, catalog) -> None:
    author = Author.objects.get(name="Ken Follett")
    cached_author_page(api_client, author)
    # What the reviews app does with its aggregates.
    Book.objects.filter(pk=catalog["world"].pk).update(readers_count=7)
    assert titles(author_page(api_client, author))[0] == "The Pillars of the Earth"  # still cached
    caching.invalidate_books([catalog["world"].pk])
    assert titles(author_page(api_client, author)) == ["World Without End", "The Pillars of the Earth"]


def test_author_merge_shows(api_client, staff_client, catalog) -> None:
    target = Author.objects.get(name="Ken Follett")
    source = Author.objects.get(name="George R. Stewart")
    cached_author_page(api_client, target)
    cached_author_page(api_client, source)
    response = staff_client.post(f"/api/v1/authors/{source.pk}/merge/", {"into": target.pk})
    assert response.status_code == 200
    assert api_client.get(f"/api/v1/authors/{source.pk}/").status_code == 301
    body = author_page(api_client, target)
    assert body["books_count"] == 3
    assert "Earth Abides" in titles(body)
    assert "George R. Stewart" in body["other_names"]


def test_book_merge_shows(api_client, catalog) -> None:
    follett = Author.objects.get(name="Ken Follett")
    stewart = Author.objects.get(name="George R. Stewart")
    cached_author_page(api_client, follett)
    cached_author_page(api_client, stewart)
    for i in range(5):  # readers of the source, whose entries the merge moves (aggregates are recomputed)
        library.add_to_library(create_account(f"reader{i}"), catalog["earth"], {})
    caching.invalidate_books([catalog["earth"].pk])
    cached_author_page(api_client, stewart)
    merge_books(catalog["earth"], catalog["world"])
    # The survivor has both books' authors and adds up their readers.
    assert titles(author_page(api_client, follett)) == ["World Without End", "The Pillars of the Earth"]
    assert titles(author_page(api_client, stewart)) == ["World Without End"]

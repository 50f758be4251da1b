"""Query counts of the library's lists: a page of 50 rows costs what a page of 5 does."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from mybookconnect.books import library, services
from mybookconnect.books.models import ReadThrough, Shelf
from tests.conftest import create_account

pytestmark = pytest.mark.django_db

# Own library: count, page, the books (read after their cache tokens), their authors, tags, readings,
# shelves.
LIBRARY_QUERIES = 7
# Another reader's: the reader, then the same but shelves.
READER_LIBRARY_QUERIES = 7
# A page served from the cache: nothing for the own library (the test client's user is already
# loaded), the reader for another's.
CACHED_LIBRARY_QUERIES = 0
CACHED_READER_LIBRARY_QUERIES = 1
# Shelves: count and page (counts are a subquery).
SHELF_QUERIES = 2


@pytest.fixture
def full_library(make_books):
    """A reader whose library has ``n`` entries, each with authors, tags, shelves and readings."""

    def make(n: int):
        owner = create_account(f"owner{n}")
        shelves = [Shelf.objects.create(user=owner, name=f"Shelf {i}", audience="public") for i in range(3)]
        for i, book in enumerate(make_books(n) if n else []):
            services.update_book(book, {"authors": [{"name": f"Author {i % 7}"}, {"name": "Co Author"}]})
            entry, _ = library.add_to_library(
                owner,
                book,
                {"status": "read", "tags": [f"tag{i % 4}", "all"], "shelves": shelves[: 1 + i % 3]},
            )
            ReadThrough.objects.create(entry=entry, started_on=datetime.date(2020, 1, 1 + i % 28))
        client = APIClient()
        client.force_authenticate(owner)
        return owner, client

    return make


@pytest.mark.parametrize("rows", [5, 50])
def test_own_library_page(full_library, django_assert_max_num_queries, rows):
    owner, client = full_library(rows)
    for query in (
        {},
        {"ordering": "author"},
        {"q": "book", "tag": "all", "ordering": "-rating"},
        {"ordering": "position", "status": "read", "shelf": Shelf.objects.filter(user=owner).first().pk},
    ):
        with django_assert_max_num_queries(LIBRARY_QUERIES + ("shelf" in query)):
            response = client.get("/api/v1/library/", {"page_size": 50, **query})
        assert response.status_code == 200
        assert len(response.json()["results"]) == rows
        assert len(response.json()["results"][0]["book"]["authors"]) == 2
        with django_assert_max_num_queries(CACHED_LIBRARY_QUERIES):
            again = client.get("/api/v1/library/", {"page_size": 50, **query})
        assert again.json() == response.json()


@pytest.mark.parametrize("rows", [5, 50])
def test_another_readers_library_page(full_library, django_assert_max_num_queries, api_client, rows):
    owner, _client = full_library(rows)
    with django_assert_max_num_queries(READER_LIBRARY_QUERIES):
        response = api_client.get(f"/api/v1/users/{owner.get_username()}/library/?page_size=50")
    assert len(response.json()["results"]) == rows
    with django_assert_max_num_queries(CACHED_READER_LIBRARY_QUERIES):
        again = api_client.get(f"/api/v1/users/{owner.get_username()}/library/?page_size=50")
    assert again.json() == response.json()


@pytest.mark.parametrize("rows", [5, 50])
def test_shelf_lists(full_library, django_assert_max_num_queries, api_client, rows):
    owner, client = full_library(rows)
    for extra in range(rows):
        Shelf.objects.create(user=owner, name=f"Extra {extra}", audience="public")
    with django_assert_max_num_queries(SHELF_QUERIES):
        assert len(client.get("/api/v1/shelves/?page_size=100").json()["results"]) == rows + 3
    with django_assert_max_num_queries(SHELF_QUERIES + 1):
        response = api_client.get(f"/api/v1/users/{owner.get_username()}/shelves/?page_size=100")
    assert len(response.json()["results"]) == rows + 3
    with django_assert_max_num_queries(SHELF_QUERIES):
        client.get("/api/v1/library/tags/")


# Rating an entry (PATCH library/{id}/ {"rating"}): the entry read and locked, written, its rating
# activity merged (read, write), the book's aggregates in one statement; then the answer's authors,
# readings, tags and shelves in one statement; with the transaction's two statements (BEGIN and
# COMMIT, or a savepoint). It was 16, then 10.
RATING_QUERIES = 8


def test_rating_an_entry(full_library, django_assert_max_num_queries):
    owner, client = full_library(5)
    entry = owner.mybookconnect_library_entries.order_by("pk").first()
    for rating in (4.5, 3, 4.5):
        with django_assert_max_num_queries(RATING_QUERIES):
            response = client.patch(f"/api/v1/library/{entry.pk}/", {"rating": rating}, format="json")
        assert response.status_code == 200
        assert response.json()["rating"] == rating
        assert response.json()["book"]["ratings_count"] == 1
        assert response.json()["book"]["average_rating"] == f"{rating:.2f}"

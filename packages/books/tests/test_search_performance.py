"""What keeps search cheap on a large catalog: queries per search, the paths that skip work, and that
the fast path (paging through ranked ids) shows what the general one (an ordered queryset) does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mybookconnect.books import services
from mybookconnect.books.models import Book
from mybookconnect.books.search import BooksInOrder, corrected_tsquery

pytestmark = pytest.mark.django_db
postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")

URL = "/api/v1/books/"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [book["id"] for book in response.json()["results"]]


@postgres
def test_a_search_costs_four_queries_and_no_count(api_client, catalog, settings):
    settings.MYBOOKCONNECT = {"BOOKS_SEARCH_CACHE_SECONDS": 0}
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(URL, {"q": "follett"})
    assert response.json()["count"] == 3
    sql = [q["sql"] for q in queries]
    assert len(sql) == 4, sql  # word check, ranked candidates, the page, its authors
    assert not any("COUNT(" in s.upper() for s in sql)


@postgres
def test_no_match_stops_after_the_candidates(api_client, catalog, settings):
    settings.MYBOOKCONNECT = {"BOOKS_SEARCH_CACHE_SECONDS": 0}
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(URL, {"q": "pillars hobbit"})
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert len(queries) == 2


@postgres
def test_fast_path_pages_like_the_general_one(api_client, catalog, settings):
    settings.MYBOOKCONNECT = {"BOOKS_SEARCH_CACHE_SECONDS": 0}
    for i in range(7):
        services.create_book({"title": f"Kingsbridge Tales {i}", "first_published_year": 2000 + i})
    Book.objects.filter(title__startswith="Kingsbridge Tales").update(readers_count=5)
    fast = [ids(api_client.get(URL, {"q": "kingsbridge", "page_size": 3, "page": n})) for n in (1, 2, 3)]
    # year_min narrows nothing here but takes the general path (an ordered, counted queryset).
    general = [
        ids(api_client.get(URL, {"q": "kingsbridge", "page_size": 3, "page": n, "year_min": 1}))
        for n in (1, 2, 3)
    ]
    assert fast == general
    assert api_client.get(URL, {"q": "kingsbridge", "page_size": 3, "page": 4}).status_code == 404


@postgres
def test_typo_similarity_setting_is_used(catalog, settings):
    settings.MYBOOKCONNECT = {"BOOKS_SEARCH_TYPO_SIMILARITY": 0.9}
    assert corrected_tsquery(["folet"], prefix=False) == "'folet'"
    settings.MYBOOKCONNECT = {"BOOKS_SEARCH_TYPO_SIMILARITY": 0.3}
    assert corrected_tsquery(["folet"], prefix=False) == "'follett'"


@postgres
def test_typo_candidates_stay_close_in_length(catalog):
    services.create_book({"title": "Abracadabrantesque"})
    # "abra" shares trigrams with the long word but is not a typo of it.
    assert corrected_tsquery(["abrx"], prefix=False) == "'abrx'"


def test_books_in_order_reads_only_the_slice(catalog, django_assert_num_queries):
    books = [catalog["hobbit"], catalog["earth"], catalog["pillars"]]
    ordered = BooksInOrder([b.pk for b in books], Book.objects.all())
    assert len(ordered) == 3
    with django_assert_num_queries(1):
        assert [b.title for b in ordered[1:3]] == ["Earth Abides", "The Pillars of the Earth"]
    with django_assert_num_queries(1):
        assert ordered[0].title == "The Hobbit"


@postgres
def test_a_trailing_space_makes_the_last_word_whole(catalog):
    services.create_book({"title": "Hobbits Everywhere"})
    assert set(Book.objects.search("hobbit").values_list("title", flat=True)) == {
        "The Hobbit",
        "Hobbits Everywhere",
    }
    assert list(Book.objects.search("hobbit ").values_list("title", flat=True)) == ["The Hobbit"]

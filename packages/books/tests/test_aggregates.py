"""Book aggregates through the library services: ratings, histogram, readers, reviews, and their cache."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mybookconnect.books import aggregates, caching, library
from mybookconnect.books.models import Book, LibraryEntry, ReadingStatus
from tests.conftest import create_account
from tests.library_support import expected_aggregates, stored_aggregates

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("quarters", "key"),
    [(1, "0.5"), (2, "0.5"), (3, "1"), (4, "1"), (13, "3.5"), (14, "3.5"), (15, "4"), (18, "4.5"), (20, "5")],
)
def test_a_quarter_rating_counts_in_the_half_star_above(quarters, key):
    assert aggregates.histogram_key(quarters) == key


def test_stars_and_quarters():
    assert library.stars(18) == 4.5
    assert library.stars(17) == 4.25
    assert library.stars(None) is None
    assert library.quarters(4.5) == 18
    assert library.quarters("0.25") == 1
    for bad in (0, 5.25, 0.1, -1):
        with pytest.raises(ValueError):
            library.quarters(bad)


def test_rating_a_book_not_in_the_library_adds_it_as_read(make_books, reader):
    book = make_books(1)[0]
    entry = library.rate_book(reader, book, 18)
    assert (entry.status, entry.rating_quarters) == (ReadingStatus.READ, 18)
    assert entry.rated_at is not None
    # Nothing says when it was read: no reading is invented.
    assert not entry.read_throughs.exists()
    assert stored_aggregates(book) == {
        "ratings_count": 1,
        "ratings_sum": 18,
        "readers_count": 1,
        "reviews_count": 0,
        "rating_histogram": {"4.5": 1},
    }
    book.refresh_from_db()
    assert str(book.average_rating) == "4.50"


def test_re_rating_moves_the_rating_and_removing_it_keeps_the_reader(make_books, reader):
    book = make_books(1)[0]
    other = create_account("other")
    library.rate_book(reader, book, 18)
    library.rate_book(other, book, 13)
    library.rate_book(reader, book, 8)
    assert stored_aggregates(book) == expected_aggregates(book)
    assert stored_aggregates(book)["rating_histogram"] == {"2": 1, "3.5": 1}

    entry = library.rate_book(reader, book, None)
    assert entry.rating_quarters is None and entry.rated_at is None
    assert stored_aggregates(book) == {
        "ratings_count": 1,
        "ratings_sum": 13,
        "readers_count": 2,
        "reviews_count": 0,
        "rating_histogram": {"3.5": 1},
    }


def test_removing_a_rating_of_a_book_not_in_the_library_does_nothing(make_books, reader):
    book = make_books(1)[0]
    assert library.rate_book(reader, book, None) is None
    assert not LibraryEntry.objects.exists()
    assert stored_aggregates(book)["readers_count"] == 0


def test_rate_book_refuses_out_of_range(make_books, reader):
    book = make_books(1)[0]
    for bad in (0, 21, -3):
        with pytest.raises(ValueError):
            library.rate_book(reader, book, bad)
    assert not LibraryEntry.objects.exists()


def test_rating_the_same_value_again_writes_no_aggregate(make_books, reader):
    book = make_books(1)[0]
    library.rate_book(reader, book, 18)
    with CaptureQueriesContext(connection) as queries:
        library.rate_book(reader, book, 18)
    assert not any("UPDATE" in q["sql"] and "mybookconnect_books_book" in q["sql"] for q in queries)


def test_deleting_an_entry_takes_its_reader_and_rating_away(make_books, reader):
    book = make_books(1)[0]
    entry = library.rate_book(reader, book, 20)
    library.delete_entry(entry)
    assert stored_aggregates(book) == {
        "ratings_count": 0,
        "ratings_sum": 0,
        "readers_count": 0,
        "reviews_count": 0,
        "rating_histogram": {},
    }


def test_adjust_reviews_count(make_books):
    book = make_books(1)[0]
    aggregates.adjust_reviews_count(book.pk, 1)
    aggregates.adjust_reviews_count(book.pk, 1)
    aggregates.adjust_reviews_count(book.pk, -1)
    assert stored_aggregates(book)["reviews_count"] == 1
    aggregates.adjust_reviews_count(book.pk, -5)  # never below zero
    assert stored_aggregates(book)["reviews_count"] == 0


def test_aggregates_of_a_missing_book_are_skipped(make_books):
    aggregates.adjust_reviews_count(999_999, 1)  # no error, nothing written
    assert not Book.objects.filter(pk=999_999).exists()


def test_recompute_repairs_drift_and_the_command_reports_it(make_books, reader):
    books = make_books(3)
    other = create_account("other")
    library.rate_book(reader, books[0], 18)
    library.rate_book(other, books[0], 7)
    library.add_to_library(reader, books[1], {})
    Book.objects.filter(pk=books[0].pk).update(ratings_count=9, rating_histogram={"1": 3, "5": 0})
    Book.objects.filter(pk=books[1].pk).update(readers_count=0, reviews_count=4)

    assert aggregates.recompute_book_aggregates([b.pk for b in books]) == 2
    for book in books:
        assert stored_aggregates(book) == expected_aggregates(book)
    assert aggregates.recompute_book_aggregates([b.pk for b in books]) == 0

    Book.objects.filter(pk=books[2].pk).update(readers_count=7)
    call_command("recount_books", "--batch-size", "2")
    assert stored_aggregates(books[2])["readers_count"] == 0


def test_recount_books_output(make_books, capsys):
    book = make_books(1)[0]
    Book.objects.filter(pk=book.pk).update(readers_count=3)
    call_command("recount_books", str(book.pk))
    assert "Books checked: 1; corrected: 1." in capsys.readouterr().out


def test_a_rating_forgets_the_books_page_but_not_searches_or_authors(api_client, catalog, reader):
    book = catalog["pillars"]
    first = api_client.get(f"/api/v1/books/{book.pk}/").json()
    assert first["ratings_count"] == 0
    search_key = caching.search_results_key("q=pillars", "v")
    author_id = book.book_authors.get().author_id
    author_key = caching.author_page_key(author_id, "v")

    library.rate_book(reader, book, 18)

    page = api_client.get(f"/api/v1/books/{book.pk}/").json()
    assert (page["ratings_count"], page["average_rating"], page["rating_histogram"]) == (
        1,
        "4.50",
        {"4.5": 1},
    )
    assert caching.search_results_key("q=pillars", "v") == search_key
    assert caching.author_page_key(author_id, "v") == author_key


def test_invalidate_book_pages_replaces_only_book_tokens(catalog):
    book = catalog["hobbit"]
    page_key = caching.book_page_key(book.pk, "v")
    other_key = caching.book_page_key(catalog["earth"].pk, "v")
    search_key = caching.search_results_key("q=x", "v")
    caching.invalidate_book_pages([book.pk, None])
    assert caching.book_page_key(book.pk, "v") != page_key
    assert caching.book_page_key(catalog["earth"].pk, "v") == other_key
    assert caching.search_results_key("q=x", "v") == search_key


def test_one_book_changes_in_one_statement(make_books, django_assert_num_queries):
    book = make_books(1)[0]
    Book.objects.filter(pk=book.pk).update(
        ratings_count=2, ratings_sum=30, readers_count=3, rating_histogram={"3.5": 1, "4.5": 1}
    )
    delta = aggregates.rating_changed(13, 20)  # "3.5" empties, "5" appears
    target = Book.objects.get(pk=book.pk)
    with django_assert_num_queries(1):
        aggregates.apply_book_delta(book.pk, delta, book=target)
    stored = stored_aggregates(book)
    assert stored == {
        "ratings_count": 2,
        "ratings_sum": 37,
        "readers_count": 3,
        "reviews_count": 0,
        "rating_histogram": {"4.5": 1, "5": 1},
    }
    # The instance given gets what the statement wrote.
    assert {name: getattr(target, name) for name in stored} == stored


def test_one_statement_never_goes_below_zero(make_books):
    book = make_books(1)[0]
    aggregates.apply_book_delta(book.pk, aggregates.entry_removed(10))
    assert stored_aggregates(book) == {
        "ratings_count": 0,
        "ratings_sum": 0,
        "readers_count": 0,
        "reviews_count": 0,
        "rating_histogram": {},
    }


def test_a_delta_of_many_buckets_takes_the_locking_way(make_books):
    book = make_books(1)[0]
    delta = aggregates.BookDelta(readers_count=5)
    for quarters in (2, 6, 10, 14, 18):
        delta.add_rating(quarters)
    target = Book.objects.get(pk=book.pk)
    aggregates.apply_book_delta(book.pk, delta, book=target)
    assert stored_aggregates(book)["rating_histogram"] == {"0.5": 1, "1.5": 1, "2.5": 1, "3.5": 1, "4.5": 1}
    assert target.ratings_count == 5
    aggregates.apply_book_deltas({book.pk: aggregates.entry_removed(2)})
    assert stored_aggregates(book)["rating_histogram"] == {"1.5": 1, "2.5": 1, "3.5": 1, "4.5": 1}

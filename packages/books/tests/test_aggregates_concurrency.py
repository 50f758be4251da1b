"""Aggregates stay exact when many readers rate, re-rate and remove one book at the same moment.

Each thread is a reader with their own database connection, released together by a barrier, so the
writes really overlap; the book row's lock must serialise the aggregate updates. PostgreSQL only:
SQLite serialises every write transaction by itself, so it would prove nothing.
"""

from __future__ import annotations

import pytest
from django.db import connection

from mybookconnect.books import library
from mybookconnect.books.models import Book, LibraryEntry
from tests.conftest import create_account
from tests.library_support import expected_aggregates, run_together, stored_aggregates

THREADS = 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL (SQLite serialises write transactions itself)",
    ),
]


@pytest.fixture
def book() -> Book:
    return Book.objects.create(title="Rated by everyone")


@pytest.fixture
def readers() -> list:
    return [create_account(f"reader{i:02d}") for i in range(THREADS)]


def quarters_of(i: int) -> int:
    return 1 + (i * 7) % 20  # spread over the whole scale, quarter stars included


def test_concurrent_first_ratings(book, readers):
    run_together([lambda r=r, i=i: library.rate_book(r, book, quarters_of(i)) for i, r in enumerate(readers)])

    stored = stored_aggregates(book)
    assert stored == expected_aggregates(book)
    assert stored["ratings_count"] == stored["readers_count"] == THREADS
    assert stored["ratings_sum"] == sum(quarters_of(i) for i in range(THREADS))
    assert sum(stored["rating_histogram"].values()) == THREADS


def test_concurrent_re_ratings_and_removals(book, readers):
    for i, reader in enumerate(readers):
        library.rate_book(reader, book, quarters_of(i))

    def change(i: int, reader) -> None:
        if i % 3 == 0:
            library.rate_book(reader, book, None)
        else:
            library.rate_book(reader, book, 21 - quarters_of(i))

    run_together([lambda r=r, i=i: change(i, r) for i, r in enumerate(readers)])

    stored = stored_aggregates(book)
    assert stored == expected_aggregates(book)
    removed = len(range(0, THREADS, 3))
    assert stored["readers_count"] == THREADS
    assert stored["ratings_count"] == THREADS - removed


def test_concurrent_deletions_and_additions(book, readers):
    for i, reader in enumerate(readers[: THREADS // 2]):
        library.rate_book(reader, book, quarters_of(i))
    entries = {entry.user_id: entry for entry in LibraryEntry.objects.filter(book=book)}

    def change(i: int, reader) -> None:
        if reader.pk in entries:
            library.delete_entry(entries[reader.pk])
        else:
            library.add_to_library(reader, book, {"rating_quarters": quarters_of(i), "status": "read"})

    run_together([lambda r=r, i=i: change(i, r) for i, r in enumerate(readers)])

    stored = stored_aggregates(book)
    assert stored == expected_aggregates(book)
    assert stored["readers_count"] == stored["ratings_count"] == THREADS - THREADS // 2


def test_one_reader_rating_twice_at_once_gets_one_entry(book, readers):
    reader = readers[0]
    run_together([lambda q=q: library.rate_book(reader, book, q) for q in (8, 12, 16, 20)])
    assert LibraryEntry.objects.filter(book=book, user=reader).count() == 1
    stored = stored_aggregates(book)
    assert stored == expected_aggregates(book)
    assert (stored["readers_count"], stored["ratings_count"]) == (1, 1)

"""Helpers shared by the library tests (not a test module)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import connections

from mybookconnect.books.aggregates import histogram_key
from mybookconnect.books.models import Book, LibraryEntry, Review


def expected_aggregates(book: Book) -> dict[str, Any]:
    """A book's aggregates as its rows say they should be."""
    entries = LibraryEntry.objects.filter(book=book)
    ratings = [q for q in entries.values_list("rating_quarters", flat=True) if q is not None]
    histogram = Counter(histogram_key(q) for q in ratings)
    return {
        "ratings_count": len(ratings),
        "ratings_sum": sum(ratings),
        "readers_count": entries.count(),
        "reviews_count": Review.objects.filter(book=book).count(),
        "rating_histogram": dict(histogram),
    }


def stored_aggregates(book: Book) -> dict[str, Any]:
    book = Book.objects.get(pk=book.pk)
    return {
        "ratings_count": book.ratings_count,
        "ratings_sum": book.ratings_sum,
        "readers_count": book.readers_count,
        "reviews_count": book.reviews_count,
        "rating_histogram": book.rating_histogram,
    }


def entry_url(entry: LibraryEntry | int, suffix: str = "") -> str:
    return f"/api/v1/library/{getattr(entry, 'pk', entry)}/{suffix}"


def run_together(work: list[Callable[[], object]]) -> None:
    """Run each callable in its own thread (and database connection), all starting at once."""
    barrier = threading.Barrier(len(work))
    errors: list[BaseException] = []

    def run(job: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            job()
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert not errors, errors

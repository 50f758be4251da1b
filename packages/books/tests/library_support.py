"""Helpers shared by the library tests (not a test module)."""

from __future__ import annotations

from collections import Counter
from typing import Any

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

"""A book's aggregates (ratings, histogram, readers, reviews), kept exact under concurrent writes.

Every change goes through :func:`apply_book_deltas` (or its shorthands), inside the writer's
transaction: it locks the books' rows (``SELECT ... FOR UPDATE``, in id order so that two writers
never wait for each other in a circle), adds the changes to what the row holds *now*, writes the
aggregate columns with one statement that sends no model signal, and forgets the books' cached pages
only (:func:`mybookconnect.books.caching.invalidate_book_pages`): a rating does not flush every
search. Writers change their own rows (the library entry, the review) before or after, in the same
transaction; the row lock orders them, so no increment is ever lost.

:func:`recompute_book_aggregates` rebuilds them from the rows (after merges, for repairs; the
``recount_books`` command).

What is counted: ``readers_count`` is the number of library entries of the book (readers who have it
in their library, whatever the status); ``ratings_count`` and ``ratings_sum`` (quarter stars) those
entries with a rating; ``rating_histogram`` maps half stars ("0.5" ... "5") to counts, a quarter
rating counting in the half star above (3.25 -> "3.5"), with no zero counts; ``reviews_count`` every
review of the book.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import connections, router, transaction
from django.db.models import Count

from mybookconnect.books import caching
from mybookconnect.books.models import Book, LibraryEntry, Review

AGGREGATE_FIELDS = ("ratings_count", "ratings_sum", "readers_count", "reviews_count", "rating_histogram")
RECOMPUTE_BATCH_SIZE = 1000


def histogram_key(rating_quarters: int) -> str:
    """The histogram bucket of a rating in quarter stars: its half star, rounded up ("3.5" for 13 and 14)."""
    half_stars = math.ceil(rating_quarters / 2)
    return f"{half_stars / 2:g}"


@dataclass
class BookDelta:
    """Changes to one book's aggregates: amounts to add (negative to remove)."""

    ratings_count: int = 0
    ratings_sum: int = 0
    readers_count: int = 0
    reviews_count: int = 0
    histogram: Counter[str] = field(default_factory=Counter)

    def add_rating(self, rating_quarters: int | None, sign: int = 1) -> None:
        if rating_quarters is None:
            return
        self.ratings_count += sign
        self.ratings_sum += sign * rating_quarters
        self.histogram[histogram_key(rating_quarters)] += sign

    def change_rating(self, old: int | None, new: int | None) -> None:
        if old != new:
            self.add_rating(old, -1)
            self.add_rating(new, 1)

    def add(self, other: BookDelta) -> None:
        self.ratings_count += other.ratings_count
        self.ratings_sum += other.ratings_sum
        self.readers_count += other.readers_count
        self.reviews_count += other.reviews_count
        self.histogram.update(other.histogram)

    def __bool__(self) -> bool:
        return bool(
            self.ratings_count
            or self.ratings_sum
            or self.readers_count
            or self.reviews_count
            or any(self.histogram.values())
        )


def entry_added(rating_quarters: int | None = None) -> BookDelta:
    """The delta of a new library entry (with its rating, if any)."""
    delta = BookDelta(readers_count=1)
    delta.add_rating(rating_quarters)
    return delta


def entry_removed(rating_quarters: int | None = None) -> BookDelta:
    """The delta of a deleted library entry (with its rating, if any)."""
    delta = BookDelta(readers_count=-1)
    delta.add_rating(rating_quarters, -1)
    return delta


def rating_changed(old: int | None, new: int | None) -> BookDelta:
    """The delta of an entry's rating going from ``old`` to ``new`` (quarter stars or ``None``)."""
    delta = BookDelta()
    delta.change_rating(old, new)
    return delta


def _apply(book: Book, delta: BookDelta) -> None:
    # Never below zero: a row written around the services (raw SQL) must not make a write fail;
    # recount_books repairs such drift.
    book.ratings_count = max(0, book.ratings_count + delta.ratings_count)
    book.ratings_sum = max(0, book.ratings_sum + delta.ratings_sum)
    book.readers_count = max(0, book.readers_count + delta.readers_count)
    book.reviews_count = max(0, book.reviews_count + delta.reviews_count)
    histogram = Counter({key: int(n) for key, n in (book.rating_histogram or {}).items()})
    histogram.update(delta.histogram)
    book.rating_histogram = {key: n for key, n in sorted(histogram.items(), key=_bucket_order) if n > 0}


def _bucket_order(item: tuple[str, int]) -> float:
    return float(item[0])


# No savepoint of its own: the callers' transaction is the unit, and a savepoint costs two statements.
@transaction.atomic(savepoint=False)
def apply_book_deltas(deltas: Mapping[int, BookDelta]) -> None:
    """Add each delta to its book's aggregates, under a lock of the books' rows.

    Call it inside the transaction that changed the rows the deltas describe. Books that no longer
    exist are skipped. Only the books' cached pages are forgotten.
    """
    ids = sorted(int(pk) for pk, delta in deltas.items() if delta)
    if not ids:
        return
    if len(ids) == 1 and _one_statement(deltas[ids[0]]):
        _update_one(ids[0], deltas[ids[0]])
        return
    books = list(
        Book.objects.select_for_update().filter(pk__in=ids).order_by("pk").only("pk", *AGGREGATE_FIELDS)
    )
    for book in books:
        _apply(book, deltas[book.pk])
    _write(books)


def apply_book_delta(book_id: int, delta: BookDelta, *, book: Book | None = None) -> None:
    """:func:`apply_book_deltas` for one book; ``book``, if given, gets the new aggregates."""
    if not delta:
        return
    if not _one_statement(delta):
        apply_book_deltas({book_id: delta})
        if book is not None:
            book.refresh_from_db(fields=AGGREGATE_FIELDS)
        return
    with transaction.atomic(savepoint=False):
        values = _update_one(int(book_id), delta)
    if book is not None and values is not None:
        for name, value in values.items():
            setattr(book, name, value)


def _one_statement(delta: BookDelta) -> bool:
    # The histogram's expression nests once per bucket changed (each level repeats the one below):
    # one entry's rating changes two buckets at most; more go the way of many books.
    return sum(1 for change in delta.histogram.values() if change) <= 2


def _update_one(book_id: int, delta: BookDelta) -> dict[str, object] | None:
    """Apply ``delta`` to one book with one ``UPDATE ... RETURNING``: the statement locks the row and
    computes from what it holds when it runs (PostgreSQL re-reads a row a concurrent writer changed),
    so no increment is lost. Returns the new aggregates (``None``: no such book)."""
    connection = connections[router.db_for_write(Book)]
    quote = connection.ops.quote_name
    postgres = connection.vendor == "postgresql"
    greatest = "GREATEST" if postgres else "MAX"
    params: list[object] = []
    sets = []
    for name in ("ratings_count", "ratings_sum", "readers_count", "reviews_count"):
        sets.append(f"{quote(name)} = {greatest}({quote(name)} + %s, 0)")
        params.append(int(getattr(delta, name)))
    histogram = quote("rating_histogram")
    expression = f"COALESCE({histogram}, '{{}}'::jsonb)" if postgres else f"COALESCE({histogram}, '{{}}')"
    expression_params: list[object] = []
    for key, change in sorted(delta.histogram.items()):
        if not change:
            continue
        if postgres:
            count = f"COALESCE(({expression} ->> %s)::integer, 0) + %s"
            expression = (
                f"CASE WHEN {count} > 0 THEN jsonb_set({expression}, ARRAY[%s]::text[], to_jsonb({count})) "
                f"ELSE {expression} - %s END"
            )
            expression_params = [
                *expression_params, key, change,
                *expression_params, key, *expression_params, key, change,
                *expression_params, key,
            ]  # fmt: skip
        else:
            path = f'$."{key}"'
            count = f"COALESCE(json_extract({expression}, %s), 0) + %s"
            expression = (
                f"CASE WHEN {count} > 0 THEN json_set({expression}, %s, {count}) "
                f"ELSE json_remove({expression}, %s) END"
            )
            expression_params = [
                *expression_params, path, change,
                *expression_params, path, *expression_params, path, change,
                *expression_params, path,
            ]  # fmt: skip
    sets.append(f"{histogram} = {expression}")
    params += [*expression_params, book_id]
    returning = ", ".join(quote(name) for name in AGGREGATE_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(Book._meta.db_table)} SET {', '.join(sets)} WHERE {quote('id')} = %s "
            f"RETURNING {returning}",
            params,
        )
        row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip(AGGREGATE_FIELDS, row, strict=True))
    if isinstance(values["rating_histogram"], str):
        values["rating_histogram"] = json.loads(values["rating_histogram"])
    caching.invalidate_book_pages([book_id])
    return values


def adjust_reviews_count(book_id: int, delta: int) -> None:
    """Add ``delta`` (1 for a new review, -1 for a deleted one) to the book's ``reviews_count``."""
    apply_book_delta(book_id, BookDelta(reviews_count=delta))


def _write(books: list[Book]) -> None:
    if not books:
        return
    if len(books) == 1:
        # One UPDATE, no model signal (a Book's post_save would flush every search and author page).
        book = books[0]
        Book.objects.filter(pk=book.pk).update(**{name: getattr(book, name) for name in AGGREGATE_FIELDS})
    else:
        Book.objects.bulk_update(books, AGGREGATE_FIELDS)
    caching.invalidate_book_pages(book.pk for book in books)


def recompute_book_aggregates(book_ids: Iterable[int], *, batch_size: int = RECOMPUTE_BATCH_SIZE) -> int:
    """Rebuild the aggregates of these books from their library entries and reviews; return how many
    books had wrong ones (and were corrected). One transaction per batch of books."""
    ids = sorted({int(pk) for pk in book_ids})
    corrected = 0
    for start in range(0, len(ids), batch_size):
        corrected += _recompute_batch(ids[start : start + batch_size])
    return corrected


@transaction.atomic
def _recompute_batch(ids: list[int]) -> int:
    books = list(
        Book.objects.select_for_update().filter(pk__in=ids).order_by("pk").only("pk", *AGGREGATE_FIELDS)
    )
    entries = LibraryEntry.objects.filter(book_id__in=ids).order_by()
    readers = dict(entries.values("book_id").annotate(n=Count("pk")).values_list("book_id", "n"))
    ratings: dict[int, BookDelta] = {}
    for book_id, rating, n in (
        entries.filter(rating_quarters__isnull=False)
        .values("book_id", "rating_quarters")
        .annotate(n=Count("pk"))
        .values_list("book_id", "rating_quarters", "n")
    ):
        delta = ratings.setdefault(book_id, BookDelta())
        delta.ratings_count += n
        delta.ratings_sum += n * rating
        delta.histogram[histogram_key(rating)] += n
    reviews = dict(
        Review.objects.filter(book_id__in=ids)
        .order_by()
        .values("book_id")
        .annotate(n=Count("pk"))
        .values_list("book_id", "n")
    )
    changed = []
    for book in books:
        truth = Book(ratings_count=0, ratings_sum=0, readers_count=0, reviews_count=0, rating_histogram={})
        delta = ratings.get(book.pk, BookDelta())
        delta.readers_count = readers.get(book.pk, 0)
        delta.reviews_count = reviews.get(book.pk, 0)
        _apply(truth, delta)
        if any(getattr(truth, name) != getattr(book, name) for name in AGGREGATE_FIELDS):
            for name in AGGREGATE_FIELDS:
                setattr(book, name, getattr(truth, name))
            changed.append(book)
    _write(changed)
    return len(changed)

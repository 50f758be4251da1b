"""Merging books moves readers' library entries, reviews and activities, and recomputes aggregates."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from mybookconnect.books import library, services
from mybookconnect.books.merge import merge_books, merge_editions
from mybookconnect.books.models import (
    Activity,
    ActivityEntry,
    LibraryEntry,
    ReadThrough,
    Review,
    Shelf,
    ShelfMembership,
)
from tests.conftest import create_account
from tests.library_support import expected_aggregates, stored_aggregates

pytestmark = pytest.mark.django_db


def test_a_reader_with_both_keeps_the_survivors_entry_completed(reader, catalog):
    source, target = catalog["world"], catalog["pillars"]
    loved = Shelf.objects.create(user=reader, name="Loved", audience="public")
    kingsbridge = Shelf.objects.create(user=reader, name="Kingsbridge", audience="public")
    duplicate, _ = library.add_to_library(
        reader,
        source,
        {
            "status": "read",
            "rating_quarters": 14,
            "tags": ["epic"],
            "shelves": [loved, kingsbridge],
            "notes": "n",
        },
    )
    kept, _ = library.add_to_library(
        reader, target, {"status": "reading", "tags": ["medieval"], "shelves": [loved]}
    )
    ReadThrough.objects.filter(entry=duplicate).update(
        started_on=datetime.date(2019, 1, 1), finished_on=datetime.date(2019, 2, 1)
    )
    library.refresh_finished_on([duplicate.pk])
    activities = set(Activity.objects.values_list("pk", flat=True))

    merge_books(source, target)

    assert not LibraryEntry.objects.filter(pk=duplicate.pk).exists()
    kept.refresh_from_db()
    assert (kept.status, kept.rating_quarters, kept.notes) == ("reading", 14, "n")
    assert kept.rated_at is not None
    assert kept.finished_on == datetime.date(2019, 2, 1)
    assert ReadThrough.objects.filter(entry=kept).count() == 2
    assert sorted(kept.tags.values_list("name", flat=True)) == ["epic", "medieval"]
    assert set(ShelfMembership.objects.filter(entry=kept).values_list("shelf_id", flat=True)) == {
        loved.pk,
        kingsbridge.pk,
    }
    # The duplicate's activities (finished, rated, shelved) now are about the kept entry.
    assert set(Activity.objects.values_list("pk", flat=True)) == activities
    assert not Activity.objects.filter(entry_id=duplicate.pk).exists()
    assert not ActivityEntry.objects.filter(entry_id=duplicate.pk).exists()
    assert stored_aggregates(target) == expected_aggregates(target)
    assert stored_aggregates(target)["readers_count"] == 1


def test_the_survivors_rating_wins(reader, catalog):
    source, target = catalog["world"], catalog["pillars"]
    library.rate_book(reader, source, 4)
    library.rate_book(reader, target, 20)
    merge_books(source, target)
    assert LibraryEntry.objects.get(user=reader).rating_quarters == 20
    assert stored_aggregates(target)["rating_histogram"] == {"5": 1}


def test_other_readers_entries_move_and_aggregates_are_recomputed(reader, catalog):
    source, target = catalog["world"], catalog["pillars"]
    others = [create_account(f"other{i}") for i in range(3)]
    for i, other in enumerate(others):
        library.rate_book(other, source, 10 + i)
    library.rate_book(reader, target, 18)
    survivor = merge_books(source, target)
    assert LibraryEntry.objects.filter(book=target).count() == 4
    assert stored_aggregates(target) == expected_aggregates(target)
    assert (survivor.ratings_count, survivor.ratings_sum, survivor.readers_count) == (4, 10 + 11 + 12 + 18, 4)
    assert not Activity.objects.exclude(book=None).exclude(book=target).exists()


def test_a_reader_who_reviewed_both_keeps_the_newer_review(reader, catalog):
    source, target = catalog["world"], catalog["pillars"]
    other = create_account("other")
    old = Review.objects.create(user=reader, book=target, title="old", audience="public")
    new = Review.objects.create(user=reader, book=source, title="new", audience="public")
    Review.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=1))
    kept_other = Review.objects.create(user=other, book=target, title="other's", audience="public")
    lone = Review.objects.create(user=create_account("third"), book=source, title="lone", audience="public")

    merge_books(source, target)

    assert set(Review.objects.values_list("pk", flat=True)) == {new.pk, kept_other.pk, lone.pk}
    assert set(Review.objects.values_list("book_id", flat=True)) == {target.pk}
    assert stored_aggregates(target)["reviews_count"] == 3


def test_the_older_review_of_the_duplicate_goes(reader, catalog):
    source, target = catalog["world"], catalog["pillars"]
    kept = Review.objects.create(user=reader, book=target, title="kept", audience="public")
    old = Review.objects.create(user=reader, book=source, title="old", audience="public")
    Review.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=1))
    merge_books(source, target)
    assert list(Review.objects.values_list("pk", flat=True)) == [kept.pk]


def test_merging_editions_moves_entries_editions(reader, catalog):
    book = catalog["hobbit"]
    source = services.create_edition(book, {"isbn": "0747532699"})
    target = services.create_edition(book, {})
    entry, _ = library.add_to_library(reader, book, {"edition": source})
    merge_editions(source, target)
    entry.refresh_from_db()
    assert entry.edition_id == target.pk

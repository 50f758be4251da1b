"""Activities the library records for the feed, with the entry's audience, grouped where they should be."""

from __future__ import annotations

import pytest

from mybookconnect.books import library
from mybookconnect.books.models import Activity, ActivityEntry, ReadThrough, Shelf

pytestmark = pytest.mark.django_db


def verbs() -> list[str]:
    return list(Activity.objects.order_by("created_at", "id").values_list("verb", flat=True))


def test_status_changes(reader, catalog):
    entry, _ = library.add_to_library(reader, catalog["hobbit"], {"status": "reading"})
    started = Activity.objects.get(verb="started")
    assert (started.entry, started.book, started.audience, started.data) == (
        entry,
        catalog["hobbit"],
        "public",
        {"status": "reading"},
    )
    assert started.read_through == ReadThrough.objects.get(entry=entry)
    library.update_entry(entry, {"status": "paused"})
    library.update_entry(entry, {"status": "reading"})  # resuming is not starting again
    library.update_entry(entry, {"status": "read"})
    library.update_entry(entry, {"status": "reading"})
    library.update_entry(entry, {"status": "did_not_finish"})
    assert verbs() == ["started", "finished", "started", "stopped"]
    finished = Activity.objects.get(verb="finished")
    assert finished.read_through.finished_on is not None


def test_new_to_read_books_are_grouped(reader, make_books):
    books = make_books(3)
    for book in books:
        library.add_to_library(reader, book, {})
    activity = Activity.objects.get()
    assert (activity.verb, activity.group_key, activity.entry) == ("shelved", "status:want_to_read", None)
    assert ActivityEntry.objects.filter(activity=activity).count() == 3


def test_private_entries_make_private_activities(reader, catalog):
    library.add_to_library(reader, catalog["hobbit"], {"status": "reading", "audience": "private"})
    assert Activity.objects.get().audience == "private"


def test_ratings_are_grouped_per_entry_and_taken_back(reader, catalog):
    entry = library.rate_book(reader, catalog["earth"], 14)
    library.rate_book(reader, catalog["earth"], 17)
    rated = Activity.objects.get()
    assert (rated.verb, rated.entry, rated.data, rated.group_key) == (
        "rated",
        entry,
        {"rating": 4.25},
        f"rated:{entry.pk}",
    )
    library.rate_book(reader, catalog["earth"], None)
    assert not Activity.objects.exists()  # a rating taken back is not shown


def test_a_rating_alone_records_no_finished_activity(reader, catalog):
    library.add_to_library(reader, catalog["earth"], {"rating_quarters": 10})
    assert verbs() == ["rated"]


def test_progress_is_grouped_per_reading(reader, catalog):
    entry, _ = library.add_to_library(reader, catalog["hobbit"], {"status": "reading"})
    reading = ReadThrough.objects.get(entry=entry)
    library.add_progress(reading, {"page": 10})
    library.add_progress(reading, {"percent": 40})
    progress = Activity.objects.get(verb="progress")
    assert (progress.read_through, progress.data, progress.group_key) == (
        reading,
        {"percent": 40},
        f"progress:{reading.pk}",
    )


def test_changing_an_entrys_audience_moves_its_activities(reader, catalog):
    entry, _ = library.add_to_library(reader, catalog["hobbit"], {"status": "reading", "rating_quarters": 20})
    library.update_entry(entry, {"audience": "followers"})
    assert set(Activity.objects.values_list("audience", flat=True)) == {"followers"}


def test_shelving_is_grouped_per_shelf(reader, make_books):
    shelf = Shelf.objects.create(user=reader, name="Loved", audience="public")
    first, second = make_books(2)
    library.add_to_library(reader, first, {"status": "read", "shelves": [shelf]})
    library.add_to_library(reader, second, {"status": "read", "shelves": [shelf]})
    shelved = Activity.objects.get(verb="shelved")
    assert (shelved.shelf, shelved.group_key) == (shelf, f"shelf:{shelf.pk}")
    assert ActivityEntry.objects.filter(activity=shelved).count() == 2


def test_deleting_an_entry_deletes_its_activities(reader, catalog):
    entry, _ = library.add_to_library(reader, catalog["hobbit"], {"status": "reading", "rating_quarters": 20})
    library.delete_entry(entry)
    assert not Activity.objects.exists()

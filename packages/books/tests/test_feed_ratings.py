"""The rating a feed item shows is the one of its moment ("rated", "reviewed", "finished"): recorded
with the activity (``Activity.rating_quarters``), whatever the reader's rating is now. Both ways of
reading a page are checked: the single statement (PostgreSQL) and the queryset (every database)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import F

from mybookconnect.books import feed, library, reviews
from mybookconnect.books.models import Activity, ActivityVerb, LibraryEntry
from mybookconnect.core.visibility import Audience

from .test_feed import FEED, add_entry, client_for, items, make_book

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["single statement", "queryset"])
def page_reader(request, monkeypatch) -> str:
    if request.param == "queryset":
        monkeypatch.setattr(feed, "use_single_statement", lambda: False)
    elif not feed.use_single_statement():
        pytest.skip("the single-statement page is PostgreSQL's")
    return request.param


@pytest.fixture
def ana(db):
    from .conftest import create_account

    return create_account("ana")


def ratings(user: Any) -> list[tuple[str, float | None]]:
    """(verb, rating) of the reader's feed items, newest first."""
    return [(item["verb"], item["rating"]) for item in items(client_for(user).get(FEED))]


def a_day_earlier() -> None:
    # Past the grouping window: a rating now is a new activity, not a change of the last one.
    Activity.objects.update(created_at=F("created_at") - datetime.timedelta(days=1))


def test_older_items_keep_the_rating_of_their_time(page_reader, ana):
    book = make_book("The Hobbit", "J. R. R. Tolkien")
    library.add_to_library(ana, book, {"status": "read", "rating_quarters": 8})
    reviews.create_review(ana, book, {"body": "Too many songs."})
    a_day_earlier()

    library.rate_book(ana, book, 18)

    assert ratings(ana) == [("rated", 4.5), ("reviewed", 2.0), ("rated", 2.0), ("finished", 2.0)]
    assert set(Activity.objects.values_list("verb", "rating_quarters")) == {
        ("finished", 8),
        ("rated", 8),
        ("reviewed", 8),
        ("rated", 18),
    }


def test_a_rerating_within_the_window_changes_the_rated_item_only(page_reader, ana):
    book = make_book("Dune", "Frank Herbert")
    library.add_to_library(ana, book, {"status": "read", "rating_quarters": 12})

    library.rate_book(ana, book, 17)

    assert ratings(ana) == [("rated", 4.25), ("finished", 3.0)]


def test_a_book_finished_before_it_was_rated_shows_no_rating_there(page_reader, ana):
    book = make_book("Emma", "Jane Austen")
    library.add_to_library(ana, book, {"status": "read"})
    a_day_earlier()

    library.rate_book(ana, book, 16)

    assert ratings(ana) == [("rated", 4.0), ("finished", None)]


def test_a_review_without_a_rating_shows_none_and_other_verbs_none(page_reader, ana):
    book = make_book("Ulysses", "James Joyce")
    entry, _ = library.add_to_library(ana, book, {"status": "reading"})
    reviews.create_review(ana, book, {"body": "Halfway."})
    library.add_progress(entry.read_throughs.get(), {"page": 40})
    a_day_earlier()

    library.rate_book(ana, book, 10)

    assert ratings(ana) == [("rated", 2.5), ("progress", None), ("reviewed", None), ("started", None)]
    assert not Activity.objects.exclude(verb="rated").exclude(rating_quarters=None).exists()


def test_a_grouped_finish_shows_no_rating(page_reader, ana):
    entries = [add_entry(ana, make_book(f"Book {i}"), status="reading", rating_quarters=20) for i in range(2)]

    library.bulk_change(ana, [entry.pk for entry in entries], "set_status", "read")

    finished = Activity.objects.get(verb=ActivityVerb.FINISHED)
    assert (finished.entry, finished.book, finished.rating_quarters) == (None, None, None)
    assert ratings(ana) == [("finished", None)]


def test_recording_takes_the_rating_from_the_data_the_entry_or_the_library(ana):
    book = make_book("Kim")
    entry = add_entry(ana, book, status="read", rating_quarters=13)
    given = feed.record_activity(
        ana, ActivityVerb.RATED, audience=Audience.PUBLIC, entry=entry, data={"rating": 2.25}
    )
    from_entry = feed.record_activity(ana, ActivityVerb.FINISHED, audience=Audience.PUBLIC, entry=entry)
    from_library = feed.record_activity(ana, ActivityVerb.FINISHED, audience=Audience.PUBLIC, book=book)
    LibraryEntry.objects.filter(pk=entry.pk).update(rating_quarters=None)
    unrated = feed.record_activity(ana, ActivityVerb.FINISHED, audience=Audience.PUBLIC, book=book)

    assert [activity.rating_quarters for activity in (given, from_entry, from_library, unrated)] == [
        9,
        13,
        13,
        None,
    ]


def test_a_rating_taken_back_is_forgotten_by_the_older_items(ana):
    book = make_book("Persuasion", "Jane Austen")
    other = make_book("Sanditon", "Jane Austen")
    entry, _ = library.add_to_library(ana, book, {"status": "read", "rating_quarters": 8})
    reviews.create_review(ana, book, {"body": "Quiet."})
    library.add_to_library(ana, other, {"status": "read", "rating_quarters": 12})
    LibraryEntry.objects.filter(pk=entry.pk).update(rating_quarters=None)

    feed.forget_rating(LibraryEntry.objects.get(pk=entry.pk))

    assert set(Activity.objects.filter(book=book).values_list("verb", "rating_quarters")) == {
        ("finished", None),
        ("rated", None),
        ("reviewed", None),
    }
    assert set(Activity.objects.filter(book=other).values_list("verb", "rating_quarters")) == {
        ("finished", 12),
        ("rated", 12),
    }

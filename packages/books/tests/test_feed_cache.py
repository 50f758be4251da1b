"""Cached feed pages (mybookconnect.books.caching.feed_page_key): every write that changes what a
follower's feed shows is seen at the next read. Each test reads the feed as a follower first (so the
page is cached), makes the change through the app's services or signals, and reads again. The follow
graph is test_feed's (everyone follows everyone); follows and blocks with the users app are tested in
the deploy project."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from mybookconnect.books import caching, feed, library, reviews
from mybookconnect.books.models import (
    Activity,
    ActivityEntry,
    ActivityVerb,
    Author,
    Book,
    LibraryEntry,
    Shelf,
)
from mybookconnect.core import signals
from mybookconnect.core.visibility import Audience

from .test_feed import FEED, EveryoneFollowsEveryone, client_for, make_book

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached_feed(settings) -> None:
    settings.MYBOOKCONNECT = {"VISIBILITY_POLICY": EveryoneFollowsEveryone, "BOOKS_FEED_CACHE_SECONDS": 60}


@pytest.fixture
def ana(cached_feed) -> Any:
    from .conftest import create_account

    return create_account("ana")


@pytest.fixture
def bruno(cached_feed) -> Any:
    from .conftest import create_account

    return create_account("bruno")


def read(user: Any, **query: Any) -> list[dict[str, Any]]:
    response = client_for(user).get(FEED, query)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def titles(user: Any) -> list[str]:
    return [item["book"]["title"] for item in read(user) if item["book"]]


def finished(user: Any, title: str, audience: str = Audience.PUBLIC) -> LibraryEntry:
    entry = LibraryEntry.objects.create(
        user=user, book=make_book(title, "Author"), status="read", audience=audience
    )
    feed.record_activity(user, ActivityVerb.FINISHED, audience=audience, entry=entry)
    return entry


def test_a_cached_page_is_served_until_something_changes(ana, bruno, django_assert_max_num_queries):
    finished(bruno, "One")
    first = client_for(ana).get(FEED).content
    # A write that bypasses the app (raw SQL, QuerySet.update) is not seen while the page is cached.
    Book.objects.filter(title="One").update(title="Raw")
    with django_assert_max_num_queries(1):  # the followed readers' ids
        assert client_for(ana).get(FEED).content == first


def test_no_cache_when_the_setting_is_0(ana, bruno, settings):
    settings.MYBOOKCONNECT = {**settings.MYBOOKCONNECT, "BOOKS_FEED_CACHE_SECONDS": 0}
    finished(bruno, "One")
    assert titles(ana) == ["One"]
    Book.objects.filter(title="One").update(title="Raw")
    assert titles(ana) == ["Raw"]


def test_a_new_activity(ana, bruno):
    finished(bruno, "One")
    assert titles(ana) == ["One"]
    finished(bruno, "Two")
    assert titles(ana) == ["Two", "One"]


def test_the_viewers_own_new_activity(ana, bruno):
    finished(bruno, "One")
    assert titles(ana) == ["One"]
    finished(ana, "Mine")
    assert titles(ana) == ["Mine", "One"]


def test_each_page_and_page_size_is_its_own_entry(ana, bruno):
    for title in ("One", "Two", "Three"):
        finished(bruno, title)
    assert [item["book"]["title"] for item in read(ana, page_size=1)] == ["Three"]
    assert [item["book"]["title"] for item in read(ana, page_size=2)] == ["Three", "Two"]
    response = client_for(ana).get(FEED, {"page_size": 1}).json()
    assert [item["book"]["title"] for item in client_for(ana).get(response["next"]).json()["results"]] == [
        "Two"
    ]


def test_each_viewer_has_their_own_page(ana, bruno):
    finished(bruno, "Followers only", Audience.FOLLOWERS)
    finished(ana, "Ana's private", Audience.PRIVATE)
    assert titles(ana) == ["Ana's private", "Followers only"]
    assert titles(bruno) == ["Followers only"]


def test_an_entry_narrowed_through_the_library(ana, bruno):
    entry = finished(bruno, "Secret")
    assert titles(ana) == ["Secret"]
    library.update_entry(entry, {"audience": Audience.PRIVATE})
    assert titles(ana) == []
    assert titles(bruno) == ["Secret"]


def test_an_entry_deleted(ana, bruno):
    entry = finished(bruno, "Gone")
    assert titles(ana) == ["Gone"]
    library.delete_entry(entry)
    assert titles(ana) == []


def test_an_activity_deleted(ana, bruno):
    finished(bruno, "Gone")
    assert titles(ana) == ["Gone"]
    Activity.objects.all().delete()
    assert titles(ana) == []


def test_a_grouped_entry_deleted(ana, bruno):
    entries = [finished(bruno, f"Shelved {i}") for i in range(3)]
    Activity.objects.all().delete()
    shelf = Shelf.objects.create(user=bruno, name="Club", audience=Audience.PUBLIC)
    feed.record_activity(bruno, ActivityVerb.SHELVED, audience=Audience.PUBLIC, shelf=shelf, entries=entries)
    assert read(ana)[0]["books_count"] == 3
    LibraryEntry.objects.filter(pk=entries[0].pk).delete()
    assert read(ana)[0]["books_count"] == 2
    # A book deleted with its readers' entries.
    Book.objects.filter(pk=entries[1].book_id).delete()
    assert read(ana)[0]["books_count"] == 1
    assert ActivityEntry.objects.count() == 1


def test_a_shelf_renamed_and_narrowed(ana, bruno):
    entry = finished(bruno, "Shelved")
    shelf = Shelf.objects.create(user=bruno, name="Club", audience=Audience.PUBLIC)
    feed.record_activity(bruno, ActivityVerb.SHELVED, audience=Audience.PUBLIC, shelf=shelf, entries=[entry])
    assert read(ana)[0]["shelf"]["name"] == "Club"
    library.update_shelf(shelf, {"name": "Book club"})
    assert read(ana)[0]["shelf"]["name"] == "Book club"
    library.update_shelf(Shelf.objects.get(pk=shelf.pk), {"audience": Audience.PRIVATE})
    assert [item["verb"] for item in read(ana)] == ["finished"]


def test_a_review_edited_then_deleted(ana, bruno):
    book = make_book("Reviewed")
    review = reviews.create_review(
        bruno, book, {"title": "Fine", "body": "Quite fine.", "audience": "public"}
    )
    assert read(ana)[0]["review"]["title"] == "Fine"
    reviews.update_review(review, {"title": "Great", "body": "Really great.", "spoiler": True})
    item = read(ana)[0]["review"]
    assert (item["title"], item["excerpt"], item["spoiler"]) == ("Great", "Really great.", True)
    reviews.update_review(review, {"audience": Audience.PRIVATE})
    assert read(ana) == []
    reviews.update_review(review, {"audience": Audience.PUBLIC})
    assert len(read(ana)) == 1
    reviews.delete_review(review)
    assert read(ana) == []


def test_a_rating_shows_as_a_new_item_and_leaves_the_finished_one(ana, bruno):
    entry = finished(bruno, "Rated")
    assert read(ana)[0]["rating"] is None
    library.rate_book(bruno, entry.book, 14)
    # The "finished" item shows the rating at the time (none): a rating is an activity of its own.
    assert {item["verb"]: item["rating"] for item in read(ana)} == {"rated": 3.5, "finished": None}


def test_a_catalog_change(ana, bruno):
    entry = finished(bruno, "Old title")
    assert titles(ana) == ["Old title"]
    book = Book.objects.get(pk=entry.book_id)
    book.title = "New title"
    book.save()
    assert titles(ana) == ["New title"]
    author = Author.objects.get(name="Author")
    author.name = "Renamed"
    author.save()
    assert read(ana)[0]["book"]["authors"] == ["Renamed"]


def test_a_default_audience_narrowed(ana, bruno):
    entry = finished(bruno, "Default")
    LibraryEntry.objects.filter(pk=entry.pk).update(audience_is_default=True)
    assert titles(ana) == ["Default"]
    signals.default_audience_changed.send(sender=None, user=bruno, audience=Audience.PRIVATE)
    assert titles(ana) == []


def test_a_follow_and_an_unfollow(ana, bruno):
    signals.reader_followed.send(sender=None, follower=bruno, followee=ana)
    assert [item["verb"] for item in read(ana)] == ["followed"]
    signals.reader_unfollowed.send(sender=None, follower=bruno, followee=ana)
    assert read(ana) == []


def test_a_block_change_forgets_both_readers_pages(ana, bruno):
    keys = {pk: caching.feed_page_key(pk, [], "", "v") for pk in (ana.pk, bruno.pk)}
    signals.block_changed.send(sender=None, blocker=ana.pk, blocked=bruno.pk)
    assert all(caching.feed_page_key(pk, [], "", "v") != key for pk, key in keys.items())


def test_a_renamed_reader(ana, bruno):
    finished(bruno, "One")
    assert read(ana)[0]["actor"]["username"] == "bruno"
    setattr(bruno, type(bruno).USERNAME_FIELD, "bruna")
    bruno.save()
    assert read(ana)[0]["actor"]["username"] == "bruna"


def test_a_lost_token_is_replaced_by_a_new_one(ana, bruno):
    finished(bruno, "One")
    assert titles(ana) == ["One"]
    Book.objects.filter(title="One").update(title="Raw")
    cache.delete(f"{caching.PREFIX}:activity:{bruno.pk}")  # evicted
    assert titles(ana) == ["Raw"]

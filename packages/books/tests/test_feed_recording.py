"""Recording activities (grouping, what an activity points at), keeping their audience in step, and the
receivers of core's signals (sent by the users app in a site; sent by hand here)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from mybookconnect.books import feed
from mybookconnect.books.models import (
    Activity,
    ActivityEntry,
    ActivityVerb,
    Book,
    LibraryEntry,
    ReadThrough,
    Review,
    Shelf,
)
from mybookconnect.core import signals
from mybookconnect.core.visibility import Audience, DefaultVisibilityPolicy

from .conftest import create_account

pytestmark = pytest.mark.django_db

NOW = timezone.now()


class PrivateByDefault(DefaultVisibilityPolicy):
    def default_audience(self, owner: Any) -> str:
        return Audience.PRIVATE


@pytest.fixture
def ana(db):
    return create_account("ana")


@pytest.fixture
def bruno(db):
    return create_account("bruno")


def entry_of(user: Any, title: str, audience: str = Audience.PUBLIC, **fields: Any) -> LibraryEntry:
    return LibraryEntry.objects.create(
        user=user, book=Book.objects.create(title=title), audience=audience, **fields
    )


def shelve(
    user: Any, entries: list[LibraryEntry], audience: str = Audience.PUBLIC, **kwargs: Any
) -> Activity:
    return feed.record_activity(
        user,
        ActivityVerb.SHELVED,
        audience=audience,
        group_key="status:want_to_read",
        entries=entries,
        **kwargs,
    )


# --- recording ------------------------------------------------------------------------------------


def test_activities_with_the_same_key_soon_after_are_one(ana, settings):
    settings.MYBOOKCONNECT = {"BOOKS_FEED_GROUP_SECONDS": 600}
    first = shelve(ana, [entry_of(ana, "A")], now=NOW)
    same = shelve(ana, [entry_of(ana, "B")], now=NOW + datetime.timedelta(minutes=9))
    later = shelve(ana, [entry_of(ana, "C")], now=NOW + datetime.timedelta(minutes=30))
    other_audience = shelve(
        ana, [entry_of(ana, "D")], audience=Audience.PRIVATE, now=NOW + datetime.timedelta(minutes=31)
    )

    assert same == first
    assert later != first
    assert other_audience != later
    assert ActivityEntry.objects.filter(activity=first).count() == 2
    assert Activity.objects.count() == 3


def test_a_regrouped_activity_keeps_the_newest_data(ana):
    entry = entry_of(ana, "A")
    first = feed.record_activity(
        ana,
        ActivityVerb.RATED,
        audience="public",
        entry=entry,
        data={"rating": 3.0},
        group_key=f"rated:{entry.pk}",
    )
    again = feed.record_activity(
        ana,
        ActivityVerb.RATED,
        audience="public",
        entry=entry,
        data={"rating": 4.5},
        group_key=f"rated:{entry.pk}",
    )

    assert again == first
    first.refresh_from_db()
    assert first.data == {"rating": 4.5}


def test_an_activity_points_at_the_entry_and_book_of_what_it_is_about(ana):
    entry = entry_of(ana, "Dune")
    reading = ReadThrough.objects.create(entry=entry)
    review = Review.objects.create(user=ana, book=entry.book, audience="public")

    progress = feed.record_activity(ana, ActivityVerb.PROGRESS, audience="public", read_through=reading)
    rated = feed.record_activity(ana, ActivityVerb.RATED, audience="public", entry=entry)
    reviewed = feed.record_activity(ana, ActivityVerb.REVIEWED, audience="public", review=review)

    assert (progress.entry_id, progress.book_id) == (entry.pk, entry.book_id)
    assert rated.book_id == entry.book_id
    assert reviewed.book_id == entry.book_id


def test_a_grouped_activity_names_nothing_else(ana):
    entry = entry_of(ana, "A")

    with pytest.raises(ValueError, match="entries"):
        feed.record_activity(ana, ActivityVerb.SHELVED, audience="public", entry=entry, entries=[entry])


def test_actors_and_followed_readers_may_be_given_by_key(ana, bruno):
    activity = feed.record_activity(ana.pk, ActivityVerb.FOLLOWED, audience="public", target_user=bruno.pk)

    assert (activity.actor, activity.target_user) == (ana, bruno)


# --- audiences -----------------------------------------------------------------------------------


def test_entries_changing_audience_take_their_activities_along(ana):
    entry = entry_of(ana, "A")
    rated = feed.record_activity(ana, ActivityVerb.RATED, audience="public", entry=entry)
    alone = shelve(ana, [entry])
    other = entry_of(ana, "B")
    mixed = feed.record_activity(
        ana, ActivityVerb.SHELVED, audience="public", group_key="shelf:1", entries=[entry, other]
    )

    feed.sync_entry_audience([entry.pk], Audience.PRIVATE)

    rated.refresh_from_db()
    alone.refresh_from_db()
    mixed.refresh_from_db()
    assert rated.audience == Audience.PRIVATE
    # A group whose every book changed moves with them; a mixed one loses the book that changed.
    assert alone.audience == Audience.PRIVATE
    assert list(ActivityEntry.objects.filter(activity=alone).values_list("entry", flat=True)) == [entry.pk]
    assert mixed.audience == Audience.PUBLIC
    assert list(ActivityEntry.objects.filter(activity=mixed).values_list("entry", flat=True)) == [other.pk]


def test_a_group_widens_with_all_its_entries_as_far_as_its_shelf_allows(ana):
    shelf = Shelf.objects.create(user=ana, name="Book club", audience=Audience.FOLLOWERS)
    on_shelf = [entry_of(ana, "A", Audience.PRIVATE), entry_of(ana, "B", Audience.PRIVATE)]
    status_only = entry_of(ana, "C", Audience.PRIVATE)
    shelved = feed.record_activity(
        ana, ActivityVerb.SHELVED, audience=Audience.PRIVATE, shelf=shelf, entries=on_shelf
    )
    wanted = shelve(ana, [status_only], audience=Audience.PRIVATE)
    partly = feed.record_activity(
        ana,
        ActivityVerb.SHELVED,
        audience=Audience.PRIVATE,
        entries=[on_shelf[0], entry_of(ana, "D", "private")],
    )

    feed.sync_entry_audience([entry.pk for entry in [*on_shelf, status_only]], Audience.PUBLIC)

    for activity in (shelved, wanted, partly):
        activity.refresh_from_db()
    assert shelved.audience == Audience.FOLLOWERS
    assert wanted.audience == Audience.PUBLIC
    # A group with books that did not change keeps its audience and all its books.
    assert partly.audience == Audience.PRIVATE
    assert ActivityEntry.objects.filter(activity=partly).count() == 2


def test_syncing_nothing_changes_nothing(ana):
    activity = feed.record_activity(ana, ActivityVerb.RATED, audience="public", entry=entry_of(ana, "A"))

    feed.sync_entry_audience([], Audience.PRIVATE)

    activity.refresh_from_db()
    assert activity.audience == Audience.PUBLIC


def test_a_review_changing_audience_takes_its_activity_along(ana):
    review = Review.objects.create(user=ana, book=Book.objects.create(title="A"), audience="public")
    activity = feed.record_activity(ana, ActivityVerb.REVIEWED, audience="public", review=review)

    feed.sync_review_audience(review.pk, Audience.FOLLOWERS)

    activity.refresh_from_db()
    assert activity.audience == Audience.FOLLOWERS


# --- receivers -----------------------------------------------------------------------------------


def test_a_new_default_audience_reaches_the_entries_that_follow_it(ana, bruno):
    following = entry_of(ana, "Follows the default")
    chosen = entry_of(ana, "Chosen", audience_is_default=False)
    theirs = entry_of(bruno, "Someone else's")
    finished = feed.record_activity(ana, ActivityVerb.FINISHED, audience="public", entry=following)
    group = shelve(ana, [following, chosen])
    followed = feed.record_activity(ana, ActivityVerb.FOLLOWED, audience="public", target_user=bruno)
    before = following.updated_at

    signals.default_audience_changed.send(sender=None, user=ana, audience=Audience.FOLLOWERS)

    for row in (following, chosen, theirs, finished, group, followed):
        row.refresh_from_db()
    assert following.audience == Audience.FOLLOWERS
    assert following.updated_at > before
    assert chosen.audience == theirs.audience == Audience.PUBLIC
    assert finished.audience == Audience.FOLLOWERS
    assert followed.audience == Audience.FOLLOWERS
    # The group keeps its audience and the book that kept it.
    assert group.audience == Audience.PUBLIC
    assert list(ActivityEntry.objects.filter(activity=group).values_list("entry", flat=True)) == [chosen.pk]


def test_a_follow_is_recorded_once_with_the_followers_default_audience(ana, bruno, settings):
    settings.MYBOOKCONNECT = {"VISIBILITY_POLICY": PrivateByDefault}

    signals.reader_followed.send(sender=None, follower=ana, followee=bruno)
    signals.reader_followed.send(sender=None, follower=ana, followee=bruno)

    activity = Activity.objects.get()
    assert (activity.actor, activity.verb, activity.target_user) == (ana, ActivityVerb.FOLLOWED, bruno)
    assert activity.audience == Audience.PRIVATE


def test_an_unfollow_removes_the_follows_activity(ana, bruno):
    signals.reader_followed.send(sender=None, follower=ana, followee=bruno)
    signals.reader_followed.send(sender=None, follower=bruno, followee=ana)

    signals.reader_unfollowed.send(sender=None, follower=ana, followee=bruno)

    assert list(Activity.objects.values_list("actor", "target_user")) == [(bruno.pk, ana.pk)]


def test_receivers_write_in_the_senders_transaction(ana, bruno):
    with pytest.raises(RuntimeError), transaction.atomic():
        signals.reader_followed.send(sender=None, follower=ana, followee=bruno)
        raise RuntimeError("the follow failed")

    assert not Activity.objects.exists()


# --- excerpts ------------------------------------------------------------------------------------


def test_review_excerpt_is_plain_text_of_at_most_280_characters():
    html = (
        "<p>First &amp; <strong>bold</strong>.</p>\n<ul><li>one</li><li>two</li></ul><p>" + "x" * 400 + "</p>"
    )

    excerpt = feed.review_excerpt(html)

    assert excerpt.startswith("First & bold. one two xxx")
    assert len(excerpt) == 280
    assert excerpt.endswith("…")
    assert feed.review_excerpt("<p>Short.<br>Two lines.</p>") == "Short. Two lines."
    assert feed.review_excerpt(None) == ""

"""The feed's permission matrix with the site's policy (the users app's FollowerVisibilityPolicy), and what
happens to the feed when privacy, follows, blocks and reviews change later. Follows, blocks and profiles
go through the users API, so the users app's signals and the books app's receivers are in the loop."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from mybookconnect.books import feed
from mybookconnect.books.models import Activity, ActivityVerb, Book, LibraryEntry, Review, Shelf
from mybookconnect.core.visibility import Audience, get_visibility_policy
from mybookconnect.users import services

pytestmark = pytest.mark.django_db

FEED = "/api/v1/feed/"
PASSWORD = "correct horse battery staple"


def reader(username: str) -> Any:
    return services.register_user(username=username, email=f"{username}@example.com", password=PASSWORD)


def client_for(user: Any | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


def finished(user: Any, title: str, audience: str | None = None) -> LibraryEntry:
    """``user`` finished a new book ``title``: the entry (``audience`` or the reader's default) and its
    activity, as the library's services record them."""
    default = audience is None
    audience = audience or get_visibility_policy().default_audience(user)
    entry = LibraryEntry.objects.create(
        user=user,
        book=Book.objects.create(title=title),
        status="read",
        audience=audience,
        audience_is_default=default,
    )
    feed.record_activity(user, ActivityVerb.FINISHED, audience=audience, entry=entry)
    return entry


def titles(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["book"]["title"] for item in response.json()["results"] if item["book"]}


def verbs(response: Any) -> list[tuple[str, str | None]]:
    assert response.status_code == 200, response.content
    return [
        (item["verb"], item["target_user"]["username"] if item["target_user"] else None)
        for item in response.json()["results"]
    ]


@pytest.fixture
def people() -> dict[str, Any]:
    owner = reader("olive")
    people = {
        "owner": owner,
        "follower": reader("fran"),
        "stranger": reader("sam"),
        "blocked": reader("bob"),
        "anonymous": None,
    }
    services.follow(people["follower"], owner)
    services.follow(people["blocked"], owner)
    services.block(owner, people["blocked"])
    for audience in Audience.values:
        finished(owner, f"{audience} book", audience)
    return people


# Which of the owner's items (finished books, one per audience) each viewer finds.
FEED_MATRIX = {
    "owner": {"public book", "followers book", "private book"},
    "follower": {"public book", "followers book"},
    # Strangers and blocked readers follow nobody: the feed is of the readers one follows.
    "stranger": set(),
    "blocked": set(),
}
PROFILE_MATRIX = {
    "owner": {"public book", "followers book", "private book"},
    "follower": {"public book", "followers book"},
    "stranger": {"public book"},
    "anonymous": {"public book"},
}


@pytest.mark.parametrize(("role", "expected"), FEED_MATRIX.items())
def test_feed_matrix(people, role, expected):
    assert titles(client_for(people[role]).get(FEED)) == expected


def test_feed_needs_an_account(people):
    response = client_for(None).get(FEED)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(("role", "expected"), PROFILE_MATRIX.items())
def test_reader_activity_matrix(people, role, expected):
    assert titles(client_for(people[role]).get("/api/v1/users/olive/activity/")) == expected


def test_a_blocked_reader_finds_no_activity_of_the_blocker(people):
    response = client_for(people["blocked"]).get("/api/v1/users/olive/activity/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_blocked_former_follower_sees_nothing_even_public(people):
    # They followed before the block; the block ended the follow and hides even public items.
    services.unblock(people["owner"], people["blocked"])
    services.follow(people["blocked"], people["owner"])
    assert titles(client_for(people["blocked"]).get(FEED)) == {"public book", "followers book"}

    assert client_for(people["owner"]).post("/api/v1/users/bob/block/").status_code == 201

    assert titles(client_for(people["blocked"]).get(FEED)) == set()


def test_an_entry_made_private_later_leaves_followers_feeds(people):
    entry = LibraryEntry.objects.get(book__title="followers book")

    entry.audience = Audience.PRIVATE
    entry.audience_is_default = False
    entry.save()
    feed.sync_entry_audience([entry.pk], entry.audience)

    assert titles(client_for(people["follower"]).get(FEED)) == {"public book"}
    assert "followers book" in titles(client_for(people["owner"]).get(FEED))


def test_a_profile_made_private_takes_the_default_entries_along(people):
    owner, follower = people["owner"], people["follower"]
    finished(owner, "Default book")
    assert "Default book" in titles(client_for(follower).get(FEED))

    response = client_for(owner).patch("/api/v1/auth/me/", {"profile_visibility": "private"}, format="json")

    assert response.status_code == 200
    assert LibraryEntry.objects.get(book__title="Default book").audience == Audience.PRIVATE
    # Entries with an audience of their own keep it.
    assert titles(client_for(follower).get(FEED)) == {"public book", "followers book"}
    assert "Default book" in titles(client_for(owner).get(FEED))


def test_a_deleted_review_leaves_the_feed(people):
    owner, follower = people["owner"], people["follower"]
    review = Review.objects.create(
        user=owner, book=Book.objects.create(title="Reviewed"), body_html="<p>Fine.</p>", audience="public"
    )
    feed.record_activity(owner, ActivityVerb.REVIEWED, audience=review.audience, review=review)
    assert "Reviewed" in titles(client_for(follower).get(FEED))

    review.delete()

    assert "Reviewed" not in titles(client_for(follower).get(FEED))
    assert not Activity.objects.filter(verb=ActivityVerb.REVIEWED).exists()


def test_unfollowing_removes_the_followees_items(people):
    follower = people["follower"]
    client = client_for(follower)
    assert titles(client.get(FEED)) == {"public book", "followers book"}
    assert ("followed", "olive") in verbs(client.get(FEED))

    assert client.delete("/api/v1/users/olive/follow/").status_code == 204

    assert titles(client.get(FEED)) == set()
    # The follow's own activity went with it.
    assert verbs(client.get(FEED)) == []


def test_follows_show_in_the_followers_feeds(people):
    owner, follower, stranger = people["owner"], people["follower"], people["stranger"]

    assert client_for(owner).post("/api/v1/users/sam/follow/").status_code == 201

    assert ("followed", "sam") in verbs(client_for(follower).get(FEED))
    assert ("followed", "sam") in verbs(client_for(owner).get(FEED))
    assert client_for(stranger).get(FEED).json()["results"] == []


def test_an_accepted_request_is_a_follow_in_the_feed(people):
    owner, stranger = people["owner"], people["stranger"]
    services.update_profile(stranger, {"approve_followers": True})

    assert client_for(owner).post("/api/v1/users/sam/follow/").status_code == 202
    assert ("followed", "sam") not in verbs(client_for(owner).get(FEED))
    request_id = client_for(stranger).get("/api/v1/follow-requests/").json()["results"][0]["id"]
    assert client_for(stranger).post(f"/api/v1/follow-requests/{request_id}/accept/").status_code == 200

    assert ("followed", "sam") in verbs(client_for(owner).get(FEED))


def test_a_follow_of_someone_who_blocked_the_viewer_is_not_shown(people):
    owner, follower, stranger = people["owner"], people["follower"], people["stranger"]
    services.follow(owner, stranger)
    assert ("followed", "sam") in verbs(client_for(follower).get(FEED))

    services.block(stranger, follower)

    assert ("followed", "sam") not in verbs(client_for(follower).get(FEED))
    assert ("followed", "sam") in verbs(client_for(owner).get(FEED))


def test_a_follow_takes_the_followers_privacy(people):
    owner, follower, stranger = people["owner"], people["follower"], people["stranger"]
    services.update_profile(owner, {"profile_visibility": "private"})

    services.follow(owner, stranger)

    assert ("followed", "sam") not in verbs(client_for(follower).get(FEED))
    assert ("followed", "sam") in verbs(client_for(owner).get(FEED))


@pytest.mark.parametrize("n", [5, 50])
def test_feed_queries_do_not_grow_with_the_page(people, n, django_assert_max_num_queries):
    owner, follower = people["owner"], people["follower"]
    Activity.objects.all().delete()
    for i in range(n):
        finished(owner, f"Book {i}", Audience.FOLLOWERS)
    client = client_for(follower)

    # The account (JWT), the page, its grouped books, their authors; on PostgreSQL the account and
    # the page's one statement.
    # One more: the followed readers' ids, read first for the cache key.
    with django_assert_max_num_queries(3 if feed.use_single_statement() else 5):
        response = client.get(FEED, {"page_size": 50})

    assert len(response.json()["results"]) == n


@pytest.mark.skipif(not feed.use_single_statement(), reason="the single-statement page is PostgreSQL's")
def test_the_single_statement_page_is_the_querysets(people, monkeypatch):
    """On PostgreSQL a page is one statement with the policy's condition compiled into it: it shows
    exactly what the queryset and the serializer show, to every viewer of the matrix."""
    owner, follower, stranger = people["owner"], people["follower"], people["stranger"]
    shelf = Shelf.objects.create(user=owner, name="Club", audience=Audience.FOLLOWERS)
    entries = [finished(owner, f"Shelved {i}", audience) for i, audience in enumerate(Audience.values)]
    feed.record_activity(owner, ActivityVerb.SHELVED, audience=Audience.PUBLIC, shelf=shelf, entries=entries)
    services.follow(owner, stranger)
    services.block(stranger, follower)
    services.follow(stranger, owner)
    finished(stranger, "Stranger's book", Audience.FOLLOWERS)

    for viewer in people.values():
        for url in (FEED, "/api/v1/users/olive/activity/", "/api/v1/users/sam/activity/"):
            if viewer is None and url == FEED:
                continue
            drawn = client_for(viewer).get(url, {"page_size": 2})
            monkeypatch.setattr(feed, "use_single_statement", lambda: False)
            serialized = client_for(viewer).get(url, {"page_size": 2})
            monkeypatch.undo()
            assert drawn.status_code == serialized.status_code
            assert drawn.json() == serialized.json()
            while drawn.status_code == 200 and drawn.json()["next"]:
                drawn = client_for(viewer).get(drawn.json()["next"])
                monkeypatch.setattr(feed, "use_single_statement", lambda: False)
                serialized = client_for(viewer).get(serialized.json()["next"])
                monkeypatch.undo()
                assert drawn.json() == serialized.json()


# Cached feed pages (books' caching.feed_page_key): each change is seen at the next read.


def test_a_cached_feed_sees_a_new_item_and_a_review_edit(people):
    from mybookconnect.books import reviews

    owner, follower = people["owner"], people["follower"]
    client = client_for(follower)
    assert titles(client.get(FEED)) == {"public book", "followers book"}
    review = reviews.create_review(
        owner, Book.objects.create(title="Reviewed"), {"title": "Fine", "body": "Fine."}
    )
    assert "Reviewed" in titles(client.get(FEED))

    reviews.update_review(review, {"title": "Great"})

    assert client.get(FEED).json()["results"][0]["review"]["title"] == "Great"


def test_a_cached_feed_sees_a_shelf_renamed(people):
    from mybookconnect.books import library

    owner, follower = people["owner"], people["follower"]
    shelf = library.create_shelf(owner, {"name": "Club", "audience": Audience.PUBLIC})
    entry = LibraryEntry.objects.get(book__title="public book")
    feed.record_activity(owner, ActivityVerb.SHELVED, audience=Audience.PUBLIC, shelf=shelf, entries=[entry])
    client = client_for(follower)
    assert client.get(FEED).json()["results"][0]["shelf"]["name"] == "Club"

    library.update_shelf(shelf, {"name": "Book club"})

    assert client.get(FEED).json()["results"][0]["shelf"]["name"] == "Book club"


def test_a_cached_feed_sees_a_block_and_its_end(people):
    owner, follower, stranger = people["owner"], people["follower"], people["stranger"]
    services.follow(owner, stranger)
    client = client_for(follower)
    assert ("followed", "sam") in verbs(client.get(FEED))

    assert client_for(stranger).post("/api/v1/users/fran/block/").status_code == 201
    assert ("followed", "sam") not in verbs(client.get(FEED))

    services.unblock(stranger, follower)
    assert ("followed", "sam") in verbs(client.get(FEED))


def test_a_cached_feed_sees_a_profile_widened_and_a_rename(people):
    owner, follower = people["owner"], people["follower"]
    services.update_profile(owner, {"profile_visibility": "private"})
    finished(owner, "Default book")
    client = client_for(follower)
    assert "Default book" not in titles(client.get(FEED))

    services.update_profile(owner, {"profile_visibility": "public"})
    assert "Default book" in titles(client.get(FEED))

    owner.username = "olivia"
    owner.save()
    results = client.get(FEED).json()["results"]
    assert {item["actor"]["username"] for item in results} == {"olivia", "fran"}
    # The follower's own "followed" item names the renamed reader too.
    assert ("followed", "olivia") in verbs(client.get(FEED))

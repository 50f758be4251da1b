"""The library's permission matrix with the site's follower-aware policy (users' FollowerVisibilityPolicy):
owner, follower, stranger, blocked (the owner blocked them), anonymous, for each audience."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from mybookconnect.books import library
from mybookconnect.books.models import Book, ReadThrough, Shelf
from mybookconnect.users import services as users

pytestmark = pytest.mark.django_db

AUDIENCES = ["public", "followers", "private"]
# Who sees an item of each audience (the owner always does; a blocked reader sees nothing at all).
SEES = {
    "owner": {"public", "followers", "private"},
    "follower": {"public", "followers"},
    "stranger": {"public"},
    "blocked": set(),
    "anonymous": {"public"},
}


def make_user(name: str):
    return get_user_model().objects.create_user(name, f"{name}@example.com", "a-long-enough-password")


@pytest.fixture
def world():
    owner = make_user("owner")
    follower = make_user("follower")
    stranger = make_user("stranger")
    blocked = make_user("blocked")
    users.follow(follower, owner)
    users.block(owner, blocked)
    entries, shelves = {}, {}
    for audience in AUDIENCES:
        book = Book.objects.create(title=f"A {audience} book")
        shelves[audience] = Shelf.objects.create(user=owner, name=f"{audience} shelf", audience=audience)
        entries[audience], _ = library.add_to_library(
            owner, book, {"audience": audience, "status": "reading", "shelves": [shelves[audience]]}
        )
    clients = {"anonymous": APIClient()}
    for name, user in (
        ("owner", owner),
        ("follower", follower),
        ("stranger", stranger),
        ("blocked", blocked),
    ):
        clients[name] = APIClient()
        clients[name].force_authenticate(user)
    return {"owner": owner, "entries": entries, "shelves": shelves, "clients": clients}


@pytest.mark.parametrize("viewer", list(SEES))
def test_a_readers_library_and_shelves(world, viewer):
    client = world["clients"][viewer]
    response = client.get("/api/v1/users/owner/library/")
    if viewer == "blocked":
        # As if the reader did not exist, like their profile.
        assert response.status_code == 404
        assert client.get("/api/v1/users/owner/shelves/").status_code == 404
        return
    assert response.status_code == 200
    shown = {row["id"] for row in response.json()["results"]}
    assert shown == {world["entries"][a].pk for a in SEES[viewer]}
    assert all("notes" not in row for row in response.json()["results"])
    shelves = client.get("/api/v1/users/owner/shelves/").json()["results"]
    assert {row["name"] for row in shelves} == {f"{a} shelf" for a in SEES[viewer]}
    assert all(row["entries_count"] == 1 for row in shelves)


@pytest.mark.parametrize("viewer", ["owner", "follower", "stranger", "anonymous"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_shelfs_list(world, viewer, audience):
    client = world["clients"][viewer]
    response = client.get(f"/api/v1/users/owner/library/?shelf={world['shelves'][audience].pk}")
    if audience in SEES[viewer]:
        assert response.status_code == 200
        assert [row["id"] for row in response.json()["results"]] == [world["entries"][audience].pk]
    else:
        assert response.status_code == 400
        assert response.json() == {"shelf": ["No such shelf."]}


def test_a_public_shelf_shows_only_the_entries_the_viewer_may_see(world):
    public = world["shelves"]["public"]
    for audience in ("followers", "private"):
        library.update_entry(world["entries"][audience], {"shelves": [world["shelves"][audience], public]})
    for viewer, expected in (("owner", 3), ("follower", 2), ("stranger", 1), ("anonymous", 1)):
        client = world["clients"][viewer]
        rows = client.get(f"/api/v1/users/owner/library/?shelf={public.pk}").json()["results"]
        assert len(rows) == expected, viewer
        counts = {
            row["name"]: row["entries_count"]
            for row in client.get("/api/v1/users/owner/shelves/").json()["results"]
        }
        assert counts["public shelf"] == expected, viewer


@pytest.mark.parametrize("viewer", ["follower", "stranger", "blocked"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_own_endpoints_are_the_owners_only_whatever_the_audience(world, viewer, audience):
    client = world["clients"][viewer]
    entry = world["entries"][audience]
    reading = ReadThrough.objects.get(entry=entry)
    shelf = world["shelves"][audience]
    for method, url, data in (
        ("get", f"/api/v1/library/{entry.pk}/", {}),
        ("patch", f"/api/v1/library/{entry.pk}/", {"notes": "x"}),
        ("delete", f"/api/v1/library/{entry.pk}/", {}),
        ("post", f"/api/v1/library/{entry.pk}/move/", {"before": None}),
        ("get", f"/api/v1/library/{entry.pk}/read-throughs/", {}),
        ("post", f"/api/v1/library/{entry.pk}/read-throughs/", {}),
        ("patch", f"/api/v1/library/{entry.pk}/read-throughs/{reading.pk}/", {}),
        ("delete", f"/api/v1/library/{entry.pk}/read-throughs/{reading.pk}/", {}),
        ("get", f"/api/v1/library/{entry.pk}/read-throughs/{reading.pk}/progress/", {}),
        ("post", f"/api/v1/library/{entry.pk}/read-throughs/{reading.pk}/progress/", {"page": 1}),
        ("get", f"/api/v1/shelves/{shelf.pk}/", {}),
        ("patch", f"/api/v1/shelves/{shelf.pk}/", {"name": "mine"}),
        ("delete", f"/api/v1/shelves/{shelf.pk}/", {}),
    ):
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
    response = client.post(
        "/api/v1/library/bulk/", {"entries": [entry.pk], "action": "delete"}, format="json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize("audience", AUDIENCES)
def test_anonymous_visitors_use_no_own_endpoint(world, audience):
    client = world["clients"]["anonymous"]
    entry = world["entries"][audience]
    for method, url in (
        ("get", "/api/v1/library/"),
        ("get", f"/api/v1/library/{entry.pk}/"),
        ("post", "/api/v1/library/bulk/"),
        ("get", "/api/v1/shelves/"),
        ("get", "/api/v1/library/tags/"),
    ):
        assert getattr(client, method)(url, {}, format="json").status_code == 401


def test_following_later_and_blocking_later(world):
    stranger = world["clients"]["stranger"]
    stranger_user = get_user_model().objects.get(username="stranger")
    owner = world["owner"]
    users.follow(stranger_user, owner)
    assert len(stranger.get("/api/v1/users/owner/library/").json()["results"]) == 2
    users.block(owner, stranger_user)
    assert stranger.get("/api/v1/users/owner/library/").status_code == 404


def test_new_entries_and_shelves_take_the_profiles_privacy(world):
    owner = world["owner"]
    profile = users.get_profile(owner)
    profile.profile_visibility = "followers"
    profile.save()
    entry, _ = library.add_to_library(owner, Book.objects.create(title="New"), {})
    assert (entry.audience, entry.audience_is_default) == ("followers", True)
    response = world["clients"]["owner"].post("/api/v1/shelves/", {"name": "Default"}, format="json")
    assert response.json()["audience"] == "followers"
    assert entry.pk not in {
        row["id"]
        for row in world["clients"]["stranger"].get("/api/v1/users/owner/library/").json()["results"]
    }


def test_a_cached_library_page_follows_follows_and_blocks(world):
    """The other-reader page is cached per owner and visible-audience set: a follow, an unfollow and a
    block between two reads change what the same viewer sees at once."""
    stranger = get_user_model().objects.get(username="stranger")
    client = world["clients"]["stranger"]

    def shown():
        response = client.get("/api/v1/users/owner/library/")
        if response.status_code == 404:
            return None
        return {row["id"] for row in response.json()["results"]}

    entries = world["entries"]
    assert shown() == {entries["public"].pk}
    users.follow(stranger, world["owner"])
    assert shown() == {entries["public"].pk, entries["followers"].pk}
    users.unfollow(stranger, world["owner"])
    assert shown() == {entries["public"].pk}
    users.block(world["owner"], stranger)
    assert shown() is None

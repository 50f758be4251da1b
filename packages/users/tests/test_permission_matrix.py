"""Who sees and may do what, on every users endpoint that concerns another reader.

The owner is olive, who approves followers and shows her follow lists. Around her:

- ``owner``: olive herself;
- ``follower``: fran, an approved follower;
- ``pending``: pat, whose follow request waits for olive's answer;
- ``stranger``: sam, no relation;
- ``blocked``: bob, whom olive blocked;
- ``anonymous``: no account.

Each table gives, per viewer, the answer for each of olive's privacy levels (public, followers,
private) — one value when the level makes no difference.
"""

import pytest

from mybookconnect.users.models import Follow, FollowRequest, Profile

from .readers import blocks, client_for, follows, make_reader, requests_to_follow, usernames

ROLES = ["owner", "follower", "pending", "stranger", "blocked", "anonymous"]
LEVELS = ["public", "followers", "private"]

FULL_PROFILE_KEYS = {
    "username", "display_name", "avatar", "profile_visibility", "can_view_profile", "relationship",
    "bio", "location", "website", "favourite_genres", "counts", "date_joined",
}  # fmt: skip
CARD_KEYS = {"username", "display_name", "avatar", "profile_visibility", "can_view_profile", "relationship"}

FULL, CARD = "full", "card"


@pytest.fixture
def world(db):
    olive = make_reader(
        "olive", display_name="Olive", bio="Bio", location="Oslo", website="https://olive.example/",
        birth_date="1980-01-02", approve_followers=True,
    )  # fmt: skip
    people = {
        "owner": olive,
        "follower": make_reader("fran"),
        "pending": make_reader("pat"),
        "stranger": make_reader("sam"),
        "blocked": make_reader("bob"),
        "anonymous": None,
    }
    follows(people["follower"], olive)
    follows(olive, make_reader("zed"))
    requests_to_follow(people["pending"], olive)
    blocks(olive, people["blocked"])
    return people


def set_level(olive, level):
    Profile.objects.filter(user=olive).update(profile_visibility=level)


def by_level(expected, level):
    return expected[LEVELS.index(level)] if isinstance(expected, tuple) else expected


matrix = pytest.mark.parametrize("level", LEVELS)
roles = pytest.mark.parametrize("role", ROLES)


# --- GET users/olive/ -----------------------------------------------------------------------------

PROFILE = {
    #            public  followers private
    "owner": (FULL, FULL, FULL),
    "follower": (FULL, FULL, CARD),
    "pending": (FULL, CARD, CARD),
    "stranger": (FULL, CARD, CARD),
    "blocked": 404,
    "anonymous": (FULL, CARD, CARD),
}


@matrix
@roles
def test_profile(world, role, level):
    set_level(world["owner"], level)
    response = client_for(world[role]).get("/api/v1/users/olive/")
    expected = by_level(PROFILE[role], level)
    if expected == 404:
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "code": "not_found"}
        return
    assert response.status_code == 200
    body = response.json()
    assert set(body) == (FULL_PROFILE_KEYS if expected == FULL else CARD_KEYS)
    assert body["can_view_profile"] is (expected == FULL)
    assert body["username"] == "olive" and body["display_name"] == "Olive"
    assert body["profile_visibility"] == level
    assert "birth_date" not in body  # only in the owner's auth/me/
    if expected == FULL:
        assert body["bio"] == "Bio"
        assert body["counts"] == {"followers": 1, "following": 1}
    assert body["relationship"] == {
        "is_self": role == "owner",
        "following": role == "follower",
        "requested": role == "pending",
        "followed_by": False,
        "blocking": False,
    }


# --- GET users/olive/followers/ and following/ -----------------------------------------------------

LISTS = {
    #            public  followers  private
    "owner": (200, 200, 200),
    "follower": (200, 200, 403),
    "pending": (200, 403, 403),
    "stranger": (200, 403, 403),
    "blocked": 404,
    "anonymous": (200, 403, 403),
}


@matrix
@roles
@pytest.mark.parametrize(("url", "listed"), [("followers", ["fran"]), ("following", ["zed"])])
def test_follow_lists(world, role, level, url, listed):
    set_level(world["owner"], level)
    response = client_for(world[role]).get(f"/api/v1/users/olive/{url}/")
    expected = by_level(LISTS[role], level)
    assert response.status_code == expected
    if expected == 200:
        assert usernames(response) == listed
    elif expected == 403:
        assert response.json() == {"detail": "This profile is private.", "code": "private"}


@matrix
@roles
def test_hidden_follow_lists(world, role, level):
    set_level(world["owner"], level)
    Profile.objects.filter(user=world["owner"]).update(show_follow_lists=False)
    response = client_for(world[role]).get("/api/v1/users/olive/followers/")
    expected = by_level(LISTS[role], level)
    if role == "owner":
        assert response.status_code == 200
    elif expected == 200:
        assert response.status_code == 403
        assert response.json()["code"] == "follow_lists_hidden"
    else:
        assert response.status_code == expected


# --- POST and DELETE users/olive/follow/ ------------------------------------------------------------

FOLLOW = {
    "owner": (400, None),
    "follower": (200, "following"),
    "pending": (200, "requested"),
    "stranger": (202, "requested"),  # olive approves followers
    "blocked": (404, None),
    "anonymous": (401, None),
}


@matrix
@roles
def test_follow(world, role, level):
    set_level(world["owner"], level)  # the level never changes who may ask
    response = client_for(world[role]).post("/api/v1/users/olive/follow/")
    status, follow_status = FOLLOW[role]
    assert response.status_code == status
    if follow_status:
        assert response.json() == {"status": follow_status}


UNFOLLOW = {"owner": 204, "follower": 204, "pending": 204, "stranger": 204, "blocked": 404, "anonymous": 401}


@matrix
@roles
def test_unfollow(world, role, level):
    set_level(world["owner"], level)
    response = client_for(world[role]).delete("/api/v1/users/olive/follow/")
    assert response.status_code == UNFOLLOW[role]
    if role in ("follower", "pending"):
        assert not Follow.objects.filter(follower=world[role], followee=world["owner"]).exists()
        assert not FollowRequest.objects.filter(requester=world[role], target=world["owner"]).exists()


# --- DELETE users/olive/follower/ (the viewer drops olive from their own followers) -----------------

REMOVE_FOLLOWER = {
    "owner": 204,
    "follower": 204,
    "pending": 204,
    "stranger": 204,
    "blocked": 404,
    "anonymous": 401,
}


@matrix
@roles
def test_remove_follower(world, role, level):
    set_level(world["owner"], level)
    assert (
        client_for(world[role]).delete("/api/v1/users/olive/follower/").status_code == REMOVE_FOLLOWER[role]
    )


# --- POST users/olive/block/ ------------------------------------------------------------------------

BLOCK = {"owner": 400, "follower": 201, "pending": 201, "stranger": 201, "blocked": 201, "anonymous": 401}


@matrix
@roles
def test_block(world, role, level):
    set_level(world["owner"], level)
    assert client_for(world[role]).post("/api/v1/users/olive/block/").status_code == BLOCK[role]


# --- GET users/?search=oli -------------------------------------------------------------------------

FINDS_OLIVE = {
    "owner": True,
    "follower": True,
    "pending": True,
    "stranger": True,
    "blocked": False,
    "anonymous": True,
}


@matrix
@roles
def test_search(world, role, level):
    set_level(world["owner"], level)  # search is governed by "searchable", not by the level
    response = client_for(world[role]).get("/api/v1/users/", {"search": "oli"})
    assert response.status_code == 200
    assert ("olive" in usernames(response)) is FINDS_OLIVE[role]


# --- the viewer's own lists: follow requests, blocks, me --------------------------------------------

OWN_LISTS = {
    # role: (incoming requests, outgoing requests, blocks)
    "owner": (["pat"], [], ["bob"]),
    "follower": ([], [], []),
    "pending": ([], ["olive"], []),
    "stranger": ([], [], []),
    "blocked": ([], [], []),
    "anonymous": 401,
}


@matrix
@roles
def test_own_lists(world, role, level):
    set_level(world["owner"], level)
    client = client_for(world[role])
    incoming = client.get("/api/v1/follow-requests/")
    outgoing = client.get("/api/v1/follow-requests/", {"direction": "outgoing"})
    blocked = client.get("/api/v1/blocks/")
    me = client.get("/api/v1/auth/me/")
    if OWN_LISTS[role] == 401:
        assert {incoming.status_code, outgoing.status_code, blocked.status_code, me.status_code} == {401}
        return
    expected_in, expected_out, expected_blocks = OWN_LISTS[role]
    assert [row["requester"]["username"] for row in incoming.json()["results"]] == expected_in
    assert [row["target"]["username"] for row in outgoing.json()["results"]] == expected_out
    assert usernames(blocked) == expected_blocks
    assert me.status_code == 200


ANSWER = {
    "owner": (200, 204),
    "follower": 404,
    "pending": 404,
    "stranger": 404,
    "blocked": 404,
    "anonymous": 401,
}


@matrix
@roles
@pytest.mark.parametrize("answer", ["accept", "reject"])
def test_answer_request(world, role, level, answer):
    set_level(world["owner"], level)
    request = FollowRequest.objects.get(requester=world["pending"])
    response = client_for(world[role]).post(f"/api/v1/follow-requests/{request.pk}/{answer}/")
    expected = ANSWER[role]
    if isinstance(expected, tuple):
        expected = expected[0] if answer == "accept" else expected[1]
    assert response.status_code == expected
    accepted = Follow.objects.filter(follower=world["pending"], followee=world["owner"]).exists()
    assert accepted is (role == "owner" and answer == "accept")

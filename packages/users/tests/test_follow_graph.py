"""Following, requests, removing followers; and the lists' query counts."""

import pytest

from mybookconnect.users.models import Follow, FollowRequest, Profile

from .readers import client_for, follows, make_reader, requests_to_follow, usernames

pytestmark = pytest.mark.django_db


@pytest.fixture
def ann(db):
    return make_reader("ann")


@pytest.fixture
def bob(db):
    return make_reader("bob")


def test_follow_then_again_then_unfollow(ann, bob):
    client = client_for(ann)
    first = client.post("/api/v1/users/bob/follow/")
    assert (first.status_code, first.json()) == (201, {"status": "following"})
    again = client.post("/api/v1/users/bob/follow/")
    assert (again.status_code, again.json()) == (200, {"status": "following"})
    assert Follow.objects.filter(follower=ann, followee=bob).count() == 1
    assert client.delete("/api/v1/users/bob/follow/").status_code == 204
    assert client.delete("/api/v1/users/bob/follow/").status_code == 204
    assert not Follow.objects.exists()


def test_username_is_case_insensitive_in_urls(ann, bob):
    assert client_for(ann).post("/api/v1/users/BOB/follow/").status_code == 201


def test_follow_yourself(ann):
    response = client_for(ann).post("/api/v1/users/ann/follow/")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["You cannot follow yourself."]}


def test_follow_missing_reader(ann):
    assert client_for(ann).post("/api/v1/users/nobody/follow/").status_code == 404


def test_follow_inactive_reader_is_404(ann):
    if not hasattr(ann, "is_active"):
        pytest.skip("user model without is_active")
    make_reader("gone").__class__._default_manager.filter(pk__gt=ann.pk).update(is_active=False)
    assert client_for(ann).get("/api/v1/users/gone/").status_code == 404


def test_request_accept_flow(ann, bob):
    Profile.objects.filter(user=bob).update(approve_followers=True)
    response = client_for(ann).post("/api/v1/users/bob/follow/")
    assert (response.status_code, response.json()) == (202, {"status": "requested"})
    incoming = client_for(bob).get("/api/v1/follow-requests/").json()
    [row] = incoming["results"]
    assert set(row) == {"id", "requester", "target", "created_at"}
    assert row["requester"] == {"username": "ann", "display_name": "", "avatar": None}
    accepted = client_for(bob).post(f"/api/v1/follow-requests/{row['id']}/accept/")
    assert (accepted.status_code, accepted.json()) == (200, {"status": "following"})
    assert Follow.objects.filter(follower=ann, followee=bob).exists()
    assert not FollowRequest.objects.exists()
    # The answered request is gone.
    assert client_for(bob).post(f"/api/v1/follow-requests/{row['id']}/accept/").status_code == 404


def test_reject_then_ask_again(ann, bob):
    Profile.objects.filter(user=bob).update(approve_followers=True)
    request = requests_to_follow(ann, bob)
    assert client_for(bob).post(f"/api/v1/follow-requests/{request.pk}/reject/").status_code == 204
    assert not Follow.objects.exists() and not FollowRequest.objects.exists()
    assert client_for(ann).post("/api/v1/users/bob/follow/").status_code == 202


def test_cancel_request(ann, bob):
    requests_to_follow(ann, bob)
    assert client_for(ann).delete("/api/v1/users/bob/follow/").status_code == 204
    assert not FollowRequest.objects.exists()


def test_requester_cannot_answer_own_request(ann, bob):
    request = requests_to_follow(ann, bob)
    assert client_for(ann).post(f"/api/v1/follow-requests/{request.pk}/accept/").status_code == 404


def test_follow_requests_bad_direction(ann):
    response = client_for(ann).get("/api/v1/follow-requests/", {"direction": "sideways"})
    assert response.status_code == 400
    assert response.json() == {"direction": ['Use "incoming" or "outgoing".']}


def test_remove_follower(ann, bob):
    follows(bob, ann)
    assert client_for(ann).delete("/api/v1/users/bob/follower/").status_code == 204
    assert not Follow.objects.exists()


def test_lists_are_newest_first_and_paginated(ann):
    for i in range(5):
        follows(make_reader(f"fan{i}"), ann)
    response = client_for(None).get("/api/v1/users/ann/followers/", {"page_size": 2})
    body = response.json()
    assert body["count"] == 5
    assert usernames(response) == ["fan4", "fan3"]
    assert body["next"]


def test_database_refuses_self_follow_and_duplicates(ann, bob):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(follower=ann, followee=ann)
    follows(ann, bob)
    with pytest.raises(IntegrityError), transaction.atomic():
        follows(ann, bob)


# --- query counts ------------------------------------------------------------------------------------


def crowd(owner, size, *, direction):
    for i in range(size):
        other = make_reader(
            f"r{i}", display_name=f"Reader {i}", avatar_small="a/s.webp", avatar_large="a/l.webp"
        )
        if direction == "followers":
            follows(other, owner)
        elif direction == "following":
            follows(owner, other)
        else:
            requests_to_follow(other, owner)


# Authentication, the reader with relationship and counts, the page's count and rows.
LIST_QUERIES = 4


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize("direction", ["followers", "following"])
def test_follow_list_queries_do_not_grow_with_rows(ann, bob, size, direction, django_assert_max_num_queries):
    crowd(ann, size, direction=direction)
    client = client_for(bob)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(f"/api/v1/users/ann/{direction}/", {"page_size": 50})
    assert len(response.json()["results"]) == size
    assert response.json()["results"][0]["avatar"]["small"].endswith("a/s.webp")


@pytest.mark.parametrize("size", [5, 50])
def test_follow_request_list_queries(ann, size, django_assert_max_num_queries):
    crowd(ann, size, direction="requests")
    client = client_for(ann)
    # Authentication, the page's count and rows.
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/follow-requests/", {"page_size": 50})
    assert len(response.json()["results"]) == size

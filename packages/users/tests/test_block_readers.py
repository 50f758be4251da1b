"""Blocking: a blocked reader cannot follow, see or find the blocker; follows go both ways."""

import pytest

from mybookconnect.users.models import Block, Follow, FollowRequest

from .readers import blocks, client_for, follows, make_reader, requests_to_follow, usernames

pytestmark = pytest.mark.django_db


@pytest.fixture
def ann(db):
    return make_reader("ann")


@pytest.fixture
def bob(db):
    return make_reader("bob")


def test_block_removes_follows_and_requests_both_ways(ann, bob):
    follows(ann, bob)
    follows(bob, ann)
    requests_to_follow(bob, ann)
    assert client_for(ann).post("/api/v1/users/bob/block/").status_code == 201
    assert not Follow.objects.exists() and not FollowRequest.objects.exists()
    assert client_for(ann).post("/api/v1/users/bob/block/").status_code == 200
    assert Block.objects.count() == 1


def test_blocked_reader_cannot_see_follow_or_find(ann, bob):
    blocks(ann, bob)
    client = client_for(bob)
    assert client.get("/api/v1/users/ann/").status_code == 404
    assert client.post("/api/v1/users/ann/follow/").status_code == 404
    assert client.get("/api/v1/users/ann/followers/").status_code == 404
    assert "ann" not in usernames(client.get("/api/v1/users/", {"search": "ann"}))


def test_blocker_cannot_follow_until_unblocking(ann, bob):
    blocks(ann, bob)
    client = client_for(ann)
    response = client.post("/api/v1/users/bob/follow/")
    assert response.status_code == 403
    assert response.json() == {"detail": "You blocked this reader; unblock them first.", "code": "blocked"}
    assert client.get("/api/v1/users/bob/").json()["relationship"]["blocking"] is True
    assert client.delete("/api/v1/users/bob/block/").status_code == 204
    assert client.delete("/api/v1/users/bob/block/").status_code == 204
    assert client.post("/api/v1/users/bob/follow/").status_code == 201


def test_blocked_reader_can_block_back(ann, bob):
    blocks(ann, bob)
    assert client_for(bob).post("/api/v1/users/ann/block/").status_code == 201


def test_block_yourself(ann):
    response = client_for(ann).post("/api/v1/users/ann/block/")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["You cannot block yourself."]}


def test_block_list(ann, bob):
    blocks(ann, bob)
    blocks(ann, make_reader("cat"))
    body = client_for(ann).get("/api/v1/blocks/").json()
    assert [row["username"] for row in body["results"]] == ["cat", "bob"]
    assert set(body["results"][0]) == {"username", "display_name", "avatar", "created_at"}


@pytest.mark.parametrize("size", [5, 50])
def test_block_list_queries(ann, size, django_assert_max_num_queries):
    for i in range(size):
        blocks(ann, make_reader(f"r{i}"))
    client = client_for(ann)
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/blocks/", {"page_size": 50})
    assert len(response.json()["results"]) == size

"""Threaded comments on reviews: a flat list in thread order with parents and depths, replies,
editing, deleting (a comment with replies keeps its place), and who may do what."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from mybookconnect.books import reviews as services
from mybookconnect.books.models import Book, Comment, Review

from .conftest import create_account

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def review(reader) -> Review:
    return services.create_review(reader, Book.objects.create(title="La Regenta"), {"body": "Vetusta."})


@pytest.fixture
def other(db):
    return create_account("other_reader")


def comments_url(review) -> str:
    return f"/api/v1/reviews/{review.pk}/comments/"


def comments_count(review) -> int:
    return Review.objects.values_list("comments_count", flat=True).get(pk=review.pk)


def test_comment_and_reply_through_the_api(review, other, reader):
    response = client_for(other).post(comments_url(review), {"body": "What about Ana Ozores?"})
    assert response.status_code == 201, response.json()
    first = response.json()
    assert first["user"] == {"id": other.pk, "username": other.get_username()}
    assert (first["review"], first["parent"], first["depth"], first["deleted"]) == (review.pk, None, 0, False)
    response = client_for(reader).post(
        comments_url(review), {"body": "She is the heart of it.", "parent": first["id"]}
    )
    assert response.status_code == 201
    assert (response.json()["parent"], response.json()["depth"]) == (first["id"], 1)
    assert comments_count(review) == 2


def test_list_is_in_thread_order_with_depths(review, reader, other, api_client):
    a = services.add_comment(other, review, "a")
    b = services.add_comment(reader, review, "b")
    a1 = services.add_comment(reader, review, "a1", a)
    a1x = services.add_comment(other, review, "a1x", a1)
    a2 = services.add_comment(other, review, "a2", a)
    b1 = services.add_comment(other, review, "b1", b)

    response = api_client.get(comments_url(review))
    assert response.status_code == 200
    rows = [(item["body"], item["depth"], item["parent"]) for item in response.json()["results"]]
    assert rows == [
        ("a", 0, None),
        ("a1", 1, a.pk),
        ("a1x", 2, a1.pk),
        ("a2", 1, a.pk),
        ("b", 0, None),
        ("b1", 1, b.pk),
    ]
    assert response.json()["count"] == 6
    page = api_client.get(comments_url(review), {"page_size": 2, "page": 2}).json()
    assert [(item["id"], item["depth"]) for item in page["results"]] == [(a1x.pk, 2), (a2.pk, 1)]
    assert b1.pk  # the last one is on page 3


@pytest.mark.parametrize("rows", [5, 50])
def test_comment_pages_cost_the_same_queries_for_5_or_50_rows(
    review, reader, rows, django_assert_max_num_queries
):
    parent = None
    for i in range(rows):
        parent = services.add_comment(reader, review, f"c{i}", parent if i % 3 else None)
    # The review, the thread's order, the page with its authors.
    with django_assert_max_num_queries(3):
        response = APIClient().get(comments_url(review), {"page_size": 50})
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "body"),
        ({"body": ""}, "body"),
        ({"body": "   "}, "body"),
        ({"body": None}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"body": ["x"]}, "body"),
        ({"body": "x", "parent": "first"}, "parent"),
        ({"body": "x", "parent": 0}, "parent"),
        ({"body": "x", "parent": 999999}, "parent"),
    ],
)
def test_bad_comments_are_400_per_field(review, other, payload, field):
    response = client_for(other).post(comments_url(review), payload)
    assert response.status_code == 400
    assert field in response.json()
    assert not Comment.objects.exists()
    assert comments_count(review) == 0


def test_a_reply_must_answer_a_comment_of_the_same_review(review, reader, other):
    elsewhere = services.create_review(other, Book.objects.create(title="Elsewhere"), {"body": "x"})
    foreign = services.add_comment(reader, elsewhere, "over there")
    response = client_for(other).post(comments_url(review), {"body": "x", "parent": foreign.pk})
    assert response.status_code == 400
    assert "parent" in response.json()
    assert comments_count(review) == 0


def test_no_replies_to_a_deleted_comment(review, reader, other):
    first = services.add_comment(other, review, "first")
    services.add_comment(reader, review, "reply", first)
    services.delete_comment(first)
    response = client_for(reader).post(comments_url(review), {"body": "x", "parent": first.pk})
    assert response.status_code == 400
    assert "parent" in response.json()


def test_author_edits_a_comment(review, other, reader):
    comment = services.add_comment(other, review, "tpyo")
    response = client_for(other).patch(f"/api/v1/comments/{comment.pk}/", {"body": "typo"})
    assert response.status_code == 200
    assert response.json()["body"] == "typo"
    assert client_for(other).patch(f"/api/v1/comments/{comment.pk}/", {"body": ""}).status_code == 400
    assert client_for(reader).patch(f"/api/v1/comments/{comment.pk}/", {"body": "mine"}).status_code == 403
    assert APIClient().patch(f"/api/v1/comments/{comment.pk}/", {"body": "x"}).status_code in (401, 403)
    comment.refresh_from_db()
    assert comment.body == "typo"


def test_a_reply_edited_keeps_its_depth(review, other, reader):
    first = services.add_comment(other, review, "first")
    reply = services.add_comment(reader, review, "reply", first)
    response = client_for(reader).patch(f"/api/v1/comments/{reply.pk}/", {"body": "edited"})
    assert (response.json()["depth"], response.json()["parent"]) == (1, first.pk)


def test_deleting_a_comment_without_replies_removes_it(review, other):
    comment = services.add_comment(other, review, "gone")
    assert client_for(other).delete(f"/api/v1/comments/{comment.pk}/").status_code == 204
    assert not Comment.objects.exists()
    assert comments_count(review) == 0


def test_a_deleted_comment_with_replies_keeps_its_place(review, reader, other, api_client):
    first = services.add_comment(other, review, "first")
    reply = services.add_comment(reader, review, "reply", first)
    assert client_for(other).delete(f"/api/v1/comments/{first.pk}/").status_code == 204
    rows = api_client.get(comments_url(review)).json()["results"]
    assert [(item["id"], item["body"], item["deleted"], item["depth"]) for item in rows] == [
        (first.pk, "", True, 0),
        (reply.pk, "reply", False, 1),
    ]
    assert comments_count(review) == 1
    # Gone for editing, deleting and reporting.
    assert client_for(other).patch(f"/api/v1/comments/{first.pk}/", {"body": "back"}).status_code == 404
    assert client_for(other).delete(f"/api/v1/comments/{first.pk}/").status_code == 404
    # Once its last reply is deleted, the placeholder goes too.
    assert client_for(reader).delete(f"/api/v1/comments/{reply.pk}/").status_code == 204
    assert not Comment.objects.exists()
    assert comments_count(review) == 0


def test_deleting_a_leaf_clears_a_chain_of_placeholders(review, reader, other):
    top = services.add_comment(other, review, "top")
    middle = services.add_comment(reader, review, "middle", top)
    leaf = services.add_comment(other, review, "leaf", middle)
    sibling = services.add_comment(reader, review, "sibling", top)
    services.delete_comment(top)
    services.delete_comment(middle)
    services.delete_comment(leaf)
    assert set(Comment.objects.values_list("pk", flat=True)) == {top.pk, sibling.pk}
    services.delete_comment(sibling)
    assert not Comment.objects.exists()
    assert comments_count(review) == 0


def test_who_may_delete_a_comment(review, reader, other, staff):
    comment = services.add_comment(other, review, "x")
    # The review's author is not the comment's.
    assert client_for(reader).delete(f"/api/v1/comments/{comment.pk}/").status_code == 403
    assert APIClient().delete(f"/api/v1/comments/{comment.pk}/").status_code in (401, 403)
    assert client_for(staff).delete(f"/api/v1/comments/{comment.pk}/").status_code == 204


def test_comments_only_on_reviews_the_viewer_can_see(review, reader, other):
    comment = services.add_comment(other, review, "before it went private")
    Review.objects.filter(pk=review.pk).update(audience="private")
    client = client_for(other)
    assert client.get(comments_url(review)).status_code == 404
    assert client.post(comments_url(review), {"body": "x"}).status_code == 404
    assert client.patch(f"/api/v1/comments/{comment.pk}/", {"body": "y"}).status_code == 404
    assert client.delete(f"/api/v1/comments/{comment.pk}/").status_code == 404
    assert APIClient().get(comments_url(review)).status_code == 404
    assert client_for(reader).get(comments_url(review)).json()["count"] == 1
    assert client.get("/api/v1/reviews/999999/comments/").status_code == 404
    assert client.patch("/api/v1/comments/999999/", {"body": "y"}).status_code == 404


def test_anonymous_visitors_read_but_do_not_comment(review, api_client):
    assert api_client.get(comments_url(review)).status_code == 200
    assert api_client.post(comments_url(review), {"body": "x"}).status_code in (401, 403)

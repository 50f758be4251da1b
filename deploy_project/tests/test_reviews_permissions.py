"""Who may see and touch a review, its likes, comments and reports, with the site's follower-aware
policy: owner, follower, stranger, blocked reader and anonymous visitor, for each audience."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from mybookconnect.books import reviews as services
from mybookconnect.books.models import Book, Comment, Report, Review
from mybookconnect.users.models import Block, Follow

pytestmark = pytest.mark.django_db

AUDIENCES = ["public", "followers", "private"]
VIEWERS = ["owner", "follower", "stranger", "blocked", "anonymous"]
SEES = {
    "owner": {"public", "followers", "private"},
    "follower": {"public", "followers"},
    "stranger": {"public"},
    "blocked": set(),
    "anonymous": {"public"},
}


def account(name: str):
    return get_user_model().objects.create_user(name, f"{name}@example.com", "a-long-enough-password")


@pytest.fixture
def people():
    owner, follower, stranger, blocked = (account(name) for name in ("owen", "fiona", "sam", "bob"))
    Follow.objects.create(follower=follower, followee=owner)
    Block.objects.create(blocker=owner, blocked=blocked)
    return {"owner": owner, "follower": follower, "stranger": stranger, "blocked": blocked, "anonymous": None}


def client_of(people, viewer: str) -> APIClient:
    client = APIClient()
    if people[viewer] is not None:
        client.force_authenticate(people[viewer])
    return client


@pytest.fixture
def review_of(people):
    def make(audience: str) -> Review:
        book = Book.objects.create(title=f"A book for {audience}")
        review = services.create_review(people["owner"], book, {"body": "Worth it.", "audience": audience})
        services.add_comment(people["owner"], review, "Owner's note")
        return review

    return make


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_reading_a_review_its_lists_and_comments(people, review_of, viewer, audience):
    review = review_of(audience)
    client = client_of(people, viewer)
    visible = audience in SEES[viewer]

    assert client.get(f"/api/v1/reviews/{review.pk}/").status_code == (200 if visible else 404)
    in_book = [
        item["id"] for item in client.get(f"/api/v1/books/{review.book_id}/reviews/").json()["results"]
    ]
    assert in_book == ([review.pk] if visible else [])
    profile = client.get("/api/v1/users/owen/reviews/")
    if viewer == "blocked":
        # A reader who blocked you has no profile for you, reviews included.
        assert profile.status_code == 404
    else:
        assert [item["id"] for item in profile.json()["results"]] == ([review.pk] if visible else [])
    comments = client.get(f"/api/v1/reviews/{review.pk}/comments/")
    assert comments.status_code == (200 if visible else 404)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_liking_commenting_and_reporting(people, review_of, viewer, audience):
    review = review_of(audience)
    comment = Comment.objects.get(review=review)
    client = client_of(people, viewer)
    visible = audience in SEES[viewer]
    if viewer == "anonymous":
        expected = {"like": 401, "comment": 401, "report": 401, "report_comment": 401}
    elif not visible:
        expected = {"like": 404, "comment": 404, "report": 404, "report_comment": 404}
    elif viewer == "owner":
        # Nobody reports their own writing.
        expected = {"like": 200, "comment": 201, "report": 400, "report_comment": 400}
    else:
        expected = {"like": 200, "comment": 201, "report": 201, "report_comment": 201}

    assert client.post(f"/api/v1/reviews/{review.pk}/like/").status_code == expected["like"]
    assert client.delete(f"/api/v1/reviews/{review.pk}/like/").status_code == expected["like"]
    response = client.post(f"/api/v1/reviews/{review.pk}/comments/", {"body": "Hello"}, format="json")
    assert response.status_code == expected["comment"]
    response = client.post(f"/api/v1/reviews/{review.pk}/report/", {"reason": "spam"}, format="json")
    assert response.status_code == expected["report"]
    response = client.post(f"/api/v1/comments/{comment.pk}/report/", {"reason": "spam"}, format="json")
    assert response.status_code == expected["report_comment"]

    review.refresh_from_db()
    assert review.likes_count == 0
    assert review.comments_count == (2 if expected["comment"] == 201 else 1)
    assert Report.objects.count() == (2 if expected["report"] == 201 else 0)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_editing_and_deleting(people, review_of, viewer, audience):
    review = review_of(audience)
    comment = Comment.objects.get(review=review)
    client = client_of(people, viewer)
    visible = audience in SEES[viewer]
    if viewer == "anonymous":
        expected = 401
    elif not visible:
        expected = 404
    elif viewer == "owner":
        expected = 200
    else:
        expected = 403

    response = client.patch(f"/api/v1/reviews/{review.pk}/", {"title": "Changed"}, format="json")
    assert response.status_code == expected
    response = client.patch(f"/api/v1/comments/{comment.pk}/", {"body": "Changed"}, format="json")
    assert response.status_code == expected
    review.refresh_from_db()
    comment.refresh_from_db()
    assert (review.title == "Changed") == (expected == 200)
    assert (comment.body == "Changed") == (expected == 200)

    deleted = {200: 204}.get(expected, expected)
    assert client.delete(f"/api/v1/comments/{comment.pk}/").status_code == deleted
    assert client.delete(f"/api/v1/reviews/{review.pk}/").status_code == deleted
    assert Review.objects.filter(pk=review.pk).exists() == (deleted != 204)


def test_privacy_changed_later_hides_the_review(people, review_of):
    review = review_of("followers")
    client = client_of(people, "follower")
    assert client.get(f"/api/v1/reviews/{review.pk}/").status_code == 200
    client_of(people, "owner").patch(f"/api/v1/reviews/{review.pk}/", {"audience": "private"}, format="json")
    assert client.get(f"/api/v1/reviews/{review.pk}/").status_code == 404
    assert client.post(f"/api/v1/reviews/{review.pk}/like/").status_code == 404


def test_an_unfollow_or_a_block_hides_it_at_once(people, review_of):
    followers_only = review_of("followers")
    public = review_of("public")
    client = client_of(people, "follower")
    Follow.objects.filter(follower=people["follower"]).delete()
    assert client.get(f"/api/v1/reviews/{followers_only.pk}/").status_code == 404
    assert client.get(f"/api/v1/reviews/{public.pk}/").status_code == 200
    Block.objects.create(blocker=people["owner"], blocked=people["follower"])
    assert client.get(f"/api/v1/reviews/{public.pk}/").status_code == 404
    assert client.get(f"/api/v1/reviews/{public.pk}/comments/").status_code == 404


def test_cached_pages_follow_follows_and_blocks(people, review_of):
    """A book's reviews page and a reader's library are cached per viewer: following, being blocked and
    being unblocked each change what the next read shows."""
    from mybookconnect.books import library
    from mybookconnect.users import services as users_services

    review = review_of("followers")
    library.add_to_library(people["owner"], review.book, {"status": "read"})
    stranger = client_of(people, "stranger")
    reviews_url = f"/api/v1/books/{review.book_id}/reviews/"
    library_url = f"/api/v1/users/{people['owner'].get_username()}/library/"
    for _ in range(2):  # the second read comes from the cache
        assert stranger.get(reviews_url).json()["results"] == []
        assert stranger.get(library_url).json()["count"] == 1

    users_services.follow(people["stranger"], people["owner"])
    assert [row["id"] for row in stranger.get(reviews_url).json()["results"]] == [review.pk]
    assert stranger.get(library_url).json()["count"] == 1

    users_services.block(people["owner"], people["stranger"])
    assert stranger.get(reviews_url).json()["results"] == []
    assert stranger.get(library_url).status_code == 404

    users_services.unblock(people["owner"], people["stranger"])
    assert stranger.get(reviews_url).json()["results"] == []  # the block ended the follow
    assert stranger.get(library_url).json()["count"] == 1

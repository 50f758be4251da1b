"""Cached pages of a book's reviews and cached reader lookups: every write that changes what a page
shows makes the next read show it.

Each test reads a page (caching it), writes through one path, and reads again. The cache is the default
one (Redis on PostgreSQL runs, memory otherwise): see caching.book_reviews_page. Who may see whom is
core's default policy here; the users app's follows and blocks are covered in the deploy project's
tests (test_reviews_permissions.py), and here through the core signals they send.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from mybookconnect.books import caching, library, merge
from mybookconnect.books import reviews as services
from mybookconnect.books.models import Book, Review
from mybookconnect.core import signals

from .conftest import create_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def book() -> Book:
    return Book.objects.create(title="La Regenta")


@pytest.fixture
def author(db):
    return create_account("clarin")


@pytest.fixture
def viewer(db):
    return create_account("ana_ozores")


@pytest.fixture
def review(author, book) -> Review:
    return services.create_review(author, book, {"body": "Vetusta, *slowly*.", "body_format": "markdown"})


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def rename(user, name: str) -> None:
    setattr(user, user.USERNAME_FIELD, name)
    user.save()


def page(user, book: Book, **query: Any) -> dict[str, Any]:
    response = client_for(user).get(f"/api/v1/books/{book.pk}/reviews/", query)
    assert response.status_code == 200, response.content
    return response.json()


def only(data: dict[str, Any]) -> dict[str, Any]:
    assert len(data["results"]) == 1, data
    return data["results"][0]


def cached(user, book: Book, **query: Any) -> dict[str, Any]:
    """Read a page twice, the second time from the cache (no query), and check both agree."""
    first = page(user, book, **query)
    with CaptureQueriesContext(connection) as queries:
        second = page(user, book, **query)
    assert len(queries) == 0, [q["sql"] for q in queries.captured_queries]
    assert second == first
    return first


# Served from the cache, per viewer and query


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_page_is_served_from_the_cache(signed_in, viewer, review, book):
    data = cached(viewer if signed_in else None, book)
    assert only(data)["id"] == review.pk


def test_each_viewer_and_query_has_its_own_page(author, viewer, review, book):
    services.like_review(viewer, review)
    assert only(cached(viewer, book))["liked"] is True
    assert only(cached(author, book))["liked"] is False
    assert only(cached(None, book))["liked"] is False
    # The author's own page carries the source text; nobody else's does.
    assert only(cached(author, book))["body"] == "Vetusta, *slowly*."
    assert only(cached(viewer, book))["body"] is None
    assert only(cached(viewer, book, ordering="liked"))["id"] == review.pk
    assert cached(viewer, book, page_size=1)["count"] == 1


def test_no_cache_when_turned_off(viewer, review, book, django_assert_num_queries):
    with override_settings(MYBOOKCONNECT={"BOOKS_DETAIL_CACHE_SECONDS": 0}):
        assert caching.book_reviews_page(book.pk, viewer.pk, "", "x") is None
        assert caching.reader_lookup(viewer.pk, "clarin") is None
        page(viewer, book)
        with django_assert_num_queries(2):  # the book, the page (a short one is its own count)
            page(viewer, book)


def test_errors_are_not_cached(viewer, review, book):
    client = client_for(viewer)
    assert client.get(f"/api/v1/books/{book.pk}/reviews/", {"ordering": "oldest"}).status_code == 400
    assert client.get(f"/api/v1/books/{book.pk}/reviews/", {"page": 9}).status_code == 404
    assert client.get("/api/v1/books/999999/reviews/").status_code == 404
    assert client.get(f"/api/v1/books/{book.pk}/reviews/", {"page": 1}).status_code == 200


# Each write path


def test_a_new_review(viewer, author, review, book):
    cached(viewer, book)
    services.create_review(viewer, book, {"body": "Mine."})
    assert page(viewer, book)["count"] == 2


def test_an_edited_review(viewer, review, book):
    cached(viewer, book)
    services.update_review(review, {"body": "Vetusta, **fast**.", "spoiler": True})
    row = only(page(viewer, book))
    assert row["body_html"] == "<p>Vetusta, <strong>fast</strong>.</p>"
    assert row["spoiler"] is True


def test_an_audience_change_hides_it(viewer, review, book):
    cached(viewer, book)
    cached(None, book)
    services.update_review(review, {"audience": "private"})
    assert page(viewer, book)["results"] == []
    assert page(None, book)["results"] == []


def test_a_deleted_review(viewer, review, book):
    cached(viewer, book)
    services.delete_review(review)
    assert page(viewer, book)["results"] == []


def test_a_review_deleted_through_the_orm(viewer, review, book):
    cached(viewer, book)
    Review.objects.get(pk=review.pk).delete()  # the admin's way: model signals only
    assert page(viewer, book)["results"] == []


def test_likes_and_unlikes(viewer, author, review, book):
    cached(viewer, book)
    cached(author, book)
    assert services.like_review(viewer, review)
    mine = only(page(viewer, book))
    assert (mine["liked"], mine["likes_count"]) == (True, 1)
    assert only(page(author, book))["likes_count"] == 1
    assert services.unlike_review(viewer, review)
    mine = only(page(viewer, book))
    assert (mine["liked"], mine["likes_count"]) == (False, 0)


def test_comments_count(viewer, review, book):
    cached(viewer, book)
    comment = services.add_comment(viewer, review, "Don Fermín!")
    assert only(page(viewer, book))["comments_count"] == 1
    services.delete_comment(comment)
    assert only(page(viewer, book))["comments_count"] == 0


def test_the_authors_rating(viewer, author, review, book):
    cached(viewer, book)
    library.rate_book(author, book, 18)  # 4.5 stars
    assert only(page(viewer, book))["rating"] == 4.5


def test_the_authors_new_name(viewer, author, review, book):
    cached(viewer, book)
    rename(author, "leopoldo_alas")
    assert only(page(viewer, book))["user"]["username"] == "leopoldo_alas"


def test_the_books_new_title(viewer, review, book):
    cached(viewer, book)
    book.title = "La Regenta (1884)"
    book.save()
    assert only(page(viewer, book))["book"]["title"] == "La Regenta (1884)"


def test_a_merged_book_redirects(viewer, review, book, staff):
    survivor = Book.objects.create(title="La Regenta")
    cached(viewer, book)
    merge.merge_books(book, survivor, staff)
    response = client_for(viewer).get(f"/api/v1/books/{book.pk}/reviews/")
    assert response.status_code == 301
    assert only(page(viewer, survivor))["id"] == review.pk


@pytest.mark.parametrize(
    ("signal", "arguments"),
    [
        (signals.reader_followed, ("follower", "followee")),
        (signals.reader_unfollowed, ("follower", "followee")),
        (signals.block_changed, ("blocked", "blocker")),
    ],
)
def test_who_the_viewer_may_see_changes(signal, arguments, viewer, author, review, book):
    """A follow, an unfollow or a block (sent by the visibility policy's app) gives both readers new
    keys; the users app's policy is tested end to end in the deploy project."""

    def tokens(user_id):
        return caching.book_reviews_page(book.pk, user_id, "", "v").tokens

    before = {user.pk: tokens(user.pk) for user in (viewer, author)}
    anonymous = tokens(None)
    signal.send(sender=None, **{arguments[0]: viewer, arguments[1]: author})
    for user in (viewer, author):
        assert tokens(user.pk) != before[user.pk]
    assert tokens(None) == anonymous


# Reader lookups (users/{username}/library/)


def test_a_reader_lookup_is_cached(viewer, author, django_assert_max_num_queries):
    library.add_to_library(author, Book.objects.create(title="Su único hijo"), {"status": "read"})
    url = f"/api/v1/users/{author.get_username()}/library/"
    client = client_for(viewer)
    first = client.get(url).json()
    with django_assert_max_num_queries(0):
        assert client.get(url).json() == first


def test_a_renamed_reader_is_looked_up_again(viewer, author):
    url = "/api/v1/users/clarin/library/"
    client = client_for(viewer)
    assert client.get(url).status_code == 200
    rename(author, "leopoldo_alas")
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/users/leopoldo_alas/library/").status_code == 200


def test_a_deactivated_or_deleted_reader_is_looked_up_again(viewer, author):
    url = "/api/v1/users/clarin/library/"
    client = client_for(viewer)
    assert client.get(url).status_code == 200
    author.is_active = False
    author.save()
    assert client.get(url).status_code == 404
    author.is_active = True
    author.save()
    assert client.get(url).status_code == 200
    author.delete()
    assert client.get(url).status_code == 404


def test_a_reader_not_found_is_not_remembered(viewer):
    client = client_for(viewer)
    assert client.get("/api/v1/users/nobody_yet/library/").status_code == 404
    create_account("nobody_yet")
    assert client.get("/api/v1/users/nobody_yet/library/").status_code == 200

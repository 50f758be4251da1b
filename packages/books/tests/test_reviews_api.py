"""Reviews through the API: writing one per book, reading a book's and a reader's, editing, deleting,
and what each viewer may see (core's default policy here: "followers" is as good as private)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from mybookconnect.books import reviews as services
from mybookconnect.books.api.reviews_serializers import ReviewSerializer
from mybookconnect.books.models import Activity, ActivityVerb, Book, LibraryEntry, MergeRedirect, Review
from mybookconnect.core.export import collect_user_data

from .conftest import create_account

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def write_review(user, book, **data) -> Review:
    return services.create_review(user, book, {"body": "A fine book.", **data})


@pytest.fixture
def book():
    return Book.objects.create(title="Fortunata y Jacinta")


@pytest.fixture
def other(db):
    return create_account("other_reader")


def reviews_url(book) -> str:
    return f"/api/v1/books/{book.pk}/reviews/"


# Writing


def test_reader_reviews_a_book_with_a_rating(reader, reader_client, book):
    response = reader_client.post(
        reviews_url(book),
        {
            "title": "Madrid, 1870",
            "body": "Galdós at his *best*.\n\n- Fortunata\n- Jacinta",
            "body_format": "markdown",
            "spoiler": True,
            "content_warnings": ["  infidelity ", "Infidelity", "death"],
            "rating": 4.5,
        },
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    review = Review.objects.get()
    assert data["id"] == review.pk
    assert data["user"] == {"id": reader.pk, "username": reader.get_username()}
    assert data["book"]["id"] == book.pk and data["book"]["title"] == book.title
    assert data["book"]["cover_url"].endswith(f"/books/{book.pk}/cover.svg")
    assert data["rating"] == 4.5
    assert data["title"] == "Madrid, 1870"
    assert data["body"] == "Galdós at his *best*.\n\n- Fortunata\n- Jacinta"
    assert (
        data["body_html"]
        == "<p>Galdós at his <em>best</em>.</p>\n<ul>\n<li>Fortunata</li>\n<li>Jacinta</li>\n</ul>"
    )
    assert data["body_format"] == "markdown"
    assert data["spoiler"] is True
    assert data["content_warnings"] == ["infidelity", "death"]
    assert data["audience"] == "public"
    assert (data["likes_count"], data["comments_count"], data["liked"]) == (0, 0, False)
    assert data["created_at"] and data["updated_at"]

    entry = LibraryEntry.objects.get(user=reader, book=book)
    assert entry.rating_quarters == 18
    book.refresh_from_db()
    assert book.reviews_count == 1
    activity = Activity.objects.get(verb=ActivityVerb.REVIEWED)
    assert (activity.actor, activity.book, activity.review, activity.audience) == (
        reader,
        book,
        review,
        "public",
    )
    assert activity.data == {"rating": 4.5}


def test_plain_text_review_without_rating_keeps_the_library_untouched(reader, reader_client, book):
    response = reader_client.post(reviews_url(book), {"body": "Line one\nline <two>"})
    assert response.status_code == 201
    assert response.json()["body_html"] == "<p>Line one<br>\nline &lt;two&gt;</p>"
    assert response.json()["rating"] is None
    assert not LibraryEntry.objects.exists()
    assert Activity.objects.get(verb=ActivityVerb.REVIEWED).data == {}


def test_review_shows_the_library_rating_set_before(reader, reader_client, book):
    LibraryEntry.objects.create(user=reader, book=book, rating_quarters=13, audience="public")
    response = reader_client.post(reviews_url(book), {"title": "Only a title"})
    assert response.status_code == 201
    assert response.json()["rating"] == 3.25


def test_second_review_of_a_book_is_409_with_the_first_ones_id(reader, reader_client, book):
    first = write_review(reader, book)
    response = reader_client.post(reviews_url(book), {"body": "Again"})
    assert response.status_code == 409
    assert response.json()["code"] == "review_exists"
    assert response.json()["review"] == first.pk
    assert Review.objects.count() == 1
    book.refresh_from_db()
    assert book.reviews_count == 1


def test_audience_given_or_from_the_readers_default(reader_client, book, other, make_books):
    response = reader_client.post(reviews_url(book), {"body": "x", "audience": "private"})
    assert response.json()["audience"] == "private"
    second = make_books(1)[0]
    response = reader_client.post(reviews_url(second), {"body": "x", "audience": None})
    assert response.json()["audience"] == "public"


def test_anonymous_visitors_cannot_review(api_client, book):
    response = api_client.post(reviews_url(book), {"body": "x"})
    assert response.status_code in (401, 403)
    assert not Review.objects.exists()


def test_reviewing_a_missing_book_is_404(reader_client):
    assert reader_client.post("/api/v1/books/999999/reviews/", {"body": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "t" * 201}, "title"),
        ({"title": ["a list"]}, "title"),
        ({"body": "b" * 20_001}, "body"),
        ({"body": {"an": "object"}}, "body"),
        ({"body": "", "title": ""}, "body"),
        ({"body": "   \n ", "title": "  "}, "body"),
        ({"body_format": "html"}, "body_format"),
        ({"body_format": None}, "body_format"),
        ({"spoiler": "maybe"}, "spoiler"),
        ({"spoiler": None}, "spoiler"),
        ({"content_warnings": "violence"}, "content_warnings"),
        ({"content_warnings": [f"w{i}" for i in range(11)]}, "content_warnings"),
        ({"content_warnings": ["w" * 51]}, "content_warnings"),
        ({"content_warnings": ["  "]}, "content_warnings"),
        ({"content_warnings": [None]}, "content_warnings"),
        ({"content_warnings": [["nested"]]}, "content_warnings"),
        ({"audience": "friends"}, "audience"),
        ({"audience": 3}, "audience"),
        ({"rating": 0}, "rating"),
        ({"rating": 0.25}, "rating"),
        ({"rating": 4.3}, "rating"),
        ({"rating": 4.25}, "rating"),
        ({"rating": 5.5}, "rating"),
        ({"rating": -1}, "rating"),
        ({"rating": "abc"}, "rating"),
        ({"rating": "NaN"}, "rating"),
        ({"rating": "Infinity"}, "rating"),
        ({"rating": True}, "rating"),
        ({"rating": [4]}, "rating"),
        ({"rating": {"stars": 4}}, "rating"),
    ],
)
def test_bad_input_is_400_per_field_and_writes_nothing(reader_client, book, payload, field):
    response = reader_client.post(reviews_url(book), {"body": "Fine.", **payload})
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert not Review.objects.exists()
    assert not LibraryEntry.objects.exists()
    assert not Activity.objects.exists()
    book.refresh_from_db()
    assert book.reviews_count == 0


def test_a_body_that_is_not_an_object_is_400(reader_client, book):
    response = reader_client.post(reviews_url(book), ["body"])
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_ratings_in_half_stars_as_numbers_or_strings(reader, reader_client, book, make_books):
    reader_client.post(reviews_url(book), {"body": "x", "rating": "3.5"})
    assert LibraryEntry.objects.get(book=book).rating_quarters == 14
    second = make_books(1)[0]
    reader_client.post(reviews_url(second), {"body": "x", "rating": 5})
    assert LibraryEntry.objects.get(book=second).rating_quarters == 20


# Reading


def test_book_reviews_newest_or_most_liked_first(api_client, book, other, reader):
    third = create_account("third_reader")
    oldest = write_review(reader, book)
    liked = write_review(other, book)
    newest = write_review(third, book)
    services.like_review(reader, liked)
    services.like_review(third, liked)
    services.like_review(reader, oldest)

    newest_first = api_client.get(reviews_url(book)).json()
    assert [item["id"] for item in newest_first["results"]] == [newest.pk, liked.pk, oldest.pk]
    assert newest_first["count"] == 3
    most_liked = api_client.get(reviews_url(book), {"ordering": "liked"}).json()
    assert [item["id"] for item in most_liked["results"]] == [liked.pk, oldest.pk, newest.pk]
    assert [item["likes_count"] for item in most_liked["results"]] == [2, 1, 0]


def test_unknown_ordering_is_400(api_client, book):
    response = api_client.get(reviews_url(book), {"ordering": "oldest"})
    assert response.status_code == 400
    assert "ordering" in response.json()


def test_reviews_of_a_missing_book_are_404(api_client):
    assert api_client.get("/api/v1/books/999999/reviews/").status_code == 404


def test_reviews_of_a_merged_book_redirect_to_the_survivor(api_client, book):
    MergeRedirect.objects.create(kind="book", old_id=999999, new_id=book.pk)
    response = api_client.get("/api/v1/books/999999/reviews/?ordering=liked")
    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/books/{book.pk}/reviews/?ordering=liked"


@pytest.mark.parametrize(
    ("viewer", "visible"),
    [
        ("owner", {"public", "followers", "private"}),
        ("other", {"public"}),
        ("anonymous", {"public"}),
    ],
)
def test_lists_and_detail_show_only_what_the_viewer_may_see(reader, other, viewer, visible, make_books):
    books = make_books(3)
    by_audience = {
        audience: write_review(reader, books[i], audience=audience)
        for i, audience in enumerate(["public", "followers", "private"])
    }
    client = {"owner": client_for(reader), "other": client_for(other), "anonymous": APIClient()}[viewer]

    by_reader = client.get(f"/api/v1/users/{reader.get_username()}/reviews/").json()["results"]
    assert {item["audience"] for item in by_reader} == visible
    for audience, review in by_audience.items():
        listed = client.get(reviews_url(review.book)).json()["results"]
        assert [item["id"] for item in listed] == ([review.pk] if audience in visible else [])
        response = client.get(f"/api/v1/reviews/{review.pk}/")
        assert response.status_code == (200 if audience in visible else 404)


def _serializer_output(viewer, reviews, ordering=("-created_at", "-id")):
    """What ReviewSerializer (the schema) gives for these reviews, as the API renders it."""
    request = Request(APIRequestFactory().get("/"))
    request.user = viewer
    rows = services.with_display_fields(services.visible_reviews(viewer, reviews), viewer).order_by(*ordering)
    data = ReviewSerializer(rows, many=True, context={"request": request}).data
    return json.loads(JSONRenderer().render(data))


@pytest.mark.parametrize("viewer", ["author", "liker", "anonymous"])
def test_lists_give_exactly_what_the_review_serializer_gives(reader, other, viewer, make_books):
    """The lists build their rows without the serializer; the serializer stays the schema."""
    first, second = make_books(2)
    Book.objects.filter(pk=first.pk).update(cover_url="https://covers.example/1.jpg")
    third = create_account("third_reader")
    mine = write_review(
        reader,
        first,
        title="Mine",
        body="*Yes*, [this](https://example.com).",
        body_format="markdown",
        spoiler=True,
        content_warnings=["death", "war"],
        rating_quarters=18,
    )
    theirs = write_review(other, first, body="Plain\n\ntext <b>", audience="public")
    write_review(third, first, body="Hidden", audience="private")
    write_review(reader, second, body="Another", audience="followers", rating_quarters=7)
    services.like_review(other, mine)
    services.like_review(reader, theirs)
    user = {"author": reader, "liker": other, "anonymous": AnonymousUser()}[viewer]
    client = APIClient() if viewer == "anonymous" else client_for(user)

    for ordering, order_by in (("newest", ("-created_at", "-id")), ("liked", ("-likes_count", "-id"))):
        listed = client.get(reviews_url(first), {"ordering": ordering}).json()["results"]
        assert listed == _serializer_output(user, Review.objects.filter(book=first), order_by)
    by_reader = client.get(f"/api/v1/users/{reader.get_username()}/reviews/").json()["results"]
    assert by_reader == _serializer_output(user, Review.objects.filter(user=reader))
    assert by_reader  # the comparison compared something
    detail = client.get(f"/api/v1/reviews/{mine.pk}/").json()
    assert detail == next(item for item in by_reader if item["id"] == mine.pk)


def test_only_the_author_gets_the_source_text(reader, other, book, api_client):
    review = write_review(reader, book, body="**raw**", body_format="markdown")
    url = f"/api/v1/reviews/{review.pk}/"
    assert client_for(reader).get(url).json()["body"] == "**raw**"
    assert client_for(other).get(url).json()["body"] is None
    assert api_client.get(url).json()["body"] is None
    assert api_client.get(url).json()["body_html"] == "<p><strong>raw</strong></p>"


def test_a_readers_reviews_by_username_ignoring_case(api_client, reader, book):
    review = write_review(reader, book)
    response = api_client.get(f"/api/v1/users/{reader.get_username().upper()}/reviews/")
    assert [item["id"] for item in response.json()["results"]] == [review.pk]


def test_reviews_of_an_unknown_or_inactive_reader_are_404(api_client, reader):
    assert api_client.get("/api/v1/users/nobody_here/reviews/").status_code == 404
    get_user_model()._default_manager.filter(pk=reader.pk).update(is_active=False)
    assert api_client.get(f"/api/v1/users/{reader.get_username()}/reviews/").status_code == 404


def test_missing_review_is_404(api_client):
    assert api_client.get("/api/v1/reviews/999999/").status_code == 404


# Editing and deleting


def test_author_edits_text_format_and_rating(reader, reader_client, book):
    review = write_review(reader, book, rating_quarters=12)
    response = reader_client.patch(
        f"/api/v1/reviews/{review.pk}/", {"body": "Now *Markdown*", "body_format": "markdown", "rating": 2}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["body_html"] == "<p>Now <em>Markdown</em></p>"
    assert response.json()["rating"] == 2
    assert LibraryEntry.objects.get(user=reader, book=book).rating_quarters == 8


def test_changing_the_audience_changes_the_activitys(reader, reader_client, book):
    review = write_review(reader, book)
    response = reader_client.patch(f"/api/v1/reviews/{review.pk}/", {"audience": "private"})
    assert response.json()["audience"] == "private"
    assert Activity.objects.get(review=review).audience == "private"
    response = reader_client.patch(f"/api/v1/reviews/{review.pk}/", {"audience": None})
    assert response.json()["audience"] == "public"
    assert Activity.objects.get(review=review).audience == "public"


def test_removing_the_rating_through_the_review(reader, reader_client, book):
    review = write_review(reader, book, rating_quarters=16)
    response = reader_client.patch(f"/api/v1/reviews/{review.pk}/", {"rating": None})
    assert response.json()["rating"] is None
    assert LibraryEntry.objects.get(user=reader, book=book).rating_quarters is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "", "title": ""}, "body"),
        ({"body_format": "rst"}, "body_format"),
        ({"audience": "everyone"}, "audience"),
        ({"rating": 7}, "rating"),
        ({"content_warnings": ["x"] * 11}, "content_warnings"),
        ({"spoiler": "yes please"}, "spoiler"),
    ],
)
def test_bad_edits_are_400_and_change_nothing(reader, reader_client, book, payload, field):
    review = write_review(reader, book, title="", body="Kept.")
    response = reader_client.patch(f"/api/v1/reviews/{review.pk}/", payload)
    assert response.status_code == 400
    assert field in response.json()
    review.refresh_from_db()
    assert (review.body, review.body_format, review.audience) == ("Kept.", "plain", "public")


def test_clearing_the_body_is_fine_while_a_title_remains(reader, reader_client, book):
    review = write_review(reader, book, title="Title")
    response = reader_client.patch(f"/api/v1/reviews/{review.pk}/", {"body": ""})
    assert response.status_code == 200
    assert response.json()["body_html"] == ""


def test_other_readers_cannot_edit_or_delete(reader, other, book):
    public = write_review(reader, book)
    client = client_for(other)
    assert client.patch(f"/api/v1/reviews/{public.pk}/", {"body": "mine"}).status_code == 403
    assert client.delete(f"/api/v1/reviews/{public.pk}/").status_code == 403
    Review.objects.filter(pk=public.pk).update(audience="private")
    assert client.patch(f"/api/v1/reviews/{public.pk}/", {"body": "mine"}).status_code == 404
    assert client.delete(f"/api/v1/reviews/{public.pk}/").status_code == 404
    anonymous = APIClient()
    assert anonymous.patch(f"/api/v1/reviews/{public.pk}/", {"body": "x"}).status_code in (401, 403)
    assert anonymous.delete(f"/api/v1/reviews/{public.pk}/").status_code in (401, 403)
    public.refresh_from_db()
    assert public.body == "A fine book."


def test_author_deletes_the_review_with_its_activity_and_count(reader, reader_client, book, other):
    review = write_review(reader, book)
    services.like_review(other, review)
    services.add_comment(other, review, "Agreed")
    response = reader_client.delete(f"/api/v1/reviews/{review.pk}/")
    assert response.status_code == 204
    assert not Review.objects.exists()
    assert not Activity.objects.filter(verb=ActivityVerb.REVIEWED).exists()
    book.refresh_from_db()
    assert book.reviews_count == 0
    # The rating stays in the library: it was never the review's.
    assert reader_client.get(f"/api/v1/reviews/{review.pk}/").status_code == 404


def test_staff_may_delete_a_review_they_can_see(reader, staff_client, book):
    review = write_review(reader, book)
    assert staff_client.delete(f"/api/v1/reviews/{review.pk}/").status_code == 204
    private = write_review(reader, Book.objects.create(title="Other"), audience="private")
    assert staff_client.delete(f"/api/v1/reviews/{private.pk}/").status_code == 404


# Likes


def test_likes_are_idempotent_and_counted(reader, other, book):
    review = write_review(reader, book)
    client = client_for(other)
    url = f"/api/v1/reviews/{review.pk}/like/"
    assert client.post(url).json() == {"liked": True, "likes_count": 1}
    assert client.post(url).json() == {"liked": True, "likes_count": 1}
    assert client.get(f"/api/v1/reviews/{review.pk}/").json()["liked"] is True
    assert client_for(reader).get(f"/api/v1/reviews/{review.pk}/").json()["liked"] is False
    assert client.delete(url).json() == {"liked": False, "likes_count": 0}
    assert client.delete(url).json() == {"liked": False, "likes_count": 0}
    review.refresh_from_db()
    assert review.likes_count == 0


def test_likes_need_an_account_and_a_visible_review(reader, other, book, api_client):
    review = write_review(reader, book, audience="private")
    assert client_for(other).post(f"/api/v1/reviews/{review.pk}/like/").status_code == 404
    assert api_client.post(f"/api/v1/reviews/{review.pk}/like/").status_code in (401, 403)
    assert client_for(other).post("/api/v1/reviews/999999/like/").status_code == 404
    review.refresh_from_db()
    assert review.likes_count == 0


def test_liked_shows_in_lists(reader, other, book):
    first = write_review(reader, book)
    second = write_review(other, book)
    services.like_review(other, first)
    results = client_for(other).get(reviews_url(book)).json()["results"]
    assert {item["id"]: item["liked"] for item in results} == {first.pk: True, second.pk: False}


# Query counts


def _seed_reviews(book, count: int, viewer) -> None:
    for i in range(count):
        author = create_account(f"author_{i}")
        LibraryEntry.objects.create(user=author, book=book, rating_quarters=1 + i % 20, audience="public")
        review = Review.objects.create(
            user=author, book=book, body=f"Review {i}", body_html=f"<p>Review {i}</p>", audience="public"
        )
        if i % 2:
            services.like_review(viewer, review)


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("signed_in", [False, True])
def test_review_pages_cost_the_same_queries_for_5_or_50_rows(
    book, reader, django_assert_max_num_queries, rows, signed_in
):
    _seed_reviews(book, rows, reader)
    client = client_for(reader) if signed_in else APIClient()
    # The book, the page (author, rating and liked joined or in subqueries), the count (only for a
    # full page).
    with django_assert_max_num_queries(3):
        response = client.get(reviews_url(book), {"page_size": 50})
    results = response.json()["results"]
    assert len(results) == rows
    assert all(item["rating"] is not None for item in results)
    assert sum(item["liked"] for item in results) == (rows // 2 if signed_in else 0)
    author = results[0]["user"]["username"]
    # The reader, the page, the count (only for a full page).
    with django_assert_max_num_queries(3):
        assert client.get(f"/api/v1/users/{author}/reviews/").status_code == 200


def test_a_page_shorter_than_the_page_size_is_counted_without_a_count_query(
    book, reader, django_assert_num_queries
):
    _seed_reviews(book, 5, reader)
    with django_assert_num_queries(2):  # the book, the page
        first = APIClient().get(reviews_url(book), {"page_size": 10}).json()
    assert (first["count"], len(first["results"]), first["next"]) == (5, 5, None)
    with django_assert_num_queries(3):  # a full page: the book, the page, the count
        full = APIClient().get(reviews_url(book), {"page_size": 5}).json()
    assert (full["count"], len(full["results"]), full["next"]) == (5, 5, None)
    with django_assert_num_queries(2):
        last = APIClient().get(reviews_url(book), {"page_size": 2, "page": 3}).json()
    assert (last["count"], len(last["results"]), last["next"]) == (5, 1, None)
    assert last["previous"].endswith("page=2&page_size=2")
    middle = APIClient().get(reviews_url(book), {"page_size": 2, "page": 2}).json()
    assert (middle["count"], len(middle["results"])) == (5, 2)
    assert middle["next"].endswith("page=3&page_size=2")
    assert (
        APIClient().get(reviews_url(book), {"page_size": 2, "page": "last"}).json()["results"]
        == (last["results"])
    )
    for page in (4, 0, "x"):
        assert APIClient().get(reviews_url(book), {"page_size": 2, "page": page}).status_code == 404
    mine = write_review(reader, book, body="Mine, in full.")
    with django_assert_num_queries(3):  # the book, the page, the source text of the viewer's own review
        own = client_for(reader).get(reviews_url(book), {"page_size": 10}).json()
    assert [item["body"] for item in own["results"]][:2] == ["Mine, in full.", None]
    assert own["results"][0]["id"] == mine.pk
    empty = APIClient().get(reviews_url(Book.objects.create(title="Unread"))).json()
    assert (empty["count"], empty["results"], empty["next"]) == (0, [], None)


# Export


def test_export_holds_the_readers_reviews_comments_likes_and_reports(reader, other, book):
    mine = write_review(reader, book, title="Mine")
    theirs = write_review(other, Book.objects.create(title="Theirs"))
    services.add_comment(reader, theirs, "A comment")
    services.like_review(reader, theirs)
    services.report(reader, review=theirs, reason="spam")
    services.like_review(other, mine)

    data = collect_user_data(reader)["reviews"]
    assert [item["id"] for item in data["reviews"]] == [mine.pk]
    assert data["reviews"][0]["book"] == {"id": book.pk, "title": book.title}
    assert data["reviews"][0]["body"] == "A fine book."
    assert [item["body"] for item in data["comments"]] == ["A comment"]
    assert [item["review"] for item in data["likes"]] == [theirs.pk]
    assert [(item["review"], item["reason"]) for item in data["reports"]] == [(theirs.pk, "spam")]

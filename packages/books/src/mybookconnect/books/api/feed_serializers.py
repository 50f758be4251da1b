"""Serializers of the feed API: an activity with everything the SPA draws it with.

The view loads what these read (:func:`mybookconnect.books.feed.visible_activities` and
:func:`~mybookconnect.books.feed.complete_page`), so serializing a page costs no query.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mybookconnect.books import feed
from mybookconnect.books.api.serializers import BOOK_COVER_HELP, _book_cover
from mybookconnect.books.covers import placeholder_cover_url
from mybookconnect.books.models import Activity, AuthorRole, Book, ReadingStatus


class FeedUserSerializer(serializers.Serializer):
    """A reader as the feed names them."""

    id = serializers.IntegerField(source="pk", read_only=True)
    username = serializers.CharField(source="get_username", read_only=True)


class FeedBookSerializer(serializers.Serializer):
    """A book as a feed item shows it: enough to draw its cover and link it."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    authors = serializers.ListField(
        child=serializers.CharField(),
        source="feed_authors",
        default=list,
        read_only=True,
        help_text=_("The authors' names, in the cover's order."),
    )
    cover_url = serializers.SerializerMethodField(help_text=BOOK_COVER_HELP)

    def get_cover_url(self, book: Book) -> str:
        return _book_cover(self.context.get("request"), book)


class FeedReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    excerpt = serializers.CharField(
        source="feed_excerpt",
        default="",
        read_only=True,
        help_text=_("The first 280 characters of the review's text, ending with “…” when cut."),
    )
    spoiler = serializers.BooleanField(read_only=True)


class FeedShelfSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class FeedProgressSerializer(serializers.Serializer):
    page = serializers.IntegerField(allow_null=True, read_only=True)
    percent = serializers.FloatField(allow_null=True, read_only=True)
    minutes = serializers.IntegerField(allow_null=True, read_only=True)


class ActivitySerializer(serializers.ModelSerializer[Activity]):
    """One item of the feed, or of a reader's activity."""

    actor = FeedUserSerializer(read_only=True)
    book = FeedBookSerializer(read_only=True, allow_null=True, help_text=_("The book it is about, if one."))
    rating = serializers.SerializerMethodField(
        help_text=_(
            "Stars (0.25 to 5): the rating given, or the reader's rating of the book when they reviewed"
            " or finished it."
        )
    )
    review = FeedReviewSerializer(read_only=True, allow_null=True)
    progress = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    shelf = FeedShelfSerializer(read_only=True, allow_null=True)
    target_user = FeedUserSerializer(read_only=True, allow_null=True, help_text=_("The reader followed."))
    books = serializers.SerializerMethodField(
        help_text=_("Up to four of the books of a grouped activity (shelving many books at once).")
    )
    books_count = serializers.IntegerField(
        read_only=True, help_text=_("How many books the grouped activity has (0 for the others).")
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "verb",
            "actor",
            "created_at",
            "book",
            "rating",
            "review",
            "progress",
            "status",
            "shelf",
            "target_user",
            "books",
            "books_count",
        ]
        read_only_fields = fields

    def get_rating(self, activity: Activity) -> float | None:
        return feed.rating_of(activity)

    @extend_schema_field(FeedProgressSerializer(allow_null=True))
    def get_progress(self, activity: Activity) -> dict[str, Any] | None:
        progress = feed.progress_of(activity)
        return None if progress is None else FeedProgressSerializer(progress).data

    @extend_schema_field(serializers.ChoiceField(choices=ReadingStatus.choices, allow_null=True))
    def get_status(self, activity: Activity) -> str | None:
        return feed.status_of(activity)

    @extend_schema_field(FeedBookSerializer(many=True))
    def get_books(self, activity: Activity) -> list[dict[str, Any]]:
        return FeedBookSerializer(feed.books_of(activity), many=True, context=self.context).data


# What ActivitySerializer renders, built directly from the rows of feed.ActivityPage (PostgreSQL): the
# same JSON (the tests compare the two), at a fraction of the cost. The schema is the serializer's.
_CREATED_AT = serializers.DateTimeField()


def _credit_names(credits: list[list[str]] | None) -> list[str]:
    """Authors proper, in the cover's order; a book without any names its other credits."""
    credits = credits or []
    return [name for role, name in credits if role == AuthorRole.AUTHOR] or [name for _, name in credits]


# A book id no catalog reaches, to find where ids go in the placeholder cover's address.
_SOME_BOOK_ID = 987654321987


class _Covers:
    """``_book_cover`` of books given by their columns, for one request: the placeholder's address is
    resolved once, and the id put in its place for each book."""

    def __init__(self, request: Any) -> None:
        self.request = request
        placeholder = placeholder_cover_url(Book(id=_SOME_BOOK_ID), request)
        self.placeholder = placeholder.split(str(_SOME_BOOK_ID))
        if len(self.placeholder) != 2:  # the id is not in it once: resolve it for each book
            self.placeholder = []

    def __call__(self, book_id: int, cover: str, cover_url: str) -> str:
        if cover or not self.placeholder:
            return _book_cover(self.request, Book(id=book_id, cover=cover, cover_url=cover_url))
        if cover_url:
            return cover_url
        return f"{self.placeholder[0]}{book_id}{self.placeholder[1]}"


def _book(covers: _Covers, book: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": book["id"],
        "title": book["title"],
        "authors": _credit_names(book["credits"]),
        "cover_url": covers(book["id"], book["cover"], book["cover_url"]),
    }


def _user(user_id: Any, username: Any) -> dict[str, Any]:
    return {"id": user_id, "username": str(username)}


def render_rows(rows: list[dict[str, Any]], request: Any) -> list[dict[str, Any]]:
    """The items of a page of :class:`mybookconnect.books.feed.ActivityPage` rows."""
    items = []
    covers = _Covers(request)
    for row in rows:
        verb, data = row["verb"], row["data"]
        book, review, progress = row["book"], row["review"], feed.progress(verb, data)
        if progress is not None:
            progress = {
                "page": None if progress["page"] is None else int(progress["page"]),
                "percent": None if progress["percent"] is None else float(progress["percent"]),
                "minutes": None if progress["minutes"] is None else int(progress["minutes"]),
            }
        items.append(
            {
                "id": row["id"],
                "verb": verb,
                "actor": _user(row["actor_id"], row["actor_name"]),
                "created_at": _CREATED_AT.to_representation(row["created_at"]),
                "book": None if book is None else _book(covers, book),
                "rating": feed.stars(verb, row["rating_quarters"]),
                "review": None
                if review is None
                else {
                    "id": row["review_id"],
                    "title": review["title"],
                    "excerpt": feed.review_excerpt(review["html"]),
                    "spoiler": review["spoiler"],
                },
                "progress": progress,
                "status": feed.status(verb, data, row["group_key"]),
                "shelf": None
                if row["shelf_id"] is None
                else {"id": row["shelf_id"], "name": row["shelf_name"]},
                "target_user": None
                if row["target_user_id"] is None
                else _user(row["target_user_id"], row["target_name"]),
                "books": [_book(covers, shown) for shown in row["books"] or ()],
                "books_count": row["books_count"],
            }
        )
    return items

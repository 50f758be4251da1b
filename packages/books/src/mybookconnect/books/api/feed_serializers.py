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
from mybookconnect.books.models import Activity, Book, ReadingStatus


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
            "Stars (0.25 to 5): the rating given, or the reader's rating of a reviewed or finished book."
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

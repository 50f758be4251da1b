"""Serializers of the reviews API: reviews, likes, comments and reports."""

from __future__ import annotations

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from mybookconnect.books.api.library_serializers import StarsField
from mybookconnect.books.api.serializers import BOOK_COVER_HELP, _book_cover
from mybookconnect.books.library import stars
from mybookconnect.books.models import Book, Comment, Report, ReportReason, Review, ReviewFormat
from mybookconnect.books.models.reviews import (
    COMMENT_BODY_MAX_LENGTH,
    CONTENT_WARNING_MAX_LENGTH,
    CONTENT_WARNINGS_MAX_COUNT,
    REVIEW_BODY_MAX_LENGTH,
    REVIEW_TITLE_MAX_LENGTH,
)
from mybookconnect.core.visibility import Audience

REVIEW_ORDERINGS = {"newest": ("-created_at", "-id"), "liked": ("-likes_count", "-id")}
REPORT_DETAILS_MAX_LENGTH = 2000


class ReviewUserSerializer(serializers.Serializer[Any]):
    """A review's or comment's author."""

    id = serializers.IntegerField(source="pk", read_only=True)
    username = serializers.SerializerMethodField()

    def get_username(self, user: Any) -> str:
        return user.get_username()


class ReviewBookSerializer(serializers.ModelSerializer[Book]):
    cover_url = serializers.SerializerMethodField(help_text=BOOK_COVER_HELP)

    class Meta:
        model = Book
        fields = ["id", "title", "cover_url"]
        read_only_fields = fields

    def get_cover_url(self, book: Book) -> str:
        return _book_cover(self.context.get("request"), book)


class ReviewSerializer(serializers.ModelSerializer[Review]):
    """A review as the API shows it (from :func:`mybookconnect.books.reviews.with_display_fields`)."""

    user = ReviewUserSerializer(read_only=True)
    book = ReviewBookSerializer(read_only=True)
    rating = serializers.SerializerMethodField(
        help_text=_("The author's rating of the book in their library, in stars; null when not rated.")
    )
    body = serializers.SerializerMethodField(
        help_text=_("What the author wrote, for editing: only the author gets it (null for others).")
    )
    body_html = serializers.CharField(read_only=True, help_text=_("The text as sanitised HTML, to show."))
    content_warnings = serializers.ListField(child=serializers.CharField(), read_only=True)
    liked = serializers.BooleanField(read_only=True, help_text=_("Whether the viewer likes this review."))

    class Meta:
        model = Review
        fields = [
            "id",
            "user",
            "book",
            "rating",
            "title",
            "body",
            "body_html",
            "body_format",
            "spoiler",
            "content_warnings",
            "audience",
            "likes_count",
            "comments_count",
            "liked",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_rating(self, review: Review) -> float | None:
        return stars(review.author_rating_quarters)  # type: ignore[attr-defined]

    def get_body(self, review: Review) -> str | None:
        request = self.context.get("request")
        viewer_id = getattr(getattr(request, "user", None), "pk", None)
        return review.body if viewer_id is not None and viewer_id == review.user_id else None


_DATETIME = serializers.DateTimeField()


def review_book_json(request: Any, book: Book) -> dict[str, Any]:
    """A review's ``book`` as :class:`ReviewBookSerializer` gives it."""
    return {"id": book.pk, "title": book.title, "cover_url": _book_cover(request, book)}


def review_json(row: dict[str, Any], *, request: Any, book: dict[str, Any] | None = None) -> dict[str, Any]:
    """A review as :class:`ReviewSerializer` gives it, built from a row of
    :func:`mybookconnect.books.reviews.display_rows` (with the viewer of that call): the same JSON
    for a fraction of the time. ``book``: the rows' book, when they all have the same one
    (:func:`review_book_json`); else each row's joined book columns are used."""
    if book is None:
        book = review_book_json(
            request,
            Book(
                pk=row["book_id"],
                title=row["book_title"],
                cover=row["book_cover"],
                cover_url=row["book_cover_url"],
            ),
        )
    datetime = _DATETIME.to_representation
    return {
        "id": row["id"],
        "user": {"id": row["user_id"], "username": row["username"]},
        "book": book,
        "rating": stars(row["author_rating_quarters"]),
        "title": row["title"],
        "body": row["own_body"],
        "body_html": row["body_html"],
        "body_format": row["body_format"],
        "spoiler": row["spoiler"],
        "content_warnings": [str(warning) for warning in row["content_warnings"]],
        "audience": row["audience"],
        "likes_count": row["likes_count"],
        "comments_count": row["comments_count"],
        "liked": bool(row["liked"]),
        "created_at": datetime(row["created_at"]),
        "updated_at": datetime(row["updated_at"]),
    }


class ReviewWriteSerializer(serializers.Serializer[dict[str, Any]]):
    """What a reader sets on their review. On PATCH every field is optional."""

    title = serializers.CharField(max_length=REVIEW_TITLE_MAX_LENGTH, required=False, allow_blank=True)
    body = serializers.CharField(
        max_length=REVIEW_BODY_MAX_LENGTH, required=False, allow_blank=True, trim_whitespace=False
    )
    body_format = serializers.ChoiceField(choices=ReviewFormat.choices, required=False)
    spoiler = serializers.BooleanField(required=False)
    content_warnings = serializers.ListField(
        child=serializers.CharField(max_length=CONTENT_WARNING_MAX_LENGTH),
        required=False,
        max_length=CONTENT_WARNINGS_MAX_COUNT,
        help_text=format_lazy(
            _("At most {count} short warnings (themes a reader may avoid), {length} characters each."),
            count=CONTENT_WARNINGS_MAX_COUNT,
            length=CONTENT_WARNING_MAX_LENGTH,
        ),
    )
    audience = serializers.ChoiceField(
        choices=Audience.choices,
        required=False,
        allow_null=True,
        help_text=_("Who may see it; null or absent: the reader's default."),
    )
    rating = StarsField(
        source="rating_quarters",
        required=False,
        allow_null=True,
        help_text=_("Rates the book in the reader's library too (0.5 to 5, half stars); null removes it."),
    )

    def validate_body(self, value: str) -> str:
        return value.rstrip()

    def validate_content_warnings(self, value: list[str]) -> list[str]:
        warnings: list[str] = []
        for warning in value:
            warning = " ".join(warning.split())
            if warning.casefold() not in (seen.casefold() for seen in warnings):
                warnings.append(warning)
        return warnings

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        def current(field: str) -> Any:
            return attrs[field] if field in attrs else getattr(self.instance, field, "")

        if not (current("title") or "").strip() and not (current("body") or "").strip():
            raise serializers.ValidationError({"body": [_("Write a text or at least a title.")]})
        return attrs


class ReviewListQuerySerializer(serializers.Serializer[dict[str, Any]]):
    ordering = serializers.ChoiceField(
        choices=list(REVIEW_ORDERINGS),
        default="newest",
        help_text=_("newest (default) or liked (most liked first)."),
        error_messages={
            "invalid_choice": format_lazy(
                "{} {}",
                _('"{input}" is not a valid ordering.'),
                format_lazy(_("Use one of: {choices}."), choices=", ".join(REVIEW_ORDERINGS)),
            ),
        },
    )


class LikeSerializer(serializers.Serializer[Any]):
    """The viewer's like of a review after the request, and the review's count of likes."""

    liked = serializers.BooleanField(read_only=True)
    likes_count = serializers.IntegerField(read_only=True)


class CommentSerializer(serializers.ModelSerializer[Comment]):
    """A comment in its thread: ``depth`` 0 answers the review, 1 a comment, and so on."""

    user = ReviewUserSerializer(read_only=True)
    depth = serializers.SerializerMethodField(help_text=_("0 for a comment on the review, 1 for a reply..."))
    deleted = serializers.SerializerMethodField(
        help_text=_("A deleted comment keeps its place for its replies; its text is empty.")
    )

    class Meta:
        model = Comment
        fields = ["id", "review", "parent", "depth", "user", "body", "deleted", "created_at", "updated_at"]
        read_only_fields = fields

    def get_depth(self, comment: Comment) -> int:
        return self.context.get("depths", {}).get(comment.pk, getattr(comment, "depth", 0))

    def get_deleted(self, comment: Comment) -> bool:
        return comment.deleted_at is not None


class CommentWriteSerializer(serializers.Serializer[dict[str, Any]]):
    body = serializers.CharField(max_length=COMMENT_BODY_MAX_LENGTH)
    parent = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text=_("The comment this one replies to.")
    )


class CommentUpdateSerializer(serializers.Serializer[dict[str, Any]]):
    body = serializers.CharField(max_length=COMMENT_BODY_MAX_LENGTH)


class ReportWriteSerializer(serializers.Serializer[dict[str, Any]]):
    reason = serializers.ChoiceField(choices=ReportReason.choices)
    details = serializers.CharField(
        max_length=REPORT_DETAILS_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class ReportSerializer(serializers.ModelSerializer[Report]):
    # Plain text, not an enum: "status" is the library's reading status elsewhere in the schema.
    status = serializers.CharField(read_only=True, help_text=_('"open", "resolved" or "dismissed".'))

    class Meta:
        model = Report
        fields = ["id", "review", "comment", "reason", "details", "status", "created_at"]
        read_only_fields = fields

"""Serializers of the books API."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from mybookconnect.books.models import BOOK_ORDERINGS, DEFAULT_BOOK_ORDERING, Book

SEARCH_MAX_LENGTH = 200


class BookSummarySerializer(serializers.ModelSerializer[Book]):
    """A book as it appears in lists: enough to show and link it."""

    class Meta:
        model = Book
        fields = ["id", "title", "subtitle", "first_published_year"]
        read_only_fields = fields


class BookDetailSerializer(BookSummarySerializer):
    """A book on its own page."""

    class Meta(BookSummarySerializer.Meta):
        fields = [*BookSummarySerializer.Meta.fields, "description", "created_at", "updated_at"]
        read_only_fields = fields


class BookListQuerySerializer(serializers.Serializer[dict[str, str]]):
    """The query string of the book list: validated, so that a mistyped option is an error, not ignored."""

    search = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=SEARCH_MAX_LENGTH,
        trim_whitespace=True,
        default="",
        help_text=_("Case-insensitive text to look for in the title or subtitle."),
    )
    ordering = serializers.ChoiceField(
        choices=list(BOOK_ORDERINGS),
        required=False,
        default=DEFAULT_BOOK_ORDERING,
        help_text=_("Sort order; a leading '-' sorts descending. Books without a year come last."),
        error_messages={
            "invalid_choice": format_lazy(
                "{} {}",
                _('"{input}" is not a valid ordering.'),
                format_lazy(_("Use one of: {choices}."), choices=", ".join(BOOK_ORDERINGS)),
            ),
        },
    )

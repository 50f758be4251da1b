"""Input of the book lookup: an ISBN, or a title with an optional author."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from mybookconnect.books.isbn import normalize_isbn


class BookLookupSerializer(serializers.Serializer[dict[str, Any]]):
    """``{"isbn"}`` or ``{"title", "author"?}``; the ISBN may have hyphens and 10 or 13 digits."""

    isbn = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text=_("ISBN-10 or ISBN-13, hyphens allowed."),
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    author = serializers.CharField(required=False, allow_blank=True, max_length=300)

    def validate_isbn(self, value: str) -> str:
        if not value.strip():
            return ""
        try:
            return normalize_isbn(value)
        except ValueError:
            raise serializers.ValidationError(_("Enter a valid ISBN-10 or ISBN-13.")) from None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        isbn = attrs.get("isbn", "")
        title = attrs.get("title", "").strip()
        if isbn and title:
            raise serializers.ValidationError({"title": [_("Give an ISBN or a title, not both.")]})
        if not isbn and not title:
            if attrs.get("author", "").strip():
                raise serializers.ValidationError({"title": [_("A title is needed to look up by author.")]})
            raise serializers.ValidationError({"isbn": [_("Give an ISBN or a title.")]})
        return {"isbn": isbn, "title": title, "author": attrs.get("author", "").strip()}

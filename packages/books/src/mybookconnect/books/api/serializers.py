"""Serializers of the books API: read shapes, the list's query string, and validated writes."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.expressions import OrderBy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from mybookconnect.books.conf import books_settings
from mybookconnect.books.covers import placeholder_cover_url
from mybookconnect.books.isbn import normalize_isbn
from mybookconnect.books.models import (
    BOOK_ORDERINGS,
    FIRST_PUBLISHED_YEAR_MAX,
    FIRST_PUBLISHED_YEAR_MIN,
    Author,
    AuthorRole,
    Book,
    BookAuthor,
    BookSeries,
    Edition,
    EditionFormat,
    Revision,
    Series,
    Subject,
    language_code_validator,
    openlibrary_edition_id_validator,
    openlibrary_work_id_validator,
    publication_date_errors,
)

SEARCH_MAX_LENGTH = 200
# How many books an author's page shows itself; the rest are at ``authors/{id}/books/``.
AUTHOR_FIRST_BOOKS = 10


def _cover(request: Any, image: Any, url: str) -> str:
    if image:
        return request.build_absolute_uri(image.url) if request is not None else image.url
    return url


BOOK_COVER_HELP = _("The book's cover; a placeholder card (books/{id}/cover.svg) when it has none.")


def _book_cover(request: Any, book: Book) -> str:
    # The placeholder's address comes from the URLconf, so the fallback costs no query.
    return _cover(request, book.cover, book.cover_url) or placeholder_cover_url(book, request)


# Reading


class BookAuthorSerializer(serializers.ModelSerializer[BookAuthor]):
    """An author as a book shows them: the author's id and name, and their role in this book."""

    id = serializers.IntegerField(source="author_id", read_only=True)
    name = serializers.CharField(source="author.name", read_only=True)

    class Meta:
        model = BookAuthor
        fields = ["id", "name", "role"]
        read_only_fields = fields


class BookSeriesSerializer(serializers.ModelSerializer[BookSeries]):
    id = serializers.IntegerField(source="series_id", read_only=True)
    name = serializers.CharField(source="series.name", read_only=True)

    class Meta:
        model = BookSeries
        fields = ["id", "name", "position"]
        read_only_fields = fields


class SubjectSerializer(serializers.ModelSerializer[Subject]):
    class Meta:
        model = Subject
        fields = ["id", "name", "slug"]
        read_only_fields = fields


class SubjectListSerializer(SubjectSerializer):
    books_count = serializers.IntegerField(read_only=True)

    class Meta(SubjectSerializer.Meta):
        fields = [*SubjectSerializer.Meta.fields, "books_count"]
        read_only_fields = fields


class EditionSerializer(serializers.ModelSerializer[Edition]):
    """An edition as the API shows it."""

    publication_date = serializers.CharField(
        read_only=True, help_text=_('"1990", "1990-05" or "1990-05-17".')
    )
    cover_url = serializers.SerializerMethodField()

    class Meta:
        model = Edition
        fields = [
            "id",
            "book",
            "title",
            "isbn_10",
            "isbn_13",
            "publisher",
            "publication_year",
            "publication_month",
            "publication_day",
            "publication_date",
            "pages",
            "format",
            "language",
            "cover_url",
            "openlibrary_edition_id",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_cover_url(self, edition: Edition) -> str:
        return _cover(self.context.get("request"), edition.cover, edition.cover_url)


class BookSummarySerializer(serializers.ModelSerializer[Book]):
    """A book as it appears in lists: enough to show and link it."""

    authors = BookAuthorSerializer(source="book_authors", many=True, read_only=True)
    cover_url = serializers.SerializerMethodField(help_text=BOOK_COVER_HELP)
    average_rating = serializers.DecimalField(max_digits=3, decimal_places=2, read_only=True, allow_null=True)

    class Meta:
        model = Book
        fields = [
            "id",
            "title",
            "subtitle",
            "first_published_year",
            "authors",
            "cover_url",
            "average_rating",
            "ratings_count",
            "readers_count",
        ]
        read_only_fields = fields

    def get_cover_url(self, book: Book) -> str:
        return _book_cover(self.context.get("request"), book)


class BookDetailSerializer(BookSummarySerializer):
    """A book on its own page: authors with roles, editions, series with positions, subjects, aggregates."""

    editions = EditionSerializer(many=True, read_only=True)
    series = BookSeriesSerializer(source="book_series", many=True, read_only=True)
    subjects = SubjectSerializer(many=True, read_only=True)

    class Meta(BookSummarySerializer.Meta):
        fields = [
            *BookSummarySerializer.Meta.fields,
            "description",
            "original_language",
            "openlibrary_work_id",
            "series",
            "subjects",
            "editions",
            "reviews_count",
            "rating_histogram",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class AuthorSummarySerializer(serializers.ModelSerializer[Author]):
    books_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Author
        fields = ["id", "name", "sort_name", "birth_year", "death_year", "books_count"]
        read_only_fields = fields


class AuthorBookSerializer(serializers.ModelSerializer[BookAuthor]):
    """One of an author's books, with the author's role in it."""

    id = serializers.IntegerField(source="book_id", read_only=True)
    title = serializers.CharField(source="book.title", read_only=True)
    subtitle = serializers.CharField(source="book.subtitle", read_only=True)
    first_published_year = serializers.IntegerField(source="book.first_published_year", read_only=True)
    cover_url = serializers.SerializerMethodField(help_text=BOOK_COVER_HELP)

    class Meta:
        model = BookAuthor
        fields = ["id", "title", "subtitle", "first_published_year", "cover_url", "role"]
        read_only_fields = fields

    def get_cover_url(self, link: BookAuthor) -> str:
        return _book_cover(self.context.get("request"), link.book)


class AuthorDetailSerializer(serializers.ModelSerializer[Author]):
    """An author's page: their own fields, how many books they have, and their most-read books."""

    # The view annotates ``books_count`` and sets ``first_books``.
    books_count = serializers.IntegerField(read_only=True, help_text=_("How many books they have."))
    books = AuthorBookSerializer(
        source="first_books",
        many=True,
        read_only=True,
        help_text=format_lazy(
            _(
                "Their most-read books, at most {count}; all of them, a page at a time, at "
                "authors/{{id}}/books/."
            ),
            count=AUTHOR_FIRST_BOOKS,
        ),
    )
    photo_url = serializers.SerializerMethodField()

    class Meta:
        model = Author
        fields = [
            "id",
            "name",
            "sort_name",
            "other_names",
            "bio",
            "birth_year",
            "death_year",
            "photo_url",
            "openlibrary_id",
            "books_count",
            "books",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_photo_url(self, author: Author) -> str:
        return _cover(self.context.get("request"), author.photo, "")


class SeriesSummarySerializer(serializers.ModelSerializer[Series]):
    books_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Series
        fields = ["id", "name", "books_count"]
        read_only_fields = fields


class SeriesBookSerializer(serializers.ModelSerializer[BookSeries]):
    book = BookSummarySerializer(read_only=True)

    class Meta:
        model = BookSeries
        fields = ["position", "book"]
        read_only_fields = fields


class SeriesDetailSerializer(serializers.ModelSerializer[Series]):
    books = SeriesBookSerializer(source="book_series", many=True, read_only=True)

    class Meta:
        model = Series
        fields = ["id", "name", "description", "books", "created_at", "updated_at"]
        read_only_fields = fields


class RevisionUserSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk", read_only=True)
    username = serializers.SerializerMethodField()

    def get_username(self, user: Any) -> str:
        return user.get_username()


class RevisionSerializer(serializers.ModelSerializer[Revision]):
    """One entry of a book's history; ``changes`` maps each field to ``[old, new]``."""

    user = RevisionUserSerializer(read_only=True, allow_null=True)
    edition = serializers.IntegerField(source="edition_ref", read_only=True, allow_null=True)
    changes = serializers.DictField(child=serializers.ListField(allow_null=True), read_only=True)

    class Meta:
        model = Revision
        fields = ["id", "book", "edition", "action", "user", "created_at", "changes", "reverts"]
        read_only_fields = fields


# The list's query string


class BookListQuerySerializer(serializers.Serializer[dict[str, Any]]):
    """The query string of the book list: validated, so that a mistyped option is an error, not ignored."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=SEARCH_MAX_LENGTH,
        trim_whitespace=False,
        default="",
        help_text=_(
            "What a reader typed: an ISBN (any form), or words of the title, subtitle, authors or series. "
            "The last word matches as a prefix unless followed by a space."
        ),
    )
    search = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=SEARCH_MAX_LENGTH,
        trim_whitespace=False,
        default="",
        help_text=_("Former name of q, still accepted."),
    )
    ordering = serializers.ChoiceField(
        choices=list(BOOK_ORDERINGS),
        required=False,
        help_text=_(
            "Sort order; a leading '-' sorts descending. Books without a year come last. "
            "Default: relevance when searching, else title."
        ),
        error_messages={
            "invalid_choice": format_lazy(
                "{} {}",
                _('"{input}" is not a valid ordering.'),
                format_lazy(_("Use one of: {choices}."), choices=", ".join(BOOK_ORDERINGS)),
            ),
        },
    )
    author = serializers.IntegerField(required=False, min_value=1, help_text=_("Author id."))
    subject = serializers.SlugField(required=False, allow_unicode=True, help_text=_("Subject slug."))
    series = serializers.IntegerField(required=False, min_value=1, help_text=_("Series id."))
    language = serializers.RegexField(r"^[a-z]{2,3}$", required=False, help_text=_("Original language code."))
    year_min = serializers.IntegerField(
        required=False, min_value=FIRST_PUBLISHED_YEAR_MIN, max_value=FIRST_PUBLISHED_YEAR_MAX
    )
    year_max = serializers.IntegerField(
        required=False, min_value=FIRST_PUBLISHED_YEAR_MIN, max_value=FIRST_PUBLISHED_YEAR_MAX
    )
    has_isbn = serializers.BooleanField(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("year_min") and attrs.get("year_max") and attrs["year_min"] > attrs["year_max"]:
            raise serializers.ValidationError({"year_max": [_("Must not be before year_min.")]})
        attrs["q"] = (attrs.get("q") or attrs.get("search") or "")[: books_settings.BOOKS_SEARCH_MAX_LENGTH]
        return attrs


# Orderings of an author's books (``BookAuthor`` rows), each completed by tie-breakers like the book
# list's: all of them sort the author's links alone, found through the (author, book) index.
AUTHOR_BOOK_ORDERINGS: dict[str, tuple[str | OrderBy, ...]] = {
    "-readers_count": ("-book__readers_count", "book__title", "book_id", "id"),
    "title": ("book__title", "book_id", "id"),
    "-title": ("-book__title", "-book_id", "-id"),
    "first_published_year": (
        F("book__first_published_year").asc(nulls_last=True),
        "book__title",
        "book_id",
        "id",
    ),
    "-first_published_year": (
        F("book__first_published_year").desc(nulls_last=True),
        "book__title",
        "book_id",
        "id",
    ),
}
DEFAULT_AUTHOR_BOOK_ORDERING = "-readers_count"


class AuthorBooksQuerySerializer(serializers.Serializer[dict[str, Any]]):
    """The query string of an author's books (besides ``page`` and ``page_size``)."""

    ordering = serializers.ChoiceField(
        choices=list(AUTHOR_BOOK_ORDERINGS),
        default=DEFAULT_AUTHOR_BOOK_ORDERING,
        help_text=_(
            "Sort order; a leading '-' sorts descending. Books without a year come last. Default: most read."
        ),
        error_messages={
            "invalid_choice": format_lazy(
                "{} {}",
                _('"{input}" is not a valid ordering.'),
                format_lazy(_("Use one of: {choices}."), choices=", ".join(AUTHOR_BOOK_ORDERINGS)),
            ),
        },
    )


class NameSearchQuerySerializer(serializers.Serializer[dict[str, Any]]):
    q = serializers.CharField(required=False, allow_blank=True, max_length=SEARCH_MAX_LENGTH, default="")


# Writing


class AuthorInputSerializer(serializers.Serializer[dict[str, Any]]):
    """An author of a book being written: an existing author's ``id``, or a ``name`` (found or created)."""

    id = serializers.IntegerField(required=False, min_value=1)
    name = serializers.CharField(required=False, max_length=300)
    role = serializers.ChoiceField(choices=AuthorRole.choices, default=AuthorRole.AUTHOR)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("id"):
            author = Author.objects.filter(pk=attrs["id"]).first()
            if author is None:
                raise serializers.ValidationError({"id": [_("No author with this id.")]})
            attrs["name"] = author.name
        elif not (attrs.get("name") or "").strip():
            raise serializers.ValidationError({"name": [_("Give an author's id or name.")]})
        return attrs


class SeriesInputSerializer(serializers.Serializer[dict[str, Any]]):
    id = serializers.IntegerField(required=False, min_value=1)
    name = serializers.CharField(required=False, max_length=300)
    position = serializers.DecimalField(
        max_digits=6, decimal_places=2, required=False, allow_null=True, min_value=0, default=None
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("id"):
            series = Series.objects.filter(pk=attrs["id"]).first()
            if series is None:
                raise serializers.ValidationError({"id": [_("No series with this id.")]})
            attrs["name"] = series.name
        elif not (attrs.get("name") or "").strip():
            raise serializers.ValidationError({"name": [_("Give a series' id or name.")]})
        return attrs


class BookWriteSerializer(serializers.Serializer[dict[str, Any]]):
    """What a signed-in reader may set on a book. On PATCH every field is optional."""

    title = serializers.CharField(max_length=500)
    subtitle = serializers.CharField(max_length=500, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    first_published_year = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=FIRST_PUBLISHED_YEAR_MIN,
        max_value=FIRST_PUBLISHED_YEAR_MAX,
    )
    original_language = serializers.CharField(
        required=False, allow_blank=True, max_length=3, validators=[language_code_validator]
    )
    cover_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    openlibrary_work_id = serializers.CharField(
        required=False, allow_null=True, max_length=20, validators=[openlibrary_work_id_validator]
    )
    authors = AuthorInputSerializer(many=True, required=False, max_length=50)
    subjects = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=50
    )
    series = SeriesInputSerializer(many=True, required=False, max_length=20)

    def validate_openlibrary_work_id(self, value: str | None) -> str | None:
        value = value or None
        instance = self.instance
        if (
            value
            and Book.objects.filter(openlibrary_work_id=value)
            .exclude(pk=getattr(instance, "pk", None))
            .exists()
        ):
            raise serializers.ValidationError(_("Another book has this Open Library id."))
        return value

    def validate_subjects(self, value: list[str]) -> list[str]:
        names = [" ".join(name.split()) for name in value]
        if any(not name for name in names):
            raise serializers.ValidationError(_("A subject cannot be blank."))
        return names

    def to_representation(self, instance: Any) -> Any:
        return BookDetailSerializer(instance, context=self.context).data


class EditionWriteSerializer(serializers.Serializer[dict[str, Any]]):
    """What a signed-in reader may set on an edition; ``isbn`` in any form (10 or 13, hyphens or not)."""

    book = serializers.PrimaryKeyRelatedField(queryset=Book.objects.all())
    isbn = serializers.CharField(required=False, allow_blank=True, max_length=32)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=300)
    publication_year = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=FIRST_PUBLISHED_YEAR_MIN,
        max_value=FIRST_PUBLISHED_YEAR_MAX,
    )
    publication_month = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=12)
    publication_day = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=31)
    pages = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=100000)
    format = serializers.ChoiceField(choices=EditionFormat.choices, required=False, allow_blank=True)
    language = serializers.CharField(
        required=False, allow_blank=True, max_length=3, validators=[language_code_validator]
    )
    cover_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    openlibrary_edition_id = serializers.CharField(
        required=False, allow_null=True, max_length=20, validators=[openlibrary_edition_id_validator]
    )

    def validate_isbn(self, value: str) -> str:
        if not value.strip():
            return ""
        try:
            return normalize_isbn(value)
        except ValueError:
            raise serializers.ValidationError(
                _("Not a valid ISBN-10 or ISBN-13 (check the digits).")
            ) from None

    def validate_openlibrary_edition_id(self, value: str | None) -> str | None:
        value = value or None
        instance = self.instance
        if (
            value
            and Edition.objects.filter(openlibrary_edition_id=value)
            .exclude(pk=getattr(instance, "pk", None))
            .exists()
        ):
            raise serializers.ValidationError(_("Another edition has this Open Library id."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        def current(field: str) -> Any:
            if field in attrs:
                return attrs[field]
            return getattr(self.instance, field, None)

        errors = publication_date_errors(
            current("publication_year"), current("publication_month"), current("publication_day")
        )
        if errors:
            raise serializers.ValidationError({field: [message] for field, message in errors.items()})
        return attrs

    def to_representation(self, instance: Any) -> Any:
        return EditionSerializer(instance, context=self.context).data


class EditionUpdateSerializer(EditionWriteSerializer):
    """An edition's fields on PATCH: it stays with its book (merge books to move editions)."""

    book = None


class MergeSerializer(serializers.Serializer[dict[str, Any]]):
    """The survivor of a merge: the object in the URL is merged into ``into`` and disappears."""

    into = serializers.IntegerField(min_value=1, help_text=_("Id of the object that survives."))

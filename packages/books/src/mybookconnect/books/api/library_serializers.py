"""Serializers of the library API: entries (the owner's shape and the one other readers see), the
list's query string, bulk actions, read-throughs and progress, shelves and tags."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import F
from django.db.models.expressions import OrderBy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mybookconnect.books import library
from mybookconnect.books.api.serializers import BookAuthorSerializer, BookSummarySerializer, _book_cover
from mybookconnect.books.models import (
    Book,
    Edition,
    LibraryEntry,
    LibraryFormat,
    LibraryTag,
    ProgressUpdate,
    ReadingStatus,
    ReadThrough,
    Shelf,
)
from mybookconnect.books.models.library import SHELF_NAME_MAX_LENGTH, TAG_NAME_MAX_LENGTH
from mybookconnect.core.visibility import Audience, get_visibility_policy

SEARCH_MAX_LENGTH = 200
MAX_TAGS_PER_ENTRY = 50
MAX_SHELVES_PER_ENTRY = 100
PROGRESS_MAX = 1_000_000

RATING_HELP = _(
    "Stars from 0.5 to 5 in half stars (null: not rated). Imported ratings may be in quarter stars."
)


@extend_schema_field(OpenApiTypes.DOUBLE)
class StarsField(serializers.Field):
    """A rating as a number of stars, stored in quarter stars: 0.5 to 5 in half stars on input (0.25
    steps come only from importers), 4.5 or 4.25 on output."""

    default_error_messages = {
        "invalid": _("Give a number of stars from 0.5 to 5, in half stars."),
    }

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int | float | str | Decimal):
            self.fail("invalid")
        try:
            value = Decimal(str(data).strip())
        except InvalidOperation:
            self.fail("invalid")
        if not value.is_finite() or value * 2 != (value * 2).to_integral_value() or not 0.5 <= value <= 5:
            self.fail("invalid")
        return library.quarters(value)

    def to_representation(self, value: int | None) -> float | None:
        return library.stars(value)


class LibraryTagSerializer(serializers.ModelSerializer[LibraryTag]):
    entries_count = serializers.IntegerField(read_only=True, help_text=_("How many entries have this tag."))

    class Meta:
        model = LibraryTag
        fields = ["id", "name", "entries_count"]
        read_only_fields = fields


class ReadThroughSerializer(serializers.ModelSerializer[ReadThrough]):
    """One reading of the book, with its latest progress."""

    class Meta:
        model = ReadThrough
        fields = [
            "id",
            "started_on",
            "finished_on",
            "stopped_on",
            "progress_page",
            "progress_percent",
            "progress_minutes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class LibraryEntrySerializer(serializers.ModelSerializer[LibraryEntry]):
    """A library entry as its owner sees it."""

    book = BookSummarySerializer(read_only=True)
    rating = StarsField(source="rating_quarters", read_only=True, allow_null=True, help_text=RATING_HELP)
    # Declared so that the schema admits "" (no format given), which a read-only model field loses.
    format = serializers.ChoiceField(choices=LibraryFormat.choices, allow_blank=True, read_only=True)
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    shelves = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text=_("Ids of its shelves.")
    )
    read_throughs = ReadThroughSerializer(many=True, read_only=True)

    class Meta:
        model = LibraryEntry
        fields = [
            "id",
            "book",
            "edition",
            "status",
            "owned",
            "format",
            "wishlist",
            "notes",
            "rating",
            "rated_at",
            "audience",
            "audience_is_default",
            "position",
            "finished_on",
            "tags",
            "shelves",
            "read_throughs",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PublicLibraryEntrySerializer(LibraryEntrySerializer):
    """A library entry as other readers see it: no private notes, no shelves."""

    shelves = None

    class Meta(LibraryEntrySerializer.Meta):
        fields = [
            name
            for name in LibraryEntrySerializer.Meta.fields
            if name not in ("notes", "shelves", "audience_is_default")
        ]
        read_only_fields = fields


# Rendering entries fast: the lists and the write answers build the same JSON as the serializers
# above (a test compares them), without building DRF's fields for every request and row. The fields
# that format a value (dates, decimals, choices) are the serializers' own, built once.

_FIELDS: dict[tuple[type, str], serializers.Field] = {}


def _shown(serializer_class: type[serializers.Serializer[Any]], name: str, value: Any) -> Any:
    if value is None:
        return None
    field = _FIELDS.get((serializer_class, name))
    if field is None:
        field = _FIELDS[(serializer_class, name)] = serializer_class().fields[name]
    return field.to_representation(value)


def book_summary_row(book: Book, request: Any) -> dict[str, Any]:
    """What :class:`BookSummarySerializer` shows of ``book`` (its ``book_authors`` prefetched)."""
    return {
        "id": book.pk,
        "title": book.title,
        "subtitle": book.subtitle,
        "first_published_year": book.first_published_year,
        "authors": [
            {
                "id": link.author_id,
                "name": link.author.name,
                "role": _shown(BookAuthorSerializer, "role", link.role),
            }
            for link in book.book_authors.all()
        ],
        "cover_url": _book_cover(request, book),
        "average_rating": _shown(BookSummarySerializer, "average_rating", book.average_rating),
        "ratings_count": book.ratings_count,
        "readers_count": book.readers_count,
    }


def _reading_row(reading: ReadThrough) -> dict[str, Any]:
    row: dict[str, Any] = {"id": reading.pk}
    for name in ("started_on", "finished_on", "stopped_on", "progress_page", "progress_percent"):
        row[name] = _shown(ReadThroughSerializer, name, getattr(reading, name))
    row["progress_minutes"] = reading.progress_minutes
    row["created_at"] = _shown(ReadThroughSerializer, "created_at", reading.created_at)
    row["updated_at"] = _shown(ReadThroughSerializer, "updated_at", reading.updated_at)
    return row


def entry_row(entry: LibraryEntry, request: Any, *, public: bool = False) -> dict[str, Any]:
    """What :class:`LibraryEntrySerializer` (``public``: :class:`PublicLibraryEntrySerializer`) shows
    of ``entry``, its relations loaded (:func:`mybookconnect.books.library.load_entry_relations`)."""
    serializer = LibraryEntrySerializer
    row: dict[str, Any] = {
        "id": entry.pk,
        "book": book_summary_row(entry.book, request),
        "edition": entry.edition_id,
        "status": _shown(serializer, "status", entry.status),
        "owned": entry.owned,
        "format": _shown(serializer, "format", entry.format),
        "wishlist": entry.wishlist,
    }
    if not public:
        row["notes"] = entry.notes
    row["rating"] = library.stars(entry.rating_quarters)
    row["rated_at"] = _shown(serializer, "rated_at", entry.rated_at)
    row["audience"] = _shown(serializer, "audience", entry.audience)
    if not public:
        row["audience_is_default"] = entry.audience_is_default
    row["position"] = entry.position
    row["finished_on"] = _shown(serializer, "finished_on", entry.finished_on)
    # One entry's tags and shelves may come in one query (library.load_one_entry).
    tag_names = getattr(entry, "tag_names", None)
    row["tags"] = [tag.name for tag in entry.tags.all()] if tag_names is None else tag_names
    if not public:
        shelf_ids = getattr(entry, "shelf_ids", None)
        row["shelves"] = [shelf.pk for shelf in entry.shelves.all()] if shelf_ids is None else shelf_ids
    row["read_throughs"] = [_reading_row(reading) for reading in entry.read_throughs.all()]
    row["created_at"] = _shown(serializer, "created_at", entry.created_at)
    row["updated_at"] = _shown(serializer, "updated_at", entry.updated_at)
    return row


# Writing entries


def _user(serializer: serializers.Serializer) -> Any:
    return serializer.context["request"].user


class LibraryEntryWriteSerializer(serializers.Serializer[dict[str, Any]]):
    """What a reader sets on a library entry. ``book`` is needed to add one; on PATCH every field is
    optional and the book cannot change."""

    book = serializers.PrimaryKeyRelatedField(queryset=Book.objects.all(), help_text=_("The book's id."))
    edition = serializers.PrimaryKeyRelatedField(
        queryset=Edition.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("One of the book's editions."),
    )
    status = serializers.ChoiceField(choices=ReadingStatus.choices, required=False)
    owned = serializers.BooleanField(required=False)
    format = serializers.ChoiceField(choices=LibraryFormat.choices, required=False, allow_blank=True)
    wishlist = serializers.BooleanField(required=False)
    notes = serializers.CharField(
        required=False, allow_blank=True, max_length=10_000, help_text=_("Private: only you ever see them.")
    )
    rating = StarsField(source="rating_quarters", required=False, allow_null=True, help_text=RATING_HELP)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=TAG_NAME_MAX_LENGTH),
        required=False,
        max_length=MAX_TAGS_PER_ENTRY,
        help_text=_("Tag names; the entry's tags become exactly these (new names are created)."),
    )
    shelves = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=MAX_SHELVES_PER_ENTRY,
        help_text=_("Ids of your shelves; the entry's shelves become exactly these."),
    )
    audience = serializers.ChoiceField(
        choices=Audience.choices,
        required=False,
        allow_null=True,
        help_text=_("Who may see this entry; null: your default (your profile's privacy)."),
    )

    def validate_tags(self, value: list[str]) -> list[str]:
        names: dict[str, str] = {}
        for name in value:
            name = library.normalize_tag_name(name)
            if not name:
                raise serializers.ValidationError(_("A tag cannot be blank."))
            names.setdefault(name.casefold(), name)
        return list(names.values())

    def validate_shelves(self, value: list[int]) -> list[Shelf]:
        wanted = list(dict.fromkeys(value))
        shelves = {shelf.pk: shelf for shelf in Shelf.objects.filter(user=_user(self), pk__in=wanted)}
        missing = [pk for pk in wanted if pk not in shelves]
        if missing:
            raise serializers.ValidationError(
                format_lazy(_("No such shelves: {ids}."), ids=", ".join(str(pk) for pk in missing))
            )
        return [shelves[pk] for pk in wanted]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        book_id = attrs["book"].pk if "book" in attrs else getattr(self.instance, "book_id", None)
        edition = attrs.get("edition")
        if edition is not None and edition.book_id != book_id:
            raise serializers.ValidationError({"edition": [_("This edition is not of this book.")]})
        return attrs


class LibraryEntryUpdateSerializer(LibraryEntryWriteSerializer):
    """A library entry's fields on PATCH: the book stays."""

    book = None


# The list's query string

LIBRARY_ORDERINGS: dict[str, tuple[str | OrderBy, ...]] = {
    "title": ("book__title", "book_id", "id"),
    "-title": ("-book__title", "-book_id", "-id"),
    "author": (F("author_sort_name").asc(nulls_last=True), "book__title", "id"),
    "-author": (F("author_sort_name").desc(nulls_last=True), "-book__title", "-id"),
    "rating": (F("rating_quarters").asc(nulls_last=True), "-created_at", "-id"),
    "-rating": (F("rating_quarters").desc(nulls_last=True), "-created_at", "-id"),
    "added": ("created_at", "id"),
    "-added": ("-created_at", "-id"),
    "finished": (F("finished_on").asc(nulls_last=True), "-created_at", "-id"),
    "-finished": (F("finished_on").desc(nulls_last=True), "-created_at", "-id"),
    "position": ("status", "position", "id"),
}
DEFAULT_LIBRARY_ORDERING = "-added"


class LibraryQuerySerializer(serializers.Serializer[dict[str, Any]]):
    """The query string of a library list (besides ``page`` and ``page_size``): validated, so that a
    mistyped filter is an error, not ignored. The context's ``owner`` is whose library it is."""

    status = serializers.ChoiceField(choices=ReadingStatus.choices, required=False)
    shelf = serializers.IntegerField(required=False, min_value=1, help_text=_("A shelf's id."))
    book = serializers.IntegerField(
        required=False, min_value=1, help_text=_("A book's id: its entry, if any.")
    )
    owned = serializers.BooleanField(required=False, allow_null=True, default=None)
    # Not "format": DRF reads that query parameter as the response format (?format=json).
    book_format = serializers.ChoiceField(
        choices=LibraryFormat.choices, required=False, help_text=_("The format you have the book in.")
    )
    wishlist = serializers.BooleanField(required=False, allow_null=True, default=None)
    tag = serializers.CharField(required=False, max_length=TAG_NAME_MAX_LENGTH, help_text=_("A tag's name."))
    rating_min = serializers.DecimalField(
        max_digits=3, decimal_places=2, min_value=0, max_value=5, required=False, help_text=_("Stars.")
    )
    rating_max = serializers.DecimalField(
        max_digits=3, decimal_places=2, min_value=0, max_value=5, required=False, help_text=_("Stars.")
    )
    finished_year = serializers.IntegerField(
        required=False, min_value=1, max_value=9999, help_text=_("Books finished (in any reading) that year.")
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=SEARCH_MAX_LENGTH,
        default="",
        help_text=_("Words of the title or the authors' names."),
    )
    ordering = serializers.ChoiceField(
        choices=list(LIBRARY_ORDERINGS),
        default=DEFAULT_LIBRARY_ORDERING,
        help_text=_(
            "Sort order; a leading '-' sorts descending; entries without a rating or a finish date come "
            "last. position: the hand order of the to-read list. Default: newest added first."
        ),
        error_messages={
            "invalid_choice": format_lazy(
                "{} {}",
                _('"{input}" is not a valid ordering.'),
                format_lazy(_("Use one of: {choices}."), choices=", ".join(LIBRARY_ORDERINGS)),
            ),
        },
    )

    def validate_shelf(self, value: int) -> int:
        owner, viewer = self.context["owner"], self.context["viewer"]
        shelves = Shelf.objects.filter(pk=value, user=owner)
        if not get_visibility_policy().filter_queryset(shelves, viewer).exists():
            raise serializers.ValidationError(_("No such shelf."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        low, high = attrs.get("rating_min"), attrs.get("rating_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"rating_max": [_("Must not be below rating_min.")]})
        if low is not None:
            attrs["rating_quarters_min"] = math.ceil(low * 4)
        if high is not None:
            attrs["rating_quarters_max"] = math.floor(high * 4)
        return attrs


# Bulk actions and moves


class BulkActionSerializer(serializers.Serializer[dict[str, Any]]):
    """One action on many of the reader's entries, all or nothing."""

    entries = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        min_length=1,
        max_length=library.BULK_MAX_ENTRIES,
        help_text=format_lazy(_("Ids of your entries (at most {count})."), count=library.BULK_MAX_ENTRIES),
    )
    action = serializers.ChoiceField(choices=library.BulkAction.choices)
    value = serializers.JSONField(
        required=False,
        allow_null=True,
        help_text=_(
            'set_status: a status; set_format: a format or ""; set_owned, set_wishlist: true or false; '
            "set_audience: an audience or null (your default); add_to_shelf, remove_from_shelf: a shelf id; "
            "add_tag, remove_tag: a tag name; delete: nothing."
        ),
    )

    def validate_entries(self, value: list[int]) -> list[int]:
        ids = list(dict.fromkeys(value))
        found = set(LibraryEntry.objects.filter(user=_user(self), pk__in=ids).values_list("pk", flat=True))
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise serializers.ValidationError(
                format_lazy(
                    _("No such entries in your library: {ids}."), ids=", ".join(str(pk) for pk in missing)
                )
            )
        return ids

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        action, value = attrs["action"], attrs.get("value")
        fields: dict[str, serializers.Field] = {
            library.BulkAction.SET_STATUS: serializers.ChoiceField(choices=ReadingStatus.choices),
            library.BulkAction.SET_FORMAT: serializers.ChoiceField(
                choices=LibraryFormat.choices, allow_blank=True
            ),
            library.BulkAction.SET_OWNED: serializers.BooleanField(),
            library.BulkAction.SET_WISHLIST: serializers.BooleanField(),
            library.BulkAction.SET_AUDIENCE: serializers.ChoiceField(
                choices=Audience.choices, allow_null=True
            ),
            library.BulkAction.ADD_TO_SHELF: serializers.IntegerField(min_value=1),
            library.BulkAction.REMOVE_FROM_SHELF: serializers.IntegerField(min_value=1),
            library.BulkAction.ADD_TAG: serializers.CharField(max_length=TAG_NAME_MAX_LENGTH),
            library.BulkAction.REMOVE_TAG: serializers.CharField(max_length=TAG_NAME_MAX_LENGTH),
        }
        field = fields.get(action)
        if field is None:
            attrs["value"] = None
            return attrs
        if value is None and not field.allow_null:
            raise serializers.ValidationError({"value": [_("This action needs a value.")]})
        try:
            value = field.run_validation(value)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({"value": exc.detail}) from None
        if action in (library.BulkAction.ADD_TO_SHELF, library.BulkAction.REMOVE_FROM_SHELF):
            value = Shelf.objects.filter(user=_user(self), pk=value).first()
            if value is None:
                raise serializers.ValidationError({"value": [_("No such shelf.")]})
        elif action in (library.BulkAction.ADD_TAG, library.BulkAction.REMOVE_TAG):
            value = library.normalize_tag_name(value)
            if not value:
                raise serializers.ValidationError({"value": [_("A tag cannot be blank.")]})
        attrs["value"] = value
        return attrs


class BulkResultSerializer(serializers.Serializer[dict[str, Any]]):
    action = serializers.CharField()
    count = serializers.IntegerField(help_text=_("How many entries the action was applied to."))


class MoveSerializer(serializers.Serializer[dict[str, Any]]):
    """Where to move an entry in the hand order of its list (the to-read list)."""

    before = serializers.IntegerField(
        min_value=1, allow_null=True, help_text=_("The entry it goes before; null: to the end.")
    )


# Read-throughs and progress


def _date_errors(attrs: dict[str, Any], instance: ReadThrough | None) -> dict[str, list[Any]]:
    def current(name: str) -> Any:
        return attrs[name] if name in attrs else getattr(instance, name, None)

    latest = library.latest_today()
    errors: dict[str, list[Any]] = {}
    for name in ("started_on", "finished_on", "stopped_on"):
        value = attrs.get(name)
        if value is not None and value > latest:
            errors[name] = [_("This date is in the future.")]
    started, finished, stopped = current("started_on"), current("finished_on"), current("stopped_on")
    if started and finished and finished < started and "finished_on" not in errors:
        errors["finished_on"] = [_("A reading cannot finish before it started.")]
    if started and stopped and stopped < started and "stopped_on" not in errors:
        errors["stopped_on"] = [_("A reading cannot stop before it started.")]
    if finished and stopped and "stopped_on" not in errors:
        errors["stopped_on"] = [_("A reading is either finished or stopped, not both.")]
    return errors


class ReadThroughWriteSerializer(serializers.Serializer[dict[str, Any]]):
    """The dates of a reading: none in the future, finish or stop not before the start."""

    started_on = serializers.DateField(required=False, allow_null=True)
    finished_on = serializers.DateField(required=False, allow_null=True)
    stopped_on = serializers.DateField(required=False, allow_null=True, help_text=_("When it was abandoned."))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors = _date_errors(attrs, self.instance)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def to_representation(self, instance: Any) -> Any:
        return ReadThroughSerializer(instance, context=self.context).data


class ProgressUpdateSerializer(serializers.ModelSerializer[ProgressUpdate]):
    """A progress report: a page, a percent and/or minutes listened (at least one), and a note."""

    page = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=PROGRESS_MAX)
    percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True, min_value=0, max_value=100
    )
    minutes = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=PROGRESS_MAX)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)

    class Meta:
        model = ProgressUpdate
        fields = ["id", "page", "percent", "minutes", "note", "created_at"]
        read_only_fields = ["id", "created_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if all(attrs.get(name) is None for name in ("page", "percent", "minutes")):
            raise serializers.ValidationError(
                {"non_field_errors": [_("Give a page, a percent or minutes listened.")]}
            )
        return attrs


# Shelves


class ShelfSerializer(serializers.ModelSerializer[Shelf]):
    """A shelf; on POST and PATCH, ``audience`` null means your default (your profile's privacy)."""

    name = serializers.CharField(max_length=SHELF_NAME_MAX_LENGTH)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    audience = serializers.ChoiceField(
        choices=Audience.choices,
        required=False,
        allow_null=True,
        help_text=_("Who may see the shelf and its list; null: your default."),
    )
    entries_count = serializers.IntegerField(
        read_only=True, help_text=_("How many of its books you may see (all of them for the owner).")
    )

    class Meta:
        model = Shelf
        fields = ["id", "name", "description", "audience", "entries_count", "created_at", "updated_at"]
        read_only_fields = ["id", "entries_count", "created_at", "updated_at"]

    def validate_name(self, value: str) -> str:
        name = " ".join(value.split())
        if not name:
            raise serializers.ValidationError(_("A shelf needs a name."))
        taken = Shelf.objects.filter(user=_user(self), name__iexact=name)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(_("You already have a shelf with this name."))
        return name

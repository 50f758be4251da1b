"""Views of the library API: a signed-in reader's own library (entries, bulk actions, the to-read
order, readings and progress, shelves, tags), and other readers' libraries and shelves as the
visibility policy lets the viewer see them.

Views parse and authorise; :mod:`mybookconnect.books.library` does the work. Another reader's entry,
reading or shelf answers 404, as one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mybookconnect.books import caching, library
from mybookconnect.books.api import library_serializers
from mybookconnect.books.api.library_serializers import (
    LIBRARY_ORDERINGS,
    BulkActionSerializer,
    BulkResultSerializer,
    LibraryEntrySerializer,
    LibraryEntryUpdateSerializer,
    LibraryEntryWriteSerializer,
    LibraryQuerySerializer,
    LibraryTagSerializer,
    MoveSerializer,
    ProgressUpdateSerializer,
    PublicLibraryEntrySerializer,
    ReadThroughSerializer,
    ReadThroughWriteSerializer,
    ShelfSerializer,
)
from mybookconnect.books.conf import books_settings
from mybookconnect.books.models import (
    BookAuthor,
    LibraryEntry,
    LibraryTag,
    ProgressUpdate,
    ReadThrough,
    Shelf,
    ShelfMembership,
)
from mybookconnect.core.api.serializers import ErrorSerializer
from mybookconnect.core.pagination import PageNumberPagination
from mybookconnect.core.visibility import Audience, get_visibility_policy, viewer_pk

TAGS = ["library"]
MAX_QUERY_WORDS = 10

_VALIDATION = OpenApiResponse(description="Invalid input: {field: [messages]}.")
_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Not found (or not yours).")
_UNAUTHENTICATED = OpenApiResponse(ErrorSerializer, description="Not signed in.")
_NO_CONTENT = OpenApiResponse(description="Deleted.")

ENTRY_NOT_FOUND = _("Library entry not found.")
READING_NOT_FOUND = _("Reading not found.")
SHELF_NOT_FOUND = _("Shelf not found.")
READER_NOT_FOUND = _("Reader not found.")


def _fake(view: APIView) -> bool:
    # drf-spectacular inspects views with an anonymous request.
    return getattr(view, "swagger_fake_view", False)


def filter_entries(entries: QuerySet[LibraryEntry], query: dict[str, Any]) -> QuerySet[LibraryEntry]:
    """``entries`` narrowed and sorted by a validated :class:`LibraryQuerySerializer` query."""
    if query.get("status"):
        entries = entries.filter(status=query["status"])
    if query.get("book"):
        entries = entries.filter(book_id=query["book"])
    if query.get("shelf"):
        entries = entries.filter(
            Exists(ShelfMembership.objects.filter(entry=OuterRef("pk"), shelf_id=query["shelf"]))
        )
    for flag in ("owned", "wishlist"):
        if query.get(flag) is not None:
            entries = entries.filter(**{flag: query[flag]})
    if query.get("book_format"):
        entries = entries.filter(format=query["book_format"])
    if query.get("tag"):
        tagged = LibraryEntry.tags.through.objects.filter(
            libraryentry_id=OuterRef("pk"), librarytag__name__iexact=library.normalize_tag_name(query["tag"])
        )
        entries = entries.filter(Exists(tagged))
    if "rating_quarters_min" in query:
        entries = entries.filter(rating_quarters__gte=query["rating_quarters_min"])
    if "rating_quarters_max" in query:
        entries = entries.filter(rating_quarters__lte=query["rating_quarters_max"])
    if query.get("finished_year"):
        entries = entries.filter(
            Exists(ReadThrough.objects.filter(entry=OuterRef("pk"), finished_on__year=query["finished_year"]))
        )
    for word in query.get("q", "").split()[:MAX_QUERY_WORDS]:
        by_author = BookAuthor.objects.filter(book=OuterRef("book_id"), author__name__icontains=word)
        entries = entries.filter(
            Q(book__title__icontains=word) | Q(book__subtitle__icontains=word) | Exists(by_author)
        )
    ordering = query["ordering"]
    if ordering in ("author", "-author"):
        first_author = (
            BookAuthor.objects.filter(book=OuterRef("book_id"))
            .order_by("position", "id")
            .values("author__sort_name")[:1]
        )
        entries = entries.annotate(author_sort_name=Subquery(first_author))
    return entries.order_by(*LIBRARY_ORDERINGS[ordering])


def find_reader(request: Request, username: str) -> Any:
    """The active reader called ``username`` (ignoring case; the exact spelling wins), or 404 — also
    when they blocked the viewer (a policy that knows blocks hides even their public items)."""
    return _find_reader(request, username, _readers(username))


def find_reader_and_audiences(request: Request, username: str) -> tuple[Any, list[str]]:
    """The primary key of the reader :func:`find_reader` finds, and the audiences of the reader's
    items the viewer may see: for one owner's rows, a complete description of what the policy lets the
    viewer see (``can_view`` and ``filter_queryset`` agree), which the library's cached pages are keyed by.

    Remembered per viewer and username (:func:`mybookconnect.books.caching.reader_lookup`) while no
    account changes and the viewer's follows and blocks stay the same; a reader not found is not."""
    cached = caching.reader_lookup(viewer_pk(request.user), username)
    if cached is not None and cached.value is not None:
        return cached.value
    reader = find_reader(request, username)
    policy = get_visibility_policy()
    audiences = [
        audience
        for audience in Audience.values
        # find_reader checked the public audience already.
        if audience == Audience.PUBLIC or policy.can_view(request.user, reader, audience)
    ]
    found = (reader.pk, sorted(audiences))
    if cached is not None:
        cached.store(found, books_settings.BOOKS_DETAIL_CACHE_SECONDS)
    return found


def _readers(username: str) -> QuerySet[Any]:
    model = get_user_model()
    readers = model._default_manager.filter(**{f"{model.USERNAME_FIELD}__iexact": username})
    try:
        model._meta.get_field("is_active")
    except FieldDoesNotExist:
        pass
    else:
        readers = readers.filter(is_active=True)
    return readers


def _find_reader(request: Request, username: str, readers: QuerySet[Any]) -> Any:
    model = get_user_model()
    # The exact spelling first: the username's unique index finds it; ignoring case needs a scan.
    reader = readers.filter(**{model.USERNAME_FIELD: username}).first()
    if reader is None:
        reader = readers.order_by("pk").first()
    if reader is None or not get_visibility_policy().can_view(request.user, reader, Audience.PUBLIC):
        raise NotFound(READER_NOT_FOUND)
    return reader


class OwnEntryMixin:
    """Views under ``library/{id}/``: the entry must be the signed-in reader's, else 404."""

    request: Request
    kwargs: dict[str, Any]

    def get_entry(self) -> LibraryEntry:
        entry = (
            LibraryEntry.objects.filter(pk=self.kwargs["pk"], user=self.request.user)
            .select_related("book")
            .first()
        )
        if entry is None:
            raise NotFound(ENTRY_NOT_FOUND)
        return entry


def _cached_library_page(
    view: generics.ListAPIView[LibraryEntry], owner_id: Any, identity: str, *, public: bool
) -> HttpResponse | Response:
    """A page of a library list: the cached body when it is still right (see
    :func:`mybookconnect.books.caching.library_page`), else the list rendered and stored.

    ``identity`` says what else the page depends on besides its owner: the kind of list and the
    audiences the viewer may see; the query string is added here. The entries are read first, then the
    tokens of their books, then the books, so that a page is never stored with books older than their
    tokens. Other formats than JSON (the browsable API) are never cached."""
    request = view.request
    renderer = getattr(request, "accepted_renderer", None)
    cached = None
    if isinstance(renderer, JSONRenderer):
        query = caching.query_identity(request)
        cached = caching.library_page(owner_id, f"{identity}|{query}", caching.response_variant(request))
    body = caching.library_page_body(cached)
    if body is not None:
        return HttpResponse(body, content_type=renderer.media_type)
    page = view.paginate_queryset(view.filter_queryset(view.get_queryset()))
    entries = list(page or [])
    book_tokens = caching.library_book_tokens(entry.book_id for entry in entries) if cached else {}
    library.load_entry_relations(entries, shelves=not public)
    rows = [library_serializers.entry_row(entry, request, public=public) for entry in entries]
    response = view.get_paginated_response(rows)
    if cached is None:
        return response
    body = renderer.render(response.data, request.accepted_media_type, {"request": request})
    cached.store((book_tokens, body), books_settings.BOOKS_DETAIL_CACHE_SECONDS)
    return HttpResponse(body, content_type=renderer.media_type)


def _render_entry(view: Any, entry_id: int) -> Any:
    entry = library.with_entry_relations(LibraryEntry.objects.filter(pk=entry_id)).get()
    return LibraryEntrySerializer(entry, context=view.get_serializer_context()).data


# The reader's own library


@extend_schema_view(
    get=extend_schema(
        operation_id="library_list",
        summary="Your library",
        tags=TAGS,
        description=(
            "Your library entries, filtered and sorted, a page at a time. `q` keeps entries whose title "
            "or authors contain every word."
        ),
        parameters=[LibraryQuerySerializer],
        responses={200: LibraryEntrySerializer(many=True), 400: _VALIDATION, 401: _UNAUTHENTICATED},
    ),
    post=extend_schema(
        operation_id="library_create",
        summary="Add a book to your library",
        tags=TAGS,
        description=(
            "Adds the book (201). A book already in your library has its entry updated instead (200). "
            "Without a status a new entry is want_to_read, or read when a rating comes alone."
        ),
        request=LibraryEntryWriteSerializer,
        responses={
            200: LibraryEntrySerializer,
            201: LibraryEntrySerializer,
            400: _VALIDATION,
            401: _UNAUTHENTICATED,
        },
    ),
)
class LibraryListView(generics.ListCreateAPIView[LibraryEntry]):
    serializer_class = LibraryEntrySerializer
    permission_classes = [IsAuthenticated]
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet[LibraryEntry]:
        if _fake(self):
            return LibraryEntry.objects.none()
        query = LibraryQuerySerializer(
            data=self.request.query_params, context={"owner": self.request.user, "viewer": self.request.user}
        )
        query.is_valid(raise_exception=True)
        # The entries' relations are loaded after the page is cut (_cached_library_page).
        return filter_entries(LibraryEntry.objects.filter(user=self.request.user), query.validated_data)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse | Response:
        return _cached_library_page(self, request.user.pk, "own", public=False)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = LibraryEntryWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        book = data.pop("book")
        entry, created = library.add_to_library(request.user, book, data)
        return Response(
            _render_entry(self, entry.pk), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


_RATING = library_serializers.StarsField(allow_null=True)


def _rating_alone(data: Any) -> dict[str, Any] | None:
    """The validated data of the usual write, a JSON body with a rating alone (``{"rating": 4.5}``),
    checked by the serializer's own field without building the serializer's dozen; ``None`` for any
    other body, or a wrong rating (the serializer then checks it, and words the error)."""
    if type(data) is not dict or len(data) != 1 or "rating" not in data:
        return None
    value = data["rating"]
    if value is None:
        return {"rating_quarters": None}
    try:
        return {"rating_quarters": _RATING.to_internal_value(value)}
    except serializers.ValidationError:
        return None


@extend_schema_view(
    get=extend_schema(
        operation_id="library_retrieve",
        summary="One entry of your library",
        tags=TAGS,
        responses={200: LibraryEntrySerializer, 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
    patch=extend_schema(
        operation_id="library_partial_update",
        summary="Change an entry of your library",
        tags=TAGS,
        description="`audience: null` goes back to your default audience.",
        request=LibraryEntryUpdateSerializer,
        responses={200: LibraryEntrySerializer, 400: _VALIDATION, 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
    delete=extend_schema(
        operation_id="library_destroy",
        summary="Remove a book from your library",
        tags=TAGS,
        responses={204: _NO_CONTENT, 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
)
class LibraryEntryDetailView(generics.RetrieveUpdateDestroyAPIView[LibraryEntry]):
    serializer_class = LibraryEntrySerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[LibraryEntry]:
        if _fake(self):
            return LibraryEntry.objects.none()
        return library.with_entry_relations(LibraryEntry.objects.filter(user=self.request.user))

    def get_object(self) -> LibraryEntry:
        entry = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if entry is None:
            raise NotFound(ENTRY_NOT_FOUND)
        return entry

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        def validate(entry: LibraryEntry) -> Any:
            rating = _rating_alone(request.data)
            if rating is not None:
                return rating
            serializer = LibraryEntryUpdateSerializer(
                entry, data=request.data, partial=True, context=self.get_serializer_context()
            )
            serializer.is_valid(raise_exception=True)
            return serializer.validated_data

        # One read of the entry (locked), checked and changed in one transaction; the answer shows it
        # as written, its book with the new aggregates.
        entry = library.update_own_entry(request.user, kwargs["pk"], validate)
        if entry is None:
            raise NotFound(ENTRY_NOT_FOUND)
        library.load_one_entry(entry)
        return Response(library_serializers.entry_row(entry, request))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        entry = LibraryEntry.objects.filter(pk=kwargs["pk"], user=request.user).first()
        if entry is None:
            raise NotFound(ENTRY_NOT_FOUND)
        library.delete_entry(entry)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    post=extend_schema(
        operation_id="library_bulk",
        summary="Change many entries of your library at once",
        tags=TAGS,
        description=(
            "One action on up to 500 of your entries, in one transaction: any id that is not one of your "
            "entries answers 400 naming it, and nothing changes. A bulk change of status or shelf shows "
            "as one item of the feed."
        ),
        request=BulkActionSerializer,
        responses={200: BulkResultSerializer, 400: _VALIDATION, 401: _UNAUTHENTICATED},
    )
)
class LibraryBulkView(generics.GenericAPIView[LibraryEntry]):
    serializer_class = BulkActionSerializer
    permission_classes = [IsAuthenticated]

    def post(self, request: Request) -> Response:
        serializer = BulkActionSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        count = library.bulk_change(request.user, data["entries"], data["action"], data["value"])
        return Response({"action": data["action"], "count": count})


@extend_schema_view(
    post=extend_schema(
        operation_id="library_move",
        summary="Reorder your to-read list",
        tags=TAGS,
        description=(
            "Moves the entry just before `before` (an entry of the same status) in the hand order "
            "(`ordering=position`), or to the end when `before` is null."
        ),
        request=MoveSerializer,
        responses={200: LibraryEntrySerializer, 400: _VALIDATION, 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    )
)
class LibraryMoveView(OwnEntryMixin, generics.GenericAPIView[LibraryEntry]):
    serializer_class = MoveSerializer
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        entry = self.get_entry()
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        before = None
        before_id = serializer.validated_data["before"]
        if before_id is not None:
            before = LibraryEntry.objects.filter(pk=before_id, user=request.user, status=entry.status).first()
            if before is None:
                raise serializers.ValidationError(
                    {"before": [_("No entry of yours with the same status has this id.")]}
                )
        library.move_entry(entry, before)
        return Response(_render_entry(self, entry.pk))


# Readings and progress


@extend_schema_view(
    get=extend_schema(
        operation_id="library_read_throughs_list",
        summary="Readings of a book in your library",
        tags=TAGS,
        responses={200: ReadThroughSerializer(many=True), 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
    post=extend_schema(
        operation_id="library_read_throughs_create",
        summary="Record a reading",
        tags=TAGS,
        description=(
            "Dates: none in the future; finish or stop not before the start; not both finished and stopped."
        ),
        request=ReadThroughWriteSerializer,
        responses={201: ReadThroughSerializer, 400: _VALIDATION, 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
)
class ReadThroughListView(OwnEntryMixin, generics.ListCreateAPIView[ReadThrough]):
    serializer_class = ReadThroughSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet[ReadThrough]:
        if _fake(self):
            return ReadThrough.objects.none()
        return ReadThrough.objects.filter(entry=self.get_entry()).order_by(*ReadThrough._meta.ordering)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        entry = self.get_entry()
        serializer = ReadThroughWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        reading = library.create_read_through(entry, serializer.validated_data)
        return Response(ReadThroughSerializer(reading).data, status=status.HTTP_201_CREATED)


class OwnReadingMixin(OwnEntryMixin):
    def get_reading(self) -> ReadThrough:
        entry = self.get_entry()
        reading = ReadThrough.objects.filter(pk=self.kwargs["reading"], entry=entry).first()
        if reading is None:
            raise NotFound(READING_NOT_FOUND)
        return reading


@extend_schema_view(
    patch=extend_schema(
        operation_id="library_read_throughs_partial_update",
        summary="Correct a reading's dates",
        tags=TAGS,
        request=ReadThroughWriteSerializer,
        responses={200: ReadThroughSerializer, 400: _VALIDATION, 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
    delete=extend_schema(
        operation_id="library_read_throughs_destroy",
        summary="Forget a reading",
        tags=TAGS,
        responses={204: _NO_CONTENT, 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
)
class ReadThroughDetailView(OwnReadingMixin, generics.GenericAPIView[ReadThrough]):
    serializer_class = ReadThroughSerializer
    permission_classes = [IsAuthenticated]

    def patch(self, request: Request, pk: int, reading: int) -> Response:
        found = self.get_reading()
        serializer = ReadThroughWriteSerializer(
            found, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        updated = library.update_read_through(found, serializer.validated_data)
        return Response(ReadThroughSerializer(updated).data)

    def delete(self, request: Request, pk: int, reading: int) -> Response:
        library.delete_read_through(self.get_reading())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    get=extend_schema(
        operation_id="library_progress_list",
        summary="Progress history of a reading",
        tags=TAGS,
        description="Newest first.",
        responses={200: ProgressUpdateSerializer(many=True), 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
    post=extend_schema(
        operation_id="library_progress_create",
        summary="Record progress in a reading",
        tags=TAGS,
        description="A page, a percent and/or minutes listened (at least one), and an optional note.",
        request=ProgressUpdateSerializer,
        responses={201: ProgressUpdateSerializer, 400: _VALIDATION, 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
)
class ProgressListView(OwnReadingMixin, generics.ListCreateAPIView[ProgressUpdate]):
    serializer_class = ProgressUpdateSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet[ProgressUpdate]:
        if _fake(self):
            return ProgressUpdate.objects.none()
        return ProgressUpdate.objects.filter(read_through=self.get_reading()).order_by("-created_at", "-id")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        reading = self.get_reading()
        serializer = ProgressUpdateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        update = library.add_progress(reading, serializer.validated_data)
        return Response(ProgressUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


# Tags and shelves


@extend_schema_view(
    get=extend_schema(
        operation_id="library_tags_list",
        summary="Your tags",
        tags=TAGS,
        responses={200: LibraryTagSerializer(many=True), 401: _UNAUTHENTICATED},
    )
)
class LibraryTagListView(generics.ListAPIView[LibraryTag]):
    serializer_class = LibraryTagSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet[LibraryTag]:
        if _fake(self):
            return LibraryTag.objects.none()
        return (
            LibraryTag.objects.filter(user=self.request.user)
            .annotate(entries_count=Count("entries"))
            .order_by("name", "id")
        )


def _shelves_with_counts(shelves: QuerySet[Shelf], viewer: Any, *, owner: bool) -> QuerySet[Shelf]:
    memberships = ShelfMembership.objects.filter(shelf=OuterRef("pk"))
    if not owner:
        memberships = get_visibility_policy().filter_queryset(
            memberships, viewer, owner_field="entry__user", audience_field="entry__audience"
        )
    counts = memberships.order_by().values("shelf").annotate(n=Count("pk")).values("n")
    return shelves.annotate(
        entries_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
    ).order_by("name", "id")


@extend_schema_view(
    get=extend_schema(
        operation_id="shelves_list",
        summary="Your shelves",
        tags=TAGS,
        responses={200: ShelfSerializer(many=True), 401: _UNAUTHENTICATED},
    ),
    post=extend_schema(
        operation_id="shelves_create",
        summary="Make a shelf",
        tags=TAGS,
        request=ShelfSerializer,
        responses={201: ShelfSerializer, 400: _VALIDATION, 401: _UNAUTHENTICATED},
    ),
)
class ShelfListView(generics.ListCreateAPIView[Shelf]):
    serializer_class = ShelfSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet[Shelf]:
        if _fake(self):
            return Shelf.objects.none()
        return _shelves_with_counts(
            Shelf.objects.filter(user=self.request.user), self.request.user, owner=True
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ShelfSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        try:
            shelf = library.create_shelf(request.user, serializer.validated_data)
        except library.DuplicateShelfName:
            raise serializers.ValidationError(
                {"name": [_("You already have a shelf with this name.")]}
            ) from None
        return Response(
            ShelfSerializer(self.get_queryset().get(pk=shelf.pk)).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="shelves_retrieve",
        summary="One of your shelves",
        tags=TAGS,
        description="Its books: `library/?shelf={id}`.",
        responses={200: ShelfSerializer, 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
    patch=extend_schema(
        operation_id="shelves_partial_update",
        summary="Rename a shelf or change who sees it",
        tags=TAGS,
        request=ShelfSerializer,
        responses={200: ShelfSerializer, 400: _VALIDATION, 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
    delete=extend_schema(
        operation_id="shelves_destroy",
        summary="Delete a shelf (its books stay in your library)",
        tags=TAGS,
        responses={204: _NO_CONTENT, 401: _UNAUTHENTICATED, 404: _NOT_FOUND},
    ),
)
class ShelfDetailView(generics.RetrieveUpdateDestroyAPIView[Shelf]):
    serializer_class = ShelfSerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Shelf]:
        if _fake(self):
            return Shelf.objects.none()
        return _shelves_with_counts(
            Shelf.objects.filter(user=self.request.user), self.request.user, owner=True
        )

    def get_object(self) -> Shelf:
        shelf = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if shelf is None:
            raise NotFound(SHELF_NOT_FOUND)
        return shelf

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        shelf = self.get_object()
        serializer = ShelfSerializer(
            shelf, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        try:
            library.update_shelf(shelf, serializer.validated_data)
        except library.DuplicateShelfName:
            raise serializers.ValidationError(
                {"name": [_("You already have a shelf with this name.")]}
            ) from None
        return Response(ShelfSerializer(self.get_object()).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        library.delete_shelf(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


# Other readers' libraries


@extend_schema_view(
    get=extend_schema(
        operation_id="users_library_list",
        summary="A reader's library",
        tags=TAGS,
        description=(
            "The entries of the reader that you may see (each entry's audience; with `shelf`, the shelf's "
            "too), without private notes. Filters and sorting as in `library/`."
        ),
        parameters=[LibraryQuerySerializer],
        responses={200: PublicLibraryEntrySerializer(many=True), 400: _VALIDATION, 404: _NOT_FOUND},
    )
)
class ReaderLibraryView(generics.ListAPIView[LibraryEntry]):
    serializer_class = PublicLibraryEntrySerializer
    permission_classes = [AllowAny]
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet[LibraryEntry]:
        if _fake(self):
            return LibraryEntry.objects.none()
        owner_id, audiences = self.reader_and_audiences()
        viewer = self.request.user
        query = LibraryQuerySerializer(
            data=self.request.query_params, context={"owner": owner_id, "viewer": viewer}
        )
        query.is_valid(raise_exception=True)
        # The audiences the page is cached for bound what it shows, whatever changed since they were read.
        entries = get_visibility_policy().filter_queryset(
            LibraryEntry.objects.filter(user=owner_id, audience__in=audiences), viewer
        )
        # The entries' relations are loaded after the page is cut (_cached_library_page).
        return filter_entries(entries, query.validated_data)

    def reader_and_audiences(self) -> tuple[Any, list[str]]:
        """The id of the reader whose library it is, and the audiences of their items the viewer may see:
        for one owner's rows a complete description of what the policy lets the viewer see (a cache key)."""
        if not hasattr(self, "_reader"):
            self._reader = find_reader_and_audiences(self.request, self.kwargs["username"])
        return self._reader

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse | Response:
        owner_id, audiences = self.reader_and_audiences()
        return _cached_library_page(self, owner_id, f"reader|{','.join(audiences)}", public=True)


@extend_schema_view(
    get=extend_schema(
        operation_id="users_shelves_list",
        summary="A reader's shelves",
        tags=TAGS,
        description=(
            "The shelves of the reader that you may see, each with how many of its books you may see."
        ),
        responses={200: ShelfSerializer(many=True), 404: _NOT_FOUND},
    )
)
class ReaderShelvesView(generics.ListAPIView[Shelf]):
    serializer_class = ShelfSerializer
    permission_classes = [AllowAny]
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet[Shelf]:
        if _fake(self):
            return Shelf.objects.none()
        owner = find_reader(self.request, self.kwargs["username"])
        viewer = self.request.user
        shelves = get_visibility_policy().filter_queryset(Shelf.objects.filter(user=owner), viewer)
        return _shelves_with_counts(shelves, viewer, owner=viewer.is_authenticated and viewer.pk == owner.pk)

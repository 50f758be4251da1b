"""Views of the books API. Reading needs no account; signed-in readers add and correct books and
editions (each change recorded in the book's history); staff revert changes and merge duplicates.

Views parse and authorise; :mod:`mybookconnect.books.services` and :mod:`mybookconnect.books.merge` do
the work.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.permissions import AllowAny, IsAdminUser, IsAuthenticatedOrReadOnly
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mybookconnect.books import caching, services
from mybookconnect.books import merge as merging
from mybookconnect.books.api.serializers import (
    AUTHOR_BOOK_ORDERINGS,
    AUTHOR_FIRST_BOOKS,
    AuthorBookSerializer,
    AuthorBooksQuerySerializer,
    AuthorDetailSerializer,
    AuthorSummarySerializer,
    BookDetailSerializer,
    BookListQuerySerializer,
    BookSummarySerializer,
    BookWriteSerializer,
    EditionSerializer,
    EditionUpdateSerializer,
    EditionWriteSerializer,
    MergeSerializer,
    NameSearchQuerySerializer,
    RevisionSerializer,
    SeriesDetailSerializer,
    SeriesSummarySerializer,
    SubjectListSerializer,
)
from mybookconnect.books.conf import books_settings
from mybookconnect.books.models import (
    Author,
    Book,
    BookAuthor,
    BookQuerySet,
    BookSeries,
    Edition,
    MergeKind,
    MergeRedirect,
    Revision,
    Series,
    Subject,
)
from mybookconnect.books.search import BooksInOrder
from mybookconnect.core.api.serializers import ErrorSerializer
from mybookconnect.core.pagination import PageNumberPagination

_DUPLICATE_ISBN_RESPONSE = inline_serializer(
    name="DuplicateIsbnResponse",
    fields={
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
        "edition": serializers.IntegerField(help_text=_("The edition that has this ISBN.")),
    },
)
_VALIDATION_RESPONSE = OpenApiResponse(description="Invalid input: {field: [messages]}.")
_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Not found.")
_FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Not signed in, or not staff.")
_MOVED = OpenApiResponse(description="Merged into another object: Location gives the survivor.")


class DuplicateIsbnError(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "duplicate_isbn"

    def __init__(self, edition: Edition) -> None:
        super().__init__()
        self.detail = {
            "detail": str(_("An edition with this ISBN already exists.")),
            "code": self.default_code,
            "edition": edition.pk,
        }


class NotRevertibleError(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "not_revertible"
    default_detail = _("This change cannot be reverted.")


def _cached_json(request: Request, key: str | None, seconds: int, render: Any) -> HttpResponse | None:
    """The JSON body stored under ``key``, else the data ``render()`` returns, rendered and stored;
    ``None`` when the cache is off or the client asked for another format (the browsable API)."""
    renderer = getattr(request, "accepted_renderer", None)
    if key is None or not isinstance(renderer, JSONRenderer):
        return None
    body = caching.get_body(key)
    if body is None:
        body = renderer.render(render(), request.accepted_media_type, {"request": request})
        caching.store_body(key, body, seconds)
    return HttpResponse(body, content_type=renderer.media_type)


class MergeRedirectMixin:
    """Detail views whose object may have been merged: a GET of the old id answers 301 to the survivor."""

    merge_kind: str
    not_found_message: Any = _("Not found.")

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().get(request, *args, **kwargs)  # type: ignore[misc]
        except NotFound:
            redirect = MergeRedirect.objects.filter(kind=self.merge_kind, old_id=kwargs["pk"]).first()
            if redirect is None:
                raise
            path = request.path.replace(f"/{kwargs['pk']}/", f"/{redirect.new_id}/", 1)
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)

    def get_object(self) -> Any:
        try:
            return super().get_object()  # type: ignore[misc]
        except Http404:
            raise NotFound(self.not_found_message) from None


# Books


@extend_schema_view(
    get=extend_schema(
        operation_id="books_list",
        summary="List and search books",
        tags=["books"],
        description=(
            "Books of the catalog, paginated. `q` searches (an ISBN in any form finds its edition's book; "
            "otherwise words of the title, subtitle, authors and series, accent- and typo-tolerant on "
            "PostgreSQL, best match first). Filters narrow the list; `ordering` sorts it."
        ),
        parameters=[BookListQuerySerializer],
        responses={200: BookSummarySerializer(many=True), 400: _VALIDATION_RESPONSE, 404: _NOT_FOUND},
    ),
    post=extend_schema(
        operation_id="books_create",
        summary="Add a book",
        tags=["books"],
        request=BookWriteSerializer,
        responses={201: BookDetailSerializer, 400: _VALIDATION_RESPONSE, 401: _FORBIDDEN, 403: _FORBIDDEN},
    ),
)
class BookListView(generics.ListCreateAPIView[Book]):
    """Books of the catalog, a page at a time, searched, filtered and sorted; signed-in readers add books."""

    queryset = Book.objects.all()
    serializer_class = BookSummarySerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    pagination_class = PageNumberPagination
    query_serializer_class = BookListQuerySerializer

    def get_serializer_class(self) -> Any:
        return BookWriteSerializer if self.request.method == "POST" else BookSummarySerializer

    def get_list_query(self) -> dict[str, Any]:
        """The validated query string; a ``ValidationError`` (400) if invalid."""
        if not hasattr(self, "_list_query"):
            query = self.query_serializer_class(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            self._list_query = query.validated_data
        return self._list_query

    def filter_queryset(self, queryset: BookQuerySet) -> BookQuerySet:
        query = self.get_list_query()
        if query.get("author"):
            queryset = queryset.filter(
                Exists(BookAuthor.objects.filter(book=OuterRef("pk"), author_id=query["author"]))
            )
        if query.get("series"):
            queryset = queryset.filter(
                Exists(BookSeries.objects.filter(book=OuterRef("pk"), series_id=query["series"]))
            )
        if query.get("subject"):
            queryset = queryset.filter(
                Exists(
                    Subject.books.through.objects.filter(book=OuterRef("pk"), subject__slug=query["subject"])
                )
            )
        if query.get("language"):
            queryset = queryset.filter(original_language=query["language"])
        if query.get("year_min"):
            queryset = queryset.filter(first_published_year__gte=query["year_min"])
        if query.get("year_max"):
            queryset = queryset.filter(first_published_year__lte=query["year_max"])
        if query.get("has_isbn") is not None:
            with_isbn = Exists(Edition.objects.filter(book=OuterRef("pk"), isbn_13__isnull=False))
            queryset = queryset.filter(with_isbn if query["has_isbn"] else ~with_isbn)
        narrowed = queryset.query.has_filters()
        queryset = queryset.search(query["q"])
        ordering = query.get("ordering") or ("relevance" if query["q"].strip() else "title")
        ranked_ids = getattr(queryset, "search_ids", None)
        if ranked_ids is not None and ordering == "relevance" and not narrowed:
            # Search alone, in its own order: page through its ids (no COUNT, no sort of every match).
            return BooksInOrder(ranked_ids, Book.objects.with_list_relations())  # type: ignore[return-value]
        return queryset.in_order(ordering).with_list_relations()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        query = self.get_list_query()
        if not query["q"].strip():
            return super().list(request, *args, **kwargs)
        # Searches are cached whole (see mybookconnect.books.caching): a popular query costs no query.
        key = caching.search_results_key(
            "&".join(sorted(request.META.get("QUERY_STRING", "").split("&"))),
            caching.response_variant(request),
        )
        cached = _cached_json(
            request,
            key,
            books_settings.BOOKS_SEARCH_CACHE_SECONDS,
            lambda: super(BookListView, self).list(request, *args, **kwargs).data,
        )
        return cached if cached is not None else super().list(request, *args, **kwargs)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = BookWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        book = services.create_book(serializer.validated_data, request.user)
        book = Book.objects.with_detail_relations().get(pk=book.pk)
        return Response(BookDetailSerializer(book, context=self.get_serializer_context()).data, status=201)


@extend_schema_view(
    get=extend_schema(
        operation_id="books_retrieve",
        summary="Show a book",
        tags=["books"],
        responses={200: BookDetailSerializer, 301: _MOVED, 404: _NOT_FOUND},
    ),
    patch=extend_schema(
        operation_id="books_partial_update",
        summary="Correct a book",
        tags=["books"],
        request=BookWriteSerializer,
        responses={
            200: BookDetailSerializer,
            400: _VALIDATION_RESPONSE,
            401: _FORBIDDEN,
            403: _FORBIDDEN,
            404: _NOT_FOUND,
        },
    ),
)
class BookDetailView(MergeRedirectMixin, generics.RetrieveUpdateAPIView[Book]):
    """One book with its authors, editions, series, subjects and aggregates; signed-in readers correct it."""

    queryset = Book.objects.with_detail_relations()
    serializer_class = BookDetailSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "patch", "head", "options"]
    merge_kind = MergeKind.BOOK
    not_found_message = _("Book not found.")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        # The rendered page is cached per book (see mybookconnect.books.caching); a miss, a merged id
        # (NotFound, then 301) and other formats take the usual way.
        key = caching.book_page_key(int(kwargs["pk"]), caching.response_variant(request))
        cached = _cached_json(
            request,
            key,
            books_settings.BOOKS_DETAIL_CACHE_SECONDS,
            lambda: self.get_serializer(self.get_object()).data,
        )
        return cached if cached is not None else super().retrieve(request, *args, **kwargs)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        book = self.get_object()
        serializer = BookWriteSerializer(
            book, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        services.update_book(book, serializer.validated_data, request.user)
        book = Book.objects.with_detail_relations().get(pk=book.pk)
        return Response(BookDetailSerializer(book, context=self.get_serializer_context()).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="books_history_list",
        summary="A book's edit history",
        tags=["books"],
        responses={200: RevisionSerializer(many=True), 404: _NOT_FOUND},
    )
)
class BookHistoryView(generics.ListAPIView[Revision]):
    """Every change to a book and its editions, newest first."""

    serializer_class = RevisionSerializer
    permission_classes = [AllowAny]
    pagination_class = PageNumberPagination

    def get_queryset(self) -> Any:
        book = get_object_or_404(Book.objects.only("id"), pk=self.kwargs["pk"])
        return Revision.objects.filter(book=book).select_related("user").order_by("-created_at", "-id")


@extend_schema_view(
    post=extend_schema(
        operation_id="books_history_revert",
        summary="Revert a change (staff)",
        tags=["books"],
        request=None,
        responses={
            201: RevisionSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Not revertible."),
            403: _FORBIDDEN,
            404: _NOT_FOUND,
            409: OpenApiResponse(_DUPLICATE_ISBN_RESPONSE, description="An old ISBN is now taken."),
        },
    )
)
class RevisionRevertView(APIView):
    """Undo one revision of a book's history; the undoing is itself a new revision."""

    permission_classes = [IsAdminUser]

    def post(self, request: Request, pk: int, revision: int) -> Response:
        found = Revision.objects.filter(book_id=pk, pk=revision).select_related("edition", "book").first()
        if found is None:
            raise NotFound(_("No such change in this book's history."))
        try:
            record = services.revert_revision(found, request.user)
        except services.NotRevertible as exc:
            raise NotRevertibleError() from exc
        except services.DuplicateIsbn as exc:
            raise DuplicateIsbnError(exc.edition) from exc
        return Response(RevisionSerializer(record).data, status=201)


class MergeView(APIView):
    """Merge the object in the URL into ``into`` (staff). The old id answers 301 afterwards."""

    permission_classes = [IsAdminUser]
    model: Any
    merge_function: Any
    result_serializer: Any

    def post(self, request: Request, pk: int) -> Response:
        source = self.model.objects.filter(pk=pk).first()
        if source is None:
            raise NotFound()
        serializer = MergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = self.model.objects.filter(pk=serializer.validated_data["into"]).first()
        if target is None:
            raise serializers.ValidationError({"into": [_("No such object to merge into.")]})
        if target.pk == source.pk:
            raise serializers.ValidationError({"into": [_("An object cannot be merged into itself.")]})
        survivor = type(self).merge_function(source, target, request.user)
        return Response(self.render(survivor))

    def render(self, survivor: Any) -> Any:
        return {"id": survivor.pk}


_MERGE_RESPONSE = inline_serializer(name="MergeResult", fields={"id": serializers.IntegerField()})


def _merge_schema(noun: str) -> Any:
    return extend_schema(
        operation_id=f"{noun}s_merge",
        summary=f"Merge a duplicate {noun} into another (staff)",
        tags=["books"],
        request=MergeSerializer,
        responses={200: _MERGE_RESPONSE, 400: _VALIDATION_RESPONSE, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )


@extend_schema_view(post=_merge_schema("book"))
class BookMergeView(MergeView):
    model = Book
    merge_function = staticmethod(merging.merge_books)


@extend_schema_view(post=_merge_schema("edition"))
class EditionMergeView(MergeView):
    model = Edition
    merge_function = staticmethod(merging.merge_editions)


@extend_schema_view(post=_merge_schema("author"))
class AuthorMergeView(MergeView):
    model = Author
    merge_function = staticmethod(merging.merge_authors)


# Editions


@extend_schema_view(
    post=extend_schema(
        operation_id="editions_create",
        summary="Add an edition",
        tags=["books"],
        request=EditionWriteSerializer,
        responses={
            201: EditionSerializer,
            400: _VALIDATION_RESPONSE,
            401: _FORBIDDEN,
            403: _FORBIDDEN,
            409: OpenApiResponse(
                _DUPLICATE_ISBN_RESPONSE, description="The ISBN belongs to another edition."
            ),
        },
    )
)
class EditionCreateView(generics.CreateAPIView[Edition]):
    """A signed-in reader adds an edition to a book."""

    serializer_class = EditionWriteSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = EditionWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        book = data.pop("book")
        try:
            edition = services.create_edition(book, data, request.user)
        except services.DuplicateIsbn as exc:
            raise DuplicateIsbnError(exc.edition) from exc
        return Response(EditionSerializer(edition, context=self.get_serializer_context()).data, status=201)


@extend_schema_view(
    get=extend_schema(
        operation_id="editions_retrieve",
        summary="Show an edition",
        tags=["books"],
        responses={200: EditionSerializer, 301: _MOVED, 404: _NOT_FOUND},
    ),
    patch=extend_schema(
        operation_id="editions_partial_update",
        summary="Correct an edition",
        tags=["books"],
        request=EditionUpdateSerializer,
        responses={
            200: EditionSerializer,
            400: _VALIDATION_RESPONSE,
            401: _FORBIDDEN,
            403: _FORBIDDEN,
            404: _NOT_FOUND,
            409: OpenApiResponse(
                _DUPLICATE_ISBN_RESPONSE, description="The ISBN belongs to another edition."
            ),
        },
    ),
)
class EditionDetailView(MergeRedirectMixin, generics.RetrieveUpdateAPIView[Edition]):
    """One edition; signed-in readers correct it."""

    queryset = Edition.objects.all()
    serializer_class = EditionSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "patch", "head", "options"]
    merge_kind = MergeKind.EDITION
    not_found_message = _("Edition not found.")

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        edition = self.get_object()
        serializer = EditionUpdateSerializer(
            edition, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        try:
            services.update_edition(edition, serializer.validated_data, request.user)
        except services.DuplicateIsbn as exc:
            raise DuplicateIsbnError(exc.edition) from exc
        edition.refresh_from_db()
        return Response(EditionSerializer(edition, context=self.get_serializer_context()).data)


# Authors, series, subjects


def filter_by_name(queryset: Any, request: Request) -> Any:
    """``queryset`` narrowed by the ``q`` query parameter, a contains-match on ``name`` (400 if invalid)."""
    query = NameSearchQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    text = query.validated_data["q"].strip()
    return queryset.filter(name__icontains=text) if text else queryset


@extend_schema_view(
    get=extend_schema(
        operation_id="authors_list",
        summary="List authors",
        tags=["books"],
        parameters=[NameSearchQuerySerializer],
        responses={200: AuthorSummarySerializer(many=True), 400: _VALIDATION_RESPONSE},
    )
)
class AuthorListView(generics.ListAPIView[Author]):
    """Authors by sort name; ``q`` keeps those whose name contains the text."""

    serializer_class = AuthorSummarySerializer
    permission_classes = [AllowAny]
    pagination_class = PageNumberPagination

    def get_queryset(self) -> Any:
        authors = Author.objects.annotate(books_count=Count("book_authors__book", distinct=True))
        return filter_by_name(authors, self.request).order_by("sort_name", "id")


@extend_schema_view(
    get=extend_schema(
        operation_id="authors_retrieve",
        summary="Show an author and their most-read books",
        tags=["books"],
        description=(
            f"The author, how many books they have (`books_count`) and their {AUTHOR_FIRST_BOOKS} most-read "
            "books; every book, a page at a time, is at `authors/{id}/books/`."
        ),
        responses={200: AuthorDetailSerializer, 301: _MOVED, 404: _NOT_FOUND},
    )
)
class AuthorDetailView(MergeRedirectMixin, generics.RetrieveAPIView[Author]):
    """An author, their number of books and the first few of them: two queries, none when cached."""

    queryset = Author.objects.annotate(books_count=Count("book_authors__book", distinct=True))
    serializer_class = AuthorDetailSerializer
    permission_classes = [AllowAny]
    merge_kind = MergeKind.AUTHOR
    not_found_message = _("Author not found.")

    def get_object(self) -> Author:
        author: Author = super().get_object()
        author.first_books = list(  # type: ignore[attr-defined]
            BookAuthor.objects.filter(author=author)
            .select_related("book")
            .order_by(*AUTHOR_BOOK_ORDERINGS["-readers_count"])[:AUTHOR_FIRST_BOOKS]
        )
        return author

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        # Cached like a book's page (see mybookconnect.books.caching); a merged id still answers 301.
        key = caching.author_page_key(int(kwargs["pk"]), caching.response_variant(request))
        cached = _cached_json(
            request,
            key,
            books_settings.BOOKS_DETAIL_CACHE_SECONDS,
            lambda: self.get_serializer(self.get_object()).data,
        )
        return cached if cached is not None else super().retrieve(request, *args, **kwargs)


@extend_schema_view(
    get=extend_schema(
        operation_id="authors_books_list",
        summary="An author's books",
        tags=["books"],
        description=(
            "Every book of the author, with their role in it, paginated; most read first unless "
            "`ordering` says otherwise. A book appears once per role the author has in it."
        ),
        parameters=[AuthorBooksQuerySerializer],
        responses={
            200: AuthorBookSerializer(many=True),
            301: _MOVED,
            400: _VALIDATION_RESPONSE,
            404: _NOT_FOUND,
        },
    )
)
class AuthorBooksView(MergeRedirectMixin, generics.ListAPIView[BookAuthor]):
    """An author's books a page at a time: the count and the page, two queries whatever the page size."""

    serializer_class = AuthorBookSerializer
    permission_classes = [AllowAny]
    pagination_class = PageNumberPagination
    merge_kind = MergeKind.AUTHOR
    not_found_message = _("Author not found.")

    def get_queryset(self) -> Any:
        query = AuthorBooksQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return (
            BookAuthor.objects.filter(author_id=self.kwargs["pk"])
            .select_related("book")
            .order_by(*AUTHOR_BOOK_ORDERINGS[query.validated_data["ordering"]])
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        page = self.paginate_queryset(self.get_queryset())
        # Only an empty first page asks whether the author exists: a merged id then answers 301.
        if not page and not Author.objects.filter(pk=kwargs["pk"]).exists():
            raise NotFound(self.not_found_message)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="series_list",
        summary="List series",
        tags=["books"],
        parameters=[NameSearchQuerySerializer],
        responses={200: SeriesSummarySerializer(many=True), 400: _VALIDATION_RESPONSE},
    )
)
class SeriesListView(generics.ListAPIView[Series]):
    serializer_class = SeriesSummarySerializer
    permission_classes = [AllowAny]
    pagination_class = PageNumberPagination

    def get_queryset(self) -> Any:
        series = Series.objects.annotate(books_count=Count("book_series", distinct=True))
        return filter_by_name(series, self.request).order_by("name", "id")


@extend_schema_view(
    get=extend_schema(
        operation_id="series_retrieve",
        summary="Show a series and its books in order",
        tags=["books"],
        responses={200: SeriesDetailSerializer, 404: _NOT_FOUND},
    )
)
class SeriesDetailView(generics.RetrieveAPIView[Series]):
    queryset = Series.objects.prefetch_related(
        Prefetch(
            "book_series",
            queryset=BookSeries.objects.select_related("book")
            .prefetch_related(
                Prefetch(
                    "book__book_authors",
                    queryset=BookAuthor.objects.select_related("author").order_by("position", "id"),
                )
            )
            .order_by("position", "book__first_published_year", "id"),
        )
    )
    serializer_class = SeriesDetailSerializer
    permission_classes = [AllowAny]

    def get_object(self) -> Series:
        try:
            return super().get_object()
        except Http404:
            raise NotFound(_("Series not found.")) from None


@extend_schema_view(
    get=extend_schema(
        operation_id="subjects_list",
        summary="List subjects",
        tags=["books"],
        responses={200: SubjectListSerializer(many=True)},
    )
)
class SubjectListView(generics.ListAPIView[Subject]):
    serializer_class = SubjectListSerializer
    permission_classes = [AllowAny]
    pagination_class = PageNumberPagination
    queryset = Subject.objects.annotate(books_count=Count("books", distinct=True)).order_by("name", "id")

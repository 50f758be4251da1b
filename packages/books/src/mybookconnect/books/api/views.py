"""Views of the books API: reading the catalog needs no account."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

from mybookconnect.books.api.serializers import (
    BookDetailSerializer,
    BookListQuerySerializer,
    BookSummarySerializer,
)
from mybookconnect.books.models import Book, BookQuerySet
from mybookconnect.core.api.serializers import ErrorSerializer
from mybookconnect.core.pagination import PageNumberPagination

_LIST_QUERY_ERROR_RESPONSE = inline_serializer(
    name="BookListQueryErrorResponse",
    fields={
        "search": serializers.ListField(child=serializers.CharField(), required=False),
        "ordering": serializers.ListField(child=serializers.CharField(), required=False),
    },
)


@extend_schema_view(
    get=extend_schema(
        operation_id="books_list",
        summary="List books",
        tags=["books"],
        description=(
            "Books of the catalog, paginated. `search` keeps the books whose title or subtitle contains "
            "the text, ignoring case; `ordering` sorts them. An unknown `ordering` or too long a `search` "
            "is a 400."
        ),
        parameters=[BookListQuerySerializer],
        responses={
            200: BookSummarySerializer(many=True),
            400: OpenApiResponse(_LIST_QUERY_ERROR_RESPONSE, description="An invalid search or ordering."),
            404: OpenApiResponse(ErrorSerializer, description="A page past the last one."),
        },
    )
)
class BookListView(generics.ListAPIView[Book]):
    """Books of the catalog, a page at a time, optionally searched and sorted."""

    queryset = Book.objects.all()
    serializer_class = BookSummarySerializer
    permission_classes = [AllowAny]
    pagination_class = PageNumberPagination
    query_serializer_class = BookListQuerySerializer

    def get_list_query(self) -> dict[str, Any]:
        """The validated ``search`` and ``ordering`` parameters; a ``ValidationError`` (400) if invalid."""
        if not hasattr(self, "_list_query"):
            query = self.query_serializer_class(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            self._list_query = query.validated_data
        return self._list_query

    def filter_queryset(self, queryset: BookQuerySet) -> BookQuerySet:
        query = self.get_list_query()
        return queryset.search(query["search"]).in_order(query["ordering"])


@extend_schema_view(
    get=extend_schema(
        operation_id="books_retrieve",
        summary="Show a book",
        tags=["books"],
        responses={
            200: BookDetailSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No book with this id."),
        },
    )
)
class BookDetailView(generics.RetrieveAPIView[Book]):
    """One book."""

    queryset = Book.objects.all()
    serializer_class = BookDetailSerializer
    permission_classes = [AllowAny]

    def get_object(self) -> Book:
        try:
            return super().get_object()
        except Http404:
            # Django's message names the model class; readers get a sentence in their language.
            raise NotFound(_("Book not found.")) from None

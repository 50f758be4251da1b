"""Views of outside metadata: the book lookup, and the placeholder cover of books without one."""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views import View
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mybookconnect.books.api.lookup_serializers import BookLookupSerializer
from mybookconnect.books.api.serializers import BookDetailSerializer
from mybookconnect.books.covers import book_cover_author, placeholder_cover_svg
from mybookconnect.books.lookup import BookNotFound, lookup_book
from mybookconnect.books.models import Book
from mybookconnect.books.providers import ProviderError, ProviderTimeout
from mybookconnect.core.api.serializers import ErrorSerializer

COVER_MAX_AGE = 60 * 60 * 24


class LookupNotFound(NotFound):
    default_detail = _("No metadata provider knows this book.")
    default_code = "not_found"


class ProviderFailed(APIException):
    status_code = status.HTTP_502_BAD_GATEWAY
    default_detail = _("The book metadata service failed to answer. Try again later.")
    default_code = "provider_error"


class ProviderTimedOut(APIException):
    status_code = status.HTTP_504_GATEWAY_TIMEOUT
    default_detail = _("The book metadata service took too long to answer. Try again later.")
    default_code = "provider_timeout"


_LOOKUP_ERRORS = inline_serializer(
    name="BookLookupErrorResponse",
    fields={
        name: serializers.ListField(child=serializers.CharField(), required=False)
        for name in ("isbn", "title", "author")
    },
)

_LOOKUP_SCHEMA = extend_schema(
    operation_id="books_lookup",
    summary="Look a book up in outside catalogs and add it",
    tags=["books"],
    description=(
        "Looks the book up by `isbn` (10 or 13 digits, hyphens allowed) or by `title` (and optionally "
        "`author`) in the configured metadata providers (Open Library, Google Books), and adds it to "
        "the catalog with its edition, authors, subjects and cover. A book already in the catalog (same "
        "ISBN, same Open Library work, or same title and author) is returned as it is, with a 200, and "
        "completed with what it lacked; a new book is a 201. When a provider fails or times out, "
        "nothing is written."
    ),
    request=BookLookupSerializer,
    responses={
        200: OpenApiResponse(BookDetailSerializer, description="The book was already in the catalog."),
        201: OpenApiResponse(BookDetailSerializer, description="The book was added to the catalog."),
        400: OpenApiResponse(_LOOKUP_ERRORS, description="Invalid input, per field."),
        401: OpenApiResponse(ErrorSerializer, description="Not signed in."),
        404: OpenApiResponse(
            ErrorSerializer, description='No provider knows the book (`"code": "not_found"`).'
        ),
        502: OpenApiResponse(ErrorSerializer, description='A provider failed (`"provider_error"`).'),
        504: OpenApiResponse(
            ErrorSerializer, description='A provider timed out (`"code": "provider_timeout"`).'
        ),
    },
    examples=[
        OpenApiExample("By ISBN", value={"isbn": "978-0-14-032872-1"}, request_only=True),
        OpenApiExample(
            "By title",
            value={"title": "The Pillars of the Earth", "author": "Ken Follett"},
            request_only=True,
        ),
    ],
)


class BookLookupView(APIView):
    """POST an ISBN or a title: the catalog's book for it, added from outside metadata if needed."""

    permission_classes = [IsAuthenticated]
    serializer_class = BookLookupSerializer

    @_LOOKUP_SCHEMA
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = self.serializer_class(data=request.data)
        query.is_valid(raise_exception=True)
        try:
            result = lookup_book(**query.validated_data, user=request.user)
        except BookNotFound:
            raise LookupNotFound() from None
        except ProviderTimeout:
            raise ProviderTimedOut() from None
        except ProviderError:
            raise ProviderFailed() from None
        book = Book.objects.with_detail_relations().get(pk=result.book.pk)
        body = BookDetailSerializer(book, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)


class BookCoverPlaceholderView(View):
    """``GET books/{id}/cover.svg``: the book's placeholder card, or a redirect to its real cover."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            book = get_object_or_404(Book.objects.prefetch_related("book_authors__author"), pk=pk)
        except Http404:
            # JSON like the rest of the API.
            return JsonResponse({"detail": str(_("Book not found.")), "code": "not_found"}, status=404)
        if book.cover:
            return HttpResponseRedirect(book.cover.url)
        if book.cover_url:
            return HttpResponseRedirect(book.cover_url)
        author = book_cover_author(book)
        etag = '"' + hashlib.sha256(f"{book.title}\0{author}".encode()).hexdigest()[:32] + '"'
        response = get_conditional_response(request, etag=etag)
        if response is None:
            response = HttpResponse(placeholder_cover_svg(book.title, author), content_type="image/svg+xml")
        response["ETag"] = etag
        # A placeholder changes only when the title or first author does; the ETag catches that.
        patch_cache_control(response, public=True, max_age=COVER_MAX_AGE)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return response

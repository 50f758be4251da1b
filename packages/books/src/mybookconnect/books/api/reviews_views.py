"""Views of the reviews API: a book's reviews, one review, its likes, comments and reports, and a
reader's reviews.

What a viewer may not see answers 404, as if it did not exist: a review through core's visibility
policy, and its likes, comments and reports through the review. Views parse and authorise;
:mod:`mybookconnect.books.reviews` does the work.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, Page
from django.core.paginator import Paginator as DjangoPaginator
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import APIException, NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mybookconnect.books import caching
from mybookconnect.books import reviews as services
from mybookconnect.books.api.library_views import find_reader
from mybookconnect.books.api.reviews_serializers import (
    REVIEW_ORDERINGS,
    CommentSerializer,
    CommentUpdateSerializer,
    CommentWriteSerializer,
    LikeSerializer,
    ReportSerializer,
    ReportWriteSerializer,
    ReviewListQuerySerializer,
    ReviewSerializer,
    ReviewWriteSerializer,
    review_book_json,
    review_json,
)
from mybookconnect.books.api.views import MergeRedirectMixin
from mybookconnect.books.conf import books_settings
from mybookconnect.books.models import Book, Comment, MergeKind, Review
from mybookconnect.core.api.serializers import ErrorSerializer
from mybookconnect.core.pagination import PageNumberPagination
from mybookconnect.core.visibility import viewer_pk

_VALIDATION_RESPONSE = OpenApiResponse(description="Invalid input: {field: [messages]}.")
_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Not found, or not visible to the viewer.")
_FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed to change it.")
_REVIEW_EXISTS_RESPONSE = inline_serializer(
    name="ReviewExistsResponse",
    fields={
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
        "review": serializers.IntegerField(help_text=_("The reader's review of this book.")),
    },
)
TAGS = ["reviews"]


class ReviewExistsError(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "review_exists"

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.detail = {
            "detail": str(_("You already reviewed this book: edit that review instead.")),
            "code": self.default_code,
            "review": review_id,
        }


class RowsFirstPaginator(DjangoPaginator):
    """Reads a page's rows before counting them all: a page shorter than the page size (the only page
    of most books' reviews) tells the count, so the COUNT query is left out. A full page is counted
    when the response asks for the count."""

    def page(self, number: Any) -> Page:
        try:
            number = int(number)
        except (TypeError, ValueError):
            return super().page(number)  # not a number: the usual error
        if number < 1 or self.orphans:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        if len(rows) < self.per_page:
            self.__dict__["count"] = bottom + len(rows)  # the cached_property's value
        return self._get_page(rows, number, self)


class ReviewPagination(PageNumberPagination):
    """Page numbers, counted only when needed (:class:`RowsFirstPaginator`)."""

    django_paginator_class = RowsFirstPaginator

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        if not isinstance(getattr(request, "accepted_renderer", None), BrowsableAPIRenderer):
            self.template = None  # no page controls to draw, so no count needed for them
        return super().paginate_queryset(queryset, request, view)


def visible_review(request: Request, pk: int, *, display: bool = False) -> Review:
    """The review ``pk`` if the viewer may see it (with the fields the API shows when ``display``),
    else 404."""
    reviews = services.visible_reviews(request.user, Review.objects.filter(pk=pk))
    if display:
        reviews = services.with_display_fields(reviews, request.user)
    review = reviews.first()
    if review is None:
        raise NotFound(_("Review not found."))
    return review


def visible_comment(request: Request, pk: int) -> Comment:
    """The comment ``pk`` (not deleted) if the viewer may see its review, else 404."""
    comment = Comment.objects.select_related("review").filter(pk=pk, deleted_at__isnull=True).first()
    if comment is None or not services.can_view(request.user, comment.review):
        raise NotFound(_("Comment not found."))
    return comment


def _review_response(request: Request, pk: int, status_code: int = 200) -> Response:
    review = visible_review(request, pk, display=True)
    return Response(ReviewSerializer(review, context={"request": request}).data, status=status_code)


def _ordered(query_params: Any) -> tuple[str, ...]:
    query = ReviewListQuerySerializer(data=query_params)
    query.is_valid(raise_exception=True)
    return REVIEW_ORDERINGS[query.validated_data["ordering"]]


# A book's reviews


@extend_schema_view(
    get=extend_schema(
        operation_id="books_reviews_list",
        summary="A book's reviews",
        tags=TAGS,
        description="The reviews of a book the viewer may see, newest or most liked first, paginated.",
        parameters=[ReviewListQuerySerializer],
        responses={
            200: ReviewSerializer(many=True),
            301: OpenApiResponse(description="The book was merged: Location gives the survivor's reviews."),
            400: _VALIDATION_RESPONSE,
            404: _NOT_FOUND,
        },
    ),
    post=extend_schema(
        operation_id="books_reviews_create",
        summary="Review a book",
        tags=TAGS,
        description="One review per reader and book: a second one answers 409 with the first one's id.",
        request=ReviewWriteSerializer,
        responses={
            201: ReviewSerializer,
            400: _VALIDATION_RESPONSE,
            401: _FORBIDDEN,
            403: _FORBIDDEN,
            404: _NOT_FOUND,
            409: OpenApiResponse(_REVIEW_EXISTS_RESPONSE, description="The reader already reviewed it."),
        },
    ),
)
class BookReviewsView(MergeRedirectMixin, generics.ListCreateAPIView[Review]):
    """A book's reviews, a page at a time: three queries (the book, the count, the page) whatever
    the page size, none when the page is cached for this viewer (:func:`caching.book_reviews_page`);
    signed-in readers add theirs.

    The list is the hot path of a book's page: its rows are dicts built straight from the columns
    (:func:`~mybookconnect.books.reviews.display_rows`, :func:`review_json`), not model instances
    through :class:`ReviewSerializer` (which stays the schema; the tests check both give the same).
    """

    queryset = Review.objects.none()  # the schema's model; list() gives the rows
    serializer_class = ReviewSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    pagination_class = ReviewPagination
    merge_kind = MergeKind.BOOK

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse | Response:
        ordering = _ordered(request.query_params)
        renderer = getattr(request, "accepted_renderer", None)
        cached = None
        if isinstance(renderer, JSONRenderer):
            cached = caching.book_reviews_page(
                kwargs["pk"],
                viewer_pk(request.user),
                caching.query_identity(request),
                caching.response_variant(request),
            )
            if cached is not None and cached.value is not None:
                return HttpResponse(cached.value, content_type=renderer.media_type)
        found = Book.objects.filter(pk=kwargs["pk"]).order_by().only("pk", "title", "cover", "cover_url")[:1]
        book = next(iter(found), None)
        if book is None:
            raise NotFound(_("Book not found."))
        reviews = services.visible_reviews(request.user, Review.objects.filter(book_id=book.pk))
        rows = services.display_rows(reviews.order_by(*ordering), request.user, book=False)
        page = services.add_own_bodies(
            self.paginate_queryset(services.CountedRows(reviews, rows)) or [], request.user
        )
        book_json = review_book_json(request, book)
        response = self.get_paginated_response(
            [review_json(row, request=request, book=book_json) for row in page]
        )
        if cached is None:
            return response
        body = renderer.render(response.data, request.accepted_media_type, {"request": request})
        cached.store(body, books_settings.BOOKS_DETAIL_CACHE_SECONDS)
        return HttpResponse(body, content_type=renderer.media_type)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        book = Book.objects.filter(pk=kwargs["pk"]).first()
        if book is None:
            raise NotFound(_("Book not found."))
        serializer = ReviewWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            review = services.create_review(request.user, book, serializer.validated_data)
        except services.ReviewExists as exc:
            raise ReviewExistsError(exc.review_id) from exc
        return _review_response(request, review.pk, status.HTTP_201_CREATED)


# One review


@extend_schema_view(
    get=extend_schema(
        operation_id="reviews_retrieve",
        summary="Show a review",
        tags=TAGS,
        responses={200: ReviewSerializer, 404: _NOT_FOUND},
    ),
    patch=extend_schema(
        operation_id="reviews_partial_update",
        summary="Edit your review",
        tags=TAGS,
        request=ReviewWriteSerializer,
        responses={200: ReviewSerializer, 400: _VALIDATION_RESPONSE, 403: _FORBIDDEN, 404: _NOT_FOUND},
    ),
    delete=extend_schema(
        operation_id="reviews_destroy",
        summary="Delete a review (its author, or staff)",
        tags=TAGS,
        responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND},
    ),
)
class ReviewDetailView(APIView):
    """One review; its author edits and deletes it, staff may delete it."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ReviewSerializer

    def get(self, request: Request, pk: int) -> Response:
        return _review_response(request, pk)

    def patch(self, request: Request, pk: int) -> Response:
        review = visible_review(request, pk)
        if review.user_id != request.user.pk:
            raise PermissionDenied(_("Only its author may edit a review."))
        serializer = ReviewWriteSerializer(review, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.update_review(review, serializer.validated_data)
        return _review_response(request, pk)

    def delete(self, request: Request, pk: int) -> Response:
        review = visible_review(request, pk)
        if review.user_id != request.user.pk and not request.user.is_staff:
            raise PermissionDenied(_("Only its author or staff may delete a review."))
        services.delete_review(review)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Likes


@extend_schema_view(
    post=extend_schema(
        operation_id="reviews_like_create",
        summary="Like a review",
        tags=TAGS,
        description="Idempotent: liking a review twice leaves one like.",
        request=None,
        responses={200: LikeSerializer, 401: _FORBIDDEN, 403: _FORBIDDEN, 404: _NOT_FOUND},
    ),
    delete=extend_schema(
        operation_id="reviews_like_destroy",
        summary="Take back a like",
        tags=TAGS,
        description="Idempotent: answers the same when there was no like.",
        responses={200: LikeSerializer, 401: _FORBIDDEN, 403: _FORBIDDEN, 404: _NOT_FOUND},
    ),
)
class ReviewLikeView(APIView):
    permission_classes = [IsAuthenticated]
    serializer_class = LikeSerializer

    def post(self, request: Request, pk: int) -> Response:
        review = visible_review(request, pk)
        services.like_review(request.user, review)
        return Response({"liked": True, "likes_count": services.likes_count(review)})

    def delete(self, request: Request, pk: int) -> Response:
        review = visible_review(request, pk)
        services.unlike_review(request.user, review)
        return Response({"liked": False, "likes_count": services.likes_count(review)})


# Comments


@extend_schema_view(
    get=extend_schema(
        operation_id="reviews_comments_list",
        summary="A review's comments",
        tags=TAGS,
        description=(
            "Every comment in thread order (each followed by its replies, oldest first), flat, with its "
            "parent and depth; paginated."
        ),
        responses={200: CommentSerializer(many=True), 404: _NOT_FOUND},
    ),
    post=extend_schema(
        operation_id="reviews_comments_create",
        summary="Comment on a review, or reply to a comment",
        tags=TAGS,
        request=CommentWriteSerializer,
        responses={
            201: CommentSerializer,
            400: _VALIDATION_RESPONSE,
            401: _FORBIDDEN,
            403: _FORBIDDEN,
            404: _NOT_FOUND,
        },
    ),
)
class ReviewCommentsView(generics.ListCreateAPIView[Comment]):
    """A review's discussion: three queries a page (the review, the thread's order, the page)."""

    queryset = Comment.objects.none()  # the schema's model; list() gives the rows
    serializer_class = CommentSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    pagination_class = PageNumberPagination

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        review = visible_review(request, kwargs["pk"])
        page = self.paginate_queryset(services.thread_order(review.pk)) or []
        depths = dict(page)
        comments = Comment.objects.filter(pk__in=depths).select_related("user").in_bulk()
        serializer = CommentSerializer(
            [comments[comment_id] for comment_id, _depth in page if comment_id in comments],
            many=True,
            context={"request": request, "depths": depths},
        )
        return self.get_paginated_response(serializer.data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        review = visible_review(request, kwargs["pk"])
        serializer = CommentWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        parent = None
        if serializer.validated_data.get("parent"):
            parent = Comment.objects.filter(pk=serializer.validated_data["parent"]).first()
            if parent is None:
                raise serializers.ValidationError({"parent": [_("No such comment on this review.")]})
        comment = services.add_comment(request.user, review, serializer.validated_data["body"], parent)
        data = CommentSerializer(
            comment, context={"request": request, "depths": {comment.pk: services.comment_depth(comment)}}
        ).data
        return Response(data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    patch=extend_schema(
        operation_id="comments_partial_update",
        summary="Edit your comment",
        tags=TAGS,
        request=CommentUpdateSerializer,
        responses={200: CommentSerializer, 400: _VALIDATION_RESPONSE, 403: _FORBIDDEN, 404: _NOT_FOUND},
    ),
    delete=extend_schema(
        operation_id="comments_destroy",
        summary="Delete a comment (its author, or staff)",
        tags=TAGS,
        description="A comment with replies keeps its place in the thread with its text removed.",
        responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND},
    ),
)
class CommentDetailView(APIView):
    permission_classes = [IsAuthenticated]
    serializer_class = CommentSerializer

    def patch(self, request: Request, pk: int) -> Response:
        comment = visible_comment(request, pk)
        if comment.user_id != request.user.pk:
            raise PermissionDenied(_("Only its author may edit a comment."))
        serializer = CommentUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.edit_comment(comment, serializer.validated_data["body"])
        comment = Comment.objects.select_related("user").get(pk=comment.pk)
        context = {"request": request, "depths": {comment.pk: services.comment_depth(comment)}}
        return Response(CommentSerializer(comment, context=context).data)

    def delete(self, request: Request, pk: int) -> Response:
        comment = visible_comment(request, pk)
        if comment.user_id != request.user.pk and not request.user.is_staff:
            raise PermissionDenied(_("Only its author or staff may delete a comment."))
        services.delete_comment(comment)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Reports


def _report_schema(noun: str) -> Any:
    return extend_schema(
        operation_id=f"{noun}s_report_create",
        summary=f"Report a {noun} to staff",
        tags=TAGS,
        description="Reporting again while your earlier report of it is open returns that one (200).",
        request=ReportWriteSerializer,
        responses={
            200: ReportSerializer,
            201: ReportSerializer,
            400: _VALIDATION_RESPONSE,
            401: _FORBIDDEN,
            403: _FORBIDDEN,
            404: _NOT_FOUND,
        },
    )


class ReportView(APIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ReportWriteSerializer
    own_item_message: Any

    def target(self, request: Request, pk: int) -> dict[str, Any]:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        target = self.target(request, pk)
        item = next(iter(target.values()))
        serializer = ReportWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if item.user_id == request.user.pk:
            raise serializers.ValidationError(self.own_item_message)
        found, created = services.report(request.user, **serializer.validated_data, **target)
        return Response(
            ReportSerializer(found).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


@extend_schema_view(post=_report_schema("review"))
class ReviewReportView(ReportView):
    own_item_message = _("You cannot report your own review.")

    def target(self, request: Request, pk: int) -> dict[str, Any]:
        return {"review": visible_review(request, pk)}


@extend_schema_view(post=_report_schema("comment"))
class CommentReportView(ReportView):
    own_item_message = _("You cannot report your own comment.")

    def target(self, request: Request, pk: int) -> dict[str, Any]:
        return {"comment": visible_comment(request, pk)}


# A reader's reviews


@extend_schema_view(
    get=extend_schema(
        operation_id="users_reviews_list",
        summary="A reader's reviews",
        tags=TAGS,
        description="The reviews of a reader the viewer may see, newest or most liked first, paginated.",
        parameters=[ReviewListQuerySerializer],
        responses={200: ReviewSerializer(many=True), 400: _VALIDATION_RESPONSE, 404: _NOT_FOUND},
    )
)
class UserReviewsView(generics.ListAPIView[Review]):
    """A reader's reviews: three queries (the reader, the count, the page) whatever the page size;
    rows built like a book's reviews (see :class:`BookReviewsView`)."""

    queryset = Review.objects.none()  # the schema's model; list() gives the rows
    serializer_class = ReviewSerializer
    pagination_class = ReviewPagination

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        ordering = _ordered(request.query_params)
        author = find_reader(request, kwargs["username"])
        reviews = services.visible_reviews(request.user, Review.objects.filter(user=author))
        rows = services.display_rows(reviews.order_by(*ordering), request.user)
        page = services.add_own_bodies(
            self.paginate_queryset(services.CountedRows(reviews, rows)) or [], request.user
        )
        return self.get_paginated_response([review_json(row, request=request) for row in page])

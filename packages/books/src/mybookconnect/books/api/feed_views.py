"""Views of the feed API: a reader's home feed, and one reader's activity (for their profile).

The queries and the rules of who sees what are in :mod:`mybookconnect.books.feed`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from mybookconnect.books import caching, feed
from mybookconnect.books.api.feed_serializers import ActivitySerializer, render_rows
from mybookconnect.books.api.library_views import find_reader
from mybookconnect.books.conf import books_settings
from mybookconnect.books.models import Activity
from mybookconnect.core.api.serializers import ErrorSerializer
from mybookconnect.core.pagination import CursorPagination


class FeedPagination(CursorPagination):
    """Newest first; ``?cursor=`` from ``next`` / ``previous``, ``?page_size=`` up to 50."""

    ordering = ("-created_at", "-id")
    page_size = 20
    max_page_size = 50

    def decode_cursor(self, request: Any) -> Any:
        cursor = super().decode_cursor(request)
        # A cursor's position is a moment; any other is forged (404, as DRF says of bad cursors).
        if cursor is not None and cursor.position is not None:
            try:
                moment = parse_datetime(cursor.position)
            except ValueError:
                moment = None
            if moment is None:
                raise NotFound(self.invalid_cursor_message)
        return cursor


class ActivityListView(generics.ListAPIView):
    """Base of the feed views: a cursor-paginated list of activities, each completed for drawing."""

    serializer_class = ActivitySerializer
    pagination_class = FeedPagination

    def get_queryset(self) -> Any:
        """The activities listed: a queryset (drawn by the serializer), or on PostgreSQL a
        :class:`~mybookconnect.books.feed.ActivityPage` (drawn by ``render_rows``, the same JSON)."""
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no reader
            return Activity.objects.none()
        if feed.use_single_statement():
            return feed.ActivityPage(self.request.user, self.get_owners)
        return self.get_activities()

    def get_owners(self) -> list[Any]:
        """Whose activities are listed, as far as the viewer may see them: lists of ids and
        ``values()`` querysets of ids (:class:`~mybookconnect.books.feed.ActivityPage`)."""
        raise NotImplementedError

    def get_activities(self) -> QuerySet:
        """The activities listed, as a queryset (:func:`~mybookconnect.books.feed.visible_activities`)."""
        raise NotImplementedError

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        queryset = self.get_queryset()
        page = self.paginate_queryset(queryset) or []
        if isinstance(queryset, feed.ActivityPage):
            return self.get_paginated_response(render_rows(page, request))
        feed.complete_page(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="feed_list",
        summary="Your feed",
        tags=["feed"],
        description=(
            "What you and the readers you follow did (started, finished, stopped, rated, reviewed, shelved, "
            "progress, followed), newest first, never anything you may not see. Shelving many books at once "
            "is one item with up to four `books` and `books_count`. Cursor pages: follow `next`."
        ),
        responses={
            200: ActivitySerializer(many=True),
            401: OpenApiResponse(ErrorSerializer, description="Not signed in."),
        },
    )
)
class FeedView(ActivityListView):
    """``GET feed/``: the signed-in reader's feed.

    Pages are cached whole, as JSON (:func:`mybookconnect.books.caching.feed_page_key`): the ids of
    the readers followed are read first (cached until the viewer follows or unfollows someone:
    :func:`~mybookconnect.books.caching.followed_ids`; else one query), then the tokens of the
    viewer, of those readers and of the catalog (one cache round trip), then the page, read for those
    same readers."""

    permission_classes = [IsAuthenticated]
    followed: list[Any] | None = None

    def get_owners(self) -> list[Any]:
        return feed.feed_owners(self.request.user, self.followed)

    def get_activities(self) -> QuerySet:
        return feed.feed_for(self.request.user, self.followed)

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        seconds = books_settings.BOOKS_FEED_CACHE_SECONDS
        renderer = getattr(request, "accepted_renderer", None)
        if not seconds or not isinstance(renderer, JSONRenderer):  # the browsable API is never cached
            return super().list(request, *args, **kwargs)
        followed = caching.followed_ids(request.user.pk)
        self.followed = None if followed is None else followed.value
        if self.followed is None:
            self.followed = feed.followed_ids(request.user)
            if followed is not None:
                followed.store(self.followed, seconds)
        key = caching.feed_page_key(
            request.user.pk, self.followed, caching.query_identity(request), caching.response_variant(request)
        )
        body = caching.get_body(key)
        if body is None:
            response = super().list(request, *args, **kwargs)
            body = renderer.render(response.data, request.accepted_media_type, {"request": request})
            caching.store_body(key, body, seconds)
        return HttpResponse(body, content_type=renderer.media_type)


@extend_schema_view(
    get=extend_schema(
        operation_id="users_activity_list",
        summary="A reader's activity",
        tags=["feed"],
        description=(
            "One reader's activities that you may see (all of them for your own), newest first, in the "
            "feed's shape. 404 when there is no such reader, or they blocked you."
        ),
        responses={
            200: ActivitySerializer(many=True),
            404: OpenApiResponse(ErrorSerializer, description="No such reader."),
        },
    )
)
class ReaderActivityView(ActivityListView):
    """``GET users/{username}/activity/``: one reader's activity, for their profile."""

    permission_classes = [AllowAny]

    def get_owners(self) -> list[Any]:
        return [[self.get_reader().pk]]

    def get_activities(self) -> QuerySet:
        return feed.activities_of(self.get_reader(), self.request.user)

    def get_reader(self) -> Any:
        # The same reader the library and reviews pages find (exact spelling first; 404 when blocked).
        return find_reader(self.request, self.kwargs["username"])

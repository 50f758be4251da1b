"""Views of the feed API: a reader's home feed, and one reader's activity (for their profile).

The queries and the rules of who sees what are in :mod:`mybookconnect.books.feed`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated

from mybookconnect.books import feed
from mybookconnect.books.api.feed_serializers import ActivitySerializer
from mybookconnect.books.models import Activity
from mybookconnect.core.api.serializers import ErrorSerializer
from mybookconnect.core.pagination import CursorPagination
from mybookconnect.core.visibility import Audience, get_visibility_policy


def _has_field(model: Any, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


class FeedPagination(CursorPagination):
    """Newest first; ``?cursor=`` from ``next`` / ``previous``, ``?page_size=`` up to 50."""

    ordering = ("-created_at", "-id")
    page_size = 20
    max_page_size = 50


class ActivityListView(generics.ListAPIView):
    """Base of the feed views: a cursor-paginated list of activities, each completed for drawing."""

    serializer_class = ActivitySerializer
    pagination_class = FeedPagination

    def paginate_queryset(self, queryset: QuerySet) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        feed.complete_page(page or [])
        return page


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
    """``GET feed/``: the signed-in reader's feed."""

    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no reader
            return Activity.objects.none()
        return feed.feed_for(self.request.user)


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

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no reader
            return Activity.objects.none()
        return feed.activities_of(self.get_reader(), self.request.user)

    def get_reader(self) -> Any:
        user_model = get_user_model()
        username = self.kwargs["username"]
        readers = user_model._default_manager.filter(**{f"{user_model.USERNAME_FIELD}__iexact": username})
        if _has_field(user_model, "is_active"):
            readers = readers.filter(is_active=True)
        # A site's table may hold "Ann" and "ann": the exact spelling wins.
        matches = sorted(readers.order_by("pk")[:2], key=lambda reader: reader.get_username() != username)
        # A reader whose public items the viewer may not see (they blocked the viewer) is not there.
        if not matches or not get_visibility_policy().can_view(
            self.request.user, matches[0], Audience.PUBLIC
        ):
            raise NotFound()
        return matches[0]

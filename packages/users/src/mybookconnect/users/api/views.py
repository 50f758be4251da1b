"""Views of the users API. Each is a class a site may subclass (for example to move the refresh
token into a cookie) and keeps the work in ``mybookconnect.users.services``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, parsers, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.views import TokenViewBase

from mybookconnect.core.api.serializers import ErrorSerializer
from mybookconnect.core.pagination import PageNumberPagination

from .. import services
from ..conf import users_settings
from ..models import FollowRequest
from ..throttles import LoginAccountThrottle, LoginIPThrottle, RegisterIPThrottle
from .account_serializers import AccountDeletionSerializer
from .serializers import (
    AccountSerializer,
    AvatarUploadSerializer,
    BlockedReaderSerializer,
    FollowListItemSerializer,
    FollowRequestSerializer,
    FollowStatusSerializer,
    LogoutSerializer,
    MeSerializer,
    ProfileUpdateSerializer,
    ReaderCardSerializer,
    ReaderSerializer,
    RegistrationSerializer,
    TokenObtainSerializer,
    TokenPairSerializer,
    TokenRefreshSerializer,
)

TAGS = ["auth"]
INVALID_TOKEN = OpenApiResponse(ErrorSerializer, description="Forged, expired, blacklisted or reused token.")
VALIDATION_ERROR = OpenApiResponse(description='Bad input: {"field": ["message", ...], ...}.')


class RegistrationOpen(permissions.BasePermission):
    """Refuses registration when the site sets ``MYBOOKCONNECT["USERS_REGISTRATION_OPEN"] = False``."""

    message = _("Registration is closed.")
    code = "registration_closed"

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(users_settings.USERS_REGISTRATION_OPEN)


@extend_schema(
    tags=TAGS,
    summary="Create an account",
    request=RegistrationSerializer,
    responses={
        201: AccountSerializer,
        400: VALIDATION_ERROR,
        403: OpenApiResponse(ErrorSerializer, description="Registration is closed."),
    },
)
class RegisterView(generics.CreateAPIView):
    """Creates an account and its profile. Needs no token; the client logs in afterwards."""

    serializer_class = RegistrationSerializer
    authentication_classes = ()
    permission_classes = (RegistrationOpen,)
    throttle_classes = [RegisterIPThrottle]


@extend_schema(
    tags=TAGS,
    summary="Obtain an access and a refresh token",
    request=TokenObtainSerializer,
    responses={
        200: TokenPairSerializer,
        400: VALIDATION_ERROR,
        401: OpenApiResponse(ErrorSerializer, description="Wrong credentials or inactive account."),
    },
)
class TokenObtainView(TokenViewBase):
    """Takes ``{"username", "password"}`` and answers ``{"access", "refresh"}``."""

    serializer_class = TokenObtainSerializer
    throttle_classes = [LoginIPThrottle, LoginAccountThrottle]


@extend_schema(
    tags=TAGS,
    summary="Exchange a refresh token for a new pair",
    request=TokenRefreshSerializer,
    responses={200: TokenPairSerializer, 400: VALIDATION_ERROR, 401: INVALID_TOKEN},
)
class TokenRefreshView(TokenViewBase):
    """Takes ``{"refresh"}``, blacklists it and answers a new ``{"access", "refresh"}``."""

    serializer_class = TokenRefreshSerializer


@extend_schema(
    tags=TAGS,
    summary="Revoke a refresh token",
    request=LogoutSerializer,
    responses={
        204: OpenApiResponse(description="The refresh token is revoked."),
        400: VALIDATION_ERROR,
        401: INVALID_TOKEN,
    },
)
class LogoutView(TokenViewBase):
    """Blacklists the given refresh token. Holding the token is the proof: no access token needed."""

    serializer_class = LogoutSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            serializer.save()
        except TokenError as exc:
            raise InvalidToken(exc.args[0]) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)


NOT_SIGNED_IN = OpenApiResponse(ErrorSerializer, description="Not signed in.")
NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="No such reader, or the reader blocked you (the two look the same)."
)
PEOPLE_TAGS = ["people"]


# --- the signed-in reader ------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        summary="The signed-in account and profile",
        responses={200: MeSerializer, 401: NOT_SIGNED_IN},
    ),
    patch=extend_schema(
        tags=TAGS,
        summary="Edit the profile",
        request=ProfileUpdateSerializer,
        responses={200: MeSerializer, 400: VALIDATION_ERROR, 401: NOT_SIGNED_IN},
    ),
    delete=extend_schema(
        tags=TAGS,
        summary="Delete the account",
        description='Send `{"password": "..."}` as the JSON body (OpenAPI 3.0 cannot describe a '
        "DELETE body, so it is not listed below). A wrong or missing password is a 400 and deletes nothing.",
        request=AccountDeletionSerializer,
        responses={
            204: OpenApiResponse(description="The account and everything about it are gone."),
            400: VALIDATION_ERROR,
            401: NOT_SIGNED_IN,
        },
    ),
)
class MeView(generics.GenericAPIView):
    """The reader the access token belongs to: read and edit the profile, or delete the account."""

    serializer_class = MeSerializer
    permission_classes = (permissions.IsAuthenticated,)
    pagination_class = None

    def me_response(self) -> Response:
        me = services.me_with_counts(self.request.user)
        return Response(MeSerializer(me, context=self.get_serializer_context()).data)

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.me_response()

    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ProfileUpdateSerializer(
            data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return self.me_response()

    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = AccountDeletionSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    put=extend_schema(
        tags=TAGS,
        summary="Upload an avatar",
        request={"multipart/form-data": AvatarUploadSerializer},
        responses={200: MeSerializer, 400: VALIDATION_ERROR, 401: NOT_SIGNED_IN},
    ),
    delete=extend_schema(
        tags=TAGS,
        summary="Remove the avatar",
        request=None,
        responses={204: OpenApiResponse(description="No avatar any more."), 401: NOT_SIGNED_IN},
    ),
)
class AvatarView(generics.GenericAPIView):
    """Replace the avatar with an uploaded picture (multipart field ``avatar``), or remove it."""

    serializer_class = AvatarUploadSerializer
    permission_classes = (permissions.IsAuthenticated,)
    parser_classes = (parsers.MultiPartParser, parsers.FormParser)
    pagination_class = None

    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        me = services.me_with_counts(request.user)
        return Response(MeSerializer(me, context=self.get_serializer_context()).data)

    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.remove_avatar(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- other readers -------------------------------------------------------------------------------


class ReaderMixin:
    """Finds the reader named in the URL, answering 404 when they blocked the viewer."""

    request: Request
    kwargs: dict[str, Any]

    def get_reader(self) -> Any:
        return services.find_reader(self.request.user, self.kwargs["username"])


def refuse(exc: services.ActionRefused) -> exceptions.APIException:
    if exc.code == "blocked":
        return exceptions.PermissionDenied(exc.message, exc.code)
    return exceptions.ValidationError({"non_field_errors": [exceptions.ErrorDetail(exc.message, exc.code)]})


@extend_schema(
    tags=PEOPLE_TAGS,
    summary="Search for readers",
    parameters=[
        OpenApiParameter(
            "search",
            OpenApiTypes.STR,
            required=True,
            description="At least 2 characters of a username or name.",
        )
    ],
    responses={200: ReaderCardSerializer(many=True), 400: VALIDATION_ERROR},
)
class ReaderSearchView(generics.ListAPIView):
    """Readers whose username or display name matches ``?search=``, best matches first.

    Leaves out readers who opted out of search, inactive accounts, and blocks either way.
    """

    serializer_class = ReaderCardSerializer
    permission_classes = (permissions.AllowAny,)
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet:
        query = self.request.query_params.get("search", "").strip()
        minimum = users_settings.USERS_SEARCH_MIN_LENGTH
        if len(query) < minimum:
            raise exceptions.ValidationError(
                {"search": [_("Type at least %(count)s characters.") % {"count": minimum}]}
            )
        if len(query) > 100:
            raise exceptions.ValidationError({"search": [_("Type at most 100 characters.")]})
        return services.search_readers(self.request.user, query)


@extend_schema(
    tags=PEOPLE_TAGS,
    summary="A reader's profile",
    responses={200: ReaderSerializer, 404: NOT_FOUND},
)
class ReaderDetailView(ReaderMixin, generics.GenericAPIView):
    """The profile as the viewer may see it: everyone gets the card, allowed viewers the rest."""

    serializer_class = ReaderSerializer
    permission_classes = (permissions.AllowAny,)
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_serializer(self.get_reader()).data)


@extend_schema_view(
    post=extend_schema(
        tags=PEOPLE_TAGS,
        summary="Follow a reader (or ask to)",
        request=None,
        responses={
            200: OpenApiResponse(FollowStatusSerializer, description="Already following or requested."),
            201: OpenApiResponse(FollowStatusSerializer, description="Now following."),
            202: OpenApiResponse(FollowStatusSerializer, description="Request sent; they approve followers."),
            400: OpenApiResponse(description="You cannot follow yourself."),
            401: NOT_SIGNED_IN,
            403: OpenApiResponse(ErrorSerializer, description="You blocked them (code blocked)."),
            404: NOT_FOUND,
        },
    ),
    delete=extend_schema(
        tags=PEOPLE_TAGS,
        summary="Unfollow, or cancel a pending request",
        request=None,
        responses={
            204: OpenApiResponse(description="Not following any more."),
            401: NOT_SIGNED_IN,
            404: NOT_FOUND,
        },
    ),
)
class FollowView(ReaderMixin, generics.GenericAPIView):
    """Follow or unfollow the reader in the URL."""

    serializer_class = FollowStatusSerializer
    permission_classes = (permissions.IsAuthenticated,)
    pagination_class = None

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            follow_status, created = services.follow(request.user, self.get_reader())
        except services.ActionRefused as exc:
            raise refuse(exc) from exc
        if not created:
            code = status.HTTP_200_OK
        else:
            code = status.HTTP_201_CREATED if follow_status == "following" else status.HTTP_202_ACCEPTED
        return Response({"status": follow_status}, status=code)

    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.unfollow(request.user, self.get_reader())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    tags=PEOPLE_TAGS,
    summary="Remove a follower",
    request=None,
    responses={
        204: OpenApiResponse(description="They no longer follow you."),
        401: NOT_SIGNED_IN,
        404: NOT_FOUND,
    },
)
class FollowerView(ReaderMixin, generics.GenericAPIView):
    """Remove the reader in the URL from the signed-in reader's followers."""

    permission_classes = (permissions.IsAuthenticated,)
    pagination_class = None

    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.remove_follower(request.user, self.get_reader())
        return Response(status=status.HTTP_204_NO_CONTENT)


FOLLOW_LIST_RESPONSES = {
    200: FollowListItemSerializer(many=True),
    403: OpenApiResponse(
        ErrorSerializer, description="The profile is not visible to you (private) or its lists are hidden."
    ),
    404: NOT_FOUND,
}


class FollowListView(ReaderMixin, generics.ListAPIView):
    """Base of the followers and following lists: shown to whoever may see the profile, when its owner
    shows the lists (always to the owner)."""

    serializer_class = FollowListItemSerializer
    permission_classes = (permissions.AllowAny,)
    pagination_class = PageNumberPagination
    #: Which side of each ``Follow`` row is listed.
    listed_side = ""

    def follows(self, reader: Any) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        viewer = self.request.user
        reader = self.get_reader()
        if not services.can_view_profile(viewer, reader):
            raise exceptions.PermissionDenied(_("This profile is private."), "private")
        is_self = viewer.is_authenticated and viewer.pk == reader.pk
        if not (is_self or services.profile_of(reader).show_follow_lists):
            raise exceptions.PermissionDenied(
                _("This reader keeps their follow lists hidden."), "follow_lists_hidden"
            )
        return self.follows(reader)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        users = [getattr(row, self.listed_side) for row in page]
        return self.get_paginated_response(self.get_serializer(users, many=True).data)


@extend_schema(tags=PEOPLE_TAGS, summary="A reader's followers", responses=FOLLOW_LIST_RESPONSES)
class FollowersView(FollowListView):
    """Who follows the reader, newest first."""

    listed_side = "follower"

    def follows(self, reader: Any) -> QuerySet:
        return services.followers_of(reader)


@extend_schema(tags=PEOPLE_TAGS, summary="Whom a reader follows", responses=FOLLOW_LIST_RESPONSES)
class FollowingView(FollowListView):
    """Whom the reader follows, newest first."""

    listed_side = "followee"

    def follows(self, reader: Any) -> QuerySet:
        return services.following_of(reader)


@extend_schema(
    tags=PEOPLE_TAGS,
    summary="Pending follow requests",
    parameters=[
        OpenApiParameter(
            "direction",
            OpenApiTypes.STR,
            enum=["incoming", "outgoing"],
            description="incoming (default): requests to follow you; outgoing: the ones you sent.",
        )
    ],
    responses={200: FollowRequestSerializer(many=True), 400: VALIDATION_ERROR, 401: NOT_SIGNED_IN},
)
class FollowRequestListView(generics.ListAPIView):
    """Requests waiting for the signed-in reader's answer, or (``?direction=outgoing``) the ones they sent."""

    serializer_class = FollowRequestSerializer
    permission_classes = (permissions.IsAuthenticated,)
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet:
        direction = self.request.query_params.get("direction", "incoming")
        if direction == "incoming":
            return services.incoming_follow_requests(self.request.user)
        if direction == "outgoing":
            return services.outgoing_follow_requests(self.request.user)
        raise exceptions.ValidationError({"direction": [_('Use "incoming" or "outgoing".')]})


class FollowRequestAnswerView(generics.GenericAPIView):
    """Base of accept and reject: only the request's target may answer (others get a 404)."""

    permission_classes = (permissions.IsAuthenticated,)
    pagination_class = None

    def get_request(self) -> FollowRequest:
        return get_object_or_404(
            FollowRequest.objects.select_related("requester"), pk=self.kwargs["pk"], target=self.request.user
        )


@extend_schema(
    tags=PEOPLE_TAGS,
    summary="Accept a follow request",
    request=None,
    responses={200: FollowStatusSerializer, 401: NOT_SIGNED_IN, 404: OpenApiResponse(ErrorSerializer)},
)
class FollowRequestAcceptView(FollowRequestAnswerView):
    """The requester becomes a follower; answers ``{"status": "following"}``."""

    serializer_class = FollowStatusSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.accept_follow_request(self.get_request())
        return Response({"status": "following"})


@extend_schema(
    tags=PEOPLE_TAGS,
    summary="Reject a follow request",
    request=None,
    responses={
        204: OpenApiResponse(description="Rejected."),
        401: NOT_SIGNED_IN,
        404: OpenApiResponse(ErrorSerializer),
    },
)
class FollowRequestRejectView(FollowRequestAnswerView):
    """The request is dropped; the requester is not told, and may ask again."""

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.reject_follow_request(self.get_request())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    post=extend_schema(
        tags=PEOPLE_TAGS,
        summary="Block a reader",
        request=None,
        responses={
            200: OpenApiResponse(description="Already blocked."),
            201: OpenApiResponse(description="Blocked; follows and requests both ways are gone."),
            400: OpenApiResponse(description="You cannot block yourself."),
            401: NOT_SIGNED_IN,
            404: OpenApiResponse(ErrorSerializer),
        },
    ),
    delete=extend_schema(
        tags=PEOPLE_TAGS,
        summary="Unblock a reader",
        request=None,
        responses={
            204: OpenApiResponse(description="Unblocked."),
            401: NOT_SIGNED_IN,
            404: OpenApiResponse(ErrorSerializer),
        },
    ),
)
class BlockView(generics.GenericAPIView):
    """Block or unblock the reader in the URL (even one who blocked you)."""

    permission_classes = (permissions.IsAuthenticated,)
    pagination_class = None

    def get_reader(self) -> Any:
        user_model = get_user_model()
        return get_object_or_404(
            services.active_users(), **{f"{user_model.USERNAME_FIELD}__iexact": self.kwargs["username"]}
        )

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            created = services.block(request.user, self.get_reader())
        except services.ActionRefused as exc:
            raise refuse(exc) from exc
        return Response(status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.unblock(request.user, self.get_reader())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    tags=PEOPLE_TAGS,
    summary="Readers you blocked",
    responses={200: BlockedReaderSerializer(many=True), 401: NOT_SIGNED_IN},
)
class BlockListView(generics.ListAPIView):
    """Readers the signed-in reader blocked, newest first."""

    serializer_class = BlockedReaderSerializer
    permission_classes = (permissions.IsAuthenticated,)
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet:
        return services.blocks_of(self.request.user)

"""Views of the account endpoints. Each is a class a site may subclass (the deploy project's cookie
session does, for the password change); the work is in ``mybookconnect.users.accounts``."""

from __future__ import annotations

from typing import Any

from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response

from mybookconnect.core.api.serializers import ErrorSerializer
from mybookconnect.core.export import collect_user_data

from .. import services
from ..throttles import PasswordResetAccountThrottle, PasswordResetIPThrottle
from .account_serializers import (
    DetailSerializer,
    EmailChangeConfirmSerializer,
    EmailChangeSerializer,
    PasswordChangeSerializer,
    PasswordResetConfirmSerializer,
    PasswordResetSerializer,
)
from .serializers import MeSerializer, TokenPairSerializer

TAGS = ["auth"]
VALIDATION_ERROR = OpenApiResponse(description='Bad input: {"field": ["message", ...], ...}.')
NOT_SIGNED_IN = OpenApiResponse(ErrorSerializer, description="Not signed in.")
THROTTLED = OpenApiResponse(
    ErrorSerializer, description="Too many requests; the Retry-After header says when to try again."
)

PASSWORD_RESET_SENT = _("If an account uses that address, we sent a link to it.")
EMAIL_CHANGE_SENT = _("We sent a confirmation link to the new address.")


@extend_schema(
    tags=TAGS,
    summary="Change the password",
    description="Needs the current password. Revokes every refresh token of the account (other devices "
    "are signed out when their access token expires) and answers a new pair.",
    request=PasswordChangeSerializer,
    responses={200: TokenPairSerializer, 400: VALIDATION_ERROR, 401: NOT_SIGNED_IN},
)
class PasswordChangeView(generics.GenericAPIView):
    """Sets a new password and answers a fresh ``{"access", "refresh"}``."""

    serializer_class = PasswordChangeSerializer
    permission_classes = (permissions.IsAuthenticated,)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.save())


@extend_schema(
    tags=TAGS,
    summary="Ask for a password reset link",
    description="Emails a link to the SPA's reset page if an active account uses the address. The answer "
    "is the same either way, so that nobody learns who has an account.",
    request=PasswordResetSerializer,
    responses={202: DetailSerializer, 400: VALIDATION_ERROR, 429: THROTTLED},
)
class PasswordResetView(generics.GenericAPIView):
    """Sends the reset email, if there is an account to send it to; always answers 202."""

    serializer_class = PasswordResetSerializer
    authentication_classes = ()
    permission_classes = (permissions.AllowAny,)
    throttle_classes = (PasswordResetIPThrottle, PasswordResetAccountThrottle)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response({"detail": PASSWORD_RESET_SENT}, status=status.HTTP_202_ACCEPTED)


@extend_schema(
    tags=TAGS,
    summary="Set a new password from a reset link",
    description="Takes the `uid` and `token` of the link and the new password. The link works once and "
    "expires (PASSWORD_RESET_TIMEOUT). Revokes every refresh token of the account.",
    request=PasswordResetConfirmSerializer,
    responses={
        204: OpenApiResponse(description="The password is set; sign in with it."),
        400: OpenApiResponse(description='Bad input, or a bad, expired or used link: {"token": ["..."]}.'),
    },
)
class PasswordResetConfirmView(generics.GenericAPIView):
    """Sets the password chosen through a reset link."""

    serializer_class = PasswordResetConfirmSerializer
    authentication_classes = ()
    permission_classes = (permissions.AllowAny,)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    tags=TAGS,
    summary="Ask to change the email address",
    description="Needs the password. Emails a confirmation link to the new address; the account keeps its "
    "current address until the link is followed (auth/email/change/confirm/).",
    request=EmailChangeSerializer,
    responses={202: DetailSerializer, 400: VALIDATION_ERROR, 401: NOT_SIGNED_IN},
)
class EmailChangeView(generics.GenericAPIView):
    """Sends the link that confirms a new email address."""

    serializer_class = EmailChangeSerializer
    permission_classes = (permissions.IsAuthenticated,)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response({"detail": EMAIL_CHANGE_SENT}, status=status.HTTP_202_ACCEPTED)


@extend_schema(
    tags=TAGS,
    summary="Confirm a new email address",
    description="Takes the token of the link sent to the new address; needs no sign-in (the token is the "
    "proof). The link works once and expires (USERS_EMAIL_CHANGE_MAX_AGE).",
    request=EmailChangeConfirmSerializer,
    responses={
        200: MeSerializer,
        400: OpenApiResponse(description='Bad input, or a bad, expired or used link: {"token": ["..."]}.'),
    },
)
class EmailChangeConfirmView(generics.GenericAPIView):
    """Moves the account to its new address and answers the account as ``GET auth/me/`` does."""

    serializer_class = EmailChangeConfirmSerializer
    authentication_classes = ()
    permission_classes = (permissions.AllowAny,)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.save()
        me = services.me_with_counts(user)
        return Response(MeSerializer(me, context=self.get_serializer_context()).data)


@extend_schema(
    tags=TAGS,
    summary="Download everything the site holds about the reader",
    description="A JSON document with one section per app (the users app's is `account`: the account, "
    "profile, follows, follow requests and blocks), sent as an attachment.",
    responses={
        200: OpenApiResponse(
            {"type": "object", "additionalProperties": True}, description="The reader's data by section."
        ),
        401: NOT_SIGNED_IN,
    },
)
class DataExportView(generics.GenericAPIView):
    """Answers ``collect_user_data(user)`` as a downloadable JSON file."""

    permission_classes = (permissions.IsAuthenticated,)
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = Response(collect_user_data(request.user))
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"mybookconnect-export-{request.user.get_username()}.json"
        )
        return response

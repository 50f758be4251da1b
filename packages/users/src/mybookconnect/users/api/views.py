"""Views of the users API. Each is a class a site may subclass (for example to move the refresh
token into a cookie) and keeps the work in ``mybookconnect.users.services``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.views import TokenViewBase

from mybookconnect.core.api.serializers import ErrorSerializer

from ..conf import users_settings
from .serializers import (
    AccountSerializer,
    LogoutSerializer,
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


@extend_schema(
    tags=TAGS,
    summary="The signed-in account",
    responses={200: AccountSerializer, 401: OpenApiResponse(ErrorSerializer, description="Not signed in.")},
)
class MeView(generics.RetrieveAPIView):
    """The account of the reader the access token belongs to."""

    serializer_class = AccountSerializer
    permission_classes = (permissions.IsAuthenticated,)

    def get_object(self) -> Any:
        return self.request.user

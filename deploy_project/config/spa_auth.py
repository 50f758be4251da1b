"""Token endpoints for the SPA: the refresh token lives in an HttpOnly cookie, never in a body.

The SPA keeps its access token in memory only, so a script injected into the page can steal at most
a token that expires in minutes. The long-lived refresh token travels in the ``mbc_refresh`` cookie:
HttpOnly (scripts cannot read it), Secure outside DEBUG, SameSite=Strict (other sites cannot make the
browser send it, which is what protects these endpoints from cross-site requests) and scoped to
``/api/v1/auth/session/`` so that no other request carries it.

The work is the users app's (its token serializer and services); these views only move the refresh
token between the response body and the cookie. Other API clients keep using ``auth/token/``.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from mybookconnect.core.api.serializers import ErrorSerializer
from mybookconnect.users import services
from mybookconnect.users.api.account_serializers import PasswordChangeSerializer
from mybookconnect.users.api.account_views import PasswordChangeView
from mybookconnect.users.api.views import TokenObtainView

REFRESH_COOKIE_NAME = "mbc_refresh"
# The URL name of the login endpoint, whose path (and everything under it) is the cookie's path.
SESSION_URL_NAME = "spa_session:login"

TAGS = ["auth"]
COOKIE_DESCRIPTION = (
    f"The refresh token travels only in the `{REFRESH_COOKIE_NAME}` cookie (HttpOnly, Secure outside "
    "DEBUG, SameSite=Strict, Path=/api/v1/auth/session/, Max-Age = the refresh token lifetime); "
    "it never appears in a body."
)
SET_COOKIE_HEADER = OpenApiParameter(
    "Set-Cookie",
    str,
    OpenApiParameter.HEADER,
    response=[200],
    description=f"`{REFRESH_COOKIE_NAME}=<refresh token>; HttpOnly; Secure; SameSite=Strict; "
    "Path=/api/v1/auth/session/; Max-Age=<seconds>`",
)
NOT_SIGNED_IN = OpenApiResponse(
    ErrorSerializer,
    description=f"No `{REFRESH_COOKIE_NAME}` cookie, or a forged, expired, blacklisted or already rotated "
    "one. The cookie is cleared.",
)


class AccessTokenSerializer(serializers.Serializer):
    """An access token; its refresh token is in the `mbc_refresh` cookie."""

    access = serializers.CharField(read_only=True, help_text=_("Send as `Authorization: Bearer <access>`."))


def refresh_cookie_path() -> str:
    return reverse(SESSION_URL_NAME)


def set_refresh_cookie(response: Response, refresh: str) -> None:
    """Store ``refresh`` in the SPA's cookie, expiring with the token itself."""
    response.set_cookie(
        REFRESH_COOKIE_NAME,
        refresh,
        max_age=int(jwt_settings.REFRESH_TOKEN_LIFETIME.total_seconds()),
        path=refresh_cookie_path(),
        secure=not settings.DEBUG,
        httponly=True,
        samesite="Strict",
    )


def delete_refresh_cookie(response: Response) -> None:
    """Tell the browser to drop the SPA's refresh cookie."""
    response.delete_cookie(REFRESH_COOKIE_NAME, path=refresh_cookie_path(), samesite="Strict")


class CookieSessionMixin:
    """Clears the refresh cookie on every 401 answered by the view."""

    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)  # type: ignore[misc]
        if response.status_code == status.HTTP_401_UNAUTHORIZED:
            delete_refresh_cookie(response)
        return response


@extend_schema(
    tags=TAGS,
    summary="Sign in the SPA",
    description="Takes `{username, password}`, answers `{access}` and sets the refresh cookie. "
    + COOKIE_DESCRIPTION,
    responses={
        200: OpenApiResponse(AccessTokenSerializer, description="Signed in."),
        400: OpenApiResponse(description='Bad input: {"field": ["message", ...], ...}.'),
        401: OpenApiResponse(ErrorSerializer, description="Wrong credentials or inactive account."),
    },
    parameters=[SET_COOKIE_HEADER],
)
class SessionLoginView(TokenObtainView):
    """The users app's token endpoint, with the refresh token moved from the body into the cookie."""

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().post(request, *args, **kwargs)
        set_refresh_cookie(response, response.data.pop("refresh"))
        return response


class CookieTokenView(CookieSessionMixin, APIView):
    """Base of the views that read the refresh cookie: no body, no other authentication."""

    # The cookie is the credential. SessionAuthentication would demand a CSRF token from staff
    # signed in to the admin; SameSite=Strict already keeps other sites from sending the cookie.
    authentication_classes = ()
    permission_classes = ()

    def get_authenticate_header(self, request: Request) -> str:
        # A WWW-Authenticate header keeps DRF from turning the 401 into a 403.
        return f'{jwt_settings.AUTH_HEADER_TYPES[0]} realm="api"'

    def refresh_cookie(self, request: Request) -> str:
        token = request.COOKIES.get(REFRESH_COOKIE_NAME, "")
        if not token:
            raise exceptions.NotAuthenticated()
        return token


@extend_schema(
    tags=TAGS,
    summary="Renew the SPA's access token",
    description="Reads the refresh cookie (no body), answers a new `{access}` and rotates the cookie: the "
    "old refresh token is blacklisted, so a stolen copy stops working. " + COOKIE_DESCRIPTION,
    request=None,
    responses={
        200: OpenApiResponse(AccessTokenSerializer, description="A new access token; the cookie is rotated."),
        401: NOT_SIGNED_IN,
    },
    parameters=[SET_COOKIE_HEADER],
)
class SessionRefreshView(CookieTokenView):
    """Exchanges the refresh cookie for an access token and a rotated cookie."""

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            tokens = services.rotate_refresh_token(self.refresh_cookie(request))
        except TokenError as error:
            raise InvalidToken(error.args[0]) from error
        response = Response({"access": tokens["access"]})
        if "refresh" in tokens:
            set_refresh_cookie(response, tokens["refresh"])
        return response


@extend_schema(
    tags=TAGS,
    summary="Sign the SPA out",
    description="Blacklists the refresh token in the cookie (if it is still valid) and clears the cookie. "
    "Access tokens already issued stay valid until they expire. " + COOKIE_DESCRIPTION,
    request=None,
    responses={204: OpenApiResponse(description="Signed out; the cookie is cleared.")},
)
class SessionLogoutView(CookieTokenView):
    """Revokes the refresh cookie's token and clears the cookie; always succeeds."""

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        token = request.COOKIES.get(REFRESH_COOKIE_NAME, "")
        if token:
            # A forged, expired or already revoked token leaves nothing to revoke.
            with contextlib.suppress(TokenError):
                services.blacklist_refresh_token(token)
        response = Response(status=status.HTTP_204_NO_CONTENT)
        delete_refresh_cookie(response)
        return response


@extend_schema(
    tags=TAGS,
    summary="Change the password from the SPA",
    description="Takes `{current_password, new_password}` with `Authorization: Bearer <access>`. Revokes "
    "every refresh token of the account (other devices are signed out when their access token expires), "
    "answers a new `{access}` and puts the new refresh token in the cookie. " + COOKIE_DESCRIPTION,
    request=PasswordChangeSerializer,
    responses={
        200: OpenApiResponse(AccessTokenSerializer, description="Password changed; the cookie is replaced."),
        400: OpenApiResponse(description='Bad input: {"field": ["message", ...], ...}.'),
        401: OpenApiResponse(ErrorSerializer, description="Not signed in."),
    },
    parameters=[SET_COOKIE_HEADER],
)
class SessionPasswordChangeView(PasswordChangeView):
    """The users app's password change, with the new refresh token moved from the body into the cookie."""

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().post(request, *args, **kwargs)
        set_refresh_cookie(response, response.data.pop("refresh"))
        return response

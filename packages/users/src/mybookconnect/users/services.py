"""What the users app does, callable from views, management commands and other projects.

Views only parse and authorise; the work happens here. A site that serves tokens differently (for
example the refresh token in an HttpOnly cookie) calls these functions rather than copying them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import update_last_login
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt import settings as simplejwt_settings
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from .models import Profile

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

USERNAME_TAKEN = _("A user with that username already exists.")
EMAIL_TAKEN = _("A user with that email address already exists.")
NO_ACTIVE_ACCOUNT = _("No active account found for the given token.")
TOKEN_ALREADY_USED = _("Token is blacklisted")


def _jwt_settings() -> simplejwt_settings.APISettings:
    # simplejwt replaces its settings object when SIMPLE_JWT changes: never keep a reference.
    return simplejwt_settings.api_settings


def normalize_email(email: str) -> str:
    """Return ``email`` stripped, with its domain lower-cased (the local part is case-sensitive by RFC)."""
    return BaseUserManager.normalize_email(email.strip())


def username_taken(username: str) -> bool:
    """Whether an account already uses ``username``, ignoring case."""
    user_model = get_user_model()
    lookup = {f"{user_model.USERNAME_FIELD}__iexact": username}
    return user_model._default_manager.filter(**lookup).exists()


def email_taken(email: str) -> bool:
    """Whether an account already uses ``email``, ignoring case."""
    user_model = get_user_model()
    lookup = {f"{user_model.get_email_field_name()}__iexact": email}
    return user_model._default_manager.filter(**lookup).exists()


def build_user(*, username: str, email: str) -> AbstractBaseUser:
    """An unsaved user of ``AUTH_USER_MODEL`` with its username and email fields set.

    Registration validates the password against this instance, so that Django's
    ``UserAttributeSimilarityValidator`` can compare it with the username and email.
    """
    user_model = get_user_model()
    return user_model(
        **{
            user_model.USERNAME_FIELD: user_model.normalize_username(username),
            user_model.get_email_field_name(): normalize_email(email),
        }
    )


def _serialize_registrations() -> None:
    # The case-insensitive uniqueness checks read before they write, so two registrations of
    # "Ann" and "ann" could both pass them. The host's user table is not ours to constrain, so on
    # PostgreSQL registrations take turns on an advisory lock held until the transaction ends.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ["mybookconnect_users.register"])


def register_user(*, username: str, email: str, password: str) -> AbstractBaseUser:
    """Create an account of ``AUTH_USER_MODEL`` and its :class:`Profile` in one transaction.

    The caller has validated the password (``RegistrationSerializer`` does). Raises
    ``django.core.exceptions.ValidationError`` keyed by ``"username"`` / ``"email"`` when either is
    already taken, ignoring case; nothing is written then.
    """
    user = build_user(username=username, email=email)
    user.set_password(password)
    with transaction.atomic():
        _serialize_registrations()
        errors = {}
        if username_taken(user.get_username()):
            errors["username"] = [ValidationError(USERNAME_TAKEN, code="unique")]
        if email_taken(getattr(user, user.get_email_field_name())):
            errors["email"] = [ValidationError(EMAIL_TAKEN, code="unique")]
        if errors:
            raise ValidationError(errors)
        user.save()
        Profile.objects.create(user=user)
    return user


def get_profile(user: AbstractBaseUser) -> Profile:
    """The user's profile, created on first use for accounts made outside ``register_user``."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def obtain_token_pair(user: AbstractBaseUser) -> dict[str, str]:
    """A fresh ``{"access", "refresh"}`` pair for an authenticated ``user``.

    Records the login in ``last_login`` when simplejwt's ``UPDATE_LAST_LOGIN`` is on.
    """
    refresh = RefreshToken.for_user(user)
    if _jwt_settings().UPDATE_LAST_LOGIN:
        update_last_login(None, user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def _active_user_of(token: RefreshToken) -> None:
    user_model = get_user_model()
    user_id = token.payload.get(_jwt_settings().USER_ID_CLAIM)
    user = user_model._default_manager.filter(**{_jwt_settings().USER_ID_FIELD: user_id}).first()
    if not _jwt_settings().USER_AUTHENTICATION_RULE(user):
        raise TokenError(NO_ACTIVE_ACCOUNT)


def rotate_refresh_token(token: str) -> dict[str, str]:
    """Exchange a refresh token for ``{"access", "refresh"}`` (``{"access"}`` when rotation is off).

    With ``ROTATE_REFRESH_TOKENS`` and ``BLACKLIST_AFTER_ROTATION`` on (as the app expects), the
    given token is blacklisted, so using it a second time fails, even in two concurrent requests.
    Raises simplejwt's ``TokenError`` for a forged, expired, blacklisted or already rotated token,
    and for a token whose account is gone or inactive.
    """
    with transaction.atomic():
        refresh = RefreshToken(token)
        _active_user_of(refresh)
        data = {"access": str(refresh.access_token)}
        if not _jwt_settings().ROTATE_REFRESH_TOKENS:
            return data
        if _jwt_settings().BLACKLIST_AFTER_ROTATION:
            _blacklisted, created = refresh.blacklist()
            if not created:
                # Another request rotated this token between our check and our write.
                raise TokenError(TOKEN_ALREADY_USED)
        refresh.set_jti()
        refresh.set_exp()
        refresh.set_iat()
        refresh.outstand()
        data["refresh"] = str(refresh)
        return data


def blacklist_refresh_token(token: str) -> None:
    """Revoke a refresh token (logout). Access tokens already issued stay valid until they expire.

    Raises simplejwt's ``TokenError`` when the token is forged, expired or already blacklisted.
    """
    refresh = RefreshToken(token)
    refresh.blacklist()

"""Account management: password change and reset, email change, data export, account deletion.

Views parse and authorise; these functions do the work, so that a site serving tokens its own way
(the deploy project's cookie session) or a management command calls them rather than copying them.

Settings (in the site's ``MYBOOKCONNECT`` dict)::

    MYBOOKCONNECT = {
        # Where the SPA lives, for the links in emails; "" builds it from the request ("https://host/").
        "USERS_FRONTEND_URL": "",
        # Seconds an email change link stays valid (two days).
        "USERS_EMAIL_CHANGE_MAX_AGE": 172800,
        # Paths of the SPA's pages that the links open, appended to USERS_FRONTEND_URL.
        "USERS_PASSWORD_RESET_PATH": "/reset-password/{uid}/{token}",
        "USERS_EMAIL_CHANGE_PATH": "/confirm-email/{token}",
    }

Password reset links expire after Django's ``PASSWORD_RESET_TIMEOUT`` and work once (Django's
``default_token_generator``: setting the password changes what the token was made from).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from mybookconnect.core.conf import AppSettings

from . import emails, services
from .models import Block, Follow, FollowRequest

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

ACCOUNT_DEFAULTS: dict[str, Any] = {
    "USERS_FRONTEND_URL": "",
    "USERS_EMAIL_CHANGE_MAX_AGE": 60 * 60 * 24 * 2,
    "USERS_PASSWORD_RESET_PATH": "/reset-password/{uid}/{token}",
    "USERS_EMAIL_CHANGE_PATH": "/confirm-email/{token}",
}

account_settings = AppSettings(ACCOUNT_DEFAULTS)

EMAIL_CHANGE_SALT = "mybookconnect.users.email-change"

WRONG_PASSWORD = _("The password is not correct.")
INVALID_RESET_LINK = _("This password reset link is invalid or has expired. Ask for a new one.")
INVALID_EMAIL_CHANGE_LINK = _("This confirmation link is invalid or has expired. Ask for a new one.")
EMAIL_UNCHANGED = _("This is already your email address.")


def _email_field(user: Any) -> str:
    return user.get_email_field_name()


def get_email(user: Any) -> str:
    """The address of ``user``, whatever the user model calls its email field."""
    return getattr(user, _email_field(user)) or ""


def frontend_url(path: str, request: HttpRequest | None = None) -> str:
    """An absolute URL of the SPA page at ``path``.

    The base is ``USERS_FRONTEND_URL``, else the request's own scheme and host. Without either
    there is no way to know the site's address: ``ImproperlyConfigured``.
    """
    base = account_settings.USERS_FRONTEND_URL
    if not base:
        if request is None:
            raise ImproperlyConfigured(
                "Set MYBOOKCONNECT['USERS_FRONTEND_URL'] to build links outside a request."
            )
        base = request.build_absolute_uri("/")
    return base.rstrip("/") + "/" + path.lstrip("/")


def _serialize_email_writes() -> None:
    # Email uniqueness ignoring case is checked before writing; registration takes the same
    # PostgreSQL advisory lock, so an email change and a registration cannot claim one address.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ["mybookconnect_users.register"])


def blacklist_all_refresh_tokens(user: AbstractBaseUser) -> int:
    """Revoke every refresh token issued to ``user`` and not yet revoked; return how many.

    Access tokens already issued stay valid until they expire (minutes).
    """
    pending = list(OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True).only("pk"))
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in pending], ignore_conflicts=True
    )
    return len(pending)


def change_password(user: AbstractBaseUser, new_password: str) -> dict[str, str]:
    """Set ``new_password``, revoke all the user's refresh tokens and return a fresh token pair.

    The caller has checked the current password and validated the new one
    (``PasswordChangeSerializer`` does). Other devices signed in with the old password lose their
    session when their access token expires.
    """
    with transaction.atomic():
        user.set_password(new_password)
        user.save()
        blacklist_all_refresh_tokens(user)
        return services.obtain_token_pair(user)


def password_reset_users(email: str) -> list[AbstractBaseUser]:
    """Active accounts with ``email`` (ignoring case) that may reset their password.

    Like Django's ``PasswordResetForm``, accounts without a usable password (set up to sign in
    some other way) are left out.
    """
    user_model = get_user_model()
    lookup = {f"{user_model.get_email_field_name()}__iexact": email.strip(), "is_active": True}
    if not any(f.name == "is_active" for f in user_model._meta.get_fields()):
        lookup.pop("is_active")
    return [user for user in user_model._default_manager.filter(**lookup) if user.has_usable_password()]


def password_reset_link(user: AbstractBaseUser, request: HttpRequest | None = None) -> str:
    """The SPA link that lets ``user`` set a new password (``USERS_PASSWORD_RESET_PATH``)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return frontend_url(account_settings.USERS_PASSWORD_RESET_PATH.format(uid=uid, token=token), request)


def request_password_reset(email: str, request: HttpRequest | None = None) -> int:
    """Email a reset link to each account using ``email``; return how many were sent.

    Callers must not tell the client the result: the API answers the same whether or not the
    address belongs to an account, so that it cannot be used to find out who has one.
    """
    users = password_reset_users(email)
    for user in users:
        emails.send_password_reset(user, password_reset_link(user, request))
    return len(users)


def user_from_reset_link(uid: str, token: str) -> AbstractBaseUser:
    """The account a reset link's ``uid`` and ``token`` belong to.

    Raises ``ValidationError`` keyed ``"token"`` for a malformed, forged, expired or used link.
    """
    user_model = get_user_model()
    try:
        pk = force_str(urlsafe_base64_decode(uid))
        user = user_model._default_manager.get(pk=pk)
    except (TypeError, ValueError, OverflowError, ValidationError, user_model.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        raise ValidationError({"token": [ValidationError(INVALID_RESET_LINK, code="invalid")]})
    return user


def reset_password(user: AbstractBaseUser, new_password: str) -> None:
    """Set the password chosen through a reset link and revoke every refresh token of ``user``.

    The caller has checked the link (``user_from_reset_link``) and validated the password.
    """
    with transaction.atomic():
        user.set_password(new_password)
        user.save()
        blacklist_all_refresh_tokens(user)


def check_password(user: AbstractBaseUser, password: str) -> None:
    """Raise ``ValidationError`` keyed ``"password"`` unless ``password`` is the user's."""
    if not isinstance(password, str) or not user.check_password(password):
        raise ValidationError({"password": [ValidationError(WRONG_PASSWORD, code="wrong_password")]})


def email_change_token(user: AbstractBaseUser, new_email: str) -> str:
    """A signed token that confirms moving ``user`` to ``new_email``.

    It carries the current address too, so it stops working once the address has changed (it is
    single-use) and expires after ``USERS_EMAIL_CHANGE_MAX_AGE`` seconds.
    """
    return signing.dumps(
        {"user": str(user.pk), "new_email": new_email, "old_email": get_email(user)},
        salt=EMAIL_CHANGE_SALT,
        compress=True,
    )


def request_email_change(user: AbstractBaseUser, new_email: str, request: HttpRequest | None = None) -> str:
    """Email a confirmation link to ``new_email``; the address changes only once it is followed.

    The caller has checked the password and that no other account uses ``new_email``
    (``EmailChangeSerializer`` does). Returns the token in the link.
    """
    new_email = services.normalize_email(new_email)
    token = email_change_token(user, new_email)
    link = frontend_url(account_settings.USERS_EMAIL_CHANGE_PATH.format(token=token), request)
    emails.send_email_change(user, new_email, link)
    return token


def confirm_email_change(token: str) -> AbstractBaseUser:
    """Move the account to the address in ``token`` and return the account.

    Raises ``ValidationError`` keyed ``"token"`` when the token is forged, expired or used, and
    keyed ``"email"`` when another account took the address in the meantime.
    """
    invalid = ValidationError({"token": [ValidationError(INVALID_EMAIL_CHANGE_LINK, code="invalid")]})
    try:
        data = signing.loads(
            token, salt=EMAIL_CHANGE_SALT, max_age=account_settings.USERS_EMAIL_CHANGE_MAX_AGE
        )
    except signing.BadSignature:
        raise invalid from None
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), str) for k in ("user", "new_email", "old_email")
    ):
        raise invalid
    user_model = get_user_model()
    with transaction.atomic():
        _serialize_email_writes()
        try:
            user = user_model._default_manager.select_for_update().get(pk=data["user"])
        except (ValueError, ValidationError, user_model.DoesNotExist):
            raise invalid from None
        if get_email(user) != data["old_email"]:
            raise invalid
        field = _email_field(user)
        if (
            user_model._default_manager.filter(**{f"{field}__iexact": data["new_email"]})
            .exclude(pk=user.pk)
            .exists()
        ):
            raise ValidationError({"email": [ValidationError(services.EMAIL_TAKEN, code="unique")]})
        setattr(user, field, data["new_email"])
        user.save(update_fields=[field])
    return user


def delete_account(user: AbstractBaseUser, password: str) -> None:
    """Delete the account and everything the users app keeps about it, if ``password`` is right.

    In one transaction: every refresh token is revoked, then the user row is deleted and the
    database cascades to the profile, follows (both ways), follow requests and blocks (and to what
    other apps keep, such as reviews). Avatar files leave storage once the transaction commits.
    Raises ``ValidationError`` keyed ``"password"`` when the password is wrong.
    """
    check_password(user, password)
    with transaction.atomic():
        blacklist_all_refresh_tokens(user)
        user.delete()


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, models.fields.files.FieldFile):
        return value.url if value else None
    return value


def _usernames_with_dates(queryset: models.QuerySet, user_field: str) -> list[dict[str, Any]]:
    username_path = f"{user_field}__{get_user_model().USERNAME_FIELD}"
    rows = queryset.order_by("created_at", "pk").values_list(username_path, "created_at")
    return [{"username": username, "since": _jsonable(created_at)} for username, created_at in rows]


def export_account_data(user: AbstractBaseUser) -> dict[str, Any]:
    """What the users app holds about ``user``, as JSON-ready data (the ``"account"`` export section).

    The account, the profile (avatar files as URLs), whom the reader follows and who follows them,
    follow requests both ways and the readers they blocked. Who blocked the reader is left out: it
    is the blocker's data, and telling would undo the block.
    """
    account: dict[str, Any] = {
        "id": user.pk,
        "username": user.get_username(),
        "email": get_email(user),
    }
    for name in ("date_joined", "last_login"):
        if hasattr(user, name):
            account[name] = _jsonable(getattr(user, name))
    profile = services.get_profile(user)
    account["profile"] = {
        field.name: _jsonable(getattr(profile, field.name))
        for field in profile._meta.concrete_fields
        if field.name not in ("id", "user")
    }
    account["following"] = _usernames_with_dates(Follow.objects.filter(follower=user), "followee")
    account["followers"] = _usernames_with_dates(Follow.objects.filter(followee=user), "follower")
    account["follow_requests"] = {
        "incoming": _usernames_with_dates(FollowRequest.objects.filter(target=user), "requester"),
        "outgoing": _usernames_with_dates(FollowRequest.objects.filter(requester=user), "target"),
    }
    account["blocked"] = _usernames_with_dates(Block.objects.filter(blocker=user), "blocked")
    return account

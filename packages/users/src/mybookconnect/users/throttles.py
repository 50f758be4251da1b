"""Rate limits of the account endpoints, as DRF throttles on the site's default cache.

Each class has a scope whose rate a site sets in ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``;
a scope the site leaves out gets the default below (``None`` as its rate turns a limit off)::

    REST_FRAMEWORK = {
        "DEFAULT_THROTTLE_RATES": {
            "mbc_login_ip": "10/min",            # POST auth/token/ per client address
            "mbc_login_account": "5/min",        # POST auth/token/ per username or email tried
            "mbc_register_ip": "5/hour",         # POST auth/register/ per client address
            "mbc_password_reset_ip": "5/hour",   # POST auth/password/reset/ per client address
            "mbc_password_reset_account": "3/hour",  # POST auth/password/reset/ per email address
        },
    }

The history lives in the ``default`` cache, so every process of the site must share it (Redis in
production; a per-process memory cache multiplies the limits by the number of processes). The
client address is DRF's: ``REMOTE_ADDR``, or ``X-Forwarded-For`` as ``REST_FRAMEWORK["NUM_PROXIES"]``
says. A throttled request gets a 429 whose ``Retry-After`` header and ``detail`` say when to retry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from django.core.cache import cache as default_cache
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

DEFAULT_THROTTLE_RATES: dict[str, str | None] = {
    "mbc_login_ip": "10/min",
    "mbc_login_account": "5/min",
    "mbc_register_ip": "5/hour",
    "mbc_password_reset_ip": "5/hour",
    "mbc_password_reset_account": "3/hour",
}


class MyBookConnectRateThrottle(SimpleRateThrottle):
    """A scoped throttle whose rate is read from the settings on every request.

    DRF's ``SimpleRateThrottle`` copies the rates once, when it is imported, so a rate changed
    later (``override_settings`` in tests) would go unnoticed; this reads DRF's ``api_settings``,
    which DRF rebuilds when ``REST_FRAMEWORK`` changes, and falls back to
    :data:`DEFAULT_THROTTLE_RATES`.
    """

    scope: str
    cache = default_cache
    cache_format = "mybookconnect:throttle:%(scope)s:%(ident)s"

    def get_rate(self) -> str | None:
        rates = api_settings.DEFAULT_THROTTLE_RATES or {}
        if self.scope in rates:
            return rates[self.scope]
        return DEFAULT_THROTTLE_RATES[self.scope]

    def identity(self, request: Request) -> str | None:
        """Who is limited: the client address by default; ``None`` exempts the request."""
        return self.get_ident(request)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        ident = self.identity(request)
        if not ident:
            return None
        # Hashed: cache keys stay short and free of the characters some backends refuse, and the
        # cache holds no email addresses.
        digest = hashlib.sha256(ident.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}


class AccountIdentifierThrottle(MyBookConnectRateThrottle):
    """Limits by a field of the request body (lower-cased), whoever sends it and from wherever.

    Requests without the field as a string are not counted here: they fail validation anyway.
    """

    field: str

    def identity(self, request: Request) -> str | None:
        data = request.data
        value = data.get(self.field) if isinstance(data, Mapping) else None
        if not isinstance(value, str) or not value.strip():
            return None
        return value.strip().lower()


class LoginIPThrottle(MyBookConnectRateThrottle):
    """Token requests per client address (scope ``mbc_login_ip``, default 10 a minute)."""

    scope = "mbc_login_ip"


class LoginAccountThrottle(AccountIdentifierThrottle):
    """Token requests per username or email tried (scope ``mbc_login_account``, default 5 a minute).

    Slows down guessing one reader's password from many addresses.
    """

    scope = "mbc_login_account"
    field = "username"


class RegisterIPThrottle(MyBookConnectRateThrottle):
    """Registrations per client address (scope ``mbc_register_ip``, default 5 an hour)."""

    scope = "mbc_register_ip"


class PasswordResetIPThrottle(MyBookConnectRateThrottle):
    """Password reset requests per client address (scope ``mbc_password_reset_ip``, default 5 an hour)."""

    scope = "mbc_password_reset_ip"


class PasswordResetAccountThrottle(AccountIdentifierThrottle):
    """Password reset requests per email address (scope ``mbc_password_reset_account``, default 3 an hour).

    Keeps anyone from flooding a reader's mailbox with reset links.
    """

    scope = "mbc_password_reset_account"
    field = "email"

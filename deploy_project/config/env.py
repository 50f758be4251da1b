"""Read the site's configuration from environment variables.

Every setting that differs between machines comes from the environment (twelve-factor style), parsed
here so that the settings modules stay declarative and the parsing is unit-tested.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

# Seconds a PostgreSQL connection is kept open between requests (Django's persistent connections).
POSTGRES_CONN_MAX_AGE = 60


def env_str(name: str, default: str = "", environ: Mapping[str, str] = os.environ) -> str:
    """Return the variable stripped of surrounding whitespace, or ``default`` when unset."""
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    """Parse ``1/true/yes/on`` and ``0/false/no/off`` (any case); anything else is a configuration error."""
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off.")


def env_int(name: str, default: int, environ: Mapping[str, str] = os.environ) -> int:
    """Parse an integer; an empty value means the default."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


def env_list(
    name: str, default: list[str] | None = None, environ: Mapping[str, str] = os.environ
) -> list[str]:
    """Parse a comma-separated list, dropping blanks: ``"a.com, b.com,"`` -> ``["a.com", "b.com"]``."""
    raw = environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_config(url: str, sqlite_path: Path) -> dict[str, Any]:
    """Return ``DATABASES["default"]`` for ``DATABASE_URL`` (a SQLite file at ``sqlite_path`` when empty).

    PostgreSQL connections persist for ``POSTGRES_CONN_MAX_AGE`` seconds and are health-checked before
    reuse, so a database restart costs one failed check rather than one failed request. They run with
    PostgreSQL's JIT off: the site's queries are short, and a plan whose estimated cost crosses the JIT
    threshold (a feed page over many followed readers did) spends ~200 ms compiling for a 3 ms query.
    """
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(sqlite_path)}
    try:
        config = dj_database_url.parse(url)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from None
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = POSTGRES_CONN_MAX_AGE
        config["CONN_HEALTH_CHECKS"] = True
        options = dict(config.get("OPTIONS") or {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
        config["OPTIONS"] = options
    return dict(config)


def cache_config(redis_url: str) -> dict[str, Any]:
    """Return ``CACHES["default"]``: django-redis for ``REDIS_URL``, else a per-process memory cache."""
    if not redis_url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "mybookconnect"}
    if not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"REDIS_URL must start with redis://, rediss:// or unix://, got {redis_url!r}."
        )
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_url,
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
    }


_EMAIL_SCHEMES = {
    "smtp": ("django.core.mail.backends.smtp.EmailBackend", 25),
    "submission": ("django.core.mail.backends.smtp.EmailBackend", 587),
    "smtps": ("django.core.mail.backends.smtp.EmailBackend", 465),
    "console": ("django.core.mail.backends.console.EmailBackend", None),
    "locmem": ("django.core.mail.backends.locmem.EmailBackend", None),
    "dummy": ("django.core.mail.backends.dummy.EmailBackend", None),
}


def email_config(url: str, backend: str = "") -> dict[str, Any]:
    """Return the ``EMAIL_*`` settings for ``EMAIL_URL`` (or a dotted ``EMAIL_BACKEND``).

    ``smtp://user:password@host:25`` (plain, or STARTTLS with ``?tls=1``), ``submission://...`` (port
    587, STARTTLS), ``smtps://...`` (port 465, TLS from the start), ``console://``, ``locmem://`` or
    ``dummy://``. User and password are percent-decoded. Neither set: the console backend, which
    prints each email to stdout (development).
    """
    if backend and url:
        raise ImproperlyConfigured("Set EMAIL_URL or EMAIL_BACKEND, not both.")
    if backend:
        return {"EMAIL_BACKEND": backend}
    if not url:
        return {"EMAIL_BACKEND": _EMAIL_SCHEMES["console"][0]}
    parts = urlsplit(url)
    if parts.scheme not in _EMAIL_SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with one of {', '.join(f'{s}://' for s in _EMAIL_SCHEMES)}; got {url!r}."
        )
    backend_path, default_port = _EMAIL_SCHEMES[parts.scheme]
    if default_port is None:
        return {"EMAIL_BACKEND": backend_path}
    if not parts.hostname:
        raise ImproperlyConfigured(f"EMAIL_URL {parts.scheme}:// needs a host.")
    try:
        port = parts.port or default_port
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has an invalid port.") from None
    query = {key: values[-1].strip().lower() for key, values in parse_qs(parts.query).items()}
    use_ssl = parts.scheme == "smtps" or query.get("ssl") in _TRUE
    use_tls = not use_ssl and (parts.scheme == "submission" or query.get("tls") in _TRUE)
    return {
        "EMAIL_BACKEND": backend_path,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }


_THROTTLE_RATE = re.compile(r"^\d+/(s|sec|m|min|h|hour|d|day)$")


def throttle_rates(
    defaults: Mapping[str, str | None], environ: Mapping[str, str] = os.environ
) -> dict[str, str | None]:
    """DRF throttle rates by scope: each scope's ``THROTTLE_<SCOPE>`` variable, else its default.

    ``mbc_login_ip`` is read from ``THROTTLE_LOGIN_IP``; values are ``<count>/<s|min|hour|day>`` or
    ``off`` (no limit).
    """
    rates: dict[str, str | None] = {}
    for scope, default in defaults.items():
        name = "THROTTLE_" + scope.removeprefix("mbc_").upper()
        raw = environ.get(name, "").strip().lower()
        if not raw:
            rates[scope] = default
        elif raw == "off":
            rates[scope] = None
        elif _THROTTLE_RATE.match(raw):
            rates[scope] = raw
        else:
            raise ImproperlyConfigured(f"{name}={raw!r} is not a rate like 10/min or 5/hour, nor off.")
    return rates

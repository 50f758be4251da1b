"""Read the site's configuration from environment variables.

Every setting that differs between machines comes from the environment (twelve-factor style), parsed
here so that the settings modules stay declarative and the parsing is unit-tested.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

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
    reuse, so a database restart costs one failed check rather than one failed request.
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

"""Settings of the users app, read from the site's ``MYBOOKCONNECT`` dict.

Keys and defaults::

    MYBOOKCONNECT = {
        # False closes POST auth/register/ (403, code "registration_closed"), for invite-only sites.
        "USERS_REGISTRATION_OPEN": True,
        # Avatar uploads: largest file in bytes and largest width or height in pixels.
        "USERS_AVATAR_MAX_BYTES": 5 * 1024 * 1024,
        "USERS_AVATAR_MAX_DIMENSION": 4096,
        # Shortest people-search query, and how similar (0..1, PostgreSQL trigram word similarity) a
        # username or display name must be to match when it does not contain the query.
        "USERS_SEARCH_MIN_LENGTH": 2,
        "USERS_SEARCH_SIMILARITY": 0.4,
    }

Token lifetimes, rotation and blacklisting are simplejwt's own ``SIMPLE_JWT`` settings. Avatars are
stored through Django's default storage (``STORAGES["default"]``) under ``mybookconnect/avatars/``.
"""

from typing import Any

from mybookconnect.core.conf import AppSettings

USERS_DEFAULTS: dict[str, Any] = {
    "USERS_REGISTRATION_OPEN": True,
    "USERS_AVATAR_MAX_BYTES": 5 * 1024 * 1024,
    "USERS_AVATAR_MAX_DIMENSION": 4096,
    "USERS_SEARCH_MIN_LENGTH": 2,
    "USERS_SEARCH_SIMILARITY": 0.4,
}

users_settings = AppSettings(USERS_DEFAULTS)

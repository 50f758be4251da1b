"""Settings of the users app, read from the site's ``MYBOOKCONNECT`` dict.

Keys and defaults::

    MYBOOKCONNECT = {
        # False closes POST auth/register/ (403, code "registration_closed"), for invite-only sites.
        "USERS_REGISTRATION_OPEN": True,
    }

Token lifetimes, rotation and blacklisting are simplejwt's own ``SIMPLE_JWT`` settings.
"""

from typing import Any

from mybookconnect.core.conf import AppSettings

USERS_DEFAULTS: dict[str, Any] = {
    "USERS_REGISTRATION_OPEN": True,
}

users_settings = AppSettings(USERS_DEFAULTS)

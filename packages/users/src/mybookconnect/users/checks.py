"""System checks of the users app (``mybookconnect_users.E001`` ...)."""

from typing import Any

from django.apps import apps
from django.core.checks import CheckMessage, Error, Tags, Warning, register

BLACKLIST_APP = "rest_framework_simplejwt.token_blacklist"


@register(Tags.security)
def check_token_blacklist(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Logout and refresh rotation only revoke tokens when simplejwt's blacklist app is installed."""
    if apps.is_installed(BLACKLIST_APP):
        return []
    return [
        Error(
            f"'{BLACKLIST_APP}' is not in INSTALLED_APPS.",
            hint="The users app blacklists refresh tokens on logout and rotation; add the app and migrate.",
            id="mybookconnect_users.E001",
        )
    ]


@register(Tags.security)
def check_refresh_rotation(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Without rotation and blacklisting, a stolen refresh token stays usable for its whole lifetime."""
    from rest_framework_simplejwt.settings import api_settings

    off = [
        name
        for name in ("ROTATE_REFRESH_TOKENS", "BLACKLIST_AFTER_ROTATION")
        if not getattr(api_settings, name)
    ]
    if not off:
        return []
    return [
        Warning(
            f"SIMPLE_JWT {' and '.join(off)} {'is' if len(off) == 1 else 'are'} off.",
            hint=(
                'Set SIMPLE_JWT = {"ROTATE_REFRESH_TOKENS": True, "BLACKLIST_AFTER_ROTATION": True} '
                "so that a refresh token works once."
            ),
            id="mybookconnect_users.W001",
        )
    ]


FOLLOWER_POLICY = "mybookconnect.users.visibility.FollowerVisibilityPolicy"


@register()
def check_visibility_policy(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Without the follower-aware policy, other apps treat "followers" items as private."""
    from mybookconnect.core.conf import core_settings

    from .visibility import FollowerVisibilityPolicy

    try:
        policy = core_settings.VISIBILITY_POLICY
    except ImportError:
        return []  # core's own check (mybookconnect_core.E005) reports it.
    if isinstance(policy, type) and issubclass(policy, FollowerVisibilityPolicy):
        return []
    return [
        Warning(
            'MYBOOKCONNECT["VISIBILITY_POLICY"] is not the users app\'s follower-aware policy.',
            hint=(
                f'Set MYBOOKCONNECT = {{"VISIBILITY_POLICY": "{FOLLOWER_POLICY}"}} so that items shared '
                "with followers are shown to approved followers (a subclass of it works too)."
            ),
            id="mybookconnect_users.W002",
        )
    ]

"""Settings of the MyBookConnect apps.

A site configures every MyBookConnect app through one dict in its settings::

    MYBOOKCONNECT = {"PAGE_SIZE": 25, "VISIBILITY_POLICY": "myapp.policies.Policy"}

Each app reads its own keys through an :class:`AppSettings` object with documented defaults
(the pattern of DRF's ``api_settings`` and simplejwt's ``api_settings``). The objects are rebuilt
when tests override ``MYBOOKCONNECT`` with ``override_settings``.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

SETTINGS_NAME = "MYBOOKCONNECT"

CORE_DEFAULTS: dict[str, Any] = {
    # Rows per page when the client does not ask for a size, and the most it may ask for.
    "PAGE_SIZE": 20,
    "MAX_PAGE_SIZE": 100,
    # Dotted path to the VisibilityPolicy class that decides who sees what (users plugs its own in).
    "VISIBILITY_POLICY": "mybookconnect.core.visibility.DefaultVisibilityPolicy",
    # What the health endpoint checks.
    "HEALTH_CHECK_CACHE_ALIAS": "default",
    "HEALTH_CHECK_DATABASE_ALIASES": ("default",),
    # Requests whose path starts with this get JSON errors from core's error views and middleware.
    "API_PATH_PREFIX": "/api/",
}
CORE_IMPORT_STRINGS = ("VISIBILITY_POLICY",)

_instances: weakref.WeakSet[AppSettings] = weakref.WeakSet()


def user_settings() -> Mapping[str, Any]:
    """Return the site's ``MYBOOKCONNECT`` dict (empty when unset)."""
    value = getattr(settings, SETTINGS_NAME, None)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ImproperlyConfigured(f"The {SETTINGS_NAME} setting must be a dict, not {type(value).__name__}.")
    return value


class AppSettings:
    """Attribute access to one app's keys of ``settings.MYBOOKCONNECT``, with defaults.

    ``app_settings.PAGE_SIZE`` returns the site's value or the default; keys named in
    ``import_strings`` are imported from their dotted path. Unknown keys raise ``AttributeError``.
    """

    def __init__(self, defaults: Mapping[str, Any], import_strings: Iterable[str] = ()) -> None:
        self.defaults = dict(defaults)
        self.import_strings = frozenset(import_strings)
        self._cached: set[str] = set()
        _instances.add(self)

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_") or key not in self.defaults:
            raise AttributeError(f"Invalid {SETTINGS_NAME} setting: {key!r}")
        value = user_settings().get(key, self.defaults[key])
        if key in self.import_strings and isinstance(value, str):
            value = import_string(value)
        self._cached.add(key)
        setattr(self, key, value)
        return value

    def reload(self) -> None:
        """Forget cached values so the next access reads the settings again."""
        for key in self._cached:
            self.__dict__.pop(key, None)
        self._cached.clear()


core_settings = AppSettings(CORE_DEFAULTS, CORE_IMPORT_STRINGS)


def _reload_app_settings(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTINGS_NAME:
        for instance in list(_instances):
            instance.reload()


setting_changed.connect(_reload_app_settings)

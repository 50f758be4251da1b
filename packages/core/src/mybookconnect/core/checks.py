"""System checks for the ``MYBOOKCONNECT`` setting's core keys (ids ``mybookconnect_core.E0NN``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.utils.module_loading import import_string

from .conf import CORE_DEFAULTS, SETTINGS_NAME


def _is_positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Validate the core keys of ``settings.MYBOOKCONNECT``."""
    raw = getattr(settings, SETTINGS_NAME, None)
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        return [
            Error(
                f"The {SETTINGS_NAME} setting must be a dict, not {type(raw).__name__}.",
                id="mybookconnect_core.E001",
            )
        ]
    values = {**CORE_DEFAULTS, **raw}
    errors: list[CheckMessage] = []
    errors += _check_page_sizes(values["PAGE_SIZE"], values["MAX_PAGE_SIZE"])
    errors += _check_visibility_policy(values["VISIBILITY_POLICY"])
    errors += _check_health_aliases(
        values["HEALTH_CHECK_DATABASE_ALIASES"], values["HEALTH_CHECK_CACHE_ALIAS"]
    )
    if not isinstance(values["API_PATH_PREFIX"], str) or not values["API_PATH_PREFIX"].startswith("/"):
        errors.append(
            Error(
                f'{SETTINGS_NAME}["API_PATH_PREFIX"] must be a string starting with "/".',
                id="mybookconnect_core.E009",
            )
        )
    return errors


def _check_page_sizes(page_size: Any, max_page_size: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    if not _is_positive_int(page_size):
        errors.append(
            Error(
                f'{SETTINGS_NAME}["PAGE_SIZE"] must be a positive integer, not {page_size!r}.',
                id="mybookconnect_core.E002",
            )
        )
    if not _is_positive_int(max_page_size):
        errors.append(
            Error(
                f'{SETTINGS_NAME}["MAX_PAGE_SIZE"] must be a positive integer, not {max_page_size!r}.',
                id="mybookconnect_core.E003",
            )
        )
    if not errors and page_size > max_page_size:
        errors.append(
            Error(
                f'{SETTINGS_NAME}["PAGE_SIZE"] ({page_size}) is larger than '
                f'{SETTINGS_NAME}["MAX_PAGE_SIZE"] ({max_page_size}).',
                id="mybookconnect_core.E004",
            )
        )
    return errors


def _check_visibility_policy(policy: Any) -> list[CheckMessage]:
    from .visibility import VisibilityPolicy

    if isinstance(policy, str):
        try:
            policy = import_string(policy)
        except ImportError as exc:
            return [
                Error(
                    f'{SETTINGS_NAME}["VISIBILITY_POLICY"] {policy!r} cannot be imported: {exc}',
                    id="mybookconnect_core.E005",
                )
            ]
    if not (isinstance(policy, type) and issubclass(policy, VisibilityPolicy)):
        return [
            Error(
                f'{SETTINGS_NAME}["VISIBILITY_POLICY"] must name a subclass of '
                f"mybookconnect.core.visibility.VisibilityPolicy, not {policy!r}.",
                id="mybookconnect_core.E006",
            )
        ]
    return []


def _check_health_aliases(database_aliases: Any, cache_alias: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    if not isinstance(database_aliases, list | tuple) or not all(
        alias in settings.DATABASES for alias in database_aliases
    ):
        errors.append(
            Error(
                f'{SETTINGS_NAME}["HEALTH_CHECK_DATABASE_ALIASES"] must be a list of aliases from DATABASES, '
                f"not {database_aliases!r}.",
                id="mybookconnect_core.E007",
            )
        )
    if not isinstance(cache_alias, str) or cache_alias not in settings.CACHES:
        errors.append(
            Error(
                f'{SETTINGS_NAME}["HEALTH_CHECK_CACHE_ALIAS"] {cache_alias!r} is not an alias in CACHES.',
                id="mybookconnect_core.E008",
            )
        )
    return errors

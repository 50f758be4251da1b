"""System checks for the books keys of ``settings.MYBOOKCONNECT`` (ids ``mybookconnect_books.E0NN``).

They catch at start-up what would otherwise fail on the first search or lookup, far from the setting.
A ``MYBOOKCONNECT`` that is not a dict is core's check to report (``mybookconnect_core.E001``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.utils.module_loading import import_string

from mybookconnect.core.conf import SETTINGS_NAME

from .conf import BOOKS_DEFAULTS

# Keys whose value must be a positive integer, and the id of the error when it is not.
POSITIVE_INTEGER_KEYS = {
    "BOOKS_SEARCH_MAX_RESULTS": "mybookconnect_books.E007",
    "BOOKS_SEARCH_MAX_LENGTH": "mybookconnect_books.E008",
    "BOOKS_SEARCH_MAX_WORDS": "mybookconnect_books.E009",
}
# Cached responses: seconds, 0 or more (0 disables).
CACHE_SECONDS_KEYS = {
    "BOOKS_DETAIL_CACHE_SECONDS": "mybookconnect_books.E012",
    "BOOKS_SEARCH_CACHE_SECONDS": "mybookconnect_books.E013",
    "BOOKS_FEED_CACHE_SECONDS": "mybookconnect_books.E014",
}
URL_KEYS = ("BOOKS_OPENLIBRARY_URL", "BOOKS_GOOGLE_BOOKS_URL")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _key(name: str) -> str:
    return f'{SETTINGS_NAME}["{name}"]'


def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Validate the books keys of ``settings.MYBOOKCONNECT``."""
    raw = getattr(settings, SETTINGS_NAME, None) or {}
    if not isinstance(raw, Mapping):
        return []
    values = {**BOOKS_DEFAULTS, **raw}
    errors = _check_providers(values["BOOKS_METADATA_PROVIDERS"])
    timeout = values["BOOKS_LOOKUP_TIMEOUT"]
    if not (_is_number(timeout) and timeout > 0):
        errors.append(
            Error(
                f"{_key('BOOKS_LOOKUP_TIMEOUT')} must be a positive number of seconds, not {timeout!r}.",
                id="mybookconnect_books.E004",
            )
        )
    cache_seconds = values["BOOKS_LOOKUP_CACHE_SECONDS"]
    if not (_is_int(cache_seconds) and cache_seconds >= 0):
        errors.append(
            Error(
                f"{_key('BOOKS_LOOKUP_CACHE_SECONDS')} must be a whole number of seconds, 0 or more "
                f"(0 disables the cache), not {cache_seconds!r}.",
                id="mybookconnect_books.E005",
            )
        )
    for name, error_id in CACHE_SECONDS_KEYS.items():
        seconds = values[name]
        if not (_is_int(seconds) and seconds >= 0):
            errors.append(
                Error(
                    f"{_key(name)} must be a whole number of seconds, 0 or more (0 disables the cache), "
                    f"not {seconds!r}.",
                    id=error_id,
                )
            )
    for name in URL_KEYS:
        url = values[name]
        if not (isinstance(url, str) and url.startswith(("http://", "https://"))):
            errors.append(
                Error(
                    f"{_key(name)} must be a URL starting with http:// or https://, not {url!r}.",
                    id="mybookconnect_books.E006",
                )
            )
    for name, error_id in POSITIVE_INTEGER_KEYS.items():
        value = values[name]
        if not (_is_int(value) and value > 0):
            errors.append(Error(f"{_key(name)} must be a positive integer, not {value!r}.", id=error_id))
    similarity = values["BOOKS_SEARCH_TYPO_SIMILARITY"]
    if not (_is_number(similarity) and 0 <= similarity <= 1):
        errors.append(
            Error(
                f"{_key('BOOKS_SEARCH_TYPO_SIMILARITY')} must be a number from 0 to 1, not {similarity!r}.",
                id="mybookconnect_books.E010",
            )
        )
    api_key = values["BOOKS_GOOGLE_BOOKS_API_KEY"]
    if not isinstance(api_key, str):
        errors.append(
            Error(
                f"{_key('BOOKS_GOOGLE_BOOKS_API_KEY')} must be a string (blank for none), not {api_key!r}.",
                id="mybookconnect_books.E011",
            )
        )
    return errors


def _check_providers(paths: Any) -> list[CheckMessage]:
    from .providers.base import MetadataProvider

    name = _key("BOOKS_METADATA_PROVIDERS")
    # A lone string is a list/tuple mistake, not a one-provider list: iterating it would import letters.
    if not isinstance(paths, list | tuple) or not all(isinstance(path, str) for path in paths):
        return [
            Error(
                f"{name} must be a list or tuple of dotted paths to MetadataProvider classes, not {paths!r}.",
                id="mybookconnect_books.E001",
            )
        ]
    errors: list[CheckMessage] = []
    for path in paths:
        try:
            provider_class = import_string(path)
        except ImportError as exc:
            errors.append(Error(f"{name}: {path!r} cannot be imported: {exc}", id="mybookconnect_books.E002"))
            continue
        if not (isinstance(provider_class, type) and issubclass(provider_class, MetadataProvider)):
            errors.append(
                Error(
                    f"{name}: {path!r} is not a subclass of mybookconnect.books.providers.MetadataProvider.",
                    id="mybookconnect_books.E003",
                )
            )
    return errors

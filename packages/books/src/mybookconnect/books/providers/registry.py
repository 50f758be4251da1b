"""Which metadata providers a site uses, in which order, and with what timeout and cache.

::

    MYBOOKCONNECT = {
        "BOOKS_METADATA_PROVIDERS": [
            "mybookconnect.books.providers.openlibrary.OpenLibraryProvider",
            "mybookconnect.books.providers.googlebooks.GoogleBooksProvider",
        ],
        "BOOKS_LOOKUP_TIMEOUT": 5,
        "BOOKS_LOOKUP_CACHE_SECONDS": 86400,
    }
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from mybookconnect.books.providers.base import MetadataProvider
from mybookconnect.core.conf import AppSettings

LOOKUP_DEFAULTS: dict[str, Any] = {
    # Dotted paths of MetadataProvider subclasses, asked in this order until one knows the book.
    "BOOKS_METADATA_PROVIDERS": (
        "mybookconnect.books.providers.openlibrary.OpenLibraryProvider",
        "mybookconnect.books.providers.googlebooks.GoogleBooksProvider",
    ),
    # Seconds to wait for each request to a provider (connect and read).
    "BOOKS_LOOKUP_TIMEOUT": 5,
    # Seconds a provider's answer (a "not found" included) is kept in the default cache; 0 disables.
    "BOOKS_LOOKUP_CACHE_SECONDS": 86400,
    # Where the services live (tests and mirrors point these elsewhere).
    "BOOKS_OPENLIBRARY_URL": "https://openlibrary.org",
    "BOOKS_GOOGLE_BOOKS_URL": "https://www.googleapis.com/books/v1",
    # Optional Google Books API key (the API answers without one, with a lower quota).
    "BOOKS_GOOGLE_BOOKS_API_KEY": "",
}

lookup_settings = AppSettings(LOOKUP_DEFAULTS)


def get_metadata_providers() -> list[MetadataProvider]:
    """Instances of the configured providers, in the configured order."""
    providers = []
    for path in lookup_settings.BOOKS_METADATA_PROVIDERS:
        try:
            provider_class = import_string(path)
        except ImportError as exc:
            raise ImproperlyConfigured(f"BOOKS_METADATA_PROVIDERS: cannot import {path!r}.") from exc
        if not (isinstance(provider_class, type) and issubclass(provider_class, MetadataProvider)):
            raise ImproperlyConfigured(f"BOOKS_METADATA_PROVIDERS: {path!r} is not a MetadataProvider.")
        providers.append(
            provider_class(
                timeout=float(lookup_settings.BOOKS_LOOKUP_TIMEOUT),
                cache_seconds=int(lookup_settings.BOOKS_LOOKUP_CACHE_SECONDS),
            )
        )
    return providers

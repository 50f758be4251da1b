"""Which metadata providers a site uses, in which order, and with what timeout and cache.

The keys live with the app's other settings in :mod:`mybookconnect.books.conf`::

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

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from mybookconnect.books.conf import books_settings
from mybookconnect.books.providers.base import MetadataProvider


def get_metadata_providers() -> list[MetadataProvider]:
    """Instances of the configured providers, in the configured order."""
    providers = []
    for path in books_settings.BOOKS_METADATA_PROVIDERS:
        try:
            provider_class = import_string(path)
        except ImportError as exc:
            raise ImproperlyConfigured(f"BOOKS_METADATA_PROVIDERS: cannot import {path!r}.") from exc
        if not (isinstance(provider_class, type) and issubclass(provider_class, MetadataProvider)):
            raise ImproperlyConfigured(f"BOOKS_METADATA_PROVIDERS: {path!r} is not a MetadataProvider.")
        providers.append(
            provider_class(
                timeout=float(books_settings.BOOKS_LOOKUP_TIMEOUT),
                cache_seconds=int(books_settings.BOOKS_LOOKUP_CACHE_SECONDS),
            )
        )
    return providers

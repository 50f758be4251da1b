"""Settings of the books app: keys of ``settings.MYBOOKCONNECT`` starting with ``BOOKS_``."""

from __future__ import annotations

from typing import Any

from mybookconnect.core.conf import AppSettings

BOOKS_DEFAULTS: dict[str, Any] = {
    # Search on PostgreSQL ranks at most this many candidates (the most-read matches), so that a
    # common word costs no more than a rare one; it is also the most results a search returns.
    "BOOKS_SEARCH_MAX_RESULTS": 1000,
    # Longest query accepted, and most words used from it.
    "BOOKS_SEARCH_MAX_LENGTH": 200,
    "BOOKS_SEARCH_MAX_WORDS": 10,
    # Minimum pg_trgm similarity for a misspelt word to be replaced by a known one.
    "BOOKS_SEARCH_TYPO_SIMILARITY": 0.3,
    # Seconds a book's rendered page, and a search's rendered results, stay in the default cache (0: not
    # cached). Writes replace the cached copies at once (see mybookconnect.books.caching): these only
    # bound how long a write that bypasses the app (raw SQL) may go unseen, and the memory used.
    "BOOKS_DETAIL_CACHE_SECONDS": 3600,
    "BOOKS_SEARCH_CACHE_SECONDS": 300,
    # Seconds a page of a reader's feed stays in the default cache (0: not cached). Writes replace it at
    # once; this bounds what no token follows (see the feed section of the README) and the memory used.
    "BOOKS_FEED_CACHE_SECONDS": 60,
    # Outside metadata (``POST books/lookup/``): dotted paths of MetadataProvider subclasses, asked in
    # this order until one knows the book.
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
    # A reader's activities of one kind and key (shelving to one shelf, re-rating one book, progress on
    # one reading) less than this many seconds apart show as one item of the feed.
    "BOOKS_FEED_GROUP_SECONDS": 3600,
}

books_settings = AppSettings(BOOKS_DEFAULTS)

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
}

books_settings = AppSettings(BOOKS_DEFAULTS)

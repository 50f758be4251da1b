"""Pagination classes whose page sizes come from ``MYBOOKCONNECT`` (``PAGE_SIZE``, ``MAX_PAGE_SIZE``).

Sizes are read when a request is paginated, not at import, so ``override_settings`` works. Clients
choose a size with ``?page_size=``, capped at ``MAX_PAGE_SIZE``; a size that is not a positive integer
is ignored. A subclass may still set ``page_size`` or ``max_page_size`` to a plain integer.
"""

from __future__ import annotations

from typing import Any

from rest_framework import pagination

from .conf import core_settings


class _CoreSetting:
    """Class attribute that reads a core setting on access unless the instance or a subclass sets it.

    A non-data descriptor, so DRF's own ``self.page_size = ...`` assignments land on the instance.
    """

    def __init__(self, key: str) -> None:
        self.key = key

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        return getattr(core_settings, self.key)


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M``; responds ``{"count", "next", "previous", "results"}``."""

    page_size = _CoreSetting("PAGE_SIZE")
    max_page_size = _CoreSetting("MAX_PAGE_SIZE")
    page_size_query_param = "page_size"


class CursorPagination(pagination.CursorPagination):
    """Cursor pages for feeds, newest first (``-created_at``).

    Responds ``{"next", "previous", "results"}``: no count, so pages stay cheap on long feeds.
    """

    page_size = _CoreSetting("PAGE_SIZE")
    max_page_size = _CoreSetting("MAX_PAGE_SIZE")
    page_size_query_param = "page_size"
    ordering = "-created_at"

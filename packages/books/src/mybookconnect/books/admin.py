"""Django admin for the catalog."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mybookconnect.books.models import Book


class PublicationPeriodFilter(admin.SimpleListFilter):
    """Filters books by when they first appeared, in a handful of periods rather than one entry per year."""

    title = _("first published")
    parameter_name = "published"

    # (lookup value, label, first year inclusive, last year inclusive); None means "no year recorded".
    PERIODS: tuple[tuple[str, Any, int | None, int | None], ...] = (
        ("before-1800", _("before 1800"), None, 1799),
        ("1800s", _("1800–1899"), 1800, 1899),
        ("1900-1949", _("1900–1949"), 1900, 1949),
        ("1950-1999", _("1950–1999"), 1950, 1999),
        ("2000s", _("2000 onwards"), 2000, None),
    )
    UNKNOWN = "unknown"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, Any]]:
        return [(value, label) for value, label, _first, _last in self.PERIODS] + [
            (self.UNKNOWN, _("unknown year"))
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Book]) -> QuerySet[Book] | None:
        value = self.value()
        if value == self.UNKNOWN:
            return queryset.filter(first_published_year__isnull=True)
        for period, _label, first, last in self.PERIODS:
            if value == period:
                if first is not None:
                    queryset = queryset.filter(first_published_year__gte=first)
                if last is not None:
                    queryset = queryset.filter(first_published_year__lte=last)
                return queryset
        return queryset


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    list_display = ["title", "subtitle", "first_published_year", "created_at"]
    list_display_links = ["title"]
    list_filter = [PublicationPeriodFilter, "created_at"]
    search_fields = ["title", "subtitle"]
    ordering = ["title", "id"]
    sortable_by = ["title", "first_published_year", "created_at"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "subtitle", "first_published_year", "description"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    list_per_page = 50
    show_full_result_count = False

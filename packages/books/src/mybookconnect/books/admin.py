"""Django admin for the catalog."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mybookconnect.books import library as library_services
from mybookconnect.books import merge as merging
from mybookconnect.books import reviews as review_services
from mybookconnect.books.models import (
    Author,
    Book,
    BookAuthor,
    BookSeries,
    Comment,
    Edition,
    LibraryEntry,
    LibraryTag,
    MergeRedirect,
    Report,
    ReportStatus,
    Review,
    Revision,
    Series,
    Shelf,
    ShelfMembership,
    Subject,
)


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


# Django 6 reads a scheme-less URL as https; say so now rather than warn.
URL_FORMFIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


def _image_preview(image: Any, url: str) -> str:
    source = image.url if image else url
    if not source:
        return "—"
    return format_html('<img src="{}" alt="" style="max-height: 120px; max-width: 90px">', source)


def merge_action(merge_function: Any, name: str, description: str | Promise) -> Any:
    """An admin action merging the selected objects into the oldest one (the lowest id).

    ``description`` is a whole lazy sentence per model, not a noun put into one, so that it is
    translated when shown and the translation can agree with the noun's gender.
    """

    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
        selected = list(queryset.order_by("id"))
        if len(selected) < 2:
            modeladmin.message_user(request, _("Select at least two to merge."), messages.WARNING)
            return
        survivor = selected[0]
        for duplicate in selected[1:]:
            merge_function(duplicate, survivor, request.user)
        modeladmin.message_user(
            request,
            ngettext(
                "Merged %(count)d duplicate into “%(survivor)s”.",
                "Merged %(count)d duplicates into “%(survivor)s”.",
                len(selected) - 1,
            )
            % {"count": len(selected) - 1, "survivor": survivor},
            messages.SUCCESS,
        )

    action.short_description = description  # type: ignore[attr-defined]
    action.__name__ = f"merge_{name}"
    return action


class BookAuthorInline(admin.TabularInline):
    model = BookAuthor
    extra = 0
    autocomplete_fields = ["author"]


class BookSeriesInline(admin.TabularInline):
    model = BookSeries
    extra = 0
    autocomplete_fields = ["series"]


class EditionInline(admin.StackedInline):
    model = Edition
    extra = 0
    fields = ["isbn_13", "isbn_10", "publisher", "publication_year", "format", "language"]
    readonly_fields = ["isbn_13", "isbn_10"]
    show_change_link = True


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FORMFIELD_OVERRIDES
    list_display = [
        "cover_preview",
        "title",
        "subtitle",
        "first_published_year",
        "original_language",
        "readers_count",
    ]
    list_display_links = ["title"]
    list_filter = [PublicationPeriodFilter, "original_language", "subjects", "created_at"]
    search_fields = ["title", "subtitle", "book_authors__author__name", "editions__isbn_13", "=id"]
    ordering = ["title", "id"]
    sortable_by = ["title", "first_published_year", "readers_count"]
    readonly_fields = [
        "cover_preview",
        "ratings_count",
        "ratings_sum",
        "readers_count",
        "reviews_count",
        "rating_histogram",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["subjects"]
    inlines = [BookAuthorInline, BookSeriesInline, EditionInline]
    fieldsets = [
        (None, {"fields": ["title", "subtitle", "first_published_year", "original_language", "description"]}),
        (_("Cover"), {"fields": ["cover_preview", "cover", "cover_url"]}),
        (_("Subjects"), {"fields": ["subjects"]}),
        (_("Outside ids"), {"fields": ["openlibrary_work_id"], "classes": ["collapse"]}),
        (
            _("Record"),
            {
                "fields": [
                    "ratings_count",
                    "ratings_sum",
                    "readers_count",
                    "reviews_count",
                    "rating_histogram",
                    "created_at",
                    "updated_at",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    list_per_page = 50
    show_full_result_count = False
    actions = [merge_action(merging.merge_books, "books", _("Merge selected books into the oldest"))]

    @admin.display(description=_("cover"))
    def cover_preview(self, book: Book) -> str:
        return _image_preview(book.cover, book.cover_url)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FORMFIELD_OVERRIDES
    list_display = [
        "cover_preview",
        "__str__",
        "isbn_13",
        "publisher",
        "publication_year",
        "format",
        "language",
    ]
    list_filter = ["format", "language"]
    search_fields = ["isbn_13", "isbn_10", "publisher", "book__title"]
    autocomplete_fields = ["book"]
    readonly_fields = ["cover_preview", "created_at", "updated_at"]
    list_select_related = ["book"]
    actions = [merge_action(merging.merge_editions, "editions", _("Merge selected editions into the oldest"))]

    @admin.display(description=_("cover"))
    def cover_preview(self, edition: Edition) -> str:
        return _image_preview(edition.cover, edition.cover_url)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["photo_preview", "name", "sort_name", "birth_year", "death_year", "openlibrary_id"]
    list_display_links = ["name"]
    search_fields = ["name", "sort_name", "openlibrary_id"]
    list_filter = ["created_at"]
    readonly_fields = ["photo_preview", "created_at", "updated_at"]
    actions = [merge_action(merging.merge_authors, "authors", _("Merge selected authors into the oldest"))]

    @admin.display(description=_("photo"))
    def photo_preview(self, author: Author) -> str:
        return _image_preview(author.photo, "")


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]
    inlines = [BookSeriesInline]


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "book", "action", "user"]
    list_filter = ["action", "created_at"]
    search_fields = ["book__title"]
    list_select_related = ["book", "user"]
    readonly_fields = ["book", "edition", "edition_ref", "user", "action", "changes", "reverts", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(MergeRedirect)
class MergeRedirectAdmin(admin.ModelAdmin):
    list_display = ["kind", "old_id", "new_id", "merged_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["=old_id", "=new_id"]


# Reviews, comments and reports: moderation. Readers write through the API; staff read here, mark
# spoilers, delete, and work through the queue of open reports.


def _excerpt(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "user",
        "book",
        "audience",
        "spoiler",
        "likes_count",
        "comments_count",
        "created_at",
    ]
    list_filter = ["audience", "body_format", "spoiler", "created_at"]
    search_fields = ["title", "body", "book__title", f"user__{get_user_model().USERNAME_FIELD}", "=id"]
    list_select_related = ["user", "book"]
    fields = [
        "user",
        "book",
        "title",
        "rendered_body",
        "body_format",
        "spoiler",
        "content_warnings",
        "audience",
        "likes_count",
        "comments_count",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "user",
        "book",
        "title",
        "rendered_body",
        "body_format",
        "audience",
        "likes_count",
        "comments_count",
        "created_at",
        "updated_at",
    ]
    show_full_result_count = False

    @admin.display(description=_("text"))
    def rendered_body(self, review: Review) -> str:
        # body_html is sanitised when written (mybookconnect.books.markup): safe to show as it is.
        return mark_safe(review.body_html)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: Review) -> None:
        review_services.delete_review(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        for review in queryset:
            review_services.delete_review(review)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "excerpt", "user", "review", "deleted_at", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["body", f"user__{get_user_model().USERNAME_FIELD}", "=review__id", "=id"]
    list_select_related = ["user", "review"]
    readonly_fields = ["review", "user", "parent", "body", "deleted_at", "created_at", "updated_at"]
    show_full_result_count = False

    @admin.display(description=_("text"))
    def excerpt(self, comment: Comment) -> str:
        return _excerpt(comment.body)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: Comment) -> None:
        review_services.delete_comment(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        for comment in queryset:
            review_services.delete_comment(comment)


class ReportStatusFilter(admin.SimpleListFilter):
    """The moderation queue: open reports unless another status (or all) is chosen."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, Any]]:
        return [*ReportStatus.choices, (self.ALL, _("All"))]

    def value(self) -> str:
        return super().value() or ReportStatus.OPEN

    def choices(self, changelist: Any) -> Any:
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet[Report]) -> QuerySet[Report]:
        value = self.value()
        return queryset if value == self.ALL else queryset.filter(status=value)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """The moderation queue. A report shows the item as it was reported (its snapshot), whether or not
    the item is still there; the actions work either way."""

    list_display = [
        "created_at",
        "reason",
        "target",
        "reported_excerpt",
        "reported_user_name",
        "book_title",
        "content_exists",
        "reporter",
        "status",
    ]
    list_filter = [ReportStatusFilter, "reason", "kind"]
    # The comment for whether it was emptied in its thread; the rest is the report's own snapshot.
    list_select_related = ["reporter", "comment"]
    search_fields = ["reported_user_name", "book_title", "reported_title", "reported_text"]
    readonly_fields = [
        "reporter",
        "target",
        "content_exists",
        "reported_user",
        "reported_user_name",
        "book",
        "book_title",
        "reported_title",
        "reported_text",
        "reason",
        "details",
        "status",
        "resolved_by",
        "resolved_at",
        "created_at",
    ]
    fields = readonly_fields
    ordering = ["created_at", "id"]
    actions = ["remove_content_and_resolve", "dismiss"]
    show_full_result_count = False

    @admin.display(description=_("reported"))
    def target(self, report: Report) -> str:
        if report.review_id:
            url = reverse("admin:mybookconnect_books_review_change", args=[report.review_id])
            return format_html('<a href="{}">{}</a>', url, _("review %(id)s") % {"id": report.review_id})
        if report.comment_id:
            url = reverse("admin:mybookconnect_books_comment_change", args=[report.comment_id])
            return format_html('<a href="{}">{}</a>', url, _("comment %(id)s") % {"id": report.comment_id})
        return format_html("{} {}", report.get_kind_display(), _("(removed)"))

    @admin.display(description=_("text"))
    def reported_excerpt(self, report: Report) -> str:
        body = _excerpt(report.reported_text)
        return f"{report.reported_title}: {body}" if report.reported_title else body

    @admin.display(description=_("still there"), boolean=True)
    def content_exists(self, report: Report) -> bool:
        return report.content_exists

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Remove the reported content and resolve"), permissions=["change"])
    def remove_content_and_resolve(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        removed = review_services.remove_reported_content(list(queryset), request.user)
        self.message_user(
            request,
            ngettext(
                "Removed %(count)d review or comment.", "Removed %(count)d reviews or comments.", removed
            )
            % {"count": removed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Dismiss the selected reports"), permissions=["change"])
    def dismiss(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        dismissed = review_services.dismiss_reports(queryset, request.user)
        self.message_user(
            request,
            ngettext("Dismissed %(count)d report.", "Dismissed %(count)d reports.", dismissed)
            % {"count": dismissed},
            messages.SUCCESS,
        )


# Readers' libraries: staff look and delete (through the services, so that books' aggregates stay
# exact); readers change their own through the API.


class LibraryReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ShelfMembershipInline(admin.TabularInline):
    model = ShelfMembership
    fk_name = "entry"
    fields = ("shelf", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LibraryEntry)
class LibraryEntryAdmin(LibraryReadOnlyAdmin):
    list_display = ("book", "user", "status", "stars", "audience", "created_at")
    list_filter = ("status", "format", "owned", "wishlist", "audience")
    list_select_related = ("book", "user")
    search_fields = ("book__title", f"user__{get_user_model().USERNAME_FIELD}")
    raw_id_fields = ("user", "book", "edition")
    date_hierarchy = "created_at"
    inlines = [ShelfMembershipInline]

    @admin.display(description=_("rating"), ordering="rating_quarters")
    def stars(self, entry: LibraryEntry) -> str:
        rating = library_services.stars(entry.rating_quarters)
        return "—" if rating is None else f"{rating:g}"

    def delete_model(self, request: HttpRequest, obj: LibraryEntry) -> None:
        library_services.delete_entry(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[LibraryEntry]) -> None:
        for entry in queryset.order_by("pk"):
            library_services.delete_entry(entry)


@admin.register(Shelf)
class ShelfAdmin(LibraryReadOnlyAdmin):
    list_display = ("name", "user", "audience", "created_at")
    list_filter = ("audience",)
    list_select_related = ("user",)
    search_fields = ("name", f"user__{get_user_model().USERNAME_FIELD}")
    raw_id_fields = ("user",)


@admin.register(LibraryTag)
class LibraryTagAdmin(LibraryReadOnlyAdmin):
    list_display = ("name", "user")
    list_select_related = ("user",)
    search_fields = ("name", f"user__{get_user_model().USERNAME_FIELD}")
    raw_id_fields = ("user",)

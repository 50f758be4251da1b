"""A reader's library: one entry per reader and book, its read-throughs and progress, shelves and tags.

Ratings are stored in quarter stars (1-20: 0.25 to 5 stars) so that imports from services with finer
scales lose nothing; readers rate in half stars through the API. ``NULL`` is "not rated", distinct
from every rating.

Every entry has an ``audience`` (core's :class:`~mybookconnect.core.visibility.Audience`). While
``audience_is_default`` is true it follows the reader's default (the visibility policy's
``default_audience``); setting an audience on the entry turns that off.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from mybookconnect.core.models import TimestampedModel
from mybookconnect.core.visibility import Audience

from .catalog import Book, Edition

RATING_QUARTERS_MIN = 1
RATING_QUARTERS_MAX = 20
SHELF_NAME_MAX_LENGTH = 100
TAG_NAME_MAX_LENGTH = 50


class ReadingStatus(models.TextChoices):
    WANT_TO_READ = "want_to_read", _("Want to read")
    READING = "reading", _("Reading")
    READ = "read", _("Read")
    DID_NOT_FINISH = "did_not_finish", _("Did not finish")
    PAUSED = "paused", _("Paused")


class LibraryFormat(models.TextChoices):
    PHYSICAL = "physical", _("Physical")
    EBOOK = "ebook", _("Ebook")
    AUDIOBOOK = "audiobook", _("Audiobook")


class LibraryTag(models.Model):
    """A reader's own label for entries ("favourites", "book club 2026"); names are unique per reader,
    ignoring case."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_library_tags",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=TAG_NAME_MAX_LENGTH)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint("user", Lower("name"), name="mbc_books_librarytag_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class LibraryEntry(TimestampedModel):
    """One reader x one book (optionally the edition they have)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_library_entries",
        verbose_name=_("user"),
    )
    book = models.ForeignKey(
        Book, on_delete=models.CASCADE, related_name="library_entries", verbose_name=_("book")
    )
    edition = models.ForeignKey(
        Edition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="library_entries",
        verbose_name=_("edition"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReadingStatus.choices, default=ReadingStatus.WANT_TO_READ
    )
    owned = models.BooleanField(_("owned"), default=False)
    format = models.CharField(_("format"), max_length=10, choices=LibraryFormat.choices, blank=True)
    wishlist = models.BooleanField(_("wishlist"), default=False)
    # Only the owner ever sees these: no serializer for other viewers has the field.
    notes = models.TextField(_("private notes"), max_length=10_000, blank=True)
    rating_quarters = models.PositiveSmallIntegerField(
        _("rating (quarter stars)"), null=True, blank=True, help_text=_("1 to 20: 0.25 to 5 stars.")
    )
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    audience_is_default = models.BooleanField(_("audience follows the reader's default"), default=True)
    # The hand order of the to-read list: smaller first; gaps leave room to move an entry between two.
    position = models.BigIntegerField(_("position"), default=0)
    # The last day a read-through finished (denormalised for filtering and sorting by it).
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    tags = models.ManyToManyField(LibraryTag, related_name="entries", verbose_name=_("tags"), blank=True)

    class Meta:
        verbose_name = _("library entry")
        verbose_name_plural = _("library entries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "book"], name="mbc_books_libraryentry_unique_book"),
            models.CheckConstraint(
                condition=Q(rating_quarters__isnull=True)
                | Q(rating_quarters__gte=RATING_QUARTERS_MIN, rating_quarters__lte=RATING_QUARTERS_MAX),
                name="mbc_books_libraryentry_rating_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReadingStatus.values), name="mbc_books_libraryentry_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="mbc_books_libraryentry_audience_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="mbc_books_entry_user_added_idx"),
            models.Index(fields=["user", "status", "position", "id"], name="mbc_books_entry_user_order_idx"),
            models.Index(fields=["book", "-rated_at"], name="mbc_books_entry_book_rated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.book_id} {self.status}"


class ReadThrough(TimestampedModel):
    """One reading of a book: re-reads are separate read-throughs of the same entry.

    ``finished_on`` is set when the reading ended with the book finished, ``stopped_on`` when it was
    abandoned; at most one of them is set. Progress is the latest :class:`ProgressUpdate`.
    """

    entry = models.ForeignKey(
        LibraryEntry, on_delete=models.CASCADE, related_name="read_throughs", verbose_name=_("entry")
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    progress_page = models.PositiveIntegerField(_("page"), null=True, blank=True)
    progress_percent = models.DecimalField(
        _("percent"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    progress_minutes = models.PositiveIntegerField(_("minutes listened"), null=True, blank=True)

    class Meta:
        verbose_name = _("read-through")
        verbose_name_plural = _("read-throughs")
        ordering = [F("started_on").desc(nulls_last=True), "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(finished_on__isnull=True)
                | Q(finished_on__gte=F("started_on")),
                name="mbc_books_readthrough_finished_after_start",
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(stopped_on__isnull=True)
                | Q(stopped_on__gte=F("started_on")),
                name="mbc_books_readthrough_stopped_after_start",
            ),
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True) | Q(stopped_on__isnull=True),
                name="mbc_books_readthrough_finished_or_stopped",
            ),
            models.CheckConstraint(
                condition=Q(progress_percent__isnull=True)
                | Q(progress_percent__gte=0, progress_percent__lte=100),
                name="mbc_books_readthrough_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.started_on}-{self.finished_on or self.stopped_on or ''}"


class ProgressUpdate(models.Model):
    """A progress report during a read-through: a page, a percent or minutes of an audiobook."""

    read_through = models.ForeignKey(
        ReadThrough, on_delete=models.CASCADE, related_name="progress_updates", verbose_name=_("read-through")
    )
    page = models.PositiveIntegerField(_("page"), null=True, blank=True)
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=2, null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minutes listened"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(page__isnull=True, percent__isnull=True, minutes__isnull=True),
                name="mbc_books_progressupdate_has_progress",
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="mbc_books_progressupdate_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.read_through_id} p{self.page} {self.percent}% {self.minutes}m"


class Shelf(TimestampedModel):
    """A reader's named shelf; an entry may be on many. The shelf's audience hides its existence and
    its list from whoever may not see it (the entries keep their own audience too)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_shelves",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=SHELF_NAME_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    entries = models.ManyToManyField(
        LibraryEntry, through="ShelfMembership", related_name="shelves", verbose_name=_("entries")
    )

    class Meta:
        verbose_name = _("shelf")
        verbose_name_plural = _("shelves")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint("user", Lower("name"), name="mbc_books_shelf_unique_name"),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="mbc_books_shelf_audience_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ShelfMembership(models.Model):
    shelf = models.ForeignKey(Shelf, on_delete=models.CASCADE, related_name="memberships")
    entry = models.ForeignKey(LibraryEntry, on_delete=models.CASCADE, related_name="shelf_memberships")
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("shelf membership")
        verbose_name_plural = _("shelf memberships")
        constraints = [
            models.UniqueConstraint(fields=["shelf", "entry"], name="mbc_books_shelfmembership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.shelf_id} {self.entry_id}"

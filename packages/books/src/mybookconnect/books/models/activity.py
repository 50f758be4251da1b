"""The activity feed's records: what a reader did, with its audience, for their followers' feeds.

An activity points at what it is about (a library entry, a review, a followed reader) with foreign
keys that cascade, so deleting the thing deletes its activities. Its ``audience`` is kept equal to
that of the thing (services update both in one transaction), so the feed filters on one column.

Shelving many books at once is one activity: its entries are :class:`ActivityEntry` rows, and a
reader shelving more books soon after (``BOOKS_FEED_GROUP_SECONDS``) adds to the same activity.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mybookconnect.core.visibility import Audience

from .catalog import Book
from .library import LibraryEntry, ReadThrough, Shelf
from .reviews import Review


class ActivityVerb(models.TextChoices):
    STARTED = "started", _("started reading")
    FINISHED = "finished", _("finished reading")
    STOPPED = "stopped", _("stopped reading")
    RATED = "rated", _("rated")
    REVIEWED = "reviewed", _("reviewed")
    SHELVED = "shelved", _("shelved")
    PROGRESS = "progress", _("updated their progress")
    FOLLOWED = "followed", _("followed")


class Activity(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_activities",
        verbose_name=_("actor"),
    )
    verb = models.CharField(_("verb"), max_length=20, choices=ActivityVerb.choices)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    book = models.ForeignKey(
        Book, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("book")
    )
    entry = models.ForeignKey(
        LibraryEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="activities"
    )
    read_through = models.ForeignKey(
        ReadThrough, on_delete=models.CASCADE, null=True, blank=True, related_name="activities"
    )
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, null=True, blank=True, related_name="activities"
    )
    shelf = models.ForeignKey(
        Shelf, on_delete=models.CASCADE, null=True, blank=True, related_name="activities"
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("followed reader"),
    )
    # Small facts of the moment, for drawing it: {"status": "read"}, {"rating": 4.5}, {"percent": 40}.
    data = models.JSONField(_("data"), default=dict, blank=True)
    # The actor's rating of the book when it happened (quarter stars), for "rated", "reviewed" and
    # "finished": a later re-rating is an activity of its own and leaves this one as it was.
    rating_quarters = models.PositiveSmallIntegerField(_("rating (quarter stars)"), null=True, blank=True)
    # Activities a reader makes soon after one another with the same key are merged into one.
    group_key = models.CharField(_("group key"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="mbc_books_activity_audience_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["actor", "-created_at", "-id"], name="mbc_books_activity_actor_idx"),
            models.Index(fields=["-created_at", "-id"], name="mbc_books_activity_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.verb} {self.created_at:%Y-%m-%d %H:%M}"


class ActivityEntry(models.Model):
    """One of the books a grouped activity (shelving many books) is about."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="grouped_entries")
    entry = models.ForeignKey(LibraryEntry, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("activity entry")
        verbose_name_plural = _("activity entries")
        constraints = [
            models.UniqueConstraint(fields=["activity", "entry"], name="mbc_books_activityentry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.entry_id}"

"""Data the users app keeps about an account, keyed to ``settings.AUTH_USER_MODEL``.

The app never ships or assumes a user model of its own: a site brings whichever user model it
likes and the reader's profile, follows, follow requests and blocks live here.

Reverse accessors on the site's user model are prefixed (``user.mybookconnect_profile``,
``user.mybookconnect_following`` ...) so that they cannot collide with the host's own names.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mybookconnect.core.models import TimestampedModel
from mybookconnect.core.visibility import Audience

EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
BIO_MAX_LENGTH = 500
GENRES_MAX_COUNT = 20
GENRE_MAX_LENGTH = 50


def validate_birth_date(value: datetime.date) -> None:
    """Refuse birth dates in the future or before 1900-01-01."""
    if value > timezone.localdate():
        raise ValidationError(_("The birth date cannot be in the future."), code="future")
    if value < EARLIEST_BIRTH_DATE:
        raise ValidationError(_("The birth date cannot be before 1900-01-01."), code="too_early")


def avatar_upload_to(instance: Profile, filename: str) -> str:
    """``mybookconnect/avatars/<user pk>/<random>-<name>``: a new name per upload, so no cache serves
    a stale picture."""
    return f"mybookconnect/avatars/{instance.user_id}/{uuid.uuid4().hex[:12]}-{filename}"


class Profile(TimestampedModel):
    """The reader's profile and privacy settings: one per account, created with the account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_profile",
        verbose_name=_("user"),
    )
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    # Plain text: the API never renders it as HTML and the SPA shows it as text.
    bio = models.TextField(_("bio"), max_length=BIO_MAX_LENGTH, blank=True)
    location = models.CharField(_("location"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True, validators=[validate_birth_date])
    website = models.URLField(
        _("website"), max_length=200, blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    favourite_genres = models.JSONField(_("favourite genres"), default=list, blank=True)
    avatar_small = models.ImageField(
        _("avatar (64 px)"), upload_to=avatar_upload_to, max_length=255, null=True, blank=True
    )
    avatar_large = models.ImageField(
        _("avatar (256 px)"), upload_to=avatar_upload_to, max_length=255, null=True, blank=True
    )
    profile_visibility = models.CharField(
        _("profile visibility"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    approve_followers = models.BooleanField(
        _("approve followers"),
        default=False,
        help_text=_("New followers send a request that the reader accepts or rejects."),
    )
    show_follow_lists = models.BooleanField(
        _("show follow lists"),
        default=True,
        help_text=_("Whether those who may see the profile also see its followers and following lists."),
    )
    searchable = models.BooleanField(
        _("searchable"), default=True, help_text=_("Whether the reader appears in people search.")
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(profile_visibility__in=Audience.values),
                name="mybookconnect_users_profile_visibility_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_username()

    def avatar_urls(self) -> dict[str, str] | None:
        """``{"small": url, "large": url}``, or ``None`` when the reader has no avatar."""
        if not self.avatar_small or not self.avatar_large:
            return None
        return {"small": self.avatar_small.url, "large": self.avatar_large.url}


class Follow(models.Model):
    """``follower`` follows ``followee`` (an approved follow; pending ones are :class:`FollowRequest`)."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_following",
        verbose_name=_("follower"),
    )
    followee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_followers",
        verbose_name=_("followed reader"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["follower", "followee"], name="mybookconnect_users_follow_unique"
            ),
            models.CheckConstraint(
                condition=~Q(follower=F("followee")), name="mybookconnect_users_follow_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follower.get_username()} → {self.followee.get_username()}"


class FollowRequest(models.Model):
    """``requester`` asked to follow ``target``, who approves followers; pending until answered."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_sent_follow_requests",
        verbose_name=_("requester"),
    )
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_follow_requests",
        verbose_name=_("target"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("follow request")
        verbose_name_plural = _("follow requests")
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "target"], name="mybookconnect_users_follow_request_unique"
            ),
            models.CheckConstraint(
                condition=~Q(requester=F("target")), name="mybookconnect_users_follow_request_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester.get_username()} → {self.target.get_username()}"


class Block(models.Model):
    """``blocker`` blocked ``blocked``: no follows either way; ``blocked`` cannot see or find ``blocker``."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_blocks",
        verbose_name=_("blocker"),
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_blocked_by",
        verbose_name=_("blocked reader"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="mybookconnect_users_block_unique"),
            models.CheckConstraint(
                condition=~Q(blocker=F("blocked")), name="mybookconnect_users_block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker.get_username()} ⊘ {self.blocked.get_username()}"

"""Data the users app keeps about an account, keyed to ``settings.AUTH_USER_MODEL``.

The app never ships or assumes a user model of its own: a site brings whichever user model it
likes and the reader's profile lives here, one row per account.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mybookconnect.core.models import TimestampedModel


class Profile(TimestampedModel):
    """The reader's profile: one per account, created with the account by ``register_user``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_profile",
        verbose_name=_("user"),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.user.get_username()

from django.conf import settings
from django.db import models

from mybookconnect.core.models import TimestampedModel
from mybookconnect.core.visibility import Audience


class Note(TimestampedModel):
    """An item with an owner and an audience, as the apps built on core store them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(max_length=16, choices=Audience.choices, default=Audience.PUBLIC)
    text = models.CharField(max_length=200)

    class Meta:
        ordering = ["id"]

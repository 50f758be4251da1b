"""Serializers that document core's response bodies in the OpenAPI schema."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class HealthSerializer(serializers.Serializer):
    """Body of ``GET /api/v1/health/``: each part is "ok" or "error"."""

    # Each field's labels differ so that the schema gets one named enum per field, not one choice set
    # under three names (which drf-spectacular warns about).
    status = serializers.ChoiceField(
        choices=[("ok", _("Every check passed")), ("error", _("At least one check failed"))]
    )
    database = serializers.ChoiceField(
        choices=[("ok", _("Every checked database answered")), ("error", _("A database did not answer"))]
    )
    cache = serializers.ChoiceField(
        choices=[("ok", _("The cache stored and returned a value")), ("error", _("The cache failed"))]
    )


class ErrorSerializer(serializers.Serializer):
    """Body of every non-validation error: ``{"detail": ..., "code": ...}``.

    Apps may name it in ``extend_schema(responses={404: ErrorSerializer})``.
    """

    detail = serializers.CharField(help_text=_("Human-readable message, in the request's language."))
    code = serializers.CharField(help_text=_('Machine-readable error code, for example "not_found".'))

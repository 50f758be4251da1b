"""Core's API views."""

from __future__ import annotations

import logging
import uuid

from django.core.cache import caches
from django.db import connections
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..conf import core_settings
from .serializers import HealthSerializer

logger = logging.getLogger("mybookconnect.health")

OK = "ok"
ERROR = "error"


def check_databases() -> str:
    """Run ``SELECT 1`` on each database alias in ``HEALTH_CHECK_DATABASE_ALIASES``."""
    for alias in core_settings.HEALTH_CHECK_DATABASE_ALIASES:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception as exc:
            logger.warning(
                "Health check: database %r failed: %s", alias, exc.__class__.__name__, exc_info=exc
            )
            return ERROR
    return OK


def check_cache() -> str:
    """Store, read back and delete a random value in the ``HEALTH_CHECK_CACHE_ALIAS`` cache."""
    alias = core_settings.HEALTH_CHECK_CACHE_ALIAS
    key = f"mybookconnect:health:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    try:
        cache = caches[alias]
        cache.set(key, value, timeout=30)
        answered = cache.get(key)
        cache.delete(key)
    except Exception as exc:
        logger.warning("Health check: cache %r failed: %s", alias, exc.__class__.__name__, exc_info=exc)
        return ERROR
    if answered != value:
        logger.warning("Health check: cache %r did not return the value it was given", alias)
        return ERROR
    return OK


@method_decorator(never_cache, name="dispatch")
class HealthView(APIView):
    """Report whether the databases and the cache answer; for load balancers and uptime monitors."""

    # No authentication: a stale token in a monitor's request must not turn the check into a 401.
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes: list[type] = []

    @extend_schema(
        operation_id="health_retrieve",
        summary="Service health",
        description="200 when every database and the cache answer, 503 otherwise; the failing part is "
        '"error". Needs no authentication.',
        responses={200: HealthSerializer, 503: HealthSerializer},
        tags=["health"],
    )
    def get(self, request: Request) -> Response:
        checks = {"database": check_databases(), "cache": check_cache()}
        healthy = all(result == OK for result in checks.values())
        body = {"status": OK if healthy else ERROR, **checks}
        return Response(body, status=200 if healthy else 503)

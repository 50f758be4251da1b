"""The benchmark's framework floor: ``GET /api/v1/bench/floor/``, for ``make bench`` only.

It costs what every API request costs and nothing more: the middleware, DRF's dispatch, JWT
authentication (one query for the user, as on every authenticated request), a permission check and a
small JSON answer. ``deploy_project/bench/run.py`` divides each endpoint's requests/s by the floor's.

It is off unless ``settings.BENCH_ENDPOINTS`` (environment ``MBC_BENCH=1``) is on: then it answers a
JSON 404 identical to any unknown API path's, before authenticating, so a site that never sets the
variable (production) shows nothing of it. It requires a signed-in user, so that a benchmark sending a
wrong token sees 401s instead of measuring a cheaper anonymous floor. It is kept out of the OpenAPI schema.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

FLOOR_BODY = {"floor": True}


@extend_schema(exclude=True)
class BenchFloorView(APIView):
    """A constant answer behind the same authentication, permissions and middleware as the API."""

    permission_classes = [IsAuthenticated]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # Checked before DRF authenticates, so a disabled floor is a 404 to anyone, never a 401.
        if not getattr(settings, "BENCH_ENDPOINTS", False):
            raise NotFound
        super().initial(request, *args, **kwargs)

    def get(self, request: Request) -> Response:
        return Response(FLOOR_BODY)

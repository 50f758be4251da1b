"""Optional middleware: JSON errors from plain Django views under the API path, in DEBUG too.

DRF views already answer errors through :func:`mybookconnect.core.exceptions.exception_handler`, and
the error handlers in :mod:`mybookconnect.core.views` cover the rest when ``DEBUG`` is off. Add this
middleware when a site serves non-DRF views under ``/api/`` and wants the same JSON shapes from them
even with ``DEBUG`` on (where Django would show its HTML debug pages).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from rest_framework.renderers import JSONRenderer

from .exceptions import exception_handler
from .views import is_api_request


class ApiExceptionMiddleware:
    """Answer exceptions raised by views under the API path with core's JSON error shapes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_api_request(request):
            return None
        response = exception_handler(exception, {"request": request, "view": None})
        response.accepted_renderer = JSONRenderer()
        response.accepted_media_type = "application/json"
        response.renderer_context = {"request": request}
        return response.render()

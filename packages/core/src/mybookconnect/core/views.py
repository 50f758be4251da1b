"""Error views that answer JSON under the API path and Django's usual pages elsewhere.

A site points its root URLconf's ``handler400``, ``handler403``, ``handler404`` and ``handler500`` here
and includes :data:`mybookconnect.core.urls.api_fallback_urlpatterns` last under ``api/``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions

from .conf import core_settings
from .exceptions import BAD_REQUEST_CODE, BAD_REQUEST_MESSAGE, SERVER_ERROR_CODE, SERVER_ERROR_MESSAGE


def is_api_request(request: HttpRequest) -> bool:
    """Return whether ``request`` is for the API (its path starts with ``API_PATH_PREFIX``)."""
    return request.path_info.startswith(core_settings.API_PATH_PREFIX)


def error_response(detail: Any, code: str, status: int) -> JsonResponse:
    """Return ``{"detail": detail, "code": code}`` with ``status``."""
    return JsonResponse({"detail": str(detail), "code": code}, status=status)


def not_found_response() -> JsonResponse:
    return error_response(exceptions.NotFound.default_detail, exceptions.NotFound.default_code, 404)


# Exempt so that a POST to an unknown API path gets the JSON 404, not the CSRF failure page.
@csrf_exempt
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Answer any request with the JSON 404 ``{"detail": "Not found.", "code": "not_found"}``."""
    return not_found_response()


def handler400(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler400``: JSON under the API path, Django's default page elsewhere."""
    if is_api_request(request):
        return error_response(BAD_REQUEST_MESSAGE, BAD_REQUEST_CODE, 400)
    return defaults.bad_request(request, exception)


def handler403(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler403``: JSON under the API path, Django's default page elsewhere."""
    if is_api_request(request):
        denied = exceptions.PermissionDenied
        return error_response(denied.default_detail, denied.default_code, 403)
    return defaults.permission_denied(request, exception)


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler404``: JSON under the API path, Django's default page elsewhere."""
    if is_api_request(request):
        return not_found_response()
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    """``handler500``: JSON under the API path, Django's default page elsewhere."""
    if is_api_request(request):
        return error_response(SERVER_ERROR_MESSAGE, SERVER_ERROR_CODE, 500)
    return defaults.server_error(request)

"""DRF exception handler that gives every API error one of two JSON shapes.

- Validation errors keep DRF's shape, ``{"field": ["message"], "non_field_errors": ["message"]}``.
- Every other error is ``{"detail": "message", "code": "machine_readable_code"}``.

Set ``REST_FRAMEWORK["EXCEPTION_HANDLER"] = "mybookconnect.core.exceptions.exception_handler"``.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from django.core import exceptions as django_exceptions
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

logger = logging.getLogger("mybookconnect")

SERVER_ERROR_MESSAGE = _("A server error occurred.")
SERVER_ERROR_CODE = "server_error"
BAD_REQUEST_MESSAGE = _("Bad request.")
BAD_REQUEST_CODE = "bad_request"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """Turn ``exc`` into a JSON response; unhandled exceptions become a logged 500 with no details."""
    exc = _as_api_exception(exc)
    if isinstance(exc, exceptions.APIException):
        response = drf_exception_handler(exc, context)
        response.data = error_body(exc)
        return response
    request = context.get("request")
    if isinstance(exc, django_exceptions.SuspiciousOperation):
        # Django answers these with 400 and logs them to the "django.security" loggers; do the same.
        logging.getLogger(f"django.security.{exc.__class__.__name__}").error(
            str(exc), exc_info=exc, extra={"status_code": 400, "request": _http_request(request)}
        )
        return Response({"detail": BAD_REQUEST_MESSAGE, "code": BAD_REQUEST_CODE}, status=400)
    log_server_error(exc, request)
    set_rollback()
    return Response(
        {"detail": SERVER_ERROR_MESSAGE, "code": SERVER_ERROR_CODE},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def error_body(exc: exceptions.APIException) -> Any:
    """Return the response body for a DRF exception in one of the two documented shapes."""
    if isinstance(exc, exceptions.Throttled):
        return {"detail": throttled_message(exc.wait), "code": exc.default_code}
    detail = exc.detail
    if isinstance(detail, dict):
        # Field errors, or a detail dict already shaped by its raiser (simplejwt's token errors).
        return detail
    if isinstance(detail, list):
        # ``raise ValidationError("message")`` is about the input as a whole.
        return {api_settings.NON_FIELD_ERRORS_KEY: detail}
    return {"detail": str(detail), "code": getattr(detail, "code", None) or exc.default_code}


def throttled_message(wait: float | None) -> str:
    """Say when a throttled client may retry, translated as a whole.

    DRF builds its message by formatting the wait into a string before translating it, so only
    half of it ever reaches a translation; this one is one translatable sentence.
    """
    if wait is None:
        return str(_("Too many requests. Try again later."))
    seconds = max(1, math.ceil(wait))
    return ngettext(
        "Too many requests. Try again in %(seconds)d second.",
        "Too many requests. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


def log_server_error(exc: BaseException, request: Any = None) -> None:
    """Log an unhandled exception with its traceback to the ``mybookconnect`` logger."""
    http_request = _http_request(request)
    where = f"{http_request.method} {http_request.path}" if http_request is not None else "an API view"
    logger.error(
        "Unhandled exception in %s",
        where,
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 500, "request": http_request},
    )


def _as_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, Http404):
        return exceptions.NotFound(*exc.args)
    if isinstance(exc, django_exceptions.PermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, django_exceptions.ValidationError):
        # A service or model's full_clean() rejected the input: a 400 like a serializer's.
        return exceptions.ValidationError(as_serializer_error(exc))
    return exc


def _http_request(request: Any) -> Any:
    # DRF's Request wraps Django's HttpRequest, which is what logging handlers (AdminEmailHandler) expect.
    return getattr(request, "_request", request)

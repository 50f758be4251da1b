import logging

import pytest
from django.test import Client, override_settings

from .views import SECRET

pytestmark = pytest.mark.django_db


def test_validation_error_keeps_drf_field_shape(api_client):
    response = api_client.post("/api/v1/test/echo/", {"name": "far too long"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"name": ["Ensure this field has no more than 5 characters."]}


def test_missing_field_is_reported_per_field(api_client):
    response = api_client.post("/api/v1/test/echo/", {}, format="json")

    assert response.status_code == 400
    assert response.json() == {"name": ["This field is required."]}


def test_validation_error_without_field_goes_under_non_field_errors(api_client):
    response = api_client.post("/api/v1/test/non-field-error/", {}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The input as a whole is wrong."]}


def test_django_validation_error_becomes_a_field_error(api_client):
    response = api_client.post("/api/v1/test/django-validation-error/", {}, format="json")

    assert response.status_code == 400
    assert response.json() == {"name": ["Taken."]}


def test_malformed_json_is_a_400_parse_error(api_client):
    response = api_client.post("/api/v1/test/echo/", data='{"name": ', content_type="application/json")

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail", "code"}
    assert body["code"] == "parse_error"
    assert body["detail"].startswith("JSON parse error")


def test_unsupported_media_type_has_detail_and_code(api_client):
    response = api_client.post("/api/v1/test/echo/", data="name=x", content_type="text/plain")

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_anonymous_request_to_protected_view_is_401_with_detail_and_code(api_client):
    response = api_client.get("/api/v1/test/private/")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Authentication credentials were not provided.",
        "code": "not_authenticated",
    }
    assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_wrong_credentials_are_401_authentication_failed(api_client, make_user):
    make_user("reader")
    api_client.credentials(HTTP_AUTHORIZATION="Basic cmVhZGVyOndyb25n")  # reader:wrong

    response = api_client.get("/api/v1/test/private/")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_wrong_method_is_405_with_detail_and_code(api_client):
    response = api_client.delete("/api/v1/test/echo/")

    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "DELETE" not allowed.', "code": "method_not_allowed"}


def test_django_permission_denied_is_403_json(api_client):
    response = api_client.get("/api/v1/test/django-permission-denied/")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "You do not have permission to perform this action.",
        "code": "permission_denied",
    }


def test_django_http404_is_404_json(api_client):
    response = api_client.get("/api/v1/test/django-not-found/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No note matches the given query.", "code": "not_found"}


def test_suspicious_operation_is_400_without_its_message(api_client, caplog):
    with caplog.at_level(logging.ERROR, logger="django.security"):
        response = api_client.get("/api/v1/test/suspicious/")

    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request.", "code": "bad_request"}
    assert SECRET not in response.content.decode()
    assert any(record.name == "django.security.SuspiciousOperation" for record in caplog.records)


def test_unhandled_exception_is_logged_500_json_without_traceback(api_client, caplog):
    with caplog.at_level(logging.ERROR, logger="mybookconnect"):
        response = api_client.get("/api/v1/test/boom/")

    assert response.status_code == 500
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"detail": "A server error occurred.", "code": "server_error"}
    text = response.content.decode()
    assert SECRET not in text
    assert "Traceback" not in text
    assert "RuntimeError" not in text
    [record] = [r for r in caplog.records if r.name == "mybookconnect"]
    assert record.levelno == logging.ERROR
    assert record.exc_info[0] is RuntimeError
    assert "GET /api/v1/test/boom/" in record.getMessage()
    assert record.status_code == 500


def test_unknown_api_path_is_json_404(api_client):
    for path in ("/api/v1/no-such-thing/", "/api/nothing", "/api/", "/api/v2/books/1/"):
        response = api_client.get(path)

        assert response.status_code == 404, path
        assert response.headers["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_post_to_unknown_api_path_is_json_404_not_csrf_failure():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/api/v1/no-such-thing/", data="{}", content_type="application/json")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_non_api_404_is_not_json(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")


def test_plain_view_under_api_raising_is_json_500_through_middleware(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="mybookconnect"):
        response = client.get("/api/v1/test/plain-boom/")

    assert response.status_code == 500
    assert response.json() == {"detail": "A server error occurred.", "code": "server_error"}
    assert SECRET not in response.content.decode()
    assert any(r.name == "mybookconnect" and r.exc_info for r in caplog.records)


def test_plain_view_under_api_raising_http404_is_json_through_middleware(client):
    response = client.get("/api/v1/test/plain-not-found/")

    assert response.status_code == 404
    assert response.json() == {"detail": SECRET, "code": "not_found"}


@override_settings(MIDDLEWARE=["django.middleware.common.CommonMiddleware"])
def test_plain_view_under_api_raising_is_json_500_through_handler500_without_middleware():
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/test/plain-boom/")

    assert response.status_code == 500
    assert response.json() == {"detail": "A server error occurred.", "code": "server_error"}


def test_plain_view_outside_api_raising_gets_django_html_500():
    client = Client(raise_request_exception=False)

    response = client.get("/plain-boom/")

    assert response.status_code == 500
    assert response.headers["Content-Type"].startswith("text/html")
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status", "code"),
    [("handler400", 400, "bad_request"), ("handler403", 403, "permission_denied")],
)
def test_error_handlers_answer_json_under_api_and_html_elsewhere(rf, handler, status, code):
    from mybookconnect.core import views

    view = getattr(views, handler)

    api_response = view(rf.get("/api/v1/anything/"), Exception(SECRET))
    assert api_response.status_code == status
    assert api_response.headers["Content-Type"] == "application/json"
    assert code in api_response.content.decode()
    assert SECRET not in api_response.content.decode()

    page_response = view(rf.get("/anything/"), Exception(SECRET))
    assert page_response.status_code == status
    assert page_response.headers["Content-Type"].startswith("text/html")


@override_settings(MYBOOKCONNECT={"API_PATH_PREFIX": "/rest/"})
def test_api_path_prefix_decides_which_paths_get_json(rf):
    from mybookconnect.core.views import handler404

    assert handler404(rf.get("/rest/x/"), Exception()).headers["Content-Type"] == "application/json"
    assert handler404(rf.get("/api/x/"), Exception()).headers["Content-Type"].startswith("text/html")

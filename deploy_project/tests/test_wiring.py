"""The apps are wired together: health, schema, docs, JSON errors, languages, the admin."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_reports_database_and_cache(api_client):
    response = api_client.get("/api/v1/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_schema_is_valid_without_warnings(tmp_path):
    schema = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema))

    text = schema.read_text()
    for path in (
        "/api/v1/auth/session/",
        "/api/v1/auth/session/refresh/",
        "/api/v1/auth/session/logout/",
        "/api/v1/auth/register/",
        "/api/v1/auth/me/",
        "/api/v1/books/",
        "/api/v1/health/",
    ):
        assert f"{path}:" in text
    # Split components: the SPA's generated types tell what it sends from what it receives.
    assert "TokenObtainRequest:" in text


def test_schema_endpoint_serves_openapi(api_client):
    response = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "MyBookConnect API"


def test_swagger_ui_is_served_from_the_sidecar(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    assert "drf_spectacular_sidecar/swagger-ui-dist" in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/nope/deeper/", "/api/v2/", "/api/"])
def test_unknown_api_path_is_a_json_404(api_client, method, path):
    response = getattr(api_client, method)(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_malformed_json_is_a_json_400(api_client):
    response = api_client.post(
        "/api/v1/auth/register/", data='{"username": "ana",', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_validation_errors_are_per_field(api_client):
    response = api_client.post("/api/v1/auth/register/", {"username": "", "email": "nope"}, format="json")

    assert response.status_code == 400
    assert set(response.json()) >= {"username", "email", "password"}


def test_api_messages_follow_accept_language(api_client):
    spanish = api_client.get("/api/v1/auth/me/", HTTP_ACCEPT_LANGUAGE="es")
    english = api_client.get("/api/v1/auth/me/", HTTP_ACCEPT_LANGUAGE="en")

    assert spanish.status_code == english.status_code == 401
    assert english.json()["detail"] == "Authentication credentials were not provided."
    assert spanish.json()["detail"] == "Las credenciales de autenticación no se proveyeron."
    assert spanish.json()["code"] == "not_authenticated"
    assert spanish["Content-Language"] == "es"


def test_unknown_api_path_in_spanish(api_client):
    response = api_client.get("/api/v1/nope/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")

    assert response.json() == {"detail": "No encontrado.", "code": "not_found"}


def test_admin_is_the_django_admin(client, admin_user):
    assert client.get("/admin/").status_code == 302
    login = client.get(reverse("admin:login"))
    assert login.status_code == 200
    assert b"Django administration" in login.content

    client.force_login(admin_user)
    response = client.get("/admin/mybookconnect_books/book/")
    assert response.status_code == 200


def test_books_are_served(api_client):
    call_command("load_demo", verbosity=0)

    response = api_client.get("/api/v1/books/")

    assert response.status_code == 200
    assert response.json()["count"] > 0


def test_cors_allows_only_configured_origins_on_the_api(api_client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]

    allowed = api_client.get("/api/v1/health/", HTTP_ORIGIN="https://app.example.com")
    refused = api_client.get("/api/v1/health/", HTTP_ORIGIN="https://evil.example.com")

    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "Access-Control-Allow-Origin" not in refused

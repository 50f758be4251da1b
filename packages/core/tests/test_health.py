import logging

import pytest
from django.test import override_settings

# A Redis server nobody listens on: a real, failing cache configuration.
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
}


@pytest.mark.django_db
def test_healthy(api_client):
    response = api_client.get("/api/v1/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_ignores_bad_credentials(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Basic bm9ib2R5Om5vdGhpbmc=")

    assert api_client.get("/api/v1/health/").status_code == 200


@pytest.mark.django_db
@override_settings(CACHES=UNREACHABLE_REDIS)
def test_unreachable_cache_is_503(api_client, caplog):
    with caplog.at_level(logging.WARNING, logger="mybookconnect"):
        response = api_client.get("/api/v1/health/")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}
    assert any("cache 'default' failed" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_cache_that_forgets_is_503(api_client):
    response = api_client.get("/api/v1/health/")

    assert response.status_code == 503
    assert response.json()["cache"] == "error"


@override_settings(MYBOOKCONNECT={"HEALTH_CHECK_DATABASE_ALIASES": ["unreachable"]})
def test_unreachable_database_is_503(api_client, django_db_blocker, caplog):
    # No django_db mark: a test case would guard the "unreachable" alias with its own error. The
    # request touches no other database, so lifting pytest-django's block lets the alias really
    # try (and fail) to open its file.
    with django_db_blocker.unblock(), caplog.at_level(logging.WARNING, logger="mybookconnect"):
        response = api_client.get("/api/v1/health/")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}
    [record] = [r for r in caplog.records if "database 'unreachable' failed" in r.getMessage()]
    assert record.getMessage().endswith("OperationalError")


@pytest.mark.django_db
def test_error_body_names_no_exception(api_client):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        response = api_client.get("/api/v1/health/")

    assert set(response.json()) == {"status", "database", "cache"}
    assert set(response.json().values()) <= {"ok", "error"}

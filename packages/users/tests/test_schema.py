import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(tmp_path):
    path = tmp_path / "schema.json"
    call_command(
        "spectacular",
        *("--validate", "--fail-on-warn", "--format", "openapi-json"),
        *("--urlconf", "tests.urls_users_only", "--file", str(path)),
    )
    return json.loads(path.read_text())


def test_every_endpoint_is_documented_with_bodies(schema):
    paths = schema["paths"]
    for url in ("register/", "token/", "token/refresh/", "logout/"):
        operation = paths[f"/api/v1/auth/{url}"]["post"]
        assert "application/json" in operation["requestBody"]["content"], url
        assert operation["requestBody"]["required"] is True
    me = paths["/api/v1/auth/me/"]["get"]
    assert me["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Me")
    graph = {
        "/api/v1/auth/me/avatar/",
        "/api/v1/users/",
        "/api/v1/users/{username}/",
        "/api/v1/users/{username}/follow/",
        "/api/v1/users/{username}/follower/",
        "/api/v1/users/{username}/followers/",
        "/api/v1/users/{username}/following/",
        "/api/v1/users/{username}/block/",
        "/api/v1/follow-requests/",
        "/api/v1/follow-requests/{id}/accept/",
        "/api/v1/follow-requests/{id}/reject/",
        "/api/v1/blocks/",
    }
    tokens = {f"/api/v1/auth/{url}" for url in ("register/", "token/", "token/refresh/", "logout/", "me/")}
    assert tokens | graph <= set(paths)
    avatar = paths["/api/v1/auth/me/avatar/"]["put"]["requestBody"]["content"]
    assert list(avatar) == ["multipart/form-data"]


def test_request_fields(schema):
    components = schema["components"]["schemas"]
    assert set(components["Registration"]["required"]) == {"username", "email", "password"}
    assert set(components["TokenObtain"]["properties"]) == {"username", "password"}
    assert set(components["TokenPair"]["properties"]) == {"access", "refresh"}
    assert set(components["Account"]["properties"]) == {"id", "username", "email", "date_joined"}


def test_whole_site_schema_is_clean(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "all.yaml"))

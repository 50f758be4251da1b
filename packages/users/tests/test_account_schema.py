"""The account endpoints are in the OpenAPI schema with their request and response bodies."""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(tmp_path_factory, django_db_blocker):
    path = tmp_path_factory.mktemp("schema") / "schema.json"
    with django_db_blocker.unblock():
        call_command(
            "spectacular",
            *("--validate", "--fail-on-warn", "--format", "openapi-json"),
            *("--urlconf", "tests.urls_users_only", "--file", str(path)),
        )
    return json.loads(path.read_text())


def ref(content):
    return content["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


@pytest.mark.parametrize(
    ("path", "request_body", "status", "response_body"),
    [
        ("password/change/", "PasswordChange", "200", "TokenPair"),
        ("password/reset/", "PasswordReset", "202", "Detail"),
        ("password/reset/confirm/", "PasswordResetConfirm", "204", None),
        ("email/change/", "EmailChange", "202", "Detail"),
        ("email/change/confirm/", "EmailChangeConfirm", "200", "Me"),
    ],
)
def test_post_endpoints(schema, path, request_body, status, response_body):
    operation = schema["paths"][f"/api/v1/auth/{path}"]["post"]

    assert ref(operation["requestBody"]["content"]) == request_body
    assert operation["requestBody"]["required"] is True
    assert "400" in operation["responses"]
    if response_body:
        assert ref(operation["responses"][status]["content"]) == response_body
    else:
        assert "content" not in operation["responses"][status]


def test_request_fields(schema):
    components = schema["components"]["schemas"]
    assert set(components["PasswordChange"]["required"]) == {"current_password", "new_password"}
    assert set(components["PasswordResetConfirm"]["required"]) == {"uid", "token", "new_password"}
    assert set(components["EmailChange"]["required"]) == {"new_email", "password"}


def test_reset_documents_throttling(schema):
    assert "429" in schema["paths"]["/api/v1/auth/password/reset/"]["post"]["responses"]


def test_export_is_documented(schema):
    operation = schema["paths"]["/api/v1/auth/me/export/"]["get"]

    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "object"
    assert "401" in operation["responses"]

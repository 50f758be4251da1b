"""make bench's framework floor: on only with BENCH_ENDPOINTS, authenticated, constant, not in the schema."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.utils import get_random_secret_key
from rest_framework_simplejwt.tokens import AccessToken

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
FLOOR = "/api/v1/bench/floor/"
NOT_FOUND = {"detail": "Not found.", "code": "not_found"}


@pytest.fixture
def bench_on(settings):
    settings.BENCH_ENDPOINTS = True


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {AccessToken.for_user(user)}"}


@pytest.mark.usefixtures("bench_on")
def test_floor_answers_a_constant_to_a_signed_in_user(api_client, user, django_assert_num_queries):
    # One query: JWTAuthentication loads the token's user, as on every authenticated request.
    with django_assert_num_queries(1):
        response = api_client.get(FLOOR, **bearer(user))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"floor": True}


@pytest.mark.usefixtures("bench_on")
def test_floor_requires_authentication(api_client):
    response = api_client.get(FLOOR)

    assert response.status_code == 401


@pytest.mark.usefixtures("bench_on")
def test_floor_refuses_a_bad_token(api_client):
    response = api_client.get(FLOOR, HTTP_AUTHORIZATION="Bearer not-a-token")

    assert response.status_code == 401


@pytest.mark.parametrize(("environment", "expected"), [({}, "False"), ({"MBC_BENCH": "1"}, "True")])
def test_floor_is_off_unless_mbc_bench_is_set(environment, expected):
    env = {key: value for key, value in os.environ.items() if key != "MBC_BENCH"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.BENCH_ENDPOINTS)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": get_random_secret_key(),
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize("authenticated", [False, True])
def test_disabled_floor_is_the_plain_json_404(api_client, user, settings, authenticated):
    settings.BENCH_ENDPOINTS = False
    headers = bearer(user) if authenticated else {}

    response = api_client.get(FLOOR, **headers)

    assert response.status_code == 404
    assert response.json() == NOT_FOUND == api_client.get("/api/v1/no-such-thing/").json()


def test_floor_is_not_in_the_schema(tmp_path, settings):
    settings.BENCH_ENDPOINTS = True
    schema = tmp_path / "schema.yaml"

    call_command("spectacular", "--file", str(schema))

    assert "/api/v1/bench/" not in schema.read_text()

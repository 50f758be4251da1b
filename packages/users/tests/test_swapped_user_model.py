"""The app must work with a host's own user model, not only ``auth.User``.

The default run starts the whole suite again under ``tests.settings_custom_user`` (a model whose
username field is ``handle``, email field ``email_address``, without ``date_joined``); the tests
below check what only that run can see.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from mybookconnect.users.models import Profile

from .conftest import PASSWORD

swapped = pytest.mark.skipif(
    settings.AUTH_USER_MODEL == "auth.User", reason="needs tests.settings_custom_user"
)


@pytest.mark.skipif(settings.AUTH_USER_MODEL != "auth.User", reason="this is the run it starts")
def test_whole_suite_passes_with_a_swapped_user_model():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--ds=tests.settings_custom_user"],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout


@swapped
@pytest.mark.django_db
def test_registration_fills_the_models_own_fields(api_client):
    response = api_client.post(
        "/api/v1/auth/register/",
        {"username": "ann_reader", "email": "Ann@Example.com", "password": PASSWORD},
        format="json",
    )
    assert response.status_code == 201, response.json()
    reader = get_user_model()._default_manager.get()
    assert type(reader).__name__ == "Reader"
    assert reader.handle == "ann_reader"
    assert reader.email_address == "Ann@example.com"
    # No date_joined on this model: the profile's creation time stands in.
    assert response.json()["date_joined"] == Profile.objects.get(user=reader).created_at.isoformat().replace(
        "+00:00", "Z"
    )


@swapped
@pytest.mark.django_db
def test_models_username_rules_apply(api_client):
    response = api_client.post(
        "/api/v1/auth/register/",
        {"username": "Ann", "email": "ann@example.com", "password": PASSWORD},
        format="json",
    )
    assert response.json() == {"username": ["Use lower-case letters, digits and underscores."]}


@swapped
@pytest.mark.django_db
def test_password_similarity_uses_the_sites_attributes(api_client):
    response = api_client.post(
        "/api/v1/auth/register/",
        {"username": "quixote_fan", "email": "q@example.com", "password": "quixote_fan"},
        format="json",
    )
    assert response.json() == {"password": ["The password is too similar to the handle."]}

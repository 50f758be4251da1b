"""The site's wiring of the users app's profiles: the visibility policy and uploaded avatars."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework_simplejwt.tokens import RefreshToken

from mybookconnect.core.visibility import get_visibility_policy
from mybookconnect.users.visibility import FollowerVisibilityPolicy

BASE_DIR = Path(__file__).resolve().parent.parent


def test_site_uses_the_follower_aware_policy():
    assert isinstance(get_visibility_policy(), FollowerVisibilityPolicy)


@pytest.mark.django_db
def test_avatar_upload_through_the_site(api_client, user):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "navy").save(buffer, format="PNG")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    response = api_client.put(
        "/api/v1/auth/me/avatar/",
        {"avatar": SimpleUploadedFile("me.png", buffer.getvalue())},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["profile"]["avatar"]["small"].startswith("/media/mybookconnect/avatars/")


@pytest.mark.parametrize(
    ("env", "served"),
    [({}, True), ({"DEBUG": "1"}, True), ({"DEBUG": "0"}, False), ({"SERVE_MEDIA": "1"}, True)],
)
def test_media_is_served_by_django_only_when_asked(env, served):
    # URLconfs are read once per process: ask a fresh one.
    code = (
        "import django; django.setup(); from django.urls import resolve, Resolver404\n"
        "try:\n    resolve('/media/x.webp'); print('served')\nexcept Resolver404:\n    print('not served')"
    )
    environ = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SERVE_MEDIA")}
    environ.update(env, DJANGO_SETTINGS_MODULE="config.settings.local")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environ, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ("served" if served else "not served")

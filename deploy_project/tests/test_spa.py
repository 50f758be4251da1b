"""The built SPA answers every route it owns; the API, the admin and static files never fall back."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

from tests.conftest import INDEX_HTML

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/login", "/register/", "/some/deep/route", "/books/42?tab=reviews"])
def test_spa_routes_serve_index_html(client, spa_dist, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    assert response.content.decode() == INDEX_HTML


def test_head_is_allowed_and_post_is_not(client, spa_dist):
    assert client.head("/login").status_code == 200
    assert client.post("/login").status_code == 405


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/books/99999/", "/api/other/"])
def test_api_paths_never_fall_back_to_the_spa(client, spa_dist, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_missing_static_file_is_a_404_not_the_spa(client, spa_dist):
    response = client.get("/static/assets/missing-AbCd12_-.js")

    assert response.status_code == 404
    assert response.content != INDEX_HTML.encode()


def test_admin_is_not_the_spa(client, spa_dist):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert response.content != INDEX_HTML.encode()


def test_unbuilt_spa_gets_an_explanation(client, settings, tmp_path):
    settings.SPA_DIST_DIR = tmp_path / "not-built"

    response = client.get("/login")

    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b"npm run build" in response.content


@pytest.mark.parametrize(
    ("url", "immutable"),
    [
        ("/static/assets/index-AbCd12_-.js", True),
        ("/static/assets/index-Bx9zQ2kL.css", True),
        ("/static/admin/css/base.0123456789ab.css", True),
        ("/static/assets/index-AbCd12_-.0123456789ab.js", True),
        ("/static/admin/css/base.css", False),
        ("/static/favicon.svg", False),
        ("/static/index.html", False),
    ],
)
def test_hashed_static_files_are_cached_forever(url, immutable):
    assert bool(re.search(django_settings.WHITENOISE_IMMUTABLE_FILE_TEST, url)) is immutable


@pytest.fixture
def collected(tmp_path, spa_dist, settings):
    """collectstatic with the production storage into a temporary STATIC_ROOT, the fake SPA included."""
    assets = spa_dist / "assets"
    assets.mkdir()
    (assets / "index-AbCd12_-.js").write_text("console.log('MyBookConnect');\n" * 50)
    css = "body { background: url(/static/assets/logo-Qq1_2w3E.svg); }\n"
    (assets / "index-Zz9_yx-W.css").write_text(css)
    (assets / "logo-Qq1_2w3E.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"></svg>\n')
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATICFILES_DIRS = [spa_dist]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    # The sidecar's Swagger UI bundles are big and slow to compress; they add nothing to this test.
    call_command("collectstatic", "--noinput", "--ignore", "drf_spectacular_sidecar", verbosity=0)
    return settings.STATIC_ROOT


def test_collectstatic_hashes_and_compresses(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]

    hashed = manifest["assets/index-AbCd12_-.js"]
    assert re.fullmatch(r"assets/index-AbCd12_-\.[0-9a-f]{12}\.js", hashed)
    assert (collected / f"{hashed}.gz").exists()
    assert "admin/css/base.css" in manifest
    css = manifest["assets/index-Zz9_yx-W.css"]
    # References inside CSS point at the hashed copies.
    assert manifest["assets/logo-Qq1_2w3E.svg"] in (collected / css).read_text()


def test_whitenoise_serves_vite_assets_forever_cacheable(collected):
    response = Client().get("/static/assets/index-AbCd12_-.js", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    response.close()

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from rest_framework.test import APIClient

PASSWORD = "correct horse battery staple"
INDEX_HTML = '<!doctype html><html><head><script type="module" src="/static/assets/index-AbCd12_-.js">'
INDEX_HTML += '</script></head><body><div id="root"></div></body></html>'


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Each test's rows are rolled back, but what the cache (Redis) remembers of them is not: a cached
    # reader lookup or page of an earlier test must not answer for this one's rows.
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("ana", "ana@example.com", PASSWORD)


@pytest.fixture
def spa_dist(tmp_path: Path, settings) -> Path:
    """A fake built SPA, served as if ``frontend/dist`` held it."""
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text(INDEX_HTML, encoding="utf-8")
    settings.SPA_DIST_DIR = dist
    return dist

"""Configuration from the environment, and the production settings' refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from config.env import cache_config, database_config, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent


def run_python(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_python("-c", "import django; django.setup()")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr
    assert "refuses to start without it while DEBUG is off" in result.stderr


def test_production_deploy_check_is_clean():
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=get_random_secret_key(),
        ALLOWED_HOSTS="example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize(
    ("redis_url", "expected"),
    [("", "0 0 0"), ("redis://127.0.0.1:6379/0", "3600 300 60")],
)
def test_production_caches_book_pages_only_with_a_shared_cache(redis_url, expected):
    result = run_python(
        "-c",
        "import django; django.setup(); from mybookconnect.books.conf import books_settings as s; "
        "print(s.BOOKS_DETAIL_CACHE_SECONDS, s.BOOKS_SEARCH_CACHE_SECONDS, s.BOOKS_FEED_CACHE_SECONDS)",
        SECRET_KEY=get_random_secret_key(),
        REDIS_URL=redis_url,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_wsgi_application_loads_with_production_settings():
    result = run_python(
        "-c",
        "from config.wsgi import application; print(type(application).__name__)",
        SECRET_KEY=get_random_secret_key(),
        ALLOWED_HOSTS="example.com",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "WSGIHandler"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("Yes", True), (" on ", True), ("0", False), ("False", False), ("", False)],
)
def test_env_bool(raw, expected):
    assert env_bool("FLAG", not expected, {"FLAG": raw}) is expected


def test_env_bool_default_and_garbage():
    assert env_bool("FLAG", True, {}) is True
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG", False, {"FLAG": "maybe"})


def test_env_int():
    assert env_int("N", 5, {}) == 5
    assert env_int("N", 5, {"N": ""}) == 5
    assert env_int("N", 5, {"N": " 30 "}) == 30
    with pytest.raises(ImproperlyConfigured, match="N='five' is not an integer"):
        env_int("N", 5, {"N": "five"})


def test_env_list_and_str():
    assert env_list("HOSTS", ["localhost"], {}) == ["localhost"]
    assert env_list("HOSTS", ["localhost"], {"HOSTS": ""}) == []
    assert env_list("HOSTS", None, {"HOSTS": " a.com, b.com ,,"}) == ["a.com", "b.com"]
    assert env_str("NAME", "x", {"NAME": " y "}) == "y"
    assert env_str("NAME", "x", {}) == "x"


def test_database_defaults_to_a_sqlite_file(tmp_path):
    config = database_config("", tmp_path / "db.sqlite3")

    assert config == {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}


def test_postgres_database_url_keeps_healthy_connections():
    config = database_config("postgres://reader:s3cret@db.internal:6543/books", Path("unused"))

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 6543, "books")
    assert (config["USER"], config["PASSWORD"]) == ("reader", "s3cret")
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["OPTIONS"]["options"] == "-c jit=off"


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL")
@pytest.mark.django_db
def test_the_sites_postgres_connections_run_without_jit():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_sqlite_database_url_is_not_persistent(tmp_path):
    config = database_config(f"sqlite:///{tmp_path}/other.sqlite3", Path("unused"))

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == f"{tmp_path}/other.sqlite3"
    assert config.get("CONN_MAX_AGE", 0) == 0


def test_bad_database_url_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_config("nosuchdb://x/y", Path("unused"))


def test_cache_defaults_to_local_memory():
    assert cache_config("")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_redis_url_selects_django_redis():
    config = cache_config("redis://cache:6379/2")

    assert config["BACKEND"] == "django_redis.cache.RedisCache"
    assert config["LOCATION"] == "redis://cache:6379/2"


def test_bad_redis_url_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        cache_config("http://cache:6379")


def test_running_settings_follow_the_environment():
    expected_engine = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite3"
    expected_cache = "django_redis" if os.environ.get("REDIS_URL") else "locmem"

    assert settings.DATABASES["default"]["ENGINE"].endswith(expected_engine)
    assert expected_cache in settings.CACHES["default"]["BACKEND"]


def test_jwt_rotation_and_blacklist_are_on():
    assert settings.SIMPLE_JWT["ROTATE_REFRESH_TOKENS"] is True
    assert settings.SIMPLE_JWT["BLACKLIST_AFTER_ROTATION"] is True
    assert "rest_framework_simplejwt.token_blacklist" in settings.INSTALLED_APPS


@pytest.mark.django_db
def test_makemigrations_check():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)

import pytest
from django.core import checks
from django.test import override_settings

from mybookconnect.users import checks as users_checks

# run_checks() includes the model checks, which ask the database whether it supports JSON fields
# (Django 6.1 does so on SQLite).
pytestmark = pytest.mark.django_db


def ids(messages):
    return [message.id for message in messages]


def test_clean_settings_pass():
    messages = checks.run_checks()
    assert not [m for m in messages if m.id and m.id.startswith("mybookconnect_users.")]


def test_missing_blacklist_app(monkeypatch):
    monkeypatch.setattr(users_checks.apps, "is_installed", lambda name: name != users_checks.BLACKLIST_APP)
    assert ids(users_checks.check_token_blacklist()) == ["mybookconnect_users.E001"]


def test_rotation_off():
    with override_settings(SIMPLE_JWT={"ROTATE_REFRESH_TOKENS": False, "BLACKLIST_AFTER_ROTATION": True}):
        [warning] = users_checks.check_refresh_rotation()
    assert warning.id == "mybookconnect_users.W001"
    assert "ROTATE_REFRESH_TOKENS is off" in warning.msg


def test_blacklist_after_rotation_off():
    with override_settings(SIMPLE_JWT={"ROTATE_REFRESH_TOKENS": False, "BLACKLIST_AFTER_ROTATION": False}):
        [warning] = users_checks.check_refresh_rotation()
    assert "ROTATE_REFRESH_TOKENS and BLACKLIST_AFTER_ROTATION are off" in warning.msg


def test_checks_are_registered():
    with override_settings(SIMPLE_JWT={"ROTATE_REFRESH_TOKENS": False}):
        assert "mybookconnect_users.W001" in ids(checks.run_checks())

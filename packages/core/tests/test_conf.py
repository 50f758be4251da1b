import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from mybookconnect.core.conf import CORE_DEFAULTS, AppSettings, core_settings
from mybookconnect.core.visibility import DefaultVisibilityPolicy, VisibilityPolicy


class OtherPolicy(VisibilityPolicy):
    def can_view(self, viewer, owner, audience):
        return True

    def filter_queryset(self, queryset, viewer, *, owner_field="user", audience_field="audience"):
        return queryset


def test_defaults():
    assert core_settings.PAGE_SIZE == 20
    assert core_settings.MAX_PAGE_SIZE == 100
    assert core_settings.VISIBILITY_POLICY is DefaultVisibilityPolicy
    assert core_settings.HEALTH_CHECK_CACHE_ALIAS == "default"
    assert core_settings.HEALTH_CHECK_DATABASE_ALIASES == ("default",)
    assert core_settings.API_PATH_PREFIX == "/api/"
    assert CORE_DEFAULTS["PAGE_SIZE"] == 20


def test_override_settings_reloads_and_restores():
    assert core_settings.PAGE_SIZE == 20
    with override_settings(MYBOOKCONNECT={"PAGE_SIZE": 7}):
        assert core_settings.PAGE_SIZE == 7
        assert core_settings.MAX_PAGE_SIZE == 100
    assert core_settings.PAGE_SIZE == 20


def test_import_strings_are_resolved():
    with override_settings(MYBOOKCONNECT={"VISIBILITY_POLICY": "tests.test_conf.OtherPolicy"}):
        assert core_settings.VISIBILITY_POLICY is OtherPolicy


def test_unknown_key_raises_attribute_error():
    with pytest.raises(AttributeError, match="NO_SUCH_KEY"):
        core_settings.NO_SUCH_KEY  # noqa: B018


def test_other_apps_settings_share_the_dict_and_reload_too():
    books_settings = AppSettings({"BOOKS_THING": 1})

    assert books_settings.BOOKS_THING == 1
    with override_settings(MYBOOKCONNECT={"BOOKS_THING": 2, "PAGE_SIZE": 3}):
        assert books_settings.BOOKS_THING == 2
        assert core_settings.PAGE_SIZE == 3
    assert books_settings.BOOKS_THING == 1
    with pytest.raises(AttributeError):
        books_settings.PAGE_SIZE  # noqa: B018


def test_reload_forgets_cached_values():
    app_settings = AppSettings({"X": 1})
    assert app_settings.X == 1
    with override_settings(MYBOOKCONNECT={"X": 5}):
        assert app_settings.X == 5
        app_settings.reload()
        assert app_settings.X == 5


def test_setting_that_is_not_a_dict_is_improperly_configured():
    with override_settings(MYBOOKCONNECT=["PAGE_SIZE"]), pytest.raises(ImproperlyConfigured):
        core_settings.PAGE_SIZE  # noqa: B018

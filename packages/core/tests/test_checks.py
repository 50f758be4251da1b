import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from mybookconnect.core.checks import check_settings


def ids(**mybookconnect):
    with override_settings(MYBOOKCONNECT=mybookconnect):
        return [error.id for error in check_settings()]


def test_defaults_pass():
    assert ids() == []


def test_unset_setting_passes():
    with override_settings(MYBOOKCONNECT=None):
        assert check_settings() == []


def test_e001_not_a_dict():
    with override_settings(MYBOOKCONNECT=[("PAGE_SIZE", 10)]):
        assert [error.id for error in check_settings()] == ["mybookconnect_core.E001"]


@pytest.mark.parametrize("value", [0, -1, "20", 2.5, True, None])
def test_e002_page_size_not_positive_int(value):
    assert ids(PAGE_SIZE=value) == ["mybookconnect_core.E002"]


@pytest.mark.parametrize("value", [0, "100", False])
def test_e003_max_page_size_not_positive_int(value):
    assert ids(MAX_PAGE_SIZE=value) == ["mybookconnect_core.E003"]


def test_e004_page_size_above_max():
    assert ids(PAGE_SIZE=50, MAX_PAGE_SIZE=10) == ["mybookconnect_core.E004"]
    assert ids(PAGE_SIZE=10, MAX_PAGE_SIZE=10) == []


def test_e005_policy_not_importable():
    assert ids(VISIBILITY_POLICY="no.such.Policy") == ["mybookconnect_core.E005"]


@pytest.mark.parametrize("value", ["mybookconnect.core.visibility.Audience", "tests.settings.SECRET_KEY", 42])
def test_e006_policy_not_a_visibility_policy(value):
    assert ids(VISIBILITY_POLICY=value) == ["mybookconnect_core.E006"]


def test_policy_given_as_class_passes():
    from mybookconnect.core.visibility import DefaultVisibilityPolicy

    assert ids(VISIBILITY_POLICY=DefaultVisibilityPolicy) == []


@pytest.mark.parametrize("value", [("default", "nope"), "default", 1])
def test_e007_unknown_database_alias(value):
    assert ids(HEALTH_CHECK_DATABASE_ALIASES=value) == ["mybookconnect_core.E007"]


@pytest.mark.parametrize("value", ["nope", ["default"]])
def test_e008_unknown_cache_alias(value):
    assert ids(HEALTH_CHECK_CACHE_ALIAS=value) == ["mybookconnect_core.E008"]


@pytest.mark.parametrize("value", ["api/", 3])
def test_e009_api_path_prefix(value):
    assert ids(API_PATH_PREFIX=value) == ["mybookconnect_core.E009"]


def test_check_is_registered_with_the_check_framework():
    with override_settings(MYBOOKCONNECT={"PAGE_SIZE": 0}), pytest.raises(SystemCheckError, match="E002"):
        call_command("check")

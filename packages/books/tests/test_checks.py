import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from mybookconnect.books.checks import check_settings

OPEN_LIBRARY = "mybookconnect.books.providers.openlibrary.OpenLibraryProvider"


def ids(**mybookconnect):
    with override_settings(MYBOOKCONNECT=mybookconnect):
        return [error.id for error in check_settings()]


def test_defaults_pass():
    assert ids() == []


def test_unset_setting_passes():
    with override_settings(MYBOOKCONNECT=None):
        assert check_settings() == []


def test_a_setting_that_is_not_a_dict_is_left_to_core():
    with override_settings(MYBOOKCONNECT=[("BOOKS_LOOKUP_TIMEOUT", 0)]):
        assert check_settings() == []


@pytest.mark.parametrize(
    "value",
    [
        [OPEN_LIBRARY, "mybookconnect.books.providers.googlebooks.GoogleBooksProvider"],
        (OPEN_LIBRARY,),
        [],
    ],
)
def test_valid_providers_pass(value):
    assert ids(BOOKS_METADATA_PROVIDERS=value) == []


@pytest.mark.parametrize("value", [OPEN_LIBRARY, None, {OPEN_LIBRARY}, [OPEN_LIBRARY, 3]])
def test_e001_providers_not_a_list_of_paths(value):
    assert ids(BOOKS_METADATA_PROVIDERS=value) == ["mybookconnect_books.E001"]


@pytest.mark.parametrize("value", ["no.such.Provider", "mybookconnect.books.providers.openlibrary.Nope", ""])
def test_e002_provider_not_importable(value):
    assert ids(BOOKS_METADATA_PROVIDERS=[OPEN_LIBRARY, value]) == ["mybookconnect_books.E002"]


@pytest.mark.parametrize(
    "value",
    [
        "mybookconnect.books.isbn.normalize_isbn",
        "mybookconnect.books.models.Book",
        "mybookconnect.books.conf.BOOKS_DEFAULTS",
    ],
)
def test_e003_provider_not_a_metadata_provider(value):
    assert ids(BOOKS_METADATA_PROVIDERS=[value]) == ["mybookconnect_books.E003"]


@pytest.mark.parametrize("value", [0, -1, "5", None, True, float("inf"), float("nan")])
def test_e004_timeout_not_a_positive_number(value):
    assert ids(BOOKS_LOOKUP_TIMEOUT=value) == ["mybookconnect_books.E004"]


@pytest.mark.parametrize("value", [0.5, 5, 30.0])
def test_fractional_timeouts_pass(value):
    assert ids(BOOKS_LOOKUP_TIMEOUT=value) == []


@pytest.mark.parametrize("value", [-1, "86400", 1.5, None, False])
def test_e005_cache_seconds_not_a_whole_number(value):
    assert ids(BOOKS_LOOKUP_CACHE_SECONDS=value) == ["mybookconnect_books.E005"]


def test_cache_seconds_zero_disables_the_cache_and_passes():
    assert ids(BOOKS_LOOKUP_CACHE_SECONDS=0) == []


@pytest.mark.parametrize("key", ["BOOKS_OPENLIBRARY_URL", "BOOKS_GOOGLE_BOOKS_URL"])
@pytest.mark.parametrize("value", ["openlibrary.org", "", None, "ftp://example.org"])
def test_e006_service_url_not_http(key, value):
    assert ids(**{key: value}) == ["mybookconnect_books.E006"]


def test_service_urls_may_point_at_a_mirror():
    assert (
        ids(BOOKS_OPENLIBRARY_URL="http://127.0.0.1:8080/ol/", BOOKS_GOOGLE_BOOKS_URL="https://m.example")
        == []
    )


@pytest.mark.parametrize(
    ("key", "error_id"),
    [
        ("BOOKS_SEARCH_MAX_RESULTS", "mybookconnect_books.E007"),
        ("BOOKS_SEARCH_MAX_LENGTH", "mybookconnect_books.E008"),
        ("BOOKS_SEARCH_MAX_WORDS", "mybookconnect_books.E009"),
    ],
)
@pytest.mark.parametrize("value", [0, -5, "10", 2.5, True, None])
def test_e007_e008_e009_search_limits_not_positive_integers(key, error_id, value):
    assert ids(**{key: value}) == [error_id]


@pytest.mark.parametrize("value", [-0.1, 1.5, "0.3", None, True])
def test_e010_typo_similarity_not_between_0_and_1(value):
    assert ids(BOOKS_SEARCH_TYPO_SIMILARITY=value) == ["mybookconnect_books.E010"]


@pytest.mark.parametrize("value", [0, 1, 0.5])
def test_typo_similarity_bounds_pass(value):
    assert ids(BOOKS_SEARCH_TYPO_SIMILARITY=value) == []


@pytest.mark.parametrize("value", [None, 123, ["key"]])
def test_e011_google_books_api_key_not_a_string(value):
    assert ids(BOOKS_GOOGLE_BOOKS_API_KEY=value) == ["mybookconnect_books.E011"]


def test_errors_are_reported_together():
    assert ids(BOOKS_LOOKUP_TIMEOUT=0, BOOKS_SEARCH_MAX_WORDS=0) == [
        "mybookconnect_books.E004",
        "mybookconnect_books.E009",
    ]


# `check` runs the model checks too, which ask the database whether it supports JSON fields
# (Django 6.1 does so on SQLite).
@pytest.mark.django_db
def test_check_is_registered_with_the_check_framework():
    with (
        override_settings(MYBOOKCONNECT={"BOOKS_LOOKUP_TIMEOUT": 0}),
        pytest.raises(SystemCheckError, match=r"mybookconnect_books\.E004"),
    ):
        call_command("check")

"""People search: username and display name; opt-outs, blocks and inactive accounts left out."""

import pytest
from django.db import connection

from mybookconnect.users.models import Profile

from .readers import blocks, client_for, make_reader, usernames

pytestmark = pytest.mark.django_db
SEARCH = "/api/v1/users/"
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram search is PostgreSQL's"
)


@pytest.fixture
def readers(db):
    return {
        "ann": make_reader("ann_reader", display_name="Ann Smith"),
        "jose": make_reader("jose_m", display_name="José Martínez"),
        "tolkien": make_reader("tolkien_fan", display_name="Middle Earth"),
        "hidden": make_reader("ann_hidden", searchable=False),
    }


def search(q, viewer=None):
    response = client_for(viewer).get(SEARCH, {"search": q})
    assert response.status_code == 200, response.json()
    return usernames(response)


def test_matches_username_and_display_name(readers):
    assert search("ann") == ["ann_reader"]
    assert search("smith") == ["ann_reader"]
    assert search("MIDDLE") == ["tolkien_fan"]


def test_rows(readers):
    [row] = client_for(None).get(SEARCH, {"search": "smith"}).json()["results"]
    assert row == {"username": "ann_reader", "display_name": "Ann Smith", "avatar": None}


def test_opted_out_blocked_and_inactive_are_left_out(readers):
    searcher = make_reader("searcher")
    blocks(readers["ann"], searcher)
    blocks(searcher, readers["jose"])
    assert search("ann", searcher) == []
    assert search("jose", searcher) == []
    assert search("jose") == ["jose_m"]
    if hasattr(readers["tolkien"], "is_active"):
        type(searcher)._default_manager.filter(pk=readers["tolkien"].pk).update(is_active=False)
        assert search("tolkien") == []


@pytest.mark.parametrize("q", ["", "a", " a "])
def test_query_too_short(q):
    response = client_for(None).get(SEARCH, {"search": q})
    assert response.status_code == 400
    assert response.json() == {"search": ["Type at least 2 characters."]}


def test_query_too_long():
    response = client_for(None).get(SEARCH, {"search": "x" * 101})
    assert response.status_code == 400


def test_missing_query():
    assert client_for(None).get(SEARCH).status_code == 400


@postgresql_only
def test_accents_and_typos_on_postgresql(readers):
    assert search("jose") == ["jose_m"]
    assert search("martinez") == ["jose_m"]
    assert search("tolkein") == ["tolkien_fan"]


@pytest.mark.parametrize("size", [5, 50])
def test_search_queries(size, django_assert_max_num_queries):
    for i in range(size):
        make_reader(f"reader{i}", display_name=f"Reader {i}")
    client = client_for(make_reader("searcher"))
    # Authentication, the page's count and rows.
    with django_assert_max_num_queries(3):
        response = client.get(SEARCH, {"search": "reader", "page_size": 50})
    assert len(response.json()["results"]) == size


def test_profile_less_accounts_are_found(readers):
    Profile.objects.filter(user=readers["tolkien"]).delete()
    assert search("tolkien") == ["tolkien_fan"]

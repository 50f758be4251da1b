import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from .testapp.models import Note

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(make_user):
    owner = make_user("owner")
    Note.objects.bulk_create(Note(user=owner, text=f"note {i}") for i in range(25))
    # Distinct timestamps, so the cursor order is fully determined.
    start = timezone.now()
    for i, note in enumerate(Note.objects.order_by("id")):
        Note.objects.filter(pk=note.pk).update(created_at=start + datetime.timedelta(seconds=i))


def test_default_page_size(api_client, notes):
    body = api_client.get("/api/v1/test/notes/").json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 25
    assert len(body["results"]) == 20
    assert body["next"] == "http://testserver/api/v1/test/notes/?page=2"
    assert body["previous"] is None


def test_page_size_query_param(api_client, notes):
    body = api_client.get("/api/v1/test/notes/", {"page_size": 10, "page": 3}).json()

    assert [note["text"] for note in body["results"]] == [f"note {i}" for i in range(20, 25)]
    assert body["next"] is None


@override_settings(MYBOOKCONNECT={"PAGE_SIZE": 2, "MAX_PAGE_SIZE": 5})
def test_sizes_follow_settings_and_requests_are_capped(api_client, notes):
    assert len(api_client.get("/api/v1/test/notes/").json()["results"]) == 2
    assert len(api_client.get("/api/v1/test/notes/", {"page_size": 1000}).json()["results"]) == 5


@pytest.mark.parametrize("size", ["0", "-3", "many"])
def test_invalid_page_size_falls_back_to_default(api_client, notes, size):
    assert len(api_client.get("/api/v1/test/notes/", {"page_size": size}).json()["results"]) == 20


def test_page_out_of_range_is_json_404(api_client, notes):
    response = api_client.get("/api/v1/test/notes/", {"page": 99})

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page.", "code": "not_found"}


@override_settings(MYBOOKCONNECT={"PAGE_SIZE": 10, "MAX_PAGE_SIZE": 12})
def test_cursor_pagination_walks_newest_first(api_client, notes):
    first = api_client.get("/api/v1/test/feed/").json()

    assert set(first) == {"next", "previous", "results"}
    assert len(first["results"]) == 10
    assert first["previous"] is None
    seen = [note["id"] for note in first["results"]]
    page = first
    while page["next"]:
        page = api_client.get(page["next"]).json()
        seen += [note["id"] for note in page["results"]]
    expected = list(Note.objects.order_by("-created_at").values_list("id", flat=True))
    assert seen == expected
    assert len(api_client.get("/api/v1/test/feed/", {"page_size": 50}).json()["results"]) == 12


def test_invalid_cursor_is_json_404(api_client, notes):
    response = api_client.get("/api/v1/test/feed/", {"cursor": "garbage"})

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid cursor", "code": "not_found"}

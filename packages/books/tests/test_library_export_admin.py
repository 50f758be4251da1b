"""The library's part of a reader's data export, and its admin pages."""

from __future__ import annotations

import datetime
import json

import pytest

from mybookconnect.books import library
from mybookconnect.books.models import LibraryEntry, ReadThrough, Shelf
from mybookconnect.core.export import collect_user_data, registered_sections
from tests.conftest import create_account
from tests.library_support import stored_aggregates

pytestmark = pytest.mark.django_db


def test_export_holds_the_readers_whole_library_only(reader, catalog):
    shelf = Shelf.objects.create(user=reader, name="Loved", audience="private", description="d")
    entry, _ = library.add_to_library(
        reader,
        catalog["hobbit"],
        {
            "status": "read",
            "rating_quarters": 17,
            "notes": "private note",
            "tags": ["classic"],
            "shelves": [shelf],
        },
    )
    reading = ReadThrough.objects.create(entry=entry, started_on=datetime.date(2019, 1, 1))
    library.add_progress(reading, {"percent": 12, "note": "slow start"})
    library.add_to_library(create_account("other"), catalog["earth"], {"notes": "not yours"})

    assert "library" in registered_sections()
    data = collect_user_data(reader)["library"]
    [exported] = data["entries"]
    assert exported["book"] == {"id": catalog["hobbit"].pk, "title": "The Hobbit"}
    assert (exported["status"], exported["rating"], exported["notes"]) == ("read", 4.25, "private note")
    assert (exported["tags"], exported["shelves"]) == (["classic"], ["Loved"])
    assert len(exported["read_throughs"]) == 2
    [first] = [r for r in exported["read_throughs"] if r["started_on"]]
    assert first["started_on"] == "2019-01-01"
    assert first["progress"][0]["percent"] == 12 and first["progress"][0]["note"] == "slow start"
    assert data["shelves"] == [
        {
            "id": shelf.pk,
            "name": "Loved",
            "description": "d",
            "audience": "private",
            "created_at": shelf.created_at.isoformat(),
        }
    ]
    assert data["tags"] == ["classic"]
    json.dumps(data)  # JSON-ready


@pytest.fixture
def admin_client(client):
    client.force_login(create_account("admin", superuser=True))
    return client


def test_admin_lists_and_shows_entries_read_only(admin_client, reader, catalog):
    entry = library.rate_book(reader, catalog["hobbit"], 18)
    Shelf.objects.create(user=reader, name="Loved", audience="public")
    response = admin_client.get("/admin/mybookconnect_books/libraryentry/")
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [entry]
    assert "4.5" in response.content.decode()
    assert admin_client.get(f"/admin/mybookconnect_books/libraryentry/{entry.pk}/change/").status_code == 200
    assert admin_client.get("/admin/mybookconnect_books/libraryentry/add/").status_code == 403
    for model in ("shelf", "librarytag"):
        assert admin_client.get(f"/admin/mybookconnect_books/{model}/").status_code == 200
    response = admin_client.post(
        f"/admin/mybookconnect_books/libraryentry/{entry.pk}/change/", {"status": "want_to_read"}
    )
    assert response.status_code == 403
    assert LibraryEntry.objects.get().status == "read"


def test_admin_deletes_through_the_services(admin_client, reader, catalog):
    entry = library.rate_book(reader, catalog["hobbit"], 18)
    other = library.rate_book(create_account("other"), catalog["hobbit"], 10)
    response = admin_client.post(
        f"/admin/mybookconnect_books/libraryentry/{entry.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert stored_aggregates(catalog["hobbit"])["ratings_sum"] == 10
    response = admin_client.post(
        "/admin/mybookconnect_books/libraryentry/",
        {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not LibraryEntry.objects.exists()
    assert stored_aggregates(catalog["hobbit"])["readers_count"] == 0

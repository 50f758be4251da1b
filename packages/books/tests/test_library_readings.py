"""Readings (read-throughs) of a library entry: status changes, dates, re-reads, progress history."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from mybookconnect.books import library
from mybookconnect.books.models import LibraryEntry, ProgressUpdate, ReadThrough
from tests.library_support import entry_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(reader, catalog) -> LibraryEntry:
    return library.add_to_library(reader, catalog["hobbit"], {})[0]


def day(offset: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


def patch_status(client, entry, status) -> dict:
    response = client.patch(entry_url(entry), {"status": status}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def test_statuses_start_finish_and_reread(reader_client, entry):
    today = timezone.localdate().isoformat()
    body = patch_status(reader_client, entry, "reading")
    [reading] = body["read_throughs"]
    assert (reading["started_on"], reading["finished_on"]) == (today, None)
    body = patch_status(reader_client, entry, "paused")
    assert len(body["read_throughs"]) == 1
    body = patch_status(reader_client, entry, "reading")  # resuming: the same reading
    assert len(body["read_throughs"]) == 1
    body = patch_status(reader_client, entry, "read")
    assert body["read_throughs"][0]["finished_on"] == today
    assert body["finished_on"] == today
    body = patch_status(reader_client, entry, "reading")  # a re-read
    assert len(body["read_throughs"]) == 2
    body = patch_status(reader_client, entry, "did_not_finish")
    assert {(r["finished_on"], r["stopped_on"]) for r in body["read_throughs"]} == {
        (None, today),
        (today, None),
    }
    assert body["finished_on"] == today


def test_read_without_an_open_reading_records_one_finished_today(reader_client, entry):
    body = patch_status(reader_client, entry, "read")
    [reading] = body["read_throughs"]
    assert (reading["started_on"], reading["finished_on"]) == (None, timezone.localdate().isoformat())


def test_a_reading_started_after_the_servers_today_finishes_that_day(reader_client, entry):
    # A reader far east (UTC+14) may start "tomorrow" by the server's clock.
    ahead = library.latest_today()
    ReadThrough.objects.create(entry=entry, started_on=ahead)
    body = patch_status(reader_client, entry, "read")
    assert body["read_throughs"][0]["finished_on"] == max(ahead, timezone.localdate()).isoformat()


def test_create_edit_and_delete_readings(reader_client, entry):
    url = entry_url(entry, "read-throughs/")
    response = reader_client.post(
        url, {"started_on": "2020-03-01", "finished_on": "2020-04-02"}, format="json"
    )
    assert response.status_code == 201, response.content
    first = response.json()
    assert (first["started_on"], first["finished_on"], first["stopped_on"]) == (
        "2020-03-01",
        "2020-04-02",
        None,
    )
    second = reader_client.post(url, {"started_on": "2022-01-01"}, format="json").json()
    listed = reader_client.get(url).json()
    assert [r["id"] for r in listed["results"]] == [second["id"], first["id"]]
    assert LibraryEntry.objects.get(pk=entry.pk).finished_on == datetime.date(2020, 4, 2)

    response = reader_client.patch(f"{url}{second['id']}/", {"finished_on": "2022-02-01"}, format="json")
    assert response.status_code == 200
    assert response.json()["finished_on"] == "2022-02-01"
    assert LibraryEntry.objects.get(pk=entry.pk).finished_on == datetime.date(2022, 2, 1)

    assert reader_client.delete(f"{url}{second['id']}/").status_code == 204
    assert LibraryEntry.objects.get(pk=entry.pk).finished_on == datetime.date(2020, 4, 2)
    assert reader_client.delete(f"{url}{second['id']}/").status_code == 404


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"started_on": "2021-05-02", "finished_on": "2021-05-01"}, {"finished_on"}),
        ({"started_on": "2021-05-02", "stopped_on": "2021-05-01"}, {"stopped_on"}),
        ({"finished_on": "2021-05-02", "stopped_on": "2021-05-03"}, {"stopped_on"}),
        ({"started_on": "FUTURE"}, {"started_on"}),
        ({"finished_on": "FUTURE"}, {"finished_on"}),
        ({"stopped_on": "FUTURE"}, {"stopped_on"}),
        ({"started_on": "FUTURE", "finished_on": "FUTURE"}, {"started_on", "finished_on"}),
        ({"started_on": "yesterday"}, {"started_on"}),
        ({"started_on": "2021-02-30"}, {"started_on"}),
        ({"finished_on": 20210501}, {"finished_on"}),
    ],
)
def test_bad_dates_are_refused_per_field(reader_client, entry, data, errors):
    data = {key: day(2) if value == "FUTURE" else value for key, value in data.items()}
    response = reader_client.post(entry_url(entry, "read-throughs/"), data, format="json")
    assert response.status_code == 400, response.content
    assert set(response.json()) == errors
    assert not ReadThrough.objects.exists()


def test_today_and_the_day_after_in_the_far_east_are_not_the_future(reader_client, entry):
    for value in (day(0), library.latest_today().isoformat()):
        response = reader_client.post(
            entry_url(entry, "read-throughs/"), {"finished_on": value}, format="json"
        )
        assert response.status_code == 201, response.content


def test_patch_checks_dates_against_the_stored_ones(reader_client, entry):
    reading = ReadThrough.objects.create(entry=entry, started_on=datetime.date(2021, 5, 2))
    url = entry_url(entry, f"read-throughs/{reading.pk}/")
    response = reader_client.patch(url, {"finished_on": "2021-05-01"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"finished_on"}
    response = reader_client.patch(url, {"started_on": None, "finished_on": "2021-05-01"}, format="json")
    assert response.status_code == 200
    response = reader_client.patch(url, {"stopped_on": "2021-05-03"}, format="json")
    assert response.json() == {"stopped_on": ["A reading is either finished or stopped, not both."]}
    reading.refresh_from_db()
    assert (reading.started_on, reading.finished_on, reading.stopped_on) == (
        None,
        datetime.date(2021, 5, 1),
        None,
    )


def test_progress_history(reader_client, entry):
    reading = ReadThrough.objects.create(entry=entry, started_on=datetime.date(2024, 1, 1))
    url = entry_url(entry, f"read-throughs/{reading.pk}/progress/")
    for data in ({"page": 10}, {"percent": 25.5, "note": "Bilbo leaves"}, {"minutes": 90, "page": 120}):
        response = reader_client.post(url, data, format="json")
        assert response.status_code == 201, response.content
    history = reader_client.get(url).json()["results"]
    assert [(h["page"], h["percent"], h["minutes"], h["note"]) for h in history] == [
        (120, None, 90, ""),
        (None, "25.50", None, "Bilbo leaves"),
        (10, None, None, ""),
    ]
    reading.refresh_from_db()
    assert (reading.progress_page, str(reading.progress_percent), reading.progress_minutes) == (
        120,
        "25.50",
        90,
    )
    body = reader_client.get(entry_url(entry)).json()
    assert body["read_throughs"][0]["progress_page"] == 120


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "non_field_errors"),
        ({"note": "only a note"}, "non_field_errors"),
        ({"page": None, "percent": None}, "non_field_errors"),
        ({"page": -1}, "page"),
        ({"page": "ten"}, "page"),
        ({"page": 10_000_000}, "page"),
        ({"percent": 100.5}, "percent"),
        ({"percent": -1}, "percent"),
        ({"percent": 12.345}, "percent"),
        ({"minutes": -5}, "minutes"),
        ({"minutes": 1.5}, "minutes"),
        ({"page": 3, "note": "x" * 501}, "note"),
    ],
)
def test_bad_progress(reader_client, entry, data, field):
    reading = ReadThrough.objects.create(entry=entry)
    response = reader_client.post(
        entry_url(entry, f"read-throughs/{reading.pk}/progress/"), data, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not ProgressUpdate.objects.exists()


def test_a_reading_of_another_entry_is_not_found(reader_client, reader, entry, catalog):
    other_entry, _ = library.add_to_library(reader, catalog["earth"], {})
    reading = ReadThrough.objects.create(entry=other_entry)
    for url in (
        entry_url(entry, f"read-throughs/{reading.pk}/"),
        entry_url(entry, f"read-throughs/{reading.pk}/progress/"),
    ):
        response = (
            reader_client.patch(url, {}, format="json") if "progress" not in url else reader_client.get(url)
        )
        assert response.status_code == 404
        assert response.json() == {"detail": "Reading not found.", "code": "not_found"}

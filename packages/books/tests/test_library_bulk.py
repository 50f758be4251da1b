"""Bulk actions on many entries (one transaction, all or nothing) and the hand order of the to-read list."""

from __future__ import annotations

import pytest

from mybookconnect.books import library
from mybookconnect.books.models import (
    Activity,
    ActivityEntry,
    LibraryEntry,
    LibraryTag,
    ReadThrough,
    Shelf,
    ShelfMembership,
)
from tests.conftest import create_account
from tests.library_support import entry_url, expected_aggregates, stored_aggregates

pytestmark = pytest.mark.django_db

BULK = "/api/v1/library/bulk/"


@pytest.fixture
def entries(reader, make_books) -> list[LibraryEntry]:
    books = make_books(6)
    return [library.add_to_library(reader, book, {})[0] for book in books]


def bulk(client, entries, action, value=None, expect=200) -> dict:
    data = {"entries": [getattr(e, "pk", e) for e in entries], "action": action}
    if value is not None or action == "set_audience":
        data["value"] = value
    response = client.post(BULK, data, format="json")
    assert response.status_code == expect, response.content
    return response.json()


def statuses(entries) -> list[str]:
    return list(
        LibraryEntry.objects.filter(pk__in=[e.pk for e in entries])
        .order_by("pk")
        .values_list("status", flat=True)
    )


def test_set_status_changes_all_and_makes_one_activity(reader_client, reader, entries):
    Activity.objects.all().delete()
    body = bulk(reader_client, entries[:4], "set_status", "read")
    assert body == {"action": "set_status", "count": 4}
    assert statuses(entries[:4]) == ["read"] * 4
    assert statuses(entries[4:]) == ["want_to_read"] * 2
    assert ReadThrough.objects.filter(entry__in=entries[:4], finished_on__isnull=False).count() == 4
    assert all(e.finished_on for e in LibraryEntry.objects.filter(pk__in=[e.pk for e in entries[:4]]))
    [activity] = Activity.objects.all()
    assert (activity.verb, activity.group_key, activity.data) == (
        "finished",
        "status:read",
        {"status": "read"},
    )
    assert ActivityEntry.objects.filter(activity=activity).count() == 4


def test_set_status_to_reading_starts_readings(reader_client, entries):
    bulk(reader_client, entries[:2], "set_status", "reading")
    assert ReadThrough.objects.filter(entry__in=entries[:2], finished_on=None, stopped_on=None).count() == 2
    bulk(reader_client, entries[:2], "set_status", "did_not_finish")
    assert ReadThrough.objects.filter(entry__in=entries[:2], stopped_on__isnull=False).count() == 2


def test_set_format_owned_wishlist(reader_client, entries):
    bulk(reader_client, entries[:3], "set_format", "ebook")
    bulk(reader_client, entries[1:], "set_owned", True)
    bulk(reader_client, entries[:1], "set_wishlist", True)
    rows = {e.pk: e for e in LibraryEntry.objects.all()}
    assert [rows[e.pk].format for e in entries] == ["ebook"] * 3 + [""] * 3
    assert [rows[e.pk].owned for e in entries] == [False] + [True] * 5
    assert [rows[e.pk].wishlist for e in entries] == [True] + [False] * 5
    bulk(reader_client, entries[:3], "set_format", "")
    assert set(LibraryEntry.objects.values_list("format", flat=True)) == {""}


def test_set_audience_and_back_to_default(reader_client, entries):
    bulk(reader_client, entries[:2], "set_audience", "private")
    assert set(
        LibraryEntry.objects.filter(pk__in=[e.pk for e in entries[:2]]).values_list(
            "audience", "audience_is_default"
        )
    ) == {("private", False)}
    # Their activities follow: the to-read shelving of them leaves the public grouped activity.
    public = Activity.objects.get(verb="shelved", audience="public")
    assert not ActivityEntry.objects.filter(activity=public, entry__in=entries[:2]).exists()
    bulk(reader_client, entries[:2], "set_audience", None)
    assert set(LibraryEntry.objects.values_list("audience", "audience_is_default")) == {("public", True)}


def test_shelves(reader_client, reader, entries):
    shelf = Shelf.objects.create(user=reader, name="Summer", audience="public")
    bulk(reader_client, entries[:3], "add_to_shelf", shelf.pk)
    bulk(reader_client, entries[:4], "add_to_shelf", shelf.pk)  # already there: kept once
    assert ShelfMembership.objects.filter(shelf=shelf).count() == 4
    activity = Activity.objects.get(verb="shelved", shelf=shelf)
    assert activity.group_key == f"shelf:{shelf.pk}"
    assert ActivityEntry.objects.filter(activity=activity).count() == 4  # grouped into one
    bulk(reader_client, entries[:2], "remove_from_shelf", shelf.pk)
    assert set(ShelfMembership.objects.values_list("entry_id", flat=True)) == {entries[2].pk, entries[3].pk}


def test_tags(reader_client, entries):
    bulk(reader_client, entries[:3], "add_tag", "  Book  club ")
    bulk(reader_client, entries[2:4], "add_tag", "book club")
    tag = LibraryTag.objects.get()
    assert tag.name == "Book club"
    assert tag.entries.count() == 4
    bulk(reader_client, entries, "remove_tag", "BOOK CLUB")
    assert not LibraryTag.objects.exists()
    bulk(reader_client, entries, "remove_tag", "unknown")  # nothing to remove


def test_delete(reader_client, entries):
    library.rate_book(entries[0].user, entries[0].book, 12)
    bulk(reader_client, entries[:3], "delete")
    assert set(LibraryEntry.objects.values_list("pk", flat=True)) == {e.pk for e in entries[3:]}
    for entry in entries:
        assert stored_aggregates(entry.book) == expected_aggregates(entry.book)


def test_a_foreign_or_unknown_id_writes_nothing(reader_client, entries, make_books):
    theirs, _ = library.add_to_library(create_account("other"), entries[0].book, {})
    response = reader_client.post(
        BULK,
        {"entries": [entries[0].pk, theirs.pk, 999_999], "action": "set_status", "value": "read"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"entries": [f"No such entries in your library: {theirs.pk}, 999999."]}
    assert statuses(entries) == ["want_to_read"] * 6
    response = reader_client.post(
        BULK, {"entries": [entries[0].pk, theirs.pk], "action": "delete"}, format="json"
    )
    assert response.status_code == 400
    assert LibraryEntry.objects.count() == 7


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"entries": None, "action": "delete"}, "entries"),
        ({"entries": [], "action": "delete"}, "entries"),
        ({"entries": "1", "action": "delete"}, "entries"),
        ({"entries": list(range(1, 502)), "action": "delete"}, "entries"),
        ({"action": "explode"}, "action"),
        ({}, "action"),
        ({"action": "set_status"}, "value"),
        ({"action": "set_status", "value": "done"}, "value"),
        ({"action": "set_format", "value": "scroll"}, "value"),
        ({"action": "set_owned", "value": None}, "value"),
        ({"action": "set_owned", "value": "perhaps"}, "value"),
        ({"action": "set_wishlist", "value": [True]}, "value"),
        ({"action": "set_audience", "value": "friends"}, "value"),
        ({"action": "add_to_shelf", "value": 999_999}, "value"),
        ({"action": "add_to_shelf", "value": "x"}, "value"),
        ({"action": "remove_from_shelf"}, "value"),
        ({"action": "add_tag", "value": "  "}, "value"),
        ({"action": "add_tag", "value": "x" * 51}, "value"),
        ({"action": "remove_tag", "value": {"a": 1}}, "value"),
    ],
)
def test_bad_bulk_input(reader_client, entries, data, field):
    data = {"entries": [entries[0].pk], **data}
    response = reader_client.post(BULK, data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert statuses(entries) == ["want_to_read"] * 6
    assert LibraryEntry.objects.count() == 6


def test_another_readers_shelf_is_refused(reader_client, entries):
    theirs = Shelf.objects.create(user=create_account("other"), name="Theirs", audience="public")
    response = reader_client.post(
        BULK, {"entries": [entries[0].pk], "action": "add_to_shelf", "value": theirs.pk}, format="json"
    )
    assert response.json() == {"value": ["No such shelf."]}
    assert not ShelfMembership.objects.exists()


# The hand order of the to-read list


def order(client) -> list[int]:
    response = client.get("/api/v1/library/?status=want_to_read&ordering=position")
    assert response.status_code == 200
    return [row["id"] for row in response.json()["results"]]


def move(client, entry, before) -> None:
    response = client.post(
        entry_url(entry, "move/"), {"before": getattr(before, "pk", before)}, format="json"
    )
    assert response.status_code == 200, response.content


def test_new_books_go_to_the_end_and_moves_persist(reader_client, entries):
    a, b, c, d, e, f = (entry.pk for entry in entries)
    assert order(reader_client) == [a, b, c, d, e, f]
    move(reader_client, f, a)
    assert order(reader_client) == [f, a, b, c, d, e]
    move(reader_client, b, d)
    assert order(reader_client) == [f, a, c, b, d, e]
    move(reader_client, f, None)
    assert order(reader_client) == [a, c, b, d, e, f]
    move(reader_client, c, c)  # before itself: stays
    assert order(reader_client) == [a, c, b, d, e, f]


def test_moves_without_room_renumber_the_list(reader_client, entries):
    a, b, c, d, e, f = (entry.pk for entry in entries)
    for position, entry in enumerate(entries, start=1):
        LibraryEntry.objects.filter(pk=entry.pk).update(position=position)  # no room left anywhere
    move(reader_client, f, b)
    assert order(reader_client) == [a, f, b, c, d, e]
    positions = list(LibraryEntry.objects.order_by("position").values_list("position", flat=True))
    assert positions == [library.POSITION_GAP * i for i in range(1, 7)]
    move(reader_client, e, a)  # before the first: below it
    assert order(reader_client) == [e, a, f, b, c, d]


def test_a_book_becoming_to_read_goes_to_the_end(reader_client, entries):
    a, b, c, d, e, f = (entry.pk for entry in entries)
    reader_client.patch(entry_url(a), {"status": "reading"}, format="json")
    reader_client.patch(entry_url(a), {"status": "want_to_read"}, format="json")
    assert order(reader_client) == [b, c, d, e, f, a]
    bulk(reader_client, [c, b], "set_status", "read")
    bulk(reader_client, [c, b], "set_status", "want_to_read")
    assert order(reader_client) == [d, e, f, a, b, c]


def test_move_refuses_an_entry_of_another_list_or_reader(reader_client, entries):
    reading, _ = library.add_to_library(entries[0].user, entries[0].book, {"status": "reading"})
    theirs, _ = library.add_to_library(create_account("other"), entries[1].book, {})
    for before in (reading.pk, theirs.pk, 999_999):
        response = reader_client.post(entry_url(entries[2], "move/"), {"before": before}, format="json")
        assert response.status_code == 400
        assert response.json() == {"before": ["No entry of yours with the same status has this id."]}
    for bad in ({}, {"before": "x"}, {"before": 0}):
        response = reader_client.post(entry_url(entries[2], "move/"), bad, format="json")
        assert response.status_code == 400
        assert "before" in response.json()
    response = reader_client.post(entry_url(theirs, "move/"), {"before": None}, format="json")
    assert response.status_code == 404

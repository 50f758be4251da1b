"""The reader's library through the API: adding, changing, removing entries, filters and sorting."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from mybookconnect.books import library, services
from mybookconnect.books.models import Book, LibraryEntry, LibraryTag, ReadThrough, Shelf
from tests.conftest import create_account
from tests.library_support import entry_url, stored_aggregates

pytestmark = pytest.mark.django_db

LIBRARY = "/api/v1/library/"


def add(client: APIClient, book: Book, **data) -> dict:
    response = client.post(LIBRARY, {"book": book.pk, **data}, format="json")
    assert response.status_code in (200, 201), response.content
    return response.json()


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_adding_a_book_answers_the_entry(reader_client, catalog):
    book = catalog["pillars"]
    response = reader_client.post(LIBRARY, {"book": book.pk}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["book"]["id"] == book.pk
    assert body["book"]["title"] == "The Pillars of the Earth"
    assert body["book"]["authors"] == [
        {"id": book.book_authors.get().author_id, "name": "Ken Follett", "role": "author"}
    ]
    assert body["book"]["cover_url"].startswith("http://testserver/")
    assert body["status"] == "want_to_read"
    assert (body["rating"], body["audience"], body["audience_is_default"]) == (None, "public", True)
    assert (body["tags"], body["shelves"], body["read_throughs"], body["notes"]) == ([], [], [], "")
    assert stored_aggregates(book)["readers_count"] == 1


def test_adding_the_same_book_again_updates_the_entry(reader_client, catalog):
    book = catalog["pillars"]
    first = add(reader_client, book)
    response = reader_client.post(
        LIBRARY, {"book": book.pk, "status": "reading", "rating": 4.5}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == first["id"]
    assert (body["status"], body["rating"]) == ("reading", 4.5)
    assert LibraryEntry.objects.count() == 1
    assert stored_aggregates(book)["readers_count"] == 1
    assert stored_aggregates(book)["ratings_sum"] == 18


def test_a_rating_alone_adds_the_book_as_read(reader_client, catalog):
    body = add(reader_client, catalog["earth"], rating=3)
    assert (body["status"], body["rating"], body["read_throughs"]) == ("read", 3.0, [])
    assert body["rated_at"] is not None


def test_every_field_on_create(reader_client, reader, catalog):
    book = catalog["hobbit"]
    edition = services.create_edition(book, {"isbn": "0747532699"})
    shelf = Shelf.objects.create(user=reader, name="Favourites", audience="public")
    body = add(
        reader_client,
        book,
        edition=edition.pk,
        status="reading",
        owned=True,
        format="ebook",
        wishlist=True,
        notes="Lent to Ana.",
        rating=5,
        tags=["  classics ", "Fantasy", "fantasy"],
        shelves=[shelf.pk, shelf.pk],
        audience="private",
    )
    assert body["edition"] == edition.pk
    assert (body["status"], body["owned"], body["format"], body["wishlist"]) == (
        "reading",
        True,
        "ebook",
        True,
    )
    assert (body["notes"], body["rating"], body["audience"], body["audience_is_default"]) == (
        "Lent to Ana.",
        5.0,
        "private",
        False,
    )
    assert sorted(body["tags"], key=str.lower) == ["classics", "Fantasy"]
    assert body["shelves"] == [shelf.pk]
    [reading] = body["read_throughs"]
    assert reading["started_on"] == timezone.localdate().isoformat()
    assert reading["finished_on"] is None


def test_patch_changes_only_what_is_given(reader_client, catalog):
    entry = add(reader_client, catalog["world"], notes="keep", owned=True)
    response = reader_client.patch(
        entry_url(entry["id"]), {"format": "audiobook", "rating": 2.5}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["format"], body["rating"], body["notes"], body["owned"]) == ("audiobook", 2.5, "keep", True)
    response = reader_client.patch(entry_url(entry["id"]), {"rating": None, "format": ""}, format="json")
    assert (response.json()["rating"], response.json()["format"]) == (None, "")
    assert stored_aggregates(catalog["world"])["ratings_count"] == 0


def test_patch_cannot_change_the_book(reader_client, catalog):
    entry = add(reader_client, catalog["world"])
    response = reader_client.patch(entry_url(entry["id"]), {"book": catalog["earth"].pk}, format="json")
    assert response.status_code == 200
    assert response.json()["book"]["id"] == catalog["world"].pk


def test_audience_null_goes_back_to_the_default(reader_client, catalog):
    entry = add(reader_client, catalog["world"], audience="followers")
    assert (entry["audience"], entry["audience_is_default"]) == ("followers", False)
    body = reader_client.patch(entry_url(entry["id"]), {"audience": None}, format="json").json()
    assert (body["audience"], body["audience_is_default"]) == ("public", True)


def test_delete_removes_the_entry(reader_client, catalog):
    entry = add(reader_client, catalog["world"], rating=4, tags=["gone"])
    response = reader_client.delete(entry_url(entry["id"]))
    assert response.status_code == 204
    assert not LibraryEntry.objects.exists()
    assert not LibraryTag.objects.exists()  # a tag no entry has goes too
    assert stored_aggregates(catalog["world"])["readers_count"] == 0
    assert reader_client.get(entry_url(entry["id"])).status_code == 404


def test_get_one_entry(reader_client, catalog):
    entry = add(reader_client, catalog["idhun"], tags=["spanish"])
    response = reader_client.get(entry_url(entry["id"]))
    assert response.status_code == 200
    assert response.json() == entry


# Bad input: 400 naming the field, nothing written


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("book", 999_999),
        ("book", "abc"),
        ("book", None),
        ("edition", 999_999),
        ("status", "finished"),
        ("owned", "perhaps"),
        ("format", "scroll"),
        ("wishlist", [1]),
        ("notes", "x" * 10_001),
        ("rating", 0),
        ("rating", 0.25),
        ("rating", 4.3),
        ("rating", 5.5),
        ("rating", "four"),
        ("rating", True),
        ("rating", "NaN"),
        ("tags", "fantasy"),
        ("tags", [""]),
        ("tags", ["   "]),
        ("tags", ["x" * 51]),
        ("tags", [f"t{i}" for i in range(51)]),
        ("shelves", [999_999]),
        ("shelves", ["a"]),
        ("shelves", 3),
        ("audience", "friends"),
    ],
)
def test_bad_input_on_create(reader_client, catalog, field, value):
    data = {"book": catalog["earth"].pk, field: value}
    response = reader_client.post(LIBRARY, data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert not LibraryEntry.objects.exists()
    assert not LibraryTag.objects.exists()
    assert stored_aggregates(catalog["earth"])["readers_count"] == 0


def test_an_edition_of_another_book_is_refused(reader_client, catalog):
    edition = services.create_edition(catalog["hobbit"], {"isbn": "0747532699"})
    response = reader_client.post(
        LIBRARY, {"book": catalog["earth"].pk, "edition": edition.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"edition": ["This edition is not of this book."]}
    entry = add(reader_client, catalog["earth"])
    response = reader_client.patch(entry_url(entry["id"]), {"edition": edition.pk}, format="json")
    assert response.json() == {"edition": ["This edition is not of this book."]}


def test_another_readers_shelf_is_refused(reader_client, catalog):
    theirs = Shelf.objects.create(user=create_account("other"), name="Theirs", audience="public")
    response = reader_client.post(
        LIBRARY, {"book": catalog["earth"].pk, "shelves": [theirs.pk]}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"shelves": [f"No such shelves: {theirs.pk}."]}


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "x"), ("rating", 7), ("audience", 1), ("tags", [None]), ("notes", None)],
)
def test_bad_input_on_patch_changes_nothing(reader_client, catalog, field, value):
    entry = add(reader_client, catalog["earth"], rating=4, notes="n")
    response = reader_client.patch(entry_url(entry["id"]), {field: value, "owned": True}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert reader_client.get(entry_url(entry["id"])).json() == entry


# Filters and sorting


@pytest.fixture
def shelved(reader, catalog):
    """The reader's library: five books in various states."""
    shelf = Shelf.objects.create(user=reader, name="Kingsbridge", audience="public")
    entries = {}
    entries["pillars"], _ = library.add_to_library(
        reader,
        catalog["pillars"],
        {"status": "read", "rating_quarters": 18, "tags": ["epic"], "shelves": [shelf], "owned": True},
    )
    entries["world"], _ = library.add_to_library(
        reader, catalog["world"], {"status": "reading", "tags": ["epic", "Medieval"], "shelves": [shelf]}
    )
    entries["idhun"], _ = library.add_to_library(
        reader, catalog["idhun"], {"wishlist": True, "format": "ebook"}
    )
    entries["earth"], _ = library.add_to_library(reader, catalog["earth"], {"rating_quarters": 7})
    entries["hobbit"], _ = library.add_to_library(
        reader, catalog["hobbit"], {"status": "did_not_finish", "format": "audiobook"}
    )
    ReadThrough.objects.filter(entry=entries["pillars"]).update(
        started_on=datetime.date(2023, 1, 2), finished_on=datetime.date(2023, 2, 3)
    )
    ReadThrough.objects.create(
        entry=entries["earth"], started_on=datetime.date(2024, 5, 1), finished_on=datetime.date(2024, 6, 1)
    )
    library.refresh_finished_on([e.pk for e in entries.values()])
    return {"shelf": shelf, **entries}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=read", {"pillars", "earth"}),
        ("status=want_to_read", {"idhun"}),
        ("owned=true", {"pillars"}),
        ("owned=false", {"world", "idhun", "earth", "hobbit"}),
        ("wishlist=1", {"idhun"}),
        ("book_format=audiobook", {"hobbit"}),
        ("tag=EPIC", {"pillars", "world"}),
        ("tag=medieval", {"world"}),
        ("tag=none", set()),
        ("rating_min=4", {"pillars"}),
        ("rating_max=2", {"earth"}),
        ("rating_min=1.5&rating_max=4.5", {"pillars", "earth"}),
        ("finished_year=2023", {"pillars"}),
        ("finished_year=2024", {"earth"}),
        ("q=follett", {"pillars", "world"}),
        ("q=earth", {"pillars", "earth"}),
        ("q=pillars follett", {"pillars"}),
        ("q=idhún", {"idhun"}),
        ("q=tolkien", {"hobbit"}),
        ("q=nothing", set()),
    ],
)
def test_filters(reader_client, shelved, query, expected):
    found = set(ids(reader_client.get(f"{LIBRARY}?{query}")))
    assert found == {shelved[name].pk for name in expected}


def test_shelf_and_book_filters(reader_client, shelved, catalog):
    found = ids(reader_client.get(f"{LIBRARY}?shelf={shelved['shelf'].pk}"))
    assert set(found) == {shelved["pillars"].pk, shelved["world"].pk}
    assert ids(reader_client.get(f"{LIBRARY}?book={catalog['earth'].pk}")) == [shelved["earth"].pk]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("title", ["earth", "idhun", "hobbit", "pillars", "world"]),
        ("-title", ["world", "pillars", "hobbit", "idhun", "earth"]),
        ("rating", ["earth", "pillars", "hobbit", "idhun", "world"]),
        ("-rating", ["pillars", "earth", "hobbit", "idhun", "world"]),
        ("added", ["pillars", "world", "idhun", "earth", "hobbit"]),
        ("-added", ["hobbit", "earth", "idhun", "world", "pillars"]),
        ("-finished", ["earth", "pillars", "hobbit", "idhun", "world"]),
    ],
)
def test_ordering(reader_client, shelved, ordering, expected):
    assert ids(reader_client.get(f"{LIBRARY}?ordering={ordering}")) == [shelved[name].pk for name in expected]


def test_ordering_by_author(reader_client, shelved):
    # Sort names: Follett (x2), Gallego, Stewart, Tolkien.
    order = ids(reader_client.get(f"{LIBRARY}?ordering=author"))
    assert order[2:] == [shelved["idhun"].pk, shelved["earth"].pk, shelved["hobbit"].pk]
    assert set(order[:2]) == {shelved["pillars"].pk, shelved["world"].pk}
    assert ids(reader_client.get(f"{LIBRARY}?ordering=-author"))[:3] == [
        shelved["hobbit"].pk,
        shelved["earth"].pk,
        shelved["idhun"].pk,
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=done", "status"),
        ("shelf=0", "shelf"),
        ("shelf=x", "shelf"),
        ("owned=perhaps", "owned"),
        ("book_format=scroll", "book_format"),
        ("rating_min=6", "rating_min"),
        ("rating_max=-1", "rating_max"),
        ("rating_min=4&rating_max=3", "rating_max"),
        ("finished_year=abc", "finished_year"),
        ("ordering=price", "ordering"),
        ("q=" + "x" * 201, "q"),
        ("tag=" + "x" * 51, "tag"),
        ("book=-2", "book"),
    ],
)
def test_bad_filters(reader_client, shelved, query, field):
    response = reader_client.get(f"{LIBRARY}?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_a_shelf_of_another_reader_is_no_filter(reader_client, shelved):
    theirs = Shelf.objects.create(user=create_account("other"), name="Theirs", audience="public")
    response = reader_client.get(f"{LIBRARY}?shelf={theirs.pk}")
    assert response.status_code == 400
    assert response.json() == {"shelf": ["No such shelf."]}


def test_pages(reader_client, shelved):
    body = reader_client.get(f"{LIBRARY}?page_size=2&ordering=title").json()
    assert body["count"] == 5
    assert len(body["results"]) == 2
    assert body["next"]


def test_notes_are_the_owners_only(api_client, reader, shelved):
    library.update_entry(shelved["pillars"], {"notes": "secret"})
    body = api_client.get(f"/api/v1/users/{reader.get_username()}/library/").json()
    assert len(body["results"]) == 5
    assert all("notes" not in row and "shelves" not in row for row in body["results"])

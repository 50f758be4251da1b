"""Cached library pages: every write that changes what a page shows makes the next read show it.

Each test reads a page (caching it), writes through one path, and reads again. The pages are cached
in the default cache (Redis on PostgreSQL runs, memory otherwise; see caching.library_page).
The rendering shortcut of the lists (library_serializers.entry_row) must equal the serializers'.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import RequestFactory, override_settings
from rest_framework.request import Request
from rest_framework.test import APIClient

from mybookconnect.books import caching, library, merge, services
from mybookconnect.books.api.library_serializers import (
    LibraryEntrySerializer,
    PublicLibraryEntrySerializer,
    entry_row,
)
from mybookconnect.books.models import Author, Book, LibraryEntry, LibraryTag, ReadThrough
from mybookconnect.core import signals
from tests.conftest import create_account
from tests.library_support import entry_url

pytestmark = pytest.mark.django_db

LIBRARY = "/api/v1/library/"


@pytest.fixture
def owner():
    return create_account("owner")


@pytest.fixture
def owner_client(owner) -> APIClient:
    client = APIClient()
    client.force_authenticate(owner)
    return client


@pytest.fixture
def books(catalog) -> list[Book]:
    return [catalog["pillars"], catalog["earth"], catalog["hobbit"]]


@pytest.fixture
def entries(owner, books) -> list[LibraryEntry]:
    return [library.add_to_library(owner, book, {"status": "read"})[0] for book in books]


def own_page(client: APIClient, **query: Any) -> dict[str, Any]:
    response = client.get(LIBRARY, query)
    assert response.status_code == 200, response.content
    return response.json()


def public_page(owner, **query: Any) -> dict[str, Any]:
    response = APIClient().get(f"/api/v1/users/{owner.get_username()}/library/", query)
    assert response.status_code == 200, response.content
    return response.json()


def rows(page: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in page["results"]}


def cached_twice(read) -> dict[str, Any]:
    """Read a page twice (the second from the cache) and check both agree."""
    first = read()
    assert read() == first
    return first


# The pages are cached at all, per owner, viewer's audiences and query


def test_a_page_is_served_from_the_cache(owner_client, entries, django_assert_max_num_queries):
    own_page(owner_client)
    with django_assert_max_num_queries(0):
        own_page(owner_client)
    # Another query string is another page.
    assert [row["id"] for row in own_page(owner_client, ordering="added")["results"]] == [
        entry.pk for entry in entries
    ]


def test_no_cache_when_turned_off(owner_client, entries, django_assert_num_queries):
    with override_settings(MYBOOKCONNECT={"BOOKS_DETAIL_CACHE_SECONDS": 0}):
        assert caching.library_page(1, "own", "x") is None
        own_page(owner_client)
        with django_assert_num_queries(7):
            own_page(owner_client)


def test_the_owner_and_others_get_their_own_pages(owner, owner_client, entries):
    library.update_entry(entries[0], {"audience": "private", "notes": "mine"})
    assert len(cached_twice(lambda: public_page(owner))["results"]) == 2
    own = cached_twice(lambda: own_page(owner_client))
    assert len(own["results"]) == 3
    assert rows(own)[entries[0].pk]["notes"] == "mine"
    # The owner looking at their own public address sees everything, without notes.
    response = owner_client.get(f"/api/v1/users/{owner.get_username()}/library/")
    assert len(response.json()["results"]) == 3
    assert "notes" not in response.json()["results"][0]
    # And a stranger still sees two.
    assert len(public_page(owner)["results"]) == 2


# Each write path


def test_patching_an_entry(owner, owner_client, entries, books):
    own_page(owner_client)
    public_page(owner)
    response = owner_client.patch(
        entry_url(entries[0]), {"rating": 4.5, "notes": "n", "tags": ["a"]}, format="json"
    )
    assert response.status_code == 200
    row = rows(own_page(owner_client))[entries[0].pk]
    assert (row["rating"], row["notes"], row["tags"]) == (4.5, "n", ["a"])
    assert row["book"]["ratings_count"] == 1
    assert rows(public_page(owner))[entries[0].pk]["rating"] == 4.5
    owner_client.patch(entry_url(entries[0]), {"audience": "private"}, format="json")
    assert entries[0].pk not in rows(public_page(owner))
    owner_client.patch(entry_url(entries[0]), {"status": "reading"}, format="json")
    assert rows(own_page(owner_client))[entries[0].pk]["status"] == "reading"


def test_adding_and_removing_entries(owner_client, entries, catalog):
    assert own_page(owner_client)["count"] == 3
    extra = services.create_book({"title": "Extra"}, None)
    owner_client.post(LIBRARY, {"book": extra.pk}, format="json")
    assert own_page(owner_client)["count"] == 4
    owner_client.delete(entry_url(entries[0]))
    assert own_page(owner_client)["count"] == 3


def test_rating_through_the_service(owner, owner_client, entries, books):
    own_page(owner_client)
    library.rate_book(owner, books[1], 10)
    assert rows(own_page(owner_client))[entries[1].pk]["rating"] == 2.5
    library.rate_book(owner, books[1], None)
    assert rows(own_page(owner_client))[entries[1].pk]["rating"] is None


@pytest.mark.parametrize(
    ("action", "value", "check"),
    [
        ("set_status", "reading", lambda row: row["status"] == "reading"),
        ("set_format", "ebook", lambda row: row["format"] == "ebook"),
        ("set_owned", True, lambda row: row["owned"] is True),
        ("set_wishlist", True, lambda row: row["wishlist"] is True),
        ("set_audience", "private", lambda row: row["audience"] == "private"),
        ("add_tag", "bulk", lambda row: row["tags"] == ["bulk"]),
    ],
)
def test_bulk_actions(owner_client, entries, action, value, check):
    own_page(owner_client)
    response = owner_client.post(
        f"{LIBRARY}bulk/", {"entries": [entries[0].pk], "action": action, "value": value}, format="json"
    )
    assert response.status_code == 200, response.content
    assert check(rows(own_page(owner_client))[entries[0].pk])


def test_bulk_shelves_tags_and_delete(owner, owner_client, entries):
    shelf = library.create_shelf(owner, {"name": "Shelf", "audience": "public"})
    own_page(owner_client)
    bulk = f"{LIBRARY}bulk/"
    owner_client.post(
        bulk, {"entries": [entries[0].pk], "action": "add_to_shelf", "value": shelf.pk}, format="json"
    )
    assert rows(own_page(owner_client))[entries[0].pk]["shelves"] == [shelf.pk]
    owner_client.post(
        bulk, {"entries": [entries[0].pk], "action": "remove_from_shelf", "value": shelf.pk}, format="json"
    )
    assert rows(own_page(owner_client))[entries[0].pk]["shelves"] == []
    owner_client.post(bulk, {"entries": [entries[0].pk], "action": "add_tag", "value": "t"}, format="json")
    assert rows(own_page(owner_client))[entries[0].pk]["tags"] == ["t"]
    owner_client.post(bulk, {"entries": [entries[0].pk], "action": "remove_tag", "value": "t"}, format="json")
    assert rows(own_page(owner_client))[entries[0].pk]["tags"] == []
    owner_client.post(bulk, {"entries": [entries[0].pk], "action": "delete"}, format="json")
    assert entries[0].pk not in rows(own_page(owner_client))


def test_moving_in_the_to_read_list(owner_client, entries):
    for entry in entries:
        owner_client.patch(entry_url(entry), {"status": "want_to_read"}, format="json")
    order = [row["id"] for row in own_page(owner_client, ordering="position")["results"]]
    owner_client.post(entry_url(order[-1], "move/"), {"before": order[0]}, format="json")
    assert [row["id"] for row in own_page(owner_client, ordering="position")["results"]] == [
        order[-1],
        *order[:-1],
    ]


def test_readings_and_progress(owner_client, entries):
    entry = entries[0]
    assert len(rows(own_page(owner_client))[entry.pk]["read_throughs"]) == 1
    reading = owner_client.post(
        entry_url(entry, "read-throughs/"), {"started_on": "2024-01-01"}, format="json"
    ).json()
    assert len(rows(own_page(owner_client))[entry.pk]["read_throughs"]) == 2
    owner_client.post(
        entry_url(entry, f"read-throughs/{reading['id']}/progress/"), {"page": 42}, format="json"
    )
    shown = {rt["id"]: rt for rt in rows(own_page(owner_client))[entry.pk]["read_throughs"]}
    assert shown[reading["id"]]["progress_page"] == 42
    owner_client.patch(
        entry_url(entry, f"read-throughs/{reading['id']}/"), {"finished_on": "2024-02-01"}, format="json"
    )
    shown = {rt["id"]: rt for rt in rows(own_page(owner_client))[entry.pk]["read_throughs"]}
    assert shown[reading["id"]]["finished_on"] == "2024-02-01"
    owner_client.delete(entry_url(entry, f"read-throughs/{reading['id']}/"))
    assert len(rows(own_page(owner_client))[entry.pk]["read_throughs"]) == 1


def test_shelves(owner, owner_client, entries):
    own_page(owner_client)
    shelf = owner_client.post("/api/v1/shelves/", {"name": "S", "audience": "public"}, format="json").json()
    owner_client.patch(entry_url(entries[0]), {"shelves": [shelf["id"]]}, format="json")
    assert rows(own_page(owner_client))[entries[0].pk]["shelves"] == [shelf["id"]]
    assert len(public_page(owner, shelf=shelf["id"])["results"]) == 1
    owner_client.patch(f"/api/v1/shelves/{shelf['id']}/", {"audience": "private"}, format="json")
    response = APIClient().get(f"/api/v1/users/{owner.get_username()}/library/", {"shelf": shelf["id"]})
    assert response.status_code == 400
    owner_client.delete(f"/api/v1/shelves/{shelf['id']}/")
    assert rows(own_page(owner_client))[entries[0].pk]["shelves"] == []


def test_a_shelf_or_tag_deleted_in_the_admin(owner, owner_client, entries):
    shelf = library.create_shelf(owner, {"name": "S", "audience": "public"})
    library.update_entry(entries[0], {"shelves": [shelf], "tags": ["x"]})
    assert rows(own_page(owner_client))[entries[0].pk]["shelves"] == [shelf.pk]
    shelf.delete()
    assert rows(own_page(owner_client))[entries[0].pk]["shelves"] == []
    LibraryTag.objects.get(user=owner, name="x").delete()
    assert rows(own_page(owner_client))[entries[0].pk]["tags"] == []


def test_the_default_audience_changing(owner, entries):
    assert len(public_page(owner)["results"]) == 3
    signals.default_audience_changed.send(sender=None, user=owner, audience="private")
    assert public_page(owner)["results"] == []


def test_the_books_shown_changing(owner, owner_client, entries, books):
    own_page(owner_client)
    public_page(owner)
    # Another reader's rating changes the book's average.
    library.rate_book(create_account("other"), books[2], 20)
    assert rows(own_page(owner_client))[entries[2].pk]["book"]["average_rating"] == "5.00"
    assert rows(public_page(owner))[entries[2].pk]["book"]["ratings_count"] == 1
    # The book edited, its author renamed.
    services.update_book(books[2], {"title": "The Hobbit (new)"})
    assert rows(own_page(owner_client))[entries[2].pk]["book"]["title"] == "The Hobbit (new)"
    author = Author.objects.get(books=books[0])
    author.name = "Renamed"
    author.save()
    assert rows(own_page(owner_client))[entries[0].pk]["book"]["authors"][0]["name"] == "Renamed"


def test_merging_books(owner, owner_client, entries, books):
    target = services.create_book({"title": "Survivor"}, None)
    other = create_account("other")
    library.add_to_library(other, target, {"status": "read"})
    library.add_to_library(owner, target, {"status": "reading"})
    assert own_page(owner_client)["count"] == 4
    merge.merge_books(books[0], target)
    assert own_page(owner_client)["count"] == 3
    assert target.pk in {row["book"]["id"] for row in own_page(owner_client)["results"]}


def test_a_book_deleted(owner_client, entries, books):
    assert own_page(owner_client, page_size=1)["count"] == 3
    Book.objects.filter(pk=books[1].pk).delete()
    Book.objects.get(pk=books[0].pk).delete()
    assert own_page(owner_client, page_size=1)["count"] == 1


def test_an_account_deleted(owner, entries):
    public_page(owner)
    owner_id = owner.pk
    token = caching.cache.get(caching._library_token_key(owner_id))
    owner.delete()
    assert caching.cache.get(caching._library_token_key(owner_id)) != token
    assert APIClient().get("/api/v1/users/owner/library/").status_code == 404


# The fast rendering equals the serializers'


def test_rows_equal_the_serializers_output(owner, entries, books, catalog):
    shelf = library.create_shelf(owner, {"name": "S", "audience": "public"})
    other_shelf = library.create_shelf(owner, {"name": "a shelf", "audience": "private"})
    edition = services.create_edition(books[0], {"title": "Ed"})
    library.update_entry(
        entries[0],
        {
            "rating_quarters": 17,
            "tags": ["b", "a", "Zed", "cé"],
            "shelves": [shelf, other_shelf],
            "notes": "n",
            "format": "ebook",
            "owned": True,
            "edition": edition,
        },
    )
    reading = ReadThrough.objects.create(entry=entries[1], started_on=datetime.date(2024, 1, 2))
    library.add_progress(reading, {"percent": "12.50", "page": 3})
    # Readings in every order (no start, the same start, a later one) and authors not in name order.
    ReadThrough.objects.create(entry=entries[1], started_on=None, finished_on=datetime.date(2023, 5, 1))
    ReadThrough.objects.create(entry=entries[1], started_on=datetime.date(2024, 1, 2))
    ReadThrough.objects.create(entry=entries[1], started_on=datetime.date(2025, 3, 4))
    ReadThrough.objects.create(entry=entries[1], started_on=None)
    services.update_book(books[1], {"authors": [{"name": "Zoe"}, {"name": "Adam"}, {"name": "Mia"}]})
    library.rate_book(create_account("other"), books[1], 7)
    request = Request(RequestFactory().get("/"))
    loaded = list(LibraryEntry.objects.filter(user=owner).order_by("pk"))
    library.load_entry_relations(loaded)
    for entry in loaded:
        assert entry_row(entry, request) == LibraryEntrySerializer(entry, context={"request": request}).data
        assert (
            entry_row(entry, request, public=True)
            == PublicLibraryEntrySerializer(entry, context={"request": request}).data
        )
        # One entry loaded for a write's answer: its relations in one query.
        alone = LibraryEntry.objects.select_related("book").get(pk=entry.pk)
        library.load_one_entry(alone)
        assert entry_row(alone, request) == LibraryEntrySerializer(entry, context={"request": request}).data
    assert len(loaded[1].read_throughs.all()) >= 5
    assert len(loaded[1].book.book_authors.all()) == 3


def test_writes_replace_their_tokens_again_on_commit_in_one_cache_write(owner, entries, books):
    """A rating invalidates the reader's library and activities and the book's page: each at once, and
    all again when the transaction (here the test's) commits, through one callback: one cache write."""
    keys = [
        caching._library_token_key(owner.pk),
        caching._activity_token_key(owner.pk),
        caching._book_token_key(books[0].pk),
        caching._book_token_key(books[1].pk),
    ]
    library.rate_book(owner, books[0], 12)
    library.rate_book(owner, books[1], 8)
    at_once = caching.cache.get_many(keys)
    callbacks = [func for _sids, func, _robust in connection.run_on_commit]
    replacers = [func for func in callbacks if isinstance(func, caching._ReplaceOnCommit)]
    assert len(replacers) == 1
    assert set(keys) <= replacers[0].keys
    replacers[0]()
    after_commit = caching.cache.get_many(keys)
    assert all(after_commit[key] != at_once[key] for key in keys)

"""Shelves and tags, and other readers' libraries and shelves as core's default policy shows them
(public to everyone, followers and private to the owner only)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from mybookconnect.books import library
from mybookconnect.books.models import Activity, LibraryEntry, Shelf, ShelfMembership
from tests.conftest import create_account

pytestmark = pytest.mark.django_db

SHELVES = "/api/v1/shelves/"


def test_shelf_lifecycle(reader_client, reader, catalog):
    response = reader_client.post(
        SHELVES, {"name": "  Summer   2026 ", "description": "Beach"}, format="json"
    )
    assert response.status_code == 201, response.content
    shelf = response.json()
    assert (shelf["name"], shelf["description"], shelf["audience"], shelf["entries_count"]) == (
        "Summer 2026",
        "Beach",
        "public",
        0,
    )
    library.add_to_library(reader, catalog["earth"], {"shelves": [Shelf.objects.get()]})
    assert reader_client.get(f"{SHELVES}{shelf['id']}/").json()["entries_count"] == 1
    listed = reader_client.get(SHELVES).json()["results"]
    assert [(s["id"], s["entries_count"]) for s in listed] == [(shelf["id"], 1)]

    response = reader_client.patch(
        f"{SHELVES}{shelf['id']}/", {"name": "Winter", "audience": "private"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["audience"]) == ("Winter", "private")
    response = reader_client.patch(f"{SHELVES}{shelf['id']}/", {"audience": None}, format="json")
    assert response.json()["audience"] == "public"

    assert reader_client.delete(f"{SHELVES}{shelf['id']}/").status_code == 204
    assert not Shelf.objects.exists()
    assert LibraryEntry.objects.count() == 1  # its books stay
    assert reader_client.get(f"{SHELVES}{shelf['id']}/").status_code == 404


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "FAVOURITES"}, "name"),
        ({"name": "ok", "description": "x" * 2001}, "description"),
        ({"name": "ok", "audience": "friends"}, "audience"),
        ({"name": ["a"]}, "name"),
    ],
)
def test_bad_shelves(reader_client, reader, data, field):
    Shelf.objects.create(user=reader, name="Favourites", audience="public")
    response = reader_client.post(SHELVES, data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Shelf.objects.count() == 1


def test_renaming_onto_another_shelf_is_refused(reader_client, reader):
    Shelf.objects.create(user=reader, name="Favourites", audience="public")
    other = Shelf.objects.create(user=reader, name="Others", audience="public")
    response = reader_client.patch(f"{SHELVES}{other.pk}/", {"name": "favourites"}, format="json")
    assert response.json() == {"name": ["You already have a shelf with this name."]}
    assert reader_client.patch(f"{SHELVES}{other.pk}/", {"name": "others"}, format="json").status_code == 200


def test_two_readers_may_name_shelves_alike(reader_client):
    Shelf.objects.create(user=create_account("other"), name="Favourites", audience="public")
    assert reader_client.post(SHELVES, {"name": "Favourites"}, format="json").status_code == 201


def test_the_shelves_audience_narrows_its_shelving_activities(reader_client, reader, catalog):
    shelf = Shelf.objects.create(user=reader, name="Favourites", audience="public")
    library.add_to_library(reader, catalog["earth"], {"shelves": [shelf], "status": "read"})
    assert Activity.objects.get(shelf=shelf).audience == "public"
    reader_client.patch(f"{SHELVES}{shelf.pk}/", {"audience": "followers"}, format="json")
    assert Activity.objects.get(shelf=shelf).audience == "followers"
    reader_client.patch(f"{SHELVES}{shelf.pk}/", {"audience": "public"}, format="json")
    assert Activity.objects.get(shelf=shelf).audience == "followers"  # never widened after the fact
    private = Shelf.objects.create(user=reader, name="Secret", audience="private")
    library.add_to_library(reader, catalog["hobbit"], {"shelves": [private]})
    assert Activity.objects.get(shelf=private).audience == "private"


def test_tags_with_counts(reader_client, reader, catalog):
    library.add_to_library(reader, catalog["earth"], {"tags": ["classic", "sci-fi"]})
    library.add_to_library(reader, catalog["hobbit"], {"tags": ["Classic"]})
    library.add_to_library(create_account("other"), catalog["hobbit"], {"tags": ["theirs"]})
    body = reader_client.get("/api/v1/library/tags/").json()
    assert [(t["name"], t["entries_count"]) for t in body["results"]] == [("classic", 2), ("sci-fi", 1)]
    entry = LibraryEntry.objects.get(user=reader, book=catalog["earth"])
    reader_client.patch(f"/api/v1/library/{entry.pk}/", {"tags": ["classic"]}, format="json")
    body = reader_client.get("/api/v1/library/tags/").json()
    assert [(t["name"], t["entries_count"]) for t in body["results"]] == [("classic", 2)]


# Other readers' libraries and shelves


@pytest.fixture
def owner_library(catalog):
    owner = create_account("owner")
    public = Shelf.objects.create(user=owner, name="Public shelf", audience="public")
    hidden = Shelf.objects.create(user=owner, name="Hidden shelf", audience="private")
    entries = {
        "public": library.add_to_library(
            owner, catalog["earth"], {"shelves": [public, hidden], "notes": "n"}
        )[0],
        "followers": library.add_to_library(
            owner, catalog["hobbit"], {"audience": "followers", "shelves": [public]}
        )[0],
        "private": library.add_to_library(
            owner, catalog["world"], {"audience": "private", "shelves": [public]}
        )[0],
    }
    return {"owner": owner, "public_shelf": public, "hidden_shelf": hidden, **entries}


def library_of(client: APIClient, owner, query: str = "") -> list[int]:
    response = client.get(f"/api/v1/users/{owner.get_username()}/library/{query}")
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def shelves_of(client: APIClient, owner) -> list[tuple[str, int]]:
    response = client.get(f"/api/v1/users/{owner.get_username()}/shelves/")
    assert response.status_code == 200, response.content
    return [(row["name"], row["entries_count"]) for row in response.json()["results"]]


def test_others_see_public_entries_and_shelves(api_client, reader_client, owner_library):
    owner = owner_library["owner"]
    for client in (api_client, reader_client):
        assert library_of(client, owner) == [owner_library["public"].pk]
        assert shelves_of(client, owner) == [("Public shelf", 1)]
        assert library_of(client, owner, f"?shelf={owner_library['public_shelf'].pk}") == [
            owner_library["public"].pk
        ]
        response = client.get(
            f"/api/v1/users/{owner.get_username()}/library/?shelf={owner_library['hidden_shelf'].pk}"
        )
        assert response.status_code == 400
        assert response.json() == {"shelf": ["No such shelf."]}


def test_the_owner_sees_everything_of_theirs(owner_library):
    owner = owner_library["owner"]
    client = APIClient()
    client.force_authenticate(owner)
    assert set(library_of(client, owner)) == {owner_library[k].pk for k in ("public", "followers", "private")}
    assert shelves_of(client, owner) == [("Hidden shelf", 1), ("Public shelf", 3)]
    body = client.get(f"/api/v1/users/{owner.get_username()}/library/").json()
    assert all("notes" not in row for row in body["results"])  # the public shape, even for the owner


def test_usernames_match_ignoring_case_and_unknown_ones_are_404(api_client, owner_library):
    response = api_client.get("/api/v1/users/OWNER/library/")
    assert [row["id"] for row in response.json()["results"]] == [owner_library["public"].pk]
    for path in ("nobody/library/", "nobody/shelves/"):
        response = api_client.get(f"/api/v1/users/{path}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Reader not found.", "code": "not_found"}


def test_inactive_readers_are_404(api_client, owner_library):
    owner = owner_library["owner"]
    type(owner)._default_manager.filter(pk=owner.pk).update(is_active=False)
    assert api_client.get(f"/api/v1/users/{owner.get_username()}/library/").status_code == 404


def test_hiding_one_entry_and_changing_it_back(api_client, owner_library):
    owner = owner_library["owner"]
    library.update_entry(owner_library["public"], {"audience": "private"})
    assert library_of(api_client, owner) == []
    assert shelves_of(api_client, owner) == [("Public shelf", 0)]
    library.update_entry(owner_library["public"], {"audience": None})
    assert library_of(api_client, owner) == [owner_library["public"].pk]
    assert ShelfMembership.objects.filter(entry=owner_library["public"]).count() == 2

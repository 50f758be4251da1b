"""Who may use each library endpoint: the owner, another signed-in reader, an anonymous visitor.

Another reader's entry, reading or shelf answers 404 as if it did not exist; anonymous visitors are
refused (401 or 403 by the site's authentication) everywhere but the public reader pages. The
follower and blocked cases need the users app: deploy_project/tests/test_library_permissions.py.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from mybookconnect.books import library
from mybookconnect.books.models import LibraryEntry, ProgressUpdate, ReadThrough, Shelf
from tests.conftest import create_account

pytestmark = pytest.mark.django_db

REFUSED = (401, 403)


@pytest.fixture
def owned(reader, catalog):
    shelf = Shelf.objects.create(user=reader, name="Mine", audience="public")
    entry, _ = library.add_to_library(reader, catalog["hobbit"], {"status": "reading", "shelves": [shelf]})
    reading = ReadThrough.objects.get(entry=entry)
    library.add_progress(reading, {"page": 3})
    return {"entry": entry, "reading": reading, "shelf": shelf, "book": catalog["earth"]}


@pytest.fixture
def stranger_client(db) -> APIClient:
    client = APIClient()
    client.force_authenticate(create_account("stranger"))
    return client


def requests(owned) -> list[tuple[str, str, dict]]:
    e, r, s = owned["entry"].pk, owned["reading"].pk, owned["shelf"].pk
    return [
        ("get", f"/api/v1/library/{e}/", {}),
        ("patch", f"/api/v1/library/{e}/", {"notes": "mine now"}),
        ("post", f"/api/v1/library/{e}/move/", {"before": None}),
        ("get", f"/api/v1/library/{e}/read-throughs/", {}),
        ("post", f"/api/v1/library/{e}/read-throughs/", {"started_on": "2020-01-01"}),
        ("patch", f"/api/v1/library/{e}/read-throughs/{r}/", {"started_on": "2020-01-01"}),
        ("get", f"/api/v1/library/{e}/read-throughs/{r}/progress/", {}),
        ("post", f"/api/v1/library/{e}/read-throughs/{r}/progress/", {"page": 5}),
        ("get", f"/api/v1/shelves/{s}/", {}),
        ("patch", f"/api/v1/shelves/{s}/", {"name": "Stolen"}),
        ("delete", f"/api/v1/library/{e}/read-throughs/{r}/", {}),
        ("delete", f"/api/v1/shelves/{s}/", {}),
        ("delete", f"/api/v1/library/{e}/", {}),
    ]


def snapshot() -> tuple:
    return (
        list(LibraryEntry.objects.values_list("pk", "notes", "position", "status")),
        list(ReadThrough.objects.values_list("pk", "started_on")),
        ProgressUpdate.objects.count(),
        list(Shelf.objects.values_list("pk", "name")),
    )


def test_another_reader_gets_404_everywhere_and_changes_nothing(stranger_client, owned):
    before = snapshot()
    for method, url, data in requests(owned):
        response = getattr(stranger_client, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.content)
        assert response.json()["code"] == "not_found"
    assert snapshot() == before


def test_anonymous_visitors_are_refused_everywhere(api_client, owned):
    before = snapshot()
    urls = [
        *requests(owned),
        ("get", "/api/v1/library/", {}),
        ("post", "/api/v1/library/", {"book": owned["book"].pk}),
        ("post", "/api/v1/library/bulk/", {"entries": [owned["entry"].pk], "action": "delete"}),
        ("get", "/api/v1/library/tags/", {}),
        ("get", "/api/v1/shelves/", {}),
        ("post", "/api/v1/shelves/", {"name": "Anon"}),
    ]
    for method, url, data in urls:
        response = getattr(api_client, method)(url, data, format="json")
        assert response.status_code in REFUSED, (method, url, response.status_code)
    assert snapshot() == before


def test_the_owner_may_do_everything(reader_client, owned):
    expected = {"get": 200, "patch": 200, "post": {200, 201}, "delete": 204}
    for method, url, data in requests(owned):
        response = getattr(reader_client, method)(url, data, format="json")
        allowed = expected[method]
        assert response.status_code in (allowed if isinstance(allowed, set) else {allowed}), (
            method,
            url,
            response.content,
        )


def test_another_readers_lists_hold_only_their_own(stranger_client, owned):
    for url in ("/api/v1/library/", "/api/v1/library/tags/", "/api/v1/shelves/"):
        assert stranger_client.get(url).json()["results"] == []
    response = stranger_client.post(
        "/api/v1/library/bulk/", {"entries": [owned["entry"].pk], "action": "delete"}, format="json"
    )
    assert response.status_code == 400
    assert LibraryEntry.objects.count() == 1


@pytest.mark.parametrize("audience", ["public", "followers", "private"])
def test_reader_pages_by_audience_with_the_default_policy(
    api_client, stranger_client, reader, owned, audience
):
    """Core's default policy: public for everyone; followers and private for the owner only."""
    library.update_entry(owned["entry"], {"audience": audience})
    library.update_shelf(owned["shelf"], {"audience": audience})
    owner_client = APIClient()
    owner_client.force_authenticate(reader)
    name = reader.get_username()
    for client, sees in (
        (owner_client, True),
        (stranger_client, audience == "public"),
        (api_client, audience == "public"),
    ):
        entries = client.get(f"/api/v1/users/{name}/library/").json()["results"]
        shelves = client.get(f"/api/v1/users/{name}/shelves/").json()["results"]
        assert bool(entries) is sees
        assert bool(shelves) is sees
        response = client.get(f"/api/v1/users/{name}/library/?shelf={owned['shelf'].pk}")
        assert response.status_code == (200 if sees else 400)

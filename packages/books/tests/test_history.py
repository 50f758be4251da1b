import pytest

from mybookconnect.books import services
from mybookconnect.books.models import Edition, Revision

pytestmark = pytest.mark.django_db


def test_history_lists_who_when_what(api_client, catalog, reader):
    book = catalog["earth"]
    services.update_book(book, {"title": "Earth Abides!"}, reader)
    body = api_client.get(f"/api/v1/books/{book.pk}/history/").json()
    latest = body["results"][0]
    assert latest["action"] == "update"
    assert latest["user"] == {"id": reader.pk, "username": "reader"}
    assert latest["changes"] == {"title": ["Earth Abides", "Earth Abides!"]}
    assert body["results"][-1]["action"] == "create"


def test_staff_reverts_a_field_change_and_relations(staff_client, catalog, reader):
    book = catalog["earth"]
    revision = services.update_book(
        book, {"title": "Vandalised", "authors": [{"name": "Nobody"}], "subjects": ["Spam"]}, reader
    )
    response = staff_client.post(f"/api/v1/books/{book.pk}/history/{revision.pk}/revert/")
    assert response.status_code == 201
    assert response.json()["action"] == "revert"
    assert response.json()["reverts"] == revision.pk
    book.refresh_from_db()
    assert book.title == "Earth Abides"
    assert list(book.authors.values_list("name", flat=True)) == ["George R. Stewart"]
    assert book.subjects.count() == 0


def test_reverting_an_edition_creation_deletes_it_and_an_isbn_clash_is_409(staff_client, catalog):
    book = catalog["earth"]
    edition = services.create_edition(book, {"isbn": "0747532699"})
    created = Revision.objects.get(edition=edition, action="create")
    change = services.update_edition(edition, {"isbn": "080442957X"})
    services.create_edition(catalog["hobbit"], {"isbn": "0747532699"})

    clash = staff_client.post(f"/api/v1/books/{book.pk}/history/{change.pk}/revert/")
    assert clash.status_code == 409
    assert clash.json()["code"] == "duplicate_isbn"

    response = staff_client.post(f"/api/v1/books/{book.pk}/history/{created.pk}/revert/")
    assert response.status_code == 201
    assert not Edition.objects.filter(pk=edition.pk).exists()


def test_a_book_creation_is_not_revertible(staff_client, catalog):
    book = catalog["earth"]
    created = Revision.objects.get(book=book, action="create")
    response = staff_client.post(f"/api/v1/books/{book.pk}/history/{created.pk}/revert/")
    assert response.status_code == 400
    assert response.json()["code"] == "not_revertible"


def test_revert_of_another_books_revision_is_404(staff_client, catalog):
    revision = services.update_book(catalog["earth"], {"subtitle": "x"})
    response = staff_client.post(f"/api/v1/books/{catalog['hobbit'].pk}/history/{revision.pk}/revert/")
    assert response.status_code == 404

"""The books app's messages in Spanish: validation errors, not-found details, admin texts."""

import pytest
from django.utils import translation

from mybookconnect.books.admin import AuthorAdmin, BookAdmin, EditionAdmin
from mybookconnect.books.models import Book

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_the_default_language():
    # LocaleMiddleware leaves the request's language active in the thread; later tests expect English.
    yield
    translation.deactivate()


def test_lookup_isbn_error_in_spanish(reader_client):
    response = reader_client.post(
        "/api/v1/books/lookup/", {"isbn": "978-0-14-032872-2"}, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )

    assert response.status_code == 400
    assert response.json() == {"isbn": ["Introduce un ISBN-10 o ISBN-13 válido."]}
    assert response.headers["Content-Language"] == "es"


def test_edition_isbn_error_in_spanish(reader_client):
    book = Book.objects.create(title="Fantastic Mr Fox")
    response = reader_client.post(
        "/api/v1/editions/", {"book": book.pk, "isbn": "0140328720"}, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )

    assert response.status_code == 400
    assert response.json() == {"isbn": ["No es un ISBN-10 ni un ISBN-13 válido (revisa los dígitos)."]}


def test_the_same_error_stays_in_english_without_accept_language(reader_client):
    response = reader_client.post("/api/v1/books/lookup/", {"isbn": "123"}, format="json")

    assert response.json() == {"isbn": ["Enter a valid ISBN-10 or ISBN-13."]}


def test_not_found_details_in_spanish(api_client):
    assert api_client.get("/api/v1/authors/999999/", HTTP_ACCEPT_LANGUAGE="es").json()["detail"] == (
        "Autor no encontrado."
    )
    assert api_client.get("/api/v1/series/999999/", HTTP_ACCEPT_LANGUAGE="es").json()["detail"] == (
        "Serie no encontrada."
    )


def test_admin_merge_actions_are_translated_when_shown():
    descriptions = {
        admin_class: admin_class.actions[0].short_description
        for admin_class in (BookAdmin, EditionAdmin, AuthorAdmin)
    }
    with translation.override("es"):
        assert [str(text) for text in descriptions.values()] == [
            "Fusionar los libros seleccionados en el más antiguo",
            "Fusionar las ediciones seleccionadas en la más antigua",
            "Fusionar los autores seleccionados en el más antiguo",
        ]
    with translation.override("en"):
        assert str(descriptions[BookAdmin]) == "Merge selected books into the oldest"


@pytest.mark.parametrize(
    ("count", "spanish"),
    [
        (1, "Se ha fusionado 1 duplicado en “Dune”."),
        (3, "Se han fusionado 3 duplicados en “Dune”."),
    ],
)
def test_merge_message_plural_forms_in_spanish(count, spanish):
    with translation.override("es"):
        message = translation.ngettext(
            "Merged %(count)d duplicate into “%(survivor)s”.",
            "Merged %(count)d duplicates into “%(survivor)s”.",
            count,
        )
    assert message % {"count": count, "survivor": "Dune"} == spanish

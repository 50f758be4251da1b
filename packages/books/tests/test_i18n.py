"""The books app's messages in Spanish: validation errors, not-found details, admin texts."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from mybookconnect.books import library
from mybookconnect.books import reviews as review_services
from mybookconnect.books.admin import AuthorAdmin, BookAdmin, EditionAdmin, ReportAdmin
from mybookconnect.books.models import ActivityVerb, Book, LibraryFormat, ReadingStatus, ReadThrough, Review
from tests.library_support import entry_url

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


# The library, reviews and feed


@pytest.fixture
def entry(reader):
    return library.add_to_library(reader, Book.objects.create(title="Fortunata y Jacinta"), {})[0]


def test_reading_dates_errors_in_spanish(reader_client, entry):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = reader_client.post(
        entry_url(entry, "read-throughs/"), {"finished_on": future}, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 400
    assert response.json() == {"finished_on": ["Esta fecha está en el futuro."]}

    response = reader_client.post(
        entry_url(entry, "read-throughs/"),
        {"started_on": "2021-05-02", "finished_on": "2021-05-01", "stopped_on": "2021-05-03"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 400
    assert response.json() == {
        "finished_on": ["Una lectura no puede terminar antes de empezar."],
        "stopped_on": ["Una lectura se termina o se abandona, no ambas cosas."],
    }
    assert not ReadThrough.objects.exists()


def test_the_same_reading_error_stays_in_english_without_accept_language(reader_client, entry):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = reader_client.post(entry_url(entry, "read-throughs/"), {"started_on": future}, format="json")

    assert response.json() == {"started_on": ["This date is in the future."]}


def test_library_entry_errors_in_spanish(reader_client, entry):
    response = reader_client.patch(
        entry_url(entry), {"rating": 4.3}, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 400
    assert response.json() == {"rating": ["Indica un número de estrellas de 0,5 a 5, en medias estrellas."]}

    response = reader_client.patch(
        entry_url(entry), {"shelves": [999_999]}, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 400
    assert response.json() == {"shelves": ["No existen estas estanterías: 999999."]}


def test_library_not_found_details_in_spanish(reader_client, entry):
    response = reader_client.get(entry_url(999_999), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    assert response.json()["detail"] == "Entrada de la biblioteca no encontrada."

    response = reader_client.patch(
        entry_url(entry, "read-throughs/999999/"), {}, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Lectura no encontrada."

    response = reader_client.get("/api/v1/shelves/999999/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    assert response.json()["detail"] == "Estantería no encontrada."


def test_bulk_action_errors_in_spanish(reader_client, entry):
    response = reader_client.post(
        "/api/v1/library/bulk/",
        {"entries": [entry.pk, 999_999], "action": "set_owned", "value": True},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 400
    assert response.json() == {"entries": ["No existen estas entradas en tu biblioteca: 999999."]}

    response = reader_client.post(
        "/api/v1/library/bulk/",
        {"entries": [entry.pk], "action": "set_status"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 400
    assert response.json() == {"value": ["Esta acción necesita un valor."]}

    response = reader_client.post(
        "/api/v1/library/bulk/",
        {"entries": [entry.pk], "action": "add_to_shelf", "value": 999_999},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.json() == {"value": ["No existe esa estantería."]}


def test_duplicate_shelf_name_in_spanish(reader_client):
    assert reader_client.post("/api/v1/shelves/", {"name": "Favoritos"}, format="json").status_code == 201
    response = reader_client.post(
        "/api/v1/shelves/", {"name": "favoritos"}, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 400
    assert response.json() == {"name": ["Ya tienes una estantería con este nombre."]}


def test_second_review_409_detail_in_spanish(reader, reader_client, entry):
    first = review_services.create_review(reader, entry.book, {"body": "Muy bueno."})
    response = reader_client.post(
        f"/api/v1/books/{entry.book_id}/reviews/",
        {"body": "Otra vez"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Ya has reseñado este libro: edita esa reseña.",
        "code": "review_exists",
        "review": first.pk,
    }
    assert Review.objects.count() == 1


def test_review_errors_in_spanish(reader, reader_client, entry):
    response = reader_client.post(
        f"/api/v1/books/{entry.book_id}/reviews/",
        {"title": " ", "body": ""},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 400
    assert response.json() == {"body": ["Escribe un texto o al menos un título."]}

    review = review_services.create_review(reader, entry.book, {"body": "Muy bueno."})
    response = reader_client.post(
        f"/api/v1/reviews/{review.pk}/report/", {"reason": "spam"}, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["No puedes denunciar tu propia reseña."]}

    response = reader_client.get("/api/v1/reviews/999999/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    assert response.json()["detail"] == "Reseña no encontrada."
    response = reader_client.patch(
        "/api/v1/comments/999999/", {"body": "y"}, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Comentario no encontrado."


def test_reply_to_a_deleted_comment_in_spanish(reader, reader_client, entry):
    review = review_services.create_review(reader, entry.book, {"body": "Muy bueno."})
    comment = review_services.add_comment(reader, review, "Primero")
    review_services.add_comment(reader, review, "Respuesta", parent=comment)
    review_services.delete_comment(comment)
    response = reader_client.post(
        f"/api/v1/reviews/{review.pk}/comments/",
        {"body": "Otra respuesta", "parent": comment.pk},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )

    assert response.status_code == 400
    assert response.json() == {"parent": ["Este comentario se eliminó; no admite respuestas."]}


def test_choices_and_feed_verbs_in_spanish():
    with translation.override("es"):
        assert [str(label) for label in ReadingStatus.labels] == [
            "Quiero leer",
            "Leyendo",
            "Leído",
            "Abandonado",
            "En pausa",
        ]
        assert str(LibraryFormat.EBOOK.label) == "Libro electrónico"
        assert str(ActivityVerb.STARTED.label) == "empezó a leer"
        assert str(library.BulkAction.DELETE.label) == "Quitar de la biblioteca"
        assert str(Review._meta.verbose_name_plural) == "reseñas"


def test_report_admin_texts_in_spanish():
    descriptions = [ReportAdmin.remove_content_and_resolve, ReportAdmin.dismiss]
    with translation.override("es"):
        assert [str(action.short_description) for action in descriptions] == [
            "Retirar el contenido denunciado y resolver",
            "Desestimar las denuncias seleccionadas",
        ]
        removed = [
            translation.ngettext(
                "Removed %(count)d review or comment.", "Removed %(count)d reviews or comments.", count
            )
            % {"count": count}
            for count in (1, 2)
        ]
    assert removed == ["Se retiró 1 reseña o comentario.", "Se retiraron 2 reseñas o comentarios."]


def test_recount_books_messages_in_spanish(make_books):
    make_books(2)
    with translation.override("es"):
        with pytest.raises(CommandError, match="^--batch-size debe ser al menos 1.$"):
            call_command("recount_books", "--batch-size", "0")
        out = StringIO()
        call_command("recount_books", stdout=out, no_color=True)
    assert out.getvalue().strip() == "Libros revisados: 2; corregidos: 0."

"""Writing the catalog through the API, the other read endpoints, permissions and query counts."""

import pytest

from mybookconnect.books import services
from mybookconnect.books.models import Author, Book, Edition, Revision, Series, Subject

pytestmark = pytest.mark.django_db

NEW_BOOK = {
    "title": "La sombra del viento",
    "first_published_year": 2001,
    "original_language": "es",
    "authors": [{"name": "Carlos Ruiz Zafón"}],
    "subjects": ["Novela", "Misterio"],
    "series": [{"name": "El Cementerio de los Libros Olvidados", "position": "1"}],
}


def test_signed_in_reader_adds_a_book_with_history(reader_client, reader):
    response = reader_client.post("/api/v1/books/", NEW_BOOK, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["authors"] == [
        {"id": body["authors"][0]["id"], "name": "Carlos Ruiz Zafón", "role": "author"}
    ]
    assert [s["name"] for s in body["subjects"]] == ["Misterio", "Novela"]
    assert body["series"][0]["position"] == "1.00"
    revision = Revision.objects.get(book_id=body["id"])
    assert revision.user == reader
    assert revision.action == "create"
    assert revision.changes["title"] == [None, "La sombra del viento"]


def test_anonymous_cannot_write(api_client, catalog):
    book = catalog["earth"]
    assert api_client.post("/api/v1/books/", NEW_BOOK, format="json").status_code in (401, 403)
    assert api_client.patch(f"/api/v1/books/{book.pk}/", {"title": "X"}, format="json").status_code in (
        401,
        403,
    )
    assert api_client.post("/api/v1/editions/", {"book": book.pk}, format="json").status_code in (401, 403)
    assert Book.objects.filter(title="La sombra del viento").count() == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 501}, "title"),
        ({"title": "T", "first_published_year": 0}, "first_published_year"),
        ({"title": "T", "first_published_year": 2101}, "first_published_year"),
        ({"title": "T", "original_language": "English"}, "original_language"),
        ({"title": "T", "cover_url": "not a url"}, "cover_url"),
        ({"title": "T", "openlibrary_work_id": "12345"}, "openlibrary_work_id"),
        ({"title": "T", "authors": [{"role": "author"}]}, "authors"),
        ({"title": "T", "authors": [{"name": "A", "role": "cook"}]}, "authors"),
        ({"title": "T", "authors": [{"id": 999999}]}, "authors"),
        ({"title": "T", "subjects": [""]}, "subjects"),
        ({"title": "T", "series": [{"name": "S", "position": "-1"}]}, "series"),
        ({"subtitle": "no title"}, "title"),
    ],
)
def test_bad_book_input_is_a_400_per_field_and_writes_nothing(reader_client, payload, field):
    response = reader_client.post("/api/v1/books/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Book.objects.count() == 0
    assert (
        Author.objects.count()
        == Subject.objects.count()
        == Series.objects.count()
        == Revision.objects.count()
        == 0
    )


def test_patch_corrects_and_records_only_what_changed(reader_client, catalog):
    book = catalog["earth"]
    response = reader_client.patch(
        f"/api/v1/books/{book.pk}/", {"subtitle": "A novel", "first_published_year": 1949}, format="json"
    )
    assert response.status_code == 200
    revision = Revision.objects.filter(book=book).first()
    assert revision.changes == {"subtitle": ["", "A novel"]}


def test_patch_bad_input_changes_nothing(reader_client, catalog):
    book = catalog["earth"]
    response = reader_client.patch(
        f"/api/v1/books/{book.pk}/", {"subtitle": "ok", "first_published_year": 3000}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"first_published_year"}
    book.refresh_from_db()
    assert book.subtitle == ""


def test_add_edition_and_duplicate_isbn_is_409(reader_client, catalog):
    book = catalog["hobbit"]
    response = reader_client.post(
        "/api/v1/editions/",
        {
            "book": book.pk,
            "isbn": "0-7475-3269-9",
            "publication_year": 1997,
            "publication_month": 6,
            "format": "hardcover",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["isbn_10"] == "0747532699"
    assert body["isbn_13"] == "9780747532699"
    assert body["publication_date"] == "1997-06"

    again = reader_client.post(
        "/api/v1/editions/", {"book": book.pk, "isbn": "978-0-7475-3269-9"}, format="json"
    )
    assert again.status_code == 409
    assert again.json() == {
        "detail": "An edition with this ISBN already exists.",
        "code": "duplicate_isbn",
        "edition": body["id"],
    }
    other = services.create_edition(book, {"isbn": "080442957X"})
    clash = reader_client.patch(f"/api/v1/editions/{other.pk}/", {"isbn": "0747532699"}, format="json")
    assert clash.status_code == 409
    assert Edition.objects.count() == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"isbn": "0747532698"}, "isbn"),
        ({"publication_month": 5}, "publication_month"),
        ({"publication_year": 2001, "publication_day": 3}, "publication_day"),
        ({"publication_year": 2001, "publication_month": 2, "publication_day": 30}, "publication_day"),
        ({"publication_year": 2001, "publication_month": 13}, "publication_month"),
        ({"pages": 0}, "pages"),
        ({"format": "scroll"}, "format"),
        ({"language": "Spanish"}, "language"),
        ({"openlibrary_edition_id": "OL1W"}, "openlibrary_edition_id"),
        ({"book": 999999}, "book"),
    ],
)
def test_bad_edition_input_is_a_400_per_field(reader_client, catalog, payload, field):
    data = {"book": catalog["earth"].pk, **payload}
    response = reader_client.post("/api/v1/editions/", data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Edition.objects.count() == 0


def test_filters(api_client, catalog):
    author = Author.objects.get(name="Ken Follett")
    series = Series.objects.get(name="Kingsbridge")
    services.update_book(catalog["idhun"], {"subjects": ["Fantasía"], "original_language": "es"})
    services.create_edition(catalog["hobbit"], {"isbn": "0747532699"})

    def listed(**params):
        return {row["title"] for row in api_client.get("/api/v1/books/", params).json()["results"]}

    assert listed(author=author.pk) == {"The Pillars of the Earth", "World Without End"}
    assert listed(series=series.pk) == {"The Pillars of the Earth", "World Without End"}
    assert listed(subject=Subject.objects.get().slug) == {"Memorias de Idhún: La Resistencia"}
    assert listed(language="es") == {"Memorias de Idhún: La Resistencia"}
    assert listed(year_min=1950, year_max=2005) == {
        "The Pillars of the Earth",
        "Memorias de Idhún: La Resistencia",
    }
    assert listed(has_isbn="true") == {"The Hobbit"}
    assert "The Hobbit" not in listed(has_isbn="false")
    assert api_client.get("/api/v1/books/", {"year_min": 2000, "year_max": 1990}).status_code == 400
    assert api_client.get("/api/v1/books/", {"author": "x"}).status_code == 400
    assert api_client.get("/api/v1/books/", {"q": "kingsbridge"}).status_code == 200
    assert api_client.get("/api/v1/books/", {"search": "earth"}).status_code == 200


def test_author_series_and_subject_endpoints(api_client, catalog):
    author = Author.objects.get(name="Ken Follett")
    series = Series.objects.get(name="Kingsbridge")
    services.update_book(catalog["idhun"], {"subjects": ["Fantasía"]})

    authors = api_client.get("/api/v1/authors/", {"q": "follett"}).json()
    assert [(a["name"], a["books_count"]) for a in authors["results"]] == [("Ken Follett", 2)]
    detail = api_client.get(f"/api/v1/authors/{author.pk}/").json()
    assert [b["title"] for b in detail["books"]] == ["The Pillars of the Earth", "World Without End"]
    assert detail["books_count"] == 2
    listed = api_client.get(
        f"/api/v1/authors/{author.pk}/books/", {"ordering": "-first_published_year"}
    ).json()
    assert [b["title"] for b in listed["results"]] == ["World Without End", "The Pillars of the Earth"]
    assert detail["sort_name"] == "Follett, Ken"

    in_order = api_client.get(f"/api/v1/series/{series.pk}/").json()
    assert [(row["position"], row["book"]["title"]) for row in in_order["books"]] == [
        ("1.00", "The Pillars of the Earth"),
        ("2.00", "World Without End"),
    ]
    assert api_client.get("/api/v1/series/").json()["count"] == 1
    subjects = api_client.get("/api/v1/subjects/").json()["results"]
    assert subjects == [{"id": subjects[0]["id"], "name": "Fantasía", "slug": "fantasia", "books_count": 1}]
    assert api_client.get("/api/v1/authors/999999/").json()["code"] == "not_found"
    assert api_client.get("/api/v1/series/999999/").status_code == 404


@pytest.mark.parametrize("rows", [5, 50])
def test_query_counts_do_not_grow_with_rows(api_client, django_assert_max_num_queries, rows):
    author = services.get_or_create_author("Prolific Writer")
    series = services.get_or_create_series("Long Saga")
    for i in range(rows):
        services.create_book(
            {
                "title": f"Saga {i:03d}",
                "authors": [{"id": author.pk, "name": author.name}, {"name": f"Co Writer {i}"}],
                "series": [{"id": series.pk, "name": series.name, "position": i}],
                "subjects": ["Saga"],
            }
        )
    book = Book.objects.first()
    services.create_edition(book, {"isbn": "0747532699"})
    with django_assert_max_num_queries(4):
        assert api_client.get("/api/v1/books/", {"page_size": 100}).status_code == 200
    with django_assert_max_num_queries(4):
        assert api_client.get("/api/v1/books/", {"page_size": 100, "q": "saga"}).status_code == 200
    with django_assert_max_num_queries(5):
        assert api_client.get(f"/api/v1/books/{book.pk}/").status_code == 200
    with django_assert_max_num_queries(2):
        assert api_client.get(f"/api/v1/authors/{author.pk}/").status_code == 200
    with django_assert_max_num_queries(2):
        assert api_client.get(f"/api/v1/authors/{author.pk}/books/", {"page_size": 100}).status_code == 200
    with django_assert_max_num_queries(4):
        assert api_client.get(f"/api/v1/series/{series.pk}/").status_code == 200
    with django_assert_max_num_queries(2):
        assert api_client.get("/api/v1/authors/").status_code == 200
    with django_assert_max_num_queries(2):
        assert api_client.get("/api/v1/subjects/").status_code == 200
    with django_assert_max_num_queries(3):
        assert api_client.get(f"/api/v1/books/{book.pk}/history/").status_code == 200


READ_ENDPOINTS = [
    "/api/v1/books/",
    "/api/v1/books/{book}/",
    "/api/v1/books/{book}/history/",
    "/api/v1/editions/{edition}/",
    "/api/v1/authors/",
    "/api/v1/authors/{author}/",
    "/api/v1/authors/{author}/books/",
    "/api/v1/series/",
    "/api/v1/series/{series}/",
    "/api/v1/subjects/",
]
STAFF_ENDPOINTS = [
    ("/api/v1/books/{book}/merge/", {"into": "{other_book}"}),
    ("/api/v1/editions/{edition}/merge/", {"into": "{other_edition}"}),
    ("/api/v1/authors/{author}/merge/", {"into": "{other_author}"}),
    ("/api/v1/books/{book}/history/{revision}/revert/", {}),
]


@pytest.fixture
def ids(catalog):
    edition = services.create_edition(catalog["earth"], {"isbn": "0747532699"})
    other_edition = services.create_edition(catalog["earth"], {"isbn": "080442957X"})
    revision = services.update_book(catalog["earth"], {"subtitle": "Changed"})
    return {
        "book": catalog["earth"].pk,
        "other_book": catalog["hobbit"].pk,
        "edition": edition.pk,
        "other_edition": other_edition.pk,
        "author": Author.objects.get(name="George R. Stewart").pk,
        "other_author": Author.objects.get(name="Ken Follett").pk,
        "series": Series.objects.get().pk,
        "revision": revision.pk,
    }


@pytest.mark.parametrize("client_fixture", ["api_client", "reader_client", "staff_client"])
@pytest.mark.parametrize("url", READ_ENDPOINTS)
def test_everyone_reads(request, ids, client_fixture, url):
    client = request.getfixturevalue(client_fixture)
    assert client.get(url.format(**ids)).status_code == 200


@pytest.mark.parametrize("client_fixture", ["api_client", "reader_client"])
@pytest.mark.parametrize(("url", "body"), STAFF_ENDPOINTS)
def test_only_staff_merge_and_revert(request, ids, client_fixture, url, body):
    client = request.getfixturevalue(client_fixture)
    data = {key: int(value.format(**ids)) for key, value in body.items()}
    response = client.post(url.format(**ids), data, format="json")
    assert response.status_code in (401, 403)
    assert Book.objects.filter(pk=ids["book"]).exists()


@pytest.mark.parametrize(("url", "body"), STAFF_ENDPOINTS)
def test_staff_merge_and_revert(staff_client, ids, url, body):
    data = {key: int(value.format(**ids)) for key, value in body.items()}
    response = staff_client.post(url.format(**ids), data, format="json")
    assert response.status_code in (200, 201), response.json()


def test_merge_input_is_checked(staff_client, ids):
    url = f"/api/v1/books/{ids['book']}/merge/"
    assert "into" in staff_client.post(url, {}, format="json").json()
    assert "into" in staff_client.post(url, {"into": ids["book"]}, format="json").json()
    assert "into" in staff_client.post(url, {"into": 999999}, format="json").json()
    assert (
        staff_client.post("/api/v1/books/999999/merge/", {"into": ids["book"]}, format="json").status_code
        == 404
    )

import pytest
from django.test import override_settings
from django.urls import reverse

from mybookconnect.books.models import Book

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/books/"


def detail_url(pk):
    return f"/api/v1/books/{pk}/"


def result_titles(response):
    return [row["title"] for row in response.json()["results"]]


def test_urls_are_named_in_the_app_namespace():
    assert reverse("mybookconnect_books:book-list") == LIST_URL
    assert reverse("mybookconnect_books:book-detail", args=[7]) == detail_url(7)


# Pagination


def test_list_is_paginated_with_the_default_page_size(api_client, make_books):
    make_books(25)
    response = api_client.get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 25
    assert len(body["results"]) == 20
    assert body["previous"] is None
    assert body["next"] is not None

    second = api_client.get(body["next"]).json()
    assert len(second["results"]) == 5
    assert second["next"] is None


def test_list_honours_page_size(api_client, make_books):
    make_books(12)
    response = api_client.get(LIST_URL, {"page_size": 5, "page": 3})
    assert response.status_code == 200
    assert result_titles(response) == ["Book 011", "Book 012"]


@override_settings(MYBOOKCONNECT={"PAGE_SIZE": 3, "MAX_PAGE_SIZE": 5})
def test_page_size_follows_the_site_settings_and_is_capped(api_client, make_books):
    make_books(8)
    assert len(api_client.get(LIST_URL).json()["results"]) == 3
    assert len(api_client.get(LIST_URL, {"page_size": 500}).json()["results"]) == 5


def test_a_page_past_the_end_is_a_json_404(api_client, make_books):
    make_books(3)
    response = api_client.get(LIST_URL, {"page": 9})
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "code"}


def test_list_rows_have_the_summary_shape(api_client):
    book = Book.objects.create(
        title="Frankenstein", subtitle="or, The Modern Prometheus", first_published_year=1818
    )
    [row] = api_client.get(LIST_URL).json()["results"]
    assert row == {
        "id": book.pk,
        "title": "Frankenstein",
        "subtitle": "or, The Modern Prometheus",
        "first_published_year": 1818,
        "authors": [],
        "cover_url": f"http://testserver/api/v1/books/{book.pk}/cover.svg",
        "average_rating": None,
        "ratings_count": 0,
        "readers_count": 0,
    }


# Search and ordering


def test_search_filters_by_title_or_subtitle(api_client):
    Book.objects.create(title="The Hobbit", subtitle="or There and Back Again")
    Book.objects.create(title="La sombra del viento")
    Book.objects.create(title="Dune")

    assert result_titles(api_client.get(LIST_URL, {"search": "SOMBRA"})) == ["La sombra del viento"]
    assert result_titles(api_client.get(LIST_URL, {"search": "back again"})) == ["The Hobbit"]
    assert api_client.get(LIST_URL, {"search": "nothing like it"}).json()["count"] == 0
    assert api_client.get(LIST_URL, {"search": ""}).json()["count"] == 3


def test_search_too_long_is_a_400_on_its_field(api_client):
    response = api_client.get(LIST_URL, {"search": "x" * 201})
    assert response.status_code == 400
    assert list(response.json()) == ["search"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        (None, ["Cien años de soledad", "Don Quijote de la Mancha", "Undated", "Zama"]),
        ("title", ["Cien años de soledad", "Don Quijote de la Mancha", "Undated", "Zama"]),
        ("-title", ["Zama", "Undated", "Don Quijote de la Mancha", "Cien años de soledad"]),
        ("first_published_year", ["Don Quijote de la Mancha", "Zama", "Cien años de soledad", "Undated"]),
        ("-first_published_year", ["Cien años de soledad", "Zama", "Don Quijote de la Mancha", "Undated"]),
        ("created_at", ["Zama", "Don Quijote de la Mancha", "Undated", "Cien años de soledad"]),
        ("-created_at", ["Cien años de soledad", "Undated", "Don Quijote de la Mancha", "Zama"]),
    ],
)
def test_ordering(api_client, ordering, expected):
    for title, year in [("Zama", 1956), ("Don Quijote de la Mancha", 1605), ("Undated", None)]:
        Book.objects.create(title=title, first_published_year=year)
    Book.objects.create(title="Cien años de soledad", first_published_year=1967)

    params = {} if ordering is None else {"ordering": ordering}
    response = api_client.get(LIST_URL, params)
    assert response.status_code == 200
    assert result_titles(response) == expected


@pytest.mark.parametrize("ordering", ["year", "description", "title,-title", "-", "?"])
def test_unknown_ordering_is_a_400_naming_the_valid_ones(api_client, ordering):
    response = api_client.get(LIST_URL, {"ordering": ordering})
    assert response.status_code == 400
    [message] = response.json()["ordering"]
    assert f'"{ordering}" is not a valid ordering.' in message
    assert "title, -title, first_published_year, -first_published_year, created_at, -created_at" in message


def test_unknown_ordering_message_is_translated(api_client):
    response = api_client.get(LIST_URL, {"ordering": "year"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    [message] = response.json()["ordering"]
    assert message.startswith('"year" no es un orden válido.')
    assert "Usa uno de:" in message


# Detail


def test_detail_shape(api_client):
    book = Book.objects.create(
        title="Cien años de soledad", first_published_year=1967, description="Macondo, de principio a fin."
    )
    response = api_client.get(detail_url(book.pk))
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {
        "id",
        "title",
        "subtitle",
        "description",
        "first_published_year",
        "authors",
        "editions",
        "series",
        "subjects",
        "average_rating",
        "ratings_count",
        "readers_count",
        "reviews_count",
        "rating_histogram",
        "created_at",
        "updated_at",
    }
    assert body["id"] == book.pk
    assert body["title"] == "Cien años de soledad"
    assert body["subtitle"] == ""
    assert body["description"] == "Macondo, de principio a fin."
    assert body["first_published_year"] == 1967


def test_missing_book_is_a_json_404(api_client):
    response = api_client.get(detail_url(999_999))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Book not found.", "code": "not_found"}


def test_missing_book_message_is_translated(api_client):
    response = api_client.get(detail_url(999_999), HTTP_ACCEPT_LANGUAGE="es")
    assert response.json() == {"detail": "Libro no encontrado.", "code": "not_found"}


# Who may read and write


@pytest.mark.parametrize("client_fixture", ["api_client", "reader_client"])
def test_anonymous_and_signed_in_readers_can_read(request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    book = Book.objects.create(title="Dune")
    assert client.get(LIST_URL).status_code == 200
    assert client.get(detail_url(book.pk)).status_code == 200


@pytest.mark.parametrize("client_fixture", ["api_client", "reader_client"])
@pytest.mark.parametrize(
    ("method", "on_detail"), [("put", True), ("delete", True), ("post", True), ("delete", False)]
)
def test_books_cannot_be_replaced_or_deleted_through_the_api(request, client_fixture, method, on_detail):
    client = request.getfixturevalue(client_fixture)
    book = Book.objects.create(title="Dune")
    url = detail_url(book.pk) if on_detail else LIST_URL

    response = getattr(client, method)(url, {"title": "Changed"}, format="json")

    assert response.status_code in (401, 403, 405)
    assert list(Book.objects.values_list("title", flat=True)) == ["Dune"]


# Query counts


@pytest.mark.parametrize("page_size", [5, 50])
def test_list_query_count_does_not_grow_with_the_page(
    api_client, make_books, django_assert_max_num_queries, page_size
):
    make_books(60)
    # COUNT, the page and its authors, whatever the page size (search on PostgreSQL adds its word check).
    with django_assert_max_num_queries(4):
        response = api_client.get(LIST_URL, {"page_size": page_size, "search": "Book"})
    assert len(response.json()["results"]) == page_size


def test_detail_query_count_is_fixed(api_client, django_assert_num_queries):
    book = Book.objects.create(title="Dune")
    # The book, then its authors, series, subjects and editions: one query each.
    with django_assert_num_queries(5):
        assert api_client.get(detail_url(book.pk)).status_code == 200

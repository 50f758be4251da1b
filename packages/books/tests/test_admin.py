import pytest

from mybookconnect.books.models import Book

from .conftest import create_account

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/mybookconnect_books/book/"


@pytest.fixture
def admin_client(client):
    client.force_login(create_account("admin", superuser=True))
    return client


@pytest.fixture
def books():
    Book.objects.create(title="Don Quijote de la Mancha", first_published_year=1605)
    Book.objects.create(title="Frankenstein", subtitle="or, The Modern Prometheus", first_published_year=1818)
    Book.objects.create(title="Pedro Páramo", first_published_year=1955)
    Book.objects.create(title="La sombra del viento", first_published_year=2001)
    Book.objects.create(title="Undated")


def shown_titles(response):
    return [book.title for book in response.context["cl"].result_list]


def test_changelist_searches_title_and_subtitle(admin_client, books):
    response = admin_client.get(CHANGELIST, {"q": "prometheus"})
    assert response.status_code == 200
    assert shown_titles(response) == ["Frankenstein"]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("before-1800", ["Don Quijote de la Mancha"]),
        ("1800s", ["Frankenstein"]),
        ("1900-1949", []),
        ("1950-1999", ["Pedro Páramo"]),
        ("2000s", ["La sombra del viento"]),
        ("unknown", ["Undated"]),
    ],
)
def test_changelist_filters_by_publication_period(admin_client, books, period, expected):
    response = admin_client.get(CHANGELIST, {"published": period})
    assert response.status_code == 200
    assert shown_titles(response) == expected


def test_changelist_sorts_by_year(admin_client, books):
    # "o" indexes the changelist's columns from 0, the action checkbox first, then the cover: 4 is the year.
    # Where the undated book lands depends on the database (SQLite sorts NULL first, PostgreSQL last).
    response = admin_client.get(CHANGELIST, {"o": "4"})
    assert [title for title in shown_titles(response) if title != "Undated"] == [
        "Don Quijote de la Mancha",
        "Frankenstein",
        "Pedro Páramo",
        "La sombra del viento",
    ]


def test_add_form_rejects_an_impossible_year(admin_client):
    response = admin_client.post(f"{CHANGELIST}add/", {"title": "Typo", "first_published_year": "19677"})
    assert response.status_code == 200
    assert "first_published_year" in response.context["adminform"].form.errors
    assert not Book.objects.exists()


def test_change_form_opens(admin_client, books):
    book = Book.objects.get(title="Frankenstein")
    assert admin_client.get(f"{CHANGELIST}{book.pk}/change/").status_code == 200


@pytest.mark.parametrize(
    "page",
    [
        "/admin/mybookconnect_books/edition/",
        "/admin/mybookconnect_books/author/",
        "/admin/mybookconnect_books/series/",
        "/admin/mybookconnect_books/subject/",
        "/admin/mybookconnect_books/revision/",
        "/admin/mybookconnect_books/mergeredirect/",
        "/admin/mybookconnect_books/book/?q=ken",
    ],
)
def test_catalog_admin_pages_open(admin_client, catalog, page):
    assert admin_client.get(page).status_code == 200


def test_merge_admin_action_merges_into_the_oldest(admin_client, catalog):
    from mybookconnect.books.models import MergeRedirect

    keep, drop = catalog["pillars"], catalog["world"]
    response = admin_client.post(
        CHANGELIST, {"action": "merge_books", "_selected_action": [keep.pk, drop.pk]}, follow=True
    )
    assert response.status_code == 200
    assert not Book.objects.filter(pk=drop.pk).exists()
    assert MergeRedirect.objects.get(old_id=drop.pk).new_id == keep.pk


def test_change_form_shows_the_cover_preview(admin_client, catalog):
    book = catalog["earth"]
    Book.objects.filter(pk=book.pk).update(cover_url="https://covers.example.org/1.jpg")
    response = admin_client.get(f"{CHANGELIST}{book.pk}/change/")
    assert b'src="https://covers.example.org/1.jpg"' in response.content

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from mybookconnect.books.demo import DEMO_BOOKS, DemoBook, DemoCredit, load_demo_books
from mybookconnect.books.models import Author, AuthorRole, Book, BookAuthor, BookSeries, Series, Subject

pytestmark = pytest.mark.django_db


def load_demo():
    out = StringIO()
    with translation.override("en"):
        call_command("load_demo", stdout=out)
    return out.getvalue()


def catalog_state():
    """Every row load_demo writes, with its timestamps, to prove that a run left them alone."""
    return (
        list(Book.objects.order_by("id").values_list("id", "title", "subtitle", "updated_at")),
        list(Author.objects.order_by("id").values_list("id", "name", "updated_at")),
        list(Series.objects.order_by("id").values_list("id", "name", "updated_at")),
        list(Subject.objects.order_by("id").values_list("id", "name", "updated_at")),
        list(BookAuthor.objects.order_by("id").values_list("id", "book_id", "author_id", "role", "position")),
        list(BookSeries.objects.order_by("id").values_list("id", "book_id", "series_id", "position")),
        list(Book.subjects.through.objects.order_by("id").values_list("id", "book_id", "subject_id")),
    )


def test_load_demo_creates_the_demo_books():
    output = load_demo()
    assert Book.objects.count() == len(DEMO_BOOKS) >= 300
    assert f"Demo books: {len(DEMO_BOOKS)} created, 0 updated, 0 unchanged." in output
    quijote = Book.objects.get(title="Don Quijote de la Mancha")
    assert quijote.first_published_year == 1605
    assert quijote.original_language == "es"


def test_a_second_run_writes_nothing():
    load_demo()
    before = catalog_state()

    with CaptureQueriesContext(connection) as queries:
        output = load_demo()

    assert f"Demo books: 0 created, 0 updated, {len(DEMO_BOOKS)} unchanged." in output
    assert catalog_state() == before
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    # Reads only, in bulk: not one query per book.
    assert len(queries) < 20


def test_load_demo_repairs_what_differs_and_leaves_the_rest_alone():
    load_demo()
    Book.objects.filter(title="Cien años de soledad").update(first_published_year=1966)
    BookSeries.objects.filter(book__title="A Clash of Kings").update(position=Decimal("7"))
    BookAuthor.objects.filter(book__title="The Name of the Rose", role=AuthorRole.TRANSLATOR).delete()
    untouched = Book.objects.get(title="Pedro Páramo").updated_at
    Book.objects.create(title="A reader's own book")

    output = load_demo()

    assert f"Demo books: 0 created, 3 updated, {len(DEMO_BOOKS) - 3} unchanged." in output
    assert Book.objects.count() == len(DEMO_BOOKS) + 1
    assert Book.objects.get(title="Cien años de soledad").first_published_year == 1967
    assert BookSeries.objects.get(book__title="A Clash of Kings").position == 2
    assert Book.objects.get(title="The Name of the Rose").authors.count() == 2
    assert Book.objects.get(title="Pedro Páramo").updated_at == untouched


def test_a_readers_additions_are_kept():
    load_demo()
    book = Book.objects.get(title="Pedro Páramo")
    illustrator = Author.objects.create(name="Someone Drawing")
    BookAuthor.objects.create(book=book, author=illustrator, role=AuthorRole.ILLUSTRATOR, position=1)

    assert "0 updated" in load_demo()
    assert book.authors.count() == 2


def test_existing_authors_series_and_subjects_are_reused_ignoring_case():
    # ASCII: SQLite ignores the case of ASCII letters only.
    Author.objects.create(name="KEN FOLLETT")
    Series.objects.create(name="harry potter")
    Subject.objects.create(name="fantasy", slug="fantasy")

    load_demo()

    assert Author.objects.filter(name__iexact="ken follett").count() == 1
    assert Book.objects.filter(authors__name="KEN FOLLETT").count() == 4
    assert Series.objects.filter(name__iexact="harry potter").count() == 1
    assert Subject.objects.filter(name__iexact="fantasy").count() == 1
    assert Book.objects.filter(series__name="harry potter").count() == 7


def test_demo_titles_are_unique_and_facts_valid():
    titles = [book.title for book in DEMO_BOOKS]
    assert len(titles) == len(set(titles))
    for book in DEMO_BOOKS:
        Book(
            title=book.title,
            subtitle=book.subtitle,
            first_published_year=book.first_published_year,
            original_language=book.original_language,
        ).full_clean()
        assert book.original_language, book.title
        assert all(credit.role in AuthorRole.values for credit in book.authors), book.title
        assert all(position is None or position > 0 for _name, position in book.series), book.title


def test_the_catalog_is_in_english_and_spanish_with_series_in_order():
    spanish = [book for book in DEMO_BOOKS if book.original_language == "es"]
    english = [book for book in DEMO_BOOKS if book.original_language == "en"]
    assert len(spanish) >= 100
    assert len(english) >= 150
    series: dict[str, list[Decimal]] = {}
    for book in DEMO_BOOKS:
        for name, position in book.series:
            if position is not None:
                series.setdefault(name, []).append(position)
    for name, expected in {
        "Harry Potter": 7,
        "The Lord of the Rings": 3,
        "A Song of Ice and Fire": 5,
        "Memorias de Idhún": 3,
        "Dune": 6,
        "The Chronicles of Narnia": 7,
    }.items():
        assert sorted(series[name]) == list(range(1, expected + 1)), name
    assert len(series["Discworld"]) >= 5


def test_roles_are_read_from_the_author_cell():
    silmarillion = next(book for book in DEMO_BOOKS if book.title == "The Silmarillion")
    assert silmarillion.authors == (
        DemoCredit("J. R. R. Tolkien"),
        DemoCredit("Christopher Tolkien", AuthorRole.EDITOR),
    )


def test_demo_links_authors_with_roles_series_and_subjects():
    load_demo()
    load_demo()
    book = Book.objects.get(title="A Clash of Kings")
    assert [a.name for a in book.authors.all()] == ["George R. R. Martin"]
    assert [(link.series.name, str(link.position)) for link in book.book_series.all()] == [
        ("A Song of Ice and Fire", "2.00")
    ]
    assert list(book.subjects.values_list("name", flat=True)) == ["Fantasy"]
    assert Book.objects.get(title="Good Omens").authors.count() == 2
    trial = Book.objects.get(title="The Trial")
    assert [
        (link.author.name, link.role, link.position)
        for link in trial.book_authors.select_related("author").order_by("position")
    ] == [
        ("Franz Kafka", "author", 0),
        ("Willa Muir", "translator", 1),
        ("Edwin Muir", "translator", 2),
    ]
    lazarillo = Book.objects.get(title="Lazarillo de Tormes")
    assert lazarillo.authors.count() == 0


def test_demo_books_have_no_cover_so_the_api_shows_the_placeholder(client):
    load_demo()
    book = Book.objects.get(title="Rayuela")
    assert not book.cover and not book.cover_url

    response = client.get(f"/api/v1/books/{book.pk}/")

    assert response.status_code == 200
    assert response.json()["cover_url"].endswith(f"/books/{book.pk}/cover.svg")
    card = client.get(f"/api/v1/books/{book.pk}/cover.svg")
    assert card.status_code == 200
    assert b"Rayuela" in card.content and "Julio Cortázar".encode() in card.content


def test_load_demo_books_returns_the_counts():
    result = load_demo_books(DEMO_BOOKS[:3])
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert load_demo_books(DEMO_BOOKS[:4]) == type(result)(created=1, updated=0, unchanged=3)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL-only")
def test_the_bulk_loaded_books_are_searchable_by_title_author_and_series():
    load_demo()

    def titles(query):
        return list(Book.objects.search(query).in_order("relevance").values_list("title", flat=True)[:10])

    assert set(titles("idhun")[:3]) == {
        "Memorias de Idhún: La Resistencia",
        "Memorias de Idhún: Tríada",
        "Memorias de Idhún: Panteón",
    }
    assert "The Pillars of the Earth" in titles("Pilars of the Earth")
    assert "Rayuela" in titles("cortazar")
    assert "A Storm of Swords" in titles("song of ice and fire")


def test_a_repair_reaches_the_cached_pages_and_searches(api_client):
    book = DemoBook(title="Un libro de prueba", first_published_year=2000, subjects=("Novela",))
    load_demo_books((book,))
    pk = Book.objects.get(title=book.title).pk

    def subjects():
        return [subject["name"] for subject in api_client.get(f"/api/v1/books/{pk}/").json()["subjects"]]

    assert subjects() == ["Novela"]
    assert api_client.get("/api/v1/books/", {"q": "libro"}).json()["count"] == 1

    load_demo_books((DemoBook(title=book.title, first_published_year=2000, subjects=("Novela", "Humor")),))
    load_demo_books((book, DemoBook(title="Otro libro", first_published_year=2001)))

    assert subjects() == ["Humor", "Novela"]
    assert api_client.get("/api/v1/books/", {"q": "libro"}).json()["count"] == 2

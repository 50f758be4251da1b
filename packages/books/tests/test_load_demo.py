from io import StringIO

import pytest
from django.core.management import call_command

from mybookconnect.books.demo import DEMO_BOOKS
from mybookconnect.books.models import Book

pytestmark = pytest.mark.django_db


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_creates_the_demo_books():
    output = load_demo()
    assert Book.objects.count() == len(DEMO_BOOKS) >= 150
    assert f"Demo books: {len(DEMO_BOOKS)} created, 0 updated." in output
    quijote = Book.objects.get(title="Don Quijote de la Mancha")
    assert quijote.first_published_year == 1605


def test_load_demo_is_idempotent():
    load_demo()
    Book.objects.filter(title="Cien años de soledad").update(first_published_year=1966)
    Book.objects.create(title="A reader's own book")

    output = load_demo()

    assert Book.objects.count() == len(DEMO_BOOKS) + 1
    assert f"Demo books: 0 created, {len(DEMO_BOOKS)} updated." in output
    assert Book.objects.get(title="Cien años de soledad").first_published_year == 1967


def test_demo_titles_are_unique_and_years_plausible():
    titles = [book.title for book in DEMO_BOOKS]
    assert len(titles) == len(set(titles))
    for book in DEMO_BOOKS:
        Book(
            title=book.title, subtitle=book.subtitle, first_published_year=book.first_published_year
        ).full_clean()


def test_demo_links_authors_series_and_subjects():
    load_demo()
    load_demo()
    book = Book.objects.get(title="A Clash of Kings")
    assert [a.name for a in book.authors.all()] == ["George R. R. Martin"]
    assert [(link.series.name, str(link.position)) for link in book.book_series.all()] == [
        ("A Song of Ice and Fire", "2.00")
    ]
    assert list(book.subjects.values_list("name", flat=True)) == ["Fantasy"]
    assert Book.objects.get(title="Good Omens").authors.count() == 2
    assert len(DEMO_BOOKS) >= 150
    assert sum(1 for b in DEMO_BOOKS if b.original_language == "es") >= 30

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mybookconnect.books.models import BOOK_ORDERINGS, Book

pytestmark = pytest.mark.django_db


def titles(queryset):
    return [book.title for book in queryset]


def test_str_includes_the_subtitle_when_there_is_one():
    assert str(Book(title="Frankenstein", subtitle="or, The Modern Prometheus")) == (
        "Frankenstein: or, The Modern Prometheus"
    )
    assert str(Book(title="Dune")) == "Dune"


def test_default_ordering_is_by_title():
    Book.objects.create(title="Rayuela")
    Book.objects.create(title="Dune")
    Book.objects.create(title="Marina")
    assert titles(Book.objects.all()) == ["Dune", "Marina", "Rayuela"]


def test_search_matches_title_or_subtitle_ignoring_case():
    Book.objects.create(title="The Hobbit", subtitle="or There and Back Again")
    Book.objects.create(title="Dune")
    Book.objects.create(title="Back to Methuselah")

    assert titles(Book.objects.search("hobbit")) == ["The Hobbit"]
    assert titles(Book.objects.search("BACK")) == ["Back to Methuselah", "The Hobbit"]
    assert titles(Book.objects.search("  dune ")) == ["Dune"]
    assert titles(Book.objects.search("missing")) == []


@pytest.mark.parametrize("query", ["", "   ", None])
def test_blank_search_returns_every_book(query):
    Book.objects.create(title="Dune")
    Book.objects.create(title="Marina")
    assert Book.objects.search(query).count() == 2


def test_in_order_puts_books_without_a_year_last_in_both_directions():
    Book.objects.create(title="Undated")
    Book.objects.create(title="Old", first_published_year=1605)
    Book.objects.create(title="New", first_published_year=2001)

    assert titles(Book.objects.in_order("first_published_year")) == ["Old", "New", "Undated"]
    assert titles(Book.objects.in_order("-first_published_year")) == ["New", "Old", "Undated"]


@pytest.mark.parametrize("ordering", list(BOOK_ORDERINGS))
def test_in_order_accepts_every_documented_ordering(ordering):
    Book.objects.create(title="Dune", first_published_year=1965)
    assert Book.objects.in_order(ordering).count() == 1


def test_in_order_rejects_unknown_keys():
    with pytest.raises(ValueError, match="Unknown book ordering"):
        Book.objects.in_order("description")


@pytest.mark.parametrize("year", [0, 2101, 32000])
def test_database_rejects_an_impossible_first_published_year(year):
    with pytest.raises(IntegrityError), transaction.atomic():
        Book.objects.create(title="Typo", first_published_year=year)


@pytest.mark.parametrize("year", [None, 1, 1605, 2100])
def test_database_accepts_a_plausible_or_missing_year(year):
    Book.objects.create(title="Fine", first_published_year=year)
    assert Book.objects.filter(first_published_year=year).exists()


def test_full_clean_reports_the_year_on_its_field():
    with pytest.raises(ValidationError) as excinfo:
        Book(title="Typo", first_published_year=19677).full_clean()
    assert set(excinfo.value.message_dict) == {"first_published_year"}

"""generate_catalog: realistic synthetic catalogs, bulk inserts everywhere and COPY on PostgreSQL."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from mybookconnect.books.catalog_generator import CatalogGenerator, isbn_pair, zipf_cumulative
from mybookconnect.books.isbn import is_valid_isbn10, is_valid_isbn13, isbn10_to_13
from mybookconnect.books.models import Author, Book, BookAuthor, BookSeries, Edition, Series, Subject

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL-only")


def generate(*args: str) -> str:
    out = io.StringIO()
    call_command("generate_catalog", *args, "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def check_catalog(books: int) -> None:
    assert Book.objects.count() == books
    assert Author.objects.count() == books // 4
    assert Series.objects.count() == max(1, books // 40)
    # Every book has an author and at least one edition with a valid ISBN pair, all ISBNs unique.
    assert not Book.objects.filter(book_authors__isnull=True).exists()
    assert not Book.objects.filter(editions__isnull=True).exists()
    isbns = list(Edition.objects.values_list("isbn_13", "isbn_10"))
    assert len({i13 for i13, _ in isbns}) == len(isbns) >= books
    assert all(
        is_valid_isbn13(i13) and is_valid_isbn10(i10) and isbn10_to_13(i10) == i13 for i13, i10 in isbns
    )
    assert not Book.objects.filter(subjects__isnull=True).exists()
    assert BookSeries.objects.exists()
    # Positions in a series run 1, 2, 3... without gaps.
    for series in Series.objects.filter(book_series__isnull=False).distinct()[:20]:
        positions = sorted(int(p) for p in series.book_series.values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1))


def test_small_catalog(settings) -> None:
    out = generate("--books", "400", "--seed", "7", "--batch-size", "150")

    check_catalog(400)
    assert "400 books, 100 authors" in out
    expected = "COPY" if connection.vendor == "postgresql" else "bulk_create"
    assert expected in out


def test_titles_and_authors_look_like_a_real_catalog() -> None:
    CatalogGenerator(2000, seed=1, show_progress=False, batch_size=500).run()

    titles = list(Book.objects.values_list("title", flat=True))
    words = Counter(word.lower() for title in titles for word in title.split())
    lengths = Counter(len(title.split()) for title in titles)
    assert min(lengths) >= 1 and max(lengths) <= 8
    # A few words are everywhere, most are rare.
    most_common_share = words.most_common(1)[0][1] / len(titles)
    assert most_common_share > 0.2
    rare = sum(1 for count in words.values() if count <= 2)
    assert rare > len(words) / 2
    assert all(title[0].isupper() for title in titles)
    # Authors are shared: the most prolific has many books, many authors have one.
    per_author = Counter(BookAuthor.objects.filter(role="author").values_list("author_id", flat=True))
    assert per_author.most_common(1)[0][1] >= 20
    assert Counter(per_author.values())[1] > 50
    assert BookAuthor.objects.filter(role="translator").exists()
    assert Subject.objects.filter(name="Fiction").exists()


def test_same_seed_same_titles() -> None:
    CatalogGenerator(50, seed=3, show_progress=False).run()
    first = list(Book.objects.order_by("id").values_list("title", flat=True))
    Book.objects.all().delete()
    CatalogGenerator(50, seed=3, show_progress=False).run()
    assert list(Book.objects.order_by("id").values_list("title", flat=True)) == first


def test_second_run_adds_books_with_new_isbns() -> None:
    generate("--books", "100", "--seed", "1")
    generate("--books", "100", "--seed", "1")

    assert Book.objects.count() == 200
    assert Edition.objects.values("isbn_13").distinct().count() == Edition.objects.count()
    # The subjects are shared, not duplicated.
    assert Subject.objects.filter(name__iexact="fiction").count() == 1


def test_existing_catalog_isbns_are_not_reused() -> None:
    book = Book.objects.create(title="Real")
    isbn_13, isbn_10 = isbn_pair(5)
    Edition.objects.create(book=book, isbn_13=isbn_13, isbn_10=isbn_10)

    generate("--books", "20")

    assert Edition.objects.filter(isbn_13=isbn_13).count() == 1
    assert Edition.objects.count() > 20


def test_search_finds_generated_books() -> None:
    CatalogGenerator(300, seed=5, show_progress=False).run()
    book = Book.objects.order_by("id").first()
    author = book.authors.first()
    found = Book.objects.search(f"{book.title} {author.name.split()[-1]}")
    assert book in found


@postgresql_only
def test_copy_path_fills_search_vectors_and_words() -> None:
    stats = CatalogGenerator(500, seed=2, show_progress=False).run()

    assert stats.method == "COPY"
    assert "search vectors" in stats.seconds
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM mybookconnect_books_book WHERE search_vector = ''::tsvector")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(*) FROM mybookconnect_books_search_word")
        assert cursor.fetchone()[0] > 100
        # The author's name is in the book's vector (weight B), so the vectors were computed after the links.
        cursor.execute(
            """
            SELECT count(*) FROM mybookconnect_books_book b
            JOIN mybookconnect_books_bookauthor ba ON ba.book_id = b.id
            JOIN mybookconnect_books_author a ON a.id = ba.author_id
            WHERE NOT b.search_vector @@ plainto_tsquery('simple', mbc_books_unaccent(lower(a.name)))
            """
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"


@postgresql_only
def test_copy_escapes_text() -> None:
    from mybookconnect.books.catalog_generator import copy_rows

    copy_rows(Series, [{"name": "Tab\there\\ and\nnewline", "description": "ñ"}])
    assert Series.objects.get().name == "Tab\there\\ and\nnewline"


def test_command_rejects_bad_numbers() -> None:
    with pytest.raises(CommandError, match="--books"):
        generate("--books", "0")
    with pytest.raises(CommandError, match="--batch-size"):
        generate("--books", "5", "--batch-size", "0")


def test_helpers() -> None:
    assert isbn_pair(1) == ("9780000000019", "0000000019")
    weights = zipf_cumulative(3, 1.0)
    assert weights == pytest.approx([1, 1.5, 1.5 + 1 / 3])

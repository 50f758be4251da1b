import pytest

from mybookconnect.books import services
from mybookconnect.books.merge import MergeError, merge_authors, merge_books, merge_editions
from mybookconnect.books.models import Author, Book, BookAuthor, Edition, MergeRedirect, Revision

pytestmark = pytest.mark.django_db


def test_merge_books_moves_every_reference(catalog, staff):
    source, target = catalog["world"], catalog["pillars"]
    services.update_book(
        source, {"subjects": ["Historical"], "authors": [{"name": "Ken Follett"}, {"name": "Ed Itor"}]}
    )
    edition = services.create_edition(source, {"isbn": "0747532699"})
    Book.objects.filter(pk=source.pk).update(readers_count=3, ratings_count=2, ratings_sum=9)

    merge_books(source, target, staff)

    assert not Book.objects.filter(pk=source.pk).exists()
    target.refresh_from_db()
    assert Edition.objects.get(pk=edition.pk).book == target
    assert [a.name for a in target.authors.order_by("book_authors__position")] == ["Ken Follett", "Ed Itor"]
    assert BookAuthor.objects.filter(book=target).count() == 2
    assert list(target.subjects.values_list("name", flat=True)) == ["Historical"]
    assert target.book_series.count() == 1  # the same series is not added twice
    assert Revision.objects.filter(book=target, action="create").count() == 3  # both books and the edition
    # Aggregates are recomputed from the rows (there are none here), not added up.
    assert (target.readers_count, target.ratings_count, target.ratings_sum) == (0, 0, 0)
    assert MergeRedirect.objects.get(kind="book", old_id=source.pk).new_id == target.pk


def test_old_book_id_redirects_and_chains_collapse(api_client, catalog):
    a, b, c = catalog["world"], catalog["pillars"], catalog["earth"]
    merge_books(a, b)
    merge_books(b, c)
    response = api_client.get(f"/api/v1/books/{a.pk}/?x=1")
    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/books/{c.pk}/?x=1"
    assert MergeRedirect.objects.get(old_id=a.pk).new_id == c.pk


def test_merge_editions_fills_isbns_and_redirects(api_client, catalog):
    source = services.create_edition(catalog["earth"], {"isbn": "0747532699", "publisher": "Gollancz"})
    target = services.create_edition(catalog["hobbit"], {})
    merge_editions(source, target)
    target.refresh_from_db()
    assert (target.isbn_13, target.isbn_10, target.publisher) == ("9780747532699", "0747532699", "Gollancz")
    assert api_client.get(f"/api/v1/editions/{source.pk}/").status_code == 301


def test_merge_authors_moves_books_and_keeps_names(api_client, catalog):
    duplicate = services.get_or_create_author("K. Follett")
    services.update_book(catalog["earth"], {"authors": [{"name": "K. Follett"}]})
    services.update_book(catalog["pillars"], {"authors": [{"name": "Ken Follett"}, {"name": "K. Follett"}]})
    target = Author.objects.get(name="Ken Follett")

    merge_authors(duplicate, target)

    target.refresh_from_db()
    assert "K. Follett" in target.other_names
    assert set(target.books.values_list("title", flat=True)) == {
        "The Pillars of the Earth",
        "World Without End",
        "Earth Abides",
    }
    assert BookAuthor.objects.filter(book=catalog["pillars"]).count() == 1
    assert api_client.get(f"/api/v1/authors/{duplicate.pk}/").status_code == 301


def test_merging_into_itself_is_refused(catalog):
    with pytest.raises(MergeError):
        merge_books(catalog["earth"], catalog["earth"])


def test_merge_api_answers_the_survivor(staff_client, catalog):
    response = staff_client.post(
        f"/api/v1/books/{catalog['world'].pk}/merge/", {"into": catalog["pillars"].pk}, format="json"
    )
    assert response.json() == {"id": catalog["pillars"].pk}

"""Placeholder covers: the SVG card and GET books/{id}/cover.svg."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from mybookconnect.books.covers import cover_colours, placeholder_cover_svg, placeholder_cover_url
from mybookconnect.books.models import Author, Book, BookAuthor, BookSeries, Series

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    return [element.text or "" for element in ElementTree.fromstring(svg).iter(f"{SVG}text")]


def test_card_shows_title_and_author_and_is_valid_xml() -> None:
    svg = placeholder_cover_svg("The Pillars of the Earth", "Ken Follett")
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("aria-label") == "The Pillars of the Earth — Ken Follett"
    assert texts(svg) == ["The Pillars of the", "Earth", "Ken Follett"]


def test_text_is_escaped() -> None:
    svg = placeholder_cover_svg('<script>alert("x")</script> & Co', "O'Brien <b>")
    assert "<script>" not in svg and "<b>" not in svg
    assert "".join(texts(svg)) == '<script>alert("x")</script> & CoO\'Brien <b>'


def test_long_titles_are_wrapped_and_cut() -> None:
    svg = placeholder_cover_svg("word " * 60, "")
    lines = texts(svg)
    assert len(lines) == 7
    assert lines[-1].endswith("…")
    assert all(len(line) <= 18 for line in lines)
    unbroken = texts(placeholder_cover_svg("A" * 40))
    assert unbroken == ["A" * 18, "A" * 18, "A" * 4]


def test_colour_comes_from_the_title() -> None:
    background, _ = cover_colours("Dune")
    assert re.fullmatch(r"#[0-9a-f]{6}", background)
    assert cover_colours("Dune") == cover_colours(" dune ")
    colours = {cover_colours(f"Book {n}")[0] for n in range(20)}
    assert len(colours) > 10
    assert f'fill="{background}"' in placeholder_cover_svg("Dune", "Frank Herbert")


@pytest.mark.django_db
def test_cover_view_serves_the_card_with_cache_headers(api_client) -> None:
    book = Book.objects.create(title="Idhún & <friends>")
    translator = Author.objects.create(name="A Translator")
    writer = Author.objects.create(name="Laura Gallego")
    BookAuthor.objects.create(book=book, author=translator, role="translator", position=0)
    BookAuthor.objects.create(book=book, author=writer, role="author", position=1)
    url = placeholder_cover_url(book)
    assert url == f"/api/v1/books/{book.pk}/cover.svg"

    response = api_client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age=86400" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    svg = response.content.decode()
    assert texts(svg) == ["Idhún & <friends>", "Laura Gallego"]
    etag = response["ETag"]

    not_modified = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""

    writer.name = "Laura Gallego García"
    writer.save()
    assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.django_db
def test_cover_view_redirects_to_a_real_cover(api_client) -> None:
    book = Book.objects.create(title="Dune", cover_url="https://covers.example.org/dune.jpg")
    response = api_client.get(placeholder_cover_url(book))
    assert response.status_code == 302
    assert response["Location"] == "https://covers.example.org/dune.jpg"


@pytest.mark.django_db
def test_cover_view_unknown_book_is_json_404(api_client) -> None:
    response = api_client.get("/api/v1/books/999999/cover.svg")
    assert response.status_code == 404
    assert response.json() == {"detail": "Book not found.", "code": "not_found"}


@pytest.mark.django_db
def test_absolute_url_with_a_request(rf) -> None:
    book = Book.objects.create(title="Dune")
    request = rf.get("/")
    assert placeholder_cover_url(book, request) == f"http://testserver/api/v1/books/{book.pk}/cover.svg"


# The serializers' fallback: every book the API shows has a cover URL.


@pytest.fixture
def three_covers(db) -> dict[str, Book]:
    """A book with an uploaded cover, one with an outside cover URL, and one with neither."""
    author = Author.objects.create(name="Ursula K. Le Guin")
    books = {
        "uploaded": Book.objects.create(
            title="A Wizard of Earthsea", cover="mybookconnect/covers/earthsea.jpg"
        ),
        "outside": Book.objects.create(
            title="The Tombs of Atuan", cover_url="https://covers.example.org/atuan.jpg"
        ),
        "none": Book.objects.create(title="The Farthest Shore"),
    }
    for position, book in enumerate(books.values()):
        BookAuthor.objects.create(book=book, author=author, position=position)
    return books


def expected_covers(books: dict[str, Book]) -> dict[int, str]:
    return {
        books[
            "uploaded"
        ].pk: "http://testserver/mybookconnect/covers/earthsea.jpg",  # MEDIA_URL is unset here
        books["outside"].pk: "https://covers.example.org/atuan.jpg",
        books["none"].pk: f"http://testserver/api/v1/books/{books['none'].pk}/cover.svg",
    }


def test_book_list_falls_back_to_the_placeholder_without_extra_queries(
    api_client, three_covers, django_assert_num_queries
) -> None:
    with django_assert_num_queries(3):  # count, page, authors: as without the fallback
        rows = api_client.get("/api/v1/books/").json()["results"]
    assert {row["id"]: row["cover_url"] for row in rows} == expected_covers(three_covers)


def test_book_detail_falls_back_to_the_placeholder(api_client, three_covers) -> None:
    covers = expected_covers(three_covers)
    for book in three_covers.values():
        assert api_client.get(f"/api/v1/books/{book.pk}/").json()["cover_url"] == covers[book.pk]


def test_authors_books_fall_back_to_the_placeholder(
    api_client, three_covers, django_assert_num_queries
) -> None:
    author = Author.objects.get()
    with django_assert_num_queries(2):  # the author, their books
        books = api_client.get(f"/api/v1/authors/{author.pk}/").json()["books"]
    assert {book["id"]: book["cover_url"] for book in books} == expected_covers(three_covers)


def test_series_books_fall_back_to_the_placeholder(api_client, three_covers) -> None:
    series = Series.objects.create(name="Earthsea")
    for position, book in enumerate(three_covers.values(), start=1):
        BookSeries.objects.create(series=series, book=book, position=position)
    rows = api_client.get(f"/api/v1/series/{series.pk}/").json()["books"]
    assert {row["book"]["id"]: row["book"]["cover_url"] for row in rows} == expected_covers(three_covers)


def test_the_placeholder_url_is_the_card(api_client, three_covers) -> None:
    [row] = api_client.get("/api/v1/books/", {"q": "farthest"}).json()["results"]
    response = api_client.get(row["cover_url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"

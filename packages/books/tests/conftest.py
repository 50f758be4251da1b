from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from rest_framework.test import APIClient

from mybookconnect.books.models import Book


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Ids restart with each test database while cached pages (Redis) outlive it.
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def reader(db) -> User:
    return User.objects.create_user("reader", "reader@example.com", "a-long-enough-password")


@pytest.fixture
def reader_client(reader: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(reader)
    return client


@pytest.fixture
def make_books(db) -> Callable[[int], list[Book]]:
    """Create ``n`` books titled "Book 001", "Book 002", ... with years 1901, 1902, ..."""

    def make(n: int) -> list[Book]:
        return Book.objects.bulk_create(
            Book(title=f"Book {i:03d}", first_published_year=1900 + i) for i in range(1, n + 1)
        )

    return make


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_user("staff", "staff@example.com", "a-long-enough-password", is_staff=True)


@pytest.fixture
def staff_client(staff: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(staff)
    return client


@pytest.fixture
def catalog(db):
    """A few real books with authors and series, created through the services as the API would."""
    from mybookconnect.books import services

    def book(title, authors=(), series=(), **fields):
        return services.create_book(
            {
                "title": title,
                "authors": [{"name": name, "role": "author"} for name in authors],
                "series": [{"name": name, "position": position} for name, position in series],
                **fields,
            }
        )

    return {
        "pillars": book(
            "The Pillars of the Earth", ["Ken Follett"], [("Kingsbridge", 1)], first_published_year=1989
        ),
        "world": book("World Without End", ["Ken Follett"], [("Kingsbridge", 2)], first_published_year=2007),
        "idhun": book("Memorias de Idhún: La Resistencia", ["Laura Gallego"], first_published_year=2004),
        "earth": book("Earth Abides", ["George R. Stewart"], first_published_year=1949),
        "follett_title": book("Follett", ["Somebody Else"]),
        "hobbit": book("The Hobbit", ["J. R. R. Tolkien"], subtitle="or There and Back Again"),
    }

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from mybookconnect.books.models import Book


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

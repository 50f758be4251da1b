from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from rest_framework.test import APIClient

from mybookconnect.books.models import Book

PASSWORD = "a-long-enough-password"


def create_account(name: str, *, superuser: bool = False, **fields: Any) -> AbstractBaseUser:
    """An account of whatever ``AUTH_USER_MODEL`` the run uses (``auth.User`` or tests.custom_user's
    ``Reader``), filled through the model's own username and email fields; ``name`` is lower-case
    letters, digits and underscores so that both models accept it."""
    model = get_user_model()
    values = {
        model.USERNAME_FIELD: name,
        model.get_email_field_name(): f"{name}@example.com",
        "password": PASSWORD,
        **fields,
    }
    manager = model._default_manager
    return manager.create_superuser(**values) if superuser else manager.create_user(**values)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Ids restart with each test database while cached pages (Redis) outlive it.
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def reader(db) -> AbstractBaseUser:
    return create_account("reader")


@pytest.fixture
def reader_client(reader: AbstractBaseUser) -> APIClient:
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
def staff(db) -> AbstractBaseUser:
    return create_account("staff", is_staff=True)


@pytest.fixture
def staff_client(staff: AbstractBaseUser) -> APIClient:
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

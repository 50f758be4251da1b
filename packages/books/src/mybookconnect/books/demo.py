"""A small real catalog for trying MyBookConnect out: facts only (title, subtitle, first published year)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from mybookconnect.books.models import Book


@dataclass(frozen=True)
class DemoBook:
    title: str
    first_published_year: int
    subtitle: str = ""


DEMO_BOOKS: tuple[DemoBook, ...] = (
    DemoBook("Don Quijote de la Mancha", 1605),
    DemoBook("Cien años de soledad", 1967),
    DemoBook("La sombra del viento", 2001),
    DemoBook("Memorias de Idhún: La Resistencia", 2004),
    DemoBook("Pedro Páramo", 1955),
    DemoBook("Rayuela", 1963),
    DemoBook("La casa de los espíritus", 1982),
    DemoBook("Marina", 1999),
    DemoBook("Pride and Prejudice", 1813),
    DemoBook("Frankenstein", 1818, "or, The Modern Prometheus"),
    DemoBook("Jane Eyre", 1847, "An Autobiography"),
    DemoBook("Moby-Dick", 1851, "or, The Whale"),
    DemoBook("Crime and Punishment", 1866),
    DemoBook("The Great Gatsby", 1925),
    DemoBook("The Hobbit", 1937, "or There and Back Again"),
    DemoBook("Le Petit Prince", 1943),
    DemoBook("Nineteen Eighty-Four", 1949),
    DemoBook("To Kill a Mockingbird", 1960),
    DemoBook("Dune", 1965),
    DemoBook("The Pillars of the Earth", 1989),
    DemoBook("Harry Potter and the Philosopher's Stone", 1997),
    DemoBook("The Name of the Wind", 2007),
)


@transaction.atomic
def load_demo_books(books: tuple[DemoBook, ...] = DEMO_BOOKS) -> tuple[int, int]:
    """Create or refresh the demo books, matched by title; return ``(created, updated)``.

    Running it again changes nothing but the facts it owns, so a site can load it on every start.
    """
    created = updated = 0
    for demo in books:
        _book, was_created = Book.objects.update_or_create(
            title=demo.title,
            defaults={"subtitle": demo.subtitle, "first_published_year": demo.first_published_year},
        )
        if was_created:
            created += 1
        else:
            updated += 1
    return created, updated

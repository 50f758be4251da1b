"""A merge while readers rate both books (as ``PATCH library/{id}/`` does): no deadlock, and the
survivor's aggregates are exact.

A rating locks its entry, then the book's row; a merge that locked the books first deadlocked against it
in every round (merge._lock_books_for_merge). Each thread has its own connection and all start together
(library_support.run_together, as the aggregates tests do). PostgreSQL only."""

from __future__ import annotations

import pytest
from django.db import connection

from mybookconnect.books import library, merge
from mybookconnect.books.models import Book, LibraryEntry
from tests.conftest import create_account
from tests.library_support import expected_aggregates, run_together, stored_aggregates

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]

READERS = 12


@pytest.mark.parametrize("round_", range(5))
def test_merge_while_readers_rate(round_):
    source = Book.objects.create(title="Duplicate")
    target = Book.objects.create(title="Survivor")
    readers = [create_account(f"reader{i:02d}") for i in range(READERS)]
    for i, reader in enumerate(readers):
        library.rate_book(reader, source if i % 2 else target, 8)
        if i % 3 == 0:
            library.rate_book(reader, target if i % 2 else source, 12)

    def rate(reader, book):
        # As PATCH library/{id}/ does: the entry by its id, locked; a duplicate the merge removed is gone.
        entry_id = LibraryEntry.objects.get(user=reader, book=book).pk
        return lambda: library.update_own_entry(reader, entry_id, lambda entry: {"rating_quarters": 16})

    work = [rate(r, target if i % 2 == 0 else source) for i, r in enumerate(readers)]
    work.insert(READERS // 2, lambda: merge.merge_books(source, target))
    run_together(work)
    target.refresh_from_db()
    assert stored_aggregates(target) == expected_aggregates(target)
    assert LibraryEntry.objects.filter(book=target).count() == READERS

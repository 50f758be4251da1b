"""Deleting what activities are about costs the same queries however many activities there are: the
rows of grouped activities (``ActivityEntry``) go in one statement, and the cached feed pages of their
actors are forgotten without reading them (mybookconnect.books.receivers)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mybookconnect.books import feed, library
from mybookconnect.books.models import Activity, ActivityEntry, ActivityVerb, LibraryEntry, Shelf
from mybookconnect.core.visibility import Audience

from .conftest import create_account
from .test_feed import add_entry, make_book

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


def _grouped_many_times(reader: Any, groups: int) -> LibraryEntry:
    """An entry of ``reader`` in ``groups`` shelving activities (one per shelf), each with another book,
    and with activities of its own."""
    entry = add_entry(reader, make_book(f"Shared {next(_numbers)}"), status="read", rating_quarters=12)
    feed.record_activity(reader, ActivityVerb.FINISHED, audience=Audience.PUBLIC, entry=entry)
    feed.record_activity(
        reader, ActivityVerb.RATED, audience=Audience.PUBLIC, entry=entry, data={"rating": 3}
    )
    for _ in range(groups):
        number = next(_numbers)
        shelf = Shelf.objects.create(user=reader, name=f"Shelf {number}", audience=Audience.PUBLIC)
        other = add_entry(reader, make_book(f"Book {number}"))
        feed.record_activity(
            reader, ActivityVerb.SHELVED, audience=Audience.PUBLIC, shelf=shelf, entries=[entry, other]
        )
    return entry


def _queries(action: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def test_deleting_an_entry_costs_the_same_queries_in_2_or_40_groups():
    few = _grouped_many_times(create_account("few"), 2)
    many = _grouped_many_times(create_account("many"), 40)

    assert _queries(lambda: library.delete_entry(few)) == _queries(lambda: library.delete_entry(many))
    # The groups stay, with their other book.
    assert Activity.objects.filter(verb=ActivityVerb.SHELVED).count() == 42
    assert ActivityEntry.objects.count() == 42
    assert not Activity.objects.filter(verb__in=[ActivityVerb.FINISHED, ActivityVerb.RATED]).exists()


def test_deleting_entries_at_once_costs_the_same_queries_for_2_or_20():
    reader = create_account("reader")
    entries = [_grouped_many_times(reader, 3) for _ in range(22)]

    two = _queries(lambda: LibraryEntry.objects.filter(pk__in=[e.pk for e in entries[:2]]).delete())
    twenty = _queries(lambda: LibraryEntry.objects.filter(pk__in=[e.pk for e in entries[2:]]).delete())

    assert two == twenty
    assert ActivityEntry.objects.count() == 22 * 3


def test_deleting_a_reader_costs_the_same_queries_for_few_or_many_activities():
    few, many = create_account("few"), create_account("many")
    _grouped_many_times(few, 2)
    for _ in range(10):
        _grouped_many_times(many, 6)

    assert _queries(few.delete) == _queries(many.delete)
    assert not Activity.objects.exists() and not ActivityEntry.objects.exists()

"""Counters stay exact when many readers like and comment at once (PostgreSQL: real concurrency)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from mybookconnect.books import reviews as services
from mybookconnect.books.models import Book, Comment, Review, ReviewLike

from .conftest import create_account

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent transactions"
)

READERS = 8


def run_at_once(work, arguments) -> list[BaseException]:
    """Run ``work(argument)`` in one thread per argument, started together; return their errors."""
    barrier = threading.Barrier(len(arguments))
    errors: list[BaseException] = []

    def run(argument) -> None:
        try:
            barrier.wait()
            work(argument)
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_likes_unlikes_and_comments_keep_exact_counts():
    author = create_account("author")
    review = services.create_review(author, Book.objects.create(title="Tristana"), {"body": "x"})
    readers = [create_account(f"reader_{i}") for i in range(READERS)]

    def work(reader) -> None:
        # Each reader likes twice (one like counts), comments, and the even ones take the like back.
        services.like_review(reader, review)
        services.like_review(reader, review)
        services.add_comment(reader, review, "me too")
        if reader.pk % 2 == 0:
            services.unlike_review(reader, review)

    assert run_at_once(work, readers) == []
    review = Review.objects.get(pk=review.pk)
    assert review.likes_count == ReviewLike.objects.filter(review=review).count()
    assert review.likes_count == sum(1 for reader in readers if reader.pk % 2)
    assert review.comments_count == Comment.objects.filter(review=review).count() == READERS

"""The data migrations of 0006 (reports' snapshots) and 0007 (activities' ratings), forwards and back,
on rows written with the models as they were before them."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

APP = "mybookconnect_books"
BEFORE = [(APP, "0005_review_visible_idx")]
AFTER = [(APP, "0007_activity_rating")]


def migrate(targets: list[tuple[str, str]]) -> Any:
    """Migrate to ``targets``; returns the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before_0006() -> Any:
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def make_user(apps: Any, name: str) -> Any:
    model = get_user_model()
    fields = {model.USERNAME_FIELD: name, model.get_email_field_name(): f"{name}@example.com"}
    return apps.get_model(settings.AUTH_USER_MODEL).objects.create(**fields)


@pytest.mark.django_db(transaction=True)
def test_reports_get_their_snapshot_and_activities_their_rating(before_0006):
    apps = before_0006
    Book, Review, Comment, Report = (
        apps.get_model(APP, name) for name in ("Book", "Review", "Comment", "Report")
    )
    LibraryEntry, Activity = apps.get_model(APP, "LibraryEntry"), apps.get_model(APP, "Activity")
    ana, bruno = make_user(apps, "ana"), make_user(apps, "bruno")
    book, other_book = Book.objects.create(title="Niebla"), Book.objects.create(title="Paz")
    review = Review.objects.create(user=ana, book=book, title="Nivola", body="Augusto.", audience="public")
    other_review = Review.objects.create(user=bruno, book=other_book, body="War.", audience="public")
    comment = Comment.objects.create(review=other_review, user=ana, body="Rude words")
    of_review = Report.objects.create(reporter=bruno, review=review, reason="spam")
    of_comment = Report.objects.create(reporter=bruno, comment=comment, reason="harassment")
    entry = LibraryEntry.objects.create(
        user=ana, book=book, status="read", audience="public", rating_quarters=18
    )
    activities = {
        "rated": Activity.objects.create(actor=ana, verb="rated", audience="public", book=book, entry=entry,
                                         data={"rating": 2.5}, created_at=entry.created_at),
        "reviewed": Activity.objects.create(actor=ana, verb="reviewed", audience="public", book=book,
                                            review=review, data={"rating": 3}, created_at=entry.created_at),
        "reviewed unrated": Activity.objects.create(actor=ana, verb="reviewed", audience="public",
                                                    book=book, review=review, created_at=entry.created_at),
        "finished": Activity.objects.create(actor=ana, verb="finished", audience="public", book=book,
                                            entry=entry, created_at=entry.created_at),
        "finished elsewhere": Activity.objects.create(actor=bruno, verb="finished", audience="public",
                                                      book=book, created_at=entry.created_at),
        "grouped": Activity.objects.create(actor=ana, verb="finished", audience="public",
                                           created_at=entry.created_at),
        "started": Activity.objects.create(actor=ana, verb="started", audience="public", book=book,
                                           entry=entry, created_at=entry.created_at),
    }  # fmt: skip

    apps = migrate(AFTER)

    Report = apps.get_model(APP, "Report")
    snapshot = (
        "kind",
        "reported_title",
        "reported_text",
        "reported_user",
        "reported_user_name",
        "book",
        "book_title",
    )
    assert Report.objects.filter(pk=of_review.pk).values_list(*snapshot).get() == (
        "review", "Nivola", "Augusto.", ana.pk, "ana", book.pk, "Niebla"
    )  # fmt: skip
    assert Report.objects.filter(pk=of_comment.pk).values_list(*snapshot).get() == (
        "comment", "", "Rude words", ana.pk, "ana", other_book.pk, "Paz"
    )  # fmt: skip
    Activity = apps.get_model(APP, "Activity")
    ratings = dict(Activity.objects.values_list("pk", "rating_quarters"))
    assert {name: ratings[activity.pk] for name, activity in activities.items()} == {
        "rated": 10,  # as recorded
        "reviewed": 12,
        "reviewed unrated": 18,  # the best there is: the current rating
        "finished": 18,
        "finished elsewhere": None,  # bruno has not rated the book
        "grouped": None,
        "started": None,
    }

    # The review goes: its report stays. Going back, it goes too (the old cascade), the other stays.
    apps.get_model(APP, "Review").objects.filter(pk=review.pk).delete()
    assert Report.objects.get(pk=of_review.pk).review_id is None
    apps = migrate(BEFORE)
    assert list(apps.get_model(APP, "Report").objects.values_list("pk", flat=True)) == [of_comment.pk]

"""Reporting reviews and comments to staff, and the moderation queue in the admin."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from mybookconnect.books import reviews as services
from mybookconnect.books.models import Book, Comment, Report, ReportStatus, Review

from .conftest import create_account

pytestmark = pytest.mark.django_db

QUEUE = "/admin/mybookconnect_books/report/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def review(reader) -> Review:
    return services.create_review(reader, Book.objects.create(title="Niebla"), {"body": "Nivola."})


@pytest.fixture
def other(db):
    return create_account("other_reader")


@pytest.fixture
def admin_client(client):
    client.force_login(create_account("moderator", superuser=True))
    return client


# Reporting


def test_reader_reports_a_review(review, other):
    response = client_for(other).post(
        f"/api/v1/reviews/{review.pk}/report/", {"reason": "spoiler", "details": "Ends on page 1."}
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["review"], data["comment"], data["reason"], data["status"]) == (
        review.pk,
        None,
        "spoiler",
        "open",
    )
    assert data["details"] == "Ends on page 1."
    report = Report.objects.get()
    assert report.reporter == other


def test_reporting_again_while_open_returns_the_same_report(review, other):
    client = client_for(other)
    first = client.post(f"/api/v1/reviews/{review.pk}/report/", {"reason": "spam"}).json()
    response = client.post(f"/api/v1/reviews/{review.pk}/report/", {"reason": "harassment"})
    assert response.status_code == 200
    assert response.json()["id"] == first["id"]
    assert response.json()["reason"] == "spam"
    assert Report.objects.count() == 1
    # Once handled, a new report may be made.
    Report.objects.update(status=ReportStatus.DISMISSED)
    assert client.post(f"/api/v1/reviews/{review.pk}/report/", {"reason": "spam"}).status_code == 201


def test_reader_reports_a_comment(review, reader, other):
    comment = services.add_comment(other, review, "Buy cheap pills")
    response = client_for(reader).post(f"/api/v1/comments/{comment.pk}/report/", {"reason": "spam"})
    assert response.status_code == 201
    assert (response.json()["comment"], response.json()["review"]) == (comment.pk, None)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "reason"),
        ({"reason": "boring"}, "reason"),
        ({"reason": None}, "reason"),
        ({"reason": ["spam"]}, "reason"),
        ({"reason": "other", "details": "d" * 2001}, "details"),
        ({"reason": "other", "details": {"x": 1}}, "details"),
    ],
)
def test_bad_reports_are_400_per_field(review, other, payload, field):
    response = client_for(other).post(f"/api/v1/reviews/{review.pk}/report/", payload)
    assert response.status_code == 400
    assert field in response.json()
    assert not Report.objects.exists()


def test_nobody_reports_their_own_writing(review, reader):
    response = client_for(reader).post(f"/api/v1/reviews/{review.pk}/report/", {"reason": "spam"})
    assert response.status_code == 400
    comment = services.add_comment(reader, review, "mine")
    assert (
        client_for(reader).post(f"/api/v1/comments/{comment.pk}/report/", {"reason": "spam"}).status_code
        == 400
    )
    assert not Report.objects.exists()


def test_reports_need_an_account_and_something_visible(review, reader, other, api_client):
    comment = services.add_comment(reader, review, "hidden soon")
    assert api_client.post(f"/api/v1/reviews/{review.pk}/report/", {"reason": "spam"}).status_code in (
        401,
        403,
    )
    Review.objects.filter(pk=review.pk).update(audience="private")
    client = client_for(other)
    assert client.post(f"/api/v1/reviews/{review.pk}/report/", {"reason": "spam"}).status_code == 404
    assert client.post(f"/api/v1/comments/{comment.pk}/report/", {"reason": "spam"}).status_code == 404
    assert client.post("/api/v1/reviews/999999/report/", {"reason": "spam"}).status_code == 404
    assert client.post("/api/v1/comments/999999/report/", {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


# The moderation queue


def test_queue_shows_open_reports_by_default(admin_client, review, reader, other):
    open_report, _ = services.report(other, review=review, reason="spam")
    comment = services.add_comment(other, review, "rude words")
    dismissed, _ = services.report(reader, comment=comment, reason="harassment")
    services.dismiss_reports(Report.objects.filter(pk=dismissed.pk), None)

    response = admin_client.get(QUEUE)
    assert response.status_code == 200
    assert [item.pk for item in response.context["cl"].result_list] == [open_report.pk]
    assert "Nivola." in response.content.decode()
    everything = admin_client.get(QUEUE, {"status": "all"})
    assert {item.pk for item in everything.context["cl"].result_list} == {open_report.pk, dismissed.pk}
    only_dismissed = admin_client.get(QUEUE, {"status": "dismissed"})
    assert [item.pk for item in only_dismissed.context["cl"].result_list] == [dismissed.pk]


def test_removing_a_reported_comment_keeps_its_place_and_resolves_its_reports(
    admin_client, review, reader, other
):
    comment = services.add_comment(other, review, "rude words")
    reply = services.add_comment(reader, review, "a reply", comment)
    first, _ = services.report(reader, comment=comment, reason="harassment")
    third = create_account("third_reader")
    second, _ = services.report(third, comment=comment, reason="spam")

    response = admin_client.post(
        QUEUE, {"action": "remove_content_and_resolve", "_selected_action": [first.pk]}, follow=True
    )
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.deleted_at is not None and comment.body == ""
    assert Comment.objects.filter(pk=reply.pk).exists()
    for report in (first, second):
        report.refresh_from_db()
        assert report.status == ReportStatus.RESOLVED
        assert report.resolved_by.get_username() == "moderator"
        assert report.resolved_at is not None
    assert Review.objects.get(pk=review.pk).comments_count == 1
    assert list(admin_client.get(QUEUE).context["cl"].result_list) == []


def test_removing_a_reported_review_deletes_it_and_keeps_the_closed_reports(
    admin_client, review, reader, other
):
    report, _ = services.report(other, review=review, reason="spam")
    comment = services.add_comment(other, review, "I agree, spam")
    of_comment, _ = services.report(reader, comment=comment, reason="spam")

    admin_client.post(QUEUE, {"action": "remove_content_and_resolve", "_selected_action": [report.pk]})

    assert not Review.objects.exists()
    assert not Comment.objects.exists()
    book = Book.objects.get()
    assert book.reviews_count == 0
    # The moderation record stays: both reports resolved, with what they were about.
    report.refresh_from_db()
    of_comment.refresh_from_db()
    assert (report.review, report.status, report.resolved_by.get_username()) == (
        None,
        ReportStatus.RESOLVED,
        "moderator",
    )
    assert (report.reported_text, report.book_title) == ("Nivola.", "Niebla")
    assert (of_comment.comment, of_comment.status) == (None, ReportStatus.RESOLVED)
    assert of_comment.reported_text == "I agree, spam"
    resolved = admin_client.get(QUEUE, {"status": "resolved"})
    assert {item.pk for item in resolved.context["cl"].result_list} == {report.pk, of_comment.pk}
    assert "Nivola." in resolved.content.decode()


def test_dismissing_leaves_the_content(admin_client, review, other):
    report, _ = services.report(other, review=review, reason="spam")
    admin_client.post(QUEUE, {"action": "dismiss", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED
    assert report.resolved_by.get_username() == "moderator"
    assert Review.objects.filter(pk=review.pk).exists()


def test_review_and_comment_admins_delete_through_the_services(admin_client, review, reader, other):
    comment = services.add_comment(other, review, "x")
    services.add_comment(reader, review, "reply", comment)
    admin_client.post(f"/admin/mybookconnect_books/comment/{comment.pk}/delete/", {"post": "yes"})
    comment.refresh_from_db()
    assert comment.deleted_at is not None
    response = admin_client.get(f"/admin/mybookconnect_books/review/{review.pk}/change/")
    assert response.status_code == 200
    assert "<p>Nivola.</p>" in response.content.decode()
    admin_client.post(f"/admin/mybookconnect_books/review/{review.pk}/delete/", {"post": "yes"})
    assert not Review.objects.exists()
    assert Book.objects.get().reviews_count == 0


def test_admin_lists_render(admin_client, review, other):
    services.add_comment(other, review, "x")
    for path in ("review", "comment"):
        assert admin_client.get(f"/admin/mybookconnect_books/{path}/", {"q": "x"}).status_code == 200


# What a report keeps of its item


def test_a_report_keeps_a_snapshot_of_the_review(review, reader, other):
    Review.objects.filter(pk=review.pk).update(title="Nivola")
    review.refresh_from_db()

    report, _ = services.report(other, review=review, reason="spam")

    report.refresh_from_db()
    assert (report.kind, report.reported_title, report.reported_text) == ("review", "Nivola", "Nivola.")
    # The author's name is their USERNAME_FIELD (``handle`` in the swapped-user-model run).
    assert (report.reported_user, report.reported_user_name) == (reader, reader.get_username())
    assert (report.book, report.book_title) == (review.book, "Niebla")
    assert report.content_exists


def test_a_report_keeps_a_snapshot_of_the_comment(review, reader, other):
    comment = services.add_comment(other, review, "Buy cheap pills")

    report, _ = services.report(reader, comment=comment, reason="spam")

    report.refresh_from_db()
    assert (report.kind, report.reported_title, report.reported_text) == ("comment", "", "Buy cheap pills")
    assert (report.reported_user, report.reported_user_name) == (other, other.get_username())
    assert (report.book, report.book_title) == (review.book, "Niebla")


def test_a_review_deleted_by_its_author_leaves_its_report_in_the_queue(admin_client, review, other):
    report, _ = services.report(other, review=review, reason="harassment")

    response = client_for(review.user).delete(f"/api/v1/reviews/{review.pk}/")
    assert response.status_code == 204

    report.refresh_from_db()
    assert (report.review, report.status, report.kind) == (None, ReportStatus.OPEN, "review")
    assert not report.content_exists
    queue = admin_client.get(QUEUE)
    assert [item.pk for item in queue.context["cl"].result_list] == [report.pk]
    page = queue.content.decode()
    assert "Nivola." in page and "Niebla" in page and "(removed)" in page
    detail = admin_client.get(f"{QUEUE}{report.pk}/change/")
    assert detail.status_code == 200
    assert "Nivola." in detail.content.decode()


def test_a_comment_deleted_by_its_author_leaves_its_report(review, reader, other):
    comment = services.add_comment(other, review, "rude words")
    report, _ = services.report(reader, comment=comment, reason="harassment")

    services.delete_comment(comment)

    report.refresh_from_db()
    assert not Comment.objects.exists()
    assert (report.comment, report.status, report.reported_text) == (None, ReportStatus.OPEN, "rude words")


def test_a_comment_emptied_in_its_thread_is_not_there_any_more(review, reader, other):
    comment = services.add_comment(other, review, "rude words")
    services.add_comment(reader, review, "a reply", comment)
    report, _ = services.report(reader, comment=comment, reason="harassment")

    services.delete_comment(comment)

    report.refresh_from_db()
    assert report.comment == comment
    assert not report.content_exists
    assert report.reported_text == "rude words"


@pytest.mark.parametrize(
    ("action", "status"), [("remove_content_and_resolve", "resolved"), ("dismiss", "dismissed")]
)
def test_the_actions_close_reports_of_deleted_items(admin_client, review, other, action, status):
    report, _ = services.report(other, review=review, reason="spam")
    services.delete_review(review)

    response = admin_client.post(QUEUE, {"action": action, "_selected_action": [report.pk]}, follow=True)

    assert response.status_code == 200
    report.refresh_from_db()
    assert (report.status, report.resolved_by.get_username()) == (status, "moderator")
    assert report.resolved_at is not None
    assert list(response.context["cl"].result_list) == []


def _reports(count: int, reader, other) -> None:
    """``count`` open reports, a third of them about a deleted review and a third about a deleted comment."""
    for i in range(count):
        book = Book.objects.create(title=f"Book {i}")
        review = services.create_review(reader, book, {"title": f"Review {i}", "body": "Text."})
        comment = services.add_comment(reader, review, f"Comment {i}")
        kept = services.add_comment(reader, review, f"Reply {i}", comment)
        if i % 3 == 0:
            services.report(other, review=review, reason="spam")
            services.delete_review(review)
        elif i % 3 == 1:
            services.report(other, comment=kept, reason="spam")
            services.delete_comment(kept)
        else:
            services.report(other, review=review, reason="spam")
            services.report(other, comment=comment, reason="other")


def test_the_queue_costs_the_same_queries_for_3_or_30_reports(admin_client, reader, other):
    _reports(3, reader, other)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(QUEUE).status_code == 200
    _reports(27, reader, other)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(QUEUE)

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 40
    assert len(many.captured_queries) == len(few.captured_queries)
    assert response.content.decode().count("(removed)") == 20


def test_a_report_is_about_one_kind_of_item(review, other):
    comment = services.add_comment(other, review, "x")
    report, _ = services.report(other, review=review, reason="spam")

    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(comment=comment)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(kind="comment")
    # Gone, it is still a report about a review.
    Report.objects.filter(pk=report.pk).update(review=None)
    assert Report.objects.filter(Q(kind="review"), review=None).count() == 1

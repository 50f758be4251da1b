"""Reviews and their discussion: writing, liking, commenting, reporting, moderating, exporting.

The API views and the admin call these functions; each runs in one transaction. Who may see a
review is core's visibility policy's answer for its author and ``audience``; its likes, comments and
reports are reachable only through a review the viewer can see (the views check that first).

Counters (``Review.likes_count``, ``Review.comments_count``) change with ``F()`` expressions next to
the row that justifies them, so concurrent likes and comments keep them exact. The book's
``reviews_count`` changes through :func:`mybookconnect.books.aggregates.adjust_reviews_count`, and a
review's rating is the author's library rating, set through :func:`mybookconnect.books.library.rate_book`.
Every change a book's reviews page shows replaces its cached pages
(:func:`mybookconnect.books.caching.invalidate_book_reviews`; reviews' own saves through their signals).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import (
    BooleanField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mybookconnect.core.visibility import get_visibility_policy, viewer_pk

from . import aggregates, caching, feed, library, markup
from .models import (
    ActivityVerb,
    Book,
    Comment,
    LibraryEntry,
    Report,
    ReportKind,
    ReportStatus,
    Review,
    ReviewLike,
)

REVIEW_FIELDS = ("title", "body", "body_format", "spoiler", "content_warnings", "audience")


class ReviewExists(Exception):
    """The reader already reviewed this book (the API answers 409 with the review's id)."""

    def __init__(self, review_id: int) -> None:
        super().__init__(f"Already reviewed: review {review_id}")
        self.review_id = review_id


# Reading


def visible_reviews(viewer: Any, queryset: QuerySet[Review] | None = None) -> QuerySet[Review]:
    """``queryset`` (every review by default) narrowed to those ``viewer`` may see."""
    reviews = Review.objects.all() if queryset is None else queryset
    return get_visibility_policy().filter_queryset(reviews, viewer, owner_field="user")


def with_display_fields(queryset: QuerySet[Review], viewer: Any) -> QuerySet[Review]:
    """Reviews with what the API shows beside their own columns, in the same query: the author and the
    book (joined), the author's library rating of the book (``author_rating_quarters``) and whether
    ``viewer`` liked each one (``liked``)."""
    rating = _author_rating_subquery()
    viewer_id = viewer_pk(viewer)
    liked: Any = (
        Exists(ReviewLike.objects.filter(review=OuterRef("pk"), user_id=viewer_id))
        if viewer_id is not None
        else Value(False, output_field=BooleanField())
    )
    return queryset.select_related("user", "book").annotate(
        author_rating_quarters=Subquery(rating), liked=liked
    )


def display_rows(queryset: QuerySet[Review], viewer: Any, *, book: bool = True) -> QuerySet[Any]:
    """The columns the API shows of each review in ``queryset``, as dicts, in one query: the review's
    own columns, the author's ``user_id`` and ``username``, the author's library rating
    (``author_rating_quarters``), whether ``viewer`` liked it (``liked``) and, with ``book``, the
    book's ``book_title``, ``book_cover`` and ``book_cover_url`` (joined). Not the source text: see
    :func:`add_own_bodies`.

    For the hot list endpoints: no model instances, no serializer (see
    :func:`mybookconnect.books.api.reviews_serializers.review_json`).
    """
    viewer_id = viewer_pk(viewer)
    liked: Any = Value(False, output_field=BooleanField())
    if viewer_id is not None:
        liked = Exists(ReviewLike.objects.filter(review=OuterRef("pk"), user_id=viewer_id))
    columns: dict[str, Any] = {
        "username": F(f"user__{get_user_model().USERNAME_FIELD}"),
        "author_rating_quarters": Subquery(_author_rating_subquery()),
        "liked": liked,
    }
    if book:
        columns.update(
            book_title=F("book__title"), book_cover=F("book__cover"), book_cover_url=F("book__cover_url")
        )
    return queryset.values(*DISPLAY_COLUMNS, **columns)


def add_own_bodies(rows: list[dict[str, Any]], viewer: Any) -> list[dict[str, Any]]:
    """Set ``own_body`` on rows of :func:`display_rows`: the source text of the viewer's own reviews,
    ``None`` on everyone else's. One query, only when the viewer's own reviews are among the rows
    (at most one on a book's page): the texts are long, and nobody else gets them."""
    viewer_id = viewer_pk(viewer)
    own = [row["id"] for row in rows if viewer_id is not None and row["user_id"] == viewer_id]
    bodies = dict(Review.objects.filter(pk__in=own).values_list("pk", "body")) if own else {}
    for row in rows:
        row["own_body"] = bodies.get(row["id"])
    return rows


@functools.cache
def _author_rating_subquery() -> QuerySet[LibraryEntry]:
    # Built once: Subquery() copies it, and building it costs more than the query takes.
    return (
        LibraryEntry.objects.filter(user=OuterRef("user_id"), book=OuterRef("book_id"))
        .order_by()
        .values("rating_quarters")[:1]
    )


class CountedRows:
    """``rows`` as a paginator sees them, counted by ``counted`` (the same reviews without the joins
    and subqueries of :func:`display_rows`, so the count reads one index of the reviews table)."""

    def __init__(self, counted: QuerySet[Review], rows: QuerySet[Any]) -> None:
        self.counted = counted
        self.rows = rows
        self.ordered = rows.ordered

    def count(self) -> int:
        return self.counted.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: Any) -> Any:
        return self.rows[index]


DISPLAY_COLUMNS = (
    "id",
    "user_id",
    "book_id",
    "title",
    "body_html",
    "body_format",
    "spoiler",
    "content_warnings",
    "audience",
    "likes_count",
    "comments_count",
    "created_at",
    "updated_at",
)


def can_view(viewer: Any, review: Review) -> bool:
    """Whether ``viewer`` may see ``review`` (and so like, comment on and report it)."""
    return get_visibility_policy().can_view(viewer, review.user_id, review.audience)


def thread_order(review_id: int) -> list[tuple[int, int]]:
    """The comments of a review as ``(id, depth)`` in thread order: each comment followed by its
    replies (oldest first), depth 0 for a comment on the review itself. One query."""
    rows = list(
        Comment.objects.filter(review_id=review_id)
        .order_by("created_at", "id")
        .values_list("id", "parent_id")
    )
    replies: dict[int | None, list[int]] = {}
    for comment_id, parent_id in rows:
        replies.setdefault(parent_id, []).append(comment_id)
    ordered: list[tuple[int, int]] = []
    stack = [(comment_id, 0) for comment_id in reversed(replies.get(None, []))]
    while stack:
        comment_id, depth = stack.pop()
        ordered.append((comment_id, depth))
        stack.extend((child, depth + 1) for child in reversed(replies.get(comment_id, [])))
    return ordered


def comment_depth(comment: Comment) -> int:
    """How deep ``comment`` is in its thread: 0 on the review, 1 for a reply, and so on."""
    depth, parent_id = 0, comment.parent_id
    while parent_id is not None:
        depth += 1
        parent_id = Comment.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return depth


# Reviews


def _rate(user: Any, book: Book, data: Mapping[str, Any]) -> None:
    if "rating_quarters" in data:
        library.rate_book(user, book, data["rating_quarters"])


def _author_rating(user: Any, book: Book) -> float | None:
    return library.stars(
        LibraryEntry.objects.filter(user=user, book=book).values_list("rating_quarters", flat=True).first()
    )


@transaction.atomic
def create_review(user: Any, book: Book, data: Mapping[str, Any]) -> Review:
    """Review ``book`` as ``user`` from validated data (``title``, ``body``, ``body_format``,
    ``spoiler``, ``content_warnings``, ``audience`` or ``None`` for the reader's default, and
    ``rating_quarters`` to rate the book in the reader's library too).

    Raises :class:`ReviewExists` if the reader already reviewed the book.
    """
    existing = Review.objects.filter(user=user, book=book).values_list("pk", flat=True).first()
    if existing is not None:
        raise ReviewExists(existing)
    values = {field: data[field] for field in REVIEW_FIELDS if data.get(field) is not None}
    values.setdefault("audience", get_visibility_policy().default_audience(user))
    review = Review(user=user, book=book, **values)
    review.body_html = markup.render(review.body, review.body_format)
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:
        # Another request of the same reader created it in the meantime.
        existing = Review.objects.filter(user=user, book=book).values_list("pk", flat=True).first()
        if existing is None:
            raise
        raise ReviewExists(existing) from None
    _rate(user, book, data)
    aggregates.adjust_reviews_count(book.pk, 1)
    rating = _author_rating(user, book)
    feed.record_activity(
        user,
        ActivityVerb.REVIEWED,
        audience=review.audience,
        book=book,
        review=review,
        data={} if rating is None else {"rating": rating},
    )
    return review


@transaction.atomic
def update_review(review: Review, data: Mapping[str, Any]) -> Review:
    """Apply the fields present in validated ``data``; ``audience: None`` goes back to the reader's
    default. The review's activities follow a change of audience."""
    review = Review.objects.select_for_update().select_related("user", "book").get(pk=review.pk)
    changed = []
    for field in REVIEW_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "audience" and value is None:
            value = get_visibility_policy().default_audience(review.user)
        if getattr(review, field) != value:
            setattr(review, field, value)
            changed.append(field)
    if "body" in changed or "body_format" in changed:
        review.body_html = markup.render(review.body, review.body_format)
        changed.append("body_html")
    if changed:
        review.save(update_fields=[*changed, "updated_at"])
    if "audience" in changed:
        feed.sync_review_audience(review.pk, review.audience)
    _rate(review.user, review.book, data)
    return review


@transaction.atomic
def delete_review(review: Review) -> None:
    """Delete a review with its likes, comments and activities; its reports stay, with their snapshots."""
    deleted, _counts = Review.objects.filter(pk=review.pk).delete()
    if deleted:
        aggregates.adjust_reviews_count(review.book_id, -1)


# Likes


@transaction.atomic
def like_review(user: Any, review: Review) -> bool:
    """``user`` likes ``review``; liking again changes nothing. Returns whether a like was added."""
    try:
        with transaction.atomic():
            ReviewLike.objects.create(user=user, review=review)
    except IntegrityError:
        return False
    Review.objects.filter(pk=review.pk).update(likes_count=F("likes_count") + 1)
    caching.invalidate_book_reviews([review.book_id])
    return True


@transaction.atomic
def unlike_review(user: Any, review: Review) -> bool:
    """``user`` takes back their like; returns whether there was one."""
    deleted, _counts = ReviewLike.objects.filter(user=user, review=review).delete()
    if deleted:
        Review.objects.filter(pk=review.pk).update(likes_count=F("likes_count") - 1)
        caching.invalidate_book_reviews([review.book_id])
    return bool(deleted)


def likes_count(review: Review) -> int:
    return Review.objects.filter(pk=review.pk).values_list("likes_count", flat=True).get()


# Comments


@transaction.atomic
def add_comment(user: Any, review: Review, body: str, parent: Comment | None = None) -> Comment:
    """Comment on ``review``, or reply to ``parent`` (a comment of the same review, not deleted)."""
    if parent is not None:
        parent = Comment.objects.select_for_update().filter(pk=parent.pk, review=review).first()
        if parent is None:
            raise ValidationError({"parent": [_("No such comment on this review.")]})
        if parent.deleted_at is not None:
            raise ValidationError({"parent": [_("This comment was deleted; it takes no replies.")]})
    comment = Comment.objects.create(review=review, user=user, parent=parent, body=body)
    Review.objects.filter(pk=review.pk).update(comments_count=F("comments_count") + 1)
    caching.invalidate_book_reviews([review.book_id])
    return comment


@transaction.atomic
def edit_comment(comment: Comment, body: str) -> Comment:
    comment.body = body
    comment.save(update_fields=["body", "updated_at"])
    return comment


@transaction.atomic
def delete_comment(comment: Comment, *, keep_place: bool = False) -> None:
    """Delete a comment. One with replies (or any, with ``keep_place``) keeps its place in the thread
    with its text removed; a removed comment's placeholder goes once its last reply is gone."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.deleted_at is not None:
        return
    if keep_place or comment.replies.exists():
        comment.body = ""
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["body", "deleted_at", "updated_at"])
    else:
        parent_id = comment.parent_id
        comment.delete()
        _delete_empty_placeholders(parent_id)
    Review.objects.filter(pk=comment.review_id).update(comments_count=F("comments_count") - 1)
    reviewed = Review.objects.filter(pk=comment.review_id).values_list("book_id", flat=True)
    caching.invalidate_book_reviews(reviewed)


def _delete_empty_placeholders(comment_id: int | None) -> None:
    while comment_id is not None:
        placeholder = (
            Comment.objects.filter(pk=comment_id, deleted_at__isnull=False)
            .exclude(Exists(Comment.objects.filter(parent=OuterRef("pk"))))
            .values_list("parent_id", flat=True)
        )
        parents = list(placeholder)
        if not parents:
            return
        Comment.objects.filter(pk=comment_id).delete()
        comment_id = parents[0]


# Reports and moderation


def _snapshot(review: Review | None, comment: Comment | None) -> dict[str, Any]:
    """What staff need to judge a report later, taken now: the item's kind, text, author and book."""
    if review is not None:
        item: Review | Comment = review
        book = Book.objects.only("title").get(pk=review.book_id)
        values = {"kind": ReportKind.REVIEW, "reported_title": review.title, "reported_text": review.body}
    else:
        assert comment is not None
        item = comment
        book = Book.objects.only("title").get(reviews=comment.review_id)
        values = {"kind": ReportKind.COMMENT, "reported_title": "", "reported_text": comment.body}
    author = item.user
    return {
        **values,
        "reported_user": author,
        # The user model's USERNAME_FIELD (the site may have its own model).
        "reported_user_name": str(getattr(author, author.USERNAME_FIELD)),
        "book": book,
        "book_title": book.title,
    }


@transaction.atomic
def report(
    reporter: Any,
    *,
    reason: str,
    details: str = "",
    review: Review | None = None,
    comment: Comment | None = None,
) -> tuple[Report, bool]:
    """Report a review or a comment (exactly one) to staff, with a snapshot of it (its text, author
    and book, which the report keeps if the item is deleted). While the reader's earlier report of
    the same item is open, that one is returned unchanged. Returns ``(report, created)``."""
    if (review is None) == (comment is None):
        raise ValueError("Report exactly one review or comment.")
    target = {"review": review} if review is not None else {"comment": comment}
    open_report = Report.objects.filter(reporter=reporter, status=ReportStatus.OPEN, **target).first()
    if open_report is not None:
        return open_report, False
    snapshot = _snapshot(review, comment)
    try:
        with transaction.atomic():
            made = Report.objects.create(
                reporter=reporter, reason=reason, details=details, **target, **snapshot
            )
            return made, True
    except IntegrityError:
        return Report.objects.get(reporter=reporter, status=ReportStatus.OPEN, **target), False


def _close_reports(reports: QuerySet[Report], status: str, moderator: Any) -> int:
    # Whether or not their review or comment is still there.
    now = timezone.now()
    return reports.filter(status=ReportStatus.OPEN).update(
        status=status, resolved_by=moderator, resolved_at=now, updated_at=now
    )


@transaction.atomic
def remove_reported_content(reports: Iterable[Report], moderator: Any) -> int:
    """Remove what these reports are about and resolve every open report of it.

    A reported comment keeps its place in its thread with its text removed (so the replies still make
    sense); a reported review is deleted with its comments. Their reports stay, resolved, with their
    snapshots; so do those of the removed review's comments. A report whose item is already gone
    (deleted by its author) is resolved too. Returns how many reviews and comments were removed.
    """
    review_ids: set[int] = set()
    comment_ids: set[int] = set()
    gone: set[int] = set()
    for item in reports:
        if item.review_id is not None:
            review_ids.add(item.review_id)
        elif item.comment_id is not None:
            comment_ids.add(item.comment_id)
        else:
            gone.add(item.pk)
    comments = list(Comment.objects.filter(pk__in=comment_ids, deleted_at__isnull=True))
    for comment in comments:
        delete_comment(comment, keep_place=True)
    # Closed before the reviews go: deleting them empties the reports' links.
    _close_reports(
        Report.objects.filter(
            Q(pk__in=gone)
            | Q(comment_id__in=comment_ids)
            | Q(review_id__in=review_ids)
            | Q(comment__review_id__in=review_ids)
        ),
        ReportStatus.RESOLVED,
        moderator,
    )
    reviews = list(Review.objects.filter(pk__in=review_ids))
    for found in reviews:
        delete_review(found)
    return len(comments) + len(reviews)


@transaction.atomic
def dismiss_reports(reports: QuerySet[Report], moderator: Any) -> int:
    """Close open reports without touching what they are about (if it is still there); returns how
    many were open."""
    return _close_reports(reports, ReportStatus.DISMISSED, moderator)


# Export


def export_reviews(user: Any) -> dict[str, Any]:
    """The reader's reviews, comments, likes and reports, for their data export."""
    reviews = [
        {
            "id": review.pk,
            "book": {"id": review.book_id, "title": review.book.title},
            "title": review.title,
            "body": review.body,
            "body_format": review.body_format,
            "spoiler": review.spoiler,
            "content_warnings": review.content_warnings,
            "audience": review.audience,
            "likes_count": review.likes_count,
            "comments_count": review.comments_count,
            "created_at": review.created_at.isoformat(),
            "updated_at": review.updated_at.isoformat(),
        }
        for review in Review.objects.filter(user=user).select_related("book").order_by("created_at", "id")
    ]
    comments = [
        {
            "id": comment.pk,
            "review": comment.review_id,
            "parent": comment.parent_id,
            "body": comment.body,
            "deleted": comment.deleted_at is not None,
            "created_at": comment.created_at.isoformat(),
            "updated_at": comment.updated_at.isoformat(),
        }
        for comment in Comment.objects.filter(user=user).order_by("created_at", "id")
    ]
    likes = [
        {"review": like.review_id, "created_at": like.created_at.isoformat()}
        for like in ReviewLike.objects.filter(user=user).order_by("created_at", "id")
    ]
    reports = [
        {
            "id": item.pk,
            "review": item.review_id,
            "comment": item.comment_id,
            "reason": item.reason,
            "details": item.details,
            "status": item.status,
            "created_at": item.created_at.isoformat(),
        }
        for item in Report.objects.filter(reporter=user).order_by("created_at", "id")
    ]
    return {"reviews": reviews, "comments": comments, "likes": likes, "reports": reports}

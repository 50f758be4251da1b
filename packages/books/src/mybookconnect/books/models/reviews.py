"""Reviews (one per reader and book), their likes, threaded comments, and reports to staff.

A review's rating is the reader's library rating of the book (:attr:`LibraryEntry.rating_quarters`),
so a reader never has two ratings of one book. ``body`` is what the reader wrote; ``body_html`` is
its sanitised rendering (plain text escaped, or a safe subset of Markdown), made on the server.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mybookconnect.core.models import TimestampedModel
from mybookconnect.core.visibility import Audience

from .catalog import Book

REVIEW_TITLE_MAX_LENGTH = 200
REVIEW_BODY_MAX_LENGTH = 20_000
COMMENT_BODY_MAX_LENGTH = 5_000
CONTENT_WARNING_MAX_LENGTH = 50
CONTENT_WARNINGS_MAX_COUNT = 10


class ReviewFormat(models.TextChoices):
    PLAIN = "plain", _("Plain text")
    MARKDOWN = "markdown", _("Markdown")


class Review(TimestampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_reviews",
        verbose_name=_("user"),
    )
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("book"))
    title = models.CharField(_("title"), max_length=REVIEW_TITLE_MAX_LENGTH, blank=True)
    body = models.TextField(_("text"), max_length=REVIEW_BODY_MAX_LENGTH, blank=True)
    body_format = models.CharField(
        _("format"), max_length=10, choices=ReviewFormat.choices, default=ReviewFormat.PLAIN
    )
    body_html = models.TextField(_("text as HTML"), blank=True, editable=False)
    spoiler = models.BooleanField(_("contains spoilers"), default=False)
    content_warnings = models.JSONField(_("content warnings"), default=list, blank=True)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    likes_count = models.PositiveIntegerField(_("likes"), default=0, editable=False)
    comments_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "book"], name="mbc_books_review_unique_book"),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="mbc_books_review_audience_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["book", "-created_at", "-id"], name="mbc_books_review_new_idx"),
            models.Index(fields=["book", "-likes_count", "-id"], name="mbc_books_review_liked_idx"),
            models.Index(fields=["user", "-created_at", "-id"], name="mbc_books_review_user_idx"),
            # A book's reviews counted through the visibility filter (audience and author) from the
            # index alone, without reading the rows.
            models.Index(fields=["book", "audience", "user"], name="mbc_books_review_visible_idx"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.user_id} on {self.book_id}"


class ReviewLike(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_review_likes",
        verbose_name=_("user"),
    )
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="likes", verbose_name=_("review")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review like")
        verbose_name_plural = _("review likes")
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="mbc_books_reviewlike_unique")]
        indexes = [models.Index(fields=["user", "review"], name="mbc_books_reviewlike_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} likes {self.review_id}"


class Comment(TimestampedModel):
    """A comment on a review, or a reply to another comment of the same review.

    A deleted comment that has replies keeps its place in the thread with its text removed
    (``deleted_at`` set), so the replies still make sense.
    """

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="comments", verbose_name=_("review")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mybookconnect_review_comments",
        verbose_name=_("user"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    body = models.TextField(_("text"), max_length=COMMENT_BODY_MAX_LENGTH)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["review", "created_at", "id"], name="mbc_books_comment_review_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} on review {self.review_id}"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    HARASSMENT = "harassment", _("Harassment or hate")
    SPOILER = "spoiler", _("Unmarked spoilers")
    INAPPROPRIATE = "inappropriate", _("Inappropriate content")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved: content removed")
    DISMISSED = "dismissed", _("Dismissed")


class ReportKind(models.TextChoices):
    REVIEW = "review", _("review")
    COMMENT = "comment", _("comment")


class Report(TimestampedModel):
    """A reader's report of a review or a comment (``kind``), for staff to moderate.

    The report keeps what it was about as it was when reported (``reported_*`` and ``book_title``),
    so that deleting the review or comment (its author, staff, a cascade) empties ``review`` or
    ``comment`` but leaves the report, and the moderation record, readable.
    """

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reporter"),
    )
    kind = models.CharField(_("reported item"), max_length=10, choices=ReportKind.choices)
    review = models.ForeignKey(
        Review,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("review"),
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("comment"),
    )
    reported_title = models.CharField(_("reported title"), max_length=REVIEW_TITLE_MAX_LENGTH, blank=True)
    reported_text = models.TextField(_("reported text"), blank=True)
    reported_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author of the reported item"),
    )
    # Their username (the user model's USERNAME_FIELD) when reported: it outlives the account.
    reported_user_name = models.CharField(_("author's username"), max_length=255, blank=True)
    book = models.ForeignKey(
        Book, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("book")
    )
    book_title = models.CharField(_("book title"), max_length=500, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "id"]
        constraints = [
            # About one kind of item, whose row may be gone (deleted since).
            models.CheckConstraint(
                condition=Q(kind=ReportKind.REVIEW, comment__isnull=True)
                | Q(kind=ReportKind.COMMENT, review__isnull=True),
                name="mbc_books_report_one_kind",
            ),
            # One open report per reader and item: reporting again while it is open changes nothing.
            models.UniqueConstraint(
                fields=["reporter", "review"],
                condition=Q(status="open", review__isnull=False),
                name="mbc_books_report_open_review_unique",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(status="open", comment__isnull=False),
                name="mbc_books_report_open_comment_unique",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="mbc_books_report_queue_idx")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.kind} {self.review_id or self.comment_id or '(deleted)'}"

    @property
    def content_exists(self) -> bool:
        """Whether the reported review or comment is still there (a comment emptied in its thread is not)."""
        if self.kind == ReportKind.REVIEW:
            return self.review_id is not None
        return self.comment_id is not None and self.comment.deleted_at is None

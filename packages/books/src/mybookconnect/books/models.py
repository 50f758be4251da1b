"""The book catalog.

For now a ``Book`` is a work with its title and year; the catalog issue adds authors, editions,
series and subjects around it and replaces the contains-match search with ranked full-text search.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import OrderBy
from django.utils.translation import gettext_lazy as _

from mybookconnect.core.models import TimestampedModel

# The year a work first appeared. The field cannot hold years before the Common Era (it is positive),
# and there is no year 0; the upper bound leaves room for announced titles while rejecting typos such
# as 19677 or 20001 that a bare smallint would accept.
FIRST_PUBLISHED_YEAR_MIN = 1
FIRST_PUBLISHED_YEAR_MAX = 2100

# Orderings the API and the admin accept, each completed by tie-breakers so that pages never
# overlap or skip rows when many books share a title or a year.
BOOK_ORDERINGS: dict[str, tuple[str | OrderBy, ...]] = {
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    # Books without a year come last in both directions, on every database.
    "first_published_year": (F("first_published_year").asc(nulls_last=True), "title", "id"),
    "-first_published_year": (F("first_published_year").desc(nulls_last=True), "title", "id"),
    "created_at": ("created_at", "id"),
    "-created_at": ("-created_at", "-id"),
}
DEFAULT_BOOK_ORDERING = "title"


class BookQuerySet(models.QuerySet["Book"]):
    """Querysets of books that views and commands reuse."""

    def search(self, query: str | None) -> BookQuerySet:
        """Books whose title or subtitle contains ``query``, ignoring case; all books for a blank query.

        This is the portable fallback: the same expression runs on SQLite and PostgreSQL.
        """
        query = (query or "").strip()
        if not query:
            return self
        return self.filter(Q(title__icontains=query) | Q(subtitle__icontains=query))

    def in_order(self, ordering: str = DEFAULT_BOOK_ORDERING) -> BookQuerySet:
        """Books sorted by one of the keys of :data:`BOOK_ORDERINGS`.

        Raises ``ValueError`` for any other key, so a caller never sorts by an arbitrary column.
        """
        try:
            fields = BOOK_ORDERINGS[ordering]
        except KeyError:
            raise ValueError(f"Unknown book ordering: {ordering!r}") from None
        return self.order_by(*fields)


BookManager = models.Manager.from_queryset(BookQuerySet)


class Book(TimestampedModel):
    """A work: what readers mean by "a book", whatever its editions."""

    title = models.CharField(_("title"), max_length=500)
    subtitle = models.CharField(_("subtitle"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    first_published_year = models.PositiveSmallIntegerField(
        _("first published year"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(FIRST_PUBLISHED_YEAR_MIN),
            MaxValueValidator(FIRST_PUBLISHED_YEAR_MAX),
        ],
        help_text=_("The year the work first appeared, in any edition or language."),
    )

    objects = BookManager()

    class Meta:
        verbose_name = _("book")
        verbose_name_plural = _("books")
        ordering = ["title", "id"]
        indexes = [
            # Serves the default ordering of the list, so a page is read in index order.
            models.Index(fields=["title", "id"], name="mbc_books_book_title_id_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_published_year__isnull=True)
                | Q(
                    first_published_year__gte=FIRST_PUBLISHED_YEAR_MIN,
                    first_published_year__lte=FIRST_PUBLISHED_YEAR_MAX,
                ),
                name="mbc_books_book_first_published_year_range",
            ),
        ]

    def __str__(self) -> str:
        if self.subtitle:
            return f"{self.title}: {self.subtitle}"
        return self.title

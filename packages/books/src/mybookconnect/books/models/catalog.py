"""The book catalog: works (``Book``), their printings (``Edition``), authors, series and subjects.

Beside the catalog itself live its edit history (``Revision``) and the records that keep merged ids
answering (``MergeRedirect``). On PostgreSQL the book table also has a ``search_vector`` column that
no model field declares: migration 0003 creates it with the triggers that keep it right (see
:mod:`mybookconnect.books.search`).
"""

from __future__ import annotations

import calendar
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import OrderBy
from django.db.models.functions import Lower
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
    "-readers_count": ("-readers_count", "title", "id"),
    # Best match first; only meaningful after ``search()``, and the default ordering without a query.
    "relevance": ("-search_rank", "-readers_count", "title", "id"),
}
DEFAULT_BOOK_ORDERING = "title"

language_code_validator = RegexValidator(
    r"^[a-z]{2,3}$", _("Use an ISO 639-1 or 639-3 language code in lower case, such as “en” or “spa”.")
)
openlibrary_author_id_validator = RegexValidator(
    r"^OL\d+A$", _("An Open Library author id looks like “OL23919A”.")
)
openlibrary_work_id_validator = RegexValidator(
    r"^OL\d+W$", _("An Open Library work id looks like “OL45883W”.")
)
openlibrary_edition_id_validator = RegexValidator(
    r"^OL\d+M$", _("An Open Library edition id looks like “OL7353617M”.")
)


def derive_sort_name(name: str) -> str:
    """The "Last, First" form of a personal name ("Ken Follett" -> "Follett, Ken").

    Names of one word, names already holding a comma and names of organisations stay as they are.
    """
    name = " ".join(name.split())
    if "," in name or " " not in name:
        return name
    first, last = name.rsplit(" ", 1)
    return f"{last}, {first}"


def slugify_subject(name: str) -> str:
    """A URL slug for a subject name ("Ciencia ficción" -> "ciencia-ficcion")."""
    from django.utils.text import slugify

    return slugify(name) or slugify(name, allow_unicode=True) or re.sub(r"\W+", "-", name.lower()).strip("-")


class Author(TimestampedModel):
    """A person (or body) who wrote, translated, illustrated, edited or narrated books."""

    name = models.CharField(_("name"), max_length=300)
    sort_name = models.CharField(
        _("sort name"),
        max_length=300,
        blank=True,
        help_text=_("“Last, First”; derived from the name when left blank."),
    )
    other_names = models.JSONField(
        _("other names"), default=list, blank=True, help_text=_("Pen names, spellings in other scripts.")
    )
    bio = models.TextField(_("biography"), blank=True)
    birth_year = models.SmallIntegerField(_("birth year"), null=True, blank=True)
    death_year = models.SmallIntegerField(_("death year"), null=True, blank=True)
    photo = models.ImageField(_("photo"), upload_to="mybookconnect/authors/", blank=True)
    openlibrary_id = models.CharField(
        _("Open Library id"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        validators=[openlibrary_author_id_validator],
    )

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["sort_name", "id"]
        indexes = [
            models.Index(fields=["sort_name", "id"], name="mbc_books_author_sort_idx"),
            models.Index(Lower("name"), name="mbc_books_author_lname_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | Q(death_year__isnull=True)
                | Q(death_year__gte=F("birth_year")),
                name="mbc_books_author_death_after_birth",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not isinstance(self.other_names, list) or not all(isinstance(n, str) for n in self.other_names):
            raise ValidationError({"other_names": _("Give a list of names.")})
        if self.birth_year is not None and self.death_year is not None and self.death_year < self.birth_year:
            raise ValidationError({"death_year": _("The death year cannot come before the birth year.")})

    def save(self, *args, **kwargs) -> None:
        if not self.sort_name:
            self.sort_name = derive_sort_name(self.name)
        super().save(*args, **kwargs)


class Subject(TimestampedModel):
    """A subject or genre ("Fantasy", "Historia"), unique by name whatever its case."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="mbc_books_subject_name_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify_subject(self.name)
        super().save(*args, **kwargs)


class Series(TimestampedModel):
    """A series of books ("A Song of Ice and Fire"); a book may be in several, each with its position."""

    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class BookQuerySet(models.QuerySet["Book"]):
    """Querysets of books that views and commands reuse."""

    def search(self, query: str | None) -> BookQuerySet:
        """Books matching what a reader typed in the search box, best first (see :mod:`.search`).

        A blank query returns the queryset unchanged.
        """
        from mybookconnect.books.search import search_books

        return search_books(self, query)

    def in_order(self, ordering: str = DEFAULT_BOOK_ORDERING) -> BookQuerySet:
        """Books sorted by one of the keys of :data:`BOOK_ORDERINGS`.

        Raises ``ValueError`` for any other key, so a caller never sorts by an arbitrary column.
        """
        try:
            fields = BOOK_ORDERINGS[ordering]
        except KeyError:
            raise ValueError(f"Unknown book ordering: {ordering!r}") from None
        if ordering == "relevance" and "search_rank" not in self.query.annotations:
            fields = BOOK_ORDERINGS[DEFAULT_BOOK_ORDERING]
        return self.order_by(*fields)

    def with_list_relations(self) -> BookQuerySet:
        """Prefetches what a list of books shows (authors in order), in a fixed number of queries."""
        return self.prefetch_related(
            models.Prefetch(
                "book_authors",
                queryset=BookAuthor.objects.select_related("author").order_by("position", "id"),
            )
        )

    def with_detail_relations(self) -> BookQuerySet:
        """Prefetches everything a book's page shows, in a fixed number of queries."""
        return self.with_list_relations().prefetch_related(
            models.Prefetch("editions", queryset=Edition.objects.order_by(*EDITION_ORDERING)),
            models.Prefetch(
                "book_series",
                queryset=BookSeries.objects.select_related("series").order_by("series__name", "id"),
            ),
            models.Prefetch("subjects", queryset=Subject.objects.order_by("name", "id")),
        )


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
    original_language = models.CharField(
        _("original language"), max_length=3, blank=True, validators=[language_code_validator]
    )
    authors = models.ManyToManyField(
        Author, through="BookAuthor", related_name="books", verbose_name=_("authors"), blank=True
    )
    series = models.ManyToManyField(
        Series, through="BookSeries", related_name="books", verbose_name=_("series"), blank=True
    )
    subjects = models.ManyToManyField(Subject, related_name="books", verbose_name=_("subjects"), blank=True)
    cover = models.ImageField(_("cover"), upload_to="mybookconnect/covers/", blank=True)
    cover_url = models.URLField(
        _("cover URL"), max_length=500, blank=True, help_text=_("A cover hosted elsewhere.")
    )
    openlibrary_work_id = models.CharField(
        _("Open Library work id"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        validators=[openlibrary_work_id_validator],
    )
    # Aggregates kept exact by the library and review services (mybookconnect.books.aggregates), under a
    # lock of this row; read here without a join or a count.
    ratings_count = models.PositiveIntegerField(_("ratings"), default=0, editable=False)
    # In quarter stars (a 3.5-star rating adds 14), as LibraryEntry.rating_quarters stores ratings.
    ratings_sum = models.PositiveIntegerField(_("sum of ratings"), default=0, editable=False)
    readers_count = models.PositiveIntegerField(_("readers"), default=0, editable=False)
    reviews_count = models.PositiveIntegerField(_("reviews"), default=0, editable=False)
    rating_histogram = models.JSONField(
        _("rating histogram"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_('Half stars to count: {"0.5": 1, "3.5": 4, "5": 12}.'),
    )

    objects = BookManager()

    class Meta:
        verbose_name = _("book")
        verbose_name_plural = _("books")
        ordering = ["title", "id"]
        indexes = [
            # Serves the default ordering of the list, so a page is read in index order.
            models.Index(fields=["title", "id"], name="mbc_books_book_title_id_idx"),
            # Popularity: picks the candidates of a search for a common word, and sorts by readers.
            models.Index(F("readers_count").desc(), "id", name="mbc_books_book_popular_idx"),
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

    @property
    def average_rating(self) -> Decimal | None:
        """The mean rating to two decimals, ``None`` before the first rating."""
        if not self.ratings_count:
            return None
        return (Decimal(self.ratings_sum) / Decimal(4 * self.ratings_count)).quantize(Decimal("0.01"))


class AuthorRole(models.TextChoices):
    AUTHOR = "author", _("author")
    TRANSLATOR = "translator", _("translator")
    ILLUSTRATOR = "illustrator", _("illustrator")
    EDITOR = "editor", _("editor")
    NARRATOR = "narrator", _("narrator")
    CONTRIBUTOR = "contributor", _("contributor")


class BookAuthor(models.Model):
    """An author's part in a book, in the order the cover shows them."""

    book = models.ForeignKey(
        Book, on_delete=models.CASCADE, related_name="book_authors", verbose_name=_("book")
    )
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="book_authors", verbose_name=_("author")
    )
    role = models.CharField(_("role"), max_length=20, choices=AuthorRole.choices, default=AuthorRole.AUTHOR)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("book author")
        verbose_name_plural = _("book authors")
        ordering = ["book", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["book", "author", "role"], name="mbc_books_bookauthor_unique"),
        ]
        indexes = [models.Index(fields=["author", "book"], name="mbc_books_bkauthor_author_idx")]

    def __str__(self) -> str:
        return f"{self.author} ({self.get_role_display()}) — {self.book}"


class BookSeries(models.Model):
    """A book's place in a series: 1, 2, 2.5 (a novella between two books) or none."""

    book = models.ForeignKey(
        Book, on_delete=models.CASCADE, related_name="book_series", verbose_name=_("book")
    )
    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="book_series", verbose_name=_("series")
    )
    position = models.DecimalField(
        _("position"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("book in a series")
        verbose_name_plural = _("books in series")
        ordering = [F("position").asc(nulls_last=True), "id"]
        constraints = [
            models.UniqueConstraint(fields=["book", "series"], name="mbc_books_bookseries_unique"),
            models.CheckConstraint(
                condition=Q(position__isnull=True) | Q(position__gte=0),
                name="mbc_books_bookseries_position_gte_0",
            ),
        ]
        indexes = [models.Index(fields=["series", "position"], name="mbc_books_bkseries_series_idx")]

    def __str__(self) -> str:
        return f"{self.series} #{self.position}" if self.position is not None else str(self.series)


class EditionFormat(models.TextChoices):
    PAPERBACK = "paperback", _("paperback")
    HARDCOVER = "hardcover", _("hardcover")
    EBOOK = "ebook", _("e-book")
    AUDIOBOOK = "audiobook", _("audiobook")
    OTHER = "other", _("other")


EDITION_ORDERING = (F("publication_year").asc(nulls_last=True), "id")


class EditionQuerySet(models.QuerySet["Edition"]):
    def with_isbn(self, isbn: str) -> EditionQuerySet:
        """The edition with this ISBN in any form (``ValueError`` if it is not a valid ISBN)."""
        from mybookconnect.books.isbn import normalize_isbn

        return self.filter(isbn_13=normalize_isbn(isbn))


class Edition(TimestampedModel):
    """A printing of a book: its ISBNs, publisher, date, format and language."""

    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="editions", verbose_name=_("book"))
    title = models.CharField(
        _("title"),
        max_length=500,
        blank=True,
        help_text=_("When this edition's title differs from the work's."),
    )
    isbn_10 = models.CharField(_("ISBN-10"), max_length=10, unique=True, null=True, blank=True)
    isbn_13 = models.CharField(_("ISBN-13"), max_length=13, unique=True, null=True, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    publication_year = models.PositiveSmallIntegerField(
        _("publication year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_PUBLISHED_YEAR_MIN), MaxValueValidator(FIRST_PUBLISHED_YEAR_MAX)],
    )
    publication_month = models.PositiveSmallIntegerField(
        _("publication month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    publication_day = models.PositiveSmallIntegerField(
        _("publication day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True, validators=[MinValueValidator(1)])
    format = models.CharField(_("format"), max_length=20, choices=EditionFormat.choices, blank=True)
    language = models.CharField(_("language"), max_length=3, blank=True, validators=[language_code_validator])
    cover = models.ImageField(_("cover"), upload_to="mybookconnect/covers/editions/", blank=True)
    cover_url = models.URLField(_("cover URL"), max_length=500, blank=True)
    openlibrary_edition_id = models.CharField(
        _("Open Library edition id"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        validators=[openlibrary_edition_id_validator],
    )

    objects = models.Manager.from_queryset(EditionQuerySet)()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = [*EDITION_ORDERING]
        constraints = [
            # Every ISBN-10 is also stored as its ISBN-13, the form searches use.
            models.CheckConstraint(
                condition=Q(isbn_10__isnull=True) | Q(isbn_13__isnull=False),
                name="mbc_books_edition_isbn10_has_13",
            ),
            models.CheckConstraint(
                condition=Q(publication_month__isnull=True) | Q(publication_year__isnull=False),
                name="mbc_books_edition_month_needs_year",
            ),
            models.CheckConstraint(
                condition=Q(publication_day__isnull=True) | Q(publication_month__isnull=False),
                name="mbc_books_edition_day_needs_month",
            ),
            models.CheckConstraint(
                condition=Q(publication_year__isnull=True)
                | Q(
                    publication_year__gte=FIRST_PUBLISHED_YEAR_MIN,
                    publication_year__lte=FIRST_PUBLISHED_YEAR_MAX,
                ),
                name="mbc_books_edition_year_range",
            ),
            models.CheckConstraint(
                condition=Q(publication_month__isnull=True)
                | Q(publication_month__gte=1, publication_month__lte=12),
                name="mbc_books_edition_month_range",
            ),
            models.CheckConstraint(
                condition=Q(publication_day__isnull=True)
                | Q(publication_day__gte=1, publication_day__lte=31),
                name="mbc_books_edition_day_range",
            ),
        ]

    def __str__(self) -> str:
        label = self.title or str(self.book)
        return f"{label} ({self.isbn_13})" if self.isbn_13 else label

    def clean(self) -> None:
        errors = publication_date_errors(self.publication_year, self.publication_month, self.publication_day)
        if errors:
            raise ValidationError(errors)

    @property
    def publication_date(self) -> str:
        """The date as precise as it is known: "1990", "1990-05" or "1990-05-17" ("" when unknown)."""
        if self.publication_year is None:
            return ""
        parts = [f"{self.publication_year:04d}"]
        if self.publication_month is not None:
            parts.append(f"{self.publication_month:02d}")
            if self.publication_day is not None:
                parts.append(f"{self.publication_day:02d}")
        return "-".join(parts)


def publication_date_errors(year: int | None, month: int | None, day: int | None) -> dict[str, str]:
    """Field errors of a partial date (year, year-month or full date); empty when it is valid."""
    if month is not None and year is None:
        return {"publication_month": _("A month needs a year.")}
    if day is not None and month is None:
        return {"publication_day": _("A day needs a month.")}
    if day is not None and year is not None and month is not None and 1 <= month <= 12:
        if day > calendar.monthrange(year, month)[1]:
            return {"publication_day": _("This month has no such day.")}
    return {}


class RevisionAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    REVERT = "revert", _("reverted")
    MERGE = "merge", _("merged")


class Revision(TimestampedModel):
    """One change to a book or one of its editions: who made it, when, and each field's old and new value.

    ``changes`` maps a field name to ``[old, new]`` in the API's JSON form, so that reverting is
    applying the old values through the same service that applied the new ones.
    """

    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("book"))
    edition = models.ForeignKey(
        Edition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("edition"),
    )
    # The edition's id kept after the edition itself is gone (merged away or reverted out of existence).
    edition_ref = models.BigIntegerField(_("edition id"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    action = models.CharField(_("action"), max_length=10, choices=RevisionAction.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reverts = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reverted_by",
        verbose_name=_("reverts"),
    )

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["book", "-created_at", "-id"], name="mbc_books_revision_book_idx")]

    def __str__(self) -> str:
        return f"{self.book_id} {self.action} #{self.pk}"


class MergeKind(models.TextChoices):
    BOOK = "book", _("book")
    EDITION = "edition", _("edition")
    AUTHOR = "author", _("author")


class MergeRedirect(TimestampedModel):
    """An id that a merge removed, and the survivor it now points to (answered with a 301)."""

    kind = models.CharField(_("kind"), max_length=10, choices=MergeKind.choices)
    old_id = models.BigIntegerField(_("old id"))
    new_id = models.BigIntegerField(_("new id"))
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged by"),
    )

    class Meta:
        verbose_name = _("merge redirect")
        verbose_name_plural = _("merge redirects")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "old_id"], name="mbc_books_mergeredirect_unique")
        ]
        indexes = [models.Index(fields=["kind", "new_id"], name="mbc_books_redirect_new_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.old_id} -> {self.new_id}"

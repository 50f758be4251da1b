"""Writing the catalog: the functions the API, the admin, ``load_demo`` and the importers share.

Each public function runs in one transaction. Changes made on behalf of a reader go through
:func:`create_book`, :func:`update_book`, :func:`create_edition` and :func:`update_edition`, which
record a :class:`~mybookconnect.books.models.Revision` (who, when, each field's old and new value).

Search vectors: on PostgreSQL, triggers keep every book's ``search_vector`` right on any write
(ORM, bulk inserts, ``QuerySet.update``, raw SQL, COPY). :func:`refresh_search_vectors` is for the
rare path that bypasses triggers (a bulk load with ``session_replication_role = replica``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction

from mybookconnect.books.isbn import isbn13_to_10, normalize_isbn
from mybookconnect.books.models import (
    Author,
    AuthorRole,
    Book,
    BookAuthor,
    BookSeries,
    Edition,
    Revision,
    RevisionAction,
    Series,
    Subject,
    derive_sort_name,
    slugify_subject,
)

BOOK_FIELDS = (
    "title",
    "subtitle",
    "description",
    "first_published_year",
    "original_language",
    "cover_url",
    "openlibrary_work_id",
)
BOOK_RELATIONS = ("authors", "subjects", "series")
EDITION_FIELDS = (
    "title",
    "isbn_10",
    "isbn_13",
    "publisher",
    "publication_year",
    "publication_month",
    "publication_day",
    "pages",
    "format",
    "language",
    "cover_url",
    "openlibrary_edition_id",
)


class DuplicateIsbn(Exception):
    """An ISBN that already belongs to another edition (the API answers 409 with its id)."""

    def __init__(self, edition: Edition) -> None:
        super().__init__(f"ISBN already used by edition {edition.pk}")
        self.edition = edition


class NotRevertible(Exception):
    """A revision that cannot be undone (a book's creation, a merge, an edition that no longer exists)."""


# Outside data (search vectors, lookups)


def refresh_search_vectors(book_ids: Iterable[int]) -> None:
    """Recompute the search vectors (and the typo-correction words) of these books.

    Triggers already do this on every write on PostgreSQL; call it after writes that bypass triggers.
    A no-op on other databases, where search reads the columns directly.
    """
    ids = sorted({int(pk) for pk in book_ids})
    if not ids or connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT mbc_books_refresh_vectors(%s::bigint[])", [ids])


def get_or_create_author(name: str, openlibrary_id: str | None = None, **defaults: Any) -> Author:
    """The author with this Open Library id, else the one with this name (ignoring case), else a new one.

    An author found by name gets the Open Library id when it had none. ``defaults`` (``bio``,
    ``birth_year``...) only fill a new author.
    """
    name = " ".join(name.split())
    if not name:
        raise ValueError("An author needs a name.")
    if openlibrary_id:
        found = Author.objects.filter(openlibrary_id=openlibrary_id).first()
        if found:
            return found
    found = Author.objects.filter(name__iexact=name).order_by("id").first()
    if found:
        if openlibrary_id and not found.openlibrary_id:
            found.openlibrary_id = openlibrary_id
            found.save(update_fields=["openlibrary_id", "updated_at"])
        return found
    return Author.objects.create(
        name=name, sort_name=derive_sort_name(name), openlibrary_id=openlibrary_id, **defaults
    )


def get_or_create_subject(name: str) -> Subject:
    """The subject with this name ignoring case, or a new one with a unique slug."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("A subject needs a name.")
    found = Subject.objects.filter(name__iexact=name).first()
    if found:
        return found
    base = slugify_subject(name)[:190] or "subject"
    slug, n = base, 1
    while Subject.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Subject.objects.create(name=name, slug=slug)


def get_or_create_series(name: str) -> Series:
    """The series with this name ignoring case, or a new one."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("A series needs a name.")
    found = Series.objects.filter(name__iexact=name).order_by("id").first()
    return found or Series.objects.create(name=name)


# Relations in their JSON form (the API's, and the history's)


def book_authors_data(book: Book) -> list[dict[str, Any]]:
    return [
        {"id": link.author_id, "name": link.author.name, "role": link.role}
        for link in book.book_authors.select_related("author").order_by("position", "id")
    ]


def book_subjects_data(book: Book) -> list[str]:
    return list(book.subjects.order_by("name", "id").values_list("name", flat=True))


def book_series_data(book: Book) -> list[dict[str, Any]]:
    return [
        {"id": link.series_id, "name": link.series.name, "position": _decimal_str(link.position)}
        for link in book.book_series.select_related("series").order_by("series__name", "id")
    ]


def _decimal_str(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _set_authors(book: Book, authors: Sequence[Mapping[str, Any]]) -> None:
    book.book_authors.all().delete()
    links = []
    seen: set[tuple[int, str]] = set()
    for position, item in enumerate(authors):
        author = Author.objects.filter(pk=item["id"]).first() if item.get("id") else None
        if author is None:
            author = get_or_create_author(item["name"])
        role = item.get("role") or AuthorRole.AUTHOR
        if (author.pk, role) in seen:
            continue
        seen.add((author.pk, role))
        links.append(BookAuthor(book=book, author=author, role=role, position=position))
    BookAuthor.objects.bulk_create(links)


def _set_subjects(book: Book, names: Sequence[str]) -> None:
    book.subjects.set([get_or_create_subject(name) for name in names])


def _set_series(book: Book, series: Sequence[Mapping[str, Any]]) -> None:
    book.book_series.all().delete()
    links = {}
    for item in series:
        found = Series.objects.filter(pk=item["id"]).first() if item.get("id") else None
        found = found or get_or_create_series(item["name"])
        position = item.get("position")
        links[found.pk] = BookSeries(
            book=book, series=found, position=None if position in (None, "") else Decimal(str(position))
        )
    BookSeries.objects.bulk_create(links.values())


_RELATION_READERS = {"authors": book_authors_data, "subjects": book_subjects_data, "series": book_series_data}
_RELATION_WRITERS = {"authors": _set_authors, "subjects": _set_subjects, "series": _set_series}


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _decimal_str(value)
    return value


# Books


@transaction.atomic
def create_book(data: Mapping[str, Any], user: Any = None) -> Book:
    """Create a book from validated data (scalar fields plus ``authors``, ``subjects``, ``series``).

    Records a "created" revision holding every value given.
    """
    book = Book.objects.create(**{f: data[f] for f in BOOK_FIELDS if f in data})
    changes: dict[str, list[Any]] = {f: [None, _json_value(data[f])] for f in BOOK_FIELDS if f in data}
    for relation in BOOK_RELATIONS:
        if relation in data:
            _RELATION_WRITERS[relation](book, data[relation])
            changes[relation] = [[], _RELATION_READERS[relation](book)]
    Revision.objects.create(
        book=book, user=_user_or_none(user), action=RevisionAction.CREATE, changes=changes
    )
    return book


@transaction.atomic
def update_book(
    book: Book,
    data: Mapping[str, Any],
    user: Any = None,
    *,
    action: str = RevisionAction.UPDATE,
    reverts=None,
) -> Revision | None:
    """Apply the fields present in ``data`` to ``book``; record what changed (nothing if nothing did)."""
    book = Book.objects.select_for_update().get(pk=book.pk)
    changes: dict[str, list[Any]] = {}
    changed_fields = []
    for field in BOOK_FIELDS:
        if field in data and getattr(book, field) != data[field]:
            changes[field] = [_json_value(getattr(book, field)), _json_value(data[field])]
            setattr(book, field, data[field])
            changed_fields.append(field)
    if changed_fields:
        book.save(update_fields=[*changed_fields, "updated_at"])
    for relation in BOOK_RELATIONS:
        if relation not in data:
            continue
        before = _RELATION_READERS[relation](book)
        _RELATION_WRITERS[relation](book, data[relation])
        after = _RELATION_READERS[relation](book)
        if before != after:
            changes[relation] = [before, after]
    if not changes:
        return None
    if not changed_fields:
        book.save(update_fields=["updated_at"])
    return Revision.objects.create(
        book=book, user=_user_or_none(user), action=action, changes=changes, reverts=reverts
    )


# Editions


def _edition_isbns(data: Mapping[str, Any]) -> dict[str, str | None]:
    """``isbn_10``/``isbn_13`` from an ``isbn`` in any form (``None`` clears both)."""
    if "isbn" not in data:
        return {}
    if not data["isbn"]:
        return {"isbn_10": None, "isbn_13": None}
    isbn_13 = normalize_isbn(data["isbn"])
    return {"isbn_13": isbn_13, "isbn_10": isbn13_to_10(isbn_13)}


def find_duplicate_isbn(isbn_13: str | None, exclude_pk: int | None = None) -> Edition | None:
    """The edition that already holds this ISBN-13, other than ``exclude_pk``."""
    if not isbn_13:
        return None
    return Edition.objects.filter(isbn_13=isbn_13).exclude(pk=exclude_pk).first()


def _save_edition(edition: Edition, **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            edition.save(**kwargs)
    except IntegrityError:
        duplicate = find_duplicate_isbn(edition.isbn_13, edition.pk)
        if duplicate is None and edition.isbn_10:
            duplicate = Edition.objects.filter(isbn_10=edition.isbn_10).exclude(pk=edition.pk).first()
        if duplicate is not None:
            raise DuplicateIsbn(duplicate) from None
        raise


@transaction.atomic
def create_edition(book: Book, data: Mapping[str, Any], user: Any = None) -> Edition:
    """Create an edition of ``book``; ``data["isbn"]`` may be any form. Raises :class:`DuplicateIsbn`."""
    values = {f: data[f] for f in EDITION_FIELDS if f in data}
    values.update(_edition_isbns(data))
    duplicate = find_duplicate_isbn(values.get("isbn_13"))
    if duplicate is not None:
        raise DuplicateIsbn(duplicate)
    edition = Edition(book=book, **values)
    _save_edition(edition)
    changes = {f: [None, _json_value(v)] for f, v in values.items() if v not in (None, "")}
    Revision.objects.create(
        book=book,
        edition=edition,
        edition_ref=edition.pk,
        user=_user_or_none(user),
        action=RevisionAction.CREATE,
        changes=changes,
    )
    return edition


@transaction.atomic
def update_edition(
    edition: Edition,
    data: Mapping[str, Any],
    user: Any = None,
    *,
    action: str = RevisionAction.UPDATE,
    reverts: Revision | None = None,
) -> Revision | None:
    """Apply the fields present in ``data`` to ``edition`` and record what changed.

    Raises :class:`DuplicateIsbn`.
    """
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    values = {f: data[f] for f in EDITION_FIELDS if f in data}
    values.update(_edition_isbns(data))
    changes = {}
    for field, value in values.items():
        if getattr(edition, field) != value:
            changes[field] = [_json_value(getattr(edition, field)), _json_value(value)]
            setattr(edition, field, value)
    if not changes:
        return None
    duplicate = find_duplicate_isbn(edition.isbn_13, edition.pk)
    if duplicate is not None:
        raise DuplicateIsbn(duplicate)
    _save_edition(edition, update_fields=[*changes, "updated_at"])
    return Revision.objects.create(
        book_id=edition.book_id,
        edition=edition,
        edition_ref=edition.pk,
        user=_user_or_none(user),
        action=action,
        changes=changes,
        reverts=reverts,
    )


# History


@transaction.atomic
def revert_revision(revision: Revision, user: Any = None) -> Revision:
    """Undo ``revision``: put back each field's old value (an edition's creation deletes the edition).

    Returns the new "reverted" revision. Raises :class:`NotRevertible` for a book's creation or a
    merge, or when the edition is gone, and :class:`DuplicateIsbn` if an old ISBN is now taken.
    """
    if revision.action == RevisionAction.MERGE:
        raise NotRevertible("A merge cannot be reverted.")
    is_edition = revision.edition_ref is not None
    if is_edition and revision.edition_id is None:
        raise NotRevertible("The edition no longer exists.")
    old_values = {field: values[0] for field, values in revision.changes.items()}
    if revision.action == RevisionAction.CREATE:
        if not is_edition:
            raise NotRevertible("A book's creation cannot be reverted; merge it or delete it instead.")
        edition = revision.edition
        changes = {
            f: [_json_value(getattr(edition, f)), None]
            for f in EDITION_FIELDS
            if getattr(edition, f) not in (None, "")
        }
        record = Revision.objects.create(
            book_id=edition.book_id,
            edition_ref=edition.pk,
            user=_user_or_none(user),
            action=RevisionAction.REVERT,
            changes=changes,
            reverts=revision,
        )
        edition.delete()
        return record
    if is_edition:
        result = update_edition(
            revision.edition, old_values, user, action=RevisionAction.REVERT, reverts=revision
        )
    else:
        result = update_book(revision.book, old_values, user, action=RevisionAction.REVERT, reverts=revision)
    if result is None:
        # Already back to those values: still record that a revert was asked for.
        result = Revision.objects.create(
            book_id=revision.book_id,
            edition=revision.edition,
            edition_ref=revision.edition_ref,
            user=_user_or_none(user),
            action=RevisionAction.REVERT,
            changes={},
            reverts=revision,
        )
    return result


def _user_or_none(user: Any) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None

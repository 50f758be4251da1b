"""Merging duplicates (staff only): books, editions and authors.

A merge moves every reference to the duplicate onto the survivor in one transaction, including
references from other apps (any foreign key to the model, found through Django's model metadata),
then deletes the duplicate and leaves a :class:`~mybookconnect.books.models.MergeRedirect` so that
its old id answers with a 301.

Readers' rows of merged books: a reader with an entry for both keeps the survivor's entry, which
takes the other's readings, shelves, tags and activities (and its rating if it had none); a reader
with a review of both keeps the more recently updated one. The survivor's aggregates are then
recomputed from its rows.

Apps whose rows would collide on the survivor (a reader's library entry for both books) resolve that
in a receiver of :data:`pre_merge`, which runs first in the same transaction; :data:`post_merge`
lets them recompute aggregates afterwards.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.dispatch import Signal

from mybookconnect.books import aggregates, caching
from mybookconnect.books.library import refresh_finished_on
from mybookconnect.books.models import (
    Activity,
    ActivityEntry,
    Author,
    Book,
    BookAuthor,
    BookSeries,
    Edition,
    LibraryEntry,
    MergeKind,
    MergeRedirect,
    ReadThrough,
    Report,
    Review,
    Revision,
    RevisionAction,
    ShelfMembership,
)
from mybookconnect.books.services import EDITION_FIELDS, _json_value, _user_or_none

#: Sent with ``kind`` ("book", "edition", "author"), ``source`` and ``target`` before anything moves.
pre_merge = Signal()
#: Sent with ``kind``, ``source_id`` and ``target`` after the merge, inside its transaction.
post_merge = Signal()


class MergeError(ValueError):
    """A merge that makes no sense (an object into itself, or objects of different kinds)."""


def _move_foreign_keys(
    model: type[models.Model], source: models.Model, target: models.Model, handled: set
) -> None:
    """Point every foreign key to ``source`` (outside ``handled`` relations) at ``target``."""
    for relation in model._meta.related_objects:
        if relation.many_to_many or not relation.field.concrete:
            continue
        if (relation.related_model, relation.field.name) in handled:
            continue
        relation.related_model._base_manager.filter(**{relation.field.name: source}).update(
            **{relation.field.name: target}
        )


def _record_redirect(kind: str, source_id: int, target_id: int, user: Any) -> None:
    # Ids that pointed to the source now point straight to the target: no chains of redirects.
    MergeRedirect.objects.filter(kind=kind, new_id=source_id).update(new_id=target_id)
    MergeRedirect.objects.update_or_create(
        kind=kind, old_id=source_id, defaults={"new_id": target_id, "merged_by": _user_or_none(user)}
    )


@transaction.atomic
def merge_books(source: Book, target: Book, user: Any = None) -> Book:
    """Merge ``source`` into ``target``: editions, authors, series, subjects, history, readers' entries
    and reviews and every other app's references move; blank fields of ``target`` are filled from
    ``source``; the aggregates are recomputed from the rows.
    """
    if source.pk == target.pk:
        raise MergeError("A book cannot be merged into itself.")
    source, target = _lock_books_for_merge(source.pk, target.pk)
    pre_merge.send(sender=Book, kind=MergeKind.BOOK, source=source, target=target)
    source_id = source.pk
    _merge_library_entries(source, target)
    _merge_reviews(source, target)
    # Activities name their book with a hidden relation (related_name "+"), which the generic move
    # below does not see; left behind, they would go with the source.
    Activity.objects.filter(book=source).update(book=target)
    # So do reports' snapshots (which name the book they were about without a relation Django follows).
    Report.objects.filter(book=source).update(book=target)

    Edition.objects.filter(book=source).update(book=target)
    Revision.objects.filter(book=source).update(book=target)
    existing_authors = set(target.book_authors.values_list("author_id", "role"))
    next_position = (target.book_authors.aggregate(m=models.Max("position"))["m"] or 0) + 1
    for link in source.book_authors.order_by("position", "id"):
        if (link.author_id, link.role) not in existing_authors:
            BookAuthor.objects.create(
                book=target, author_id=link.author_id, role=link.role, position=next_position
            )
            next_position += 1
    existing_series = set(target.book_series.values_list("series_id", flat=True))
    for link in source.book_series.all():
        if link.series_id not in existing_series:
            BookSeries.objects.create(book=target, series_id=link.series_id, position=link.position)
    target.subjects.add(*source.subjects.all())

    filled = {}
    for field in ("subtitle", "description", "first_published_year", "original_language", "cover_url"):
        if getattr(target, field) in (None, "") and getattr(source, field) not in (None, ""):
            filled[field] = [None, _json_value(getattr(source, field))]
            setattr(target, field, getattr(source, field))
    if not target.cover and source.cover:
        target.cover = source.cover
    if not target.openlibrary_work_id and source.openlibrary_work_id:
        work_id = source.openlibrary_work_id
        Book.objects.filter(pk=source.pk).update(openlibrary_work_id=None)
        target.openlibrary_work_id = work_id
    target.save()

    handled = {(Edition, "book"), (Revision, "book"), (BookAuthor, "book"), (BookSeries, "book")}
    _move_foreign_keys(Book, source, target, handled)
    source.delete()
    aggregates.recompute_book_aggregates([target.pk])
    target.refresh_from_db(fields=list(aggregates.AGGREGATE_FIELDS))
    _record_redirect(MergeKind.BOOK, source_id, target.pk, user)
    Revision.objects.create(
        book=target,
        user=_user_or_none(user),
        action=RevisionAction.MERGE,
        changes={"merged_book": [source_id, None], **filled},
    )
    post_merge.send(sender=Book, kind=MergeKind.BOOK, source_id=source_id, target=target)
    return target


def _lock_books_for_merge(source_id: int, target_id: int) -> tuple[Book, Book]:
    """Lock the two books' library entries, then the two books, and return the books.

    The order is the library writes' own: a rating locks its entry, then its book's row (the aggregates,
    :mod:`mybookconnect.books.aggregates`). Taking the books first would deadlock against a rating in
    progress; the books go in id order, so two merges of the same pair wait rather than deadlock.
    Raises ``Book.DoesNotExist`` when either book is gone.
    """
    entries = LibraryEntry.objects.select_for_update().filter(book__in=[source_id, target_id])
    list(entries.order_by("pk").values_list("pk", flat=True))
    books = Book.objects.select_for_update().filter(pk__in=[source_id, target_id]).order_by("pk")
    locked = {book.pk: book for book in books}
    if source_id not in locked or target_id not in locked:
        raise Book.DoesNotExist("The book to merge no longer exists.")
    return locked[source_id], locked[target_id]


def _merge_library_entries(source: Book, target: Book) -> None:
    """Readers with an entry for both books keep the survivor's, completed from the other; the
    other entries simply move with the book's foreign keys afterwards."""
    # Every reader of the source book sees their library change (cached pages: caching.py).
    caching.invalidate_libraries(LibraryEntry.objects.filter(book=source).values_list("user_id", flat=True))
    both = LibraryEntry.objects.filter(book=source).values("user_id")
    for kept in LibraryEntry.objects.select_for_update().filter(book=target, user_id__in=both).order_by("pk"):
        duplicate = LibraryEntry.objects.select_for_update().get(book=source, user_id=kept.user_id)
        ReadThrough.objects.filter(entry=duplicate).update(entry=kept)
        kept_shelves = ShelfMembership.objects.filter(entry=kept).values("shelf_id")
        ShelfMembership.objects.filter(entry=duplicate).exclude(shelf_id__in=kept_shelves).update(entry=kept)
        kept.tags.add(*duplicate.tags.all())
        Activity.objects.filter(entry=duplicate).update(entry=kept)
        kept_groups = ActivityEntry.objects.filter(entry=kept).values("activity_id")
        ActivityEntry.objects.filter(entry=duplicate).exclude(activity_id__in=kept_groups).update(entry=kept)
        if kept.rating_quarters is None and duplicate.rating_quarters is not None:
            kept.rating_quarters, kept.rated_at = duplicate.rating_quarters, duplicate.rated_at
        if kept.edition_id is None:
            kept.edition_id = duplicate.edition_id
        if not kept.format:
            kept.format = duplicate.format
        if not kept.notes:
            kept.notes = duplicate.notes
        kept.owned = kept.owned or duplicate.owned
        kept.wishlist = kept.wishlist or duplicate.wishlist
        kept.save()
        duplicate.delete()
        refresh_finished_on([kept.pk])


def _merge_reviews(source: Book, target: Book) -> None:
    """A reader who reviewed both books keeps the more recently updated review."""
    both = Review.objects.filter(book=source).values("user_id")
    for kept in Review.objects.select_for_update().filter(book=target, user_id__in=both).order_by("pk"):
        duplicate = Review.objects.select_for_update().get(book=source, user_id=kept.user_id)
        # The other one moves with the book's foreign keys afterwards.
        (duplicate if (kept.updated_at, kept.pk) >= (duplicate.updated_at, duplicate.pk) else kept).delete()


@transaction.atomic
def merge_editions(source: Edition, target: Edition, user: Any = None) -> Edition:
    """Merge ``source`` into ``target``: references move, blank fields (ISBNs included) are filled."""
    if source.pk == target.pk:
        raise MergeError("An edition cannot be merged into itself.")
    source = Edition.objects.select_for_update().get(pk=source.pk)
    target = Edition.objects.select_for_update().get(pk=target.pk)
    pre_merge.send(sender=Edition, kind=MergeKind.EDITION, source=source, target=target)
    source_id = source.pk
    filled = {}
    unique_taken = {}
    for field in EDITION_FIELDS:
        if getattr(target, field) in (None, "") and getattr(source, field) not in (None, ""):
            filled[field] = [None, _json_value(getattr(source, field))]
            setattr(target, field, getattr(source, field))
            if field in ("isbn_10", "isbn_13", "openlibrary_edition_id"):
                unique_taken[field] = None
    if unique_taken:
        # Unique values leave the source before the target takes them.
        Edition.objects.filter(pk=source.pk).update(**unique_taken)
    if not target.cover and source.cover:
        target.cover = source.cover
    target.save()
    Revision.objects.filter(edition=source).update(edition=target, edition_ref=target.pk, book=target.book_id)
    _move_foreign_keys(Edition, source, target, {(Revision, "edition")})
    source.delete()
    _record_redirect(MergeKind.EDITION, source_id, target.pk, user)
    Revision.objects.create(
        book_id=target.book_id,
        edition=target,
        edition_ref=target.pk,
        user=_user_or_none(user),
        action=RevisionAction.MERGE,
        changes={"merged_edition": [source_id, None], **filled},
    )
    post_merge.send(sender=Edition, kind=MergeKind.EDITION, source_id=source_id, target=target)
    return target


@transaction.atomic
def merge_authors(source: Author, target: Author, user: Any = None) -> Author:
    """Merge ``source`` into ``target``: books move (no duplicate roles), the source's names become
    other names of the target, blank fields are filled."""
    if source.pk == target.pk:
        raise MergeError("An author cannot be merged into itself.")
    source = Author.objects.select_for_update().get(pk=source.pk)
    target = Author.objects.select_for_update().get(pk=target.pk)
    pre_merge.send(sender=Author, kind=MergeKind.AUTHOR, source=source, target=target)
    source_id = source.pk
    existing = set(BookAuthor.objects.filter(author=target).values_list("book_id", "role"))
    for link in BookAuthor.objects.filter(author=source):
        if (link.book_id, link.role) in existing:
            link.delete()
        else:
            link.author = target
            link.save(update_fields=["author"])
    names = [target.name, *target.other_names]
    for name in [source.name, *source.other_names]:
        if name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    target.other_names = names[1:]
    for field in ("bio", "birth_year", "death_year"):
        if getattr(target, field) in (None, "") and getattr(source, field) not in (None, ""):
            setattr(target, field, getattr(source, field))
    if not target.photo and source.photo:
        target.photo = source.photo
    if not target.openlibrary_id and source.openlibrary_id:
        openlibrary_id = source.openlibrary_id
        Author.objects.filter(pk=source.pk).update(openlibrary_id=None)
        target.openlibrary_id = openlibrary_id
    target.save()
    _move_foreign_keys(Author, source, target, {(BookAuthor, "author")})
    source.delete()
    _record_redirect(MergeKind.AUTHOR, source_id, target.pk, user)
    post_merge.send(sender=Author, kind=MergeKind.AUTHOR, source_id=source_id, target=target)
    return target

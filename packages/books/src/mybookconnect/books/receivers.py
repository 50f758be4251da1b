"""The books app listening to core's signals (sent by the users app, which books never imports).

- ``default_audience_changed``: the reader's entries that follow their default take the new audience,
  with their activities (:func:`~mybookconnect.books.feed.follow_default_audience`).
- ``reader_followed``: a "followed" activity, with the follower's default audience.
- ``reader_unfollowed``: that activity goes.
- ``block_changed``: nothing is written; the two readers' cached feed pages go.

Cached feed pages (:func:`mybookconnect.books.caching.invalidate_activities`): each of these receivers
forgets the pages showing the readers concerned; so does a library entry's deletion, for the grouped
activities it leaves (the entry's owner is their actor). Deleting entries, activities or accounts costs
the same number of queries however many grouped activities they are in: the grouped activities' rows
(:class:`~mybookconnect.books.models.ActivityEntry`) have no receiver, so they go in one statement.

They run inside the sender's transaction, so a follow and its activity are written or undone together.

Cached library pages (:func:`mybookconnect.books.caching.invalidate_libraries`): the services of
:mod:`mybookconnect.books.library` forget the owner's pages themselves; these receivers cover the
other writes: a default audience changing the entries that follow it, a shelf or tag deleted in the
admin, a book deleted with its entries, an account deleted.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, pre_delete

from mybookconnect.core import signals
from mybookconnect.core.visibility import owner_pk

from . import caching, feed


def on_default_audience_changed(sender: Any, user: Any, audience: str, **kwargs: Any) -> None:
    feed.follow_default_audience(user, audience)
    caching.invalidate_libraries([owner_pk(user)])
    caching.invalidate_reader(owner_pk(user))  # feed pages showing them, "followed" items naming them


def on_library_part_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # A shelf or a tag: the owner's entries no longer show it.
    caching.invalidate_libraries([instance.user_id])


def on_book_deleting(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Its entries go with it (a merge moves them first): their readers' pages change.
    from .models import LibraryEntry

    caching.invalidate_libraries(LibraryEntry.objects.filter(book=instance).values_list("user_id", flat=True))


def on_entry_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # The grouped activities it was in show one book fewer; they are its owner's, so no query.
    caching.invalidate_activities([instance.user_id])


def on_account_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    caching.invalidate_libraries([instance.pk])


def on_reader_followed(sender: Any, follower: Any, followee: Any, **kwargs: Any) -> None:
    feed.record_follow(follower, followee)
    # Who may see whose followers-only items changed, both ways: their cached feed pages go.
    caching.invalidate_activities([owner_pk(follower), owner_pk(followee)])


def on_reader_unfollowed(sender: Any, follower: Any, followee: Any, **kwargs: Any) -> None:
    feed.forget_follow(follower, followee)
    # Both readers' cached feed pages go: a block (sent as unfollows) also hides "followed" items naming
    # the blocker from the blocked reader, whose own token is in every key of their feed.
    caching.invalidate_activities([owner_pk(follower), owner_pk(followee)])


def on_block_changed(sender: Any, blocker: Any, blocked: Any, **kwargs: Any) -> None:
    # "Followed" items naming the blocker show to the blocked reader no more (or again): their tokens
    # are in every key of their feed.
    caching.invalidate_activities([owner_pk(blocker), owner_pk(blocked)])


def connect_receivers() -> None:
    """Connect the receivers above (``BooksConfig.ready()`` does; connecting twice is harmless)."""
    signals.default_audience_changed.connect(
        on_default_audience_changed, dispatch_uid="mybookconnect_books.default_audience_changed"
    )
    signals.reader_followed.connect(on_reader_followed, dispatch_uid="mybookconnect_books.reader_followed")
    signals.reader_unfollowed.connect(
        on_reader_unfollowed, dispatch_uid="mybookconnect_books.reader_unfollowed"
    )
    signals.block_changed.connect(on_block_changed, dispatch_uid="mybookconnect_books.block_changed")
    from .models import Book, LibraryEntry, LibraryTag, Shelf

    for model in (Shelf, LibraryTag):
        post_delete.connect(
            on_library_part_deleted,
            sender=model,
            dispatch_uid=f"mybookconnect_books.library.{model.__name__}",
        )
    pre_delete.connect(on_book_deleting, sender=Book, dispatch_uid="mybookconnect_books.library.book")
    post_delete.connect(on_entry_deleted, sender=LibraryEntry, dispatch_uid="mybookconnect_books.feed.entry")
    post_delete.connect(
        on_account_deleted,
        sender=settings.AUTH_USER_MODEL,
        dispatch_uid="mybookconnect_books.library.account",
    )

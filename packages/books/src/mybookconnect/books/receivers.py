"""The books app listening to core's signals (sent by the users app, which books never imports).

- ``default_audience_changed``: the reader's entries that follow their default take the new audience,
  with their activities (:func:`~mybookconnect.books.feed.follow_default_audience`).
- ``reader_followed``: a "followed" activity, with the follower's default audience.
- ``reader_unfollowed``: that activity goes.

They run inside the sender's transaction, so a follow and its activity are written or undone together.
"""

from __future__ import annotations

from typing import Any

from mybookconnect.core import signals

from . import feed


def on_default_audience_changed(sender: Any, user: Any, audience: str, **kwargs: Any) -> None:
    feed.follow_default_audience(user, audience)


def on_reader_followed(sender: Any, follower: Any, followee: Any, **kwargs: Any) -> None:
    feed.record_follow(follower, followee)


def on_reader_unfollowed(sender: Any, follower: Any, followee: Any, **kwargs: Any) -> None:
    feed.forget_follow(follower, followee)


def connect_receivers() -> None:
    """Connect the receivers above (``BooksConfig.ready()`` does; connecting twice is harmless)."""
    signals.default_audience_changed.connect(
        on_default_audience_changed, dispatch_uid="mybookconnect_books.default_audience_changed"
    )
    signals.reader_followed.connect(on_reader_followed, dispatch_uid="mybookconnect_books.reader_followed")
    signals.reader_unfollowed.connect(
        on_reader_unfollowed, dispatch_uid="mybookconnect_books.reader_unfollowed"
    )

"""Signals the MyBookConnect apps send one another, so that none has to import another.

- ``default_audience_changed(sender, user, audience)``: a reader's default audience (what
  :meth:`~mybookconnect.core.visibility.VisibilityPolicy.default_audience` returns) is now
  ``audience``. Apps that copied the old default onto items that follow it update them.
- ``reader_followed(sender, follower, followee)``: ``follower`` now follows ``followee`` (an approved
  follow), for apps that record it, such as an activity feed.
- ``reader_unfollowed(sender, follower, followee)``: the follow ended (unfollowed, removed, blocked).
- ``block_changed(sender, blocker, blocked)``: ``blocker`` blocked ``blocked``, or lifted the block
  (ids): what each may see of the other changed, for apps that cache what readers see.

Receivers run inside the sender's transaction: what they write is kept or undone with it.
"""

from django.dispatch import Signal

default_audience_changed = Signal()
reader_followed = Signal()
reader_unfollowed = Signal()
block_changed = Signal()

"""Who may see an item: the visibility hook shared by the MyBookConnect apps.

An app that stores items with an owner and an :class:`Audience` asks the configured policy
"may viewer V see this item of owner O, posted with audience A?" through
:func:`get_visibility_policy`, either for one item (:meth:`VisibilityPolicy.can_view`) or for a
queryset (:meth:`VisibilityPolicy.filter_queryset`). Core knows no follow graph, so its
:class:`DefaultVisibilityPolicy` treats "followers" like "private"; the users app plugs a
follower-aware policy in through ``MYBOOKCONNECT["VISIBILITY_POLICY"]``.
"""

from __future__ import annotations

import abc
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .conf import core_settings


class Audience(models.TextChoices):
    """Who an owner means an item for."""

    PUBLIC = "public", _("Public")
    FOLLOWERS = "followers", _("Followers")
    PRIVATE = "private", _("Private")


def viewer_pk(user: Any) -> Any:
    """Return the primary key of an authenticated user, ``None`` for anonymous or missing users."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.pk


def owner_pk(owner: Any) -> Any:
    """Return the primary key of ``owner``, a user instance or already a primary key.

    Accepting a bare key lets callers that hold only ``item.user_id`` avoid a query.
    """
    return getattr(owner, "pk", owner)


class VisibilityPolicy(abc.ABC):
    """Decides whether a viewer may see an item of an owner posted with an audience.

    ``viewer`` is a user (possibly ``AnonymousUser``) or ``None``; ``owner`` is a user or its primary key.
    Both methods must agree: an item is in ``filter_queryset(...)`` exactly when ``can_view(...)`` is true.
    """

    @abc.abstractmethod
    def can_view(self, viewer: Any, owner: Any, audience: str) -> bool:
        """Return whether ``viewer`` may see an item of ``owner`` posted for ``audience``."""

    @abc.abstractmethod
    def filter_queryset(
        self,
        queryset: QuerySet,
        viewer: Any,
        *,
        owner_field: str = "user",
        audience_field: str = "audience",
    ) -> QuerySet:
        """Return ``queryset`` narrowed to the items ``viewer`` may see.

        ``owner_field`` names the foreign key to the owner and ``audience_field`` the audience
        column (lookups across relations such as ``"entry__user"`` work too).
        """

    def default_audience(self, owner: Any) -> str:
        """The audience an owner's new items get when they choose none (their privacy default).

        Core has no profile, so everything defaults to public; a policy backed by reader settings
        returns the reader's choice. Apps that copy this onto their items listen to
        :data:`mybookconnect.core.signals.default_audience_changed` to follow later changes.
        """
        return Audience.PUBLIC

    def followed_owners(self, viewer: Any) -> Any:
        """The primary keys of the owners ``viewer`` follows: a list, or a ``values()`` queryset usable
        in ``__in`` lookups (so a feed is one query). Core knows no follow graph: nobody."""
        return []

    @staticmethod
    def is_owner(viewer: Any, owner: Any) -> bool:
        """Return whether ``viewer`` is the authenticated user ``owner``."""
        viewer_id = viewer_pk(viewer)
        return viewer_id is not None and viewer_id == owner_pk(owner)


class DefaultVisibilityPolicy(VisibilityPolicy):
    """Public items are seen by everyone, anonymous visitors included; other items by their owner only.

    Staff see nothing more: moderation tools, not feeds, are where staff read private items.
    """

    def can_view(self, viewer: Any, owner: Any, audience: str) -> bool:
        return audience == Audience.PUBLIC or self.is_owner(viewer, owner)

    def filter_queryset(
        self,
        queryset: QuerySet,
        viewer: Any,
        *,
        owner_field: str = "user",
        audience_field: str = "audience",
    ) -> QuerySet:
        visible = Q(**{audience_field: Audience.PUBLIC})
        viewer_id = viewer_pk(viewer)
        if viewer_id is not None:
            visible |= Q(**{owner_field: viewer_id})
        return queryset.filter(visible)


def get_visibility_policy() -> VisibilityPolicy:
    """Return an instance of the policy named by ``MYBOOKCONNECT["VISIBILITY_POLICY"]``."""
    return core_settings.VISIBILITY_POLICY()

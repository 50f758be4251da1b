"""The follower-aware visibility policy, for core's hook.

A site sets ``MYBOOKCONNECT["VISIBILITY_POLICY"] = "mybookconnect.users.visibility.FollowerVisibilityPolicy"``
so that every app asking core's :func:`~mybookconnect.core.visibility.get_visibility_policy` gets
these rules:

- ``public``: anyone, anonymous visitors included, except readers the owner blocked;
- ``followers``: the owner and their approved followers (a pending request is not enough), unless blocked;
- ``private``: the owner only.

The owner always sees their own items. Staff see nothing more (moderation goes through the admin).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from mybookconnect.core.visibility import Audience, VisibilityPolicy

from .models import Block, Follow


def _viewer_pk(viewer: Any) -> Any:
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return None
    return viewer.pk


def _pk(user: Any) -> Any:
    return getattr(user, "pk", user)


class FollowerVisibilityPolicy(VisibilityPolicy):
    """Public for all but blocked readers, followers-only for approved followers, private for the owner."""

    def can_view(self, viewer: Any, owner: Any, audience: str) -> bool:
        if self.is_owner(viewer, owner):
            return True
        viewer_pk = _viewer_pk(viewer)
        if audience == Audience.PUBLIC:
            return (
                viewer_pk is None or not Block.objects.filter(blocker=_pk(owner), blocked=viewer_pk).exists()
            )
        if audience == Audience.FOLLOWERS and viewer_pk is not None:
            # A block removes the follow, so an existing follow implies no block by the owner.
            return Follow.objects.filter(follower=viewer_pk, followee=_pk(owner)).exists()
        return False

    def filter_queryset(
        self,
        queryset: QuerySet,
        viewer: Any,
        *,
        owner_field: str = "user",
        audience_field: str = "audience",
    ) -> QuerySet:
        viewer_pk = _viewer_pk(viewer)
        public = Q(**{audience_field: Audience.PUBLIC})
        if viewer_pk is None:
            return queryset.filter(public)
        owner = OuterRef(owner_field)
        blocked_by_owner = Exists(Block.objects.filter(blocker=owner, blocked=viewer_pk))
        follows_owner = Exists(Follow.objects.filter(follower=viewer_pk, followee=owner))
        return queryset.filter(
            Q(**{owner_field: viewer_pk})
            | (public & ~blocked_by_owner)
            | (Q(**{audience_field: Audience.FOLLOWERS}) & follows_owner)
        )

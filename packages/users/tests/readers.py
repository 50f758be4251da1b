"""Helpers for the profile, follow-graph and permission tests: readers with tokens and settings."""

from __future__ import annotations

from typing import Any

from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from mybookconnect.users import services
from mybookconnect.users.models import Block, Follow, FollowRequest, Profile

from .conftest import PASSWORD


def make_reader(username: str, **profile: Any) -> Any:
    """An account (lower-case username, valid for the swapped user model too) with profile fields set."""
    user = services.register_user(username=username, email=f"{username}@example.com", password=PASSWORD)
    if profile:
        Profile.objects.filter(user=user).update(**profile)
    return user


def client_for(user: Any | None) -> APIClient:
    """A client signed in as ``user`` with a bearer token (anonymous for ``None``)."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


def follows(follower: Any, followee: Any) -> Follow:
    return Follow.objects.create(follower=follower, followee=followee)


def requests_to_follow(requester: Any, target: Any) -> FollowRequest:
    return FollowRequest.objects.create(requester=requester, target=target)


def blocks(blocker: Any, blocked: Any) -> Block:
    return Block.objects.create(blocker=blocker, blocked=blocked)


def usernames(response: Any) -> list[str]:
    return [row["username"] for row in response.json()["results"]]

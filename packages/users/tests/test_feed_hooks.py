"""What the users app tells other apps through core's hooks: the policy's default audience (the profile's
privacy) and followed readers, and the signals sent wherever a follow starts or ends or the profile's
privacy changes (services, API and admin)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from mybookconnect.core import signals
from mybookconnect.core.visibility import Audience, get_visibility_policy
from mybookconnect.users import services
from mybookconnect.users.models import Block, Follow, FollowRequest, Profile
from mybookconnect.users.visibility import FollowerVisibilityPolicy

from .readers import client_for, follows, make_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard() -> Any:
    """Every signal of the three sent during the test, as ``(name, usernames or audience...)``."""
    events: list[tuple[str, ...]] = []

    def on_default(sender: Any, user: Any, audience: str, **kwargs: Any) -> None:
        events.append(("default_audience_changed", user.get_username(), audience))

    def on_followed(sender: Any, follower: Any, followee: Any, **kwargs: Any) -> None:
        events.append(("reader_followed", follower.get_username(), followee.get_username()))

    def on_unfollowed(sender: Any, follower: Any, followee: Any, **kwargs: Any) -> None:
        events.append(("reader_unfollowed", follower.get_username(), followee.get_username()))

    receivers = [
        (signals.default_audience_changed, on_default),
        (signals.reader_followed, on_followed),
        (signals.reader_unfollowed, on_unfollowed),
    ]
    for signal, receiver in receivers:
        signal.connect(receiver)
    yield events
    for signal, receiver in receivers:
        signal.disconnect(receiver)


@pytest.fixture
def ann(db):
    return make_reader("ann")


@pytest.fixture
def bob(db):
    return make_reader("bob")


# --- the policy -----------------------------------------------------------------------------------


@pytest.mark.parametrize("visibility", Audience.values)
def test_default_audience_is_the_profiles_privacy(ann, visibility):
    Profile.objects.filter(user=ann).update(profile_visibility=visibility)
    policy = get_visibility_policy()

    assert policy.default_audience(ann) == visibility
    assert policy.default_audience(ann.pk) == visibility


def test_default_audience_without_a_profile_is_public(ann):
    Profile.objects.filter(user=ann).delete()

    assert FollowerVisibilityPolicy().default_audience(ann) == Audience.PUBLIC


def test_followed_owners_are_the_approved_follows(ann, bob):
    carl, dora = make_reader("carl"), make_reader("dora")
    follows(ann, bob)
    follows(ann, carl)
    follows(dora, ann)
    FollowRequest.objects.create(requester=ann, target=dora)
    policy = FollowerVisibilityPolicy()

    followed = policy.followed_owners(ann)

    assert sorted(row["followee"] for row in followed) == sorted([bob.pk, carl.pk])
    # Usable as a subquery: one query for a whole feed.
    assert set(Profile.objects.filter(user__in=followed).values_list("user", flat=True)) == {bob.pk, carl.pk}
    assert list(policy.followed_owners(AnonymousUser())) == []
    assert list(policy.followed_owners(None)) == []


# --- services -------------------------------------------------------------------------------------


def test_a_change_of_profile_privacy_is_announced(ann, heard):
    services.update_profile(ann, {"profile_visibility": Audience.FOLLOWERS})
    services.update_profile(ann, {"profile_visibility": Audience.FOLLOWERS, "bio": "Same privacy."})
    services.update_profile(ann, {"display_name": "Ann"})
    services.update_profile(ann, {"profile_visibility": Audience.PRIVATE})

    assert heard == [
        ("default_audience_changed", "ann", "followers"),
        ("default_audience_changed", "ann", "private"),
    ]


def test_a_direct_follow_and_its_end_are_announced(ann, bob, heard):
    services.follow(ann, bob)
    services.follow(ann, bob)
    services.unfollow(ann, bob)
    services.unfollow(ann, bob)

    assert heard == [("reader_followed", "ann", "bob"), ("reader_unfollowed", "ann", "bob")]


def test_a_request_is_announced_only_once_accepted(ann, bob, heard):
    Profile.objects.filter(user=bob).update(approve_followers=True)

    assert services.follow(ann, bob) == ("requested", True)
    services.unfollow(ann, bob)  # cancels the request: no follow ended
    services.follow(ann, bob)
    assert heard == []

    services.accept_follow_request(FollowRequest.objects.get())

    assert heard == [("reader_followed", "ann", "bob")]


def test_turning_approval_off_announces_each_accepted_request(ann, bob, heard):
    carl = make_reader("carl")
    Profile.objects.filter(user=bob).update(approve_followers=True)
    services.follow(ann, bob)
    services.follow(carl, bob)

    services.update_profile(bob, {"approve_followers": False})

    assert sorted(heard) == [("reader_followed", "ann", "bob"), ("reader_followed", "carl", "bob")]
    assert Follow.objects.filter(followee=bob).count() == 2


def test_removing_a_follower_is_announced(ann, bob, heard):
    follows(ann, bob)

    services.remove_follower(bob, ann)
    services.remove_follower(bob, ann)

    assert heard == [("reader_unfollowed", "ann", "bob")]


def test_a_block_ends_both_follows_and_announces_each(ann, bob, heard):
    carl = make_reader("carl")
    follows(ann, bob)
    follows(bob, ann)
    follows(carl, ann)

    services.block(ann, bob)

    assert sorted(heard) == [("reader_unfollowed", "ann", "bob"), ("reader_unfollowed", "bob", "ann")]


def test_a_block_without_follows_announces_nothing(ann, bob, heard):
    services.block(ann, bob)

    assert heard == []


def test_a_failing_receiver_undoes_the_follow(ann, bob):
    def refuse(**kwargs: Any) -> None:
        raise RuntimeError("the feed could not record it")

    signals.reader_followed.connect(refuse)
    try:
        with pytest.raises(RuntimeError):
            services.follow(ann, bob)
    finally:
        signals.reader_followed.disconnect(refuse)

    assert not Follow.objects.exists()


# --- the API --------------------------------------------------------------------------------------


def test_the_api_announces_follows_and_privacy(ann, bob, heard):
    client = client_for(ann)

    assert client.post("/api/v1/users/bob/follow/").status_code == 201
    assert client.delete("/api/v1/users/bob/follow/").status_code == 204
    assert (
        client.patch("/api/v1/auth/me/", {"profile_visibility": "private"}, format="json").status_code == 200
    )

    assert heard == [
        ("reader_followed", "ann", "bob"),
        ("reader_unfollowed", "ann", "bob"),
        ("default_audience_changed", "ann", "private"),
    ]


# --- the admin ------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, make_user):
    staff = make_user(username="site_admin", email="admin@example.com", is_staff=True, is_superuser=True)
    client.force_login(staff)
    return client


def test_follows_made_and_deleted_in_the_admin_are_announced(admin_client, ann, bob, heard):
    carl = make_reader("carl")

    response = admin_client.post(
        reverse("admin:mybookconnect_users_follow_add"), {"follower": ann.pk, "followee": bob.pk}
    )
    assert response.status_code == 302
    follow_row = Follow.objects.get()
    response = admin_client.post(
        reverse("admin:mybookconnect_users_follow_change", args=[follow_row.pk]),
        {"follower": ann.pk, "followee": carl.pk},
    )
    assert response.status_code == 302
    response = admin_client.post(
        reverse("admin:mybookconnect_users_follow_delete", args=[follow_row.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    rows = [follows(bob, ann), follows(carl, ann)]
    response = admin_client.post(
        reverse("admin:mybookconnect_users_follow_changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk for row in rows], "post": "yes"},
    )
    assert response.status_code == 302

    assert heard[:4] == [
        ("reader_followed", "ann", "bob"),
        ("reader_unfollowed", "ann", "bob"),
        ("reader_followed", "ann", "carl"),
        ("reader_unfollowed", "ann", "carl"),
    ]
    assert sorted(heard[4:]) == [("reader_unfollowed", "bob", "ann"), ("reader_unfollowed", "carl", "ann")]
    assert not Follow.objects.exists()


def test_a_follow_saved_unchanged_in_the_admin_is_not_announced_again(admin_client, ann, bob, heard):
    follow_row = follows(ann, bob)

    response = admin_client.post(
        reverse("admin:mybookconnect_users_follow_change", args=[follow_row.pk]),
        {"follower": ann.pk, "followee": bob.pk},
    )

    assert response.status_code == 302
    assert heard == []


@pytest.mark.parametrize(("changed", "announced"), [(["profile_visibility"], True), (["bio"], False)])
def test_profile_privacy_changed_in_the_admin_is_announced(ann, heard, changed, announced):
    profile = Profile.objects.get(user=ann)
    profile.profile_visibility = Audience.FOLLOWERS
    model_admin = admin.site._registry[Profile]
    request = RequestFactory().post("/")

    with transaction.atomic():
        model_admin.save_model(request, profile, SimpleNamespace(changed_data=changed), change=True)

    assert heard == ([("default_audience_changed", "ann", "followers")] if announced else [])


@pytest.fixture
def blocks_heard() -> Any:
    """``(blocker, blocked)`` usernames of every ``block_changed`` sent during the test."""
    from django.contrib.auth import get_user_model

    events: list[tuple[str, str]] = []
    users = get_user_model()._default_manager

    def on_block_changed(sender: Any, blocker: Any, blocked: Any, **kwargs: Any) -> None:
        events.append((users.get(pk=blocker).get_username(), users.get(pk=blocked).get_username()))

    signals.block_changed.connect(on_block_changed)
    yield events
    signals.block_changed.disconnect(on_block_changed)


def test_a_block_made_in_the_admin_ends_follows_and_requests_like_the_apis(
    admin_client, ann, bob, heard, blocks_heard
):
    carl = make_reader("carl")
    follows(ann, bob)
    follows(bob, ann)
    follows(ann, carl)
    FollowRequest.objects.create(requester=bob, target=carl)

    response = admin_client.post(
        reverse("admin:mybookconnect_users_block_add"), {"blocker": ann.pk, "blocked": bob.pk}
    )

    assert response.status_code == 302
    block = Block.objects.get()
    assert (block.blocker, block.blocked) == (ann, bob)
    assert set(Follow.objects.values_list("follower", "followee")) == {(ann.pk, carl.pk)}
    assert sorted(heard) == [("reader_unfollowed", "ann", "bob"), ("reader_unfollowed", "bob", "ann")]
    assert blocks_heard == [("ann", "bob")]
    # Bob's request to carl has nothing to do with the block.
    assert FollowRequest.objects.filter(requester=bob, target=carl).exists()

    FollowRequest.objects.create(requester=carl, target=ann)
    response = admin_client.post(
        reverse("admin:mybookconnect_users_block_add"), {"blocker": carl.pk, "blocked": ann.pk}
    )
    assert response.status_code == 302
    assert not FollowRequest.objects.filter(requester=carl).exists()
    assert not Follow.objects.exists()


def test_a_block_changed_in_the_admin_lifts_the_old_one_and_makes_the_new_one(
    admin_client, ann, bob, heard, blocks_heard
):
    carl = make_reader("carl")
    block = Block.objects.create(blocker=ann, blocked=bob)
    follows(carl, ann)
    blocks_heard.clear()
    url = reverse("admin:mybookconnect_users_block_change", args=[block.pk])

    assert admin_client.post(url, {"blocker": ann.pk, "blocked": bob.pk}).status_code == 302
    assert (heard, blocks_heard) == ([], [])

    assert admin_client.post(url, {"blocker": ann.pk, "blocked": carl.pk}).status_code == 302
    assert list(Block.objects.values_list("blocker", "blocked")) == [(ann.pk, carl.pk)]
    assert not Follow.objects.exists()
    assert heard == [("reader_unfollowed", "carl", "ann")]
    assert blocks_heard == [("ann", "bob"), ("ann", "carl")]


def test_blocks_lifted_in_the_admin_are_announced(admin_client, ann, bob, blocks_heard):
    carl = make_reader("carl")
    single = Block.objects.create(blocker=ann, blocked=bob)
    selected = [
        Block.objects.create(blocker=bob, blocked=ann),
        Block.objects.create(blocker=carl, blocked=ann),
    ]
    blocks_heard.clear()

    response = admin_client.post(
        reverse("admin:mybookconnect_users_block_delete", args=[single.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    response = admin_client.post(
        reverse("admin:mybookconnect_users_block_changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk for row in selected], "post": "yes"},
    )
    assert response.status_code == 302

    assert not Block.objects.exists()
    assert blocks_heard[0] == ("ann", "bob")
    assert sorted(blocks_heard[1:]) == [("bob", "ann"), ("carl", "ann")]
    # Lifting a block restores no follow (as the API's unblock).
    assert not Follow.objects.exists()


def test_the_admin_refuses_a_block_of_oneself_with_the_apis_message(admin_client, ann):
    response = admin_client.post(
        reverse("admin:mybookconnect_users_block_add"), {"blocker": ann.pk, "blocked": ann.pk}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"blocked": ["You cannot block yourself."]}
    assert not Block.objects.exists()

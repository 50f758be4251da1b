"""FollowerVisibilityPolicy: can_view and filter_queryset agree, for every viewer and audience."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mybookconnect.core.visibility import Audience, get_visibility_policy
from mybookconnect.users.models import Follow, Profile
from mybookconnect.users.visibility import FollowerVisibilityPolicy

from .readers import blocks, follows, make_reader, requests_to_follow

pytestmark = pytest.mark.django_db

EXPECTED = {
    #            public followers private
    "owner": (True, True, True),
    "follower": (True, True, False),
    "pending": (True, False, False),
    "stranger": (True, False, False),
    "blocked": (False, False, False),
    "anonymous": (True, False, False),
}


@pytest.fixture
def people(db):
    owner = make_reader("olive")
    people = {
        "owner": owner,
        "follower": make_reader("fran"),
        "pending": make_reader("pat"),
        "stranger": make_reader("sam"),
        "blocked": make_reader("bob"),
        "anonymous": AnonymousUser(),
    }
    follows(people["follower"], owner)
    requests_to_follow(people["pending"], owner)
    blocks(owner, people["blocked"])
    return people


def test_site_uses_it():
    assert isinstance(get_visibility_policy(), FollowerVisibilityPolicy)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_can_view_and_filter_queryset_agree(people, role):
    policy = FollowerVisibilityPolicy()
    owner, viewer = people["owner"], people[role]
    expected = dict(zip(Audience.values, EXPECTED[role], strict=True))
    assert {audience: policy.can_view(viewer, owner, audience) for audience in Audience.values} == expected
    assert {audience: policy.can_view(viewer, owner.pk, audience) for audience in Audience.values} == expected
    # Profiles stand in for any item with an owner and an audience.
    for audience in Audience.values:
        Profile.objects.filter(user=owner).update(profile_visibility=audience)
        visible = policy.filter_queryset(
            Profile.objects.filter(user=owner),
            viewer,
            owner_field="user",
            audience_field="profile_visibility",
        ).exists()
        assert visible is expected[audience], audience


def test_none_viewer_is_anonymous(people):
    policy = FollowerVisibilityPolicy()
    assert policy.can_view(None, people["owner"], Audience.PUBLIC)
    assert not policy.can_view(None, people["owner"], Audience.FOLLOWERS)
    assert list(policy.filter_queryset(Profile.objects.all(), None, audience_field="profile_visibility"))


def test_filter_queryset_across_relations(people):
    # owner_field may follow relations, as in books' "entry__user".
    policy = FollowerVisibilityPolicy()
    Profile.objects.filter(user=people["owner"]).update(profile_visibility=Audience.FOLLOWERS)
    rows = policy.filter_queryset(
        Follow.objects.all(),
        people["follower"],
        owner_field="followee__mybookconnect_profile__user",
        audience_field="followee__mybookconnect_profile__profile_visibility",
    )
    assert rows.count() == 1


def test_check_warns_without_the_policy(settings):
    from mybookconnect.users.checks import check_visibility_policy

    assert check_visibility_policy() == []
    settings.MYBOOKCONNECT = {}
    [warning] = check_visibility_policy()
    assert warning.id == "mybookconnect_users.W002"

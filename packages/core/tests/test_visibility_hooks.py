"""The hooks apps use to follow readers' defaults and follows without importing one another: the policy's
``default_audience`` and ``followed_owners``, and the signals in ``mybookconnect.core.signals``."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.dispatch import Signal
from django.test import override_settings

from mybookconnect.core import signals
from mybookconnect.core.visibility import Audience, DefaultVisibilityPolicy, get_visibility_policy

from .testapp.models import Note

pytestmark = pytest.mark.django_db


class FollowsTheFirstReader(DefaultVisibilityPolicy):
    """A site's policy: everything private by default, and everybody follows reader number one."""

    def default_audience(self, owner):
        return Audience.PRIVATE

    def followed_owners(self, viewer):
        return Note.objects.filter(text="first").values("user")


def test_core_defaults_to_public_and_follows_nobody(make_user):
    policy = DefaultVisibilityPolicy()
    owner = make_user("owner")

    assert policy.default_audience(owner) == Audience.PUBLIC
    assert policy.default_audience(owner.pk) == Audience.PUBLIC
    assert list(policy.followed_owners(owner)) == []
    assert list(policy.followed_owners(AnonymousUser())) == []
    assert list(policy.followed_owners(None)) == []


def test_followed_owners_works_in_an_in_lookup(make_user):
    first, second = make_user("first"), make_user("second")
    Note.objects.create(user=first, audience=Audience.PUBLIC, text="first")
    Note.objects.create(user=second, audience=Audience.PUBLIC, text="second")

    with override_settings(MYBOOKCONNECT={"VISIBILITY_POLICY": FollowsTheFirstReader}):
        policy = get_visibility_policy()
        followed = Note.objects.filter(user__in=policy.followed_owners(second))
        assert policy.default_audience(second) == Audience.PRIVATE

    assert [note.text for note in followed] == ["first"]
    # Core's own answer is usable the same way: it finds nothing.
    assert not Note.objects.filter(user__in=DefaultVisibilityPolicy().followed_owners(second)).exists()


@pytest.mark.parametrize(
    ("signal", "arguments"),
    [
        (signals.default_audience_changed, {"user": "ana", "audience": Audience.FOLLOWERS}),
        (signals.reader_followed, {"follower": "ana", "followee": "bruno"}),
        (signals.reader_unfollowed, {"follower": "ana", "followee": "bruno"}),
    ],
)
def test_signals_reach_their_receivers_with_their_arguments(signal, arguments):
    heard = []

    def receiver(sender, **kwargs):
        heard.append((sender, {key: kwargs[key] for key in arguments}))

    assert isinstance(signal, Signal)
    signal.connect(receiver)
    try:
        signal.send(sender="users", **arguments)
    finally:
        signal.disconnect(receiver)

    assert heard == [("users", arguments)]

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings

from mybookconnect.core.visibility import (
    Audience,
    DefaultVisibilityPolicy,
    VisibilityPolicy,
    get_visibility_policy,
)

from .testapp.models import Note

pytestmark = pytest.mark.django_db


class EveryoneSeesEverything(VisibilityPolicy):
    def can_view(self, viewer, owner, audience):
        return True

    def filter_queryset(self, queryset, viewer, *, owner_field="user", audience_field="audience"):
        return queryset


@pytest.fixture
def people(make_user):
    owner = make_user("owner")
    stranger = make_user("stranger")
    staff = make_user("staff")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    return {"owner": owner, "stranger": stranger, "staff": staff, "anonymous": AnonymousUser(), "none": None}


# Who sees an item of "owner" posted for each audience under the default policy.
MATRIX = [
    ("owner", Audience.PUBLIC, True),
    ("owner", Audience.FOLLOWERS, True),
    ("owner", Audience.PRIVATE, True),
    ("stranger", Audience.PUBLIC, True),
    ("stranger", Audience.FOLLOWERS, False),
    ("stranger", Audience.PRIVATE, False),
    ("staff", Audience.PUBLIC, True),
    ("staff", Audience.FOLLOWERS, False),
    ("staff", Audience.PRIVATE, False),
    ("anonymous", Audience.PUBLIC, True),
    ("anonymous", Audience.FOLLOWERS, False),
    ("anonymous", Audience.PRIVATE, False),
    ("none", Audience.PUBLIC, True),
    ("none", Audience.PRIVATE, False),
]


@pytest.mark.parametrize(("viewer", "audience", "visible"), MATRIX)
def test_default_policy_can_view(people, viewer, audience, visible):
    policy = DefaultVisibilityPolicy()

    assert policy.can_view(people[viewer], people["owner"], audience) is visible
    assert policy.can_view(people[viewer], people["owner"].pk, audience) is visible


@pytest.mark.parametrize(("viewer", "audience", "visible"), MATRIX)
def test_default_policy_filter_queryset_agrees_with_can_view(people, viewer, audience, visible):
    note = Note.objects.create(user=people["owner"], audience=audience, text="x")
    Note.objects.create(user=people["stranger"], audience=Audience.PRIVATE, text="someone else's")

    visible_notes = DefaultVisibilityPolicy().filter_queryset(
        Note.objects.filter(user=people["owner"]), people[viewer]
    )

    assert list(visible_notes) == ([note] if visible else [])


def test_filter_queryset_takes_field_names(people):
    public = Note.objects.create(user=people["owner"], audience=Audience.PUBLIC, text="a")
    Note.objects.create(user=people["owner"], audience=Audience.PRIVATE, text="b")

    visible = DefaultVisibilityPolicy().filter_queryset(
        Note.objects.all(), people["stranger"], owner_field="user__pk", audience_field="audience"
    )

    assert list(visible) == [public]


def test_unknown_audience_is_for_the_owner_only(people):
    policy = DefaultVisibilityPolicy()

    assert policy.can_view(people["owner"], people["owner"], "friends-of-friends") is True
    assert policy.can_view(people["stranger"], people["owner"], "friends-of-friends") is False


def test_list_view_uses_the_policy(api_client, people):
    Note.objects.create(user=people["owner"], audience=Audience.PUBLIC, text="public")
    Note.objects.create(user=people["owner"], audience=Audience.FOLLOWERS, text="followers")
    Note.objects.create(user=people["owner"], audience=Audience.PRIVATE, text="private")

    anonymous = api_client.get("/api/v1/test/notes/").json()["results"]
    api_client.force_authenticate(people["owner"])
    own = api_client.get("/api/v1/test/notes/").json()["results"]

    assert [note["text"] for note in anonymous] == ["public"]
    assert [note["text"] for note in own] == ["public", "followers", "private"]


def test_get_visibility_policy_returns_the_configured_policy():
    assert type(get_visibility_policy()) is DefaultVisibilityPolicy
    policy_path = "tests.test_visibility.EveryoneSeesEverything"
    with override_settings(MYBOOKCONNECT={"VISIBILITY_POLICY": policy_path}):
        assert type(get_visibility_policy()) is EveryoneSeesEverything


def test_audience_choices():
    assert Audience.choices == [("public", "Public"), ("followers", "Followers"), ("private", "Private")]


def test_policy_interface_requires_both_methods():
    class Incomplete(VisibilityPolicy):
        def can_view(self, viewer, owner, audience):
            return True

    with pytest.raises(TypeError):
        Incomplete()

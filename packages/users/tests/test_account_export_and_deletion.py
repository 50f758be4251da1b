"""The reader's data export (``GET auth/me/export/``) and account deletion (``DELETE auth/me/``)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from mybookconnect.core.export import register_exporter, registered_sections, unregister_exporter
from mybookconnect.users import accounts
from mybookconnect.users.api.account_serializers import AccountDeletionSerializer
from mybookconnect.users.models import Block, Follow, FollowRequest, Profile

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/auth/me/export/"
ME = "/api/v1/auth/me/"
REFRESH = "/api/v1/auth/token/refresh/"


@pytest.fixture
def graph(user, make_user):
    """Ann follows Bob, Cy follows Ann, Dee asked to follow Ann, Ann asked Eve, Ann blocked Fay,
    Gus blocked Ann; and Bob and Cy have their own relations that are none of Ann's business."""
    others = {
        name: make_user(username=f"{name}_reader", email=f"{name}@example.com")
        for name in ("bob", "cy", "dee", "eve", "fay", "gus")
    }
    Follow.objects.create(follower=user, followee=others["bob"])
    Follow.objects.create(follower=others["cy"], followee=user)
    FollowRequest.objects.create(requester=others["dee"], target=user)
    FollowRequest.objects.create(requester=user, target=others["eve"])
    Block.objects.create(blocker=user, blocked=others["fay"])
    Block.objects.create(blocker=others["gus"], blocked=user)
    Follow.objects.create(follower=others["bob"], followee=others["cy"])
    FollowRequest.objects.create(requester=others["cy"], target=others["dee"])
    Block.objects.create(blocker=others["eve"], blocked=others["bob"])
    return others


def usernames(rows):
    return [row["username"] for row in rows]


def test_export_holds_every_section_and_only_the_readers_data(auth_client, user, graph):
    profile = Profile.objects.get(user=user)
    profile.display_name = "Ann R."
    profile.bio = "Reads at night."
    profile.save()

    response = auth_client.get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="mybookconnect-export-ann_reader.json"'
    data = response.json()
    assert set(data) == set(registered_sections())
    account = data["account"]
    assert account["username"] == "ann_reader"
    assert account["email"] == "ann@example.com"
    assert account["profile"]["display_name"] == "Ann R."
    assert account["profile"]["bio"] == "Reads at night."
    assert {"profile_visibility", "birth_date", "favourite_genres", "avatar_small"} <= set(account["profile"])
    assert usernames(account["following"]) == ["bob_reader"]
    assert usernames(account["followers"]) == ["cy_reader"]
    assert usernames(account["follow_requests"]["incoming"]) == ["dee_reader"]
    assert usernames(account["follow_requests"]["outgoing"]) == ["eve_reader"]
    assert usernames(account["blocked"]) == ["fay_reader"]
    assert all(row["since"] for row in account["following"] + account["blocked"])
    # Who blocked Ann is Gus's data; other readers' addresses and relations are theirs.
    text = json.dumps(data)
    assert "gus" not in text
    assert "@example.com" not in text.replace("ann@example.com", "")


def test_export_includes_sections_other_apps_register(auth_client, user):
    register_exporter("shelves", lambda reader: {"owner": reader.get_username(), "books": []})
    try:
        data = auth_client.get(EXPORT).json()
    finally:
        unregister_exporter("shelves")

    assert data["shelves"] == {"owner": "ann_reader", "books": []}
    assert "account" in data


def test_export_needs_a_signed_in_reader(api_client, user):
    response = api_client.get(EXPORT)

    assert response.status_code == 401


def test_export_takes_a_bounded_number_of_queries(
    auth_client, user, graph, make_user, django_assert_max_num_queries
):
    for n in range(30):
        Follow.objects.create(
            follower=make_user(username=f"fan_{n}", email=f"fan{n}@example.com"), followee=user
        )

    with django_assert_max_num_queries(10):
        response = auth_client.get(EXPORT)

    assert len(response.json()["account"]["followers"]) == 31


# Deletion -----------------------------------------------------------------------------------------


def delete_me(client, body):
    return client.delete(ME, body, format="json")


def test_deletion_removes_the_account_and_everything_about_it(auth_client, api_client, user, tokens, graph):
    other_device = str(RefreshToken.for_user(user))
    pk = user.pk

    response = delete_me(auth_client, {"password": PASSWORD})

    assert response.status_code == 204
    assert not get_user_model()._default_manager.filter(pk=pk).exists()
    assert not Profile.objects.filter(user_id=pk).exists()
    assert not Follow.objects.filter(follower_id=pk).exists()
    assert not Follow.objects.filter(followee_id=pk).exists()
    assert not FollowRequest.objects.filter(requester_id=pk).exists()
    assert not FollowRequest.objects.filter(target_id=pk).exists()
    assert not Block.objects.filter(blocker_id=pk).exists()
    assert not Block.objects.filter(blocked_id=pk).exists()
    # Other readers' data stays.
    assert Follow.objects.filter(follower=graph["bob"], followee=graph["cy"]).exists()
    assert Block.objects.filter(blocker=graph["eve"]).exists()
    # Every refresh token is revoked (the access token's account is gone too).
    client = type(api_client)()
    for refresh in (tokens["refresh"], other_device):
        assert client.post(REFRESH, {"refresh": refresh}, format="json").status_code == 401
    assert BlacklistedToken.objects.filter(
        token__jti__in=[RefreshToken(other_device, verify=False)["jti"]]
    ).exists()
    assert auth_client.get(ME).status_code == 401


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"password": ["This field is required."]}),
        ({"password": "wrong"}, {"password": ["The password is not correct."]}),
        ({"password": 123}, {"password": ["Not a valid string."]}),
        ({"password": PASSWORD, "confirm": True}, {"confirm": ["This field is not allowed."]}),
    ],
)
def test_deletion_refuses_bad_input_and_deletes_nothing(auth_client, user, graph, body, errors):
    response = delete_me(auth_client, body)

    assert response.status_code == 400
    assert response.json() == errors
    assert get_user_model()._default_manager.filter(pk=user.pk).exists()
    assert Follow.objects.filter(follower=user).exists()
    assert not BlacklistedToken.objects.exists()


def test_deletion_refuses_malformed_json(auth_client, user):
    response = auth_client.generic("DELETE", ME, '{"password"', content_type="application/json")

    assert response.status_code == 400
    assert get_user_model()._default_manager.filter(pk=user.pk).exists()


def test_deletion_needs_a_signed_in_reader(api_client, user):
    assert delete_me(api_client, {"password": PASSWORD}).status_code == 401
    assert get_user_model()._default_manager.filter(pk=user.pk).exists()


def test_service_checks_the_password_itself(user):
    with pytest.raises(ValidationError) as error:
        accounts.delete_account(user, "wrong")

    assert error.value.message_dict == {"password": ["The password is not correct."]}
    assert get_user_model()._default_manager.filter(pk=user.pk).exists()


def test_serializer_deletes_through_the_service(rf, user):
    request = rf.delete(ME)
    request.user = user
    serializer = AccountDeletionSerializer(data={"password": PASSWORD}, context={"request": request})

    assert serializer.is_valid(), serializer.errors
    serializer.save()

    assert not get_user_model()._default_manager.filter(pk=user.pk).exists()


def test_deletion_removes_avatar_files(user, django_capture_on_commit_callbacks):
    profile = Profile.objects.get(user=user)
    profile.avatar_small.save("small.png", ContentFile(b"small"), save=False)
    profile.avatar_large.save("large.png", ContentFile(b"large"), save=False)
    profile.save()
    names = [profile.avatar_small.name, profile.avatar_large.name]
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        accounts.delete_account(user, PASSWORD)

    assert not any(default_storage.exists(name) for name in names)


def test_outstanding_tokens_outlive_the_account_as_blacklisted(user, tokens):
    accounts.delete_account(user, PASSWORD)

    token = OutstandingToken.objects.get(jti=RefreshToken(tokens["refresh"], verify=False)["jti"])
    assert token.user_id is None
    assert BlacklistedToken.objects.filter(token=token).exists()

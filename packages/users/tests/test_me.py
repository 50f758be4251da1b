from datetime import timedelta

import jwt
import pytest
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from mybookconnect.users.models import Profile

ME_URL = "/api/v1/auth/me/"

pytestmark = pytest.mark.django_db


def bearer(api_client, token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api_client.get(ME_URL)


def assert_unauthorized(response, code):
    assert response.status_code == 401, response.content
    body = response.json()
    assert body["code"] == code
    assert body["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_owner_sees_their_account(auth_client, user):
    response = auth_client.get(ME_URL)
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == user.pk
    assert body["username"] == "ann_reader"
    assert body["email"] == "ann@example.com"
    assert body["date_joined"]
    assert set(body) == {"id", "username", "email", "date_joined", "profile", "counts"}


def test_anonymous_is_refused(api_client):
    assert_unauthorized(api_client.get(ME_URL), "not_authenticated")


def test_forged_access_token(api_client, tokens):
    payload = jwt.decode(tokens["access"], options={"verify_signature": False})
    forged = jwt.encode(payload, "not-the-servers-key-" * 3, algorithm="HS256")
    assert_unauthorized(bearer(api_client, forged), "token_not_valid")


def test_access_token_with_another_users_id_and_no_valid_signature(api_client, tokens, make_user):
    other = make_user(username="bob_reader", email="bob@example.com")
    payload = jwt.decode(tokens["access"], options={"verify_signature": False})
    payload["user_id"] = str(other.pk)
    header, _, signature = tokens["access"].split(".")
    body = jwt.encode(payload, "x" * 32, algorithm="HS256").split(".")[1]
    assert_unauthorized(bearer(api_client, f"{header}.{body}.{signature}"), "token_not_valid")


def test_expired_access_token(api_client, user):
    token = AccessToken.for_user(user)
    token.set_exp(from_time=token.current_time - timedelta(hours=1))
    assert_unauthorized(bearer(api_client, str(token)), "token_not_valid")


def test_refresh_token_is_not_an_access_token(api_client, tokens):
    assert_unauthorized(bearer(api_client, tokens["refresh"]), "token_not_valid")


def test_garbage_token(api_client):
    assert_unauthorized(bearer(api_client, "garbage"), "token_not_valid")


def test_token_of_deleted_account(api_client, tokens, user):
    user.delete()
    assert_unauthorized(bearer(api_client, tokens["access"]), "user_not_found")


def test_token_of_inactive_account(api_client, tokens, user):
    user.is_active = False
    user.save()
    assert_unauthorized(bearer(api_client, tokens["access"]), "user_inactive")


def test_me_query_count(auth_client, user, django_assert_max_num_queries):
    # One query authenticates; one reads the account with its profile and counts.
    with django_assert_max_num_queries(2):
        response = auth_client.get(ME_URL)
    assert response.status_code == 200


def test_account_without_profile_gets_one(api_client, user):
    Profile.objects.all().delete()
    token = RefreshToken.for_user(user).access_token
    assert bearer(api_client, str(token)).status_code == 200

"""The SPA's cookie session: the refresh token only ever travels in the HttpOnly mbc_refresh cookie."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from django.contrib.auth import get_user_model
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import RefreshToken

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/session/"
REFRESH = "/api/v1/auth/session/refresh/"
LOGOUT = "/api/v1/auth/session/logout/"
COOKIE = "mbc_refresh"


def login(api_client, username="ana", password=PASSWORD):
    return api_client.post(LOGIN, {"username": username, "password": password}, format="json")


def assert_cookie_set(response) -> str:
    morsel = response.cookies[COOKIE]
    assert morsel.value
    assert morsel["httponly"] is True
    assert morsel["secure"] is True
    assert morsel["samesite"] == "Strict"
    assert morsel["path"] == "/api/v1/auth/session/"
    assert morsel["max-age"] == int(jwt_settings.REFRESH_TOKEN_LIFETIME.total_seconds())
    return morsel.value


def assert_cookie_cleared(response) -> None:
    morsel = response.cookies[COOKIE]
    assert morsel.value == ""
    assert morsel["max-age"] == 0
    assert morsel["path"] == "/api/v1/auth/session/"


def assert_no_refresh_in_body(response, refresh: str) -> None:
    assert "refresh" not in response.json()
    assert refresh.encode() not in response.content


def test_login_sets_the_cookie_and_answers_only_the_access_token(api_client, user):
    response = login(api_client)

    assert response.status_code == 200
    refresh = assert_cookie_set(response)
    assert set(response.json()) == {"access"}
    assert_no_refresh_in_body(response, refresh)
    assert RefreshToken(refresh)["user_id"] == str(user.pk)


def test_the_access_token_authenticates(api_client, user):
    access = login(api_client).json()["access"]

    response = api_client.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Bearer {access}")

    assert response.status_code == 200
    assert response.json()["username"] == "ana"


def test_cookie_is_not_secure_in_debug(api_client, user, settings):
    settings.DEBUG = True

    response = login(api_client)

    assert response.cookies[COOKIE]["secure"] == ""


@pytest.mark.parametrize(
    "credentials",
    [{"username": "ana", "password": "wrong"}, {"username": "nobody", "password": PASSWORD}],
)
def test_wrong_credentials_are_a_401_without_cookie(api_client, user, credentials):
    response = api_client.post(LOGIN, credentials, format="json")

    assert response.status_code == 401
    assert response.json()["code"] == "no_active_account"
    assert COOKIE not in response.cookies


def test_inactive_account_cannot_sign_in(api_client, user):
    user.is_active = False
    user.save()

    assert login(api_client).status_code == 401


def test_missing_fields_are_a_400_per_field(api_client, db):
    response = api_client.post(LOGIN, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_refresh_rotates_the_cookie_and_rejects_the_old_one(api_client, user):
    old = login(api_client).cookies[COOKIE].value

    response = api_client.post(REFRESH)

    assert response.status_code == 200
    new = assert_cookie_set(response)
    assert new != old
    assert set(response.json()) == {"access"}
    assert_no_refresh_in_body(response, new)

    api_client.cookies[COOKIE] = old
    reused = api_client.post(REFRESH)
    assert reused.status_code == 401
    assert reused.json()["code"] == "token_not_valid"
    assert_cookie_cleared(reused)

    api_client.cookies[COOKIE] = new
    assert api_client.post(REFRESH).status_code == 200


def test_refresh_ignores_any_body(api_client, user):
    login(api_client)

    response = api_client.post(REFRESH, data="{not json", content_type="application/json")

    assert response.status_code == 200


def test_logout_blacklists_and_clears_the_cookie(api_client, user):
    refresh = login(api_client).cookies[COOKIE].value

    response = api_client.post(LOGOUT)

    assert response.status_code == 204
    assert response.content == b""
    assert_cookie_cleared(response)
    assert BlacklistedToken.objects.filter(token__jti=RefreshToken(refresh, verify=False)["jti"]).exists()

    api_client.cookies[COOKIE] = refresh
    assert api_client.post(REFRESH).status_code == 401


@pytest.mark.parametrize("cookie", [None, "", "not-a-token"])
def test_logout_without_a_valid_cookie_still_signs_out(api_client, db, cookie):
    if cookie is not None:
        api_client.cookies[COOKIE] = cookie

    response = api_client.post(LOGOUT)

    assert response.status_code == 204
    assert_cookie_cleared(response)


def test_missing_cookie_is_a_401(api_client, db):
    response = api_client.post(REFRESH)

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Authentication credentials were not provided.",
        "code": "not_authenticated",
    }
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert_cookie_cleared(response)


def forged_token(user) -> str:
    payload = RefreshToken.for_user(user).payload
    return jwt.encode(payload, "not-the-site-secret-key-but-looks-long-enough-0123456789", algorithm="HS256")


def expired_token(user) -> str:
    token = RefreshToken.for_user(user)
    token.set_exp(lifetime=timedelta(seconds=-1))
    return str(token)


def access_token(user) -> str:
    return str(RefreshToken.for_user(user).access_token)


@pytest.mark.parametrize("make_token", [forged_token, expired_token, access_token])
def test_forged_expired_or_wrong_type_cookie_is_a_401(api_client, user, make_token):
    api_client.cookies[COOKIE] = make_token(user)

    response = api_client.post(REFRESH)

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"
    assert_cookie_cleared(response)


def test_cookie_of_a_deleted_account_is_a_401(api_client, user):
    login(api_client)
    user.delete()

    response = api_client.post(REFRESH)

    assert response.status_code == 401
    assert_cookie_cleared(response)


def test_logout_after_the_account_is_deleted(api_client, user):
    login(api_client)
    user.delete()

    response = api_client.post(LOGOUT)

    assert response.status_code == 204
    assert_cookie_cleared(response)


def test_register_then_sign_in_then_me(api_client, db):
    registered = api_client.post(
        "/api/v1/auth/register/",
        {"username": "Lector", "email": "lector@Example.COM", "password": PASSWORD},
        format="json",
    )
    assert registered.status_code == 201

    session = login(api_client, "Lector")
    assert session.status_code == 200
    access = session.json()["access"]

    me = api_client.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Bearer {access}")
    assert me.status_code == 200
    assert me.json()["username"] == "Lector"
    assert me.json()["email"] == "lector@example.com"
    assert get_user_model().objects.filter(username="Lector").count() == 1


def test_staff_signed_in_to_the_admin_needs_no_csrf_token(user, admin_user):
    from rest_framework.test import APIClient

    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(admin_user)

    assert login(browser).status_code == 200
    assert browser.post(REFRESH).status_code == 200
    assert browser.post(LOGOUT).status_code == 204


def test_login_query_count(api_client, user, django_assert_num_queries):
    # Authenticate the user, record the outstanding refresh token.
    with django_assert_num_queries(2):
        assert login(api_client).status_code == 200


def test_refresh_query_count(api_client, user, django_assert_num_queries):
    login(api_client)
    # In one transaction (users' rotate_refresh_token): is it blacklisted?, is its account active?,
    # simplejwt's blacklist() (user, outstanding row, get_or_create of the blacklist row) and outstand()
    # (user, insert the new token), savepoints included. A change here is a change in the users app.
    with django_assert_num_queries(15):
        assert api_client.post(REFRESH).status_code == 200


def test_logout_query_count(api_client, user, django_assert_num_queries):
    login(api_client)
    # Is it blacklisted?, then simplejwt's blacklist(): the user, the outstanding row, get_or_create of
    # the blacklist row (select, then insert in a savepoint).
    with django_assert_num_queries(7):
        assert api_client.post(LOGOUT).status_code == 204

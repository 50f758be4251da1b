from datetime import timedelta

import jwt
import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from mybookconnect.users import services

from .conftest import PASSWORD

TOKEN_URL = "/api/v1/auth/token/"
REFRESH_URL = "/api/v1/auth/token/refresh/"
LOGOUT_URL = "/api/v1/auth/logout/"
ME_URL = "/api/v1/auth/me/"

pytestmark = pytest.mark.django_db


def obtain(api_client, username="ann_reader", password=PASSWORD, **extra):
    return api_client.post(TOKEN_URL, {"username": username, "password": password, **extra}, format="json")


def refresh(api_client, token):
    return api_client.post(REFRESH_URL, {"refresh": token}, format="json")


def logout(api_client, token):
    return api_client.post(LOGOUT_URL, {"refresh": token}, format="json")


def assert_token_refused(response):
    assert response.status_code == 401, response.content
    body = response.json()
    assert body["code"] == "token_not_valid"
    assert isinstance(body["detail"], str) and body["detail"]


def forge(token: str, **changes) -> str:
    """Re-sign the token's claims (changed) with a key the server does not know."""
    payload = jwt.decode(token, options={"verify_signature": False})
    payload.update(changes)
    return jwt.encode(payload, "not-the-servers-key-" * 3, algorithm="HS256")


def expired_refresh(user) -> str:
    token = RefreshToken.for_user(user)
    token.set_exp(from_time=token.current_time - timedelta(days=30))
    return str(token)


# --- obtain -----------------------------------------------------------------------------------


def test_obtain_pair(api_client, user):
    response = obtain(api_client)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access", "refresh"}
    assert str(AccessToken(body["access"])[jwt_settings.USER_ID_CLAIM]) == str(user.pk)
    user.refresh_from_db()
    assert user.last_login is not None


@pytest.mark.parametrize(
    ("username", "password"),
    [("ann_reader", "wrong-password"), ("nobody_here", PASSWORD), ("ann_reader", "")],
)
def test_obtain_with_bad_credentials(api_client, user, username, password):
    response = obtain(api_client, username, password)
    if password == "":
        assert response.status_code == 400
        assert response.json() == {"password": ["This field may not be blank."]}
        return
    assert response.status_code == 401
    assert response.json() == {
        "detail": "No active account found with the given credentials",
        "code": "no_active_account",
    }


def test_obtain_for_inactive_account(api_client, make_user):
    make_user(is_active=False)
    response = obtain(api_client)
    assert response.status_code == 401
    assert response.json()["code"] == "no_active_account"


@pytest.mark.parametrize("field", ["username", "password"])
def test_obtain_missing_field(api_client, user, field):
    data = {"username": "ann_reader", "password": PASSWORD}
    del data[field]
    response = api_client.post(TOKEN_URL, data, format="json")
    assert response.status_code == 400
    assert response.json() == {field: ["This field is required."]}


@pytest.mark.parametrize("value", [1, ["ann_reader"], {"a": 1}, None])
def test_obtain_wrong_type(api_client, user, value):
    response = api_client.post(TOKEN_URL, {"username": value, "password": PASSWORD}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["username"]


def test_obtain_unknown_field(api_client, user):
    response = obtain(api_client, remember_me=True)
    assert response.status_code == 400
    assert response.json() == {"remember_me": ["This field is not allowed."]}


def test_obtain_malformed_json(api_client):
    response = api_client.post(TOKEN_URL, "{", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


# --- refresh and rotation ---------------------------------------------------------------------


def test_refresh_rotates(api_client, tokens):
    response = refresh(api_client, tokens["refresh"])
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access", "refresh"}
    assert body["refresh"] != tokens["refresh"]
    # The new refresh token works once more.
    assert refresh(api_client, body["refresh"]).status_code == 200


def test_reused_refresh_token_is_refused(api_client, tokens):
    assert refresh(api_client, tokens["refresh"]).status_code == 200
    assert_token_refused(refresh(api_client, tokens["refresh"]))


def test_concurrent_rotation_lets_only_one_through(user, monkeypatch):
    token = str(RefreshToken.for_user(user))
    # Both requests passed the blacklist check before either wrote: the second write must lose.
    monkeypatch.setattr(RefreshToken, "check_blacklist", lambda self: None)
    services.rotate_refresh_token(token)
    with pytest.raises(TokenError):
        services.rotate_refresh_token(token)


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda t, u: "not-a-token", id="garbage"),
        pytest.param(lambda t, u: "", id="empty"),
        pytest.param(lambda t, u: forge(t["refresh"]), id="forged-signature"),
        pytest.param(lambda t, u: forge(t["refresh"], user_id="999999"), id="forged-user"),
        pytest.param(lambda t, u: t["refresh"][:-4] + "AAAA", id="tampered"),
        pytest.param(lambda t, u: t["access"], id="access-token"),
        pytest.param(lambda t, u: expired_refresh(u), id="expired"),
        pytest.param(
            lambda t, u: jwt.encode(
                jwt.decode(t["refresh"], options={"verify_signature": False}), key=None, algorithm="none"
            ),
            id="alg-none",
        ),
    ],
)
def test_refresh_refuses_bad_tokens(api_client, tokens, user, make_token):
    token = make_token(tokens, user)
    response = refresh(api_client, token)
    if token == "":
        assert response.status_code == 400
        assert response.json() == {"refresh": ["This field may not be blank."]}
        return
    assert_token_refused(response)


def test_refresh_after_account_deleted(api_client, tokens, user):
    user.delete()
    assert_token_refused(refresh(api_client, tokens["refresh"]))


def test_refresh_for_inactive_account(api_client, tokens, user):
    user.is_active = False
    user.save()
    assert_token_refused(refresh(api_client, tokens["refresh"]))


@pytest.mark.parametrize("value", [123, ["x"], None])
def test_refresh_wrong_type(api_client, value):
    response = api_client.post(REFRESH_URL, {"refresh": value}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["refresh"]


def test_refresh_unknown_field(api_client, tokens):
    response = api_client.post(REFRESH_URL, {"refresh": tokens["refresh"], "access": "x"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"access": ["This field is not allowed."]}


def test_refresh_without_rotation_returns_access_only(api_client, tokens):
    with override_settings(SIMPLE_JWT={"ROTATE_REFRESH_TOKENS": False}):
        response = refresh(api_client, tokens["refresh"])
        assert response.status_code == 200
        assert set(response.json()) == {"access"}
        assert refresh(api_client, tokens["refresh"]).status_code == 200


# --- logout -----------------------------------------------------------------------------------


def test_logout_blacklists_the_refresh_token(api_client, tokens):
    response = logout(api_client, tokens["refresh"])
    assert response.status_code == 204
    assert response.content == b""
    assert BlacklistedToken.objects.count() == 1
    assert_token_refused(refresh(api_client, tokens["refresh"]))


def test_logout_twice_is_refused(api_client, tokens):
    assert logout(api_client, tokens["refresh"]).status_code == 204
    assert_token_refused(logout(api_client, tokens["refresh"]))


def test_logout_needs_no_access_token(api_client, tokens):
    # A client whose access token has expired must still be able to log out.
    api_client.credentials(HTTP_AUTHORIZATION="Bearer expired.or.garbage")
    assert logout(api_client, tokens["refresh"]).status_code == 204


@pytest.mark.parametrize("kind", ["forged", "expired", "access", "garbage"])
def test_logout_refuses_bad_tokens(api_client, tokens, user, kind):
    token = {
        "forged": forge(tokens["refresh"]),
        "expired": expired_refresh(user),
        "access": tokens["access"],
        "garbage": "garbage",
    }[kind]
    assert_token_refused(logout(api_client, token))
    assert BlacklistedToken.objects.count() == 0


def test_logout_bad_input(api_client):
    assert api_client.post(LOGOUT_URL, {}, format="json").json() == {"refresh": ["This field is required."]}
    response = api_client.post(LOGOUT_URL, {"refresh": 5}, format="json")
    assert response.status_code == 400
    assert response.json() == {"refresh": ["Not a valid string."]}
    assert api_client.post(LOGOUT_URL, "{", content_type="application/json").status_code == 400


def test_blacklist_refresh_token_service(user):
    token = str(RefreshToken.for_user(user))
    services.blacklist_refresh_token(token)
    with pytest.raises(TokenError):
        services.blacklist_refresh_token(token)


def test_obtain_token_pair_service(user):
    pair = services.obtain_token_pair(user)
    assert str(RefreshToken(pair["refresh"])[jwt_settings.USER_ID_CLAIM]) == str(user.pk)
    assert get_user_model()._default_manager.get(pk=user.pk).last_login is not None

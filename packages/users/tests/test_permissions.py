"""Who may call what: anonymous and signed-in callers on every endpoint and method."""

import pytest

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"
TOKEN = "/api/v1/auth/token/"
REFRESH = "/api/v1/auth/token/refresh/"
LOGOUT = "/api/v1/auth/logout/"
ME = "/api/v1/auth/me/"


def test_register_is_open_to_anonymous_and_signed_in_callers(api_client, auth_client):
    data = {"username": "new_reader", "email": "new@example.com", "password": PASSWORD}
    assert auth_client.post(REGISTER, data, format="json").status_code == 201


def test_credential_endpoints_ignore_a_stale_authorization_header(api_client, user, tokens):
    # They authenticate by their body: a leftover, expired bearer token must not get in the way.
    api_client.credentials(HTTP_AUTHORIZATION="Bearer stale")
    data = {"username": "new_reader", "email": "new@example.com", "password": PASSWORD}
    assert api_client.post(REGISTER, data, format="json").status_code == 201
    assert (
        api_client.post(TOKEN, {"username": "ann_reader", "password": PASSWORD}, format="json").status_code
        == 200
    )
    assert api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code == 200


@pytest.mark.parametrize("url", [REGISTER, TOKEN, REFRESH, LOGOUT])
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_post_only_endpoints(api_client, url, method):
    response = getattr(api_client, method)(url)
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_me_anonymous_any_method(api_client):
    for method in ("get", "post", "put", "patch", "delete"):
        response = getattr(api_client, method)(ME)
        assert response.status_code == 401, method


def test_me_methods_for_owner(auth_client):
    assert auth_client.get(ME).status_code == 200
    assert auth_client.patch(ME, {}, format="json").status_code == 200
    for method in ("post", "put"):
        assert getattr(auth_client, method)(ME, {}, format="json").status_code == 405, method


def test_session_authentication_works_for_me(api_client, user):
    api_client.force_login(user)
    assert api_client.get(ME).status_code == 200

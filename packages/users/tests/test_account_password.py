"""Password change (signed in, with the current password) and password reset by an emailed link."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from mybookconnect.users import accounts

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

CHANGE = "/api/v1/auth/password/change/"
RESET = "/api/v1/auth/password/reset/"
CONFIRM = "/api/v1/auth/password/reset/confirm/"
TOKEN = "/api/v1/auth/token/"
REFRESH = "/api/v1/auth/token/refresh/"
NEW_PASSWORD = "a-brand-new-passphrase-42"
RESET_SENT = {"detail": "If an account uses that address, we sent a link to it."}
LINK = re.compile(r"http://testserver/reset-password/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)")


def reload(user):
    return get_user_model()._default_manager.get(pk=user.pk)


def can_sign_in(api_client, password, identifier="ann_reader"):
    response = api_client.post(TOKEN, {"username": identifier, "password": password}, format="json")
    return response.status_code == 200


def refresh_works(api_client, refresh):
    return api_client.post(REFRESH, {"refresh": refresh}, format="json").status_code == 200


def raw_post(api_client, url, body):
    return api_client.generic("POST", url, body, content_type="application/json")


# Password change ----------------------------------------------------------------------------------


def test_change_sets_the_password_and_signs_out_other_devices(auth_client, api_client, user, tokens):
    other_device = RefreshToken.for_user(user)

    response = auth_client.post(
        CHANGE, {"current_password": PASSWORD, "new_password": NEW_PASSWORD}, format="json"
    )

    assert response.status_code == 200, response.json()
    fresh = response.json()
    assert set(fresh) == {"access", "refresh"}
    assert reload(user).check_password(NEW_PASSWORD)
    client = type(api_client)()
    assert not refresh_works(client, tokens["refresh"])
    assert not refresh_works(client, str(other_device))
    assert refresh_works(client, fresh["refresh"])
    assert can_sign_in(client, NEW_PASSWORD)
    assert not can_sign_in(client, PASSWORD)


def test_change_blacklists_every_outstanding_token_in_a_few_queries(
    auth_client, user, django_assert_max_num_queries
):
    for _ in range(5):
        RefreshToken.for_user(user)

    with django_assert_max_num_queries(12):
        response = auth_client.post(
            CHANGE, {"current_password": PASSWORD, "new_password": NEW_PASSWORD}, format="json"
        )

    assert response.status_code == 200
    outstanding = OutstandingToken.objects.filter(user=user)
    assert outstanding.count() == 7  # the fixture's, five more, and the new one
    assert BlacklistedToken.objects.filter(token__user=user).count() == 6


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"current_password": ["This field is required."], "new_password": ["This field is required."]}),
        (
            {"current_password": "wrong", "new_password": NEW_PASSWORD},
            {"current_password": ["The password is not correct."]},
        ),
        (
            {"current_password": PASSWORD, "new_password": "12345678"},
            {"new_password": ["This password is too common.", "This password is entirely numeric."]},
        ),
        (
            {"current_password": PASSWORD, "new_password": "ann_reader"},
            {"new_password": ["The password is too similar to the username."]},
        ),
        (
            {"current_password": 1, "new_password": ["x"]},
            {"current_password": ["Not a valid string."], "new_password": ["Not a valid string."]},
        ),
        (
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "is_staff": True},
            {"is_staff": ["This field is not allowed."]},
        ),
        (
            {"current_password": PASSWORD, "new_password": "x" * 4097},
            {"new_password": ["Ensure this field has no more than 4096 characters."]},
        ),
    ],
)
def test_change_refuses_bad_input_and_writes_nothing(auth_client, user, body, errors):
    if "ann_reader" in str(body.get("new_password")) and get_user_model().USERNAME_FIELD != "username":
        errors = {"new_password": ["The password is too similar to the handle."]}

    response = auth_client.post(CHANGE, body, format="json")

    assert response.status_code == 400
    assert response.json() == errors
    assert reload(user).check_password(PASSWORD)
    assert not BlacklistedToken.objects.exists()


def test_change_refuses_malformed_json(auth_client, user):
    response = raw_post(auth_client, CHANGE, '{"current_password": ')

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_change_needs_a_signed_in_reader(api_client, user):
    response = api_client.post(
        CHANGE, {"current_password": PASSWORD, "new_password": NEW_PASSWORD}, format="json"
    )

    assert response.status_code == 401
    assert reload(user).check_password(PASSWORD)


# Password reset -----------------------------------------------------------------------------------


def request_reset(api_client, email="ann@example.com", **extra):
    return api_client.post(RESET, {"email": email}, format="json", **extra)


def link_from(message):
    match = LINK.search(message.body)
    assert match, message.body
    return match["uid"], match["token"]


def confirm(api_client, uid, token, password=NEW_PASSWORD):
    return api_client.post(CONFIRM, {"uid": uid, "token": token, "new_password": password}, format="json")


def test_reset_by_emailed_link(api_client, user, tokens, mailoutbox):
    response = request_reset(api_client, "ANN@Example.com")

    assert response.status_code == 202
    assert response.json() == RESET_SENT
    [message] = mailoutbox
    assert message.to == ["ann@example.com"]
    assert message.subject == "Reset your MyBookConnect password"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    uid, token = link_from(message)
    assert f'href="http://testserver/reset-password/{uid}/{token}"' in html
    assert "ann_reader" in message.body

    response = confirm(api_client, uid, token)

    assert response.status_code == 204
    assert can_sign_in(api_client, NEW_PASSWORD, "ann@example.com")
    assert not refresh_works(api_client, tokens["refresh"])


def test_reset_link_works_once(api_client, user, mailoutbox):
    request_reset(api_client)
    uid, token = link_from(mailoutbox[0])
    assert confirm(api_client, uid, token).status_code == 204

    response = confirm(api_client, uid, token, password="yet-another-passphrase-7")

    assert response.status_code == 400
    assert response.json() == {
        "token": ["This password reset link is invalid or has expired. Ask for a new one."]
    }
    assert reload(user).check_password(NEW_PASSWORD)


def test_reset_link_expires(api_client, user, mailoutbox):
    request_reset(api_client)
    uid, token = link_from(mailoutbox[0])

    # A negative timeout makes a link made this very second already too old.
    with override_settings(PASSWORD_RESET_TIMEOUT=-1):
        response = confirm(api_client, uid, token)

    assert response.status_code == 400
    assert list(response.json()) == ["token"]
    assert reload(user).check_password(PASSWORD)


def test_unknown_address_gets_the_same_answer_and_no_email(api_client, user, mailoutbox):
    response = request_reset(api_client, "stranger@example.com")

    assert response.status_code == 202
    assert response.json() == RESET_SENT
    assert mailoutbox == []


def test_no_link_for_inactive_or_passwordless_accounts(api_client, make_user, mailoutbox):
    make_user(is_active=False)
    passwordless = make_user(username="bob_reader", email="bob@example.com")
    passwordless.set_unusable_password()
    passwordless.save()

    assert request_reset(api_client, "ann@example.com").status_code == 202
    assert request_reset(api_client, "bob@example.com").status_code == 202
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"email": ["This field is required."]}),
        ({"email": "not an email"}, {"email": ["Enter a valid email address."]}),
        ({"email": 42}, {"email": ["Not a valid string."]}),
        ({"email": "ann@example.com", "username": "ann"}, {"username": ["This field is not allowed."]}),
    ],
)
def test_reset_request_refuses_bad_input(api_client, user, mailoutbox, body, errors):
    response = api_client.post(RESET, body, format="json")

    assert response.status_code == 400
    assert response.json() == errors
    assert mailoutbox == []


def test_reset_request_refuses_malformed_json(api_client):
    assert raw_post(api_client, RESET, "{nope").status_code == 400


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {},
            {
                "uid": ["This field is required."],
                "token": ["This field is required."],
                "new_password": ["This field is required."],
            },
        ),
        ({"uid": "???", "token": "x", "new_password": NEW_PASSWORD}, None),
        ({"uid": "OTk5OTk5", "token": "x-y", "new_password": NEW_PASSWORD}, None),
        (
            {"uid": 1, "token": None, "new_password": NEW_PASSWORD},
            {"uid": ["Not a valid string."], "token": ["This field may not be null."]},
        ),
        (
            {"uid": "a", "token": "b", "new_password": NEW_PASSWORD, "extra": 1},
            {"extra": ["This field is not allowed."]},
        ),
    ],
)
def test_reset_confirm_refuses_bad_input(api_client, user, body, errors):
    response = api_client.post(CONFIRM, body, format="json")

    assert response.status_code == 400
    expected = errors or {"token": ["This password reset link is invalid or has expired. Ask for a new one."]}
    assert response.json() == expected
    assert reload(user).check_password(PASSWORD)


def test_reset_confirm_validates_the_new_password_and_keeps_the_link_usable(api_client, user, mailoutbox):
    request_reset(api_client)
    uid, token = link_from(mailoutbox[0])

    response = confirm(api_client, uid, token, password="1234")

    assert response.status_code == 400
    assert set(response.json()) == {"new_password"}
    assert confirm(api_client, uid, token).status_code == 204


def test_reset_confirm_refuses_malformed_json(api_client):
    assert raw_post(api_client, CONFIRM, "[").status_code == 400


def test_reset_email_in_the_requests_language(api_client, user, mailoutbox):
    request_reset(api_client, HTTP_ACCEPT_LANGUAGE="es")

    [message] = mailoutbox
    assert message.subject == "Restablece tu contraseña de MyBookConnect"
    assert "Hola ann_reader" in message.body
    assert 'lang="es"' in message.alternatives[0][0]


def test_reset_link_points_at_the_configured_frontend(api_client, user, mailoutbox):
    with override_settings(
        MYBOOKCONNECT={
            "USERS_FRONTEND_URL": "https://read.example.org/app/",
            "USERS_PASSWORD_RESET_PATH": "/r/{uid}/{token}",
        }
    ):
        request_reset(api_client)

    assert re.search(r"https://read\.example\.org/app/r/[^/\s]+/[^/\s]+", mailoutbox[0].body)


def test_reset_request_takes_a_bounded_number_of_queries(api_client, user, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert request_reset(api_client).status_code == 202


def test_links_outside_a_request_need_the_frontend_setting(user):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        accounts.password_reset_link(user)
    with override_settings(MYBOOKCONNECT={"USERS_FRONTEND_URL": "https://read.example.org"}):
        assert accounts.password_reset_link(user).startswith("https://read.example.org/reset-password/")


def test_messages_in_spanish(auth_client, api_client, user):
    change = auth_client.post(
        CHANGE,
        {"current_password": "wrong", "new_password": NEW_PASSWORD},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    reset = request_reset(api_client, HTTP_ACCEPT_LANGUAGE="es")
    confirmation = api_client.post(
        CONFIRM,
        {"uid": "x", "token": "y", "new_password": NEW_PASSWORD},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )

    assert change.json() == {"current_password": ["La contraseña no es correcta."]}
    assert reset.json() == {"detail": "Si alguna cuenta usa esa dirección, le hemos enviado un enlace."}
    assert confirmation.json() == {
        "token": ["Este enlace para restablecer la contraseña no es válido o ha caducado. Pide uno nuevo."]
    }

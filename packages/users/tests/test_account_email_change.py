"""Changing the email address: a link to the new address confirms it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import override_settings

from mybookconnect.users import accounts

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

CHANGE = "/api/v1/auth/email/change/"
CONFIRM = "/api/v1/auth/email/change/confirm/"
TOKEN = "/api/v1/auth/token/"
LINK = re.compile(r"http://testserver/confirm-email/(?P<token>[^/\s]+)")
BAD_LINK = {"token": ["This confirmation link is invalid or has expired. Ask for a new one."]}


def email_of(user):
    user = get_user_model()._default_manager.get(pk=user.pk)
    return getattr(user, user.get_email_field_name())


def ask(client, new_email="ann.new@Example.COM", password=PASSWORD, **extra):
    return client.post(CHANGE, {"new_email": new_email, "password": password}, format="json", **extra)


def token_from(message):
    match = LINK.search(message.body)
    assert match, message.body
    return match["token"]


def confirm(client, token):
    return client.post(CONFIRM, {"token": token}, format="json")


def test_change_confirmed_by_the_link_sent_to_the_new_address(auth_client, api_client, user, mailoutbox):
    response = ask(auth_client)

    assert response.status_code == 202, response.json()
    assert response.json() == {"detail": "We sent a confirmation link to the new address."}
    [message] = mailoutbox
    assert message.to == ["ann.new@example.com"]
    assert message.subject == "Confirm your new MyBookConnect email address"
    assert "ann.new@example.com" in message.alternatives[0][0]
    # Nothing changes until the link is followed.
    assert email_of(user) == "ann@example.com"

    # The link may be opened anywhere, signed in or not.
    anonymous = type(api_client)()
    response = confirm(anonymous, token_from(message))

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["email"] == "ann.new@example.com"
    assert body["username"] == "ann_reader"
    assert "profile" in body  # the same body as GET auth/me/
    assert email_of(user) == "ann.new@example.com"
    login = anonymous.post(TOKEN, {"username": "ANN.NEW@example.com", "password": PASSWORD}, format="json")
    assert login.status_code == 200


def test_link_works_once(auth_client, user, mailoutbox):
    ask(auth_client)
    token = token_from(mailoutbox[0])
    assert confirm(auth_client, token).status_code == 200

    response = confirm(auth_client, token)

    assert response.status_code == 400
    assert response.json() == BAD_LINK


def test_older_link_stops_working_once_another_is_confirmed(auth_client, user, mailoutbox):
    ask(auth_client, "first@example.com")
    ask(auth_client, "second@example.com")
    first, second = (token_from(m) for m in mailoutbox)

    assert confirm(auth_client, second).status_code == 200
    assert confirm(auth_client, first).json() == BAD_LINK
    assert email_of(user) == "second@example.com"


def test_link_expires(auth_client, user, mailoutbox):
    ask(auth_client)
    token = token_from(mailoutbox[0])

    with override_settings(MYBOOKCONNECT={"USERS_EMAIL_CHANGE_MAX_AGE": -1}):
        response = confirm(auth_client, token)

    assert response.status_code == 400
    assert response.json() == BAD_LINK
    assert email_of(user) == "ann@example.com"


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        signing.dumps(
            {"user": "1", "new_email": "x@example.com", "old_email": "ann@example.com"}, salt="other"
        ),
        signing.dumps(["not", "a", "dict"], salt=accounts.EMAIL_CHANGE_SALT),
        signing.dumps(
            {"user": "999999", "new_email": "x@example.com", "old_email": "a@example.com"},
            salt=accounts.EMAIL_CHANGE_SALT,
        ),
        signing.dumps(
            {"user": "nan", "new_email": "x@example.com", "old_email": "a@example.com"},
            salt=accounts.EMAIL_CHANGE_SALT,
        ),
    ],
)
def test_forged_or_foreign_tokens_are_refused(api_client, user, token):
    response = confirm(api_client, token)

    assert response.status_code == 400
    assert response.json() == BAD_LINK
    assert email_of(user) == "ann@example.com"


def test_address_taken_after_the_request_is_refused_at_confirmation(auth_client, user, make_user, mailoutbox):
    ask(auth_client, "wanted@example.com")
    make_user(username="bob_reader", email="WANTED@example.com")

    response = confirm(auth_client, token_from(mailoutbox[0]))

    assert response.status_code == 400
    assert response.json() == {"email": ["A user with that email address already exists."]}
    assert email_of(user) == "ann@example.com"


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"new_email": ["This field is required."], "password": ["This field is required."]}),
        ({"new_email": "nope", "password": PASSWORD}, {"new_email": ["Enter a valid email address."]}),
        ({"new_email": "x@example.com", "password": "wrong"}, {"password": ["The password is not correct."]}),
        (
            {"new_email": "ANN@example.com", "password": PASSWORD},
            {"new_email": ["This is already your email address."]},
        ),
        (
            {"new_email": "BOB@example.com", "password": PASSWORD},
            {"new_email": ["A user with that email address already exists."]},
        ),
        (
            {"new_email": 7, "password": False},
            {"new_email": ["Not a valid string."], "password": ["Not a valid string."]},
        ),
        (
            {"new_email": "x@example.com", "password": PASSWORD, "email": "y@example.com"},
            {"email": ["This field is not allowed."]},
        ),
    ],
)
def test_request_refuses_bad_input_and_sends_nothing(auth_client, make_user, user, mailoutbox, body, errors):
    make_user(username="bob_reader", email="bob@example.com")

    response = auth_client.post(CHANGE, body, format="json")

    assert response.status_code == 400
    assert response.json() == errors
    assert mailoutbox == []


def test_malformed_json(auth_client, api_client):
    for url, client in ((CHANGE, auth_client), (CONFIRM, api_client)):
        response = client.generic("POST", url, '{"token"', content_type="application/json")
        assert response.status_code == 400


@pytest.mark.parametrize("body", [{}, {"token": 3}, {"token": "x", "user": 1}])
def test_confirm_refuses_bad_bodies(api_client, body):
    response = api_client.post(CONFIRM, body, format="json")

    assert response.status_code == 400
    assert set(response.json()) - {"token", "user"} == set()


def test_request_needs_a_signed_in_reader(api_client, user, mailoutbox):
    assert ask(api_client).status_code == 401
    assert mailoutbox == []


def test_email_in_spanish(auth_client, user, mailoutbox):
    ask(auth_client, HTTP_ACCEPT_LANGUAGE="es")

    assert mailoutbox[0].subject == "Confirma tu nueva dirección de correo de MyBookConnect"


def test_confirmation_takes_a_bounded_number_of_queries(
    auth_client, user, mailoutbox, django_assert_max_num_queries
):
    ask(auth_client)
    token = token_from(mailoutbox[0])

    with django_assert_max_num_queries(8):
        assert confirm(auth_client, token).status_code == 200

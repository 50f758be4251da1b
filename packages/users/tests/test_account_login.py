"""Signing in with a username or an email address (``UsernameOrEmailBackend``) through ``auth/token/``."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import override_settings

from mybookconnect.users.backends import UsernameOrEmailBackend

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"


def login(api_client, identifier, password=PASSWORD):
    return api_client.post(TOKEN, {"username": identifier, "password": password}, format="json")


@pytest.mark.parametrize(
    "identifier", ["ann_reader", "ANN_Reader", "ann@example.com", "ANN@EXAMPLE.COM", "  ann@example.com "]
)
def test_username_or_email_in_any_case(api_client, user, identifier):
    response = login(api_client, identifier)

    assert response.status_code == 200, response.json()
    assert set(response.json()) == {"access", "refresh"}


@pytest.mark.parametrize("identifier", ["ann_reader", "ann@example.com", "nobody", "nobody@example.com"])
def test_wrong_password_or_unknown_account_is_one_401(api_client, user, identifier):
    response = login(api_client, identifier, password="not-the-password")

    assert response.status_code == 401
    assert response.json()["code"] == "no_active_account"


def test_inactive_account_cannot_sign_in_with_its_email(api_client, make_user):
    make_user(is_active=False)

    response = login(api_client, "ann@example.com")

    assert response.status_code == 401


def test_exact_username_wins_over_another_accounts_email(make_user):
    # Data made outside registration: one reader's username is another reader's email address.
    user_model = get_user_model()
    if user_model.USERNAME_FIELD != "username":
        pytest.skip("the swapped model's usernames cannot hold an @")
    owner = make_user(username="bob_reader", email="bob@example.com", password="bobs-own-password-1")
    squatter = user_model._default_manager.create_user("bob@example.com", "s@example.com", PASSWORD)

    assert authenticate(None, username="bob@example.com", password=PASSWORD) == squatter
    assert authenticate(None, username="bob@example.com", password="bobs-own-password-1") == owner


def test_accounts_differing_in_case_each_sign_in_with_their_password(make_user):
    user_model = get_user_model()
    if user_model.USERNAME_FIELD != "username":
        pytest.skip("the swapped model only allows lower-case handles")
    lower = make_user(username="ann_reader", email="ann@example.com")
    upper = user_model._default_manager.create_user("Ann_Reader", "other@example.com", "another-password-2")

    assert authenticate(None, username="Ann_Reader", password="another-password-2") == upper
    assert authenticate(None, username="Ann_Reader", password=PASSWORD) == lower


@pytest.mark.parametrize("identifier", [None, "", "   "])
def test_blank_identifier_authenticates_nobody(user, identifier):
    assert UsernameOrEmailBackend().authenticate(None, username=identifier, password=PASSWORD) is None


def test_identifier_under_the_user_models_own_field_name(user):
    field = get_user_model().USERNAME_FIELD

    assert (
        UsernameOrEmailBackend().authenticate(None, password=PASSWORD, **{field: "ann@example.com"}) == user
    )


def test_no_password_authenticates_nobody(user):
    assert UsernameOrEmailBackend().authenticate(None, username="ann_reader", password=None) is None


def test_sign_in_takes_a_bounded_number_of_queries(api_client, user, django_assert_max_num_queries):
    # Look the account up, then write last_login and the outstanding refresh token.
    with django_assert_max_num_queries(5):
        assert login(api_client, "ann@example.com").status_code == 200


def test_permissions_still_come_from_model_backend(make_user):
    user = make_user(is_superuser=True)

    opts = get_user_model()._meta

    assert UsernameOrEmailBackend().has_perm(user, f"{opts.app_label}.view_{opts.model_name}")


@override_settings(AUTHENTICATION_BACKENDS=["django.contrib.auth.backends.ModelBackend"])
def test_without_the_backend_email_does_not_sign_in(api_client, user):
    assert login(api_client, "ann@example.com").status_code == 401

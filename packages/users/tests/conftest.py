import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from mybookconnect.users import services

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def make_user(db):
    """Create an account and its profile the way registration does (the password is not validated)."""

    def make(username="ann_reader", email="ann@example.com", password=PASSWORD, **fields):
        user = services.register_user(username=username, email=email, password=password)
        if fields:
            for name, value in fields.items():
                setattr(user, name, value)
            user.save()
        return user

    return make


@pytest.fixture
def user(make_user):
    return make_user()


@pytest.fixture
def tokens(user):
    refresh = RefreshToken.for_user(user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


@pytest.fixture
def auth_client(api_client, tokens):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    return api_client


def user_count():
    return get_user_model()._default_manager.count()

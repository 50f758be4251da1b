import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def make_user(db):
    def make(username):
        return get_user_model().objects.create_user(username=username, password="pw-unused-in-tests")

    return make

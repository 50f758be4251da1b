from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from mybookconnect.users.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    staff = make_user(username="site_admin", email="admin@example.com", is_staff=True, is_superuser=True)
    client.force_login(staff)
    return client


def test_profile_changelist_search_and_filter(admin_client, make_user):
    make_user(username="ann_reader", email="ann@example.com")
    make_user(username="bob_reader", email="bob@example.com")
    url = reverse("admin:mybookconnect_users_profile_changelist")

    response = admin_client.get(url, {"q": "ann"})
    assert response.status_code == 200
    assert [str(p) for p in response.context["cl"].result_list] == ["ann_reader"]

    response = admin_client.get(url, {"q": "bob@example"})
    assert [str(p) for p in response.context["cl"].result_list] == ["bob_reader"]

    # The "Today" choice of the created_at filter.
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    response = admin_client.get(
        url, {"created_at__gte": str(today), "created_at__lt": str(today + timedelta(days=1))}
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3


def test_profile_change_page(admin_client, user):
    profile = Profile.objects.get(user=user)
    response = admin_client.get(reverse("admin:mybookconnect_users_profile_change", args=[profile.pk]))
    assert response.status_code == 200


def test_profile_str_is_the_username(user):
    assert str(Profile.objects.get(user=user)) == get_user_model()._default_manager.get().get_username()

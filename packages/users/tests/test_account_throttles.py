"""Rate limits on the shared cache: login, registration and password reset, per address and per account.

Each test gets its own cache key prefix (the cache itself is the configured one: local memory, or
Redis with REDIS_URL), so that histories of earlier tests or runs never count.
"""

import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from rest_framework.settings import api_settings

from mybookconnect.users.throttles import DEFAULT_THROTTLE_RATES, LoginIPThrottle

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
REGISTER = "/api/v1/auth/register/"
RESET = "/api/v1/auth/password/reset/"


@pytest.fixture(autouse=True)
def fresh_cache_namespace():
    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"throttle-test-{uuid.uuid4().hex}"
    with override_settings(CACHES=caches):
        yield


def rates(**scopes):
    return override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": scopes})


def login(api_client, username="ann_reader", password=PASSWORD, ip="10.0.0.1"):
    return api_client.post(TOKEN, {"username": username, "password": password}, format="json", REMOTE_ADDR=ip)


def assert_throttled(response):
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 0 < wait <= 60 * 60
    assert response.json() == {
        "detail": f"Too many requests. Try again in {wait} second{'s' if wait != 1 else ''}.",
        "code": "throttled",
    }


def test_login_per_address(api_client, user):
    with rates(mbc_login_ip="2/min", mbc_login_account="100/min"):
        assert login(api_client, password="wrong").status_code == 401
        assert login(api_client).status_code == 200
        assert_throttled(login(api_client))
        # Another address is not limited by the first one's requests.
        assert login(api_client, ip="10.0.0.2").status_code == 200


def test_login_per_account_across_addresses_and_case(api_client, user):
    with rates(mbc_login_ip="100/min", mbc_login_account="2/min"):
        assert login(api_client, username="ann_reader", password="wrong", ip="10.0.1.1").status_code == 401
        assert login(api_client, username="ANN_READER", password="wrong", ip="10.0.1.2").status_code == 401
        # Even the right password waits: the limit is on attempts at this account.
        assert_throttled(login(api_client, username="Ann_Reader", ip="10.0.1.3"))
        assert login(api_client, username="ann@example.com", ip="10.0.1.4").status_code == 200


def test_login_throttle_answers_in_spanish(api_client, user):
    with rates(mbc_login_ip="1/min", mbc_login_account="100/min"):
        login(api_client)
        response = api_client.post(
            TOKEN,
            {"username": "x", "password": "y"},
            format="json",
            REMOTE_ADDR="10.0.0.1",
            HTTP_ACCEPT_LANGUAGE="es",
        )
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert response.json()["detail"] == (
        f"Demasiadas peticiones. Inténtalo de nuevo dentro de {wait} segundo{'s' if wait != 1 else ''}."
    )


def test_malformed_login_bodies_count_per_address(api_client):
    with rates(mbc_login_ip="1/min", mbc_login_account="1/min"):
        assert (
            api_client.post(TOKEN, {"username": 5}, format="json", REMOTE_ADDR="10.0.2.1").status_code == 400
        )
        assert_throttled(api_client.post(TOKEN, {}, format="json", REMOTE_ADDR="10.0.2.1"))


def test_register_per_address(api_client):
    def register(n, ip="10.0.3.1"):
        body = {"username": f"reader_{n}", "email": f"r{n}@example.com", "password": PASSWORD}
        return api_client.post(REGISTER, body, format="json", REMOTE_ADDR=ip)

    with rates(mbc_register_ip="2/hour"):
        assert register(1).status_code == 201
        assert register(2).status_code == 201
        response = register(3)
        assert_throttled(response)
        assert int(response["Retry-After"]) > 60
        assert register(3, ip="10.0.3.2").status_code == 201


def test_password_reset_per_address(api_client, user, mailoutbox):
    def reset(email, ip="10.0.4.1"):
        return api_client.post(RESET, {"email": email}, format="json", REMOTE_ADDR=ip)

    with rates(mbc_password_reset_ip="2/hour", mbc_password_reset_account="100/hour"):
        assert reset("a@example.com").status_code == 202
        assert reset("b@example.com").status_code == 202
        assert_throttled(reset("ann@example.com"))
    assert mailoutbox == []


def test_password_reset_per_email_address(api_client, user, mailoutbox):
    with rates(mbc_password_reset_ip="100/hour", mbc_password_reset_account="1/hour"):
        first = api_client.post(RESET, {"email": "ann@example.com"}, format="json", REMOTE_ADDR="10.0.5.1")
        second = api_client.post(RESET, {"email": "ANN@example.com"}, format="json", REMOTE_ADDR="10.0.5.2")
    assert first.status_code == 202
    assert_throttled(second)
    assert len(mailoutbox) == 1


def test_defaults_apply_to_scopes_the_site_leaves_out(api_client, user):
    with rates():
        assert api_settings.DEFAULT_THROTTLE_RATES == {}
        assert LoginIPThrottle().rate == DEFAULT_THROTTLE_RATES["mbc_login_ip"] == "10/min"
        statuses = [login(api_client, ip="10.0.6.1").status_code for _ in range(6)]
    # mbc_login_account (5 a minute) is the first default to bite.
    assert statuses == [200] * 5 + [429]


def test_a_rate_of_none_turns_a_limit_off(api_client, user):
    with rates(mbc_login_ip=None, mbc_login_account=None):
        assert all(login(api_client).status_code == 200 for _ in range(12))


def test_rates_follow_setting_changes(user):
    with rates(mbc_login_ip="3/hour"):
        assert LoginIPThrottle().rate == "3/hour"
        with rates(mbc_login_ip="7/day"):
            assert LoginIPThrottle().rate == "7/day"
        assert LoginIPThrottle().rate == "3/hour"


def test_history_lives_in_the_default_cache(api_client, user):
    with rates(mbc_login_ip="5/min", mbc_login_account="5/min"):
        login(api_client, ip="10.0.7.1")
        throttle = LoginIPThrottle()
        request = type("R", (), {"META": {"REMOTE_ADDR": "10.0.7.1"}, "headers": {}})()
        key = throttle.get_cache_key(request, None)
        assert len(cache.get(key)) == 1
        # Keys hold no addresses or emails in clear.
        assert "10.0.7.1" not in key

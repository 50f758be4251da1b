"""Account features as the site wires them: email settings, rate limits, sign-in by email, the SPA's
password change (new refresh token in the cookie) and a password reset through the emailed link."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from config.env import email_config, throttle_rates
from tests.conftest import PASSWORD

BASE_DIR = Path(__file__).resolve().parent.parent
SESSION = "/api/v1/auth/session/"
SESSION_REFRESH = "/api/v1/auth/session/refresh/"
SESSION_PASSWORD = "/api/v1/auth/session/password/"
COOKIE = "mbc_refresh"
NEW_PASSWORD = "a-brand-new-passphrase-42"


def settings_in_subprocess(module: str, *names: str, **env: str) -> dict:
    """The values of ``names`` in settings ``module`` loaded with ``env`` (and none of ours inherited)."""
    ours = {"EMAIL_URL", "EMAIL_BACKEND", "DEFAULT_FROM_EMAIL", "USERS_FRONTEND_URL", "NUM_PROXIES"}
    clean = {k: v for k, v in os.environ.items() if k not in ours and not k.startswith("THROTTLE_")}
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": module, "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "x", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# Configuration from the environment ---------------------------------------------------------------


def test_email_defaults_to_the_console():
    assert email_config("") == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://mailer:p%40ss%2Fword@mail.example.com",
            {
                "EMAIL_HOST": "mail.example.com",
                "EMAIL_PORT": 25,
                "EMAIL_HOST_USER": "mailer",
                "EMAIL_HOST_PASSWORD": "p@ss/word",
                "EMAIL_USE_TLS": False,
                "EMAIL_USE_SSL": False,
            },
        ),
        (
            "smtp://u:p@mail.example.com:2525?tls=1",
            {"EMAIL_PORT": 2525, "EMAIL_USE_TLS": True, "EMAIL_USE_SSL": False},
        ),
        ("submission://u:p@mail.example.com", {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True}),
        ("smtps://u:p@mail.example.com", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False}),
        ("smtp://mail.example.com", {"EMAIL_HOST_USER": "", "EMAIL_HOST_PASSWORD": ""}),
    ],
)
def test_smtp_urls(url, expected):
    config = email_config(url)

    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert config.items() >= expected.items()


@pytest.mark.parametrize("scheme", ["console", "locmem", "dummy"])
def test_backend_only_urls(scheme):
    assert email_config(f"{scheme}://") == {
        "EMAIL_BACKEND": f"django.core.mail.backends.{scheme}.EmailBackend"
    }


def test_dotted_backend():
    assert email_config("", "myproject.mail.Backend") == {"EMAIL_BACKEND": "myproject.mail.Backend"}


@pytest.mark.parametrize(
    ("url", "backend", "message"),
    [
        ("http://mail.example.com", "", "EMAIL_URL must start with"),
        ("smtp://", "", "needs a host"),
        ("smtp://h:notaport", "", "invalid port"),
        ("console://", "x.Backend", "not both"),
    ],
)
def test_bad_email_configuration(url, backend, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        email_config(url, backend)


def test_throttle_rates_from_the_environment():
    defaults = {"mbc_login_ip": "10/min", "mbc_register_ip": "5/hour", "mbc_password_reset_ip": "5/hour"}
    environ = {
        "THROTTLE_LOGIN_IP": " 20/MIN ",
        "THROTTLE_REGISTER_IP": "off",
        "THROTTLE_PASSWORD_RESET_IP": "",
    }

    assert throttle_rates(defaults, environ) == {
        "mbc_login_ip": "20/min",
        "mbc_register_ip": None,
        "mbc_password_reset_ip": "5/hour",
    }


@pytest.mark.parametrize("raw", ["10", "ten/min", "10/week", "10 per minute"])
def test_bad_throttle_rate(raw):
    with pytest.raises(ImproperlyConfigured, match="THROTTLE_LOGIN_IP"):
        throttle_rates({"mbc_login_ip": "10/min"}, {"THROTTLE_LOGIN_IP": raw})


def test_production_settings_from_the_environment():
    values = settings_in_subprocess(
        "config.settings.production",
        *("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL"),
        *("REST_FRAMEWORK", "MYBOOKCONNECT", "AUTHENTICATION_BACKENDS"),
        EMAIL_URL="submission://u:p@smtp.example.com",
        DEFAULT_FROM_EMAIL="Books <books@example.com>",
        USERS_FRONTEND_URL="https://books.example.com",
        THROTTLE_LOGIN_ACCOUNT="3/min",
    )

    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"], values["EMAIL_USE_TLS"]) == (
        "smtp.example.com",
        587,
        True,
    )
    assert values["DEFAULT_FROM_EMAIL"] == "Books <books@example.com>"
    assert values["MYBOOKCONNECT"]["USERS_FRONTEND_URL"] == "https://books.example.com"
    assert values["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"] == {
        "mbc_login_ip": "10/min",
        "mbc_login_account": "3/min",
        "mbc_register_ip": "5/hour",
        "mbc_password_reset_ip": "5/hour",
        "mbc_password_reset_account": "3/hour",
    }
    # Behind the proxy, the client is the address the proxy appended to X-Forwarded-For.
    assert values["REST_FRAMEWORK"]["NUM_PROXIES"] == 1
    assert values["AUTHENTICATION_BACKENDS"] == ["mybookconnect.users.backends.UsernameOrEmailBackend"]


def test_local_settings_print_emails_and_barely_limit():
    values = settings_in_subprocess("config.settings.local", "EMAIL_BACKEND", "REST_FRAMEWORK")

    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"]["mbc_register_ip"] == "500/hour"
    assert values["REST_FRAMEWORK"]["NUM_PROXIES"] == 0


# Through the site -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sign_in_with_the_email_address(api_client, user):
    response = api_client.post(SESSION, {"username": "ANA@example.com", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert response.cookies[COOKIE].value


@pytest.mark.django_db
def test_spa_password_change_moves_the_new_refresh_token_into_the_cookie(api_client, user):
    login = api_client.post(SESSION, {"username": "ana", "password": PASSWORD}, format="json")
    old_cookie = login.cookies[COOKIE].value
    access = login.json()["access"]

    response = api_client.post(
        SESSION_PASSWORD,
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
        HTTP_AUTHORIZATION=f"Bearer {access}",
    )

    assert response.status_code == 200, response.json()
    assert set(response.json()) == {"access"}
    morsel = response.cookies[COOKIE]
    assert morsel.value and morsel.value != old_cookie
    assert morsel["httponly"] is True
    assert morsel["path"] == SESSION
    assert morsel["max-age"] == int(jwt_settings.REFRESH_TOKEN_LIFETIME.total_seconds())
    assert morsel.value.encode() not in response.content
    # The new cookie works; the old one was revoked with every other refresh token.
    assert api_client.post(SESSION_REFRESH).status_code == 200
    api_client.cookies[COOKIE] = old_cookie
    assert api_client.post(SESSION_REFRESH).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [({"current_password": "wrong", "new_password": NEW_PASSWORD}, "current_password"), ({}, "new_password")],
)
def test_spa_password_change_bad_input(api_client, user, body, field):
    access = api_client.post(SESSION, {"username": "ana", "password": PASSWORD}, format="json").json()[
        "access"
    ]

    response = api_client.post(SESSION_PASSWORD, body, format="json", HTTP_AUTHORIZATION=f"Bearer {access}")

    assert response.status_code == 400
    assert field in response.json()
    assert COOKIE not in response.cookies
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_spa_password_change_needs_a_signed_in_reader(api_client, user):
    response = api_client.post(
        SESSION_PASSWORD, {"current_password": PASSWORD, "new_password": NEW_PASSWORD}, format="json"
    )

    assert response.status_code == 401


@pytest.mark.django_db
def test_password_reset_through_the_emailed_link(api_client, user, mailoutbox, spa_dist):
    with override_settings(MYBOOKCONNECT={**settings.MYBOOKCONNECT, "USERS_FRONTEND_URL": ""}):
        response = api_client.post(
            "/api/v1/auth/password/reset/", {"email": "ana@example.com"}, format="json"
        )
    assert response.status_code == 202
    [message] = mailoutbox
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    uid, token = re.search(r"http://testserver/reset-password/([^/\s]+)/([^/\s]+)", message.body).groups()

    # The link opens the SPA (Django serves its index.html), whose page posts the uid and token.
    page = api_client.get(f"/reset-password/{uid}/{token}")
    assert page.status_code == 200
    assert b'<div id="root">' in page.content
    confirm = api_client.post(
        "/api/v1/auth/password/reset/confirm/",
        {"uid": uid, "token": token, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert confirm.status_code == 204
    login = api_client.post(SESSION, {"username": "ana", "password": NEW_PASSWORD}, format="json")
    assert login.status_code == 200


@pytest.mark.django_db
def test_login_limit_on_the_sites_cache(api_client, user):
    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"site-throttle-{uuid.uuid4().hex}"
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "mbc_login_ip": "2/min"}
    with override_settings(
        CACHES=caches, REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        statuses = [
            api_client.post(SESSION, {"username": "ana", "password": PASSWORD}, format="json").status_code
            for _ in range(3)
        ]
        last = api_client.post(SESSION, {"username": "ana", "password": PASSWORD}, format="json")

    assert statuses == [200, 200, 429]
    assert int(last["Retry-After"]) > 0
    assert last.json()["code"] == "throttled"

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from mybookconnect.users import services
from mybookconnect.users.demo import DEFAULT_DEMO_PASSWORD, DEMO_PASSWORD_ENV, DEMO_READERS
from mybookconnect.users.models import Block, Follow, FollowRequest, Profile

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

USERNAMES = ["ana", "bruno", "carmen", "david", "elena"]


@pytest.fixture(autouse=True)
def debug_on(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv(DEMO_PASSWORD_ENV, raising=False)


def load(*args, language="en"):
    out, err = StringIO(), StringIO()
    with translation.override(language):
        call_command("load_demo_readers", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def account(username):
    user_model = get_user_model()
    return user_model._default_manager.get(**{user_model.USERNAME_FIELD: username})


def graph():
    """(follows, follow requests) as sorted username pairs."""
    name = get_user_model().USERNAME_FIELD
    return (
        sorted(Follow.objects.values_list(f"follower__{name}", f"followee__{name}")),
        sorted(FollowRequest.objects.values_list(f"requester__{name}", f"target__{name}")),
    )


def test_creates_the_readers_with_profiles_and_follows():
    out, err = load()

    assert "Demo readers: 5 created, 0 already there; follows made: 7, follow requests made: 1." in out
    assert f"Sign in as ana, bruno, carmen, david, elena with the password “{DEFAULT_DEMO_PASSWORD}”." in out
    assert err == ""
    user_model = get_user_model()
    assert sorted(user_model._default_manager.values_list(user_model.USERNAME_FIELD, flat=True)) == USERNAMES
    for username in USERNAMES:
        user = account(username)
        assert authenticate(username=username, password=DEFAULT_DEMO_PASSWORD) == user
        assert getattr(user, user.get_email_field_name()) == f"{username}@example.com"
    profiles = {p.user.get_username(): p for p in Profile.objects.select_related("user")}
    assert profiles["ana"].display_name == "Ana García"
    assert profiles["ana"].favourite_genres == ["Fantasía", "Misterio", "Novela negra"]
    assert profiles["carmen"].profile_visibility == "private"
    assert profiles["david"].approve_followers is True
    assert profiles["elena"].profile_visibility == "followers"
    assert all(p.bio for p in profiles.values())
    follows, requests = graph()
    assert ("ana", "david") in follows  # David approves followers: Ana's request was accepted
    assert requests == [("bruno", "david")]  # Bruno's still waits
    assert len(follows) == 7


def test_a_second_run_creates_nothing():
    load()
    before = graph()
    profile = Profile.objects.get(user=account("ana"))
    services.update_profile(account("ana"), {"bio": "Changed while trying the demo."})

    out, _err = load()

    assert "Demo readers: 0 created, 5 already there; follows made: 0, follow requests made: 0." in out
    assert "Sign in" not in out
    assert graph() == before
    assert get_user_model()._default_manager.count() == 5
    # A profile someone edited while trying the demo out is left as it is.
    assert Profile.objects.get(pk=profile.pk).bio == "Changed while trying the demo."


def test_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        load()

    assert get_user_model()._default_manager.count() == 0


def test_messages_in_spanish(settings):
    out, _err = load(language="es")
    assert "Lectores de demostración: 5 creados" in out

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG está desactivado"):
        load(language="es")


def test_force_runs_without_debug(settings):
    settings.DEBUG = False

    out, _err = load("--force")

    assert "5 created" in out


def test_password_from_the_option_or_the_environment_is_not_echoed(monkeypatch):
    out, _err = load("--password", PASSWORD)
    assert PASSWORD not in out
    assert "with the password you gave" in out
    assert authenticate(username="bruno", password=PASSWORD) == account("bruno")

    get_user_model()._default_manager.all().delete()
    monkeypatch.setenv(DEMO_PASSWORD_ENV, "another-long-demo-secret")
    load()
    assert authenticate(username="carmen", password="another-long-demo-secret") == account("carmen")


def test_a_weak_password_is_refused_before_anything_is_written():
    with pytest.raises(CommandError, match="demo password is refused"):
        load("--password", "12345")
    assert get_user_model()._default_manager.count() == 0


def test_accounts_that_are_not_the_demos_are_left_alone():
    services.register_user(username="Ana", email="ana.real@example.org", password=PASSWORD)
    services.register_user(username="someone", email="bruno@example.com", password=PASSWORD)

    out, err = load()

    assert "Demo readers: 3 created, 0 already there" in out
    assert "Left alone, taken by other accounts: ana, bruno." in err
    real_ana = account("Ana")
    assert not Follow.objects.filter(follower=real_ana).exists()
    assert not Follow.objects.filter(followee=real_ana).exists()
    assert Profile.objects.get(user=real_ana).display_name == ""


def test_a_block_between_demo_readers_is_respected():
    load()
    services.block(account("elena"), account("ana"))

    out, _err = load()

    assert "follows made: 0," in out
    assert Block.objects.count() == 1
    assert not Follow.objects.filter(follower=account("ana"), followee=account("elena")).exists()


def test_the_demo_data_fits_the_profile_rules():
    assert [reader.username for reader in DEMO_READERS] == USERNAMES
    assert {reader.profile_visibility for reader in DEMO_READERS} == {"public", "followers", "private"}
    assert sum(reader.approve_followers for reader in DEMO_READERS) == 1

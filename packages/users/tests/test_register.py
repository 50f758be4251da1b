import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from mybookconnect.users import services
from mybookconnect.users.models import Profile

from .conftest import PASSWORD, user_count

URL = "/api/v1/auth/register/"
VALID = {"username": "ann_reader", "email": "Ann.Reader@Example.COM", "password": PASSWORD}

pytestmark = pytest.mark.django_db


def username_max_length():
    user_model = get_user_model()
    return user_model._meta.get_field(user_model.USERNAME_FIELD).max_length


def assert_nothing_written():
    assert user_count() == 0
    assert Profile.objects.count() == 0


def post(api_client, data, **extra):
    return api_client.post(URL, data, format="json", **extra)


def test_registration_creates_account_and_profile(api_client):
    response = post(api_client, VALID)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == {"id", "username", "email", "date_joined"}
    assert body["username"] == "ann_reader"
    # The domain is lower-cased; the local part is kept as typed.
    assert body["email"] == "Ann.Reader@example.com"
    user = get_user_model()._default_manager.get(pk=body["id"])
    assert user.get_username() == "ann_reader"
    assert user.check_password(PASSWORD)
    assert Profile.objects.filter(user=user).exists()
    assert "password" not in body


def test_registered_reader_can_log_in(api_client):
    post(api_client, VALID)
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "ann_reader", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}


@pytest.mark.parametrize("field", ["username", "email", "password"])
def test_missing_field(api_client, field):
    data = {k: v for k, v in VALID.items() if k != field}
    response = post(api_client, data)
    assert response.status_code == 400
    assert response.json() == {field: ["This field is required."]}
    assert_nothing_written()


@pytest.mark.parametrize("field", ["username", "email", "password"])
def test_empty_field(api_client, field):
    response = post(api_client, {**VALID, field: ""})
    assert response.status_code == 400
    assert response.json() == {field: ["This field may not be blank."]}
    assert_nothing_written()


@pytest.mark.parametrize("field", ["username", "email", "password"])
def test_null_field(api_client, field):
    response = post(api_client, {**VALID, field: None})
    assert response.status_code == 400
    assert response.json() == {field: ["This field may not be null."]}
    assert_nothing_written()


@pytest.mark.parametrize("value", [12345, 1.5, True, ["ann"], {"name": "ann"}])
@pytest.mark.parametrize("field", ["username", "email", "password"])
def test_wrong_type(api_client, field, value):
    response = post(api_client, {**VALID, field: value})
    assert response.status_code == 400
    assert response.json() == {field: ["Not a valid string."]}
    assert_nothing_written()


def test_every_bad_field_is_reported_at_once(api_client):
    response = post(api_client, {"username": 7, "email": "nope", "password": "123", "nickname": "x"})
    assert response.status_code == 400
    assert set(response.json()) == {"username", "email", "password", "nickname"}
    assert_nothing_written()


def test_username_too_long(api_client):
    limit = username_max_length()
    response = post(api_client, {**VALID, "username": "a" * (limit + 1)})
    assert response.status_code == 400
    assert response.json() == {"username": [f"Ensure this field has no more than {limit} characters."]}
    assert_nothing_written()


def test_username_at_the_limit_is_accepted(api_client):
    limit = username_max_length()
    response = post(api_client, {**VALID, "username": "a" * limit})
    assert response.status_code == 201


@pytest.mark.parametrize("username", ["ann reader", "ann/reader", "ann<script>"])
def test_username_breaking_the_models_validators(api_client, username):
    response = post(api_client, {**VALID, "username": username})
    assert response.status_code == 400
    assert list(response.json()) == ["username"]
    assert_nothing_written()


def test_username_taken_ignoring_case(api_client):
    # Stored directly, as another part of the site may have, with capitals the API would refuse
    # for some user models: the check must still find it.
    user_model = get_user_model()
    existing = services.build_user(username="Ann_Reader", email="someone@example.com")
    existing.set_password(PASSWORD)
    existing.save()
    response = post(api_client, VALID)
    assert response.status_code == 400
    assert response.json() == {"username": ["A user with that username already exists."]}
    assert user_model._default_manager.count() == 1


def test_email_taken_ignoring_case(api_client, make_user):
    make_user(username="someone", email="ann.reader@example.com")
    response = post(api_client, {**VALID, "email": "ANN.READER@EXAMPLE.COM"})
    assert response.status_code == 400
    assert response.json() == {"email": ["A user with that email address already exists."]}
    assert user_count() == 1
    assert Profile.objects.count() == 1


@pytest.mark.parametrize("email", ["not-an-email", "ann@", "@example.com", "ann@example", "a b@example.com"])
def test_invalid_email(api_client, email):
    response = post(api_client, {**VALID, "email": email})
    assert response.status_code == 400
    assert response.json() == {"email": ["Enter a valid email address."]}
    assert_nothing_written()


def test_email_too_long(api_client):
    response = post(api_client, {**VALID, "email": "a" * 250 + "@example.com"})
    assert response.status_code == 400
    assert list(response.json()) == ["email"]
    assert_nothing_written()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1!", "This password is too short. It must contain at least 8 characters."),
        ("password123", "This password is too common."),
        ("83920174635", "This password is entirely numeric."),
    ],
)
def test_weak_password(api_client, password, message):
    response = post(api_client, {**VALID, "password": password})
    assert response.status_code == 400
    assert message in response.json()["password"]
    assert list(response.json()) == ["password"]
    assert_nothing_written()


def test_password_similar_to_username(api_client):
    response = post(api_client, {**VALID, "username": "bookworm_reader", "password": "bookworm_reader1"})
    assert response.status_code == 400
    [message] = response.json()["password"]
    assert message.startswith("The password is too similar to the")
    assert_nothing_written()


def test_password_similar_to_email(api_client):
    response = post(
        api_client, {**VALID, "email": "marguerite.yourcenar@example.com", "password": "marguerite.yourcenar"}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["password"]
    assert_nothing_written()


def test_password_too_long(api_client):
    response = post(api_client, {**VALID, "password": "x" * 4097})
    assert response.status_code == 400
    assert response.json() == {"password": ["Ensure this field has no more than 4096 characters."]}


def test_password_keeps_surrounding_spaces(api_client):
    response = post(api_client, {**VALID, "password": f"  {PASSWORD}  "})
    assert response.status_code == 201
    user = get_user_model()._default_manager.get()
    assert user.check_password(f"  {PASSWORD}  ")


def test_unknown_fields_are_named(api_client):
    response = post(api_client, {**VALID, "is_staff": True, "is_superuser": True})
    assert response.status_code == 400
    assert response.json() == {
        "is_staff": ["This field is not allowed."],
        "is_superuser": ["This field is not allowed."],
    }
    assert_nothing_written()


def test_read_only_output_fields_are_not_accepted(api_client):
    response = post(api_client, {**VALID, "id": 99, "date_joined": "2000-01-01T00:00:00Z"})
    assert response.status_code == 400
    assert set(response.json()) == {"id", "date_joined"}


def test_malformed_json(api_client):
    response = api_client.post(URL, '{"username": "ann"', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert_nothing_written()


def test_body_that_is_not_an_object(api_client):
    response = post(api_client, ["ann_reader", "ann@example.com", PASSWORD])
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]
    assert_nothing_written()


def test_form_encoded_body_is_refused(api_client):
    response = api_client.post(
        URL, "username=ann_reader&email=ann%40example.com", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    assert_nothing_written()


def test_profile_failure_leaves_no_account(api_client, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Profile.objects, "create", fail)
    response = post(api_client, VALID)
    assert response.status_code == 500
    assert response.json() == {"detail": "A server error occurred.", "code": "server_error"}
    assert_nothing_written()


def test_register_user_refuses_a_taken_username_inside_its_transaction(make_user):
    from django.core.exceptions import ValidationError

    make_user(username="ann_reader", email="ann@example.com")
    with pytest.raises(ValidationError) as excinfo:
        services.register_user(username="ANN_READER", email="ANN@example.com", password=PASSWORD)
    assert set(excinfo.value.message_dict) == {"username", "email"}
    assert user_count() == 1


def test_registration_closed(api_client):
    with override_settings(MYBOOKCONNECT={"USERS_REGISTRATION_OPEN": False}):
        response = post(api_client, VALID)
    assert response.status_code == 403
    assert response.json() == {"detail": "Registration is closed.", "code": "registration_closed"}
    assert_nothing_written()


def test_registration_reopens_when_the_setting_is_restored(api_client):
    with override_settings(MYBOOKCONNECT={"USERS_REGISTRATION_OPEN": False}):
        assert post(api_client, VALID).status_code == 403
    assert post(api_client, VALID).status_code == 201

"""GET and PATCH auth/me/: the owner's account, profile and counts, and every field's limits."""

import datetime

import pytest
from django.utils import timezone

from mybookconnect.users.models import Profile

from .readers import client_for, follows, make_reader, requests_to_follow

ME = "/api/v1/auth/me/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def ann(db):
    return make_reader("ann")


@pytest.fixture
def client(ann):
    return client_for(ann)


def profile(user):
    return Profile.objects.get(user=user)


def test_me_body(client, ann):
    follows(make_reader("bob"), ann)
    follows(ann, make_reader("cat"))
    requests_to_follow(make_reader("dan"), ann)
    body = client.get(ME).json()
    assert body["username"] == "ann"
    assert body["profile"] == {
        "display_name": "",
        "bio": "",
        "location": "",
        "birth_date": None,
        "website": "",
        "favourite_genres": [],
        "avatar": None,
        "profile_visibility": "public",
        "approve_followers": False,
        "show_follow_lists": True,
        "searchable": True,
    }
    assert body["counts"] == {"followers": 1, "following": 1, "follow_requests": 1}


def test_patch_every_field(client, ann):
    data = {
        "display_name": "Ann Reader",
        "bio": "Reads a lot.\nMostly novels.",
        "location": "Sevilla",
        "birth_date": "1990-05-17",
        "website": "https://ann.example.com/",
        "favourite_genres": ["Fantasy", "fantasy", "Poetry"],
        "profile_visibility": "followers",
        "approve_followers": True,
        "show_follow_lists": False,
        "searchable": False,
    }
    response = client.patch(ME, data, format="json")
    assert response.status_code == 200, response.json()
    expected = {**data, "favourite_genres": ["Fantasy", "Poetry"], "avatar": None}
    assert response.json()["profile"] == expected
    assert client.get(ME).json()["profile"] == expected


def test_patch_subset_keeps_the_rest(client, ann):
    client.patch(ME, {"display_name": "Ann", "location": "Lima"}, format="json")
    response = client.patch(ME, {"location": ""}, format="json")
    assert response.json()["profile"]["display_name"] == "Ann"
    assert response.json()["profile"]["location"] == ""


def test_bio_is_stored_as_plain_text_without_control_characters(client, ann):
    bio = '<script>alert("x")</script>\x00\x07 line\r\nnext\ttab\x1b'
    response = client.patch(ME, {"bio": bio}, format="json")
    assert response.status_code == 200
    # Markup is kept as text (the SPA never renders it as HTML); control characters are gone.
    assert profile(ann).bio == '<script>alert("x")</script> line\nnext\ttab'


def test_display_name_loses_line_breaks(client, ann):
    client.patch(ME, {"display_name": "Ann\nReader\u0085"}, format="json")
    assert profile(ann).display_name == "AnnReader"


TODAY = timezone.localdate()

BAD_INPUT = [
    # field, value, message
    ("display_name", "x" * 101, "Ensure this field has no more than 100 characters."),
    ("display_name", 5, "Not a valid string."),
    ("display_name", None, "This field may not be null."),
    ("bio", "x" * 501, "Ensure this field has no more than 500 characters."),
    ("bio", ["a"], "Not a valid string."),
    ("location", "x" * 101, "Ensure this field has no more than 100 characters."),
    ("location", {"city": "Lima"}, "Not a valid string."),
    ("birth_date", str(TODAY + datetime.timedelta(days=1)), "The birth date cannot be in the future."),
    ("birth_date", "1899-12-31", "The birth date cannot be before 1900-01-01."),
    ("birth_date", "17/05/1990", "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."),
    ("birth_date", 19900517, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."),
    ("website", "javascript:alert(1)", "Enter an http:// or https:// address."),
    ("website", "ftp://example.com/", "Enter an http:// or https:// address."),
    ("website", "not a url", "Enter an http:// or https:// address."),
    ("website", "https://example.com/" + "x" * 190, "Ensure this field has no more than 200 characters."),
    ("website", 42, "Not a valid string."),
    ("favourite_genres", "Fantasy", 'Expected a list of items but got type "str".'),
    ("favourite_genres", [f"g{i}" for i in range(21)], "Ensure this field has no more than 20 elements."),
    ("profile_visibility", "friends", '"friends" is not a valid choice.'),
    ("profile_visibility", None, "This field may not be null."),
    ("approve_followers", "yes", "Must be true or false."),
    ("show_follow_lists", 1, "Must be true or false."),
    ("searchable", None, "This field may not be null."),
    ("username", "someone_else", "Usernames cannot be changed."),
    ("email", "new@example.com", "Use auth/email/change/ to change your email address."),
    ("is_staff", True, "This field is not allowed."),
    ("avatar", "https://example.com/me.png", "This field is not allowed."),
]


@pytest.mark.parametrize(
    ("field", "value", "message"), BAD_INPUT, ids=[f"{f}-{v!r:.20}" for f, v, _ in BAD_INPUT]
)
def test_patch_bad_input_is_refused_whole(client, ann, field, value, message):
    # A valid change beside the bad one must not be written either.
    response = client.patch(ME, {"display_name": "Changed", field: value}, format="json")
    assert response.status_code == 400
    assert response.json() == {field: [message]} if field != "display_name" else {field: [message]}
    assert profile(ann).display_name == ""


@pytest.mark.parametrize(
    ("genres", "error"),
    [
        (["x" * 51], {"favourite_genres": {"0": ["Ensure this field has no more than 50 characters."]}}),
        ([""], {"favourite_genres": {"0": ["This field may not be blank."]}}),
        ([3], {"favourite_genres": {"0": ["Not a valid string."]}}),
    ],
)
def test_genre_items(client, genres, error):
    response = client.patch(ME, {"favourite_genres": genres}, format="json")
    assert response.status_code == 400
    assert response.json() == error


def test_limits_are_inclusive(client, ann):
    data = {
        "display_name": "x" * 100,
        "bio": "é" * 500,
        "birth_date": "1900-01-01",
        "favourite_genres": [f"{i:02}" + "g" * 48 for i in range(20)],
    }
    assert client.patch(ME, data, format="json").status_code == 200
    assert client.patch(ME, {"birth_date": str(TODAY)}, format="json").status_code == 200
    assert client.patch(ME, {"birth_date": None, "website": ""}, format="json").status_code == 200


def test_several_errors_at_once(client):
    response = client.patch(ME, {"bio": 1, "website": "ftp://x", "colour": "red"}, format="json")
    assert set(response.json()) == {"bio", "website", "colour"}


@pytest.mark.parametrize("body", ["{", "[1, 2]", '"text"', "null"])
def test_malformed_or_non_object_json(client, body):
    response = client.patch(ME, body, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body.get("code") == "parse_error" or "non_field_errors" in body


def test_form_encoded_body_is_refused(client):
    response = client.patch(ME, "display_name=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_turning_approval_off_accepts_pending_requests(client, ann):
    Profile.objects.filter(user=ann).update(approve_followers=True)
    requests_to_follow(make_reader("bob"), ann)
    requests_to_follow(make_reader("cat"), ann)
    response = client.patch(ME, {"approve_followers": False}, format="json")
    assert response.json()["counts"] == {"followers": 2, "following": 0, "follow_requests": 0}


def test_patch_query_count(client, django_assert_max_num_queries):
    # Authentication, the profile locked and updated (in a savepoint), the me body.
    with django_assert_max_num_queries(6):
        assert client.patch(ME, {"display_name": "Ann", "bio": "Hi"}, format="json").status_code == 200

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

ES = {"HTTP_ACCEPT_LANGUAGE": "es"}


def test_own_messages_in_spanish(api_client, make_user):
    make_user(username="ann_reader", email="ann@example.com")
    data = {"username": "ANN_READER", "email": "ANN@example.com", "password": PASSWORD, "extra": 1}
    if get_user_model().USERNAME_FIELD != "username":
        data["username"] = "ann_reader"
    response = api_client.post("/api/v1/auth/register/", data, format="json", **ES)
    assert response.status_code == 400
    assert response.json() == {
        "username": ["Ya existe un usuario con este nombre."],
        "email": ["Ya existe un usuario con esta dirección de correo electrónico."],
        "extra": ["Este campo no está permitido."],
    }
    assert response["Content-Language"] == "es"


def test_registration_closed_in_spanish(api_client):
    with override_settings(MYBOOKCONNECT={"USERS_REGISTRATION_OPEN": False}):
        response = api_client.post("/api/v1/auth/register/", {}, format="json", **ES)
    assert response.json()["detail"] == "El registro está cerrado."


def test_bad_credentials_in_spanish(api_client, user):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "ann_reader", "password": "nope"}, format="json", **ES
    )
    assert response.status_code == 401
    assert response.json()["detail"] == "No hay ninguna cuenta activa con esas credenciales"


def test_django_and_drf_messages_in_spanish(api_client):
    response = api_client.post("/api/v1/auth/register/", {"password": "123"}, format="json", **ES)
    body = response.json()
    assert body["username"] == ["Este campo es requerido."]
    assert "Esta contraseña es completamente numérica." in body["password"]


def test_type_errors_in_spanish(api_client):
    response = api_client.post("/api/v1/auth/token/", {"username": 1, "password": []}, format="json", **ES)
    assert response.json() == {
        "username": ["No es una cadena válida."],
        "password": ["No es una cadena válida."],
    }


def test_english_is_the_default(api_client):
    response = api_client.post("/api/v1/auth/register/", {}, format="json")
    assert response.json()["username"] == ["This field is required."]


def test_profile_validation_errors_in_spanish(auth_client):
    data = {
        "website": "ftp://example.com",
        "birth_date": "2999-01-01",
        "approve_followers": "yes",
        "username": "x",
    }
    response = auth_client.patch("/api/v1/auth/me/", data, format="json", **ES)
    assert response.status_code == 400
    assert response.json() == {
        "website": ["Introduce una dirección http:// o https://."],
        "birth_date": ["La fecha de nacimiento no puede ser futura."],
        "approve_followers": ["Debe ser true o false."],
        "username": ["El nombre de usuario no se puede cambiar."],
    }

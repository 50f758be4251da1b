import logging

import pytest
from django.utils import translation

from mybookconnect.core.visibility import Audience

pytestmark = pytest.mark.django_db


def test_drf_messages_follow_accept_language(api_client):
    response = api_client.get("/api/v1/test/private/", HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Las credenciales de autenticación no se proveyeron.",
        "code": "not_authenticated",
    }
    assert response.headers["Content-Language"] == "es"


def test_validation_messages_follow_accept_language(api_client):
    response = api_client.post("/api/v1/test/echo/", {}, format="json", HTTP_ACCEPT_LANGUAGE="es")

    assert response.json() == {"name": ["Este campo es requerido."]}


def test_core_server_error_message_in_spanish(api_client, caplog):
    with caplog.at_level(logging.CRITICAL, logger="mybookconnect"):
        response = api_client.get("/api/v1/test/boom/", HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 500
    assert response.json() == {"detail": "Se ha producido un error en el servidor.", "code": "server_error"}


def test_core_messages_in_spanish(api_client):
    assert api_client.get("/api/nothing/", HTTP_ACCEPT_LANGUAGE="es").json()["detail"] == "No encontrado."
    with translation.override("es"):
        assert [str(label) for label in Audience.labels] == ["Público", "Seguidores", "Privado"]
        from mybookconnect.core.exceptions import BAD_REQUEST_MESSAGE

        assert str(BAD_REQUEST_MESSAGE) == "Solicitud incorrecta."

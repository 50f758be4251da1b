"""A throttled request says, in the request's language, when to retry."""

import pytest


@pytest.mark.parametrize(
    ("wait", "language", "detail"),
    [
        ("41.2", "en", "Too many requests. Try again in 42 seconds."),
        ("0.3", "en", "Too many requests. Try again in 1 second."),
        ("41.2", "es", "Demasiadas peticiones. Inténtalo de nuevo dentro de 42 segundos."),
        ("1", "es", "Demasiadas peticiones. Inténtalo de nuevo dentro de 1 segundo."),
    ],
)
def test_throttled_says_when_to_retry(api_client, wait, language, detail):
    response = api_client.get(f"/api/v1/test/throttled/?wait={wait}", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 429
    assert response.json() == {"detail": detail, "code": "throttled"}
    assert response.headers["Retry-After"] == str(int(float(wait) + 0.999))


def test_throttled_without_a_wait(api_client):
    response = api_client.get("/api/v1/test/throttled/", HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 429
    assert response.json() == {"detail": "Demasiadas peticiones. Inténtalo más tarde.", "code": "throttled"}
    assert "Retry-After" not in response.headers

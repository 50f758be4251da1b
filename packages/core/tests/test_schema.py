import pytest
import yaml
from django.core.management import call_command


def test_schema_generation_validates_against_openapi_3(tmp_path):
    schema_file = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file))

    schema = yaml.safe_load(schema_file.read_text())
    assert schema["openapi"].startswith("3.")


@pytest.mark.django_db
def test_schema_endpoint_documents_health(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    health = schema["paths"]["/api/v1/health/"]["get"]
    assert set(health["responses"]) == {"200", "503"}
    assert health["responses"]["503"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Health"
    }
    assert set(schema["components"]["schemas"]["Health"]["required"]) == {"status", "database", "cache"}


@pytest.mark.django_db
def test_docs_page_serves_swagger_ui(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert b"swagger-ui" in response.content
    assert b"/api/v1/schema/" in response.content

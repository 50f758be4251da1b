import pytest
import yaml
from django.core.management import call_command


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    # --fail-on-warn turns any warning (an undocumented parameter, a guessed type) into an error.
    # Only books' URLs: core's endpoints are core's own suite's business.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--urlconf", "tests.schema_urls", "--file", str(path)
    )
    return yaml.safe_load(path.read_text())


def parameters(operation):
    return {param["name"]: param for param in operation["parameters"]}


def test_list_documents_its_query_parameters_and_responses(schema):
    operation = schema["paths"]["/api/v1/books/"]["get"]
    params = parameters(operation)

    assert set(params) >= {"q", "search", "ordering", "page", "page_size", "author", "subject", "series"}
    assert all(param["in"] == "query" for param in params.values())
    assert params["ordering"]["schema"]["enum"] == [
        "title",
        "-title",
        "first_published_year",
        "-first_published_year",
        "created_at",
        "-created_at",
        "-readers_count",
        "relevance",
    ]
    assert params["search"]["schema"]["maxLength"] == 200
    assert set(operation["responses"]) == {"200", "400", "404"}
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PaginatedBookSummaryList"
    }
    assert "security" not in operation or {} in operation["security"]


def test_detail_documents_its_responses(schema):
    operation = schema["paths"]["/api/v1/books/{id}/"]["get"]
    assert parameters(operation)["id"]["schema"]["type"] == "integer"
    assert set(operation["responses"]) == {"200", "301", "404"}
    detail = schema["components"]["schemas"]["BookDetail"]
    assert set(detail["properties"]) >= {
        "id",
        "title",
        "subtitle",
        "description",
        "first_published_year",
        "authors",
        "editions",
        "series",
        "subjects",
        "created_at",
        "updated_at",
    }
    assert set(detail["required"]) >= {"id", "title", "created_at"}


def test_writes_are_documented(schema):
    assert set(schema["paths"]["/api/v1/books/"]) == {"get", "post"}
    assert set(schema["paths"]["/api/v1/books/{id}/"]) == {"get", "patch"}
    assert "409" in schema["paths"]["/api/v1/editions/"]["post"]["responses"]

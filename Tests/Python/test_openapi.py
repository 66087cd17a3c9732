"""The served OpenAPI document is valid OpenAPI 3.1 (openapi-spec-validator) and
describes the JSON API's main operations."""
import json
import urllib.request

from openapi_spec_validator import validate


def fetch_document(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/openapi.json", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/json"
        assert response.headers["Cache-Control"] == "public, max-age=3600"
        return json.loads(response.read())


def test_served_document_is_valid_openapi_3_1(server):
    _, port = server
    document = fetch_document(port)
    assert document["openapi"].startswith("3.1.")
    validate(document)  # raises OpenAPIValidationError with the failing path


def test_document_describes_the_api_with_path_templates(server):
    _, port = server
    paths = fetch_document(port)["paths"]
    assert "post" in paths["/v1/login"]
    assert "get" in paths["/v1/openapi.json"]
    assert "get" in paths["/v1/credential-batches/{batch_id}"]
    assert not any(":" in path for path in paths), "router :name parameters must be written {name}"
    assert not any(path in paths for path in ("/", "/login", "/teacher")), "HTML pages are not described"


def test_errors_share_one_schema_and_protected_operations_list_401(server):
    _, port = server
    document = fetch_document(port)
    error = document["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"error", "message", "request_id"}
    assert "field" in error["properties"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters" or operation.get("security") == []:
                continue  # public operations
            assert "401" in operation["responses"], f"{method.upper()} {path} lists no 401"

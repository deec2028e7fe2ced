"""The OpenAPI schema is valid and complete; the Swagger UI loads only our own files, with no inline code."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

EXPECTED_PATHS = [
    "/api/v1/auth/token/",
    "/api/v1/clusters/",
    "/api/v1/clusters/{slug}/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{slug}/",
    "/api/v1/memberships/",
    "/api/v1/memberships/{id}/approve/",
    "/api/v1/memberships/{id}/decline/",
    "/api/v1/memberships/{id}/end/",
    "/api/v1/people/",
    "/api/v1/people/{id}/",
    "/api/v1/topics/{slug}/",
    "/api/v1/industry-codes/{code}/",
]


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)


def test_schema_lists_every_endpoint(schema):
    assert set(EXPECTED_PATHS) <= set(schema["paths"])


def test_schema_documents_organisation_filters_and_pagination(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/organisations/"]["get"]["parameters"]}

    assert {"q", "cluster", "industry", "size", "topic", "district", "page", "page_size"} <= names


def test_schema_takes_industries_as_codes_when_writing(schema):
    write = schema["components"]["schemas"]["OrganisationWriteRequest"]["properties"]["industries"]

    assert write["items"]["type"] == "string"


def test_schema_generation_has_no_warnings(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yml"))
    assert "/api/v1/organisations/" in (tmp_path / "schema.yml").read_text()


def _csp(response, directive):
    policy = response["Content-Security-Policy"]
    return next(part.split()[1:] for part in policy.split(";") if part.strip().startswith(directive))


def test_swagger_ui_has_no_inline_code_and_no_external_assets(client, db):
    response = client.get("/api/docs/")
    html = response.content.decode()

    assert response.status_code == 200
    assert _csp(response, "script-src") == ["'self'"]
    assert _csp(response, "style-src") == ["'self'"]
    assert "<style" not in html
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script> would be blocked by the CSP"
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    assert all(a.startswith("/") and not a.startswith("//") for a in assets), assets


def test_swagger_ui_assets_are_served_from_our_static_files(client, db):
    html = client.get("/api/docs/").content.decode()
    static_paths = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)

    assert len(static_paths) >= 4
    for path in static_paths:
        assert finders.find(path.removeprefix("/static/")), path


def test_swagger_ui_start_script_is_javascript_pointing_to_our_schema(client, db):
    html = client.get("/api/docs/").content.decode()
    script_url = next(s for s in re.findall(r'<script src="([^"]+)"', html) if s.startswith("/api/docs/"))

    response = client.get(script_url.replace("&amp;", "&"))

    assert response.status_code == 200
    assert response["content-type"].startswith("application/javascript")
    assert "/api/schema/" in response.content.decode()


def test_schema_is_also_served_as_json(client, db):
    response = client.get("/api/schema/?format=json")

    assert response.status_code == 200
    assert "/api/v1/clusters/" in response.json()["paths"]

"""Production configuration: refuses to start insecurely, passes Django's deployment checks."""

import os
import secrets
import subprocess
import sys

import pytest
from django.db import connection


def _crosscluster(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "crosscluster", *args], env=full_env, capture_output=True, text=True, timeout=120
    )


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = _crosscluster("check", CROSSCLUSTER_ENV="production", CROSSCLUSTER_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_settings_pass_deploy_checks_without_warnings(tmp_path):
    result = _crosscluster(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        CROSSCLUSTER_ENV="production",
        CROSSCLUSTER_DATA_DIR=str(tmp_path),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="cluster.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_postgres_has_the_search_index_and_its_trigger():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'directory_organisation'")
        names = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'directory_organisation'::regclass")
        triggers = {row[0] for row in cursor.fetchall()}
    assert {"directory_org_search_vector_col", "directory_org_name_trgm"} <= names
    assert "directory_org_search_trgm" not in names  # replaced by the stored vector's index (migration 0006)
    assert "directory_organisation_search_vector" in triggers


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/accounts/invitations/%00/", "/organisations/a%00b/", "/clusters/%00/", "/api/v1/organisations/x%00/"]
)
def test_nul_byte_in_path_is_a_clear_400_not_a_500(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()

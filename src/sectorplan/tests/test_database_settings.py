"""The connection settings the lists' query plans depend on (docs/PERFORMANCE.md)."""

import os
import subprocess
import sys

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_plans_for_ssd_storage():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no planner costs")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


def _options(page_cost: str) -> subprocess.CompletedProcess:
    script = "from sectorplan import settings; print(settings.DATABASES['default'].get('OPTIONS'))"
    env = dict(
        os.environ,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/any",
        SECRET_KEY="x" * 50,
        DATABASE_RANDOM_PAGE_COST=page_cost,
    )
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)


def test_the_page_cost_can_be_set_or_left_to_the_server():
    assert _options("2").stdout.strip() == "{'options': '-c random_page_cost=2.0'}"
    assert _options("").stdout.strip() == "None"
    refused = _options("snel")
    assert refused.returncode != 0
    assert "DATABASE_RANDOM_PAGE_COST must be a number such as 1.1, or empty" in refused.stderr

"""The connection settings the lists' query plans depend on (docs/PERFORMANCE.md)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_plans_for_ssd_storage():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no planner costs")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"

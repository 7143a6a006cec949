"""bench/load.py, shortened: gunicorn on PostgreSQL with people of every role reading and writing
at once for a few seconds, and not one error (a 5xx or any unexpected status). The full 60-second
run with 16 users and its figures are in docs/PERFORMANCE.md, "Load (issue 7)".

Runs against the PostgreSQL server of DATABASE_URL, in its own database `<name>_load`, so in the
PostgreSQL pass of .ci/run; on SQLite it is skipped (that pass has no PostgreSQL server yet). An
unreachable server skips it, except in CI (SECTORPLAN_REQUIRE_SYSTEM_PACKAGES=1), where it fails.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

DATABASE_URL = os.environ.get("DATABASE_URL", "")
BENCH = Path(__file__).resolve().parents[3] / "bench" / "load.py"

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="load test runs in the PostgreSQL pass (DATABASE_URL=postgres://...)",
)


def reachable() -> bool:
    import psycopg

    parts = urlsplit(DATABASE_URL)
    try:
        psycopg.connect(urlunsplit(parts._replace(path="/postgres")), connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def test_people_of_every_role_at_once_get_no_error(tmp_path):
    if not reachable():
        if os.environ.get("SECTORPLAN_REQUIRE_SYSTEM_PACKAGES"):
            pytest.fail(f"PostgreSQL at {DATABASE_URL} is not reachable")
        pytest.skip("PostgreSQL is not reachable")
    parts = urlsplit(DATABASE_URL)
    target = urlunsplit(parts._replace(path=f"/{parts.path.lstrip('/') or 'sectorplan'}_load"))
    command = [
        sys.executable,
        str(BENCH),
        *("--seconds", "5", "--users", "10", "--workers", "2", "--threads", "4"),
        *("--database-url", target, "--fast-hashing", "--json"),
    ]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert finished.stdout, finished.stderr
    report = json.loads(finished.stdout)
    assert report["errors"] == 0, report["error_samples"]
    assert finished.returncode == 0
    # Every role took part, and both kinds of write worked (each writer wrote once before the
    # clock started, so a broken write leaves no writer).
    assert set(report["users"].values()) == {"office", "company", "other"}
    assert report["writers"]["write-plan"] >= 1 and report["writers"]["write-review"] >= 1
    assert report["requests"] >= 20
    assert {"tasks", "plan", "api-plan"} <= set(report["kinds"])

"""Issue 16: the commands work where the README says. `allocate` needs no settings, a missing
setting is one clear line (no traceback), the data directory does not follow the current
directory, and a page address written with the API's code of a moment is not a 404."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sectorplan import settings as project_settings

SECTORPLAN = Path(sys.executable).parent / "sectorplan"


# A new user's environment: the quick start's SQLite, also when the suite runs on PostgreSQL.
UNSET = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "SECTORPLAN_DATA_DIR", "DATABASE_URL"}


def _run(*args, cwd, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(env_overrides)
    return subprocess.run(
        [str(SECTORPLAN), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def test_allocate_needs_no_settings_at_all(tmp_path):
    weights = tmp_path / "w.csv"
    weights.write_text("code;naam;se\nA;a;1,5\nB;b;2\n", encoding="utf-8")
    result = _run(
        "allocate", "--total", "100", "--weights", str(weights), "--format", "csv", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["A,a,1.5,42.86", "B,b,2,57.14"]


def test_a_missing_setting_is_one_line_naming_it(tmp_path):
    result = _run("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "sectorplan: SECRET_KEY is not set. Set a long random SECRET_KEY, or DEBUG=1 for local "
        "development."
    ]


def test_a_wrong_number_is_one_line_too(tmp_path):
    result = _run("check", cwd=tmp_path, DEBUG="1", CONN_MAX_AGE="lang")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "CONN_MAX_AGE must be a whole number" in result.stderr


def test_the_data_directory_is_the_checkouts_var_from_anywhere(tmp_path):
    # This test runs from a checkout (src layout), as the quick start installs it.
    checkout = Path(project_settings.__file__).resolve().parent.parent.parent
    result = _run(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATA_DIR)",
        cwd=tmp_path,
        DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(checkout / "var")


def test_a_new_data_directory_is_created(tmp_path):
    data = tmp_path / "nieuw" / "var"
    result = _run(
        "migrate", "--no-input", "-v", "0", cwd=tmp_path, DEBUG="1", SECTORPLAN_DATA_DIR=str(data)
    )
    assert result.returncode == 0, result.stderr
    assert (data / "sectorplan.sqlite3").is_file()


@pytest.mark.parametrize(
    "written, canonical",
    [
        (
            "/monitoring/rapportages/landelijk/interim_report_1/",
            "/monitoring/rapportages/landelijk/tussenrapportage-1/",
        ),
        (
            "/monitoring/rapportages/landelijk/final_report/rapportage.pdf?x=1",
            "/monitoring/rapportages/landelijk/eindrapportage/rapportage.pdf?x=1",
        ),
        (
            "/monitoring/rapportages/plan/7/interim_report_2/bewerken/",
            "/monitoring/rapportages/plan/7/tussenrapportage-2/bewerken/",
        ),
    ],
)
def test_a_moment_written_as_the_api_code_leads_to_its_page(client, db, written, canonical):
    response = client.get(written)
    assert response.status_code == 301
    assert response["Location"] == canonical

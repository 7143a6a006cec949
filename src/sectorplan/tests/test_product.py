"""The installed product: the console command and the settings guard."""

import os
import subprocess
import sys
from pathlib import Path


def run_cli(*args, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [str(Path(sys.executable).parent / "sectorplan"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_console_command_runs_django_checks(tmp_path):
    result = run_cli("check", DEBUG="1", SECTORPLAN_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_without_a_key_when_debug_is_off(tmp_path):
    result = run_cli("check", SECTORPLAN_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_refuses_the_insecure_development_key_when_debug_is_off(tmp_path):
    result = run_cli("check", SECRET_KEY="django-insecure-abc", SECTORPLAN_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "insecure development key" in result.stderr


def test_runs_with_a_real_key_and_database_url(tmp_path):
    result = run_cli(
        "check",
        SECRET_KEY="a-long-random-production-key-" + "k" * 30,
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        ALLOWED_HOSTS="sectorplan.example",
    )
    assert result.returncode == 0, result.stderr

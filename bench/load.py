"""Load test: people of every role at once against gunicorn and PostgreSQL, on loopback only.

    .venv/bin/python bench/load.py [--seconds 60] [--users 16] [--json]
        [--database-url postgres://postgres@127.0.0.1:5432/sectorplan_load]

Makes a throw-away database (dropped first if it exists, and afterwards unless --keep-database),
loads the 2015 scheme and the demo plans and accounts (`migrate`, `load-scheme`, `load-demo`),
starts gunicorn on a free 127.0.0.1 port and logs in N demo users of different roles (Cedris,
SZW, BZK, assessors, municipalities, companies). Each user then works without pause for the given
seconds, picking from its role's mix: the task list, budget page, activity map, regions
dashboard, plan page, review page, API list and detail, a budget export, and writes that can
repeat without breaking state (a company saving its draft plan's summary through the API with
its version; Cedris saving a review answer). Every request is timed from sending to the last
byte of the answer.

Reports requests, errors (a 5xx, a refused log-in or any status other than the one expected;
target: none), requests per second, and p50/p90/p95/p99/max latency in milliseconds per request
kind and overall. Exit status 1 when there was any error. Nothing leaves 127.0.0.1.
"""

import argparse
import json
import math
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests
from load_users import SCHEME, User, work

BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sectorplan_load"
NATIONAL = ["cedris", "szw", "vng", "cedris-medewerker", "bzk", "sociale-partners"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


def summary(seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    figures = {"requests": len(ordered)}
    for name, share in (("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("p99", 0.99)):
        figures[f"{name}_ms"] = round(percentile(ordered, share) * 1000, 1)
    figures["max_ms"] = round((ordered[-1] if ordered else 0) * 1000, 1)
    return figures


class Database:
    """The throw-away PostgreSQL database, made and dropped through the maintenance database."""

    def __init__(self, url: str):
        self.url = url
        parts = urlsplit(url)
        self.name = parts.path.lstrip("/")
        self.maintenance = urlunsplit(parts._replace(path="/postgres"))
        if not self.name or not self.name.replace("_", "").isalnum():
            raise SystemExit(f"database name must be letters, digits and _: {self.name!r}")

    def _sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.maintenance, autocommit=True, connect_timeout=5) as connection:
            connection.execute(statement)

    def create(self) -> None:
        self.drop()
        self._sql(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        self._sql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


FAST_HASHING = """from sectorplan.settings import *  # noqa: F403
# Only to load the demo accounts faster in the test suite; log-ins are not part of the mix.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
"""


def server_env(database_url: str, data_dir: Path, fast_hashing: bool) -> dict:
    settings = "sectorplan.settings"
    if fast_hashing:
        (data_dir / "load_settings.py").write_text(FAST_HASHING)
        settings = "load_settings"
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(data_dir), os.environ.get("PYTHONPATH")])),
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "load-test-" + secrets.token_hex(32),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: no HTTPS redirect, cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        # Demo accounts log in with a password only; the demo date (20 August 2015) applies.
        "SECTORPLAN_DEMO_MODE": "1",
        "SECTORPLAN_REQUIRE_2FA": "0",
        "SECTORPLAN_TASKS_BACKEND": "immediate",
        "SECTORPLAN_DATA_DIR": str(data_dir),
        "CONN_MAX_AGE": "60",
    }


def prepare(env: dict, log) -> None:
    sectorplan = str(BIN / "sectorplan")
    for command in (
        ["migrate", "--no-input"],
        ["load-scheme", SCHEME],
        ["load-demo", SCHEME, "--allow-production"],
    ):
        subprocess.run([sectorplan, *command], env=env, check=True, stdout=log, stderr=log)


def start_gunicorn(env: dict, port: int, workers: int, threads: int, log) -> subprocess.Popen:
    command = [
        str(BIN / "gunicorn"),
        "sectorplan.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--timeout",
        "60",
    ]
    return subprocess.Popen(command, env=env, stdout=log, stderr=log, start_new_session=True)


def wait_until_up(base: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped while starting; see its log")
        try:
            requests.get(base + "/accounts/login/", timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def choose_users(count: int, local_names: list[str]) -> list[str]:
    """The national accounts first, then two companies for every municipality."""
    names = NATIONAL[: min(count, len(NATIONAL))]
    queues = {
        prefix: [u for u in local_names if u.startswith(prefix)]
        for prefix in ("gemeente-", "bedrijf-")
    }
    while len(names) < count and any(queues.values()):
        for prefix in ("bedrijf-", "gemeente-", "bedrijf-"):
            if queues[prefix] and len(names) < count:
                names.append(queues[prefix].pop(0))
    return names


def local_usernames(database_url: str) -> list[str]:
    """Municipality and company accounts; first the companies with a draft plan to save, then
    Leiden's (the quick start's example), then the rest by name."""
    import psycopg
    from django.utils.text import slugify

    with psycopg.connect(database_url, connect_timeout=5) as connection:
        users = [r[0] for r in connection.execute("SELECT username FROM accounts_user")]
        drafting = connection.execute(
            "SELECT DISTINCT c.name FROM plans_plan p"
            " JOIN plans_participant pa ON pa.plan_id = p.id"
            " JOIN registry_swcompany c ON c.id = pa.sw_company_id"
            " WHERE p.state IN ('concept', 'changes_requested')"
        ).fetchall()
    # demo.accounts names a company's account bedrijf-<slug of its name>.
    editors = {f"bedrijf-{slugify(name)}" for (name,) in drafting}
    local = [u for u in users if u.startswith(("gemeente-", "bedrijf-"))]
    return sorted(local, key=lambda u: (u not in editors, not u.endswith("leiden"), u))


def run(options) -> dict:
    database = Database(options.database_url)
    database.create()
    scratch = Path(tempfile.mkdtemp(prefix="sectorplan-load-"))
    env = server_env(options.database_url, scratch, options.fast_hashing)
    log = (scratch / "server.log").open("wb")
    server = None
    try:
        prepare(env, log)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_gunicorn(env, port, options.workers, options.threads, log)
        wait_until_up(base, server)
        names = choose_users(options.users, local_usernames(options.database_url))
        users = [User(base, name, random.Random(f"{options.seed}-{name}")) for name in names]
        claimed: set[int] = set()
        for user in users:
            user.log_in()
            user.discover(claimed)
        results, errors, lock = defaultdict(list), [], threading.Lock()
        until = time.monotonic() + options.seconds
        threads = [
            threading.Thread(target=work, args=(user, until, results, errors, lock))
            for user in users
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        duration = time.monotonic() - started
    finally:
        if server is not None:
            stop(server)
        log.close()
        if not options.keep_database:
            database.drop()
    everything = [value for values in results.values() for value in values]
    return {
        "seconds": round(duration, 1),
        "users": {user.username: user.role for user in users},
        # Who wrote (each did once already before the clock started, so a write that fails shows).
        "writers": {
            "write-plan": sum(1 for user in users if user.own_plan),
            "write-review": sum(1 for user in users if user.review_plans),
        },
        "gunicorn": f"{options.workers} workers x {options.threads} threads (gthread)",
        "requests": len(everything),
        "errors": len(errors),
        "error_samples": errors[:10],
        "requests_per_second": round(len(everything) / duration, 1),
        "overall": summary(everything),
        "kinds": {kind: summary(values) for kind, values in sorted(results.items())},
        "server_log": str(scratch / "server.log"),
    }


def print_table(report: dict) -> None:
    print(f"{len(report['users'])} users, {report['seconds']} s, {report['gunicorn']}")
    print(
        f"requests {report['requests']}, errors {report['errors']}, "
        f"{report['requests_per_second']} requests/s"
    )
    print("users who wrote:", ", ".join(f"{k} {v}" for k, v in report["writers"].items()))
    header = ("kind", "requests", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms")
    print("  ".join(f"{h:>12}" for h in header))
    rows = [*report["kinds"].items(), ("overall", report["overall"])]
    for kind, figures in rows:
        print("  ".join([f"{kind:>12}", *(f"{figures[h]:>12}" for h in header[1:])]))
    for error in report["error_samples"]:
        print("error:", error)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", default="2015")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--fast-hashing",
        action="store_true",
        help="MD5 password hashing, to load the demo accounts quickly (the test suite's run)",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable figures")
    options = parser.parse_args(argv)
    report = run(options)
    if options.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

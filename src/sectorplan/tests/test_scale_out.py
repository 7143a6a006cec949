"""Scale-out: nothing lives in one process. Two gunicorn app servers (A and B) and one
`db_worker`, all on one fresh PostgreSQL database and one shared upload directory, each with its
own data directory. A session made on A works on B; a file uploaded on A downloads on B; an
import started on A is run by the worker and its end and result are seen on B.

PostgreSQL only (SQLite is one file on one machine): runs when DATABASE_URL is postgres://...,
making its own database `<name>_scale_out` next to the one named there, and dropping it after."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

from sectorplan.plans.tests.documents import PDF as VALID_PDF

DATABASE_URL = os.environ.get("DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="needs PostgreSQL: set DATABASE_URL=postgres://... (it makes its own database there)",
)

BIN = Path(sys.executable).parent
PASSWORD = "demo-sectorplan-2015"  # demo.accounts.DEMO_PASSWORD, loaded by load-demo
PDF = VALID_PDF  # a PDF must parse as one (plans/attachments.py)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def admin_sql(statement: str) -> None:
    import psycopg

    parts = urlsplit(DATABASE_URL)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(statement)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    parts = urlsplit(DATABASE_URL)
    name = (parts.path.lstrip("/") or "sectorplan") + "_scale_out"
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin_sql(f'CREATE DATABASE "{name}"')
    root = tmp_path_factory.mktemp("scale-out")
    shared_media = root / "shared-media"
    base = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sectorplan.settings",
        "DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}")),
        "SECRET_KEY": "scale-out-test-" + "k" * 50,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECTORPLAN_REQUIRE_2FA": "0",
        "SECTORPLAN_TASKS_BACKEND": "database",
        "SECTORPLAN_MEDIA_ROOT": str(shared_media),
    }

    def env(role: str) -> dict:
        # Each process its own data directory: only the database and the upload directory are
        # shared, as on separate machines.
        (root / role).mkdir(exist_ok=True)
        return {**base, "SECTORPLAN_DATA_DIR": str(root / role)}

    sectorplan = str(BIN / "sectorplan")
    for command in (["migrate", "--no-input"], ["load-scheme", "sw2015"]):
        subprocess.run([sectorplan, *command], env=env("setup"), check=True, capture_output=True)
    subprocess.run(
        [sectorplan, "load-demo", "sw2015", "--allow-production"],
        env=env("setup"),
        check=True,
        capture_output=True,
    )
    processes, urls = [], {}
    try:
        for role in ("a", "b"):
            port = free_port()
            gunicorn = [str(BIN / "gunicorn"), "sectorplan.wsgi:application"]
            options = ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "60"]
            log = open(root / f"{role}.log", "wb")  # noqa: SIM115 (closed with the process)
            processes.append(
                subprocess.Popen(gunicorn + options, env=env(role), stdout=log, stderr=log)
            )
            urls[role] = f"http://127.0.0.1:{port}"
        worker_options = ["--no-reload", "--no-startup-delay", "--interval", "0.2"]
        log = open(root / "worker.log", "wb")  # noqa: SIM115
        processes.append(
            subprocess.Popen(
                [sectorplan, "db_worker", *worker_options],
                env=env("worker"),
                stdout=log,
                stderr=log,
            )
        )
        deadline = time.monotonic() + 30
        for url in urls.values():
            while True:
                try:
                    requests.get(url + "/accounts/login/", timeout=10)
                    break
                except requests.RequestException:
                    if time.monotonic() > deadline:
                        logs = {p.name: p.read_text(errors="replace") for p in root.glob("*.log")}
                        pytest.fail(f"app server did not start: {logs}")
                    time.sleep(0.3)
        yield urls
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(shared_media, ignore_errors=True)


def csrf_token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    assert page.status_code == 200, (url, page.status_code)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def log_in(url: str) -> requests.Session:
    session = requests.Session()
    token = csrf_token(session, url + "/accounts/login/")
    response = session.post(
        url + "/accounts/login/",
        {"username": "cedris", "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    return session


def on(session: requests.Session) -> requests.Session:
    """The same cookies (session and CSRF), sent to the other server."""
    other = requests.Session()
    other.cookies.update(session.cookies)
    return other


def test_session_file_and_job_are_seen_by_the_other_app_server(cluster):
    a, b = cluster["a"], cluster["b"]
    browser_a = log_in(a)
    browser_b = on(browser_a)

    # 1. The session made on A is valid on B (sessions live in the database).
    page = browser_b.get(b + "/plannen/", allow_redirects=False, timeout=10)
    assert page.status_code == 200 and "cedris" in page.text, page.status_code
    assert requests.get(b + "/plannen/", allow_redirects=False, timeout=10).status_code == 302

    # 2. A file uploaded on A downloads on B (the shared upload directory).
    form_url = a + "/bijeenkomsten/goede-voorbeelden/nieuw/"
    form = browser_a.get(form_url, timeout=10).text
    activity_type = re.search(r'name="activity_types" value="(\d+)"', form).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    created = browser_a.post(
        form_url,
        {
            "csrfmiddlewaretoken": token,
            "title": "Werkgeverstafel",
            "description": "Zo werkt het.",
            "activity_types": activity_type,
        },
        files={"file": ("werkgeverstafel.pdf", PDF, "application/pdf")},
        allow_redirects=False,
        timeout=10,
    )
    assert created.status_code == 302, created.text[:2000]
    listing = browser_b.get(b + "/bijeenkomsten/goede-voorbeelden/", timeout=10).text
    file_path = re.search(r'href="(/bijeenkomsten/goede-voorbeelden/\d+/bestand/)"', listing)
    download = browser_b.get(b + file_path.group(1), timeout=10)
    assert download.status_code == 200 and download.content == PDF

    # 3. A job started on A is run by the worker; B shows how it ended and its result.
    codes = re.findall(r"\b(AM\d\d)\b", browser_b.get(b + "/regelingen/sw2015/budget/").text)
    assert len(set(codes)) == 35
    csv = "code;se\n" + "\n".join(f"{code};10" for code in sorted(set(codes)))
    token = csrf_token(browser_a, a + "/taken/se-cijfers/")
    started = browser_a.post(
        a + "/taken/se-cijfers/",
        {"csrfmiddlewaretoken": token, "source": "Schaaltest", "scheme": "sw2015"},
        files={"file": ("se.csv", csv.encode(), "text/csv")},
        allow_redirects=False,
        timeout=10,
    )
    assert started.status_code == 302, started.text[:2000]
    job_url = started.headers["Location"]
    assert re.fullmatch(r"/taken/\d+/", job_url), job_url
    deadline = time.monotonic() + 30
    while True:
        status = browser_b.get(b + job_url + "stand/", timeout=10).json()
        if status["finished"] or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert status["state"] == "done", status
    assert "35 SE-cijfers per regio ingelezen" in status["message"]
    page = browser_b.get(b + job_url, timeout=10).text
    assert "Klaar" in page and 'href="/regelingen/sw2015/budget/"' in page
    run = re.search(r"verdeling (\d+) is gemaakt", status["message"]).group(1)
    budget = browser_b.get(b + status["result_url"], timeout=10).text
    assert f"Verdeling {run} van" in budget and "350,00" in budget
    assert "Demogegevens" not in budget  # the imported figures replaced the demo figures

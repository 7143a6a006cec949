"""Benchmark start-up and footprint (issue 9): quick start to first page, memory of a worker.

    .venv/bin/python bench/startup.py [--json]

  start_seconds   from `python3 dev.py start 127.0.0.1:<free port>` (the quick-start command on
                  a warm machine: .venv installed and up to date) with an empty data directory
                  in a temporary folder (SQLite, so migrate, load-scheme and load-demo all run)
                  to the first HTTP 200 of the budget page /regelingen/sw2015/budget/
  worker_rss_mib  resident memory (VmRSS) of one gunicorn worker serving that same database,
                  after warming it with every key page a few times
  master_rss_mib  the gunicorn master process beside it

If .venv is not up to date with pyproject.toml, dev.py would install first (a cold start, not
the warm one measured here): the benchmark then runs dev.py's start with the install check
skipped, the same steps after it, and says so in start_command.
"""

import argparse
import hashlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
BUDGET = "/regelingen/sw2015/budget/"
WARM_PATHS = [
    BUDGET,
    "/monitoring/activiteiten/sw2015/",
    "/api/v1/schemes/sw2015/allocation/",
    "/api/v1/schemes/sw2015/overview/",
    "/",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(port: int, path: str) -> int | None:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status
    except OSError:
        return None


def wait_for_200(port: int, path: str, process: subprocess.Popen, limit: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if process.poll() is not None:
            sys.exit(f"the server stopped (exit {process.returncode}) before answering")
        if status(port, path) == 200:
            return time.monotonic()
        time.sleep(0.05)
    sys.exit(f"no HTTP 200 from {path} within {limit:.0f} s")


def stop_group(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# dev.py's start with the install check skipped: the same migrate, load-scheme, load-demo,
# worker and development server, for when .venv is installed but pyproject.toml changed since.
WARM_START = "import sys, dev; dev.ensure_installed = lambda: None; dev.start(sys.argv[1:])"


def quick_start(data_dir: Path) -> tuple[float, str]:
    stamp = ROOT / ".venv" / ".install-stamp"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    port = free_port()
    if stamp.exists() and stamp.read_text() == wanted:
        command, how = [sys.executable, str(ROOT / "dev.py"), "start"], "dev.py start"
    else:
        # dev.py would reinstall into .venv first (a cold start, and other work shares it).
        command, how = [sys.executable, "-c", WARM_START], "dev.py start, install check skipped"
    env = dict(os.environ, SECTORPLAN_DATA_DIR=str(data_dir))
    env.pop("DATABASE_URL", None)  # the quick start's own SQLite database
    started = time.monotonic()
    process = subprocess.Popen(
        [*command, f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        return wait_for_200(port, BUDGET, process, 300) - started, how
    finally:
        stop_group(process)


def vm_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def worker_footprint(data_dir: Path) -> tuple[float, float]:
    port = free_port()
    env = dict(
        os.environ,
        SECTORPLAN_DATA_DIR=str(data_dir),
        DEBUG="0",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECTORPLAN_DEMO_MODE="1",
        SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="sectorplan.settings",
    )
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "sectorplan.wsgi",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_for_200(port, BUDGET, process, 120)
        for _ in range(5):
            for path in WARM_PATHS:
                status(port, path)
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        return vm_rss_mib(int(children[0])), vm_rss_mib(process.pid)
    finally:
        stop_group(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sectorplan-startup-") as folder:
        data_dir = Path(folder)
        start, how = quick_start(data_dir)
        worker, master = worker_footprint(data_dir)
    result = {
        "start_seconds": round(start, 2),
        "start_command": how,
        "worker_rss_mib": round(worker, 1),
        "master_rss_mib": round(master, 1),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"quick start ({how}) to first budget page: {start:.1f} s")
        print(f"one gunicorn worker after warm-up: {worker:.0f} MiB resident")
        print(f"gunicorn master: {master:.0f} MiB resident")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The quick-start commands: `python3 dev.py start`, `python3 dev.py test` and
`python3 dev.py sectorplan COMMAND ...` (the console command with the start command's settings).

Each creates .venv and installs the project into it when pyproject.toml changed since the last
install, so a fresh clone needs nothing but Python 3.11+ and git. `start` runs a background
worker (`sectorplan db_worker`) beside the development server and stops it with it, so imports
and reports made in the background finish without an extra step.
"""

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".install-stamp"
DEMO_SCHEME = "sw2015"
DEFAULT_ADDRESS = "127.0.0.1:8000"
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def run(*args: str | Path, env: dict | None = None) -> None:
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def ensure_installed() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (runs on any python3)
        sys.exit("Sectorplan needs Python 3.11 or newer.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing Sectorplan and its dependencies ...", flush=True)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


def local_env() -> dict:
    env = dict(os.environ)
    env.setdefault("DEBUG", "1")
    env.setdefault("SECTORPLAN_DATA_DIR", str(ROOT / "var"))
    env.setdefault("SECTORPLAN_DEMO_MODE", "1")
    return env


def server_env(env: dict, runserver_args: list[str]) -> dict:
    """Links in e-mails (SITE_URL) point where this development server listens, unless
    SITE_URL is set; and the server accepts its own address as host (ALLOWED_HOSTS), unless
    that is set. A wildcard address (0.0.0.0, [::]) names no host: links then use 127.0.0.1."""
    addrport = next((a for a in runserver_args if not a.startswith("-")), DEFAULT_ADDRESS)
    host, _, port = addrport.rpartition(":")
    if not port.isdigit():  # `runserver 192.168.1.5` is refused by runserver itself
        return env
    host = host or LOCAL_HOSTS[0]
    if host in ("0", "0.0.0.0", "[::]"):
        host = LOCAL_HOSTS[0]
    env = dict(env)
    env.setdefault("SITE_URL", f"http://{host}:{port}")
    env.setdefault("ALLOWED_HOSTS", ",".join(dict.fromkeys([*LOCAL_HOSTS, host])))
    return env


def spawn(*args: str | Path, env: dict) -> subprocess.Popen:
    # Its own process group, so stopping it also stops the autoreloader's child process.
    group = {"start_new_session": True} if os.name != "nt" else {}
    return subprocess.Popen([str(a) for a in args], cwd=ROOT, env=env, **group)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    if os.name == "nt":
        process.terminate()
    else:
        os.killpg(process.pid, signal.SIGTERM)  # the worker finishes a running task first
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        if os.name == "nt":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start(extra: list[str]) -> None:
    ensure_installed()
    env = local_env()
    Path(env["SECTORPLAN_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    sectorplan = BIN / "sectorplan"
    run(sectorplan, "migrate", "--no-input", "--verbosity", "0", env=env)
    run(sectorplan, "load-scheme", DEMO_SCHEME, env=env)
    run(sectorplan, "load-demo", DEMO_SCHEME, env=env)
    # Ctrl+C or SIGTERM (a service manager, the smoke test) stops this script; `finally` then
    # stops the server and the worker with everything they started.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    runserver_args = extra or [DEFAULT_ADDRESS]
    env = server_env(env, runserver_args)
    print(f"Links in e-mails point to {env['SITE_URL']} (SITE_URL).", flush=True)
    worker = spawn(sectorplan, "db_worker", env=env)
    server = spawn(sectorplan, "runserver", *runserver_args, env=env)
    try:
        sys.exit(server.wait())
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)
        stop(worker)


def sectorplan(extra: list[str]) -> None:
    """Any `sectorplan` command against the quick start's data: same settings as `start`
    (DEBUG, demo mode, the checkout's var/ unless SECTORPLAN_DATA_DIR says otherwise)."""
    ensure_installed()
    completed = subprocess.run([str(BIN / "sectorplan"), *extra], env=local_env())
    sys.exit(completed.returncode)


def test(extra: list[str]) -> None:
    ensure_installed()
    workers = os.environ.get("PYTEST_WORKERS", "2")
    run(PYTHON, "-m", "pytest", "-n", workers, *extra)


COMMANDS = {"start": start, "test": test, "sectorplan": sectorplan}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit("usage: python3 dev.py start|test|sectorplan [arguments]")
    COMMANDS[sys.argv[1]](sys.argv[2:])

"""Benchmark the key pages and their API endpoints against gunicorn and PostgreSQL (issue 9).

    .venv/bin/python bench/pages.py [--json] [--quick] [--workers 2] [--clients 8] [--rounds 5]

Creates its own PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/sectorplan_bench; dropped and made again each run), loads
the 2015 scheme and the demo plans as the quick start does, starts gunicorn on a free loopback
port with SECTORPLAN_BENCH=1 (which registers /bench/trivial/, a page that does no work), logs
in as the programme office (cedris: the role that sees every plan) and measures requests per
second with concurrent clients for each page, then for /bench/trivial/ on the same server in
the same run. Then it generates 100 plans per region (`sectorplan generate-plans --times 100`,
3,500 plans) and measures again.

  rps          requests per second of the page (HTTP 200 only; anything else is an error)
  trivial_rps  requests per second of /bench/trivial/ measured right after it
  ratio        rps / trivial_rps: what the page costs on top of the server itself; target >= 0.5.
               Measured --rounds times (page, then trivial page), the median pair is shown
  ratios       the ratio of every pair, lowest first: their spread is the run's noise
  queries      database queries one request of the page makes (counted in-process with
               Django's test client on the same database; must not grow with the plans)
  in_process_ms  the best of 5 requests in-process with that client (target: <= 150 ms)
  bytes        the size of the page's answer (what a client reads on every request)
  plans        plans in the database

Clients are threads in several processes (--clients in total), each request on a new
connection as gunicorn's sync workers close it. They run on the same machine as the server, so
they take CPU from it: the trivial page is measured with the same clients, which is why the
ratio, not the absolute rps, is the figure to compare.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sectorplan_bench"
)
USER, PASSWORD = "cedris", "demo-sectorplan-2015"
SCHEME = "sw2015"
# (name, path); {plan} is a demo plan of AM19 (Leiden), found after loading.
PAGES = [
    ("budget per region", "/regelingen/sw2015/budget/"),
    ("budget per region API", "/api/v1/schemes/sw2015/allocation/"),
    ("activity map", "/monitoring/activiteiten/sw2015/"),
    ("activity map API", "/api/v1/schemes/sw2015/overview/"),
    ("region dashboard", "/plannen/regios/"),
    ("region dashboard CSV", "/plannen/regios.csv"),
    ("plan detail", "/plannen/{plan}/"),
    ("plan detail API", "/api/v1/plans/{plan}/"),
    ("review task list (home)", "/"),
    ("progress overview", "/beoordeling/"),
    ("progress overview API", "/api/v1/schemes/sw2015/progress/"),
    # Issue 15: every list, first page of 50, plain and filtered.
    ("plan list", "/plannen/"),
    ("plan list, search + filters", "/plannen/?q=leiden&wacht_op=companies&sorteer=uiterste_datum"),
    ("plan list, late, page 2", "/plannen/?te_laat=ja&pagina=2"),
    ("plan list API", "/api/v1/plans/"),
    ("plan list API, filtered", "/api/v1/plans/?regio=AM19&wacht_op=office"),
    ("audit log", "/auditlog/"),
    ("payment batches", "/betalingen/"),
    ("progress reports", "/monitoring/rapportages/"),
    ("meetings", "/bijeenkomsten/"),
]
TRIVIAL = "/bench/trivial/"


def env() -> dict:
    values = dict(os.environ)
    values.update(
        DATABASE_URL=DATABASE_URL,
        DEBUG="0",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECTORPLAN_DEMO_MODE="1",  # demo accounts without a second factor, the demo date
        SECTORPLAN_BENCH="1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        CONN_MAX_AGE="60",  # persistent connections, as a production deployment has
        SECTORPLAN_DATA_DIR=str(ROOT / "var" / "bench"),
        DJANGO_SETTINGS_MODULE="sectorplan.settings",
    )
    return values


def sectorplan(*args: str) -> str:
    done = subprocess.run(
        [str(BIN / "sectorplan"), *args], env=env(), cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"sectorplan {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def recreate_database() -> None:
    import psycopg

    url = urllib.parse.urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "sectorplan.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env(),
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get(port, TRIVIAL, {})[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not answer within 60 seconds")


def get(port: int, path: str, cookies: dict) -> tuple[int, bytes, list]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(), response.getheaders()
    finally:
        connection.close()


def cookies_of(headers: list) -> dict:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key] = rest.split(";")[0]
    return found


def log_in(port: int) -> dict:
    status, body, headers = get(port, "/accounts/login/", {})
    cookies = cookies_of(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode(
        {"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
    )
    response = connection.getresponse()
    response.read()
    cookies.update(cookies_of(response.getheaders()))
    connection.close()
    if response.status != 302 or "sessionid" not in cookies:
        sys.exit(f"log-in as {USER} failed: HTTP {response.status}")
    return cookies


def _client_process(port, path, cookies, threads, seconds, results):
    counts, errors = [0] * threads, [0] * threads
    stop_at = time.monotonic() + seconds

    def loop(index):
        while time.monotonic() < stop_at:
            status = get(port, path, cookies)[0]
            if status == 200:
                counts[index] += 1
            else:
                errors[index] += 1

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    results.put((sum(counts), sum(errors)))


def measure(port: int, path: str, cookies: dict, clients: int, seconds: float) -> float:
    processes = min(clients, max(1, (os.cpu_count() or 2)))
    results = multiprocessing.Queue()
    children = [
        multiprocessing.Process(
            target=_client_process,
            args=(
                port,
                path,
                cookies,
                clients // processes + (i < clients % processes),
                seconds,
                results,
            ),
        )
        for i in range(processes)
    ]
    for child in children:
        child.start()
    totals = [results.get() for _ in children]
    for child in children:
        child.join()
    done, errors = sum(t[0] for t in totals), sum(t[1] for t in totals)
    if errors:
        sys.exit(f"{path}: {errors} requests did not answer 200")
    return done / seconds


COUNT_QUERIES = """
import json, sys, time
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from sectorplan.accounts.models import User
from sectorplan.plans.models import Plan
client = Client()
client.force_login(User.objects.get(username=sys.argv[1]))
paths, counts, millis, sizes = json.loads(sys.argv[2]), {}, {}, {}
for path in paths:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    counts[path] = len(queries) if response.status_code == 200 else None
    sizes[path] = len(response.content)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - started)
    millis[path] = round(min(times) * 1000, 1)
plans = Plan.objects.count()
print(json.dumps({"counts": counts, "millis": millis, "sizes": sizes, "plans": plans}))
"""


def count_queries(paths: list[str]) -> tuple[dict, dict, dict, int]:
    """Per path: the queries of one request, the best of 5 in-process times in ms (Django's
    test client, no server or network: the target is 150 ms at 3,500 plans) and the bytes of
    the answer."""
    done = subprocess.run(
        [str(BIN / "python"), "-c", COUNT_QUERIES, USER, json.dumps(paths)],
        env=env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"counting queries failed:\n{done.stderr}")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return answer["counts"], answer["millis"], answer["sizes"], answer["plans"]


def demo_plan_id() -> int:
    script = (
        "import django; django.setup()\n"
        "from sectorplan.plans.models import Plan\n"
        "print(Plan.objects.filter(region__code='AM19').order_by('pk').first().pk)"
    )
    done = subprocess.run(
        [str(BIN / "python"), "-c", script],
        env=env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip())


def run_size(port, cookies, plan, clients, seconds, rounds, log) -> list[dict]:
    paths = [path.format(plan=plan) for _, path in PAGES]
    queries, millis, sizes, plans = count_queries(paths)
    rows = []
    for (name, _), path in zip(PAGES, paths, strict=True):
        measure(port, path, cookies, clients, min(1.0, seconds))  # warm caches and workers
        # Page and trivial page in pairs, the ratio of each pair, then the median pair: the
        # machine's speed drifts by tens of percent within a run, and a pair sees the same drift.
        pairs = []
        for _ in range(rounds):
            rps = measure(port, path, cookies, clients, seconds)
            trivial = measure(port, TRIVIAL, cookies, clients, seconds)
            pairs.append((rps / trivial, rps, trivial))
        pairs.sort()
        ratio, rps, trivial = pairs[len(pairs) // 2]
        row = {
            "page": name,
            "path": path,
            "rps": round(rps, 1),
            "trivial_rps": round(trivial, 1),
            "ratio": round(ratio, 2),
            "ratios": [round(pair[0], 2) for pair in pairs],
            "queries": queries[path],
            "in_process_ms": millis[path],
            "bytes": sizes[path],
            "plans": plans,
        }
        rows.append(row)
        log(
            f"  {name:36} {rps:8.1f} rps  trivial {trivial:8.1f}  ratio {row['ratio']:5.2f}"
            f" (of {', '.join(map(str, row['ratios']))})"
            f"  queries {queries[path]}  in-process {millis[path]} ms  {sizes[path]} bytes"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--quick", action="store_true", help="short measurements, 10x plans")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=None, help="per measurement")
    parser.add_argument("--times", type=int, default=None, help="generated plans per region")
    parser.add_argument(
        "--rounds", type=int, default=5, help="page/trivial pairs per page; the median is kept"
    )
    parser.add_argument(
        "--only", action="append", default=[], help="measure only this page (its name; repeat)"
    )
    args = parser.parse_args()
    seconds = args.seconds or (1.5 if args.quick else 5.0)
    if args.only:
        unknown = set(args.only) - {name for name, _ in PAGES}
        if unknown:
            parser.error(f"no such page: {', '.join(sorted(unknown))}")
        PAGES[:] = [(name, path) for name, path in PAGES if name in args.only]
    times = args.times or (10 if args.quick else 100)

    def log(text):
        print(text, file=sys.stderr if args.json else sys.stdout, flush=True)

    log(f"database {DATABASE_URL}: loading the 2015 scheme and the demo plans")
    recreate_database()
    sectorplan("migrate", "--no-input", "--verbosity", "0")
    sectorplan("load-scheme", SCHEME)
    sectorplan("load-demo", SCHEME, "--allow-production")
    plan = demo_plan_id()
    port = free_port()
    server = start_gunicorn(port, args.workers)
    try:
        cookies = log_in(port)
        log(
            f"gunicorn {args.workers} workers on 127.0.0.1:{port}, {args.clients} clients, "
            f"{seconds:g} s per measurement; 2015 data:"
        )
        rows = run_size(port, cookies, plan, args.clients, seconds, args.rounds, log)
        started = time.perf_counter()
        sectorplan("generate-plans", SCHEME, "--times", str(times), "--allow-production")
        log(f"generated {times} plans per region in {time.perf_counter() - started:.1f} s:")
        rows += run_size(port, cookies, plan, args.clients, seconds, args.rounds, log)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.json:
        print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()

"""Benchmark the national interim report to SZW (issue 9): data, PDF and XLSX, inline.

    .venv/bin/python bench/report.py [--json] [--quick] [--profile]

Creates its own PostgreSQL database (BENCH_REPORT_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/sectorplan_perf; dropped and made again each run), loads the
2015 scheme (35 regions) and the demo plans, then generates plans per region in steps
(1, 10 and 100 per region: 35, 350 and 3,500 plans; --quick stops at 10) and after each step
times the first interim report exactly as the background task makes it, but inline:
monitoring.national_report.compile_data, render_pdf (PDF/UA with the map and the chart) and
render_xlsx. Each figure is the best of --runs runs.

  plans            plans in the database (generated plus the demo plans)
  reports          submitted progress reports the national report is compiled from
  compile_seconds  reading and compiling the data
  pdf_seconds      WeasyPrint: HTML to PDF/UA
  xlsx_seconds     the annex
  seconds          the three together; target under 10 for 35 regions
  ms_per_plan      seconds per plan, x1000: stays level when the time grows at most linearly

--profile prints the top cProfile entries of the largest step (where the time goes).
--existing measures the database as it is (no loading, no generating), e.g. again after a run.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_REPORT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sectorplan_perf"
)


def recreate_database() -> None:
    import psycopg

    url = urllib.parse.urlparse(DATABASE_URL)
    admin = url._replace(path="/postgres").geturl()
    name = url.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        DEBUG="0",
        SECRET_KEY="bench-only-" + "x" * 50,
        SECTORPLAN_DEMO_MODE="1",
        SECTORPLAN_DATA_DIR=str(ROOT / "var" / "bench"),
        DJANGO_SETTINGS_MODULE="sectorplan.settings",
    )
    import django

    django.setup()


def best_of(runs: int, action):
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def measure(scheme, runs: int) -> dict:
    from sectorplan.monitoring import national_report
    from sectorplan.monitoring.models import NationalReport, ProgressReport
    from sectorplan.plans.models import Plan
    from sectorplan.registry.models import MilestoneKind

    report = NationalReport(scheme=scheme, kind=MilestoneKind.INTERIM_REPORT_1)
    compile_s, data = best_of(runs, lambda: national_report.compile_data(report))
    pdf_s, pdf = best_of(runs, lambda: national_report.render_pdf(data))
    xlsx_s, _ = best_of(runs, lambda: national_report.render_xlsx(data))
    plans = Plan.objects.filter(scheme=scheme).count()
    total = compile_s + pdf_s + xlsx_s
    return {
        "plans": plans,
        "reports": ProgressReport.objects.filter(kind=report.kind, state="submitted").count(),
        "regions": len(data["regions"]),
        "compile_seconds": round(compile_s, 3),
        "pdf_seconds": round(pdf_s, 3),
        "xlsx_seconds": round(xlsx_s, 3),
        "seconds": round(total, 3),
        "ms_per_plan": round(total / plans * 1000, 2),
        "pdf_kib": len(pdf) // 1024,
    }


def profile(scheme) -> str:
    from sectorplan.monitoring import national_report
    from sectorplan.monitoring.models import NationalReport
    from sectorplan.registry.models import MilestoneKind

    report = NationalReport(scheme=scheme, kind=MilestoneKind.INTERIM_REPORT_1)
    profiler = cProfile.Profile()
    profiler.enable()
    data = national_report.compile_data(report)
    national_report.render_pdf(data)
    national_report.render_xlsx(data)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--quick", action="store_true", help="1 and 10 plans per region only")
    parser.add_argument("--runs", type=int, default=2, help="best of this many runs")
    parser.add_argument("--profile", action="store_true", help="profile the largest step")
    parser.add_argument("--existing", action="store_true", help="measure the database as is")
    args = parser.parse_args()
    steps = [1, 10] if args.quick else [1, 10, 100]

    def log(text):
        print(text, file=sys.stderr if args.json else sys.stdout, flush=True)

    if args.existing:
        setup_django()
        from sectorplan.registry.models import Scheme

        scheme = Scheme.objects.get(slug="sw2015")
        rows = [{"per_region": None, **measure(scheme, args.runs)}]
        log(json.dumps(rows[0]))
        if args.profile:
            log(profile(scheme))
        if args.json:
            print(json.dumps(rows, indent=1))
        return
    log(f"database {DATABASE_URL}: loading the 2015 scheme and the demo plans")
    recreate_database()
    setup_django()
    from django.core.management import call_command

    from sectorplan.demo.generate import generate_plans
    from sectorplan.registry.models import Scheme

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load-scheme", "sw2015", stdout=io.StringIO())
    call_command("load-demo", "sw2015", allow_production=True, stdout=io.StringIO())
    scheme = Scheme.objects.get(slug="sw2015")
    rows, made = [], 0
    for times in steps:
        started = time.perf_counter()
        generate_plans(scheme, times - made)
        made = times
        log(f"{times} generated plan(s) per region ({time.perf_counter() - started:.1f} s):")
        row = {"per_region": times, **measure(scheme, args.runs)}
        rows.append(row)
        log(
            f"  {row['plans']:5} plans, {row['reports']:5} reports, {row['regions']} regions: "
            f"compile {row['compile_seconds']:.2f} s, PDF {row['pdf_seconds']:.2f} s, "
            f"XLSX {row['xlsx_seconds']:.2f} s, total {row['seconds']:.2f} s, "
            f"{row['ms_per_plan']:.2f} ms per plan"
        )
    if args.profile:
        log(profile(scheme))
    if args.json:
        print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()

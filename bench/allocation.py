"""Benchmark the allocation engine against plain sorted() of the same number of floats.

    .venv/bin/python bench/allocation.py [--json] [--recipients N]

Generates N recipients (default 1,000,000) with deterministic pseudo-random Decimal weights
(0 to 10,000.00, with 0 to 2 decimals as Excel writes them), allocates EUR 30,000,000.00 over
them and reports:

  seconds         best of 3 runs of the engine (input generated beforehand, not timed)
  sorted_seconds  best of 3 runs of sorted() over N random floats: the yardstick, because it
                  scales with the machine the same way the engine does (floats are fine here,
                  they never touch money)
  ratio           seconds / sorted_seconds; the target is at most 5
  peak_mib        tracemalloc peak of one separate engine run, in MiB: the memory the engine
                  allocates on top of its input (result included). Run separately because
                  tracing slows the engine down several times.
"""

import argparse
import json
import random
import sys
import time
import tracemalloc
from decimal import Decimal

from sectorplan.allocation.engine import allocate

TOTAL_CENTS = 3_000_000_000  # EUR 30,000,000.00, the 2015 national contribution
SEED = 2015
RUNS = 3


def make_recipients(n: int, rng: random.Random) -> list[tuple[str, Decimal]]:
    # Weights like SE counts, 0 to 10,000.00, written the way Excel's General format writes
    # them: trailing zeros dropped, so 0, 1 or 2 decimals mixed ("1234", "1234,5", "1234,56")
    # and the engine has to bring mixed exponents to one scale.
    weights = []
    for i in range(n):
        hundredths = rng.randrange(0, 1_000_000)
        places = 0 if hundredths % 100 == 0 else 1 if hundredths % 10 == 0 else 2
        weights.append((f"R{i:07d}", Decimal(hundredths // 10 ** (2 - places)).scaleb(-places)))
    return weights


def best_of(runs: int, action) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - start
        # Free the result outside the timed part, so that one run does not pay for the last.
        del result
        best = min(best, elapsed)
    return best


def peak_mib(action) -> float:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = action()
        _, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    return peak / 2**20


def measure(n: int) -> dict[str, float | int]:
    rng = random.Random(SEED)
    recipients = make_recipients(n, rng)
    floats = [rng.random() for _ in range(n)]

    shares = allocate(TOTAL_CENTS, recipients)
    # A benchmark of a wrong answer is worthless: check the one property that is cheap here.
    if sum(shares.values()) != TOTAL_CENTS or len(shares) != n:
        raise SystemExit("allocation does not add up; not benchmarking a broken engine")
    del shares

    seconds = best_of(RUNS, lambda: allocate(TOTAL_CENTS, recipients))
    sorted_seconds = best_of(RUNS, lambda: sorted(floats))
    return {
        "recipients": n,
        "seconds": round(seconds, 4),
        "sorted_seconds": round(sorted_seconds, 4),
        "ratio": round(seconds / sorted_seconds, 2),
        "peak_mib": round(peak_mib(lambda: allocate(TOTAL_CENTS, recipients)), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--recipients", type=int, default=1_000_000, metavar="N")
    args = parser.parse_args(argv)
    if args.recipients < 1:
        parser.error("--recipients must be at least 1")

    figures = measure(args.recipients)
    if args.json:
        print(json.dumps(figures))
    else:
        euros = f"{TOTAL_CENTS // 100:,}.{TOTAL_CENTS % 100:02d}"
        print(f"allocation of EUR {euros} over {figures['recipients']:,} recipients")
        print(f"  engine           {figures['seconds']:8.3f} s   (best of {RUNS})")
        print(f"  sorted() floats  {figures['sorted_seconds']:8.3f} s   (best of {RUNS})")
        print(f"  ratio            {figures['ratio']:8.2f} x   (target: at most 5)")
        print(f"  peak memory      {figures['peak_mib']:8.1f} MiB (tracemalloc, one run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Find the k-th largest remainder without sorting all of them.

Sorting a million big integers costs more than every other step of the allocation together, and
all the allocation needs is one value: the remainder at which the leftover cents run out. So we
estimate where it lies from a regular sample, keep only the values in a narrow band around the
estimate and sort those. When the estimate misses (unlucky or adversarial input) we fall back to
a full sort, so the answer never depends on the sample, only the speed does.
"""

from bisect import bisect_left, bisect_right
from math import isqrt

# Below this size a plain sort is as fast as anything clever.
SMALL = 4096
# Aim for a sample of about this many values.
SAMPLE_SIZE = 8192


def kth_largest(values: list[int], k: int) -> tuple[int, int, int]:
    """Return (threshold, n_above, n_equal) for 1 <= k <= len(values).

    threshold is the k-th largest value (counting duplicates), n_above the number of values
    strictly greater than it (< k) and n_equal the number equal to it (n_above + n_equal >= k).
    """
    n = len(values)
    if not 1 <= k <= n:
        raise ValueError(f"k={k} outside 1..{n}")
    rank = n - k  # 0-based position of the threshold in ascending order
    if n > SMALL:
        found = _by_sample(values, rank)
        if found is not None:
            return found
    ordered = sorted(values)
    return _in_sorted(ordered, rank, n_below=0, n_above_band=0)


def _by_sample(values: list[int], rank: int) -> tuple[int, int, int] | None:
    n = len(values)
    step = max(1, n // SAMPLE_SIZE)
    sample = sorted(values[::step])
    m = len(sample)
    # The sample rank of the threshold has a standard deviation of at most sqrt(m)/2; a band of
    # four deviations either side misses very rarely, and a miss only costs the fallback.
    centre = rank * m // n
    spread = 2 * isqrt(m) + 8
    lo_i, hi_i = centre - spread, centre + spread
    lo = sample[lo_i] if lo_i > 0 else None
    hi = sample[hi_i] if hi_i < m - 1 else None
    if lo is None and hi is None:
        return None
    # One pass over everything keeps the side of the band where the threshold lies (the
    # smaller side), a second pass over that part cuts out the band.
    if hi is None or (lo is not None and rank >= n // 2):
        part = [v for v in values if v >= lo]
        band = part if hi is None else [v for v in part if v <= hi]
        n_above_band = len(part) - len(band)
    else:
        part = [v for v in values if v <= hi]
        band = part if lo is None else [v for v in part if v >= lo]
        n_above_band = n - len(part)
    n_below = n - n_above_band - len(band)
    if not n_below <= rank < n_below + len(band):
        return None
    band.sort()
    return _in_sorted(band, rank, n_below=n_below, n_above_band=n_above_band)


def _in_sorted(
    ordered: list[int], rank: int, *, n_below: int, n_above_band: int
) -> tuple[int, int, int]:
    threshold = ordered[rank - n_below]
    first = bisect_left(ordered, threshold)
    after = bisect_right(ordered, threshold)
    return threshold, n_above_band + len(ordered) - after, after - first

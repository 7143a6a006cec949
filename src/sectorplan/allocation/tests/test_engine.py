"""The allocation engine: hand-checked cases, properties against exact fractions, and errors.

No database: plain test functions, and the engine imports no Django.
"""

import random
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from unittest import mock

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sectorplan.allocation.engine import AllocationError, allocate, selection
from sectorplan.allocation.engine.selection import kth_largest

D = Decimal


# --- hand-checked examples -------------------------------------------------------------------


def test_one_cent_left_over_goes_to_the_smallest_code():
    # 10 / 3 = 3.33 each: floors 3 + 3 + 3 = 9, one cent left, three equal remainders: "A".
    result = allocate(10, [("B", 1), ("A", 1), ("C", 1)])
    assert result == {"B": 3, "A": 4, "C": 3}
    assert list(result) == ["B", "A", "C"]  # input order


def test_two_cents_left_over_among_three_ties():
    # 5 / 3 = 1.67 each: floors 3 in all, two cents left: "X" and "Y".
    assert allocate(5, [("Z", 1), ("Y", 1), ("X", 1)]) == {"Z": 1, "Y": 2, "X": 2}


def test_some_but_not_all_of_the_tied_remainders_get_a_cent():
    # 8 over 2:1:1:1 -> quotas 3.2, 1.6, 1.6, 1.6; floors sum to 6; the two cents go to the
    # largest remainders .6, .6, .6 -> "A" and "B", not "C"; "D" (.2) gets none.
    assert allocate(8, [("D", 2), ("C", 1), ("B", 1), ("A", 1)]) == {
        "D": 3,
        "C": 1,
        "B": 2,
        "A": 2,
    }


def test_decimal_weights_with_different_numbers_of_decimals():
    # Sum 0.683. Quotas: 100/0.683 = 146.41, 250/0.683 = 366.03, 333/0.683 = 487.55; floors
    # sum to 999, the one cent goes to the largest remainder (.55): "c".
    weights = [("a", D("0.1")), ("b", D("0.25")), ("c", D("0.333"))]
    assert allocate(1000, weights) == {"a": 146, "b": 366, "c": 488}


def test_exact_quotas_need_no_rounding_and_zero_weight_gets_zero():
    # 1.5 / 3.75 = 40 %, 2.25 / 3.75 = 60 %.
    assert allocate(100, [("x", D("1.5")), ("y", D("2.25")), ("z", 0)]) == {
        "x": 40,
        "y": 60,
        "z": 0,
    }


def test_int_and_decimal_weights_mix():
    # 7 over 1 : 1.0 : 2.00 -> 1.75, 1.75, 3.5; floors 5; two cents to the .75 remainders.
    assert allocate(7, [("A", 1), ("B", D("1.0")), ("C", D("2.00"))]) == {"A": 2, "B": 2, "C": 3}


def test_ties_use_plain_python_string_order():
    # "B" < "a" in code-point order (upper case first).
    assert allocate(1, [("a", 1), ("B", 1)]) == {"a": 0, "B": 1}


def test_national_contribution_over_seven_equal_regions():
    # 3,000,000,000 / 7 = 428,571,428.57; floors leave 4 cents for the 4 smallest codes.
    codes = ["AM07", "AM02", "AM05", "AM01", "AM06", "AM03", "AM04"]
    result = allocate(3_000_000_000, [(c, D("812.25")) for c in codes])
    assert result == {
        "AM07": 428_571_428,
        "AM02": 428_571_429,
        "AM05": 428_571_428,
        "AM01": 428_571_429,
        "AM06": 428_571_428,
        "AM03": 428_571_429,
        "AM04": 428_571_429,
    }


def test_zero_total_gives_zero_to_everyone():
    assert allocate(0, [("a", 3), ("b", D("0.5"))]) == {"a": 0, "b": 0}


def test_mapping_input_is_accepted():
    assert allocate(10, {"B": 1, "A": 1, "C": 1}) == {"B": 3, "A": 4, "C": 3}


def test_generator_input_is_accepted():
    assert allocate(3, ((c, 1) for c in "abc")) == {"a": 1, "b": 1, "c": 1}


def test_tiny_and_huge_numbers_stay_exact():
    assert allocate(10**30 + 1, [("a", D("1E-50")), ("b", D("1E-50"))]) == {
        "a": 5 * 10**29 + 1,
        "b": 5 * 10**29,
    }


# --- properties ------------------------------------------------------------------------------

codes_st = st.text(min_size=1, max_size=4)
weight_st = st.one_of(
    st.integers(min_value=0, max_value=10**9),
    st.decimals(min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=6).flatmap(
        lambda places: st.decimals(min_value=0, max_value=10**4, places=places)
    ),
    st.sampled_from([D(0), D(1), D("2.5")]),  # ties are common in real data
)
recipients_st = st.lists(
    st.tuples(codes_st, weight_st), min_size=1, max_size=30, unique_by=lambda p: p[0]
)
total_st = st.integers(min_value=0, max_value=10**13)


def reference(total: int, weights: list[tuple[str, Decimal | int]]) -> dict[str, int]:
    """Hamilton the slow, obvious way: Fractions and one sort of everything."""
    weight_sum = sum(Fraction(w) for _, w in weights)
    quotas = {code: Fraction(total) * Fraction(w) / weight_sum for code, w in weights}
    shares = {code: int(q) for code, q in quotas.items()}  # int() floors non-negatives
    leftover = total - sum(shares.values())
    by_remainder = sorted(quotas, key=lambda c: (-(quotas[c] - shares[c]), c))
    for code in by_remainder[:leftover]:
        shares[code] += 1
    return {code: shares[code] for code, _ in weights}


def has_weight(weights):
    return any(w != 0 for _, w in weights)


@given(total_st, recipients_st)
def test_matches_the_reference_and_stays_within_a_cent_of_the_exact_quota(total, weights):
    assume(has_weight(weights))
    result = allocate(total, weights)
    assert result == reference(total, weights)
    assert list(result) == [code for code, _ in weights]
    assert sum(result.values()) == total
    weight_sum = sum(Fraction(w) for _, w in weights)
    for code, w in weights:
        quota = Fraction(total) * Fraction(w) / weight_sum
        assert quota - 1 < result[code] < quota + 1
        assert result[code] in (int(quota), int(quota) + 1)


@given(total_st, recipients_st, st.randoms(use_true_random=False))
def test_order_of_the_input_does_not_matter(total, weights, rng):
    assume(has_weight(weights))
    shuffled = list(weights)
    rng.shuffle(shuffled)
    assert allocate(total, shuffled) == allocate(total, weights)


@given(total_st, recipients_st)
def test_deterministic(total, weights):
    assume(has_weight(weights))
    assert list(allocate(total, weights).items()) == list(allocate(total, weights).items())


@given(total_st, recipients_st)
def test_larger_weight_never_gets_less(total, weights):
    # Only weight-order monotonicity: Hamilton is not house-monotone (the Alabama paradox),
    # so raising the total may lower a share, and that is not tested.
    assume(has_weight(weights))
    result = allocate(total, weights)
    for code_i, w_i in weights:
        for code_j, w_j in weights:
            if w_i > w_j:
                assert result[code_i] >= result[code_j]
            elif w_i == w_j and code_i < code_j:
                assert result[code_j] <= result[code_i] <= result[code_j] + 1


@given(total_st, recipients_st)
def test_zero_weight_gets_zero(total, weights):
    assume(has_weight(weights))
    result = allocate(total, [*weights, ("\x00zero", D("0.000"))])
    assert result["\x00zero"] == 0


@settings(max_examples=200)
@given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=200), st.data())
def test_kth_largest_with_the_sampling_path_forced(values, data):
    k = data.draw(st.integers(min_value=1, max_value=len(values)))
    ordered = sorted(values)
    threshold = ordered[len(values) - k]
    expected = (threshold, sum(v > threshold for v in values), values.count(threshold))
    # Shrink the limits so that hypothesis-sized lists go through the sampling code.
    with mock.patch.object(selection, "SMALL", 4), mock.patch.object(selection, "SAMPLE_SIZE", 8):
        assert kth_largest(values, k) == expected
    assert kth_largest(values, k) == expected


def sampled_badly(n: int) -> list[int]:
    # Every value the regular sample sees is huge, everything else is small: the estimate is
    # far off and kth_largest must fall back to sorting.
    step = max(1, n // selection.SAMPLE_SIZE)
    return [10**12 + i if i % step == 0 else i for i in range(n)]


@pytest.mark.parametrize(
    "values",
    [
        list(range(50_000)),
        list(range(50_000, 0, -1)),
        [7] * 50_000,
        [i % 2 for i in range(50_000)],
        sampled_badly(50_000),
        [random.Random(5).randrange(10**18) for _ in range(50_000)],
    ],
    ids=["ascending", "descending", "all equal", "two values", "sampled badly", "random"],
)
def test_kth_largest_on_large_inputs(values):
    ordered = sorted(values)
    for k in [1, 2, 1000, len(values) // 2, len(values) - 1, len(values)]:
        threshold = ordered[len(values) - k]
        expected = (threshold, sum(v > threshold for v in values), values.count(threshold))
        assert kth_largest(values, k) == expected


@pytest.mark.parametrize("shape", ["random", "sorted", "reversed", "few values", "all equal"])
def test_large_input_matches_the_reference(shape):
    rng = random.Random(shape)
    n = 20_000
    weights = [rng.randint(0, 10**6) for _ in range(n)]
    if shape == "sorted":
        weights.sort()
    elif shape == "reversed":
        weights.sort(reverse=True)
    elif shape == "few values":
        weights = [w % 7 for w in weights]
    elif shape == "all equal":
        weights = [5] * n
    pairs = [(f"R{rng.randrange(10**9):09d}-{i}", D(w).scaleb(-2)) for i, w in enumerate(weights)]
    total = 3_000_000_000 + 13
    assert allocate(total, pairs) == reference(total, pairs)


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "weights", "fragment"),
    [
        (-1, [("a", 1)], "negatief"),
        (True, [("a", 1)], "bool"),
        (10.0, [("a", 1)], "float"),
        (D("10"), [("a", 1)], "Decimal"),
        ("10", [("a", 1)], "str"),
        (10, [], "geen ontvangers"),
        (10, [("a", 0), ("b", D("0.00"))], "Alle gewichten zijn nul"),
        (10, [("a", 1), ("b", -1)], "'b' is negatief"),
        (10, [("a", 1), ("b", D("-0.01"))], "'b' is negatief"),
        (10, [("a", 1), ("b", 1.5)], "'b' is een float"),
        (10, [("a", D(1)), ("b", 1.5)], "'b' is een float"),
        (10, [("a", 1), ("b", True)], "'b' moet een Decimal of int zijn"),
        (10, [("a", 1), ("b", "1")], "'b' moet een Decimal of int zijn"),
        (10, [("a", 1), ("b", D("NaN"))], "'b' is geen eindig getal"),
        (10, [("a", 1), ("b", D("sNaN"))], "'b' is geen eindig getal"),
        (10, [("a", 1), ("b", D("Infinity"))], "'b' is geen eindig getal"),
        (10, [("a", 1), ("b", D("-Infinity"))], "'b' is geen eindig getal"),
        (10, [("a", 1), ("b", 2), ("a", 3)], "'a' komt meer dan één keer voor"),
        (10, [("a", 1), ("", 2)], "lege code"),
        (10, [("a", 1), (7, 2)], "De code 7 is geen tekst"),
        (10, [("a", 1, 2)], "paren"),
        (10, [5], "paren"),
        (10, None, "paren"),
        (10, [("a", D("1E+999999999"))], "cijfers"),
        (10, [("a", 1), ("b", D("1E-2000"))], "cijfers"),
    ],
)
def test_refuses_bad_input(total, weights, fragment):
    with pytest.raises(AllocationError, match=fragment):
        allocate(total, weights)


def test_allocation_error_is_a_value_error():
    assert issubclass(AllocationError, ValueError)


def test_engine_imports_no_django():
    code = (
        "import sys, sectorplan.allocation.engine as e; "
        "assert e.allocate(1, [('a', 1)]) == {'a': 1}; "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"

"""The allocation engine: divide a sum of money pro rata over weights, in whole cents.

Pure Python, no Django (a nested ruff config bans the import), so it can be used by the web
app, the `allocate` command, the API and benchmarks alike.

Method: largest remainder (Hamilton). Each recipient's exact quota is
total * weight / sum(weights). Everyone gets the quota rounded down; the cents that are left
(fewer than the number of recipients) go one each to the largest remainders. Equal remainders
are ordered by code, ascending, in plain Python string order, so the result does not depend on
the order of the input.

Everything is exact integer arithmetic. Decimal weights are first scaled to integers by one
common power of ten (10 ** the largest number of decimals); that factor cancels out of every
quota, so the result is the same as with the Decimals themselves. Floats are refused: money and
weights are never floats.
"""

import decimal
from collections.abc import Iterable, Mapping
from decimal import Decimal

from .selection import kth_largest

__all__ = ["MAX_DIGITS", "AllocationError", "allocate"]

# Weights may have any number of decimals, but the digits between the largest and the smallest
# digit position over all weights are capped. A weight like Decimal("1E+999999999") would
# otherwise make us build a billion-digit integer.
MAX_DIGITS = 1000

# A context in which adding and scaling the weights is exact or fails loudly: every signal that
# means "the answer is not exact" is trapped.
_EXACT = decimal.Context(
    prec=MAX_DIGITS,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.Inexact, decimal.Rounded, decimal.Overflow],
)


class AllocationError(ValueError):
    """The input cannot be allocated; the message (Dutch) names the offending code or value."""


def allocate(
    total_cents: int, weights: Iterable[tuple[str, Decimal | int]] | Mapping[str, Decimal | int]
) -> dict[str, int]:
    """Divide total_cents over the codes pro rata to their weights (largest-remainder method).

    weights: (code, weight) pairs (a mapping code -> weight works too). Codes are non-empty
    strings, unique. Weights are Decimal or int, finite and >= 0, not all zero.
    Returns {code: cents} in input order; the values sum exactly to total_cents, each is the
    exact quota rounded down or up, and a zero weight gets 0.
    Raises AllocationError (a ValueError) for any input it refuses.
    """
    _check_total(total_cents)
    codes, raw = _split(weights)
    products, weight_sum = _products(total_cents, codes, raw)
    if weight_sum == 0:
        raise AllocationError("Alle gewichten zijn nul: er valt niets naar verhouding te verdelen.")
    result = _hamilton(products, weight_sum, codes)
    # Checked on the result, where they cost a dictionary look-up instead of a pass.
    if len(result) != len(codes):
        _raise_duplicate(codes)
    if "" in result:
        raise AllocationError(f"Ontvanger nummer {codes.index('') + 1} heeft een lege code.")
    return result


def _check_total(total_cents: object) -> None:
    if isinstance(total_cents, bool) or not isinstance(total_cents, int):
        raise AllocationError(
            f"Het totaal moet een geheel aantal eurocenten zijn (int), niet "
            f"{type(total_cents).__name__} {total_cents!r}."
        )
    if total_cents < 0:
        raise AllocationError(f"Het totaal mag niet negatief zijn: {total_cents} cent.")


def _split(weights: object) -> tuple[list[str], list[object]]:
    if isinstance(weights, Mapping):
        weights = weights.items()
    try:
        pairs = weights if isinstance(weights, list | tuple) else list(weights)
        codes = [code for code, _ in pairs]
        raw = [weight for _, weight in pairs]
    except (TypeError, ValueError):
        raise AllocationError(
            "De ontvangers moeten paren (code, gewicht) zijn; dit is geen lijst van paren."
        ) from None
    if not pairs:
        raise AllocationError("Er zijn geen ontvangers om het bedrag over te verdelen.")
    if set(map(type, codes)) != {str}:
        for code in codes:
            if not isinstance(code, str):
                raise AllocationError(f"De code {code!r} is geen tekst.")
    return codes, raw


def _products(total: int, codes: list[str], raw: list[object]) -> tuple[list[int], int]:
    """Validate the weights; return total * w for each weight and the sum of the weights.

    Both are scaled by the same power of ten, so that they are integers. The scale factor cancels
    in total * w / sum, so the quotas are exactly those of the weights as given.
    """
    types = set(map(type, raw))
    if types == {int}:
        # Fast path: plain integers need no scaling; only their sign needs checking.
        if min(raw) < 0:
            _raise_first_bad_weight(codes, raw)
        return [total * w for w in raw], sum(raw)
    if not all(issubclass(t, int | Decimal) and not issubclass(t, bool) for t in types):
        _raise_first_bad_weight(codes, raw)
    try:
        with decimal.localcontext(_EXACT) as context:
            # In exact decimal addition the result's exponent is the smallest exponent of the
            # terms, so one pass gives both the validity check and the number of decimals.
            weight_sum = sum(raw, Decimal(0))
            if not weight_sum.is_finite():
                _raise_first_bad_weight(codes, raw)
            decimals = max(0, -weight_sum.as_tuple().exponent)
            # total * 10**decimals as a Decimal whose coefficient is just the digits of total;
            # multiplying a weight by it is exact once the precision covers both coefficients
            # (bit_length, not str(): str() of a huge int is slow and capped).
            context.prec = MAX_DIGITS + total.bit_length() * 3 // 10 + 2
            factor = Decimal(total).scaleb(decimals)
            # Converting Decimal to int is the slowest step; fold the multiplication by total
            # into it rather than doing a separate pass over Python ints.
            products = [int(w * factor) for w in raw]
            # A negative weight gives a negative product (unless the total is 0), and the
            # minimum of ints is cheaper than that of Decimals.
            if min(products if total else raw) < 0:
                _raise_first_bad_weight(codes, raw)
            return products, int(weight_sum.scaleb(decimals))
    except (decimal.Inexact, decimal.Rounded, decimal.Overflow):
        # A negative weight can make the digits overflow too; that is the better message.
        _raise_first_bad_weight(codes, raw, only_if_found=True)
        raise AllocationError(
            f"De gewichten beslaan samen meer dan {MAX_DIGITS} cijfers; "
            f"zo nauwkeurig kan niet worden verdeeld."
        ) from None
    except decimal.InvalidOperation:
        # A signalling NaN (or NaN in a comparison) lands here; name it.
        _raise_first_bad_weight(codes, raw)
        raise  # unreachable: the line above always raises


def _raise_first_bad_weight(
    codes: list[str], raw: list[object], *, only_if_found: bool = False
) -> None:
    """Slow path, only on error: find the first offending weight in input order and name it."""
    for code, weight in zip(codes, raw, strict=True):
        if isinstance(weight, float):
            raise AllocationError(
                f"Het gewicht van '{code}' is een float ({weight!r}); geef een Decimal of int "
                f"(bedragen en gewichten zijn nooit float)."
            )
        if isinstance(weight, bool) or not isinstance(weight, int | Decimal):
            raise AllocationError(
                f"Het gewicht van '{code}' moet een Decimal of int zijn, niet "
                f"{type(weight).__name__} ({weight!r})."
            )
        if isinstance(weight, Decimal) and not weight.is_finite():
            raise AllocationError(f"Het gewicht van '{code}' is geen eindig getal: {weight}.")
        if weight < 0:
            raise AllocationError(f"Het gewicht van '{code}' is negatief: {weight}.")
    if not only_if_found:
        raise AssertionError("no offending weight found")  # pragma: no cover


def _hamilton(products: list[int], weight_sum: int, codes: list[str]) -> dict[str, int]:
    """Shares from products[i] = total * w_i: quota_i = products[i] / weight_sum."""
    remainders = [p % weight_sum for p in products]
    # The floors sum to total - sum(rem) / weight_sum, so that quotient is the leftover count.
    leftover = sum(remainders) // weight_sum
    if leftover == 0:
        shares = [p // weight_sum for p in products]
        return dict(zip(codes, shares, strict=True))
    threshold, n_above, n_equal = kth_largest(remainders, leftover)
    n_ties_up = leftover - n_above  # how many of the remainders equal to threshold get a cent
    all_ties_up = n_ties_up == n_equal
    # With p = q * weight_sum + r and 0 <= r, t < weight_sum:
    #   (p + weight_sum - 1 - t) // weight_sum == q + (r > t)
    #   (p + weight_sum - t) // weight_sum == q + (r >= t)
    # so one addition of a constant rounds up exactly the shares that get a leftover cent,
    # without a second pass over the remainders.
    if all_ties_up:
        ties: list[int] = []
    else:
        ties = [i for i, r in enumerate(remainders) if r == threshold]
        ties.sort(key=codes.__getitem__)
        del ties[n_ties_up:]
    del remainders  # no longer needed; lowers the peak memory by about a quarter
    offset = weight_sum - threshold - (0 if all_ties_up else 1)
    shares = [(p + offset) // weight_sum for p in products]
    for i in ties:
        shares[i] += 1
    # A list and dict(zip()) is faster than a dict comprehension here (measured).
    return dict(zip(codes, shares, strict=True))


def _raise_duplicate(codes: list[str]) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise AllocationError(f"De code '{code}' komt meer dan één keer voor.")
        seen.add(code)
    raise AssertionError("no duplicate found")  # pragma: no cover

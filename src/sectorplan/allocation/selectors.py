"""Reads: the budget per region as the public sees it."""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.core.cache import cache

from sectorplan.registry.models import Scheme

from .models import AllocationRun


@dataclass(frozen=True)
class BudgetRow:
    code: str
    name: str
    central_municipality: str
    standard_units: Decimal
    share: Decimal  # fraction of all SE, 0..1, exact to 10 decimals
    reserved_cents: int
    cofinancing_cents: int

    @property
    def total_cents(self) -> int:
        return self.reserved_cents + self.cofinancing_cents


@dataclass(frozen=True)
class Budget:
    scheme: Scheme
    run: AllocationRun
    rows: list[BudgetRow]

    @property
    def is_demo(self) -> bool:
        return self.run.uses_demo_units

    @property
    def standard_units(self) -> Decimal:
        return sum((r.standard_units for r in self.rows), Decimal(0))

    @property
    def reserved_cents(self) -> int:
        return sum(r.reserved_cents for r in self.rows)

    @property
    def cofinancing_cents(self) -> int:
        return sum(r.cofinancing_cents for r in self.rows)

    @property
    def total_cents(self) -> int:
        return self.reserved_cents + self.cofinancing_cents


SORT_KEYS = {
    "code": lambda r: r.code,
    "name": lambda r: r.name.lower(),
    "units": lambda r: (r.standard_units, r.code),
    "reserved": lambda r: (r.reserved_cents, r.code),
}


def current_run(scheme: Scheme) -> AllocationRun | None:
    return scheme.allocation_runs.order_by("-number").first()


def required_cofinancing_cents(reserved_cents: int, ratio: Decimal) -> int:
    """At least ratio x the contribution, rounded up to the cent so the minimum is never short."""
    return int((Decimal(reserved_cents) * ratio).to_integral_value(rounding=ROUND_CEILING))


# A run never changes once made (a new division is a new run), so its table is cached per run
# (issue 15); the timeout bounds how long a renamed region or municipality shows its old name.
BUDGET_CACHE_SECONDS = 60 * 60


def budget(scheme: Scheme, *, sort: str = "code", descending: bool = False) -> Budget | None:
    run = current_run(scheme)
    if run is None:
        return None
    key = f"budget-rows:{run.pk}:{run.created_at.isoformat()}:{scheme.cofinancing_ratio}"
    rows = list(cache.get_or_set(key, lambda: _budget_rows(scheme, run), BUDGET_CACHE_SECONDS))
    rows.sort(key=SORT_KEYS.get(sort, SORT_KEYS["code"]), reverse=descending)
    return Budget(scheme=scheme, run=run, rows=rows)


def _budget_rows(scheme: Scheme, run: AllocationRun) -> list[BudgetRow]:
    reservations = list(
        run.reservations.select_related("region__central_municipality").order_by("region__code")
    )
    all_units = sum((r.standard_units for r in reservations), Decimal(0))
    rows = [
        BudgetRow(
            code=r.region.code,
            name=r.region.name,
            central_municipality=str(r.region.central_municipality or ""),
            standard_units=r.standard_units,
            share=(r.standard_units / all_units).quantize(Decimal("1e-10"))
            if all_units
            else Decimal(0),
            reserved_cents=r.amount_cents,
            cofinancing_cents=required_cofinancing_cents(r.amount_cents, scheme.cofinancing_ratio),
        )
        for r in reservations
    ]
    return rows

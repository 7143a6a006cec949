"""Reads for payments: the lines of a batch, its reconciliation, what is left over per region
and the what-if redistribution of that remainder."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sectorplan.allocation.engine import allocate
from sectorplan.allocation.models import AllocationRun
from sectorplan.allocation.selectors import current_run
from sectorplan.assessment.models import GrantDecision
from sectorplan.money import format_euro
from sectorplan.plans.rules import region_requested_cents
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import Region, Scheme

from .models import PaymentBatch, PaymentItem


def _euro(cents: int) -> str:
    """An amount in the notation of the active language (the sentence's language)."""
    return format_euro(cents, get_language() or "nl")


@dataclass
class Line:
    """One line for BZK: a central municipality, its region and the plans it is paid for."""

    region: Region
    municipality: object
    items: list[PaymentItem] = field(default_factory=list)

    @property
    def amount_cents(self) -> int:
        return sum(i.amount_cents for i in self.items)


def batch_lines(batch: PaymentBatch) -> list[Line]:
    lines: dict[int, Line] = {}
    items = batch.items.select_related("region", "municipality", "plan", "decision").order_by(
        "region__code", "plan_id"
    )
    for item in items:
        line = lines.setdefault(item.municipality_id, Line(item.region, item.municipality))
        line.items.append(item)
    return list(lines.values())


@dataclass
class ReconciledLine:
    line: Line
    granted_cents: int  # what SZW's decisions granted for these plans
    region_granted_cents: int  # all approved decisions of the region, this batch or earlier
    reservation_cents: int | None

    @property
    def difference_cents(self) -> int:
        return self.line.amount_cents - self.granted_cents

    @property
    def above_reservation_cents(self) -> int:
        if self.reservation_cents is None:
            return self.region_granted_cents
        return max(0, self.region_granted_cents - self.reservation_cents)


@dataclass
class Reconciliation:
    lines: list[ReconciledLine]
    paid_cents: int
    granted_cents: int
    differences: list[str]

    @property
    def is_clean(self) -> bool:
        return not self.differences


def reconcile(batch: PaymentBatch) -> Reconciliation:
    """Sum paid = sum granted, per line and in total; no region above its reservation; every
    plan still waiting for payment. Each difference is named in a Dutch sentence."""
    run = current_run(batch.scheme)
    reservations = dict(run.reservations.values_list("region_id", "amount_cents")) if run else {}
    region_granted = dict(
        GrantDecision.objects.filter(approved=True, plan__scheme=batch.scheme)
        .values_list("plan__region_id")
        .annotate(total=Sum("granted_cents"))
    )
    rows, differences = [], []
    for line in batch_lines(batch):
        granted = sum(i.decision.granted_cents for i in line.items)
        row = ReconciledLine(
            line, granted, region_granted.get(line.region.pk, 0), reservations.get(line.region.pk)
        )
        rows.append(row)
        name = f"{line.region.code} ({line.municipality})"
        if row.difference_cents:
            differences.append(
                _("%(name)s: te betalen %(paid)s, toegekend %(granted)s (verschil %(difference)s).")
                % {
                    "name": name,
                    "paid": _euro(line.amount_cents),
                    "granted": _euro(granted),
                    "difference": _euro(row.difference_cents),
                }
            )
        if row.above_reservation_cents:
            differences.append(
                _("%(name)s: toegekend %(granted)s is %(excess)s meer dan de reservering.")
                % {
                    "name": name,
                    "granted": _euro(row.region_granted_cents),
                    "excess": _euro(row.above_reservation_cents),
                }
            )
        for item in line.items:
            if batch.state == "draft" and item.plan.state != "granted":
                differences.append(
                    _("%(name)s: plan '%(plan)s' heeft status '%(state)s', niet '%(granted)s'.")
                    % {
                        "name": name,
                        "plan": item.plan.title,
                        "state": item.plan.get_state_display(),
                        "granted": PlanState.GRANTED.label,
                    }
                )
    paid = sum(r.line.amount_cents for r in rows)
    granted = sum(r.granted_cents for r in rows)
    if paid != granted:
        differences.append(
            _("Totaal: te betalen %(paid)s, toegekend %(granted)s (verschil %(difference)s).")
            % {"paid": _euro(paid), "granted": _euro(granted), "difference": _euro(paid - granted)}
        )
    return Reconciliation(rows, paid, granted, differences)


@dataclass
class RegionLeftover:
    region: Region
    reservation_cents: int
    granted_cents: int
    requested_cents: int  # all plans not rejected, decided or not
    standard_units: Decimal

    @property
    def leftover_cents(self) -> int:
        return max(0, self.reservation_cents - self.requested_cents)


def leftover(scheme: Scheme, run: AllocationRun | None = None) -> list[RegionLeftover]:
    """Per region, the part of its reservation no plan uses: neither granted nor still asked
    for by a plan that is not decided yet (so rule 2 keeps holding after a redistribution)."""
    run = run or current_run(scheme)
    if run is None:
        return []
    granted = dict(
        GrantDecision.objects.filter(approved=True, plan__scheme=scheme)
        .values_list("plan__region_id")
        .annotate(total=Sum("granted_cents"))
    )
    return [
        RegionLeftover(
            region=r.region,
            reservation_cents=r.amount_cents,
            granted_cents=granted.get(r.region_id, 0),
            requested_cents=region_requested_cents(r.region, scheme),
            standard_units=r.standard_units,
        )
        for r in run.reservations.select_related("region__central_municipality").order_by(
            "region__code"
        )
    ]


@dataclass
class Redistribution:
    rows: list[tuple[RegionLeftover, int]]  # (current, new amount)
    total_leftover_cents: int
    receivers: list[str]

    @property
    def new_amounts(self) -> dict[str, int]:
        return {row.region.code: new for row, new in self.rows}


class NothingToRedistribute(Exception):
    pass


def redistribution(scheme: Scheme) -> Redistribution:
    """What-if: every region keeps what its plans use; the remainder goes to the regions that
    use all of theirs, pro rata to the same SE weights by the same largest-remainder method."""
    rows = leftover(scheme)
    total = sum(r.leftover_cents for r in rows)
    receivers = [r for r in rows if r.leftover_cents == 0 and r.requested_cents > 0]
    if total == 0:
        raise NothingToRedistribute(_("Er is niets over: alle reserveringen worden gebruikt."))
    if not receivers or not any(r.standard_units for r in receivers):
        raise NothingToRedistribute(
            _(
                "Geen regio gebruikt haar hele reservering: er is geen regio om het restant aan "
                "toe te delen."
            )
        )
    extra = allocate(total, [(r.region.code, r.standard_units) for r in receivers])
    new = defaultdict(int)
    for r in rows:
        new[r.region.code] = r.reservation_cents - r.leftover_cents + extra.get(r.region.code, 0)
    return Redistribution(
        rows=[(r, new[r.region.code]) for r in rows],
        total_leftover_cents=total,
        receivers=[r.region.code for r in receivers],
    )


def compare_runs(first: AllocationRun, second: AllocationRun) -> list[tuple[Region, int, int]]:
    """(region, amount in first, amount in second) for every region in either run."""
    a = {r.region_id: r for r in first.reservations.select_related("region")}
    b = {r.region_id: r for r in second.reservations.select_related("region")}
    regions = {**{k: v.region for k, v in a.items()}, **{k: v.region for k, v in b.items()}}
    return [
        (
            regions[k],
            a[k].amount_cents if k in a else 0,
            b[k].amount_cents if k in b else 0,
        )
        for k in sorted(regions, key=lambda k: regions[k].code)
    ]

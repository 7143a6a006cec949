"""Writes: compute a region's reservation with the engine and keep it as a numbered run."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from sectorplan.audit.services import record
from sectorplan.registry.models import Region, Scheme
from sectorplan.registry.selectors import allocation_weights

from .engine import allocate
from .models import AllocationRun, Reservation


class AllocationInputError(Exception):
    pass


@transaction.atomic
def create_allocation_run(scheme: Scheme, *, reason: str, actor=None) -> AllocationRun:
    if not reason.strip():
        raise AllocationInputError(_("Geef een reden voor deze verdeling."))
    # Lock the scheme row so two runs at once cannot take the same number.
    Scheme.objects.select_for_update().filter(pk=scheme.pk).first()
    units = allocation_weights(scheme)
    missing = [u.region.code for u in units if u.standard_units is None]
    if missing and scheme.uses_region_weights:
        # A region added after the definition was loaded: the office gives it a weight (0 may).
        raise AllocationInputError(
            _("Geen gewicht voor regio %(regions)s in de definitie: verdelen kan nog niet.")
            % {"regions": ", ".join(missing)}
        )
    if missing:
        raise AllocationInputError(
            _("Geen SE-cijfer voor regio %(regions)s: verdelen kan nog niet.")
            % {"regions": ", ".join(missing)}
        )
    if all(u.standard_units == 0 for u in units):
        # The engine would refuse too ("all weights are zero"), but in its own words and as a
        # programming error; this is the figures' fault, said so the office can fix the file.
        raise AllocationInputError(
            _("Alle gewichten zijn 0: zo valt er niets naar verhouding te verdelen.")
            if scheme.uses_region_weights
            else _("Alle SE-cijfers zijn 0: zo valt er niets naar verhouding te verdelen.")
        )
    amounts = allocate(
        scheme.national_contribution_cents,
        [(u.region.code, u.standard_units) for u in units],
    )
    return store_run(
        scheme,
        amounts,
        units={u.region.code: u.standard_units for u in units},
        uses_demo_units=any(u.is_demo for u in units),
        reason=reason,
        actor=actor,
    )


def store_run(
    scheme: Scheme,
    amounts: dict[str, int],
    *,
    units: dict,
    uses_demo_units: bool,
    reason: str,
    actor=None,
    method: str = "largest_remainder",
) -> AllocationRun:
    """Keeps a division as the scheme's next numbered run. Callers hold the scheme's row lock
    and pass amounts that sum to the national contribution."""
    if sum(amounts.values()) != scheme.national_contribution_cents:
        raise AllocationInputError(_("De bedragen tellen niet op tot de rijksbijdrage."))
    regions = {
        r.code: r for r in Region.objects.filter(region_set=scheme.region_set_id, code__in=amounts)
    }
    last = scheme.allocation_runs.aggregate(last=Max("number"))["last"] or 0
    run = AllocationRun.objects.create(
        scheme=scheme,
        number=last + 1,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
        method=method,
        total_cents=scheme.national_contribution_cents,
        uses_demo_units=uses_demo_units,
    )
    Reservation.objects.bulk_create(
        Reservation(run=run, region=regions[code], standard_units=units[code], amount_cents=amount)
        for code, amount in amounts.items()
    )
    record(
        action="allocation.run_created",
        obj=run,
        actor=actor,
        after=dict(amounts),
        reason=reason,
    )
    return run


def ensure_initial_run(scheme: Scheme, *, actor=None) -> AllocationRun | None:
    if scheme.allocation_runs.exists():
        return None
    return create_allocation_run(
        scheme, reason="Eerste verdeling bij het laden van de regeling.", actor=actor
    )

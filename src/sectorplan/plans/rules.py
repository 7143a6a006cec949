"""The scheme's rules on a plan (numbered as in the domain brief). Each raises RuleViolation
with a Dutch message that names the field and the numbers; services call them inside the
transaction that makes the change, after locking the region, so a violation rolls it back."""

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sectorplan.allocation.selectors import current_run, required_cofinancing_cents
from sectorplan.money import format_euro
from sectorplan.registry.models import ActivityType, Region
from sectorplan.registry.selectors import companies_working_in

from .models import CommitmentStatus, Plan
from .states import RELEASED_STATES


class RuleViolation(ValidationError):
    """A ValidationError, so forms show it next to the field and the API returns 400."""

    def __init__(self, field: str | None, message: str):
        super().__init__({field: [message]} if field else message)
        self.field = field
        self.text = message


def euro(cents: int) -> str:
    """An amount in the notation of the active language (the message's language)."""
    return format_euro(cents, get_language() or "nl")



def national_contribution_cents(plan: Plan) -> int:
    return plan.budget_lines.aggregate(s=Sum("national_contribution_cents"))["s"] or 0


def committed_cofinancing_cents(plan: Plan) -> int:
    committed = plan.commitments.filter(status=CommitmentStatus.COMMITTED)
    return committed.aggregate(s=Sum("amount_cents"))["s"] or 0


def region_requested_cents(region: Region, scheme) -> int:
    lines = (
        Plan.objects.filter(region=region, scheme=scheme)
        .exclude(state__in=RELEASED_STATES)
        .aggregate(s=Sum("budget_lines__national_contribution_cents"))
    )
    return lines["s"] or 0


def region_reservation_cents(region: Region, scheme) -> int | None:
    run = current_run(scheme)
    if run is None:
        return None
    reservation = run.reservations.filter(region=region).first()
    return reservation.amount_cents if reservation else None


def lock_region(region_id: int) -> Region:
    """Serialises every change to a region's requested money (rule 2) on PostgreSQL."""
    return Region.objects.select_for_update().get(pk=region_id)


def check_region_reservation(plan: Plan, added_cents: int | None = None) -> None:
    """Rule 2: all plans of a region together never request more than its reservation. The
    refusal says how much is still free, not how much is too much: `added_cents` is what the
    change being made adds (a budget line), so the message can say what still fits."""
    reservation = region_reservation_cents(plan.region, plan.scheme)
    if reservation is None:
        raise RuleViolation(
            None, _("Voor deze regeling is nog geen verdeling per regio gemaakt.")
        )
    requested = region_requested_cents(plan.region, plan.scheme)
    if requested <= reservation:
        return
    values = {
        "code": plan.region.code,
        "region": plan.region.name,
        "reservation": euro(reservation),
    }
    if added_cents is not None:
        before = requested - added_cents
        values |= {
            "free": euro(max(0, reservation - before)),
            "requested": euro(before),
            "asked": euro(added_cents),
        }
        message = _(
            "Er is in de reservering van regio %(code)s %(region)s nog %(free)s rijksbijdrage "
            "vrij (reservering %(reservation)s, waarvan de plannen van de regio al "
            "%(requested)s vragen). Deze wijziging vraagt er %(asked)s bij; vraag ten hoogste "
            "%(free)s meer."
        )
        if before >= reservation:
            message = _(
                "In de reservering van regio %(code)s %(region)s is niets meer vrij "
                "(reservering %(reservation)s, waarvan de plannen van de regio al %(requested)s "
                "vragen). Deze wijziging vraagt er %(asked)s bij; verlaag eerst een ander bedrag."
            )
    else:
        own = national_contribution_cents(plan)
        values |= {
            "free": euro(max(0, reservation - (requested - own))),
            "requested": euro(requested - own),
            "asked": euro(own),
        }
        message = _(
            "Voor dit plan is in de reservering van regio %(code)s %(region)s nog ten hoogste "
            "%(free)s rijksbijdrage vrij (reservering %(reservation)s, waarvan de andere plannen "
            "van de regio al %(requested)s vragen); het plan vraagt %(asked)s."
        )
    raise RuleViolation("national_contribution_cents", message % values)


def check_cofinancing(plan: Plan) -> None:
    """Rule 3: committed co-financing at least the national contribution times the ratio."""
    needed = required_cofinancing_cents(
        national_contribution_cents(plan), plan.scheme.cofinancing_ratio
    )
    committed = committed_cofinancing_cents(plan)
    if committed < needed:
        raise RuleViolation(
            "commitments",
            _(
                "Toegezegde cofinanciering is %(committed)s; nodig is minstens %(needed)s "
                "(rijksbijdrage maal %(ratio)s). Er ontbreekt %(missing)s."
            )
            % {
                "committed": euro(committed),
                "needed": euro(needed),
                "ratio": plan.scheme.cofinancing_ratio.normalize(),
                "missing": euro(needed - committed),
            },
        )


def check_activity_type(plan: Plan, activity_type: ActivityType) -> None:
    """Rule 5: activity types come from the scheme's own taxonomy."""
    if activity_type.theme.scheme_id != plan.scheme_id:
        raise RuleViolation(
            "activity_type",
            _("Activiteitstype '%(type)s' hoort niet bij de regeling %(scheme)s.")
            % {"type": activity_type, "scheme": plan.scheme.label},
        )


def check_company_in_region(plan: Plan, company) -> None:
    if not companies_working_in(plan.region).filter(pk=company.pk).exists():
        raise RuleViolation(
            "sw_company",
            _("%(company)s werkt niet in regio %(code)s %(region)s.")
            % {"company": company, "code": plan.region.code, "region": plan.region.name},
        )


def check_complete_for_submission(plan: Plan) -> None:
    missing = []
    if not plan.participants.exists():
        missing.append(_("minstens één deelnemend SW-bedrijf"))
    if not plan.activities.exists():
        missing.append(_("minstens één activiteit"))
    if national_contribution_cents(plan) <= 0:
        missing.append(_("een begroting met gevraagde rijksbijdrage"))
    if not plan.goals.exists():
        missing.append(_("minstens één doel met beoogd resultaat"))
    if missing:
        raise RuleViolation(
            None, _("Het plan is nog niet compleet: %(missing)s.") % {"missing": ", ".join(missing)}
        )

"""The assessment side of the demo plans: every demo plan that reached Cedris gets its frozen
version 1, and a change request where Cedris asked for one, as if the steps had been taken."""

from django.db import transaction

from sectorplan.assessment.models import ChangeRequest, PlanVersion
from sectorplan.assessment.snapshot import build_snapshot
from sectorplan.plans.models import Plan, StateChange
from sectorplan.plans.states import SUBMITTED_STATES, PlanState
from sectorplan.registry.models import Scheme


@transaction.atomic
def load_demo_reviews(scheme: Scheme) -> int:
    """Idempotent: plans that already have a version are left alone. Returns versions made."""
    plans = (
        Plan.objects.filter(scheme=scheme, is_demo=True, state__in=SUBMITTED_STATES)
        .exclude(versions__isnull=False)
        .select_related("scheme", "region")
    )
    made = 0
    for plan in plans:
        changes = {c.transition: c for c in StateChange.objects.filter(plan=plan)}
        submitted = changes.get("submit_to_cedris")
        if submitted is None:
            continue
        version = PlanVersion.objects.create(
            plan=plan, number=1, snapshot=build_snapshot(plan), submitted_by=submitted.actor
        )
        # auto_now_add stamps today; the demo history lies in 2015.
        PlanVersion.objects.filter(pk=version.pk).update(submitted_at=submitted.occurred_at)
        made += 1
        requested = changes.get("request_changes")
        if plan.state == PlanState.CHANGES_REQUESTED and requested is not None:
            request = ChangeRequest.objects.create(
                version=version, points=[requested.reason], requested_by=requested.actor
            )
            ChangeRequest.objects.filter(pk=request.pk).update(requested_at=requested.occurred_at)
    return made

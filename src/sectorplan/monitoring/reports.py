"""What a progress report is about: which plans report, at which evaluation moments, and the
Dutch slugs of those moments in URLs. Pure constants; reads in report_selectors, writes in
report_services."""

from sectorplan.plans.states import PlanState
from sectorplan.registry.models import MilestoneKind

from .models import REPORT_KINDS, ActivityStatus, ReportState

# A plan reports from payment until Cedris closes it (closed plans keep their reports, read-only).
REPORTING_STATES = frozenset(
    {
        PlanState.PAID,
        PlanState.IN_EXECUTION,
        PlanState.EXECUTED,
        PlanState.FINAL_REPORT_RECEIVED,
    }
)

SLUGS = {
    MilestoneKind.INTERIM_REPORT_1: "tussenrapportage-1",
    MilestoneKind.INTERIM_REPORT_2: "tussenrapportage-2",
    MilestoneKind.FINAL_REPORT: "eindrapportage",
}
KIND_OF_SLUG = {slug: kind for kind, slug in SLUGS.items()}

# Later moments supersede earlier ones (region_progress reads the latest submitted report).
ORDER = {kind.value: index for index, kind in enumerate(REPORT_KINDS)}

__all__ = [
    "ORDER",
    "REPORT_KINDS",
    "REPORTING_STATES",
    "SLUGS",
    "KIND_OF_SLUG",
    "ActivityStatus",
    "ReportState",
]

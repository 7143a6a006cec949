"""The states of a plan: stable codes for the API, Dutch names for people.

Which transitions exist and who may take them lives with the workflow; this module only names.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanState(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    SUBMITTED_TO_MUNICIPALITY = (
        "submitted_to_municipality",
        _("Ingediend bij centrumgemeente (cofinanciering gevraagd)"),
    )
    COFINANCING_COMMITTED = "cofinancing_committed", _("Cofinanciering toegezegd")
    SUBMITTED_TO_CEDRIS = "submitted_to_cedris", _("Ingediend bij Cedris")
    IN_REVIEW = "in_review", _("In inhoudelijke toets")
    CHANGES_REQUESTED = "changes_requested", _("Aanpassing gevraagd")
    RESUBMITTED = "resubmitted", _("Opnieuw ingediend")
    ADVISED = "advised", _("Geadviseerd")
    APPROVED = "approved", _("Goedgekeurd door SZW")
    REJECTED = "rejected", _("Afgewezen")
    GRANTED = "granted", _("Beschikt")
    PAID = "paid", _("Uitbetaald")
    IN_EXECUTION = "in_execution", _("In uitvoering")
    EXECUTED = "executed", _("Uitgevoerd")
    FINAL_REPORT_RECEIVED = "final_report_received", _("Eindverslag ontvangen")
    CLOSED = "closed", _("Afgesloten")


# Companies may change content only here; afterwards a plan changes only through the workflow.
EDITABLE_STATES = frozenset({PlanState.CONCEPT, PlanState.CHANGES_REQUESTED})

# A rejected plan no longer holds any of its region's reservation (rule 2).
RELEASED_STATES = frozenset({PlanState.REJECTED})

# From here on, assessors and ministries see the plan.
SUBMITTED_STATES = frozenset(PlanState) - {
    PlanState.CONCEPT,
    PlanState.SUBMITTED_TO_MUNICIPALITY,
    PlanState.COFINANCING_COMMITTED,
}

# Assessors give advice while Cedris reviews a submitted version.
ADVICE_STATES = frozenset(
    {PlanState.SUBMITTED_TO_CEDRIS, PlanState.IN_REVIEW, PlanState.RESUBMITTED}
)

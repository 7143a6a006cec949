"""Lets plan pages show the assessment's part without the plans app importing it."""

from django import template
from django.utils.translation import gettext_lazy as _

from sectorplan.assessment.models import ChangeRequest
from sectorplan.plans.states import PlanState

register = template.Library()

# The plan page's sections (their anchors in plans/plan_detail.html) and the words by which a
# point of Cedris's change request names them; a point naming none links to the list of them.
SECTIONS = (
    ("participants", _("Deelnemende SW-bedrijven"), ("deelnem", "sw-bedrijf", "contactpersoon")),
    ("goals", _("Doelen"), ("doel", "resultat")),
    ("activities", _("Activiteiten"), ("activiteit", "thema", "planning")),
    ("budget", _("Begroting"), ("begroting", "budget", "kosten", "rijksbijdrage")),
    ("cofinancing", _("Cofinanciering"), ("cofinanc",)),
    ("attachments", _("Bijlagen"), ("bijlage",)),
)


def sections_named(point: str) -> list[tuple[str, str]]:
    """(anchor, label) of each plan section the point names, in page order."""
    text = point.lower()
    return [
        (anchor, str(label))
        for anchor, label, words in SECTIONS
        if any(word in text for word in words)
    ]


@register.inclusion_tag("assessment/_change_request_notice.html")
def change_request_notice(plan):
    request = None
    if plan.state == PlanState.CHANGES_REQUESTED:
        request = ChangeRequest.objects.filter(version__plan=plan).order_by("-requested_at").first()
    return {
        "change_request": request,
        "points": [(point, sections_named(point)) for point in request.points] if request else [],
        "sections": [(anchor, str(label)) for anchor, label, _words in SECTIONS],
    }

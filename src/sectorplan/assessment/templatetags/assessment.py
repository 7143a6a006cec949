"""Lets plan pages show the assessment's part without the plans app importing it."""

from django import template

from sectorplan.assessment.models import ChangeRequest
from sectorplan.plans.states import PlanState

register = template.Library()


@register.inclusion_tag("assessment/_change_request_notice.html")
def change_request_notice(plan):
    request = None
    if plan.state == PlanState.CHANGES_REQUESTED:
        request = ChangeRequest.objects.filter(version__plan=plan).order_by("-requested_at").first()
    return {"change_request": request}

"""A progress report's good practices on its page: which are linked, the forms to link existing
ones (the company in its draft, Cedris always) and to share the text as a new one (Cedris).
Permission through accounts.policy; practice_services checks again and writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sectorplan.accounts import policy
from sectorplan.meetings import selectors as meetings
from sectorplan.plans.models import Plan

from . import practice_services as services
from .models import ProgressReport
from .reports import KIND_OF_SLUG


def practice_context(user, report: ProgressReport | None) -> dict:
    """What the report page shows about good practices (added to its context)."""
    if report is None:
        return {"linked_practices": [], "can_link_practices": False, "can_share_practice": False}
    may_link = policy.can_link_good_practices(user, report)
    may_share = (
        policy.can_share_good_practice(user, report)
        and report.is_submitted
        and bool(report.good_practice.strip())
    )
    return {
        "linked_practices": list(report.good_practices.order_by("title")),
        "can_link_practices": may_link,
        "can_share_practice": may_share,
        "practice_choices": list(meetings.good_practices(report.plan.scheme)) if may_link else [],
    }


@require_POST
@login_required
def report_practices(request, plan_pk, moment):
    if moment not in KIND_OF_SLUG:
        raise Http404(_("Onbekend evaluatiemoment."))
    kind = KIND_OF_SLUG[moment].value
    plan = get_object_or_404(Plan, pk=plan_pk)
    report = ProgressReport.objects.filter(plan=plan, kind=kind).first()
    if report is None or not policy.can_view_progress_report(
        request.user, plan, report.is_submitted
    ):
        raise PermissionDenied(_("Deze rapportage is niet voor u zichtbaar."))
    back = redirect("monitoring:report-detail", plan_pk=plan.pk, moment=moment)
    try:
        if request.POST.get("action") == "share":
            if not policy.can_share_good_practice(request.user, report):
                raise PermissionDenied(_("Alleen Cedris deelt een rapportage als goed voorbeeld."))
            practice = services.share_as_good_practice(
                report, user=request.user, title=request.POST.get("title", "")
            )
            messages.success(
                request,
                _("Gedeeld als goed voorbeeld: %(title)s.") % {"title": practice.title},
            )
            return back
        if not policy.can_link_good_practices(request.user, report):
            raise PermissionDenied(_("U mag geen goede voorbeelden aan deze rapportage koppelen."))
        chosen = [value for value in request.POST.getlist("practices") if value.isdigit()]
        practices = meetings.good_practices(plan.scheme).filter(pk__in=chosen)
        services.link_good_practices(report, user=request.user, practices=practices)
        messages.success(request, _("De gekoppelde goede voorbeelden zijn opgeslagen."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return back

"""The plan page's "Uw beurt" line: what awaits this user on this plan and where on the page it
is done. Built from assessment.progress.tasks_for, the answer the start page's task list gives,
so the two never disagree; and, when a deadline has passed, who at Cedris grants an extension."""

import datetime
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sectorplan.accounts.models import Membership, OrganisationKind, Role
from sectorplan.assessment.progress import Party, tasks_for

from .states import PlanState

ACTIONS = "#actions-heading"  # "Volgende stap" on the plan page

# (state, party) -> what to do on this page, the anchor where it is done, the link's text.
# Without an entry: the task's own page (the task list's link) or "Volgende stap".
HINTS = {
    (PlanState.SUBMITTED_TO_MUNICIPALITY, Party.MUNICIPALITY): (
        gettext_lazy(
            "Zeg de gevraagde cofinanciering toe (onder Cofinanciering) en bevestig daarna "
            "onder Volgende stap."
        ),
        "#cofinancing",
        gettext_lazy("Naar Cofinanciering"),
    ),
    (PlanState.CONCEPT, Party.COMPANIES): (
        gettext_lazy("Maak het plan af en dien het in onder Volgende stap."),
        ACTIONS,
        gettext_lazy("Naar Volgende stap"),
    ),
    (PlanState.COFINANCING_COMMITTED, Party.COMPANIES): (
        gettext_lazy("Dien het plan in onder Volgende stap."),
        ACTIONS,
        gettext_lazy("Naar Volgende stap"),
    ),
    (PlanState.CHANGES_REQUESTED, Party.COMPANIES): (
        gettext_lazy(
            "Pas de punten aan die Cedris noemt en dien het plan daarna opnieuw in onder "
            "Volgende stap."
        ),
        "#change-request-heading",
        gettext_lazy("Naar de gevraagde aanpassingen"),
    ),
}


@dataclass(frozen=True)
class Turn:
    action: str
    deadline: datetime.date | None
    is_late: bool
    hint: str
    href: str
    link_label: str


def turns(user, plan) -> list["Turn"]:
    """What awaits this user on this plan (empty when it is someone else's turn)."""
    here = reverse("plans:detail", args=[plan.pk])
    result = []
    for task in tasks_for(user, [plan]):
        hint, href, label = HINTS.get((plan.state, task.party), ("", "", ""))
        if not href:
            elsewhere = task.url and task.url.split("#")[0] != here
            href = task.url if elsewhere else ACTIONS
            label = _("Naar de pagina waar u dit doet") if elsewhere else _("Naar Volgende stap")
        result.append(
            Turn(str(task.action), task.deadline, task.is_late, str(hint), href, str(label))
        )
    return result


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    mailto: str


def extension_contacts(plan, action: str, closed: datetime.date | None) -> list[Contact]:
    """Who grants an extension (the programme office's administrators, with an address), each
    with a mailto link whose subject and text already say for which region and step."""
    subject = _("Verzoek om uitstel: %(action)s, regio %(region)s") % {
        "action": action,
        "region": f"{plan.region.code} {plan.region.name}",
    }
    body = _(
        "Graag vragen wij uitstel voor '%(action)s' van het plan '%(plan)s' (regio "
        "%(region)s)%(closed)s. Reden: "
    ) % {
        "action": action,
        "plan": plan.title,
        "region": f"{plan.region.code} {plan.region.name}",
        "closed": (
            _(", waarvan de termijn op %(date)s afliep") % {"date": date_format(closed, "j F Y")}
            if closed
            else ""
        ),
    }
    memberships = (
        Membership.objects.filter(
            organisation__kind=OrganisationKind.PROGRAMME_OFFICE,
            role=Role.ADMINISTRATOR,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__last_name", "user__username")
    )
    return [
        Contact(
            m.user.get_full_name() or m.user.get_username(),
            m.user.email,
            f"mailto:{quote(m.user.email, safe='@')}?subject={quote(subject)}&body={quote(body)}",
        )
        for m in memberships
    ]


@dataclass(frozen=True)
class Resubmission:
    number: int  # the version Cedris last saw
    changed: list[str]  # the parts changed since, by name; empty: nothing changed


def resubmission(plan) -> Resubmission | None:
    """For the resubmit confirmation: which parts of the plan changed since the version Cedris
    asked to change (assessment.diff), so an unchanged plan is not sent back by mistake."""
    from sectorplan.assessment.diff import compare
    from sectorplan.assessment.models import PlanVersion
    from sectorplan.assessment.snapshot import build_snapshot

    last = PlanVersion.objects.filter(plan=plan).order_by("-number").first()
    if last is None:
        return None
    diff = compare(last.snapshot, build_snapshot(plan))
    changed = [_("Gegevens van het plan")] if diff.plan_fields else []
    changed += [str(section.label) for section in diff.sections if section.has_changes]
    changed += [str(total.label) for total in diff.money if total.changed]
    return Resubmission(last.number, changed)

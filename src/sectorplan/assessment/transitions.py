"""The plan's life after submission to Cedris: review, change requests, SZW's decision, payment
and execution. Registered on the plans workflow when the app is ready (apps.py)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sectorplan.accounts import policy
from sectorplan.plans import rules
from sectorplan.plans.states import PlanState
from sectorplan.plans.workflow import (
    Transition,
    TransitionRefused,
    add_effects,
    register,
    window_guard,
)
from sectorplan.registry.models import MilestoneKind

from . import effects
from .models import ReviewQuestion

S = PlanState


def require_review_complete(plan) -> None:
    """Every framework question answered for the version under review, none with 'no'."""
    version = effects.latest_version(plan)
    questions = ReviewQuestion.objects.filter(scheme=plan.scheme)
    answers = {a.question_id: a for a in version.answers.all()} if version else {}
    open_questions = [q for q in questions if q.pk not in answers]
    if open_questions:
        raise TransitionRefused(
            ngettext(
                "De toets is nog niet af: %(open)d van de %(total)d vragen is niet beantwoord "
                "(eerste open vraag: '%(question)s').",
                "De toets is nog niet af: %(open)d van de %(total)d vragen zijn niet beantwoord "
                "(eerste open vraag: '%(question)s').",
                len(open_questions),
            )
            % {
                "open": len(open_questions),
                "total": len(questions),
                "question": open_questions[0].text,
            }
        )
    if any(a.verdict == "no" for a in answers.values()):
        raise TransitionRefused(
            _(
                "Een of meer toetsvragen zijn met 'nee' beantwoord. Vraag de regio om aanpassing, "
                "of pas het antwoord aan als het plan toch voldoet."
            )
        )


def require_with_szw(plan) -> None:
    if not plan.national_plans.filter(submitted_at__isnull=False).exists():
        raise TransitionRefused(
            _("Dit plan zit nog niet in een landelijk sectorplan dat bij SZW is ingediend.")
        )


register(
    Transition(
        "start_review",
        gettext_lazy("Inhoudelijke toets starten"),
        frozenset({S.SUBMITTED_TO_CEDRIS, S.RESUBMITTED}),
        S.IN_REVIEW,
        policy.can_review,
    ),
    Transition(
        "request_changes",
        gettext_lazy("Aanpassing vragen"),
        frozenset({S.IN_REVIEW}),
        S.CHANGES_REQUESTED,
        policy.can_review,
        needs_points=True,
        effects=(effects.record_change_request,),
    ),
    Transition(
        "resubmit",
        gettext_lazy("Opnieuw indienen bij Cedris"),
        frozenset({S.CHANGES_REQUESTED}),
        S.RESUBMITTED,
        policy.can_submit_plan,
        (
            rules.check_complete_for_submission,
            rules.check_region_reservation,
            rules.check_cofinancing,
            window_guard(
                MilestoneKind.PLANS_COMPLETE, gettext_lazy("Opnieuw indienen bij Cedris")
            ),
        ),
        effects=(effects.freeze_version,),
        consequence=gettext_lazy(
            "Het aangepaste plan '%(plan)s' van regio %(region)s gaat opnieuw naar Cedris, met "
            "een gevraagde rijksbijdrage van %(national)s. Daarna kunt u het plan niet meer "
            "wijzigen, tenzij Cedris opnieuw om aanpassing vraagt."
        ),
    ),
    Transition(
        "mark_advised",
        gettext_lazy("Toets afronden: positief advies"),
        frozenset({S.IN_REVIEW}),
        S.ADVISED,
        policy.can_review,
        (require_review_complete,),
    ),
    Transition(
        "approve",
        gettext_lazy("Goedkeuren"),
        frozenset({S.ADVISED}),
        S.APPROVED,
        policy.can_decide,
        (require_with_szw,),
        needs_reason=True,
        effects=(effects.record_decision,),
        consequence=gettext_lazy(
            "SZW keurt het plan '%(plan)s' van regio %(region)s goed en kent een rijksbijdrage "
            "van %(national)s toe. Het besluit wordt vastgelegd en kan niet worden teruggedraaid; "
            "daarna kan de beschikking worden verzonden."
        ),
    ),
    Transition(
        "reject",
        gettext_lazy("Afwijzen"),
        frozenset({S.ADVISED}),
        S.REJECTED,
        policy.can_decide,
        (require_with_szw,),
        needs_reason=True,
        effects=(effects.record_decision,),
        consequence=gettext_lazy(
            "SZW wijst het plan '%(plan)s' van regio %(region)s af. Het besluit wordt vastgelegd "
            "en kan niet worden teruggedraaid; de gevraagde rijksbijdrage van %(national)s komt "
            "weer vrij in de reservering van de regio."
        ),
        tone="warning",
    ),
    Transition(
        "send_decision",
        gettext_lazy("Beschikking verzenden"),
        frozenset({S.APPROVED}),
        S.GRANTED,
        policy.can_decide,
        consequence=gettext_lazy(
            "De beschikking voor het plan '%(plan)s' van regio %(region)s wordt verzonden en het "
            "plan krijgt de status '%(target)s'. Een verzonden beschikking kan niet worden "
            "teruggehaald."
        ),
    ),
    Transition(
        "pay",
        gettext_lazy("Uitbetaald via het gemeentefonds"),
        frozenset({S.GRANTED}),
        S.PAID,
        policy.can_pay,
        manual=False,  # only as part of a payment batch (payments app)
    ),
    Transition(
        "start_execution",
        gettext_lazy("Uitvoering gestart"),
        frozenset({S.PAID}),
        S.IN_EXECUTION,
        policy.can_report_execution,
    ),
    Transition(
        "finish_execution",
        gettext_lazy("Uitvoering afgerond"),
        frozenset({S.IN_EXECUTION}),
        S.EXECUTED,
        policy.can_report_execution,
    ),
    Transition(
        "receive_final_report",
        gettext_lazy("Eindverslag ontvangen"),
        frozenset({S.EXECUTED}),
        S.FINAL_REPORT_RECEIVED,
        policy.can_review,
    ),
    Transition(
        "close",
        gettext_lazy("Afsluiten"),
        frozenset({S.FINAL_REPORT_RECEIVED}),
        S.CLOSED,
        policy.can_review,
    ),
)

# The first submission to Cedris is version 1; every resubmission adds one.
add_effects("submit_to_cedris", effects.freeze_version)

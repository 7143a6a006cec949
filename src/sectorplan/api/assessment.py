"""One plan's assessment under /api/v1/plans/{id}/: review, answers, advice and timeline.

The same services, selectors and policy as the pages in assessment/views.py, checked in the
same order: the plan must be visible (404), then the user must be allowed (403), then the
service decides (400 with its Dutch message, through run_service)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from sectorplan.accounts import policy
from sectorplan.assessment import progress, selectors, services
from sectorplan.assessment.models import Recommendation, Verdict
from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState

from .plans import run_service
from .serializers import MoneyField

NOT_VISIBLE = gettext_lazy("Dit plan bestaat niet of u mag het niet zien.")


class RefusalSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Why, in Dutch.")


# The refusals documented with each operation, besides its success body.
READ_REFUSALS = {
    403: OpenApiResponse(RefusalSerializer, description="Not logged in, or not allowed."),
    404: OpenApiResponse(RefusalSerializer, description="Does not exist, or hidden from you."),
}
REFUSALS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="Refused by a rule or invalid input; nothing changed. Each field (or "
        "non_field_errors, transition) with a list of messages in Dutch.",
    ),
    **READ_REFUSALS,
}


def visible_plan(request, plan_pk) -> Plan:
    """As assessment.views.visible_plan: a plan this user may not see does not exist (404)."""
    try:
        return (
            policy.visible_plans(request.user)
            .select_related("scheme", "region__central_municipality")
            .get(pk=plan_pk)
        )
    except Plan.DoesNotExist:
        raise NotFound(NOT_VISIBLE) from None


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()
    submitted_by = serializers.CharField(source="submitted_by.username")


class QuestionSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text="The framework question's id.")
    order = serializers.IntegerField()
    text = serializers.CharField()
    verdict = serializers.ChoiceField(
        choices=Verdict.choices, allow_null=True, help_text="Null while unanswered."
    )
    verdict_label = serializers.CharField(allow_null=True)
    comment = serializers.CharField(allow_blank=True)
    answered_by = serializers.CharField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    given_for_version = serializers.IntegerField(
        allow_null=True,
        help_text="Set when the answer was carried over from an earlier version on "
        "resubmission: the number of the version it was given for. It counts as an answer "
        "until Cedris changes it (then null).",
    )


class AdviceSerializer(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.name")
    recommendation = serializers.ChoiceField(choices=Recommendation.choices)
    recommendation_label = serializers.CharField(source="get_recommendation_display")
    comments = serializers.CharField()
    version = serializers.IntegerField(source="version.number")
    given_at = serializers.DateTimeField()


class ChangeRequestSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="version.number")
    points = serializers.ListField(child=serializers.CharField())
    requested_by = serializers.CharField(source="requested_by.username")
    requested_at = serializers.DateTimeField()


class DecisionSerializer(serializers.Serializer):
    reference = serializers.CharField()
    approved = serializers.BooleanField()
    granted = MoneyField(source="granted_cents", help_text="The national contribution granted.")
    reason = serializers.CharField()
    dated = serializers.DateField(help_text="The date on the decision letter.")
    version = serializers.IntegerField(source="version.number")
    national_plan = serializers.IntegerField(source="national_plan_id")


class AwaitingSerializer(serializers.Serializer):
    party = serializers.ChoiceField(choices=progress.Party.choices)
    party_label = serializers.CharField()
    action = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    late = serializers.BooleanField(source="is_late")


class ReviewSerializer(serializers.Serializer):
    plan = serializers.IntegerField(source="plan.pk")
    state = serializers.ChoiceField(source="plan.state", choices=PlanState.choices)
    state_label = serializers.CharField(source="plan.get_state_display")
    versions = VersionSerializer(many=True)
    questions = QuestionSerializer(many=True, help_text="Answers are those of the latest version.")
    advice = AdviceSerializer(many=True, help_text="Newest version first.")
    change_requests = ChangeRequestSerializer(many=True, help_text="Newest version first.")
    decision = DecisionSerializer(allow_null=True)
    awaiting = AwaitingSerializer(many=True, help_text="Who the plan waits for now, by when.")


def review_data(plan: Plan) -> dict:
    state = selectors.review_state(plan)
    questions = [
        {
            "question": question.pk,
            "order": question.order,
            "text": question.text,
            "verdict": answer.verdict if answer else None,
            "verdict_label": answer.get_verdict_display() if answer else None,
            "comment": answer.comment if answer else "",
            "answered_by": answer.answered_by.username if answer else None,
            "answered_at": answer.answered_at if answer else None,
            "given_for_version": answer.given_for.number
            if answer is not None and answer.given_for_id
            else None,
        }
        for question, answer in state.questions
    ]
    return ReviewSerializer(
        {
            "plan": plan,
            "versions": state.versions,
            "questions": questions,
            "advice": state.advice,
            "change_requests": state.change_requests,
            "decision": state.decision,
            "awaiting": progress.awaiting(plan),
        }
    ).data


class ReviewView(APIView):
    """Cedris's content review of the latest version, the advice, change requests, the decision
    and who the plan waits for: what the review page shows."""

    @extend_schema(
        responses={200: ReviewSerializer, **READ_REFUSALS},
        summary="Toets, adviezen en besluit van een plan",
    )
    def get(self, request, plan_pk):
        return Response(review_data(visible_plan(request, plan_pk)))


@extend_schema_field({"type": "string", "enum": list(Verdict.values)})
class VerdictField(serializers.CharField):
    """Checked by the service, so a wrong verdict gets the page's Dutch message."""


class AnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text="A framework question's id (see the review).")
    verdict = VerdictField()
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Required unless 'yes'."
    )


class AnswersSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True)

    def validate_answers(self, answers):
        questions = [answer["question"] for answer in answers]
        if len(questions) != len(set(questions)):
            raise ValidationError(_("Beantwoord elke toetsvraag hooguit één keer."))
        return answers


class AnswersResultSerializer(serializers.Serializer):
    changed = serializers.IntegerField(help_text="How many answers changed.")
    review = ReviewSerializer()


class AnswersView(APIView):
    """Cedris answers framework questions for the version under review; only the questions
    sent change. All or nothing: one refused answer saves none."""

    @extend_schema(
        request=AnswersSerializer,
        responses={200: AnswersResultSerializer, **REFUSALS},
        summary="Toetsvragen beantwoorden (Cedris)",
    )
    def post(self, request, plan_pk):
        plan = visible_plan(request, plan_pk)
        if not policy.can_review(request.user, plan):
            raise ApiPermissionDenied(_("Alleen Cedris toetst plannen."))
        body = AnswersSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answers = {
            a["question"]: (a["verdict"], a["comment"]) for a in body.validated_data["answers"]
        }
        changed = run_service(
            lambda: services.answer_review(plan, user=request.user, answers=answers)
        )
        return Response({"changed": changed, "review": review_data(plan)})


ADVICE_CHOICE = gettext_lazy("Kies een advies en geef uw opmerkingen.")


class AdviceRequestSerializer(serializers.Serializer):
    recommendation = serializers.ChoiceField(
        choices=Recommendation.choices,
        error_messages={"invalid_choice": ADVICE_CHOICE, "required": ADVICE_CHOICE},
    )
    comments = serializers.CharField(allow_blank=True)


class AdviceView(APIView):
    """An assessor's advice on the latest version, while Cedris reviews it. Advising again
    replaces the organisation's earlier advice on that version."""

    @extend_schema(
        request=AdviceRequestSerializer,
        responses={200: AdviceSerializer, **REFUSALS},
        summary="Advies geven (beoordelaars)",
    )
    def post(self, request, plan_pk):
        plan = visible_plan(request, plan_pk)
        if not policy.can_advise(request.user, plan):
            raise ApiPermissionDenied(_("U kunt nu geen advies geven over dit plan."))
        body = AdviceRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        advice = run_service(
            lambda: services.give_advice(plan, user=request.user, **body.validated_data)
        )
        return Response(AdviceSerializer(advice).data)


class TimelineEventSerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor_label")
    action = serializers.CharField(help_text="E.g. 'plan.start_review'.")
    object = serializers.CharField(source="object_label", allow_blank=True)
    object_type = serializers.CharField()
    before = serializers.JSONField(allow_null=True, help_text="As recorded in the audit log.")
    after = serializers.JSONField(allow_null=True, help_text="As recorded in the audit log.")
    reason = serializers.CharField(allow_blank=True)


class TimelineView(APIView):
    """Every audit event of the plan and its parts, oldest first: what the timeline page shows."""

    @extend_schema(
        responses={200: TimelineEventSerializer(many=True), **READ_REFUSALS},
        summary="Tijdlijn van een plan",
    )
    def get(self, request, plan_pk):
        plan = visible_plan(request, plan_pk)
        events = selectors.plan_timeline(plan, request.user)
        return Response(TimelineEventSerializer(events, many=True).data)

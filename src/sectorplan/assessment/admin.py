"""The framework questions are configuration Cedris edits here. Versions, answers, advice and
decisions are records: shown, never changed here (they change only through the workflow)."""

from django.contrib import admin

from sectorplan.admin_base import ReadOnlyMixin

from .models import Advice, ChangeRequest, GrantDecision, NationalPlan, PlanVersion, ReviewQuestion


@admin.register(ReviewQuestion)
class ReviewQuestionAdmin(admin.ModelAdmin):
    list_display = ["order", "text", "scheme"]
    list_filter = ["scheme"]
    ordering = ["scheme", "order"]


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "number", "submitted_by", "submitted_at"]
    list_select_related = ["plan__region", "submitted_by"]


@admin.register(Advice)
class AdviceAdmin(ReadOnlyAdmin):
    list_display = ["version", "organisation", "recommendation", "given_at"]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(ReadOnlyAdmin):
    list_display = ["version", "requested_by", "requested_at"]


@admin.register(NationalPlan)
class NationalPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "scheme", "created_at", "submitted_at"]


@admin.register(GrantDecision)
class GrantDecisionAdmin(ReadOnlyAdmin):
    list_display = ["reference", "plan", "approved", "granted_cents", "dated"]
    list_select_related = ["plan__region"]

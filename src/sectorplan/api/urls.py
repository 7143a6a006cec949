from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from . import (
    assessment,
    meetings,
    monitoring,
    national,
    national_reports,
    payments,
    plans,
    progress,
    reports,
    schemes,
    versions,
    views,
)

router = SimpleRouter()
router.register("v1/plans", plans.PlanViewSet, basename="plan")
for part, viewset in plans.PART_VIEWSETS.items():
    router.register(f"v1/plans/(?P<plan_pk>[0-9]+)/{part}", viewset, basename=f"plan-{part}")
router.register("v1/national-plans", national.NationalPlanViewSet, basename="national-plan")

app_name = "api"

PLAN = "v1/plans/<int:plan_pk>"

urlpatterns = [
    path("v1/schemes/", schemes.SchemeListView.as_view(), name="scheme-list"),
    path("v1/schemes/check/", schemes.SchemeCheckView.as_view(), name="scheme-check"),
    path("v1/region-sets/", schemes.RegionSetListView.as_view(), name="region-set-list"),
    path(
        "v1/schemes/<slug:slug>/definition/",
        schemes.SchemeDefinitionView.as_view(),
        name="scheme-definition",
    ),
    path(
        "v1/schemes/<slug:slug>/allocation/",
        views.SchemeAllocationView.as_view(),
        name="scheme-allocation",
    ),
    path(
        "v1/schemes/<slug:slug>/overview/",
        monitoring.SchemeActivityOverviewView.as_view(),
        name="scheme-overview",
    ),
    path(
        "v1/schemes/<slug:slug>/progress/",
        progress.SchemeProgressView.as_view(),
        name="scheme-progress",
    ),
    path(
        "v1/schemes/<slug:slug>/payment-batches/",
        payments.BatchListView.as_view(),
        name="payment-batch-list",
    ),
    path("v1/payment-batches/<int:pk>/", payments.BatchDetailView.as_view(), name="payment-batch"),
    path(
        "v1/payment-batches/<int:pk>/paid/",
        payments.BatchPaidView.as_view(),
        name="payment-batch-paid",
    ),
    path(
        "v1/payment-batches/<int:pk>/cancel/",
        payments.BatchCancelView.as_view(),
        name="payment-batch-cancel",
    ),
    path("v1/schemes/<slug:slug>/leftover/", payments.LeftoverView.as_view(), name="leftover"),
    path(
        "v1/schemes/<slug:slug>/allocation-runs/compare/",
        payments.RunComparisonView.as_view(),
        name="allocation-run-compare",
    ),
    path(f"{PLAN}/review/", assessment.ReviewView.as_view(), name="plan-review"),
    path(f"{PLAN}/review/answers/", assessment.AnswersView.as_view(), name="plan-review-answers"),
    path(f"{PLAN}/advice/", assessment.AdviceView.as_view(), name="plan-advice"),
    path(f"{PLAN}/versions/", versions.VersionListView.as_view(), name="plan-versions-list"),
    path(
        f"{PLAN}/versions/compare/",
        versions.VersionCompareView.as_view(),
        name="plan-versions-compare",
    ),
    path(
        f"{PLAN}/versions/<int:number>/",
        versions.VersionDetailView.as_view(),
        name="plan-versions-detail",
    ),
    path(f"{PLAN}/timeline/", assessment.TimelineView.as_view(), name="plan-timeline"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="swagger-ui"),
    *meetings.urlpatterns,
    *reports.urlpatterns,
    *national_reports.urlpatterns,
    *router.urls,
]

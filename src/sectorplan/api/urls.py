from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from . import plans, views

router = SimpleRouter()
router.register("v1/plans", plans.PlanViewSet, basename="plan")
for part, viewset in plans.PART_VIEWSETS.items():
    router.register(f"v1/plans/(?P<plan_pk>[0-9]+)/{part}", viewset, basename=f"plan-{part}")

app_name = "api"

urlpatterns = [
    path(
        "v1/schemes/<slug:slug>/allocation/",
        views.SchemeAllocationView.as_view(),
        name="scheme-allocation",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="swagger-ui"),
    *router.urls,
]

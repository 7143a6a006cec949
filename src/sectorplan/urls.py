from django.contrib import admin
from django.urls import include, path

from sectorplan.web.urls import auth_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("sectorplan.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    *auth_urlpatterns,
    path("plannen/", include("sectorplan.plans.urls")),
    path("beoordeling/", include("sectorplan.assessment.urls")),
    path("betalingen/", include("sectorplan.payments.urls")),
    path("monitoring/", include("sectorplan.monitoring.urls")),
    path("bijeenkomsten/", include("sectorplan.meetings.urls")),
    path("auditlog/", include("sectorplan.audit.urls")),
    path("", include("sectorplan.web.urls")),
]

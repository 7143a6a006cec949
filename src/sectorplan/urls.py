from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from sectorplan.web.favicon import favicon
from sectorplan.web.urls import auth_urlpatterns

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
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
    path("taken/", include("sectorplan.jobs.urls")),
    path("regelingen/", include("sectorplan.plans.scheme_urls")),
    path("", include("sectorplan.web.urls")),
]
if settings.SECTORPLAN_BENCH:  # benchmarks only; never registered otherwise (settings.py)
    from sectorplan.web.bench import trivial

    urlpatterns.insert(0, path("bench/trivial/", trivial, name="bench-trivial"))

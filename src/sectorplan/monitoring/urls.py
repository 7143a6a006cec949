from django.urls import include, path

app_name = "monitoring"

# The activity overview (public) and the progress reports have their own URL modules.
urlpatterns = [
    path("", include("sectorplan.monitoring.overview_urls")),
    path("rapportages/", include("sectorplan.monitoring.report_urls")),
]

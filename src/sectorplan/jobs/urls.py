from django.urls import path

from . import letters, units, views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/stand/", views.status, name="status"),
    path("<int:pk>/bestand/", views.result_file, name="result-file"),
    path("se-cijfers/", units.units_import, name="units-import"),
    path("beschikkingen/", letters.decision_letters, name="decision-letters"),
]

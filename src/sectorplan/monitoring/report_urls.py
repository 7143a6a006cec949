from django.urls import path

from . import national_views, practice_views, report_exports
from . import report_views as views

# Progress reports under /monitoring/rapportages/ (namespace "monitoring"). A report is named by
# its plan and its evaluation moment (tussenrapportage-1, tussenrapportage-2, eindrapportage).
REPORT = "plan/<int:plan_pk>/<slug:moment>"

urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("rapportages.<str:fmt>", report_exports.list_export, name="report-list-export"),
    path("te-laat/", views.late_list, name="report-late"),
    path("te-laat.<str:fmt>", views.late_export, name="report-late-export"),
    path(f"{REPORT}/", views.report_detail, name="report-detail"),
    path(
        f"{REPORT}/resultaten.<str:fmt>",
        report_exports.results_export,
        name="report-detail-export",
    ),
    path(f"{REPORT}/bewerken/", views.report_edit, name="report-edit"),
    path(f"{REPORT}/indienen/", views.report_submit, name="report-submit"),
    path(
        f"{REPORT}/goede-voorbeelden/",
        practice_views.report_practices,
        name="report-practices",
    ),
    # The national report to SZW per moment, compiled by Cedris from the progress reports.
    path("landelijk/<slug:moment>/", national_views.national_report, name="national-report"),
    path(
        "landelijk/<slug:moment>/maken/",
        national_views.national_report_generate,
        name="national-report-generate",
    ),
    path(
        "landelijk/<slug:moment>/rapportage.<str:fmt>",
        national_views.national_report_file,
        name="national-report-file",
    ),
]

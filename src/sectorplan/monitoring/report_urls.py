from django.http import HttpResponsePermanentRedirect
from django.urls import path, register_converter

from . import national_views, practice_views, report_exports
from . import report_views as views
from .reports import SLUGS


class MomentCodeConverter:
    """The API's code of a moment (interim_report_1, ...), only those."""

    regex = "|".join(str(kind) for kind in SLUGS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(MomentCodeConverter, "moment_code")


def _to_dutch_moment(request, code, **kwargs):
    """One form of each moment in page addresses: the Dutch one. An address written with the
    API's code (/landelijk/interim_report_1/) is sent on to it, so it never ends in 404."""
    path = request.path.replace(f"/{code}/", f"/{SLUGS[code]}/", 1)
    query = request.META.get("QUERY_STRING")
    return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)


# Progress reports under /monitoring/rapportages/ (namespace "monitoring"). A report is named by
# its plan and its evaluation moment (tussenrapportage-1, tussenrapportage-2, eindrapportage).
REPORT = "plan/<int:plan_pk>/<slug:moment>"

urlpatterns = [
    path("plan/<int:plan_pk>/<moment_code:code>/", _to_dutch_moment, name="report-code"),
    path(
        "plan/<int:plan_pk>/<moment_code:code>/<path:rest>",
        _to_dutch_moment,
        name="report-code-rest",
    ),
    path("landelijk/<moment_code:code>/", _to_dutch_moment, name="national-report-code"),
    path(
        "landelijk/<moment_code:code>/<path:rest>",
        _to_dutch_moment,
        name="national-report-code-rest",
    ),
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
        "landelijk/<slug:moment>/stand/",
        national_views.national_report_status,
        name="national-report-status",
    ),
    path(
        "landelijk/<slug:moment>/rapportage.<str:fmt>",
        national_views.national_report_file,
        name="national-report-file",
    ),
]

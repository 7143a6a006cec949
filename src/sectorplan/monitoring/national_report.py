"""The national report to SZW at one evaluation moment, compiled from the plans' submitted
progress reports: overview, activity map, chart and map, per-region summaries, results against
planned and notable practice, each section with the programme office's own text. Output: an
accessible PDF (PDF/UA-1, WeasyPrint, no network fetches) and an XLSX annex, made in the
background (a task run by a worker process) while the page shows its progress."""

import io
import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font

from sectorplan.audit.services import record
from sectorplan.exports import neutralise
from sectorplan.jobs.models import JobKind
from sectorplan.jobs.services import JobFailed, Outcome, complete, start_job
from sectorplan.registry import clock
from sectorplan.registry.models import MilestoneKind

from . import measures
from . import report_selectors as selectors
from .charts import activity_chart
from .models import NationalReport, ProgressReport, ReportState
from .regionmap import has_boundaries, region_map_svg
from .reports import SLUGS
from .selectors import activity_overview
from .summary import introduction, summary

SECTIONS = [
    ("overview", gettext_lazy("Overzicht")),
    ("activities", gettext_lazy("Activiteiten per thema")),
    ("map", gettext_lazy("Kaart: voortgang per regio")),
    ("regions", gettext_lazy("Per regio")),
    ("results", gettext_lazy("Resultaten naast de planning")),
    ("practice", gettext_lazy("Opvallende goede voorbeelden")),
]
SECTION_CODES = [code for code, _label in SECTIONS]
logger = logging.getLogger(__name__)


def compile_data(report: NationalReport) -> dict:
    """Everything the PDF and the annex show, read once."""
    scheme, kind = report.scheme, report.kind
    overview = activity_overview(scheme)
    # The map of this moment's reports, not today's progress: an interim report keeps its map.
    progress_map = measures.progress_map(overview, kind)
    counted = [plan.pk for region in overview.counts.regions for plan in region.plans]
    reports = list(
        ProgressReport.objects.filter(plan_id__in=counted, kind=kind, state=ReportState.SUBMITTED)
        .select_related("plan__region")
        .prefetch_related("activities__activity__activity_type", "goals__goal", "good_practices")
        .order_by("plan__region__code", "plan__title")
    )
    by_plan = {r.plan_id: r for r in reports}
    regions = []
    for region in overview.counts.regions:
        if not region.counted:
            continue
        own = [by_plan[plan.pk] for plan in region.plans if plan.pk in by_plan]
        counts = {status: 0 for status in ("not_started", "running", "done", "dropped")}
        for item in own:
            for progress in item.activities.all():
                counts[progress.status] += 1
        regions.append(
            {
                "code": region.code,
                "name": region.name,
                "plans": len(region.plans),
                "submitted": len(own),
                "counts": counts,
                "went_well": [r.went_well for r in own if r.went_well],
                "went_badly": [r.went_badly for r in own if r.went_badly],
                "answers": [(item["question"], item["answer"]) for r in own for item in r.answers],
            }
        )
    results = [
        {"report": item, "row": row}
        for item in reports
        for row in selectors.goal_rows(item.plan, item)
    ]
    return {
        "scheme": scheme,
        "kind_label": MilestoneKind(kind).label,
        "overview": overview,
        "introduction": introduction(overview),
        "summary": summary(overview),
        "types": overview.counts.types,
        "chart": mark_safe(activity_chart(overview, "nr-chart")),  # svg.py escapes its texts
        "progress_map": progress_map,
        "map_svg": mark_safe(region_map_svg(scheme.region_set.slug, progress_map, "nr-map")),
        "has_boundaries": has_boundaries(scheme.region_set.slug),
        "regions": regions,
        "reports": reports,
        "results": results,
        "practices": [r for r in reports if r.good_practice or r.good_practices.all()],
        # Links in the PDF must be absolute: the reader opens them outside the site.
        "practices_url": settings.SITE_URL.rstrip("/") + reverse("meetings:good-practices"),
        "expected": len(counted),
        "sections": [(code, label, (report.texts or {}).get(code, "")) for code, label in SECTIONS],
        "is_demo": overview.is_demo,
    }


def render_html(data: dict) -> str:
    with translation.override("nl"):
        return render_to_string("monitoring/reports/national_pdf.html", data)


def render_pdf(data: dict) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class RefuseAllFetches(URLFetcher):
        # Self-contained (inline CSS and SVG): the server fetches nothing from the network.
        def __init__(self):
            super().__init__(fail_on_errors=True)

        def fetch(self, url, headers=None):
            raise PermissionError(f"De rapportage laadt geen externe bronnen: {url}")

    return HTML(string=render_html(data), url_fetcher=RefuseAllFetches()).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def _sheet(workbook, title, headers, rows, first=False):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(value) for value in row])


def render_xlsx(data: dict) -> bytes:
    with translation.override("nl"):
        workbook = Workbook()
        _sheet(
            workbook,
            _("Activiteitstypen"),
            [_("Thema"), _("Activiteitstype"), _("Aantal regio's"), _("Aandeel"), _("Plannen")],
            [[t.type.theme_number, t.type.label, t.count, t.share, t.plans] for t in data["types"]],
            first=True,
        )
        statuses = ("not_started", "running", "done", "dropped")
        _sheet(
            workbook,
            _("Regio's"),
            [_("Code"), _("Regio"), _("Plannen"), _("Ingediend"), _("Niet gestart"), _("Loopt")]
            + [_("Afgerond"), _("Gestopt")],
            [
                [r["code"], r["name"], r["plans"], r["submitted"]]
                + [r["counts"][s] for s in statuses]
                for r in data["regions"]
            ],
        )
        _sheet(
            workbook,
            _("Resultaten"),
            [_("Regio"), _("Plan"), _("Doel"), _("Beoogd"), _("Bereikt"), _("Eenheid")],
            [
                [
                    item["report"].plan.region.code,
                    item["report"].plan.title,
                    item["row"].subject.description,
                    item["row"].planned_quantity,
                    item["row"].achieved_quantity,
                    item["row"].unit,
                ]
                for item in data["results"]
            ],
        )
        _sheet(
            workbook,
            _("Activiteiten"),
            [_("Regio"), _("Plan"), _("Activiteit"), _("Status"), _("Bereikt"), _("Toelichting")],
            [
                [
                    r.plan.region.code,
                    r.plan.title,
                    p.activity.description,
                    p.get_status_display(),
                    p.achieved_quantity,
                    p.explanation,
                ]
                for r in data["reports"]
                for p in r.activities.all()
            ],
        )
        if any(r.answers for r in data["reports"]):
            # The questions the scheme asks at this moment, answered per plan (issue 18).
            _sheet(
                workbook,
                _("Vragen van de regeling"),
                [_("Regio"), _("Plan"), _("Vraag"), _("Antwoord")],
                [
                    [r.plan.region.code, r.plan.title, item["question"], item["answer"]]
                    for r in data["reports"]
                    for item in r.answers
                ],
            )
        _sheet(
            workbook,
            _("Kaart"),
            [_("Code"), _("Regio"), data["progress_map"].value_title, _("Klasse")],
            [
                [v.code, v.name, v.value, data["progress_map"].class_of(v).label]
                for v in data["progress_map"].values
            ],
        )
        _sheet(
            workbook,
            _("Goede voorbeelden"),
            [_("Regio"), _("Plan"), _("Goed voorbeeld"), _("Gekoppeld"), _("Link")],
            [
                [
                    r.plan.region.code,
                    r.plan.title,
                    r.good_practice,
                    "; ".join(p.title for p in r.good_practices.all()),
                    " ".join(
                        f"{data['practices_url']}#goed-voorbeeld-{p.pk}"
                        for p in r.good_practices.all()
                    ),
                ]
                for r in data["practices"]
            ],
        )
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


def make_files(report: NationalReport, progress=lambda percent: None) -> tuple[bytes, bytes]:
    """The PDF and the XLSX annex, reporting how far it is (0..100) as it goes."""
    data = compile_data(report)
    progress(40)
    xlsx = render_xlsx(data)
    progress(60)
    pdf = render_pdf(data)
    progress(95)
    return pdf, xlsx


def _store(report: NationalReport, pdf: bytes, xlsx: bytes) -> None:
    NationalReport.objects.filter(pk=report.pk).update(
        pdf=pdf, xlsx=xlsx, generated_at=clock.now(), updated_at=clock.now()
    )


def generate(pk: int) -> None:
    """Makes and stores the files at once, in this process (tests, the console)."""
    report = NationalReport.objects.select_related("scheme").get(pk=pk)
    _store(report, *make_files(report))


def run_national_report(job, progress) -> None:
    """The handler of a NATIONAL_REPORT job (jobs.tasks.run_job, on a worker): the job carries
    the state, progress and message the pages show; the files go on the report."""
    report = NationalReport.objects.select_related("scheme").get(pk=job.params["report"])
    try:
        pdf, xlsx = make_files(report, progress)
    except Exception as error:  # shown on the page; the office can try again
        logger.exception("national report %s failed", report.pk)
        raise JobFailed(
            gettext_noop(
                "Het maken van de rapportage mislukte: %(error)s. Probeer het opnieuw; lukt het "
                "dan nog niet, meld het aan de beheerder met het nummer van deze taak."
            ),
            {"error": str(error)[:500]},
        ) from error
    with transaction.atomic():
        _store(report, pdf, xlsx)
        complete(
            job,
            Outcome(
                gettext_noop("De PDF en de XLSX-bijlage zijn gemaakt."),
                result_url=page_url(report),
            ),
        )


def page_url(report: NationalReport) -> str:
    return (
        reverse("monitoring:national-report", args=[SLUGS[MilestoneKind(report.kind)]])
        + f"?regeling={report.scheme.slug}"
    )


def start(report: NationalReport, *, user) -> NationalReport:
    """Starts a job that makes the files (queued with this transaction; a worker runs it). While
    one is queued or running, starting again changes nothing."""
    with transaction.atomic():
        locked = NationalReport.objects.select_for_update().get(pk=report.pk)
        if locked.busy:
            return locked
        locked.job = start_job(
            JobKind.NATIONAL_REPORT,
            user=user,
            params={"report": locked.pk, "scheme": report.scheme.slug, "moment": locked.kind},
        )
        locked.save(update_fields=["job", "updated_at"])
        record(
            action="national_report.generation_started",
            obj=locked,
            actor=user,
            scope=f"national-report:{locked.pk}",
            after={"job": locked.job.pk},
        )
    return locked


@transaction.atomic
def save_texts(report: NationalReport, *, user, texts: dict) -> NationalReport:
    locked = NationalReport.objects.select_for_update().get(pk=report.pk)
    before = dict(locked.texts or {})
    after = {code: (texts.get(code) or "").strip() for code in SECTION_CODES}
    locked.texts = after
    locked.save(update_fields=["texts", "updated_at"])
    record(
        action="national_report.texts_saved",
        obj=locked,
        actor=user,
        before=before,
        after=after,
        scope=f"national-report:{locked.pk}",
    )
    return locked

"""A progress report's "good practice" and the good practices of the meetings app: the company
links existing ones in its draft, Cedris links at any time and shares a submitted report's text
as a new one; the report page and the national report list them with links."""

import io

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from sectorplan.audit.models import AuditEvent
from sectorplan.meetings.models import GoodPractice
from sectorplan.monitoring import national_report as national
from sectorplan.monitoring import practice_services as services
from sectorplan.monitoring.models import NationalReport, ReportState
from sectorplan.registry.models import ActivityType

from .factories import GoodPracticeFactory, ProgressReportFactory
from .test_reports_support import INTERIM_1, URLS, plain_http, reporting_plan  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]

TEXT = "De werkgeverstafel: elke maand werkgevers en SW-bedrijf samen."


@pytest.fixture
def draft(accounts):
    plan = reporting_plan(title="Plan Leiden")
    return ProgressReportFactory(
        plan=plan, state=ReportState.DRAFT, submitted_at=None, good_practice=TEXT
    )


@pytest.fixture
def submitted(accounts):
    plan = reporting_plan(title="Plan met ingediende rapportage")
    return ProgressReportFactory(plan=plan, statuses=["done", "running"], good_practice=TEXT)


@pytest.fixture
def practice(accounts):
    return GoodPracticeFactory(title="Jobcoach-pool", activity_types=[ActivityType.objects.first()])


def _practices_url() -> str:
    return reverse("meetings:good-practices")


def test_the_company_links_a_practice_in_its_draft_and_it_is_audited(draft, practice, accounts):
    services.link_good_practices(draft, user=accounts["bedrijf-dzb-leiden"], practices=[practice])
    assert list(draft.good_practices.all()) == [practice]
    event = AuditEvent.objects.get(action="progress_report.practices_linked")
    assert event.before == {"good_practices": []}
    assert event.after == {"good_practices": [practice.pk]}
    assert event.scope == f"plan:{draft.plan_id}"
    services.link_good_practices(draft, user=accounts["bedrijf-dzb-leiden"], practices=[])
    assert draft.good_practices.count() == 0


def test_only_cedris_links_once_submitted_and_others_never(submitted, practice, accounts):
    for username in ("bedrijf-dzb-leiden", "bedrijf-soweco", "gemeente-leiden", "szw", "vng"):
        with pytest.raises(PermissionDenied):
            services.link_good_practices(submitted, user=accounts[username], practices=[practice])
    services.link_good_practices(submitted, user=accounts["cedris"], practices=[practice])
    assert list(submitted.good_practices.all()) == [practice]


def test_a_practice_of_another_scheme_is_refused(draft, practice, accounts):
    other = practice.scheme
    other.pk, other.slug = None, "sw2099"
    other.save()
    practice.scheme = other
    practice.save()
    with pytest.raises(ValidationError):
        services.link_good_practices(draft, user=accounts["cedris"], practices=[practice])
    assert draft.good_practices.count() == 0


def test_cedris_shares_the_text_as_a_good_practice(submitted, accounts):
    shared = services.share_as_good_practice(
        submitted, user=accounts["cedris"], title="Werkgeverstafel Leiden"
    )
    assert shared.description == TEXT and shared.title == "Werkgeverstafel Leiden"
    assert shared.plan == submitted.plan and shared.region.code == "AM19"
    plan_types = {a.activity_type_id for a in submitted.plan.activities.all()}
    assert {t.pk for t in shared.activity_types.all()} == plan_types
    assert list(submitted.good_practices.all()) == [shared]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"good_practice.created", "progress_report.practice_shared"} <= actions


def test_sharing_is_refused_for_others_a_draft_an_empty_text_or_no_title(
    submitted, draft, accounts
):
    with pytest.raises(PermissionDenied):
        services.share_as_good_practice(submitted, user=accounts["bedrijf-dzb-leiden"], title="X")
    with pytest.raises(ValidationError):
        services.share_as_good_practice(draft, user=accounts["cedris"], title="X")
    with pytest.raises(ValidationError):
        services.share_as_good_practice(submitted, user=accounts["cedris"], title="  ")
    submitted.good_practice = ""
    submitted.save()
    with pytest.raises(ValidationError):
        services.share_as_good_practice(submitted, user=accounts["cedris"], title="X")
    assert GoodPractice.objects.count() == 0


def _detail(report) -> str:
    return reverse("monitoring:report-detail", args=[report.plan_id, "tussenrapportage-1"])


def _post(report) -> str:
    return reverse("monitoring:report-practices", args=[report.plan_id, "tussenrapportage-1"])


def test_the_pages_link_and_share_and_show_the_links(client, draft, submitted, practice, accounts):
    client.force_login(accounts["bedrijf-dzb-leiden"])
    html = client.get(_detail(draft)).content.decode()
    assert f'name="practices" id="practice-{practice.pk}"' in html
    client.post(_post(draft), {"action": "link", "practices": [str(practice.pk)]})
    html = client.get(_detail(draft)).content.decode()
    assert f'href="{_practices_url()}#goed-voorbeeld-{practice.pk}">Jobcoach-pool</a>' in html
    # A submitted report offers the company nothing to change.
    html = client.get(_detail(submitted)).content.decode()
    assert 'name="practices"' not in html and 'value="share"' not in html

    client.force_login(accounts["cedris"])
    assert 'value="share"' in client.get(_detail(submitted)).content.decode()
    response = client.post(_post(submitted), {"action": "share", "title": "Werkgeverstafel"})
    assert response.status_code == 302
    shared = GoodPractice.objects.get(title="Werkgeverstafel")
    assert list(submitted.good_practices.all()) == [shared]
    listing = client.get(_practices_url()).content.decode()
    assert f'id="goed-voorbeeld-{shared.pk}"' in listing


def test_the_national_report_lists_the_practices_with_links(submitted, practice, scheme, accounts):
    services.link_good_practices(submitted, user=accounts["cedris"], practices=[practice])
    report = NationalReport.objects.create(scheme=scheme, kind=INTERIM_1)
    national.generate(report.pk)
    report.refresh_from_db()
    pages = PdfReader(io.BytesIO(report.pdf)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Opvallende goede voorbeelden" in text and "Jobcoach-pool" in text and TEXT in text
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    link = settings.SITE_URL.rstrip("/") + f"{_practices_url()}#goed-voorbeeld-{practice.pk}"
    assert link in uris

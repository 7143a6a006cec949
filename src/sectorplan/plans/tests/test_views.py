import datetime
import io
import zipfile

import pytest
from django.urls import reverse

from sectorplan.audit.models import AuditEvent
from sectorplan.plans.models import Attachment, BudgetLine, Plan
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.documents import PDF as VALID_PDF
from sectorplan.registry.models import ActivityType, Region, SwCompany

from .factories import PlanFactory, complete_plan


@pytest.fixture
def company(client, accounts):
    client.force_login(accounts["bedrijf-dzb-leiden"])
    return client


def test_a_company_writes_and_submits_a_plan_in_the_browser(company, accounts, demo_date):
    response = company.post(
        reverse("plans:create"),
        {
            "region": Region.objects.get(code="AM19").pk,
            "title": "Samen sterker",
            "summary": "Wij helpen mensen aan werk.",
            "kind": "new",
            "municipality_contact_name": "A. Wethouder",
            "municipality_contact_email": "a@leiden.example",
        },
    )
    plan = Plan.objects.get(title="Samen sterker")
    assert response.url == reverse("plans:detail", args=[plan.pk])
    add = lambda part, data: company.post(reverse("plans:part-add", args=[plan.pk, part]), data)  # noqa: E731
    assert (
        add(
            "deelnemers",
            {
                "sw_company": SwCompany.objects.get(name="DZB Leiden").pk,
                "contact_name": "J. Jansen",
            },
        ).status_code
        == 302
    )
    assert (
        add(
            "doelen",
            {"description": "Plaatsingen", "planned_quantity": "40", "unit": "mensen geplaatst"},
        ).status_code
        == 302
    )
    assert (
        add(
            "activiteiten",
            {
                "activity_type": ActivityType.objects.get(code="jobcoaches").pk,
                "description": "Opleiding",
                "planned_start": "2015-10-01",
                "planned_end": "2016-06-30",
            },
        ).status_code
        == 302
    )
    assert (
        add(
            "begroting",
            {
                "cost_category": "training",
                "description": "Opleiding jobcoaches",
                "national_contribution_cents": "125.000,50",
                "cofinancing_cents": "125.000,50",
            },
        ).status_code
        == 302
    )
    assert BudgetLine.objects.get(plan=plan).national_contribution_cents == 12_500_050
    detail = company.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "€ 125.000,50" in detail and "Scholing van medewerkers tot jobcoach" in detail
    response = company.post(reverse("plans:transition", args=[plan.pk, "submit_to_municipality"]))
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED_TO_MUNICIPALITY
    assert AuditEvent.objects.filter(scope=f"plan:{plan.pk}").count() >= 6
    history = company.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "bedrijf-dzb-leiden" in history


def test_form_errors_name_the_field_and_keep_the_input(company):
    plan = PlanFactory()
    response = company.post(
        reverse("plans:part-add", args=[plan.pk, "begroting"]),
        {
            "cost_category": "staff",
            "description": "Coaches",
            "national_contribution_cents": "1.5",
            "cofinancing_cents": "10",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is iets niet goed ingevuld" in html and "Gevraagde rijksbijdrage" in html
    assert 'value="Coaches"' in html
    assert not BudgetLine.objects.exists()


def test_rule_2_message_in_the_form(company):
    plan = PlanFactory()
    response = company.post(
        reverse("plans:part-add", args=[plan.pk, "begroting"]),
        {
            "cost_category": "staff",
            "description": "Te veel",
            "national_contribution_cents": "99.000.000,00",
            "cofinancing_cents": "0",
        },
    )
    html = response.content.decode()
    # The refusal says what is still free, not only how much too much was asked.
    assert "rijksbijdrage vrij" in html and "vraag ten hoogste" in html
    assert not BudgetLine.objects.exists()


def test_a_second_editor_gets_a_conflict_and_loses_nothing(client, accounts):
    plan = PlanFactory(title="Oud")
    first, second = accounts["bedrijf-dzb-leiden"], accounts["bedrijf-maregroep-voorhout"]
    client.force_login(first)
    data = {
        "title": "Eerste",
        "summary": "",
        "kind": "new",
        "municipality_contact_name": "",
        "municipality_contact_email": "",
        "version": "1",
    }
    assert client.post(reverse("plans:edit", args=[plan.pk]), data).status_code == 302
    client.force_login(second)
    response = client.post(reverse("plans:edit", args=[plan.pk]), {**data, "title": "Tweede"})
    html = response.content.decode()
    assert response.status_code == 200 and "intussen gewijzigd" in html
    assert 'value="Tweede"' in html and 'name="version" value="2"' in html
    assert Plan.objects.get(pk=plan.pk).title == "Eerste"
    assert (
        client.post(
            reverse("plans:edit", args=[plan.pk]), {**data, "title": "Tweede", "version": "2"}
        ).status_code
        == 302
    )
    assert Plan.objects.get(pk=plan.pk).title == "Tweede"


def test_other_regions_drafts_stay_private(client, accounts):
    plan = PlanFactory()
    client.force_login(accounts["bedrijf-soweco"])
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    assert plan.title not in client.get(reverse("plans:list")).content.decode()
    assert client.post(reverse("plans:part-add", args=[plan.pk, "doelen"]), {}).status_code == 404


def test_the_municipality_commits_cofinancing(client, accounts):
    plan = complete_plan()
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.SUBMITTED_TO_MUNICIPALITY)
    client.force_login(accounts["gemeente-leiden"])
    assert client.get(reverse("plans:edit", args=[plan.pk])).status_code == 403
    client.post(
        reverse("plans:part-add", args=[plan.pk, "cofinanciering"]),
        {
            "funder_kind": "municipality",
            "funder_name": "Gemeente Leiden",
            "amount_cents": "100.000",
        },
    )
    client.post(reverse("plans:transition", args=[plan.pk, "confirm_cofinancing"]))
    assert Plan.objects.get(pk=plan.pk).state == PlanState.COFINANCING_COMMITTED


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, accepted",
    [
        ("plan.pdf", VALID_PDF, True),
        ("plan.docx", docx_bytes(), True),
        ("plan.pdf", b"MZ\x90\x00 not a pdf", False),
        ("plan.docx", b"PK\x03\x04broken zip", False),
    ],
)
def test_attachments_are_checked_by_content(company, settings, tmp_path, name, content, accepted):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = PlanFactory()
    response = company.post(
        reverse("plans:attachment-add", args=[plan.pk]),
        {"file": SimpleUploadedFile(name, content, "application/pdf")},
    )
    assert Attachment.objects.exists() == accepted
    if accepted:
        attachment = Attachment.objects.get()
        download = company.get(reverse("plans:attachment", args=[plan.pk, attachment.pk]))
        assert b"".join(download.streaming_content) == content
    else:
        assert "Alleen PDF, DOCX, XLSX en ODT" in response.content.decode()


def test_attachments_are_not_reachable_for_others(client, accounts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sectorplan.plans.attachments import add_attachment

    plan = PlanFactory()
    attachment = add_attachment(
        plan, SimpleUploadedFile("a.pdf", VALID_PDF), user=accounts["bedrijf-dzb-leiden"]
    )
    url = reverse("plans:attachment", args=[plan.pk, attachment.pk])
    assert client.get(url).status_code == 302  # to log-in
    client.force_login(accounts["bedrijf-soweco"])
    assert client.get(url).status_code == 404
    assert not str(attachment.file.path).startswith(str(settings.STATIC_ROOT))


def test_demo_date_is_unused_outside_demo_mode():
    from sectorplan.registry import clock

    assert clock.today() >= datetime.date(2026, 1, 1)

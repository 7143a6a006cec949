"""Between submissions (issue 17, item 7): after a change request the region edits its plan, and
until it resubmits, assessors and ministries see the last submitted version in the API and on
the pages, not the draft; the region and the programme office see the draft."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.assessment.models import PlanVersion
from sectorplan.assessment.snapshot import build_snapshot
from sectorplan.plans import services
from sectorplan.plans.attachments import add_attachment
from sectorplan.plans.models import Goal, Plan
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.documents import pdf_bytes
from sectorplan.plans.tests.factories import complete_plan

OUTSIDERS = ("vng", "sociale-partners", "szw", "bzk")
INSIDERS = ("bedrijf-dzb-leiden", "gemeente-leiden", "cedris")


@pytest.fixture
def reworked(accounts, settings, tmp_path):
    """Submitted as 'Ingediend plan' with one attachment; after the change request the company
    renamed it, added a goal and an attachment and raised a budget line."""
    settings.MEDIA_ROOT = tmp_path
    company = accounts["bedrijf-dzb-leiden"]
    plan = complete_plan(title="Ingediend plan")
    old = add_attachment(plan, SimpleUploadedFile("oud.pdf", pdf_bytes("oud")), user=company)
    PlanVersion.objects.create(
        plan=plan, number=1, snapshot=build_snapshot(plan), submitted_by=company
    )
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.CHANGES_REQUESTED)
    plan.refresh_from_db()
    # Through the services, as the company edits: each edit leaves its audit event, which the
    # timeline must keep from outsiders.
    plan = services.update_plan(
        plan, user=company, version=plan.version, title="Nieuwe concepttitel"
    )
    new_goal = services.add_part(
        plan, Goal, user=company, description="Nieuw conceptdoel", planned_quantity=5, unit="mensen"
    )
    line = plan.budget_lines.get()
    plan.budget_lines.filter(pk=line.pk).update(national_contribution_cents=123_456_00)
    new = add_attachment(plan, SimpleUploadedFile("nieuw.pdf", pdf_bytes("nieuw")), user=company)
    return {"plan": plan, "old": old, "new": new, "goal": new_goal, "line": line}


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("username", OUTSIDERS)
def test_outsiders_read_the_submitted_version_in_the_api(accounts, reworked, username):
    plan = reworked["plan"]
    api = _api(accounts[username])
    body = api.get(f"/api/v1/plans/{plan.pk}/").json()
    assert body["title"] == "Ingediend plan"
    assert body["national_contribution"] == "100000.00"
    listed = api.get("/api/v1/plans/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["title"] for r in rows if r["id"] == plan.pk] == ["Ingediend plan"]
    goals = api.get(f"/api/v1/plans/{plan.pk}/goals/").json()
    assert "Nieuw conceptdoel" not in str(goals) and len(goals) == 1
    assert api.get(f"/api/v1/plans/{plan.pk}/goals/{reworked['goal'].pk}/").status_code == 404
    line = api.get(f"/api/v1/plans/{plan.pk}/budget-lines/{reworked['line'].pk}/").json()
    assert line["national_contribution"] == "100000.00"


@pytest.mark.parametrize("username", INSIDERS)
def test_the_region_and_the_office_read_the_draft_in_the_api(accounts, reworked, username):
    plan = reworked["plan"]
    api = _api(accounts[username])
    assert api.get(f"/api/v1/plans/{plan.pk}/").json()["title"] == "Nieuwe concepttitel"
    goals = api.get(f"/api/v1/plans/{plan.pk}/goals/").json()
    assert "Nieuw conceptdoel" in str(goals)


@pytest.mark.parametrize("username", OUTSIDERS)
def test_outsiders_see_the_submitted_version_on_the_page(client, accounts, reworked, username):
    plan = reworked["plan"]
    client.force_login(accounts[username])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Ingediend plan" in page and "U ziet versie 1" in page
    assert "Nieuwe concepttitel" not in page and "Nieuw conceptdoel" not in page
    assert "oud.pdf" in page and "nieuw.pdf" not in page
    assert "123.456" not in page
    new = reverse("plans:attachment", args=[plan.pk, reworked["new"].pk])
    old = reverse("plans:attachment", args=[plan.pk, reworked["old"].pk])
    assert client.get(new).status_code == 404
    assert client.get(old).status_code == 200


@pytest.mark.parametrize("username", OUTSIDERS + INSIDERS)
def test_the_plan_list_and_its_export_show_the_title_each_may_see(
    client, accounts, reworked, username
):
    client.force_login(accounts[username])
    seen, hidden = ("Ingediend plan", "Nieuwe concepttitel")[:: 1 if username in OUTSIDERS else -1]
    page = client.get(reverse("plans:list")).content.decode()
    export = client.get(reverse("plans:list-export", args=["csv"])).content.decode()
    for shown in (page, export):
        assert seen in shown and hidden not in shown


@pytest.mark.parametrize("username", OUTSIDERS + INSIDERS)
def test_review_and_timeline_tell_outsiders_nothing_of_the_draft(
    client, accounts, reworked, username
):
    """The review page, the timeline (page, export, API) name the submitted title; the edits
    since the change request (the rename, the new goal and attachment) are the region's."""
    plan = reworked["plan"]
    client.force_login(accounts[username])
    shown = [
        client.get(reverse("assessment:review", args=[plan.pk])),
        client.get(reverse("assessment:timeline", args=[plan.pk])),
        client.get(reverse("assessment:timeline-export", args=[plan.pk, "csv"])),
        _api(accounts[username]).get(f"/api/v1/plans/{plan.pk}/timeline/"),
    ]
    assert [r.status_code for r in shown] == [200] * 4
    texts = [r.content.decode() for r in shown]
    if username in OUTSIDERS:
        assert "Ingediend plan" in texts[0] and "Ingediend plan" in texts[1]
        assert not any("Nieuw conceptdoel" in t or "nieuw.pdf" in t for t in texts[1:])
        assert not any("Nieuwe concepttitel" in t for t in texts)
        assert all("oud.pdf" in t for t in texts[1:])  # what came before the submission
    else:
        assert "Nieuwe concepttitel" in texts[0] and "Nieuwe concepttitel" in texts[1]
        assert all("nieuw.pdf" in t for t in texts[1:])


@pytest.mark.parametrize("username", INSIDERS)
def test_the_region_and_the_office_see_the_draft_on_the_page(client, accounts, reworked, username):
    plan = reworked["plan"]
    client.force_login(accounts[username])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Nieuwe concepttitel" in page and "Nieuw conceptdoel" in page
    assert "U ziet versie" not in page
    new = reverse("plans:attachment", args=[plan.pk, reworked["new"].pk])
    assert client.get(new).status_code == 200


def test_once_resubmitted_everyone_sees_the_plan_as_it_is(client, accounts, reworked):
    plan = reworked["plan"]
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.RESUBMITTED)
    client.force_login(accounts["vng"])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Nieuwe concepttitel" in page and "U ziet versie" not in page

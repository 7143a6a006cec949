"""What an independent probe found (issue 17), each closed with a test that failed before the fix:
a company deleting committed co-financing, malformed input answering 500, non-ASCII digits in
API money, an open redirect on the demo clock, an unlimited password reset, and an HTML-escaped
plain-text mail subject. Uploads and the frozen version have their own files
(test_probe_uploads.py, test_probe_frozen_version.py)."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.plans.models import BudgetLine, Commitment, CommitmentStatus, Plan
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import CommitmentFactory, PlanFactory, complete_plan


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _committed(plan, accounts) -> Commitment:
    return CommitmentFactory(
        plan=plan,
        status=CommitmentStatus.COMMITTED,
        committed_by=accounts["gemeente-leiden"],
        committed_at=datetime.datetime(2015, 9, 1, tzinfo=datetime.UTC),
    )


# 2. A committed amount is changed or removed only by the municipality.


def test_the_company_cannot_delete_a_committed_amount_through_the_api(accounts):
    plan = complete_plan(state=PlanState.CHANGES_REQUESTED)
    commitment = _committed(plan, accounts)
    response = _api(accounts["bedrijf-dzb-leiden"]).delete(
        f"/api/v1/plans/{plan.pk}/commitments/{commitment.pk}/?version=1"
    )
    assert response.status_code == 403
    assert "toegezegd bedrag" in str(response.json())
    assert Commitment.objects.filter(pk=commitment.pk).exists()


def test_the_company_cannot_delete_a_committed_amount_in_the_browser(client, accounts):
    plan = complete_plan(state=PlanState.CHANGES_REQUESTED)
    commitment = _committed(plan, accounts)
    client.force_login(accounts["bedrijf-dzb-leiden"])
    url = reverse("plans:part-delete", args=[plan.pk, "cofinanciering", commitment.pk])
    response = client.post(url, {"version": "1"}, follow=True)
    assert "Een toegezegd bedrag verwijdert alleen de gemeente." in response.content.decode()
    assert Commitment.objects.filter(pk=commitment.pk).exists()


def test_the_municipality_may_remove_its_commitment(accounts):
    plan = complete_plan(state=PlanState.CHANGES_REQUESTED)
    commitment = _committed(plan, accounts)
    response = _api(accounts["gemeente-leiden"]).delete(
        f"/api/v1/plans/{plan.pk}/commitments/{commitment.pk}/?version=1"
    )
    assert response.status_code == 204
    assert not Commitment.objects.filter(pk=commitment.pk).exists()


# 3. Malformed input: 400 with a Dutch message, nothing changed.


@pytest.mark.parametrize("version", ["abc", "1.5", "", "99999999999999999999999"])
def test_a_non_integer_version_on_an_api_delete_is_a_400(accounts, version):
    plan = PlanFactory()
    line = BudgetLine.objects.create(
        plan=plan, cost_category="staff", description="x", national_contribution_cents=100,
        cofinancing_cents=0,
    )
    response = _api(accounts["bedrijf-dzb-leiden"]).delete(
        f"/api/v1/plans/{plan.pk}/budget-lines/{line.pk}/?version={version}"
    )
    assert response.status_code == 400
    assert "versie" in str(response.json())
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_a_non_integer_version_on_a_web_delete_is_a_400(client, accounts):
    plan = PlanFactory()
    line = BudgetLine.objects.create(
        plan=plan, cost_category="staff", description="x", national_contribution_cents=100,
        cofinancing_cents=0,
    )
    client.force_login(accounts["bedrijf-dzb-leiden"])
    url = reverse("plans:part-delete", args=[plan.pk, "begroting", line.pk])
    response = client.post(url, {"version": "abc"})
    assert response.status_code == 400
    assert "versie" in response.content.decode()
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_a_non_integer_version_on_a_web_commit_is_a_400(client, accounts):
    plan = complete_plan(state=PlanState.SUBMITTED_TO_MUNICIPALITY)
    commitment = CommitmentFactory(plan=plan)
    client.force_login(accounts["gemeente-leiden"])
    url = reverse("plans:commitment-commit", args=[plan.pk, commitment.pk])
    response = client.post(url, {"version": "abc"})
    assert response.status_code == 400
    assert "versie" in response.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).status == CommitmentStatus.PENDING


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [100, 5000, 200_000])
def test_json_nested_deep_is_a_400_in_the_api(accounts, depth):
    plan = PlanFactory(title="Oud")
    response = _api(accounts["bedrijf-dzb-leiden"]).patch(
        f"/api/v1/plans/{plan.pk}/",
        '{"title": ' + _deep(depth) + ', "version": 1}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "te diep" in str(response.json())
    assert Plan.objects.get(pk=plan.pk).title == "Oud"


def test_json_nested_deep_is_a_400_on_the_anonymous_rsvp_endpoint(accounts):
    from sectorplan.meetings.models import Invitation, Meeting, Response
    from sectorplan.meetings.selectors import hash_token
    from sectorplan.registry.models import Scheme

    meeting = Meeting.objects.create(
        scheme=Scheme.objects.get(slug="sw2015"),
        title="Kennisdag",
        date=datetime.date(2099, 1, 1),
        place="Utrecht",
        created_by=accounts["cedris"],
    )
    invitation = Invitation.objects.create(
        meeting=meeting, name="Piet", email="piet@example.org", token_hash=hash_token("t" * 43)
    )
    response = APIClient().post(
        f"/api/v1/rsvp/{'t' * 43}/",
        '{"response": ' + _deep(5000) + "}",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "te diep" in str(response.json())
    assert Invitation.objects.get(pk=invitation.pk).response == Response.PENDING


def test_an_se_import_of_only_zeros_fails_with_a_clear_message(
    client, accounts, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sectorplan.allocation.models import AllocationRun
    from sectorplan.jobs.models import Job, JobState
    from sectorplan.registry.models import Region

    settings.MEDIA_ROOT = tmp_path
    client.force_login(accounts["cedris"])
    lines = ["code;se"] + [f"{r.code};0" for r in Region.objects.order_by("code")]
    upload = SimpleUploadedFile("se.csv", "\n".join(lines).encode(), content_type="text/csv")
    runs = AllocationRun.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("jobs:units-import"),
            {"file": upload, "source": "CBS", "scheme": "sw2015"},
        )
    job = Job.objects.get()
    assert job.state == JobState.FAILED
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Alle SE-cijfers zijn 0" in page
    assert "onverwacht" not in page
    assert AllocationRun.objects.count() == runs
    assert Region.objects.exclude(standard_units=0).exists()


# 4. API money: ASCII digits only, as in the web form.


@pytest.mark.parametrize("amount", ["١٢٣.٤٥", "１２３.００", "12\u0663", "৫.00", "1\n"])
def test_api_money_takes_ascii_digits_only(accounts, amount):
    plan = PlanFactory()
    response = _api(accounts["bedrijf-dzb-leiden"]).post(
        f"/api/v1/plans/{plan.pk}/budget-lines/",
        {
            "cost_category": "staff",
            "description": "x",
            "national_contribution": amount,
            "cofinancing": "0",
        },
        format="json",
    )
    assert response.status_code == 400
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize("quantity", ["١٢٣", "１２３.００", "12\u0663", "৫"])
def test_api_quantities_take_ascii_digits_only(accounts, quantity):
    """The same rule for every number a person types: a goal's planned quantity here, the
    achieved quantities of a progress report by the same field (api.serializers)."""
    plan = PlanFactory()
    client = _api(accounts["bedrijf-dzb-leiden"])
    url = f"/api/v1/plans/{plan.pk}/goals/"
    body = {"description": "Mensen aan werk", "unit": "mensen"}
    response = client.post(url, body | {"planned_quantity": quantity}, format="json")
    assert response.status_code == 400 and "planned_quantity" in response.json()
    assert not plan.goals.exists()
    assert client.post(url, body | {"planned_quantity": "123"}, format="json").status_code == 201


# 5. The demo clock form's `next` is checked as the log-in checks it.


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]
)
def test_the_demo_clock_does_not_redirect_elsewhere(client, accounts, demo_date, target):
    client.force_login(accounts["cedris"])
    response = client.post(
        reverse("plans:demo-clock"), {"today": "2015-07-01", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:dashboard")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_the_log_in_does_not_redirect_elsewhere(client, accounts, target):
    from sectorplan.demo.accounts import DEMO_PASSWORD

    response = client.post(
        reverse("login"), {"username": "cedris", "password": DEMO_PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_the_demo_clock_returns_to_a_page_of_its_own(client, accounts, demo_date):
    client.force_login(accounts["cedris"])
    response = client.post(
        reverse("plans:demo-clock"), {"today": "2015-07-01", "next": "/plannen/"}
    )
    assert response["Location"] == "/plannen/"


# 6. Password reset: limited per address and per client.


@pytest.fixture
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_password_reset_is_limited_per_address(client, accounts, clean_cache):
    url = reverse("password_reset")
    answers = [
        client.post(url, {"email": "cedris@demo.invalid"}, REMOTE_ADDR=f"10.0.0.{n}")
        for n in range(10)
    ]
    assert len(mail.outbox) == 3
    assert answers[2].status_code == 302 and answers[3].status_code == 429
    assert "Er zijn voor dit adres al" in answers[9].content.decode()


def test_password_reset_is_limited_per_client(client, accounts, clean_cache):
    url = reverse("password_reset")
    answers = [client.post(url, {"email": f"iemand{n}@example.org"}) for n in range(12)]
    assert [a.status_code for a in answers].count(302) == 10
    assert answers[-1].status_code == 429
    assert "Er zijn vanaf uw adres al" in answers[-1].content.decode()


def test_password_reset_still_works(client, accounts, clean_cache):
    page = client.get(reverse("password_reset")).content.decode()
    assert "Stuur de link" in page and "Django" not in page  # the site's page, not the admin's
    response = client.post(reverse("password_reset"), {"email": "cedris@demo.invalid"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["cedris@demo.invalid"]


# 8. Plain-text mail is not escaped as HTML.


def test_the_invitation_subject_is_not_html_escaped(accounts):
    from sectorplan.meetings.models import Invitation, Meeting
    from sectorplan.meetings.notifications import invitation_mail
    from sectorplan.registry.models import Scheme

    meeting = Meeting.objects.create(
        scheme=Scheme.objects.get(slug="sw2015"),
        title="Kennisdag <img src=x> & 'meer'",
        date=datetime.date(2099, 1, 1),
        place="Utrecht",
        created_by=accounts["cedris"],
    )
    invitation = Invitation.objects.create(meeting=meeting, name="Piet", email="p@example.org")
    subject, body, _sender, _to = invitation_mail(invitation, "t" * 43)
    assert subject.startswith("Uitnodiging: Kennisdag <img src=x> & 'meer' op ")
    assert "&lt;" not in subject and "&amp;" not in subject and "&#x27;" not in subject
    assert "&lt;" not in body


def test_the_change_notice_subject_is_not_html_escaped(accounts):
    from sectorplan.meetings.models import Invitation, Meeting
    from sectorplan.meetings.notifications import change_mails
    from sectorplan.registry.models import Scheme

    meeting = Meeting.objects.create(
        scheme=Scheme.objects.get(slug="sw2015"),
        title="A & B <c>",
        date=datetime.date(2099, 1, 2),
        place="Utrecht",
        created_by=accounts["cedris"],
    )
    Invitation.objects.create(
        meeting=meeting, name="Piet", email="p@example.org", invited_at=datetime.datetime.now(
            datetime.UTC
        )
    )
    (subject, *_rest), = change_mails(meeting, {"date": "2099-01-01", "place": "Utrecht"})
    assert subject == "Gewijzigd: A & B <c>"


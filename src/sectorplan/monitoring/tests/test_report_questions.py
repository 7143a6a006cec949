"""A scheme asks questions of its own at a progress-report moment (issue 18: "the
progress-report moments and what they ask" are in its definition). The report form asks them,
submitting needs an answer to each, and the report page shows them with their answers."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sectorplan.monitoring import report_services as services
from sectorplan.monitoring.models import ActivityStatus, ProgressReport
from sectorplan.registry.models import Milestone

from .test_reports_support import (
    IN_JANUARY_2016,
    INTERIM_1,
    URLS,
    activity_input,
    plain_http,  # noqa: F401  (autouse fixture)
    reporting_plan,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]
COMPANY = "bedrijf-dzb-leiden"
MOMENT = "tussenrapportage-1"
QUESTIONS = ["Hoeveel mensen werken via het ontwikkelbedrijf?", "Welke werkgevers doen mee?"]


@pytest.fixture
def plan(accounts, demo_date, scheme):
    demo_date(IN_JANUARY_2016)
    Milestone.objects.filter(scheme=scheme, kind=INTERIM_1).update(questions=QUESTIONS)
    return reporting_plan()


def test_the_form_asks_the_moments_questions_and_submitting_needs_every_answer(
    plan, accounts, client
):
    client.force_login(accounts[COMPANY])
    url = reverse("monitoring:report-edit", args=[plan.pk, MOMENT])
    html = client.get(url).content.decode()
    assert "Vragen van dit evaluatiemoment" in html
    assert all(question in html for question in QUESTIONS)
    assert 'id="id_vraag-1-answer"' in html

    done = [ActivityStatus.RUNNING] * plan.activities.count()
    parts = {
        f"activiteit-{pk}-{name}": value
        for pk, values in activity_input(plan, *done).items()
        for name, value in values.items()
        if value is not None
    }
    html = client.post(
        url, {**parts, "vraag-0-answer": "Twintig mensen.", "indienen": "1"}
    ).content.decode()
    assert '<a href="#id_vraag-1-answer">Beantwoord de vraag “Welke werkgevers doen mee?”' in html
    report = ProgressReport.objects.get(plan=plan, kind=INTERIM_1)
    assert not report.is_submitted
    assert report.answers == [
        {"question": QUESTIONS[0], "answer": "Twintig mensen."},
        {"question": QUESTIONS[1], "answer": ""},
    ]

    client.post(
        url,
        {
            **parts,
            "vraag-0-answer": "Twintig mensen.",
            "vraag-1-answer": "Drie bouwbedrijven.",
            "version": report.version,
            "indienen": "1",
        },
    )
    report.refresh_from_db()
    assert report.is_submitted
    page = client.get(reverse("monitoring:report-detail", args=[plan.pk, MOMENT]))
    assert (
        "<dt>Welke werkgevers doen mee?</dt><dd>Drie bouwbedrijven.</dd>" in page.content.decode()
    )


def test_answers_are_kept_with_their_question_and_must_match_the_moment(plan, accounts):
    with pytest.raises(ValidationError):
        services.save_report(plan, INTERIM_1, user=accounts[COMPANY], answers=["Alleen één."])
    report = services.save_report(plan, INTERIM_1, user=accounts[COMPANY], answers=["a", "b"])
    assert [item["question"] for item in report.answers] == QUESTIONS


def test_a_moment_without_questions_asks_nothing_more(accounts, client, demo_date, scheme):
    demo_date(IN_JANUARY_2016)
    plan = reporting_plan()
    client.force_login(accounts[COMPANY])
    html = client.get(reverse("monitoring:report-edit", args=[plan.pk, MOMENT])).content.decode()
    assert "Vragen van dit evaluatiemoment" not in html


def test_the_api_gives_the_questions_and_takes_their_answers(plan, accounts):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(accounts[COMPANY])
    created = api.post(
        reverse("api:progress-report-list", args=[plan.pk]),
        {"moment": INTERIM_1, "answers": [{"answer": "Twintig."}, {"answer": "Drie."}]},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["answers"] == [
        {"question": QUESTIONS[0], "answer": "Twintig."},
        {"question": QUESTIONS[1], "answer": "Drie."},
    ]
    body = created.json()
    one_short = api.patch(
        reverse("api:progress-report-detail", args=[body["id"]]),
        {"version": body["version"], "answers": [{"answer": "Alleen één."}]},
        format="json",
    )
    assert one_short.status_code == 400
    assert "Geef bij elke vraag van dit evaluatiemoment een antwoord." in one_short.content.decode()


def test_the_national_report_gives_the_answers_per_plan(plan, accounts):
    from io import BytesIO

    from openpyxl import load_workbook

    from sectorplan.monitoring.models import NationalReport
    from sectorplan.monitoring.national_report import compile_data, render_html, render_xlsx

    done = [ActivityStatus.RUNNING] * plan.activities.count()
    services.save_report(
        plan,
        INTERIM_1,
        user=accounts[COMPANY],
        activities=activity_input(plan, *done),
        answers=["Twintig mensen.", "Drie bouwbedrijven."],
    )
    services.submit_report(plan, INTERIM_1, user=accounts[COMPANY])
    data = compile_data(NationalReport(scheme=plan.scheme, kind=INTERIM_1))
    assert "<strong>Welke werkgevers doen mee?</strong> Drie bouwbedrijven." in render_html(data)
    sheet = load_workbook(BytesIO(render_xlsx(data)))["Vragen van de regeling"]
    assert [cell for cell in list(sheet.values)[1]][2:] == [QUESTIONS[0], "Twintig mensen."]

"""The assessment pages as each party uses them, through the web client."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from sectorplan.assessment.models import Advice, GrantDecision, NationalPlan, ReviewAnswer
from sectorplan.plans import workflow
from sectorplan.plans.models import BudgetLine
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import complete_plan

from .journey import ASSESSOR, COMPANY, MUNICIPALITY, OFFICE, SZW, walk_to


def as_user(client, accounts, username):
    client.force_login(accounts[username])
    return client


def test_cedris_answers_the_framework_questions(client, accounts, demo_date):
    plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    web = as_user(client, accounts, OFFICE)
    page = web.get(reverse("assessment:review", args=[plan.pk])).content.decode()
    questions = list(plan.scheme.review_questions.all())
    assert escape(questions[0].text) in page and "Antwoorden opslaan" in page
    data = {f"verdict_{q.pk}": "yes" for q in questions}
    data[f"verdict_{questions[1].pk}"] = "partly"
    response = web.post(reverse("assessment:answer", args=[plan.pk]), data, follow=True)
    assert "Licht" in response.content.decode() and "niets opgeslagen" in response.content.decode()
    assert not ReviewAnswer.objects.exists()
    data[f"comment_{questions[1].pk}"] = "Eén bedrijf ontbreekt nog."
    web.post(reverse("assessment:answer", args=[plan.pk]), data)
    assert ReviewAnswer.objects.filter(version__plan=plan).count() == len(questions)
    assert ReviewAnswer.objects.get(question=questions[1]).verdict == "partly"


def test_an_assessor_gives_advice_and_sees_it(client, accounts, demo_date):
    plan = walk_to(PlanState.SUBMITTED_TO_CEDRIS, accounts, demo_date)
    web = as_user(client, accounts, ASSESSOR)
    url = reverse("assessment:advise", args=[plan.pk])
    web.post(url, {"recommendation": "conditional", "comments": "Meer aandacht voor beschut werk."})
    advice = Advice.objects.get(version__plan=plan)
    assert advice.recommendation == "conditional" and advice.organisation.name == "VNG (demo)"
    page = web.get(reverse("assessment:review", args=[plan.pk])).content.decode()
    assert "Meer aandacht voor beschut werk." in page and "Positief onder voorwaarden" in page


def test_change_request_shows_on_the_plan_and_versions_compare(client, accounts, demo_date):
    plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    office = as_user(client, accounts, OFFICE)
    office.post(
        reverse("plans:transition", args=[plan.pk, "request_changes"]),
        {"points": "Maak de doelen meetbaar\n\nNoem de partners", "reason": ""},
    )
    plan.refresh_from_db()
    assert plan.state == PlanState.CHANGES_REQUESTED
    company = as_user(client, accounts, COMPANY)
    page = company.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Maak de doelen meetbaar" in page and "Noem de partners" in page
    BudgetLine.objects.filter(plan=plan).update(description="Drie jobcoaches")
    # Resubmitting asks first (what will happen); confirmed=1 is the confirmation page's button.
    company.post(reverse("plans:transition", args=[plan.pk, "resubmit"]), {"confirmed": "1"})
    plan.refresh_from_db()
    assert plan.state == PlanState.RESUBMITTED
    page = company.get(reverse("assessment:versions", args=[plan.pk])).content.decode()
    assert "Drie jobcoaches" in page and "Versie 2" in page


def test_national_plan_to_szw_and_a_bulk_decision(client, accounts, demo_date):
    first = walk_to(PlanState.ADVISED, accounts, demo_date)
    second = walk_to(PlanState.ADVISED, accounts, demo_date)
    office = as_user(client, accounts, OFFICE)
    response = office.post(
        reverse("assessment:national-plans"),
        {
            "title": "Landelijk sectorplan 2015",
            "cover_text": "Samen.",
            "plans": [first.pk, second.pk],
        },
    )
    national = NationalPlan.objects.get()
    assert response.url == reverse("assessment:national-plan", args=[national.pk])
    office.post(reverse("assessment:national-plan-submit", args=[national.pk]))
    national.refresh_from_db()
    assert national.submitted_at is not None
    szw = as_user(client, accounts, SZW)
    page = szw.get(reverse("assessment:national-plan", args=[national.pk])).content.decode()
    assert "Besluit vastleggen" in page
    decision = {"plans": [first.pk, second.pk], "decision": "approve", "reason": "Voldoet."}
    url = reverse("assessment:national-plan", args=[national.pk])
    # Irreversible: first a page that says what will be decided; nothing is decided yet.
    asked = szw.post(url, decision).content.decode()
    assert "Bevestigen: 2 deelplannen goedkeuren" in asked and "€ 200.000,00" in asked
    assert 'name="confirmed" value="1"' in asked
    assert not GrantDecision.objects.exists()
    szw.post(url, {**decision, "confirmed": "1"})
    assert GrantDecision.objects.filter(approved=True).count() == 2


def test_the_decision_letter_is_a_pdf(client, accounts, demo_date):
    pytest.importorskip("weasyprint")
    plan = walk_to(PlanState.APPROVED, accounts, demo_date)
    response = as_user(client, accounts, MUNICIPALITY).get(
        reverse("assessment:decision-pdf", args=[plan.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_timeline_lists_every_step_and_exports(client, accounts, demo_date):
    plan = walk_to(PlanState.ADVISED, accounts, demo_date)
    web = as_user(client, accounts, COMPANY)
    page = web.get(reverse("assessment:timeline", args=[plan.pk])).content.decode()
    # Each event as a sentence (issue 14.8), not its code or a dictionary.
    for sentence in ("Stap ‘Indienen bij de centrumgemeente’", "Stap ‘Inhoudelijke toets starten’",
                     "beantwoord met ‘Ja’"):
        assert sentence in page
    assert "plan.start_review" not in page and "{&#x27;" not in page
    csv = web.get(reverse("assessment:timeline-export", args=[plan.pk, "csv"])).content.decode()
    assert csv.splitlines()[0] == "occurred_at,actor,action,object,before,after,reason,description"
    assert "plan.mark_advised" in csv and "cedris" in csv


def test_overview_shows_every_region_who_is_waited_for_and_what_is_late(
    client, accounts, demo_date
):
    plan = walk_to(PlanState.SUBMITTED_TO_MUNICIPALITY, accounts, demo_date)
    region = plan.region.code
    demo_date(datetime.date(2015, 9, 2))
    office = as_user(client, accounts, OFFICE)
    page = office.get(reverse("assessment:overview")).content.decode()
    assert page.count('<th scope="row">') == 35
    # One row per region with counts; each count opens the filtered list of plans.
    waiting = f"regio={region}&amp;wacht_op=municipality&amp;sorteer=uiterste_datum"
    assert waiting in page and "Centrumgemeente: 1" in page
    late = office.get(reverse("assessment:overview") + "?filter=te-laat").content.decode()
    assert "1 plan te laat" in late and f"regio={region}&amp;te_laat=ja" in late
    listed = office.get(reverse("plans:list") + f"?regio={region}&te_laat=ja").content.decode()
    assert plan.title in listed
    demo_date(datetime.date(2015, 8, 1))
    on_time = office.get(reverse("assessment:overview") + "?filter=te-laat").content.decode()
    assert f"regio={region}&amp;te_laat=ja" not in on_time
    assert plan.title not in office.get(
        reverse("plans:list") + f"?regio={region}&te_laat=ja"
    ).content.decode()
    csv = office.get(reverse("assessment:overview-export", args=["csv"])).content.decode()
    assert csv.splitlines()[0].startswith("region,name,plans,late,waiting_for,concept,")
    assert len(csv.splitlines()) == 36


def test_the_next_party_gets_an_email_and_a_task(
    client, accounts, demo_date, django_capture_on_commit_callbacks
):
    plan = complete_plan()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.take(plan, "submit_to_municipality", user=accounts[COMPANY])
    assert [m.to for m in mail.outbox] == [["gemeente-leiden@demo.invalid"]]
    message = mail.outbox[0]
    assert "Cofinanciering toezeggen" in message.subject and f"/plannen/{plan.pk}/" in message.body
    page = as_user(client, accounts, MUNICIPALITY).get("/").content.decode()
    assert "Wat op mij wacht" in page and plan.title in page
    assert plan.title not in as_user(client, accounts, "gemeente-arnhem").get("/").content.decode()


def test_a_refused_step_sends_no_email(accounts, demo_date, django_capture_on_commit_callbacks):
    plan = complete_plan()
    mail.outbox.clear()
    demo_date(datetime.date(2015, 7, 2))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(workflow.TransitionRefused):
            workflow.take(plan, "submit_to_municipality", user=accounts[COMPANY])
    assert callbacks == []
    assert mail.outbox == []


def test_a_change_request_mail_lists_the_points(
    accounts, demo_date, django_capture_on_commit_callbacks
):
    plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.take(plan, "request_changes", user=accounts[OFFICE], points=["Doelen meetbaar"])
    assert [m.to for m in mail.outbox] == [["bedrijf-dzb-leiden@demo.invalid"]]
    assert "- Doelen meetbaar" in mail.outbox[0].body

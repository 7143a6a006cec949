"""Issue 14, item 5 on the review page: Cedris's answers carry over to a resubmitted version,
marked with the version they were given for, and count until Cedris changes them; what
finishing needs is labelled required, and a refused finish links each gap to its field."""

import re

from django.urls import reverse
from django.utils.html import escape

from sectorplan.assessment import services
from sectorplan.assessment.models import ReviewAnswer, ReviewQuestion
from sectorplan.plans import workflow
from sectorplan.plans.models import BudgetLine
from sectorplan.plans.states import PlanState

from .journey import OFFICE, _company, walk_to


def _resubmitted(accounts, demo_date, verdicts):
    """A plan reviewed once (verdict per question, in order), sent back, changed, resubmitted
    and in review again: version 2."""
    plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    questions = list(ReviewQuestion.objects.filter(scheme=plan.scheme))
    services.answer_review(
        plan,
        user=accounts[OFFICE],
        answers={
            q.pk: (verdict, "" if verdict == "yes" else "Nog niet duidelijk.")
            for q, verdict in zip(questions, verdicts(len(questions)), strict=True)
        },
    )
    workflow.take(plan, "request_changes", user=accounts[OFFICE], points="Noem de werkgevers")
    BudgetLine.objects.filter(plan=plan).update(description="Drie jobcoaches")
    workflow.take(plan, "resubmit", user=_company(plan, accounts))
    workflow.take(plan, "start_review", user=accounts[OFFICE])
    plan.refresh_from_db()
    return plan, questions


def _page(client, accounts, plan, query=""):
    client.force_login(accounts[OFFICE])
    return client.get(reverse("assessment:review", args=[plan.pk]) + query).content.decode()


def test_answers_carry_over_marked_and_count_for_finishing(client, accounts, demo_date):
    plan, questions = _resubmitted(accounts, demo_date, lambda n: ["yes"] * n)
    v1, v2 = plan.versions.order_by("number")
    carried = ReviewAnswer.objects.filter(version=v2)
    assert carried.count() == len(questions)
    assert all(a.given_for == v1 and a.verdict == "yes" for a in carried)
    html = _page(client, accounts, plan)
    assert html.count("Beantwoord bij versie 1") == len(questions)
    assert "overgenomen van een eerdere versie" in html
    # Only what changed needs looking at: the page shows the changes from version 1 to 2.
    assert "Wat is er veranderd van versie 1 naar versie 2" in html
    assert "Drie jobcoaches" in html
    # Carried answers count: Cedris can finish without answering again.
    workflow.take(plan, "mark_advised", user=accounts[OFFICE])
    plan.refresh_from_db()
    assert plan.state == PlanState.ADVISED


def test_a_changed_answer_is_given_for_the_new_version(client, accounts, demo_date):
    plan, questions = _resubmitted(accounts, demo_date, lambda n: ["yes"] * n)
    services.answer_review(
        plan, user=accounts[OFFICE], answers={questions[0].pk: ("partly", "Half.")}
    )
    v2 = plan.versions.get(number=2)
    changed = ReviewAnswer.objects.get(version=v2, question=questions[0])
    assert changed.given_for is None and changed.verdict == "partly"
    # Saving the same answer again leaves a carried answer carried.
    services.answer_review(plan, user=accounts[OFFICE], answers={questions[1].pk: ("yes", "")})
    assert ReviewAnswer.objects.get(version=v2, question=questions[1]).given_for is not None
    html = _page(client, accounts, plan)
    assert html.count("Beantwoord bij versie 1") == len(questions) - 1


def test_a_refused_finish_links_each_gap_to_its_field(client, accounts, demo_date):
    # Version 1 had a 'no' on the first question: carried over, it still blocks finishing.
    plan, questions = _resubmitted(accounts, demo_date, lambda n: ["no"] + ["yes"] * (n - 1))
    ReviewAnswer.objects.filter(version__number=2, question=questions[-1]).delete()
    client.force_login(accounts[OFFICE])
    response = client.post(reverse("assessment:step", args=[plan.pk, "mark_advised"]))
    assert response["Location"].endswith("?niet-af=1#afronden")
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_REVIEW
    html = _page(client, accounts, plan, "?niet-af=1")
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    for question in (questions[0], questions[-1]):
        link = f'<a href="#id_verdict_{question.pk}_0">{escape(question.text)}</a>'
        assert link in html
        assert f"id_verdict_{question.pk}_0" in ids
    assert "nog niet beantwoord" in html and "beantwoord met &#x27;nee&#x27;" in html
    assert 'role="alert"' in html


def test_review_questions_are_labelled_required_to_finish(client, accounts, demo_date):
    plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    html = _page(client, accounts, plan)
    legends = re.findall(r"<legend[^>]*>(.*?)</legend>", html, re.S)
    questions = ReviewQuestion.objects.filter(scheme=plan.scheme)
    assert len(legends) == questions.count()
    assert all("verplicht om de toets af te ronden" in legend for legend in legends)
    assert not any("niet verplicht" in legend for legend in legends)
    assert html.count("verplicht bij &#x27;deels&#x27; of &#x27;nee&#x27;") == questions.count()


def test_cedris_does_the_whole_review_on_one_page(client, accounts, demo_date):
    plan = walk_to(PlanState.SUBMITTED_TO_CEDRIS, accounts, demo_date)
    client.force_login(accounts[OFFICE])
    review = reverse("assessment:review", args=[plan.pk])
    client.post(reverse("assessment:step", args=[plan.pk, "start_review"]))
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_REVIEW
    html = client.get(review).content.decode()
    for code in ("request_changes", "mark_advised"):
        assert reverse("assessment:step", args=[plan.pk, code]) in html
    # The plan page no longer offers the review steps: it points to the review page.
    detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "/handeling/request_changes/" not in detail and "/handeling/mark_advised/" not in detail
    assert f'href="{review}#toets"' in detail
    response = client.post(
        reverse("assessment:step", args=[plan.pk, "request_changes"]),
        {"points": "Noem de werkgevers\nMaak de doelen meetbaar"},
    )
    assert response["Location"] == review + "#toets"
    plan.refresh_from_db()
    assert plan.state == PlanState.CHANGES_REQUESTED
    assert plan.versions.get().change_requests.get().points == [
        "Noem de werkgevers",
        "Maak de doelen meetbaar",
    ]
    # Steps that are not part of the review are not taken here.
    assert client.post(reverse("assessment:step", args=[plan.pk, "approve"])).status_code == 404

"""The assessment path driven through /api/v1/ only: review, advice, a change request and a
resubmission, versions compared, the national plan to SZW and SZW's decisions. Refusals carry
the same Dutch messages as the pages and change nothing."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.api.progress import ProgressSerializer
from sectorplan.assessment.models import (
    Advice,
    ChangeRequest,
    GrantDecision,
    NationalPlan,
    PlanVersion,
    ReviewAnswer,
)
from sectorplan.assessment.tests.journey import ASSESSOR, COMPANY, OFFICE, SZW, walk_to
from sectorplan.plans.models import BudgetLine, Plan
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import complete_plan


@pytest.fixture
def api(accounts):
    def login(username):
        client = APIClient()
        client.force_authenticate(accounts[username])
        return client

    return login


def post(client, url, body=None):
    return client.post(url, body or {}, format="json")


def take(client, plan, code, **body):
    return post(client, f"/api/v1/plans/{plan.pk}/transitions/", {"transition": code, **body})


def errors(response) -> str:
    """Every message of a 400 answer, as one text."""
    return " ".join(str(message) for messages in response.json().values() for message in messages)


def state(plan) -> str:
    return Plan.objects.get(pk=plan.pk).state


def test_review_change_request_resubmission_and_advice_through_the_api(api, accounts, demo_date):
    plan = walk_to(PlanState.SUBMITTED_TO_CEDRIS, accounts, demo_date)
    base = f"/api/v1/plans/{plan.pk}"
    office, company, assessor = api(OFFICE), api(COMPANY), api(ASSESSOR)

    available = office.get(f"{base}/transitions/").json()
    assert available == [
        {
            "code": "start_review",
            "label": "Inhoudelijke toets starten",
            "needs_reason": False,
            "needs_points": False,
            "possible": True,
            "refused": "",
            "opens_on": None,
        }
    ]
    assert company.get(f"{base}/transitions/").json() == []
    assert take(office, plan, "start_review").json()["state"] == PlanState.IN_REVIEW

    # The assessor advises while Cedris reviews; empty comments are refused by the service.
    response = post(assessor, f"{base}/advice/", {"recommendation": "positive", "comments": " "})
    assert response.status_code == 400
    assert "Geef uw opmerkingen bij het advies." in errors(response)
    response = post(
        assessor,
        f"{base}/advice/",
        {"recommendation": "conditional", "comments": "Meer aandacht voor beschut werk."},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["organisation"] == "VNG (demo)" and response.json()["version"] == 1
    assert Advice.objects.get(version__plan=plan).recommendation == "conditional"

    review = office.get(f"{base}/review/").json()
    questions = [q["question"] for q in review["questions"]]
    assert questions and all(q["verdict"] is None for q in review["questions"])
    assert review["advice"][0]["comments"] == "Meer aandacht voor beschut werk."
    assert {"office", "assessors"} == {w["party"] for w in review["awaiting"]}
    assert all(w["deadline"] and w["late"] is False for w in review["awaiting"])

    # Answers: refused as a whole with the page's message; only Cedris answers.
    url = f"{base}/review/answers/"
    answers = [{"question": q, "verdict": "yes"} for q in questions]
    answers[1] = {"question": questions[1], "verdict": "partly"}
    response = post(office, url, {"answers": answers})
    assert response.status_code == 400 and "Licht 'deels' toe bij" in errors(response)
    response = post(office, url, {"answers": [{"question": questions[0], "verdict": "misschien"}]})
    assert response.status_code == 400 and "Kies ja, deels of nee bij" in errors(response)
    assert not ReviewAnswer.objects.exists()
    response = post(company, url, {"answers": answers})
    assert response.status_code == 403
    assert response.json()["detail"] == "Alleen Cedris toetst plannen."
    answers[1] = {"question": questions[1], "verdict": "no", "comment": "Doelen niet meetbaar."}
    response = post(office, url, {"answers": answers})
    assert response.status_code == 200 and response.json()["changed"] == len(questions)
    assert response.json()["review"]["questions"][1]["verdict_label"] == "Nee"
    assert post(office, url, {"answers": answers}).json()["changed"] == 0

    response = take(office, plan, "mark_advised")
    assert response.status_code == 400 and "met 'nee' beantwoord" in errors(response)
    response = take(office, plan, "request_changes", points=["", "  "])
    assert response.status_code == 400 and "Noem ten minste één punt" in errors(response)
    assert state(plan) == PlanState.IN_REVIEW
    points = ["Maak de doelen meetbaar", "Noem de partners"]
    response = take(office, plan, "request_changes", points=points)
    assert response.json()["state"] == PlanState.CHANGES_REQUESTED
    assert ChangeRequest.objects.get(version__plan=plan).points == points
    review = company.get(f"{base}/review/").json()
    assert review["change_requests"][0] | {"requested_at": None} == {
        "version": 1,
        "points": points,
        "requested_by": "cedris",
        "requested_at": None,
    }
    assert [w["party"] for w in review["awaiting"]] == ["companies"]

    # The company changes its budget through the API and resubmits: version 2.
    line = BudgetLine.objects.get(plan=plan)
    response = company.patch(
        f"{base}/budget-lines/{line.pk}/",
        {"national_contribution": "90000.00", "version": line.version},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert [t["code"] for t in company.get(f"{base}/transitions/").json()] == ["resubmit"]
    assert take(company, plan, "resubmit").json()["state"] == PlanState.RESUBMITTED

    versions = company.get(f"{base}/versions/").json()
    assert [(v["number"], v["submitted_by"]) for v in versions] == [
        (1, "bedrijf-dzb-leiden"),
        (2, "bedrijf-dzb-leiden"),
    ]
    first = company.get(f"{base}/versions/1/").json()
    assert first["snapshot"]["budget_lines"][0]["national_contribution"] == "100000.00"
    assert first["snapshot"]["money"]["national"] == "100000.00"
    assert company.get(f"{base}/versions/3/").status_code == 404

    diff = company.get(f"{base}/versions/compare/?from=1&to=2").json()
    assert (diff["from_version"], diff["to_version"], diff["has_changes"]) == (1, 2, True)
    lines = next(s for s in diff["sections"] if s["name"] == "budget_lines")
    assert [row["status"] for row in lines["rows"]] == ["changed"]
    change = lines["rows"][0]["changes"][0]
    assert (change["name"], change["old_value"], change["new_value"]) == (
        "national_contribution",
        "100000.00",
        "90000.00",
    )
    assert change["old"] == "€ 100.000,00" and change["new"] == "€ 90.000,00"
    national = next(m for m in diff["money"] if m["name"] == "national")
    assert (national["old"], national["new"], national["difference"]) == (
        "100000.00",
        "90000.00",
        "-10000.00",
    )
    assert company.get(f"{base}/versions/compare/").json() == diff  # the last two by default
    assert company.get(f"{base}/versions/compare/?to=7").status_code == 404
    assert company.get(f"{base}/versions/compare/?from=x").status_code == 400

    # Reviewed again: the answers on version 1 are carried over to version 2, marked with
    # the version they were given for; a changed answer is one for version 2.
    take(office, plan, "start_review")
    review = office.get(f"{base}/review/").json()
    assert all(q["verdict"] is not None for q in review["questions"])
    assert {q["given_for_version"] for q in review["questions"]} == {1}
    post(office, url, {"answers": [{"question": q, "verdict": "yes"} for q in questions]})
    review = office.get(f"{base}/review/").json()
    changed = [q for q in review["questions"] if q["given_for_version"] is None]
    assert changed and all(q["verdict"] == "yes" for q in changed)
    assert take(office, plan, "mark_advised").json()["state"] == PlanState.ADVISED
    assert PlanVersion.objects.filter(plan=plan).count() == 2
    response = post(assessor, f"{base}/advice/", {"recommendation": "positive", "comments": "Ok"})
    assert response.status_code == 403  # advice closes once Cedris has advised


def test_national_plan_and_szw_decisions_through_the_api(api, accounts, demo_date):
    first, second, third = (walk_to(PlanState.ADVISED, accounts, demo_date) for _ in range(3))
    office, szw = api(OFFICE), api(SZW)
    url = "/api/v1/national-plans/"
    body = {"scheme": "sw2015", "title": "Landelijk sectorplan 2015", "cover_text": "Samen."}

    response = post(office, url, body | {"title": " ", "plans": [first.pk]})
    assert response.status_code == 400
    assert "Geef een titel en een begeleidende tekst." in errors(response)
    concept = complete_plan()
    response = post(office, url, body | {"plans": [first.pk, concept.pk]})
    assert response.status_code == 400 and "alleen geadviseerde plannen" in errors(response)
    assert post(szw, url, body).status_code == 403
    assert not NationalPlan.objects.exists()

    response = post(office, url, body | {"plans": [first.pk, second.pk, third.pk]})
    assert response.status_code == 201, response.json()
    national = response.json()
    assert [p["id"] for p in national["plans"]] == [first.pk, second.pk, third.pk]
    assert national["plans"][0]["national_contribution"] == "100000.00"
    assert national["submitted_at"] is None and national["created_by"] == "cedris"
    detail = f"{url}{national['id']}/"
    assert szw.get(detail).status_code == 404 and szw.get(url).json() == []
    response = office.patch(detail, {"title": "Landelijk plan"}, format="json")
    assert response.status_code == 200 and response.json()["title"] == "Landelijk plan"
    assert len(response.json()["plans"]) == 3

    response = post(office, f"{detail}submit/")
    assert response.status_code == 200 and response.json()["submitted_by"] == "cedris"
    assert NationalPlan.objects.get().submitted_at is not None
    response = post(office, f"{detail}submit/")
    assert response.status_code == 400 and "al ingediend bij SZW" in errors(response)
    response = office.patch(detail, {"title": "Anders"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Dit landelijk sectorplan kan niet meer worden gewijzigd."
    assert [n["id"] for n in szw.get(url).json()] == [national["id"]]

    decisions = f"{detail}decisions/"
    assert post(office, decisions, {"plans": [first.pk], "decision": "approve"}).status_code == 403
    response = post(szw, decisions, {"plans": [third.pk], "decision": "reject", "reason": "Nee."})
    assert response.status_code == 200, response.json()
    rejected = response.json()[0]
    assert rejected["state"] == PlanState.REJECTED and rejected["decision"]["granted"] == "0.00"

    # A bulk decision that one plan stops: the message names it and nothing changes.
    response = post(
        szw, decisions, {"plans": [first.pk, third.pk], "decision": "approve", "reason": "Ja."}
    )
    assert response.status_code == 400
    assert str(third) in errors(response) and "Er is niets gewijzigd." in errors(response)
    response = post(szw, decisions, {"plans": [first.pk], "decision": "approve", "reason": " "})
    assert response.status_code == 400
    assert "Geef een toelichting bij 'Goedkeuren'" in errors(response)
    body = {"plans": [first.pk, concept.pk], "decision": "approve", "reason": "Ja."}
    response = post(szw, decisions, body)
    assert response.status_code == 400
    assert f"Plan {concept.pk} hoort niet bij dit landelijk sectorplan." in errors(response)
    assert state(first) == state(second) == PlanState.ADVISED
    assert GrantDecision.objects.count() == 1

    response = post(
        szw, decisions, {"plans": [second.pk, first.pk], "decision": "approve", "reason": "Ja."}
    )
    assert response.status_code == 200, response.json()
    assert [(p["id"], p["state"]) for p in response.json()] == [
        (first.pk, PlanState.APPROVED),
        (second.pk, PlanState.APPROVED),
    ]
    assert GrantDecision.objects.filter(approved=True).count() == 2

    decision = szw.get(f"/api/v1/plans/{first.pk}/review/").json()["decision"]
    assert decision == {
        "reference": f"SW2015-AM19-{first.pk:05d}",
        "approved": True,
        "granted": "100000.00",
        "reason": "Ja.",
        "dated": "2015-07-15",
        "version": 1,
        "national_plan": national["id"],
    }
    events = [e["action"] for e in szw.get(f"/api/v1/plans/{first.pk}/timeline/").json()]
    assert events[0] == "plan.submit_to_municipality"
    assert events[-3:] == ["plan.sent_to_szw", "plan.approve", "plan.decided"]

    overview = szw.get("/api/v1/schemes/sw2015/progress/").json()
    assert overview["scheme"] == "sw2015" and len(overview["regions"]) == 35
    # The view skips running the serializer for speed: what it sends must be what the
    # serializer (and so the schema) says, field for field.
    assert ProgressSerializer(overview).data == overview
    leiden = next(r for r in overview["regions"] if r["code"] == "AM19")
    assert leiden["total"] == Plan.objects.filter(region__code="AM19").count()
    approved = next(s for s in leiden["states"] if s["state"] == "approved")
    assert approved["count"] == 2 and approved["label"] == "Goedgekeurd door SZW"
    # The count links to the list of those very plans, which the same user can page through.
    listed = szw.get(approved["plans"]).json()
    assert listed["count"] == 2 and {p["id"] for p in listed["results"]} == {first.pk, second.pk}
    waiting = next(w for w in leiden["waiting"] if w["party"] == "szw")
    assert waiting["count"] == 2
    assert {p["id"] for p in szw.get(waiting["plans"]).json()["results"]} == {first.pk, second.pk}
    assert szw.get(f"/api/v1/plans/{first.pk}/review/").json()["awaiting"][0]["action"] == (
        "Beschikking verzenden"
    )


def test_versions_of_a_plan_not_yet_with_cedris(api):
    plan = complete_plan()
    client = api(COMPANY)
    assert client.get(f"/api/v1/plans/{plan.pk}/versions/").json() == []
    response = client.get(f"/api/v1/plans/{plan.pk}/versions/compare/")
    assert response.status_code == 404 and "nog geen versies" in response.json()["detail"]
    review = client.get(f"/api/v1/plans/{plan.pk}/review/").json()
    assert review["versions"] == [] and review["decision"] is None
    assert review["awaiting"][0]["action"] == "Plan afmaken en indienen bij de centrumgemeente"


def test_transitions_are_checked_when_taken_not_at_import(api):
    plan = complete_plan()
    response = take(api(COMPANY), plan, "fly_to_the_moon")
    assert response.status_code == 400 and "transition" in response.json()
    # request_changes is registered by the assessment app, so it is a known choice here.
    response = take(api(COMPANY), plan, "request_changes", points=["x"])
    assert response.status_code == 400 and "kan niet" in errors(response)


def test_schema_documents_the_assessment_api(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = schema.json()
    paths = schema["paths"]
    for path, method in [
        ("/api/v1/plans/{plan_pk}/review/", "get"),
        ("/api/v1/plans/{plan_pk}/review/answers/", "post"),
        ("/api/v1/plans/{plan_pk}/advice/", "post"),
        ("/api/v1/plans/{plan_pk}/versions/compare/", "get"),
        ("/api/v1/plans/{plan_pk}/timeline/", "get"),
        ("/api/v1/plans/{id}/transitions/", "get"),
        ("/api/v1/national-plans/{id}/decisions/", "post"),
        ("/api/v1/schemes/{slug}/progress/", "get"),
    ]:
        assert "200" in paths[path][method]["responses"], path
    components = schema["components"]["schemas"]
    for name, field in [("MoneyChange", "difference"), ("Decision", "granted")]:
        assert components[name]["properties"][field]["type"] == "string"
    transition = components["Transition"]["properties"]
    assert transition["points"]["type"] == "array"
    assert "request_changes" in components["TransitionEnum"]["enum"]

"""The same meeting through /api/v1/: create, propose, adjust, send, answer by token, attend;
and the OpenAPI schema documents the bodies."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.audit.models import AuditEvent
from sectorplan.meetings.models import GoodPractice
from sectorplan.plans.tests.documents import PDF as VALID_PDF

from .test_journey import _token_for
from .world import EXPECTED_INVITEES, MEETING_DAY, TOPIC, build_plans

pytestmark = pytest.mark.urls("sectorplan.meetings.tests.urls")


@pytest.fixture
def plans(accounts, demo_date, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_date(datetime.date(2016, 2, 1))
    return build_plans()


def _client(user=None, **kwargs) -> APIClient:
    client = APIClient(**kwargs)
    if user is not None:
        client.force_authenticate(user)
    return client


def test_meeting_through_the_api(accounts, plans, demo_date, django_capture_on_commit_callbacks):
    api = _client(accounts["cedris-medewerker"])
    created = api.post(
        reverse("api:meeting-list"),
        {
            "scheme": "sw2015",
            "title": "Kennisdeling",
            "date": MEETING_DAY.isoformat(),
            "place": "Utrecht",
            "activity_types": TOPIC,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert [t["code"] for t in created.json()["activity_types"]] == TOPIC
    unknown = api.patch(
        reverse("api:meeting-detail", args=[pk]), {"activity_types": ["bestaat-niet"]}
    )
    assert unknown.status_code == 400 and "bestaat-niet" in str(unknown.json())

    proposal = api.post(reverse("api:meeting-propose-invitees", args=[pk])).json()
    assert {i["email"] for i in proposal["added"]} == EXPECTED_INVITEES
    assert [c["name"] for c in proposal["without_email"]] == ["Zonder Adres"]

    bert = next(i for i in proposal["added"] if i["email"] == "bert@maregroep.example")
    removed = api.delete(reverse("api:meeting-invitee", args=[pk, bert["id"]]))
    assert removed.status_code == 204
    duplicate = api.post(
        reverse("api:meeting-invitees", args=[pk]),
        {"name": "Anna", "email": "ANNA@dzb.example"},
        format="json",
    )
    assert duplicate.status_code == 400 and "staat al op de lijst" in str(duplicate.json())
    piet = api.post(
        reverse("api:meeting-invitees", args=[pk]),
        {"name": "Piet", "email": "piet@kennis.example"},
        format="json",
    )
    assert piet.status_code == 201 and piet.json()["source"] == "added"

    with django_capture_on_commit_callbacks(execute=True):
        sent = api.post(reverse("api:meeting-send-invitations", args=[pk]), {}, format="json")
    assert sent.json() == {"sent": 5}
    assert len(mail.outbox) == 5
    again = api.post(reverse("api:meeting-send-invitations", args=[pk]), {}, format="json")
    assert again.status_code == 400  # everyone has had one

    # The answer by token: no log-in, and no CSRF token needed even with checks on.
    token = _token_for("piet@kennis.example")
    anonymous = _client(enforce_csrf_checks=True)
    rsvp = reverse("api:rsvp", args=[token])
    shown = anonymous.get(rsvp).json()
    assert shown["response"] == "pending" and shown["meeting"]["title"] == "Kennisdeling"
    assert "invitations" not in shown["meeting"] and "notes" not in shown["meeting"]
    accepted = anonymous.post(rsvp, {"response": "accepted"}, format="json")
    assert accepted.status_code == 200 and accepted.json()["response_label"] == "Aangemeld"
    declined = anonymous.post(rsvp, {"response": "declined"}, format="json").json()
    assert declined["response"] == "declined"
    assert anonymous.post(rsvp, {"response": "maybe"}, format="json").status_code == 400
    assert anonymous.post(rsvp, {"response": "pending"}, format="json").status_code == 400
    wrong = anonymous.post(reverse("api:rsvp", args=["x" * 43]), {"response": "accepted"})
    assert wrong.status_code == 404

    early = api.post(
        reverse("api:meeting-attendance", args=[pk]), {"attendance": []}, format="json"
    )
    assert early.status_code == 400

    demo_date(MEETING_DAY)  # the day itself: the link still works, attendance may be recorded
    assert anonymous.get(rsvp).status_code == 200
    demo_date(MEETING_DAY + datetime.timedelta(days=1))
    assert anonymous.get(rsvp).status_code == 410
    assert anonymous.post(rsvp, {"response": "accepted"}, format="json").status_code == 410

    detail = api.get(reverse("api:meeting-detail", args=[pk])).json()
    ids = {i["email"]: i["id"] for i in detail["invitations"]}
    recorded = api.post(
        reverse("api:meeting-attendance", args=[pk]),
        {
            "attendance": [
                {"invitation": ids["piet@kennis.example"], "attended": True},
                {"invitation": ids["anna@dzb.example"], "attended": False},
            ],
            "notes": "Verslag volgt.",
        },
        format="json",
    )
    assert recorded.status_code == 200, recorded.json()
    body = recorded.json()
    assert body["changed"] == 2 and body["meeting"]["notes"] == "Verslag volgt."
    marks = {i["email"]: i["attended"] for i in body["meeting"]["invitations"]}
    assert marks["piet@kennis.example"] is True and marks["carla@leiden.example"] is None
    assert AuditEvent.objects.filter(
        scope=f"meeting:{pk}", action="meeting.attendance_recorded"
    ).exists()


def test_contacts_and_good_practices_through_the_api(accounts, plans):
    company = APIClient()
    company.force_login(accounts["bedrijf-soweco"])  # a session: the file link is a web page
    contacts = company.get(reverse("api:contact-list"), {"region": "AM19"}).json()
    assert {c["email"] for c in contacts} == {
        "anna@dzb.example",
        "bert@maregroep.example",
        "carla@leiden.example",
        "eva@leiden.example",
    }
    office = _client(accounts["cedris"])
    pdf = SimpleUploadedFile("voorbeeld.pdf", VALID_PDF, content_type="text/plain")
    created = office.post(
        reverse("api:good-practice-list"),
        {
            "scheme": "sw2015",
            "title": "Intervisie in Leiden",
            "description": "Zo deden wij het.",
            "activity_types": ["kennisdeling"],
            "plan": plans["leiden"].pk,
            "file": pdf,
        },
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["region"] == "AM19"  # taken from the plan
    assert GoodPractice.objects.get().content_type == "application/pdf"
    fake = SimpleUploadedFile("virus.pdf", b"MZ not a pdf")
    refused = office.post(
        reverse("api:good-practice-list"),
        {"scheme": "sw2015", "title": "x", "description": "x", "activity_types": ["kennisdeling"]}
        | {"file": fake},
        format="multipart",
    )
    assert refused.status_code == 400 and "PDF" in str(refused.json())
    listed = company.get(reverse("api:good-practice-list"), {"activity_type": "kennisdeling"})
    assert [p["title"] for p in listed.json()] == ["Intervisie in Leiden"]
    assert company.get(listed.json()[0]["file_url"]).status_code == 200
    assert (
        company.get(reverse("api:good-practice-list"), {"activity_type": "jobcoaches"}).json() == []
    )


def test_schema_with_the_meeting_api_generates_without_warnings(db, tmp_path):
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--urlconf",
        "sectorplan.meetings.tests.api_urls",
        "--file",
        str(tmp_path / "s.yaml"),
    )


@pytest.mark.django_db
def test_schema_documents_the_meeting_bodies(client):
    schema = client.get(
        reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
    ).json()
    paths, components = schema["paths"], schema["components"]["schemas"]

    def request_ref(path, method, media="application/json"):
        return paths[path][method]["requestBody"]["content"][media]["schema"]["$ref"]

    assert request_ref("/api/v1/meetings/", "post").endswith("/MeetingWrite")
    assert request_ref("/api/v1/rsvp/{token}/", "post").endswith("/RsvpAnswer")
    assert request_ref("/api/v1/meetings/{id}/attendance/", "post").endswith("/Attendance")
    assert request_ref("/api/v1/good-practices/", "post", "multipart/form-data").endswith(
        "/GoodPracticeWrite"
    )
    assert components["GoodPracticeWrite"]["properties"]["file"]["format"] == "binary"
    assert set(components["Rsvp"]["properties"]) >= {"response", "open_until", "good_practices"}
    assert components["MeetingDetail"]["properties"]["invitations"]["type"] == "array"
    assert paths["/api/v1/rsvp/{token}/"]["post"].get("security") in (None, [], [{}])
    assert "200" in paths["/api/v1/contacts/"]["get"]["responses"]

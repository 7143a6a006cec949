"""Every meeting, network and good-practice URL (pages and API) for every role. The expected
answers are written out per role, not derived from accounts.policy, so a leak shows up as a
failure. MEETINGS_URL_NAMES is for the project-wide matrix (tests/test_access_matrix.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from sectorplan.api import meetings as api_meetings
from sectorplan.meetings import selectors, services
from sectorplan.meetings.models import Invitation
from sectorplan.plans.tests.documents import PDF as VALID_PDF
from sectorplan.registry.models import ActivityType, Scheme

from .world import MEETING_DAY

pytestmark = pytest.mark.urls("sectorplan.meetings.tests.urls")

ROLES = {
    "anonymous": None,
    "company_a": "bedrijf-dzb-leiden",  # AM19
    "company_b": "bedrijf-soweco",  # AM05
    "municipality": "gemeente-leiden",  # AM19
    "assessor": "vng",
    "office": "cedris",  # administrator
    "office_member": "cedris-medewerker",  # member: writes too
    "ministry": "szw",
}
TOKEN = "toegangstest-" + "k" * 40
WRONG = "x" * 43


def NO_ARGS(w, r):
    return []


def MEETING(w, r):
    return [w["meeting"].pk]


def OWN(w, r):
    return [w["meeting"].pk, w["remove"][r]]


def PRACTICE(w, r):
    return [w["practice"].pk]


# name -> [(method, url arguments(world, role), body, expected status per role)]; the status
# columns follow ROLES: anonymous, company_a, company_b, municipality, assessor, office,
# office_member, ministry.
WEB = {
    "meetings:list": [("get", NO_ARGS, None, "302 403 403 403 403 200 200 403")],
    "meetings:create": [("get", NO_ARGS, None, "302 403 403 403 403 200 200 403")],
    "meetings:detail": [("get", MEETING, None, "302 403 403 403 403 200 200 403")],
    "meetings:edit": [("get", MEETING, None, "302 403 403 403 403 200 200 403")],
    "meetings:propose": [("post", MEETING, {}, "302 403 403 403 403 302 302 403")],
    "meetings:invitee-add": [("get", MEETING, None, "302 403 403 403 403 200 200 403")],
    "meetings:invitee-remove": [("post", OWN, {}, "302 403 403 403 403 302 302 403")],
    "meetings:send": [("post", MEETING, "resend", "302 403 403 403 403 302 302 403")],
    "meetings:send-confirm": [("get", MEETING, None, "302 403 403 403 403 200 200 403")],
    "meetings:attendance": [("get", MEETING, None, "302 403 403 403 403 200 200 403")],
    # The personal link: the token, not a log-in, opens it; a wrong token opens nothing.
    "meetings:rsvp": [
        ("get", lambda w, r: [TOKEN], None, "200 200 200 200 200 200 200 200"),
        ("post", lambda w, r: [TOKEN], {"response": "accepted"}, "302 302 302 302 302 302 302 302"),
        ("get", lambda w, r: [WRONG], None, "404 404 404 404 404 404 404 404"),
    ],
    "meetings:rsvp-practice-file": [
        ("get", lambda w, r: [TOKEN, w["practice"].pk], None, "200 200 200 200 200 200 200 200"),
        ("get", lambda w, r: [WRONG, w["practice"].pk], None, "404 404 404 404 404 404 404 404"),
    ],
    "meetings:directory": [("get", NO_ARGS, None, "302 200 200 200 200 200 200 200")],
    "meetings:directory-export": [
        ("get", lambda w, r: ["csv"], None, "302 403 403 403 403 200 200 403"),
        ("get", lambda w, r: ["xlsx"], None, "302 403 403 403 403 200 200 403"),
    ],
    "meetings:good-practices": [("get", NO_ARGS, None, "302 200 200 200 200 200 200 200")],
    "meetings:good-practice-create": [("get", NO_ARGS, None, "302 403 403 403 403 200 200 403")],
    "meetings:good-practice-edit": [("get", PRACTICE, None, "302 403 403 403 403 200 200 403")],
    "meetings:good-practice-file": [("get", PRACTICE, None, "302 200 200 200 200 200 200 200")],
}
API = {
    "api:meeting-list": [
        ("get", NO_ARGS, None, "403 403 403 403 403 200 200 403"),
        ("post", NO_ARGS, {}, "403 403 403 403 403 400 400 403"),
    ],
    "api:meeting-detail": [
        ("get", MEETING, None, "403 403 403 403 403 200 200 403"),
        ("patch", MEETING, {"place": "Utrecht"}, "403 403 403 403 403 200 200 403"),
    ],
    "api:meeting-propose-invitees": [("post", MEETING, {}, "403 403 403 403 403 200 200 403")],
    "api:meeting-invitees": [("post", MEETING, {}, "403 403 403 403 403 400 400 403")],
    "api:meeting-invitee": [("delete", OWN, None, "403 403 403 403 403 204 204 403")],
    "api:meeting-send-invitations": [
        ("post", MEETING, "resend-api", "403 403 403 403 403 200 200 403")
    ],
    # Before the meeting's day the service refuses attendance: 400 for organisers.
    "api:meeting-attendance": [
        ("post", MEETING, {"attendance": []}, "403 403 403 403 403 400 400 403")
    ],
    "api:rsvp": [
        ("get", lambda w, r: [TOKEN], None, "200 200 200 200 200 200 200 200"),
        ("post", lambda w, r: [TOKEN], {"response": "declined"}, "200 200 200 200 200 200 200 200"),
        ("post", lambda w, r: [WRONG], {"response": "declined"}, "404 404 404 404 404 404 404 404"),
    ],
    "api:contact-list": [("get", NO_ARGS, None, "403 200 200 200 200 200 200 200")],
    "api:good-practice-list": [
        ("get", NO_ARGS, None, "403 200 200 200 200 200 200 200"),
        ("post", NO_ARGS, {}, "403 403 403 403 403 400 400 403"),
    ],
}
MEETINGS_URL_NAMES = set(WEB) | set(API)


@pytest.fixture
def world(accounts, demo_date, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    office = accounts["cedris"]
    sharing = ActivityType.objects.filter(code="kennisdeling")
    meeting = services.create_meeting(
        user=office,
        scheme=Scheme.objects.get(slug="sw2015"),
        title="Toegang",
        date=MEETING_DAY,
        place="Utrecht",
        activity_types=sharing,
    )
    practice = services.create_good_practice(
        user=office,
        scheme=meeting.scheme,
        title="Voorbeeld",
        description="x",
        activity_types=sharing,
        upload=SimpleUploadedFile("v.pdf", VALID_PDF),
    )
    Invitation.objects.create(
        meeting=meeting,
        name="Uitgenodigd",
        email="uitgenodigd@example.org",
        token_hash=selectors.hash_token(TOKEN),
        invited_at=timezone.now(),
    )
    # Per role one invitation to remove and one to send again, so no answer depends on order.
    per_role = {
        purpose: {
            role: Invitation.objects.create(
                meeting=meeting, name=role, email=f"{purpose}-{role}@example.org"
            ).pk
            for role in ROLES
        }
        for purpose in ("remove", "resend")
    }
    return {"meeting": meeting, "practice": practice, **per_role}


def _body(body, w, role):
    if body == "resend":
        return {"invitation": w["resend"][role]}
    if body == "resend-api":
        return {"invitations": [w["resend"][role]]}
    return body


def _check(name, checks, w, accounts, client, *, api: bool):
    wrong = []
    for index, role in enumerate(ROLES):
        user = accounts[ROLES[role]] if ROLES[role] else None
        if api:
            agent = APIClient()
            if user:
                agent.force_authenticate(user)
        else:
            agent = client
            agent.logout()
            if user:
                agent.force_login(user)
        for method, url_args, body, statuses in checks:
            expected = int(statuses.split()[index])
            url = reverse(name, args=url_args(w, role))
            data = _body(body, w, role)
            kwargs = {"format": "json"} if api and data is not None else {}
            args = [url] + ([data] if data is not None else [])
            got = getattr(agent, method)(*args, **kwargs).status_code
            if got != expected:
                wrong.append((url, method, role, expected, got))
    return wrong


def test_every_meetings_url_is_in_the_matrix():
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, inner)
            else:
                yield namespace + (pattern.name or "")

    names = set(walk(get_resolver().url_patterns))
    ours = {n for n in names if n.startswith("meetings:")}
    ours |= {f"api:{p.name}" for p in api_meetings.urlpatterns}
    assert ours == MEETINGS_URL_NAMES
    assert MEETINGS_URL_NAMES <= names


# One world for all URLs of a kind (loading the scheme is the slow part); every write above
# touches only its own role's invitation, so the answers do not depend on the order.
def test_pages_per_role(client, accounts, world):
    wrong = []
    for name, checks in WEB.items():
        wrong += _check(name, checks, world, accounts, client, api=False)
    assert wrong == []


def test_api_per_role(client, accounts, world):
    wrong = []
    for name, checks in API.items():
        wrong += _check(name, checks, world, accounts, client, api=True)
    assert wrong == []

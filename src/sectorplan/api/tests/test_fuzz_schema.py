"""API fuzzing (issue 7 item 7): schemathesis sends generated requests to every operation of
the OpenAPI schema the app itself serves at /api/schema/, as several identities, over the demo
data of 2015. No answer may be a server error, and every answer must be one the schema
documents: its status code, its content type and its body.

The run is bounded (MAX_EXAMPLES per operation, derandomized) so it stays part of the normal
suite on SQLite and PostgreSQL. Path parameters are mostly taken from rows that exist, so the
requests reach the views' real work instead of stopping at a 404."""

import datetime

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sectorplan.accounts import policy
from sectorplan.assessment.models import NationalPlan, PlanVersion
from sectorplan.assessment.tests.journey import walk_to
from sectorplan.demo.plans import load_demo_plans
from sectorplan.demo.reviews import load_demo_reviews
from sectorplan.meetings import services as meeting_services
from sectorplan.meetings.models import Invitation, Meeting
from sectorplan.meetings.selectors import hash_token
from sectorplan.monitoring.models import REPORT_KINDS, ProgressReport
from sectorplan.monitoring.tests.factories import ProgressReportFactory
from sectorplan.payments.models import PaymentBatch
from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import ActivityType

MAX_EXAMPLES = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# The identities the API is fuzzed as: nobody, the programme office, a company, the ministry
# that pays. Each sees different rows and may take different actions.
IDENTITIES = [None, "cedris", "bedrijf-dzb-leiden", "bzk"]
RSVP_TOKEN = "fuzz-" + "t" * 40
CSRF_SECRET = "f" * 32  # a valid CSRF secret: 32 characters from the allowed alphabet
PLAN_PARTS = ("participants", "goals", "activities", "budget-lines", "commitments")


@pytest.fixture
def server():
    """The Django WSGI application, as a server runs it, inside the test's transaction.

    After each request a server closes the database connection (close_old_connections); here
    that would end the test's transaction, so, as Django's own test client does, the receiver is
    disconnected while the fuzzer runs."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(scheme, accounts, demo_date):
    """The demo plans of 2015 plus one plan walked to execution (so there are versions, a
    national plan, a decision, a payment batch and progress reports) and a meeting."""
    executing = walk_to(PlanState.IN_EXECUTION, accounts, demo_date)
    load_demo_plans(scheme)
    load_demo_reviews(scheme)
    ProgressReportFactory(plan=executing, kind=REPORT_KINDS[0])
    demo_date(datetime.date(2016, 1, 10))
    meeting = meeting_services.create_meeting(
        user=accounts["cedris"],
        scheme=scheme,
        title="Kennisdeling jobcoaches",
        date=datetime.date(2016, 3, 10),
        place="Utrecht",
        activity_types=[ActivityType.objects.get(code="jobcoaches")],
    )
    invitation = meeting_services.add_invitee(
        meeting, user=accounts["cedris"], name="Anna de Boer", email="anna@dzb.example"
    )
    # The personal link is only ever mailed; the fuzzer gets one it knows.
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=hash_token(RSVP_TOKEN))
    return {"scheme": scheme, "executing": executing}


def known_parameters(world, user) -> dict[str, list[dict]]:
    """Per path template, sets of path parameters that name existing rows; plans mostly among
    those this identity sees (the rest must answer 404 as documented)."""
    slug = world["scheme"].slug
    visible = policy.visible_plans(user) if user else Plan.objects.all()
    plans = list(visible.order_by("pk").values_list("pk", flat=True))
    others = list(Plan.objects.exclude(pk__in=plans).values_list("pk", flat=True)[:2])
    sample = plans[:: max(1, len(plans) // 12)] + others + [world["executing"].pk]
    known = {
        "/api/v1/plans/{id}/": [{"id": pk} for pk in sample],
        "/api/v1/plans/{id}/transitions/": [{"id": pk} for pk in sample],
        "/api/v1/national-plans/{id}/": [
            {"id": pk} for pk in NationalPlan.objects.values_list("pk", flat=True)
        ],
        "/api/v1/payment-batches/{id}/": [
            {"id": pk} for pk in PaymentBatch.objects.values_list("pk", flat=True)
        ],
        "/api/v1/progress-reports/{id}/": [
            {"id": pk} for pk in ProgressReport.objects.values_list("pk", flat=True)
        ],
        "/api/v1/meetings/{id}/": [
            {"id": pk} for pk in Meeting.objects.values_list("pk", flat=True)
        ],
        "/api/v1/meetings/{id}/invitees/{invitation_pk}/": [
            {"id": meeting, "invitation_pk": pk}
            for pk, meeting in Invitation.objects.values_list("pk", "meeting_id")
        ],
        "/api/v1/rsvp/{token}/": [{"token": RSVP_TOKEN}],
        "/api/v1/schemes/{slug}/": [{"slug": slug}],
        "/api/v1/schemes/{slug}/national-reports/{moment}/": [
            {"slug": slug, "moment": kind} for kind in REPORT_KINDS
        ],
        "/api/v1/schemes/{slug}/national-reports/{moment}/files/{fmt}/": [
            {"slug": slug, "moment": kind, "fmt": fmt}
            for kind in REPORT_KINDS
            for fmt in ("pdf", "xlsx")
        ],
        "/api/v1/plans/{plan_pk}/": [{"plan_pk": pk} for pk in sample],
        "/api/v1/plans/{plan_pk}/versions/{number}/": [
            {"plan_pk": plan, "number": number}
            for plan, number in PlanVersion.objects.values_list("plan_id", "number")[:20]
        ],
    }
    # The parts of the walked plan and of concept plans this identity sees (editable ones).
    editable = [world["executing"]] + list(visible.filter(state=PlanState.CONCEPT)[:3])
    for part in PLAN_PARTS:
        related = part.replace("-", "_")
        known[f"/api/v1/plans/{{plan_pk}}/{part}/{{id}}/"] = [
            {"plan_pk": plan.pk, "id": pk}
            for plan in editable
            for pk in getattr(plan, related).values_list("pk", flat=True)
        ]
    return known


def parameters_for(path: str, known: dict[str, list[dict]]) -> list[dict]:
    """The known parameter sets of the longest template that `path` starts with."""
    for template in sorted(known, key=len, reverse=True):
        if path.startswith(template.rstrip("/")) and known[template]:
            return known[template]
    return []


def login_cookies(username, accounts) -> dict[str, str]:
    cookies = {settings.CSRF_COOKIE_NAME: CSRF_SECRET}
    if username:
        client = Client()
        client.force_login(accounts[username])
        cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def fuzz(operation, known, cookies) -> None:
    """Runs one operation MAX_EXAMPLES times; raises the first failing check."""
    path_sets = parameters_for(operation.path, known)

    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        fixed = None
        # Three in four requests name existing rows; the rest take what the fuzzer makes up.
        if path_sets and data.draw(st.integers(0, 3)) > 0:
            fixed = data.draw(st.sampled_from(path_sets))
        case = data.draw(operation.as_strategy(path_parameters=fixed))
        case.call_and_validate(cookies=cookies, headers={"X-CSRFToken": CSRF_SECRET}, checks=CHECKS)

    run()


@pytest.mark.parametrize("username", IDENTITIES, ids=lambda name: name or "anonymous")
def test_every_operation_answers_as_documented(username, world, accounts, server):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", server)
    known = known_parameters(world, accounts[username] if username else None)
    cookies = login_cookies(username, accounts)
    operations = [result.ok() for result in schema.get_all_operations()]
    # Deleting first would leave the other operations nothing to work on.
    operations.sort(key=lambda op: (op.method.upper() == "DELETE", op.path, op.method))
    assert len(operations) > 70, "the schema lost its operations"
    failures = []
    for operation in operations:
        try:
            fuzz(operation, known, cookies)
        # schemathesis raises its failures as an exception group; every operation is reported.
        except (Exception, BaseExceptionGroup) as error:
            failures.append(f"{operation.method.upper()} {operation.path}:\n{error}")
    assert not failures, f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures)

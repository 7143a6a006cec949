"""Payments through the API: the same batch, reconciliation and redistribution as the pages,
and who may call each endpoint (expected statuses written out)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.allocation.selectors import current_run
from sectorplan.payments.models import PaymentBatch
from sectorplan.payments.tests.factories import granted_plan
from sectorplan.plans.models import Plan

ROLES = {
    "anonymous": None,
    "company": "bedrijf-dzb-leiden",
    "municipality": "gemeente-leiden",
    "assessor": "vng",
    "office": "cedris",
    "szw": "szw",
    "bzk": "bzk",
}
READERS = {"office": 200, "szw": 200, "bzk": 200}
# (name, method) -> status per role; everyone else 403. Posts here are refused by a rule
# (400) or done (200/201) for the role that may.
ENDPOINTS = {
    ("api:payment-batch-list", "get"): READERS,
    ("api:payment-batch-list", "post"): {"office": 400, "szw": 403, "bzk": 403},
    ("api:payment-batch", "get"): READERS,
    ("api:payment-batch-paid", "post"): {"office": 403, "szw": 403, "bzk": 200},
    ("api:payment-batch-cancel", "post"): {"office": 400, "szw": 403, "bzk": 403},
    ("api:leftover", "get"): READERS,
    ("api:leftover", "post"): {"office": 400, "szw": 403, "bzk": 403},
    ("api:allocation-run-compare", "get"): {role: 200 for role in ROLES},
}
API_PAYMENTS_URL_NAMES = {name for name, _ in ENDPOINTS}


def client_for(accounts, role):
    client = APIClient()
    if ROLES[role]:
        client.force_authenticate(accounts[ROLES[role]])
    return client


@pytest.fixture
def batch(scheme, accounts):
    for code in ("AM19", "AM05"):
        reservation = current_run(scheme).reservations.get(region__code=code)
        granted_plan(reservation.region, reservation.amount_cents, user=accounts["szw"])
    return client_for(accounts, "office").post(reverse("api:payment-batch-list", args=["sw2015"]))


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_who_may_call_each_payment_endpoint(endpoint, accounts, batch):
    name, method = endpoint
    created = PaymentBatch.objects.get()
    wrong = []
    for role in ROLES:
        PaymentBatch.objects.filter(pk=created.pk).update(state="draft")
        Plan.objects.update(state="granted")
        args = {
            "api:payment-batch-list": ["sw2015"],
            "api:leftover": ["sw2015"],
            "api:allocation-run-compare": ["sw2015"],
        }.get(name, [created.pk])
        url = reverse(name, args=args) + ("?a=1&b=1" if "compare" in name else "")
        # A paid batch cannot be withdrawn: the office gets the rule's 400, others 403.
        if name == "api:payment-batch-cancel":
            PaymentBatch.objects.filter(pk=created.pk).update(state="paid")
        data = {"reason": ""} if method == "post" else None
        got = getattr(client_for(accounts, role), method)(url, data, format="json")
        expected = ENDPOINTS[endpoint].get(role, 403)
        if got.status_code != expected:
            wrong.append((role, expected, got.status_code))
    assert not wrong, wrong


def test_the_batch_reconciles_and_bzk_pays_it(accounts, batch):
    assert batch.status_code == 201, batch.json()
    body = batch.json()
    assert body["reconciles"] and body["differences"] == []
    assert [line["region"] for line in body["lines"]] == ["AM05", "AM19"]
    assert body["total"] == body["granted"]
    paid = client_for(accounts, "bzk").post(reverse("api:payment-batch-paid", args=[body["id"]]))
    assert paid.status_code == 200 and paid.json()["state"] == "paid"
    assert set(Plan.objects.values_list("state", flat=True)) == {"paid"}
    again = client_for(accounts, "bzk").post(reverse("api:payment-batch-paid", args=[body["id"]]))
    assert again.status_code == 400 and "al betaald" in str(again.json())


def test_leftover_and_redistribution(accounts, batch, scheme):
    left = client_for(accounts, "szw").get(reverse("api:leftover", args=["sw2015"])).json()
    assert left["redistribution_possible"] and left["receivers"] == ["AM05", "AM19"]
    total = sum(int(r["leftover"].replace(".", "")) for r in left["regions"])
    assert left["total_leftover"] == f"{total // 100}.{total % 100:02d}"
    office = client_for(accounts, "office")
    refused = office.post(reverse("api:leftover", args=["sw2015"]), {"reason": " "}, format="json")
    assert refused.status_code == 400 and "reden" in str(refused.json())
    saved = office.post(
        reverse("api:leftover", args=["sw2015"]), {"reason": "Restant"}, format="json"
    )
    assert saved.status_code == 201 and saved.json() == {"allocation_run": 2}
    rows = office.get(reverse("api:allocation-run-compare", args=["sw2015"]) + "?a=1&b=2").json()
    assert len(rows) == 35
    assert sum(int(r["difference"].replace(".", "")) for r in rows) == 0

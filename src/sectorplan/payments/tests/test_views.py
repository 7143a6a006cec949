"""Payment pages as Cedris, BZK and SZW use them, and who may open each one."""

import pytest
from django.urls import reverse

from sectorplan.allocation.selectors import current_run
from sectorplan.payments import services
from sectorplan.payments.models import PaymentBatch
from sectorplan.plans.models import Plan

from .factories import granted_plan

ROLES = {
    "anonymous": None,
    "company": "bedrijf-dzb-leiden",
    "municipality": "gemeente-leiden",
    "assessor": "vng",
    "office": "cedris",
    "szw": "szw",
    "bzk": "bzk",
}
READERS = {"office", "szw", "bzk"}
# name -> (method, expected status per role); the batch is a draft of two granted plans.
PAGES = {
    "payments:batches": ("get", {r: 200 for r in READERS}),
    "payments:batch": ("get", {r: 200 for r in READERS}),
    "payments:batch-export": ("get", {r: 200 for r in READERS}),
    "payments:leftover": ("get", {r: 200 for r in READERS}),
    "payments:leftover-export": ("get", {r: 200 for r in READERS}),
    # Posts answer with a redirect and a message when refused by a rule; 403 by role.
    "payments:batch-paid": ("post", {"office": 403, "szw": 403, "bzk": 302}),
    # The page that asks BZK to confirm first (issue 14, item 6).
    "payments:batch-paid-confirm": ("get", {"office": 403, "szw": 403, "bzk": 200}),
    "payments:batch-cancel": ("post", {"office": 302, "szw": 403, "bzk": 403}),
    "payments:runs": ("get", {r: 200 for r in ROLES}),  # public, like the budget page
}
PAYMENTS_URL_NAMES = set(PAGES)


@pytest.fixture
def batch(scheme, accounts):
    for code in ("AM19", "AM05"):
        run = current_run(scheme).reservations.get(region__code=code)
        granted_plan(run.region, run.amount_cents // 2, user=accounts["szw"])
    return services.prepare_batch(scheme, user=accounts["cedris"])


def _url(name, batch):
    if name in (
        "payments:batch",
        "payments:batch-paid",
        "payments:batch-paid-confirm",
        "payments:batch-cancel",
    ):
        return reverse(name, args=[batch.pk])
    if name == "payments:batch-export":
        return reverse(name, args=[batch.pk, "xlsx"])
    if name == "payments:leftover-export":
        return reverse(name, args=["csv"])
    return reverse(name)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_who_may_open_each_payment_page(name, client, accounts, batch):
    method, allowed = PAGES[name]
    wrong = []
    for role, username in ROLES.items():
        if name in ("payments:batch-paid", "payments:batch-cancel"):
            PaymentBatch.objects.filter(pk=batch.pk).update(state="draft")
            Plan.objects.filter(payment__batch=batch).update(state="granted")
        client.logout()
        if username:
            client.force_login(accounts[username])
        expected = allowed.get(role, 302 if role == "anonymous" else 403)
        got = getattr(client, method)(_url(name, batch)).status_code
        if got != expected:
            wrong.append((role, expected, got))
    assert not wrong, wrong


def test_bzk_pays_the_batch_from_its_page(client, accounts, batch):
    client.force_login(accounts["bzk"])
    page = client.get(reverse("payments:batch", args=[batch.pk])).content.decode()
    assert "De batch sluit aan" in page and "Markeer de hele batch als betaald" in page
    # Marking it paid asks first, saying what will happen; only the confirmation pays.
    confirm = reverse("payments:batch-paid-confirm", args=[batch.pk])
    assert f'action="{confirm}"' in page
    asked = client.get(confirm).content.decode()
    assert "Bevestigen: betaalbatch 1 betaald" in asked and "2 centrumgemeenten" in asked
    assert "kan niet ongedaan worden gemaakt" in asked
    assert "(n)" not in asked and "(nen)" not in asked  # proper singular and plural
    batch.refresh_from_db()
    assert batch.state == "draft"
    client.post(reverse("payments:batch-paid", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == "paid"
    assert set(Plan.objects.values_list("state", flat=True)) == {"paid"}


def test_the_batch_export_has_one_line_per_central_municipality(client, accounts, batch):
    client.force_login(accounts["bzk"])
    csv = client.get(reverse("payments:batch-export", args=[batch.pk, "csv"])).content.decode()
    lines = csv.splitlines()
    assert lines[0] == "region_code,region,municipality,amount,plans,decisions"
    assert [line.split(",")[0] for line in lines[1:]] == ["AM05", "AM19"]
    total = sum(i.amount_cents for i in batch.items.all())
    assert sum(int(line.split(",")[3].replace(".", "")) for line in lines[1:]) == total


def test_the_office_saves_a_redistribution_with_a_reason(client, accounts, batch, scheme):
    client.force_login(accounts["cedris"])
    page = client.get(reverse("payments:leftover")).content.decode()
    assert "geen regio om het restant" in page and "Na herverdeling" not in page
    full = current_run(scheme).reservations.get(region__code="AM01")
    granted_plan(full.region, full.amount_cents, user=accounts["szw"])
    page = client.get(reverse("payments:leftover")).content.decode()
    assert "Na herverdeling" in page
    response = client.post(reverse("payments:leftover"), {"reason": ""}, follow=True)
    assert "Geef een reden" in response.content.decode()
    assert scheme.allocation_runs.count() == 1
    client.post(reverse("payments:leftover"), {"reason": "Restant naar volle regio's"})
    assert scheme.allocation_runs.count() == 2
    page = client.get(reverse("payments:runs") + "?a=1&b=2").content.decode()
    assert "Verdeling 1 en 2 naast elkaar" in page

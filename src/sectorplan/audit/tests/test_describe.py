"""Issue 14.8: every event kind the code records reads as a sentence, in Dutch and English, with
amounts in euros and dates written out: no dictionary, no raw cents, no `commitment.created`."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from sectorplan.audit.describe import describe, describer
from sectorplan.audit.models import AuditEvent
from sectorplan.plans import services
from sectorplan.plans.models import BudgetLine, Commitment
from sectorplan.plans.tests.factories import PlanFactory
from sectorplan.plans.workflow import TRANSITIONS

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r"\"([a-z_]+\.[a-z_]+)\"")


def recorded_kinds() -> set[str]:
    """What `audit.services.record` is called with: the literal kinds in every module that
    records, plus the ones composed at run time (plan.<transition>, <plan part>.<change>)."""
    kinds = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        if "record(" not in text:
            continue
        for call in re.finditer(r"record\(.{0,200}?action=([^\n]*)", text, re.S):
            kinds.update(LITERAL.findall(call.group(1)))
        if "action=action" in text:  # the kind is passed in from a caller in the same module
            kinds.update(k for k in LITERAL.findall(text) if k.startswith("good_practice."))
    kinds.update(f"plan.{code}" for code in TRANSITIONS)
    for model in services.PART_FIELDS:
        kinds.update(
            f"{model._meta.model_name}.{change}" for change in ("created", "changed", "deleted")
        )
    return kinds


def test_the_source_scan_finds_the_kinds():
    kinds = recorded_kinds()
    assert {"plan.created", "payments.batch_paid", "meeting.rsvp", "commitment.created"} <= kinds
    assert len(kinds) > 50


@pytest.mark.parametrize("kind", sorted(recorded_kinds()))
def test_every_recorded_kind_has_its_own_sentence(kind):
    assert describer(kind) is not None, f"no sentence for {kind}"


SAMPLE = {
    "state": "concept",
    "version": 2,
    "amount_cents": 15_000_000,
    "total_cents": 15_000_000,
    "granted_cents": 15_000_000,
    "kind": "interim_report_1",
    "due_on": "2016-01-31",
    "last_day": "2016-01-31",
    "plans": ["AM34 – Plan"],
    "recipients": ["a@example.org"],
    "to": ["a@example.org"],
    "planned_quantity": "8.00",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_sentence_shows_a_dictionary_or_cents(language):
    for kind in sorted(recorded_kinds()):
        event = AuditEvent(action=kind, object_label="Iets", before=SAMPLE, after=SAMPLE)
        event.occurred_at = datetime.datetime(2015, 10, 1, tzinfo=datetime.UTC)
        with translation.override(language):
            text = describe(event)
        assert text and text.endswith("."), (kind, text)
        for machine in ("{", "}", "[", "15000000", "_cents", kind, "8.00"):
            assert machine not in text, (kind, text)


def test_a_commitment_and_a_budget_line_read_as_sentences_in_euros(accounts):
    plan = PlanFactory()
    company = accounts["bedrijf-dzb-leiden"]
    line = services.add_part(
        plan,
        BudgetLine,
        user=company,
        cost_category="staff",
        description="Loonkosten",
        national_contribution_cents=10_000_00,
        cofinancing_cents=10_000_00,
    )
    services.change_part(
        line, user=company, version=line.version, national_contribution_cents=12_000_00
    )
    services.add_part(
        plan,
        Commitment,
        user=company,
        funder_kind="municipality",
        funder_name="Gemeente Leiden",
        amount_cents=150_000_00,
    )
    texts = [describe(e) for e in AuditEvent.objects.filter(scope=f"plan:{plan.pk}")]
    assert any("Gemeente Leiden" in t and "€ 150.000,00" in t for t in texts), texts
    assert any("van € 10.000,00 naar € 12.000,00" in t for t in texts), texts
    with translation.override("en"):
        english = [describe(e) for e in AuditEvent.objects.filter(scope=f"plan:{plan.pk}")]
    assert any("from €10,000.00 to €12,000.00" in t for t in english), english


def test_the_history_and_the_audit_log_show_sentences_and_dutch_dates(client, accounts):
    plan = PlanFactory()
    services.add_part(
        plan,
        Commitment,
        user=accounts["bedrijf-dzb-leiden"],
        funder_kind="municipality",
        funder_name="Gemeente Leiden",
        amount_cents=150_000_00,
    )
    AuditEvent.objects.update(occurred_at=datetime.datetime(2015, 10, 1, 12, tzinfo=datetime.UTC))
    client.force_login(accounts["cedris"])
    for url in (reverse("plans:detail", args=[plan.pk]), reverse("audit:log")):
        page = client.get(url).content.decode()
        assert "commitment.created" not in page and "15000000" not in page, url
        assert "€ 150.000,00" in page, url
        assert "1 oktober 2015" in page and "Okt" not in page, url
    rows = client.get(reverse("audit:export", args=["csv"])).content.decode("utf-8-sig")
    assert "€ 150.000,00" in rows and "{'" not in rows

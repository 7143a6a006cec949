"""English pages beyond the start and budget pages, and English refusals (README, Translations).

The refusals of the workflow, the rules and the services are written in Python; these tests make
sure a user who chose English gets them in English, with amounts and dates in English notation,
through the API as on the pages, while Dutch stays the default. The pages are opened in English
and must show no Dutch interface text (test_translations.assert_no_dutch_interface_text) and
English notation for money.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from sectorplan.assessment.models import GrantDecision
from sectorplan.assessment.tests.journey import OFFICE, walk_to
from sectorplan.payments import services as payments
from sectorplan.payments.tests.factories import granted_plan
from sectorplan.plans import workflow
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import complete_plan
from sectorplan.registry.models import Region

from .test_translations import LANGUAGE_COOKIE, assert_no_dutch_interface_text, english

# Dutch notation: "€ 1.234,56"; English: "€1,234.56".
DUTCH_MONEY = re.compile(r"€(?:\s|&nbsp;|\xa0)\d{1,3}(?:\.\d{3})*,\d{2}\b")
ENGLISH_MONEY = re.compile(r"€\d{1,3}(?:,\d{3})*\.\d{2}\b")


def assert_english_notation(html: str) -> None:
    assert ENGLISH_MONEY.search(html), "no amount in English notation on the page"
    dutch = DUTCH_MONEY.findall(html)
    assert not dutch, f"amounts in Dutch notation on an English page: {dutch[:5]}"


@pytest.fixture(autouse=True)
def _dutch_again_afterwards():
    yield
    translation.deactivate()


def api_client(user, language=None) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    if language:
        client.cookies[LANGUAGE_COOKIE] = language
    return client


def take(client, plan, code, **body):
    return client.post(
        f"/api/v1/plans/{plan.pk}/transitions/", {"transition": code, **body}, format="json"
    )


def refusal(response) -> str:
    assert response.status_code == 400, (response.status_code, response.content)
    return " ".join(str(m) for messages in response.json().values() for m in messages)


@pytest.mark.django_db
def test_a_late_submission_is_refused_in_the_language_of_the_user(accounts, demo_date):
    plan = complete_plan()
    demo_date(datetime.date(2015, 8, 20))
    company = accounts["bedrijf-dzb-leiden"]

    dutch = refusal(take(api_client(company), plan, "submit_to_municipality"))
    assert "Indienen bij de centrumgemeente kon tot en met 1 juli 2015" in dutch
    assert "het is nu 20 augustus 2015. Vraag Cedris om uitstel voor uw regio." in dutch

    text = refusal(take(api_client(company, "en"), plan, "submit_to_municipality"))
    assert text == (
        "Submit to the central municipality was possible up to and including 1 July 2015; "
        "today is 20 August 2015. Ask Cedris for an extension for your region."
    )
    plan.refresh_from_db()
    assert plan.state == PlanState.CONCEPT


@pytest.mark.django_db
def test_a_transition_from_the_wrong_state_and_a_rule_in_english(accounts, demo_date):
    plan = complete_plan()
    municipality = api_client(accounts["gemeente-leiden"], "en")
    text = refusal(take(municipality, plan, "confirm_cofinancing"))
    assert text == "'Confirm co-financing' is not possible: the plan has status 'Draft'."

    walk_to(PlanState.SUBMITTED_TO_MUNICIPALITY, accounts, demo_date, plan=plan)
    text = refusal(take(municipality, plan, "confirm_cofinancing"))
    # Rule 3, with the amounts in English notation.
    assert text == (
        "Committed co-financing is €0.00; at least €100,000.00 is needed (national contribution "
        "times 1). €100,000.00 is missing."
    )
    dutch = refusal(take(api_client(accounts["gemeente-leiden"]), plan, "confirm_cofinancing"))
    assert dutch.startswith("Toegezegde cofinanciering is € 0,00; nodig is minstens € 100.000,00")

    cedris = api_client(accounts["cedris"], "en")
    assert refusal(take(cedris, plan, "no_such_step")) == '"no_such_step" is not a valid choice.'


@pytest.mark.django_db
def test_a_refused_step_on_the_plan_page_says_why_in_english(client, accounts, demo_date):
    plan = complete_plan()
    demo_date(datetime.date(2015, 8, 20))
    client.force_login(accounts["bedrijf-dzb-leiden"])
    english(client)
    response = client.post(
        reverse("plans:transition", args=[plan.pk, "submit_to_municipality"]), follow=True
    )
    html = response.content.decode()
    assert "was possible up to and including 1 July 2015" in html
    assert "kon tot en met" not in html


@pytest.mark.django_db
def test_the_plan_page_in_english(client, accounts, demo_date):
    plan = complete_plan()
    client.force_login(accounts["bedrijf-dzb-leiden"])
    dutch = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Indienen bij de centrumgemeente" in dutch and "€ 100.000,00" in dutch

    html = english(client).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Submit to the central municipality" in html  # the transition button
    assert "€100,000.00" in html
    assert_english_notation(html)
    assert_no_dutch_interface_text(html)


@pytest.mark.django_db
def test_the_review_page_in_english(client, accounts, demo_date):
    plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    client.force_login(accounts[OFFICE])
    html = english(client).get(reverse("assessment:review", args=[plan.pk])).content.decode()
    # Who the plan waits for (assessment.progress), with the deadline in English notation.
    assert "Complete the review: record the advice or request changes (by 15 September 2015)" in (
        " ".join(html.split())
    )
    assert "In content review" in html and "Save answers" in html
    assert "september 2015" not in html
    assert_no_dutch_interface_text(html)


@pytest.mark.django_db
def test_the_payment_batch_page_in_english(client, scheme, accounts):
    for code in ("AM19", "AM05"):
        granted_plan(Region.objects.get(code=code), 123_456_78, user=accounts["szw"])
    batch = payments.prepare_batch(scheme, user=accounts["cedris"])
    client.force_login(accounts["cedris"])
    html = english(client).get(reverse("payments:batch", args=[batch.pk])).content.decode()
    assert "€123,456.78" in html and "€246,913.56" in html
    assert_english_notation(html)
    assert_no_dutch_interface_text(html)


@pytest.mark.django_db
def test_the_national_report_page_in_english(client, scheme, accounts):
    client.force_login(accounts["cedris"])
    page = reverse("monitoring:national-report", args=["tussenrapportage-1"])
    dutch = client.get(page).content.decode()
    html = english(client).get(page).content.decode()
    assert "Eerste tussenrapportage" in dutch
    assert '<html lang="en">' in html
    for text in ["National report to SZW: First interim report", "Not made yet", "Save texts"]:
        assert text in html, text
    assert_no_dutch_interface_text(html)


@pytest.mark.django_db
def test_a_refused_payment_is_reconciled_in_english(scheme, accounts):
    """The reconciliation's sentences (payments.selectors) follow the user's language."""
    plan = granted_plan(Region.objects.get(code="AM19"), 1_000_00, user=accounts["szw"])
    batch = payments.prepare_batch(plan.scheme, user=accounts["cedris"])
    GrantDecision.objects.filter(plan=plan).update(granted_cents=1_234_00)
    with translation.override("en"):
        with pytest.raises(Exception) as refused:
            payments.mark_paid(batch, user=accounts["bzk"])
    text = " ".join(getattr(refused.value, "messages", [str(refused.value)]))
    assert "The batch does not reconcile and has not been paid:" in text
    assert "to pay €1,000.00, granted €1,234.00 (difference -€234.00)" in text
    with pytest.raises(Exception) as refused:
        payments.mark_paid(batch, user=accounts["bzk"])
    assert "te betalen € 1.000,00, toegekend € 1.234,00" in " ".join(refused.value.messages)


def test_the_take_many_message_joins_whole_translated_sentences():
    """No translated pieces glued together: the plan name and the reason go into one message."""
    with translation.override("en"):
        message = workflow._("%(plan)s: %(reason)s Er is niets gewijzigd.") % {
            "plan": "AM19",
            "reason": "Refused.",
        }
    assert message == "AM19: Refused. Nothing was changed."


def test_the_pure_modules_messages_are_translated_where_they_reach_a_person():
    """money.py and tabular.py import no Django: their Dutch messages are marked with a local
    gettext_noop and translated by the caller (plans.forms.EuroField, registry.units)."""
    import ast
    from pathlib import Path

    from django.utils.translation import gettext

    from sectorplan import money, tabular
    from sectorplan.plans.forms import EuroField

    for module in (money, tabular):
        tree = ast.parse(Path(module.__file__).read_text())
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                imported.add(node.module or "")
        assert not any(name.startswith("django") for name in imported), module.__name__

    with pytest.raises(money.MoneyInputError) as refused:
        money.parse_euro("twaalf")
    assert str(refused.value) == "'twaalf' is geen bedrag."
    with translation.override("en"):
        assert refused.value.translated(gettext) == "'twaalf' is not an amount."
        with pytest.raises(Exception) as invalid:
            EuroField().clean("12.345")
        assert invalid.value.messages == [
            "'12.345' is not an amount: use at most two digits after the '.'."
        ]

    columns = {"code": ("code",), "units": ("se", "weight")}
    with pytest.raises(tabular.TabularError) as empty_cell:
        tabular.read_table(b"code;se\nAM01;\n", columns)
    with pytest.raises(tabular.TabularError) as no_column:
        tabular.read_table(b"code;naam\nAM01;x\n", columns)
    assert str(empty_cell.value) == "Regel 2, kolom 'se': deze cel is leeg."
    assert "geef een kolomkop 'se' of 'weight'" in str(no_column.value)
    with translation.override("en"):
        assert empty_cell.value.translated(gettext) == "Line 2, column 'se': this cell is empty."
        assert "give a column header 'se' or 'weight'. Columns found: 'code', 'naam'." in (
            no_column.value.translated(gettext)
        )

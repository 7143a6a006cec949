"""Property tests: whatever hypothesis feeds them, the CSV reader raises only TabularError, the
SE import only UnitsImportError, the exchange import only ExchangeError, and none of them
leaves a trace; the budget-line form answers 200 or a redirect, never a server error."""

import json
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sectorplan.plans.exchange import ExchangeError
from sectorplan.plans.exchange.importer import import_scheme
from sectorplan.plans.models import BudgetLine, Plan
from sectorplan.plans.tests.factories import PlanFactory
from sectorplan.registry.units import UnitsImportError, import_standard_units
from sectorplan.tabular import TabularError, read_table

from .bad_input_support import CORPUS, LEAKS, fingerprint

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COLUMNS = {"code": ("code", "regiocode"), "municipality": ("gemeente",), "units": ("se",)}

# Cells that look almost right: codes, numbers in both notations, formulas, odd characters.
CELL = st.one_of(
    st.sampled_from(["AM01", "AM02", "AM35", "XX99", "Leiden", "Groningen", ""]),
    st.sampled_from(["12", "1.234,5", "1,5", "1.5", "-3", "NaN", "1e309", "=1+1", "@SUM(A1)"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=12),
)
SEPARATOR = st.sampled_from([",", ";", "\t", "|"])
HEADER = st.lists(
    st.sampled_from(["code", "se", "gemeente", "SE", "naam", "sep=;", ""]), max_size=4
)


@st.composite
def csv_files(draw) -> bytes:
    separator = draw(SEPARATOR)
    rows = [draw(HEADER)] + draw(st.lists(st.lists(CELL, max_size=4), max_size=6))
    text = "\n".join(separator.join(row) for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


ANY_FILE = st.one_of(st.binary(max_size=400), csv_files())


@BOUNDED
@given(data=ANY_FILE)
def test_the_reader_raises_only_its_own_error(data):
    try:
        read_table(data, COLUMNS, required=["units"])
    except TabularError as error:
        assert error.message and LEAKS.search(str(error)) is None, str(error)


@BOUNDED
@given(data=ANY_FILE)
def test_the_units_import_raises_only_its_own_error_and_writes_nothing(scheme, data):
    before = fingerprint()
    with pytest.raises(UnitsImportError) as caught:  # no file here covers all 35 regions
        import_standard_units(data, source="Eigenschapstest")
    assert LEAKS.search(str(caught.value)) is None, str(caught.value)
    assert fingerprint() == before


JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)
VALID = json.loads((CORPUS / "exchange-valid-minimal.json").read_text(encoding="utf-8"))


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


PATHS = list(_paths(VALID))


@st.composite
def mutated_documents(draw):
    """The valid minimal file with one place replaced by an arbitrary JSON value."""
    document = json.loads(json.dumps(VALID))
    path = draw(st.sampled_from(PATHS[1:]))
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = draw(JSON_VALUE)
    return document


def _import_inside_a_rollback(raw) -> None:
    """A mutation may still be a valid file: import it, then undo, so each example starts empty."""
    with transaction.atomic():
        import_scheme(raw)
        transaction.set_rollback(True)


@BOUNDED
@given(document=st.one_of(JSON_VALUE, mutated_documents()))
def test_the_exchange_import_raises_only_its_own_error_and_writes_nothing(db, document):
    before = fingerprint()
    try:
        _import_inside_a_rollback(json.dumps(document))
    except ExchangeError as error:
        for message in error.messages:
            assert LEAKS.search(message) is None, message
    assert fingerprint() == before


@BOUNDED
@given(raw=st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_the_exchange_import_takes_any_bytes_or_text(db, raw):
    before = fingerprint()
    with pytest.raises(ExchangeError):
        import_scheme(raw)
    assert fingerprint() == before


# What people type: any text (no lone surrogates: a browser cannot send them), often near money.
TYPED = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40),
    st.sampled_from(["12,50", "1.234,56", "-5", "1e9", "²", "٣", "9" * 30, "=1+1", "\x00"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


@pytest.fixture
def budget_page(client, accounts):
    client.force_login(accounts["bedrijf-dzb-leiden"])
    plan = PlanFactory()
    return client, plan, reverse("plans:part-add", args=[plan.pk, "begroting"])


@BOUNDED
@given(national=TYPED, cofinancing=TYPED, description=TYPED, category=TYPED)
def test_the_budget_line_form_never_fails(
    budget_page, national, cofinancing, description, category
):
    client, plan, url = budget_page
    count = BudgetLine.objects.count()
    response = client.post(
        url,
        {
            "cost_category": category,
            "description": description,
            "national_contribution_cents": national,
            "cofinancing_cents": cofinancing,
        },
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:  # refused: the page says why and nothing was added
        assert BudgetLine.objects.count() == count
        assert "form-field--invalid" in response.content.decode() or "conflict" in str(response)
    else:
        line = BudgetLine.objects.latest("pk")
        assert line.national_contribution_cents >= 0 and line.cofinancing_cents >= 0
        assert Decimal(line.national_contribution_cents) < 10**17


@BOUNDED
@given(title=TYPED, summary=TYPED, contact=TYPED, email=TYPED)
def test_the_plan_form_never_fails(budget_page, title, summary, contact, email):
    client, plan, _url = budget_page
    response = client.post(
        reverse("plans:edit", args=[plan.pk]),
        {
            "title": title,
            "summary": summary,
            "municipality_contact_name": contact,
            "municipality_contact_email": email,
            "version": Plan.objects.get(pk=plan.pk).version,
        },
    )
    assert response.status_code in (200, 302)

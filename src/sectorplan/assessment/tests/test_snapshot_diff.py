import copy
import datetime
import json

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from sectorplan.assessment.diff import RowStatus, compare
from sectorplan.assessment.snapshot import build_snapshot
from sectorplan.plans.models import Attachment
from sectorplan.plans.tests.factories import (
    ActivityFactory,
    BudgetLineFactory,
    CommitmentFactory,
    GoalFactory,
    ParticipantFactory,
    PlanFactory,
)
from sectorplan.registry.models import SwCompany

SECTIONS = ("participants", "goals", "activities", "budget_lines", "commitments", "attachments")


def attach(plan, name="begroting.pdf", size=2048):
    return Attachment.objects.create(
        plan=plan,
        file=f"attachments/2015/{name}",
        original_name=name,
        content_type="application/pdf",
        size=size,
    )


def full_plan(rows=1):
    plan = PlanFactory(
        title="Leiden werkt",
        kind="existing",
        municipality_contact_name="A. Jansen",
        municipality_contact_email="a.jansen@leiden.nl",
    )
    ParticipantFactory(plan=plan, contact_email="jdv@dzb.nl", contact_phone="071 000 0000")
    # The region's other companies, so the participants also grow with `rows`.
    for company in ("MareGroep (Voorhout)", "SWA Alphen aan den Rijn")[: rows - 1]:
        ParticipantFactory(plan=plan, sw_company=SwCompany.objects.get(name=company))
    for n in range(rows):
        GoalFactory(plan=plan, description=f"Doel {n}", planned_quantity="40.50")
        ActivityFactory(plan=plan, planned_quantity=12, planned_unit="trajecten")
        BudgetLineFactory(plan=plan, description=f"Regel {n}")
        CommitmentFactory(plan=plan, funder_name=f"Fonds {n}", funder_kind="fund")
        attach(plan, name=f"bijlage-{n}.pdf")
    return plan


def only_json_types(value):
    if isinstance(value, dict):
        return all(isinstance(k, str) and only_json_types(v) for k, v in value.items())
    if isinstance(value, list):
        return all(only_json_types(v) for v in value)
    return value is None or isinstance(value, str | int | bool)


# The snapshot, from the database.


def laid_out(part, values):
    return dict(zip(LAYOUT[part].split(), values, strict=True))


def test_snapshot_holds_what_a_reviewer_compares(scheme):
    plan = full_plan()
    snapshot = build_snapshot(plan)

    assert only_json_types(snapshot)
    assert json.loads(json.dumps(snapshot)) == snapshot
    # Checked against LAYOUT, which also shapes the generated snapshots of the property tests.
    rows = {
        "participants": ["DZB Leiden", "J. de Vries", "jdv@dzb.nl", "071 000 0000"],
        "goals": ["Doel 0", "40.50", "mensen geplaatst"],
        "activities": [1, "Activiteiten gericht op SW-medewerkers of werknemers Participatiewet"]
        + ["werk-naar-werk", "Begeleiding van werk naar werk", "Begeleiding van werk naar werk"]
        + ["2015-10-01", "2016-12-31", "12.00", "trajecten"],
        "budget_lines": ["staff", "Personeel en inhuur", "Regel 0", 100_000_00, 100_000_00],
        "commitments": ["fund", "Fonds", "Fonds 0", 100_000_00, "pending", "Gevraagd"],
        "attachments": ["bijlage-0.pdf", 2048, "application/pdf"],
    }
    plan_values = ["Leiden werkt", "Samen naar werk.", "existing"]
    plan_values += ["Bestaand plan dat past in de doelen", "A. Jansen", "a.jansen@leiden.nl"]
    assert snapshot == {
        "format": 1,
        "plan": laid_out("plan", plan_values),
        **{
            name: [{"key": getattr(plan, name).get().pk, **laid_out(name, values)}]
            for name, values in rows.items()
        },
        # sw2015 asks a euro of co-financing per euro; a pending commitment is not committed.
        "money": laid_out("money", [100_000_00, 100_000_00, 0, 100_000_00]),
    }


def test_snapshot_labels_are_dutch_whatever_the_language(scheme):
    from django.utils import translation

    plan = full_plan()
    with translation.override("en"):
        snapshot = build_snapshot(plan)
    assert snapshot["budget_lines"][0]["cost_category_label"] == "Personeel en inhuur"


def test_snapshot_queries_do_not_grow_with_rows(scheme, django_assert_max_num_queries):
    small, large = full_plan(rows=1), full_plan(rows=6)
    with CaptureQueriesContext(connection) as one_row:
        build_snapshot(small)
    with django_assert_max_num_queries(len(one_row.captured_queries)):
        snapshot = build_snapshot(large)
    assert [len(snapshot[name]) for name in SECTIONS] == [3, 6, 6, 6, 6, 6]
    assert len(one_row.captured_queries) <= 12


def test_snapshot_lists_are_in_a_stable_order(scheme):
    plan = full_plan(rows=3)
    snapshot = build_snapshot(plan)
    assert [g["description"] for g in snapshot["goals"]] == ["Doel 0", "Doel 1", "Doel 2"]
    assert build_snapshot(plan) == snapshot


# Snapshots of a plan edited between two submissions.


def test_an_edited_activity_is_one_changed_row_with_that_field(scheme):
    plan = full_plan(rows=3)
    before = build_snapshot(plan)
    activity = plan.activities.order_by("pk")[1]
    activity.description = "Begeleiding naar een baan bij een gewone werkgever"
    activity.save()

    diff = compare(before, build_snapshot(plan))

    activities = diff.section("activities")
    [changed] = activities.with_status(RowStatus.CHANGED)
    assert changed.key == activity.pk
    assert changed.changed_fields == ("description",)
    assert changed.changes[0].old == "Begeleiding van werk naar werk"
    assert changed.changes[0].new == "Begeleiding naar een baan bij een gewone werkgever"
    assert activities.unchanged_count == 2
    assert str(activities.unchanged_summary) == "2 ongewijzigde activiteiten"
    assert not any(s.has_changes for s in diff.sections if s.name != "activities")
    assert diff.plan_fields == ()
    assert all(total.difference_cents == 0 for total in diff.money)
    assert diff.has_changes


def test_adding_and_removing_a_budget_line_shows_with_the_money(scheme):
    plan = full_plan()
    first = build_snapshot(plan)
    line = BudgetLineFactory(
        plan=plan,
        description="Scholing",
        national_contribution_cents=50_000_00,
        cofinancing_cents=0,
    )
    second = build_snapshot(plan)

    added = compare(first, second)
    [row] = added.section("budget_lines").shown_rows
    assert (row.key, row.status, row.label) == (line.pk, RowStatus.ADDED, "Scholing")
    assert {v.label: v.value for v in row.values}["Rijksbijdrage"] == "€ 50.000,00"
    national = next(total for total in added.money if total.name == "national_cents")
    assert (national.old_cents, national.new_cents) == (100_000_00, 150_000_00)
    assert national.difference_cents == 50_000_00
    assert national.difference == "€ +50.000,00"

    key = line.pk
    line.delete()
    removed = compare(second, build_snapshot(plan))
    [row] = removed.section("budget_lines").shown_rows
    assert (row.key, row.status) == (key, RowStatus.REMOVED)
    national = next(total for total in removed.money if total.name == "national_cents")
    assert national.difference_cents == -50_000_00
    assert national.difference == "€ -50.000,00"


def test_values_are_shown_readably(scheme):
    plan = full_plan()
    before = build_snapshot(plan)
    plan.commitments.update(status="committed", committed_at="2015-06-01T00:00Z")
    plan.activities.update(planned_start=datetime.date(2015, 11, 2))
    plan.kind = "new"
    plan.save()

    diff = compare(before, build_snapshot(plan))

    [kind] = diff.plan_fields
    assert (kind.label, kind.old, kind.new) == (
        "Soort plan",
        "Bestaand plan dat past in de doelen",
        "Nieuw plan",
    )
    [commitment] = diff.section("commitments").shown_rows
    assert [(c.old, c.new) for c in commitment.changes] == [("Gevraagd", "Toegezegd")]
    [activity] = diff.section("activities").shown_rows
    assert [(c.old, c.new) for c in activity.changes] == [("1 oktober 2015", "2 november 2015")]
    committed = next(total for total in diff.money if total.name == "committed_cents")
    assert (committed.old, committed.new) == ("€ 0,00", "€ 100.000,00")


def test_a_deleted_and_recreated_row_is_not_matched_by_content(scheme):
    """Rows are matched on their key: a new row with the same text is a new row."""
    plan = full_plan()
    before = build_snapshot(plan)
    goal = plan.goals.get()
    goal.delete()
    GoalFactory(plan=plan, description=goal.description, planned_quantity="40.50")
    statuses = [r.status for r in compare(before, build_snapshot(plan)).section("goals").rows]
    assert statuses == [RowStatus.ADDED, RowStatus.REMOVED]


# compare() on generated snapshots: no database needed, none used.

LAYOUT = {
    "plan": "title summary kind kind_label municipality_contact_name municipality_contact_email",
    "participants": "company contact_name contact_email contact_phone",
    "goals": "description planned_quantity unit",
    "activities": "theme_number theme_name activity_type_code activity_type_name description"
    " planned_start planned_end planned_quantity planned_unit",
    "budget_lines": "cost_category cost_category_label description national_contribution_cents"
    " cofinancing_cents",
    "commitments": "funder_kind funder_kind_label funder_name amount_cents status status_label",
    "attachments": "original_name size content_type",
    "money": "national_cents cofinancing_lines_cents committed_cents required_cofinancing_cents",
}
# Few distinct words, so two generated rows often agree on a field and differ on another.
text = st.sampled_from(["", "a", "b"]) | st.text(max_size=12)
cents = st.integers(min_value=0, max_value=10**13)
quantity = st.none() | st.decimals(min_value=0, max_value=10**9, places=2).map(str)
day = st.dates(datetime.date(2014, 1, 1), datetime.date(2020, 12, 31)).map(datetime.date.isoformat)


def value_of(field):
    if field.endswith("_cents"):
        return cents
    if field.endswith("quantity"):
        return quantity
    if field.startswith("planned_") and field != "planned_unit":
        return day
    return st.integers(0, 10**8) if field in ("size", "theme_number") else text


def shaped(part):
    return st.fixed_dictionaries({field: value_of(field) for field in LAYOUT[part].split()})


def rows(part):
    # Keys from a small range, so two generated snapshots share some rows and differ in others.
    return st.dictionaries(st.integers(1, 8), shaped(part), max_size=5).map(
        lambda by_key: [{"key": key, **row} for key, row in sorted(by_key.items())]
    )


snapshots = st.fixed_dictionaries(
    {"format": st.just(1), "plan": shaped("plan")}
    | {name: rows(name) for name in SECTIONS}
    | {"money": shaped("money")}
)


def statuses(diff, status):
    return {(s.name, r.key) for s in diff.sections for r in s.rows if r.status == status}


@given(snapshots)
def test_a_snapshot_compared_with_itself_has_no_changes(snapshot):
    diff = compare(snapshot, copy.deepcopy(snapshot))
    assert not diff.has_changes
    assert diff.plan_fields == ()
    assert all(r.status == RowStatus.UNCHANGED for s in diff.sections for r in s.rows)
    assert all(s.unchanged_count == len(snapshot[s.name]) for s in diff.sections)


@given(snapshots, snapshots)
def test_compare_is_symmetric(a, b):
    forward, backward = compare(a, b), compare(b, a)
    assert statuses(forward, RowStatus.ADDED) == statuses(backward, RowStatus.REMOVED)
    assert statuses(forward, RowStatus.REMOVED) == statuses(backward, RowStatus.ADDED)
    assert statuses(forward, RowStatus.CHANGED) == statuses(backward, RowStatus.CHANGED)
    assert {(c.name, c.old, c.new) for c in forward.plan_fields} == {
        (c.name, c.new, c.old) for c in backward.plan_fields
    }
    assert forward.has_changes == backward.has_changes == (a != b)


@given(snapshots, snapshots)
def test_money_difference_is_new_minus_old(a, b):
    for total in compare(a, b).money:
        assert total.old_cents == a["money"][total.name]
        assert total.new_cents == b["money"][total.name]
        assert total.difference_cents == b["money"][total.name] - a["money"][total.name]


@given(snapshots, snapshots)
def test_every_row_of_either_version_is_accounted_for(a, b):
    diff = compare(a, b)
    for section in diff.sections:
        old_keys = {row["key"] for row in a[section.name]}
        new_keys = {row["key"] for row in b[section.name]}
        assert {r.key for r in section.rows} == old_keys | new_keys
        assert len(section.rows) == len(old_keys | new_keys)
        assert {r.key for r in section.with_status(RowStatus.ADDED)} == new_keys - old_keys
        assert {r.key for r in section.with_status(RowStatus.REMOVED)} == old_keys - new_keys


def test_an_unknown_snapshot_format_is_refused():
    with pytest.raises(ValueError, match="format"):
        compare({"format": 2}, {"format": 1})


# The template.


def base_snapshot():
    return {
        "format": 1,
        "plan": {"title": "Leiden werkt", "summary": "", "kind": "new", "kind_label": "Nieuw plan"},
        "goals": [
            {
                "key": 1,
                "description": "Mensen aan het werk",
                "planned_quantity": "40.00",
                "unit": "mensen",
            }
        ],
        "activities": [
            {"key": n, "activity_type_name": "Werkfit", "description": f"Traject {n}"}
            for n in (1, 2, 3)
        ],
        "budget_lines": [
            {
                "key": 1,
                "cost_category": "staff",
                "cost_category_label": "Personeel en inhuur",
                "description": "Jobcoaches",
                "national_contribution_cents": 100_00,
                "cofinancing_cents": 0,
            }
        ],
        "money": {"national_cents": 100_00},
    }


def render(old, new):
    return render_to_string(
        "assessment/_version_diff.html",
        {"diff": compare(old, new), "old_number": 1, "new_number": 2},
    )


def test_the_template_says_every_status_in_words():
    old, new = base_snapshot(), base_snapshot()
    new["plan"]["title"] = "Leiden werkt <samen>"
    new["activities"][0]["description"] = "Traject 1, verlengd"
    new["goals"] = []
    new["budget_lines"].append(
        {
            "key": 2,
            "cost_category": "other",
            "cost_category_label": "Overig",
            "description": "Scholing",
            "national_contribution_cents": 250_00,
            "cofinancing_cents": 0,
        }
    )
    new["money"]["national_cents"] = 350_00

    html = render(old, new)

    for word in ("gewijzigd", "toegevoegd", "verwijderd", "2 ongewijzigde activiteiten"):
        assert word in html
    assert '<th scope="col">Versie 1</th>' in html and '<th scope="col">Versie 2</th>' in html
    assert "<caption>Activiteiten: versie 1 vergeleken met versie 2</caption>" in html
    assert "<del>Traject 1</del>" in html and "<ins>Traject 1, verlengd</ins>" in html
    assert "<ins>Leiden werkt &lt;samen&gt;</ins>" in html  # people's text is escaped
    assert "<ins>€ 250,00</ins>" in html and "€ +250,00" in html
    assert html.count("<caption>") == html.count("</table>")


def test_the_template_says_when_nothing_changed():
    html = render(base_snapshot(), base_snapshot())
    assert "Versie 2 is gelijk aan versie 1" in html
    assert "<table" not in html

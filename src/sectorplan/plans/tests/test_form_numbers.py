"""Issue 14.8: a number of people shows as "8", not "8.00", in the forms that edit it."""

from decimal import Decimal

from sectorplan.plans.forms import GoalForm
from sectorplan.plans.tests.factories import GoalFactory


def test_a_whole_quantity_shows_without_decimals(scheme):
    goal = GoalFactory(planned_quantity=Decimal("8.00"))
    html = str(GoalForm(instance=goal, plan=goal.plan)["planned_quantity"])
    assert 'value="8"' in html


def test_a_fraction_keeps_its_decimals(scheme):
    goal = GoalFactory(planned_quantity=Decimal("8.50"))
    html = str(GoalForm(instance=goal, plan=goal.plan)["planned_quantity"])
    assert 'value="8.50"' in html

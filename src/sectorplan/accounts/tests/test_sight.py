"""policy.sight promises that users with the same sight see the same lists of plans: the list
pages are rendered once per sight and shown to all of them (plans.summary_cache.rendered_list).
If sight left out something the lists depend on, two users would share a page one may not see."""

import itertools

import pytest

from sectorplan.accounts import policy
from sectorplan.accounts.models import Membership, Role, User
from sectorplan.assessment import queues
from sectorplan.plans.filters import listing
from sectorplan.plans.models import Plan

pytestmark = pytest.mark.django_db


def _what_lists_show(user) -> tuple:
    visible = list(policy.visible_plans(user).order_by("pk"))
    mine = queues.waiting_for_user(listing(Plan.objects.all()), user)
    return (
        [plan.pk for plan in visible],
        [plan.pk for plan in visible if policy.sees_submitted_version(user, plan)],
        set(mine.values_list("pk", flat=True)),
    )


def _fresh(user):
    return User.objects.get(pk=user.pk)  # nothing policy kept on the object


def test_users_with_the_same_sight_see_the_same_lists(demo_story):
    users = list(demo_story.values())
    # Beside every demo account: a colleague in the same role (the same sight) and one who
    # only reads (who acts on no task, so another sight).
    for account in list(users):
        membership = account.membership
        for role in (membership.role, Role.READER):
            colleague = User.objects.create_user(f"{account.username}-{role}", password="x")
            Membership.objects.create(
                user=colleague, organisation=membership.organisation, role=role
            )
            users.append(colleague)

    shown = {user.pk: _what_lists_show(_fresh(user)) for user in users}
    sights = {user.pk: policy.sight(_fresh(user)) for user in users}
    pairs_alike = 0
    for a, b in itertools.combinations(users, 2):
        if sights[a.pk] == sights[b.pk]:
            pairs_alike += 1
            assert shown[a.pk] == shown[b.pk], (a.username, b.username)
    assert pairs_alike >= len(demo_story)  # each account and its colleague in the same role

    # Writers and readers of one organisation act on different tasks: other sights.
    assert sights[demo_story["cedris"].pk] != policy.sight(
        User.objects.get(username=f"cedris-{Role.READER}")
    )
    assert policy.sight(User()) == "nobody"

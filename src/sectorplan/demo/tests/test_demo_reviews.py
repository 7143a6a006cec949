import datetime

from sectorplan.accounts.models import User
from sectorplan.assessment.models import ChangeRequest, PlanVersion
from sectorplan.assessment.tests.journey import answer_all
from sectorplan.demo.accounts import load_demo_accounts
from sectorplan.demo.plans import load_demo_plans
from sectorplan.demo.reviews import load_demo_reviews
from sectorplan.plans.models import Plan
from sectorplan.plans.states import SUBMITTED_STATES, PlanState


def test_demo_plans_that_reached_cedris_have_their_first_version(scheme, demo_date):
    load_demo_accounts()
    load_demo_plans(scheme)
    made = load_demo_reviews(scheme)
    submitted = Plan.objects.filter(state__in=SUBMITTED_STATES)
    assert made == submitted.count() > 0
    for plan in submitted:
        version = plan.versions.get()
        assert version.number == 1 and version.submitted_at.date() < datetime.date(2015, 9, 1)
        assert version.snapshot["plan"]["title"] == plan.title
    requested = Plan.objects.filter(state=PlanState.CHANGES_REQUESTED)
    assert ChangeRequest.objects.filter(version__plan__in=requested).count() == requested.count()
    assert load_demo_reviews(scheme) == 0 and PlanVersion.objects.count() == made
    in_review = Plan.objects.filter(state=PlanState.IN_REVIEW).first()
    answered = answer_all(in_review, User.objects.get(username="cedris"))
    assert answered == in_review.scheme.review_questions.count()

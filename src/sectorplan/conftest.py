import datetime

import pytest
from django.test import override_settings
from hypothesis import settings as hypothesis_settings

from sectorplan.accounts.models import User
from sectorplan.allocation.services import ensure_initial_run
from sectorplan.demo.accounts import load_demo_accounts
from sectorplan.registry.loading import load_scheme
from sectorplan.registry.models import Scheme
from sectorplan.tests.replay import replayed

# Speed is measured in bench/, not by the tests: on CI's two shared cores one example of a
# property test once took 412 ms against hypothesis's 200 ms deadline, and failed the suite.
hypothesis_settings.register_profile("sectorplan", deadline=None)
hypothesis_settings.load_profile("sectorplan")


@pytest.fixture
def scheme(db):
    """The real 2015 scheme with its first allocation run, as the quick start loads it.
    Loaded once per worker, then replayed (tests/replay.py)."""
    replayed("scheme", lambda: ensure_initial_run(load_scheme("sw2015")))
    return Scheme.objects.get(slug="sw2015")


@pytest.fixture
def accounts(scheme):
    """Demo accounts for every role: users["cedris"], users["bedrijf-dzb-leiden"], ...
    Loaded once per worker, then replayed (tests/replay.py)."""
    replayed("accounts", load_demo_accounts)
    return {user.username: user for user in User.objects.select_related("membership__organisation")}


@pytest.fixture
def demo_date(db):
    """Runs the test in demo mode on a date it can move: demo_date(datetime.date(...))."""
    from sectorplan.registry.clock import set_demo_date

    with override_settings(DEMO_MODE=True):

        def move(date: datetime.date):
            set_demo_date(date)

        move(datetime.date(2015, 6, 15))
        yield move


@pytest.fixture
def demo_story(accounts, scheme):
    """The quick start's whole demo: the plans of the application period and the story of 2015
    told through the real services (demo.story), in demo mode on its date, 5 February 2016.
    The first load in a worker takes 15 s, a replay (tests/replay.py) a tenth of a second; the
    browser tests' `demo_data` loads only the early plans."""
    from sectorplan.demo.plans import load_demo_plans
    from sectorplan.demo.story import tell_story

    def load():
        load_demo_plans(scheme)
        tell_story(scheme)

    with override_settings(DEMO_MODE=True):
        replayed("demo_story", load)
        yield accounts


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database starts over per test and row ids come
    again, so cached pages (keyed by run or state change) must not carry over (issue 15)."""
    from django.core.cache import cache

    from sectorplan.plans import summary_cache

    cache.clear()
    summary_cache.forget()
    yield

"""Every URL of the activity map for every role, with both selections of plans.

The expected answers are written out, not derived from accounts.policy, so a change that leaks
the count of plans not yet approved shows up here. The selection "approved" is public; "all
submitted" is for Cedris and the ministries. The site-wide matrix (tests/test_access_matrix.py)
can import MONITORING_OVERVIEW_URL_NAMES to know these URLs are covered."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.plans.states import PlanState

from . import known

ROLES = {
    "anonymous": None,
    "company": "bedrijf-dzb-leiden",
    "municipality": "gemeente-leiden",
    "assessor": "vng",
    "office": "cedris",
    "ministry": "szw",
}
PUBLIC = {
    "anonymous": 200,
    "company": 200,
    "municipality": 200,
    "assessor": 200,
    "office": 200,
    "ministry": 200,
}
# The menu's "Activiteiten": a redirect to the chosen scheme's map, for everyone.
REDIRECT = dict.fromkeys(PUBLIC, 302)
# Web pages: log in first (302), then 403 unless Cedris or SZW.
SUBMITTED_WEB = {
    "anonymous": 302,
    "company": 403,
    "municipality": 403,
    "assessor": 403,
    "office": 200,
    "ministry": 200,
}
# The API has no log-in page: 403 for anonymous too (session authentication).
SUBMITTED_API = {
    "anonymous": 403,
    "company": 403,
    "municipality": 403,
    "assessor": 403,
    "office": 200,
    "ministry": 200,
}
EXPORTS = [(table, fmt) for table in ("activiteiten", "matrix", "kaart") for fmt in ("csv", "xlsx")]
MEASURES = ("reservering", "activiteitstypen", "status", "voortgang")
# name -> (URL arguments and query of each case, query for "all submitted", expected answers
# for the approved plans and for all submitted plans). Reversed inside the tests, so importing
# MONITORING_OVERVIEW_URL_NAMES never needs the URL configuration.
URLS = {
    "monitoring:activity-map-chosen": ([([], {})], {}, REDIRECT, REDIRECT),
    "monitoring:activity-map": (
        [(["sw2015"], {})],
        {"plannen": "ingediend"},
        PUBLIC,
        SUBMITTED_WEB,
    ),
    "monitoring:region-map": (
        [(["sw2015"], {"maat": measure}) for measure in MEASURES],
        {"plannen": "ingediend"},
        PUBLIC,
        SUBMITTED_WEB,
    ),
    "monitoring:activity-map-export": (
        [(["sw2015", table, fmt], {"maat": "status"}) for table, fmt in EXPORTS],
        {"plannen": "ingediend"},
        PUBLIC,
        SUBMITTED_WEB,
    ),
    "api:scheme-overview": ([(["sw2015"], {})], {"plans": "submitted"}, PUBLIC, SUBMITTED_API),
}
MONITORING_OVERVIEW_URL_NAMES = set(URLS)


@pytest.fixture
def concept(scheme):
    plan = known.build_plans(scheme)["AM05"][0]
    assert plan.state == PlanState.CONCEPT
    return plan


def _get(client, accounts, role, name, url, query):
    if name.startswith("api:"):
        api = APIClient()
        if ROLES[role]:
            api.force_authenticate(accounts[ROLES[role]])
        return api.get(url, query)
    client.logout()
    if ROLES[role]:
        client.force_login(accounts[ROLES[role]])
    return client.get(url, query)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(URLS))
def test_every_role_with_both_selections(name, client, accounts, concept):
    cases, submitted_query, approved, submitted = URLS[name]
    wrong = []
    for args, base_query in cases:
        url = reverse(name, args=args)
        for role in ROLES:
            for extra, expected in (({}, approved[role]), (submitted_query, submitted[role])):
                query = {**base_query, **extra}
                response = _get(client, accounts, role, name, url, query)
                if response.status_code != expected:
                    wrong.append((url, query, role, expected, response.status_code))
                elif expected == 200 and not url.endswith(".xlsx"):
                    # The draft plan never shows, in any selection, to anyone.
                    assert concept.title not in response.content.decode(), (url, role)
    assert not wrong, wrong


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in_and_back(client, scheme):
    url = reverse("monitoring:activity-map", args=["sw2015"])
    response = client.get(url, {"plannen": "ingediend"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "plannen%3Dingediend" in response["Location"]


@pytest.mark.django_db
def test_the_selection_is_offered_only_to_whom_may_use_it(client, accounts, scheme):
    url = reverse("monitoring:activity-map", args=["sw2015"])
    for role, offered in (("anonymous", False), ("company", False), ("office", True)):
        client.logout()
        if ROLES[role]:
            client.force_login(accounts[ROLES[role]])
        html = client.get(url).content.decode()
        assert ('name="plannen"' in html) is offered, role


@pytest.mark.django_db
def test_pages_answer_get_only(client, scheme):
    url = reverse("monitoring:activity-map", args=["sw2015"])
    assert client.post(url).status_code == 405
    assert APIClient().post(reverse("api:scheme-overview", args=["sw2015"])).status_code == 405


@pytest.mark.django_db
def test_unknown_scheme_is_404(client, scheme):
    assert client.get(reverse("monitoring:activity-map", args=["sw1999"])).status_code == 404
    assert APIClient().get(reverse("api:scheme-overview", args=["sw1999"])).status_code == 404


def test_every_monitoring_overview_url_is_covered():
    from sectorplan.monitoring import overview_urls

    names = {f"monitoring:{p.name}" for p in overview_urls.urlpatterns}
    assert names | {"api:scheme-overview"} == MONITORING_OVERVIEW_URL_NAMES

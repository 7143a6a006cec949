"""Issue 14, item 5: what submitting needs is labelled as required (not "(niet verplicht)"), and
a refused submission lists each missing item as a link to its field."""

import re

import pytest
from django.urls import reverse

from sectorplan.monitoring.models import ActivityStatus

from .test_reports_support import (
    IN_JANUARY_2016,
    INTERIM_1,
    URLS,
    activity_input,
    plain_http,  # noqa: F401  (autouse fixture)
    reporting_plan,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]
COMPANY = "bedrijf-dzb-leiden"
MOMENT = "tussenrapportage-1"


@pytest.fixture
def plan(accounts, demo_date):
    demo_date(IN_JANUARY_2016)
    return reporting_plan()


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_the_status_is_labelled_required_to_submit(plan, accounts, client):
    client.force_login(accounts[COMPANY])
    html = client.get(reverse("monitoring:report-edit", args=[plan.pk, MOMENT])).content.decode()
    statuses = re.findall(r"<legend[^>]*>Status(.*?)</legend>", html, re.S)
    assert statuses and all("verplicht om in te dienen" in s for s in statuses)
    assert not any("niet verplicht" in s for s in statuses)
    assert "verplicht als de activiteit is gestopt" in html


def test_a_refused_submission_links_each_missing_item_to_its_field(plan, accounts, client):
    client.force_login(accounts[COMPANY])
    url = reverse("monitoring:report-edit", args=[plan.pk, MOMENT])
    html = client.post(url, {"went_well": "Goed begin.", "indienen": "1"}).content.decode()
    links = re.findall(r'<a href="#([^"]+)">Geef de status van de activiteit', html)
    assert len(links) == plan.activities.count() >= 1
    assert set(links) <= _ids(html)  # every link lands on a field of this page


def test_the_report_page_links_what_is_missing_to_the_form(plan, accounts, client):
    from sectorplan.monitoring import report_services as services

    activity = plan.activities.order_by("pk").first()
    dropped = [ActivityStatus.DROPPED] * plan.activities.count()
    services.save_report(
        plan,
        INTERIM_1,
        user=accounts[COMPANY],
        activities=activity_input(plan, *dropped, explanation=""),
    )
    client.force_login(accounts[COMPANY])
    html = client.get(reverse("monitoring:report-detail", args=[plan.pk, MOMENT])).content.decode()
    edit = reverse("monitoring:report-edit", args=[plan.pk, MOMENT])
    target = f"id_activiteit-{activity.pk}-explanation"
    assert f'href="{edit}#{target}"' in html
    assert target in _ids(client.get(edit).content.decode())

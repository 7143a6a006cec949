import datetime

import pytest
from django.test import override_settings
from django.urls import reverse

from sectorplan.registry import clock


@pytest.mark.parametrize(
    "username, expected, absent",
    [
        ("bedrijf-dzb-leiden", ["plans:create", "plans:list"], ["plans:dashboard"]),
        ("cedris", ["plans:dashboard", "plans:extensions", "admin:index"], ["plans:create"]),
        ("gemeente-leiden", ["plans:list"], ["plans:create", "plans:dashboard"]),
        ("szw", ["plans:list"], ["plans:create", "plans:dashboard"]),
    ],
)
def test_every_role_finds_its_tasks_on_the_start_page(client, accounts, username, expected, absent):
    client.force_login(accounts[username])
    html = client.get("/").content.decode()
    for name in expected:
        assert f'href="{reverse(name)}"' in html, name
    for name in absent:
        assert f'href="{reverse(name)}"' not in html, name


def test_demo_date_in_every_page_header_and_movable_by_the_office(client, accounts, demo_date):
    demo_date(datetime.date(2015, 8, 20))
    assert "Demodatum: 20 augustus 2015" in client.get("/").content.decode()
    client.force_login(accounts["bedrijf-dzb-leiden"])
    assert client.post(reverse("plans:demo-clock"), {"today": "2015-09-02"}).status_code == 403
    client.force_login(accounts["cedris"])
    client.post(reverse("plans:demo-clock"), {"today": "2015-09-02"})
    assert clock.today() == datetime.date(2015, 9, 2)
    assert "Demodatum: 2 september 2015" in client.get("/").content.decode()


@override_settings(DEMO_MODE=False)
def test_no_demo_date_in_production(client, accounts):
    assert "Demodatum" not in client.get("/").content.decode()
    client.force_login(accounts["cedris"])
    assert client.post(reverse("plans:demo-clock"), {"today": "2015-09-02"}).status_code == 403


def test_dutch_first_whatever_the_browser_says(client, scheme):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in html
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_the_task_list_shows_the_first_tasks_the_total_and_the_full_list(client, accounts):
    """Issue 15: 12 plans wait for the office; the start page shows the first 10 by deadline
    and links to the filtered list of all 12."""
    from sectorplan.plans.states import PlanState
    from sectorplan.plans.tests.factories import PlanFactory

    for n in range(12):
        PlanFactory(state=PlanState.EXECUTED, title=f"Uitgevoerd {n:02d}")
    client.force_login(accounts["cedris"])
    page = client.get("/").content.decode()
    assert page.count("Eindverslag vastleggen") == 10
    assert "De eerste 10 van 12 taken" in page
    assert "/plannen/?wacht_op=mij&amp;sorteer=uiterste_datum" in page
    listed = client.get("/plannen/?wacht_op=mij&sorteer=uiterste_datum")
    assert listed.context["total"] == 12

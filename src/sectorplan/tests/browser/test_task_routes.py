"""Routes to the next step (issue 14, found in the walk through the journeys' screenshots): the
task list on a phone shows the task link without scrolling sideways; the plan page says whose
turn it is and where that is done; a late step says how to ask for an extension; Cedris's
change request leads to the parts to change; an invitee's page carries nothing meant for
signed-in people."""

import datetime
import re

import pytest
from django.core import mail

from sectorplan.meetings import services as meetings
from sectorplan.registry import clock
from sectorplan.registry.models import ActivityType

from .steps import expect, login

PHONE = {"width": 320, "height": 640}
TITLE = "Werk dichtbij in Holland Rijnland"


@pytest.fixture
def waiting_for_leiden(people, demo_date):
    """A complete AM19 plan submitted to Leiden, asking it for EUR 100,000 of co-financing."""
    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.plans.states import PlanState
    from sectorplan.plans.tests.factories import CommitmentFactory, complete_plan

    plan = complete_plan(title=TITLE)
    CommitmentFactory(plan=plan, funder_name="Gemeente Leiden", amount_cents=100_000_00)
    return walk_to(PlanState.SUBMITTED_TO_MUNICIPALITY, people, demo_date, plan=plan)


def test_on_a_phone_the_task_list_shows_the_task_link_without_scrolling(
    open_page, waiting_for_leiden
):
    page = open_page(viewport=PHONE)
    login(page, "gemeente-leiden")
    table = page.get_by_role("table", name="Wat op mij wacht")
    link = table.get_by_role("link", name="Cofinanciering toezeggen en bevestigen")
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    # The stacked cells lie one under the other, none over another.
    cells = table.locator("tbody tr").first.locator("td, th").all()
    boxes = [cell.bounding_box() for cell in cells]
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        assert upper["y"] + upper["height"] <= lower["y"] + 0.5, boxes
    for cell in cells:  # and each is as high as its text (a fixed height let lines overlap)
        assert cell.evaluate("e => e.scrollHeight <= e.clientHeight + 1"), cell.inner_text()
    scroller = page.locator(".table-scroll").filter(has=table)
    assert not scroller.evaluate("e => e.scrollWidth > e.clientWidth"), "it scrolls sideways"
    # Still a table for a screen reader: its rows, its cells and the column headers.
    expect(table.get_by_role("columnheader", name="Te doen")).to_have_count(1)
    task = "Cofinanciering toezeggen en bevestigen"
    expect(table.get_by_role("row").filter(has_text=task)).to_have_count(1)
    expect(table.get_by_role("cell", name=task)).to_have_count(1)


def test_an_invitee_sees_no_menu_and_no_note_about_se_figures(open_page, accounts, scheme):
    from sectorplan.registry.models import Region

    Region.objects.update(standard_units_is_demo=True)
    cedris = accounts["cedris-medewerker"]
    meeting = meetings.create_meeting(
        user=cedris,
        scheme=scheme,
        title="Kennisdeling jobcoaching",
        date=clock.today() + datetime.timedelta(days=30),
        place="Utrecht",
        activity_types=list(ActivityType.objects.filter(code="kennisdeling")),
    )
    meetings.add_invitee(meeting, user=cedris, name="Anna", email="anna@x.example")
    mail.outbox.clear()
    meetings.send_invitations(meeting, user=cedris)
    (message,) = mail.outbox
    page = open_page()
    page.goto(re.search(r"/bijeenkomsten/uitnodiging/[\w-]+/", message.body)[0])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kennisdeling jobcoaching")
    expect(page.get_by_text("Demogegevens: geen officiële cijfers")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    # The signed-in start page still has both.
    page.goto("/")
    expect(page.get_by_text("Demogegevens: geen officiële cijfers")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(1)


def test_the_plan_page_says_whose_turn_it_is_and_leads_to_co_financing(
    open_page, waiting_for_leiden
):
    page = open_page()
    login(page, "gemeente-leiden")
    page.goto(f"/plannen/{waiting_for_leiden.pk}/")
    turn = page.get_by_role("region", name="Uw beurt")
    # The same words as the task list, at the top of the page: above "Volgende stap".
    expect(turn).to_contain_text("Cofinanciering toezeggen en bevestigen")
    expect(turn).to_contain_text("Zeg de gevraagde cofinanciering toe (onder Cofinanciering)")
    actions = page.get_by_role("heading", name="Volgende stap", exact=True)
    assert turn.bounding_box()["y"] < actions.bounding_box()["y"]
    # The disabled confirmation's reason links to where the amount is committed.
    refused = page.locator(".transition--refused").filter(has_text="Cofinanciering bevestigen")
    reason_link = refused.get_by_role("link", name="Naar Cofinanciering: daar zegt u toe")
    expect(reason_link).to_have_attribute("href", "#cofinancing")
    turn.get_by_role("link", name="Naar Cofinanciering").click()
    expect(page.get_by_role("button", name="Toezeggen Gemeente Leiden")).to_be_in_viewport()


def test_a_late_step_says_whom_to_ask_for_an_extension(open_page, people, demo_date):
    from sectorplan.plans.tests.factories import complete_plan

    plan = complete_plan(title="Nooit ingediend plan")
    demo_date(datetime.date(2015, 9, 2))  # the municipality's deadline (1 July) has passed
    page = open_page()
    login(page, "bedrijf-dzb-leiden")
    page.goto(f"/plannen/{plan.pk}/")
    turn = page.get_by_role("region", name="Uw beurt")
    expect(turn).to_contain_text("(te laat)")
    turn.get_by_role("link", name="zo vraagt u uitstel").click()
    extension = page.get_by_role("region", name="Uitstel vragen")
    expect(extension).to_be_in_viewport()
    expect(extension).to_contain_text("Alleen het programmabureau (Cedris) verleent uitstel")
    mail_link = extension.get_by_role("link", name=re.compile("cedris@demo.invalid"))
    href = mail_link.get_attribute("href")
    assert href.startswith("mailto:cedris@demo.invalid?subject=Verzoek%20om%20uitstel"), href
    assert "AM19" in href.replace("%20", " ")
    refused = page.locator(".transition--refused").filter(has_text="Indienen bij de centrum")
    expect(refused.get_by_role("link", name="Zo vraagt u uitstel")).to_have_attribute(
        "href", "#uitstel"
    )
    # Cedris's administrator is sent to the page where the extension is granted.
    page.context.clear_cookies()
    login(page, "cedris")
    page.goto(f"/plannen/{plan.pk}/")
    extension = page.get_by_role("region", name="Uitstel verlenen")
    expect(extension.get_by_role("link", name="Uitstel verlenen")).to_have_attribute(
        "href", "/plannen/uitstel/"
    )


@pytest.fixture
def changes_requested(people, demo_date):
    """A plan in review for which Cedris asked two changes: one names the budget, one nothing."""
    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.plans import workflow
    from sectorplan.plans.states import PlanState
    from sectorplan.plans.tests.factories import complete_plan

    plan = walk_to(PlanState.IN_REVIEW, people, demo_date, plan=complete_plan(title=TITLE))
    return workflow.take(
        plan,
        "request_changes",
        user=people["cedris"],
        points=["Onderbouw de kosten in de begroting.", "Maak het verhaal concreter."],
    )


def test_the_change_request_leads_to_the_parts_and_the_resubmit_says_what_changed(
    open_page, changes_requested
):
    page = open_page()
    login(page, "bedrijf-dzb-leiden")
    page.goto(f"/plannen/{changes_requested.pk}/")
    notice = page.get_by_role("region", name="Cedris vraagt om aanpassing")
    # At the top: above the plan's own details, far from the resubmit button.
    status = page.get_by_text("Status", exact=True).first
    assert notice.bounding_box()["y"] < status.bounding_box()["y"]
    points = notice.get_by_role("listitem")
    expect(points.first.get_by_role("link", name="naar Begroting")).to_have_attribute(
        "href", "#budget"
    )
    # A point that names no part leads to the list of the plan's parts.
    expect(points.nth(1).get_by_role("link", name="kies het onderdeel")).to_have_attribute(
        "href", "#plan-sections"
    )
    expect(
        notice.get_by_role("navigation", name="Onderdelen van het plan").get_by_role(
            "link", name="Cofinanciering"
        )
    ).to_have_attribute("href", "#cofinancing")

    # Resubmitting an unchanged plan: the confirmation warns that nothing changed.
    form = page.locator("form.transition").filter(has_text="Opnieuw indienen bij Cedris")
    form.get_by_role("button", name="Opnieuw indienen bij Cedris").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bevestigen")
    expect(page.get_by_role("alert").filter(has_text="Er is niets gewijzigd")).to_be_visible()

    # After a change to a budget line the confirmation names the part that changed.
    line = changes_requested.budget_lines.first()
    line.description = "Jobcoaching, onderbouwd per traject"
    line.save()
    page.goto(f"/plannen/{changes_requested.pk}/")
    form.get_by_role("button", name="Opnieuw indienen bij Cedris").click()
    changed = page.get_by_role("region", name="Gewijzigd sinds versie 1")
    expect(changed).to_contain_text("Begrotingsregels")
    expect(page.get_by_text("Er is niets gewijzigd")).to_have_count(0)


@pytest.mark.parametrize("width", [1280, 320])
def test_a_caption_for_screen_readers_leaves_no_mark_on_the_page(open_page, people, width):
    """A visually hidden table caption stays out of sight: the sticky caption rule of wide
    tables made it a 1 px wide, padded box, a stray mark above the audit log and the review's
    answers (seen in the journeys' screenshots)."""
    page = open_page(viewport={"width": width, "height": 800})
    login(page, "cedris")
    page.goto("/auditlog/")
    caption = page.locator("table caption.visually-hidden").first
    assert caption.count() and caption.inner_text().strip() == "Auditlog"
    box = caption.bounding_box()
    assert box is None or (box["width"] <= 1 and box["height"] <= 1), box

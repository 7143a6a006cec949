"""One plan's whole path in the browser, each step by the role that takes it: the company
writes and submits, the municipality commits co-financing, Cedris reviews and asks for changes,
the company resubmits (a second version), VNG advises, Cedris advises and sends the national
plan to SZW, SZW approves and sends the decision, and everyone can read the decision letter."""

from .steps import (
    click_and_wait,
    expect,
    expect_message,
    expect_state,
    fill_form,
    follow,
    take_step,
)
from .test_plan_submission import TITLE, submit_to_cedris

ASSESSOR = "vng"
SZW = "szw"
POINTS = "Maak het doel voor plaatsingen ambitieuzer\nNoem de werkgevers in de regio"


def ask_for_changes(page, points: str) -> None:
    form = page.locator("form.transition").filter(
        has=page.get_by_role("button", name="Aanpassing vragen", exact=True)
    )
    form.get_by_label("Gevraagde aanpassingen, één punt per regel").fill(points)
    click_and_wait(page, form.get_by_role("button", name="Aanpassing vragen", exact=True))


def answer_every_question(page, verdict: str = "Ja") -> None:
    """On the review page: each framework question is a group named by its text."""
    form = page.locator("form").filter(
        has=page.get_by_role("button", name="Antwoorden opslaan", exact=True)
    )
    groups = form.get_by_role("group")
    for index in range(groups.count()):
        groups.nth(index).get_by_label(verdict, exact=True).check()
    click_and_wait(page, form.get_by_role("button", name="Antwoorden opslaan", exact=True))


def test_one_plan_from_company_to_szw_decision_with_a_change_request(
    as_user, demo_data, demo_date
):
    company, office, plan_url = submit_to_cedris(as_user)

    # Cedris starts the content review on the review page; VNG advises while it runs.
    office.goto(plan_url)
    follow(office, "Naar de beoordeling")
    take_step(office, "Inhoudelijke toets starten")
    expect_state(office, "In inhoudelijke toets")
    assessor = as_user(ASSESSOR)
    assessor.goto(plan_url)
    follow(assessor, "Beoordeling: toets, advies, aanpassingen, versies en besluit")
    assessor.get_by_label("Positief onder voorwaarden", exact=True).check()
    fill_form(assessor, {"Opmerkingen": "Goed plan; let op de werkgeversbetrokkenheid."})
    click_and_wait(assessor, assessor.get_by_role("button", name="Advies opslaan"))
    expect_message(assessor, "Uw advies is opgeslagen.")
    expect(assessor.locator("#advice + ul")).to_contain_text("Positief onder voorwaarden")

    # Cedris asks for changes: without points it is refused, with points it goes back.
    ask_for_changes(office, POINTS)
    expect_message(office, "De vraag om aanpassing is verstuurd")
    expect_state(office, "Aanpassing gevraagd")

    # The company sees the points, changes the goal and resubmits: version 2.
    company.goto(plan_url)
    notice = company.get_by_role("region", name="Cedris vraagt om aanpassing")
    expect(notice).to_contain_text("Noem de werkgevers in de regio")
    follow(company, "wijzigen Mensen geplaatst bij werkgevers")
    fill_form(company, {"Beoogd aantal": "55"})
    click_and_wait(company, company.get_by_role("button", name="Opslaan", exact=True))
    take_step(company, "Opnieuw indienen bij Cedris")
    expect_state(company, "Opnieuw ingediend")
    follow(company, "Beoordeling: toets, advies, aanpassingen, versies en besluit")
    follow(company, "vergelijk versies")
    goals = company.get_by_role("table", name="Doelen")
    expect(goals).to_contain_text("gewijzigd")
    expect(goals.locator("del")).to_contain_text("40")
    expect(goals.locator("ins")).to_contain_text("55")

    # Cedris reviews version 2 on the same page: answers every question and finishes.
    office.goto(plan_url)
    follow(office, "Naar de beoordeling")
    take_step(office, "Inhoudelijke toets starten")
    answer_every_question(office)
    expect_message(office, "7 antwoorden opgeslagen.")
    take_step(office, "Toets afronden: positief advies")
    expect_state(office, "Geadviseerd")

    # Cedris bundles it into the national plan and sends that to SZW.
    follow(office, "Landelijk plan")
    fill_form(
        office,
        {
            "Titel": "Landelijk sectorplan SW 2015",
            "Begeleidende tekst": "De regionale plannen van de sociale werkbedrijven.",
        },
    )
    office.get_by_label(f"AM19 Holland Rijnland: {TITLE}").check()
    click_and_wait(office, office.get_by_role("button", name="Opslaan", exact=True))
    expect_message(office, "Het landelijk sectorplan is opgeslagen.")
    click_and_wait(office, office.get_by_role("button", name="Indienen bij SZW"))
    expect_message(office, "Het landelijk sectorplan is ingediend bij SZW.")

    # SZW approves the sub-plan with a reason, then sends the decision.
    szw = as_user(SZW)
    follow(szw, "Landelijk plan")
    follow(szw, "Landelijk sectorplan SW 2015")
    decide = szw.get_by_role("region", name="Besluiten")
    decide.get_by_label(f"AM19 Holland Rijnland: {TITLE}").check()
    decide.get_by_label("Goedkeuren", exact=True).check()
    decide.get_by_label("Motivering").fill("Voldoet aan het toetsingskader.")
    click_and_wait(szw, decide.get_by_role("button", name="Besluit vastleggen"))
    # The decision is irreversible: a page says what will happen, SZW confirms there.
    expect(szw.get_by_role("heading", level=1)).to_have_text("Bevestigen: 1 deelplan goedkeuren")
    confirm = szw.locator("main form").get_by_role("button", name="Goedkeuren bevestigen")
    click_and_wait(szw, confirm)
    expect_message(szw, "1 deelplan goedgekeurd.")
    szw.goto(plan_url)
    expect_state(szw, "Goedgekeurd door SZW")
    take_step(szw, "Beschikking verzenden")
    expect_state(szw, "Beschikt")

    # The company reads the decision and its letter.
    company.goto(plan_url)
    expect_state(company, "Beschikt")
    follow(company, "Beoordeling: toets, advies, aanpassingen, versies en besluit")
    expect(company.get_by_role("region", name="Besluit van SZW")).to_contain_text(
        "toegekende rijksbijdrage € 120.000,00"
    )
    link = company.get_by_role("link", name="(PDF)").first
    letter = company.request.get(link.get_attribute("href"))
    assert letter.ok and letter.headers["content-type"] == "application/pdf"
    assert letter.body().startswith(b"%PDF")
    timeline = company.locator("a", has_text="Tijdlijn van dit plan")
    click_and_wait(company, timeline)
    # Each step reads as a Dutch sentence (audit/describe_kinds.py), not as its code.
    for sentence in (
        "Stap ‘Aanpassing vragen’",
        "Stap ‘Opnieuw indienen bij Cedris’",
        "Besluit vastgelegd: toegekend",
        "Stap ‘Beschikking verzenden’",
    ):
        expect(company.locator("ol.timeline")).to_contain_text(sentence)

    # The national overview, reached from the menu, shows where the plan ended up.
    follow(office, "Voortgang")
    # One row per region with a count per state (the demo data has two more AM19 plans).
    region = office.get_by_role("row").filter(has_text="AM19 Holland Rijnland")
    expect(region).to_contain_text("Beschikt: 1")

"""The schemes page (/regelingen/, issue 18): the programme office downloads a scheme's
definition, checks a file and creates or updates a scheme from it, as `create-scheme` does."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sectorplan.audit.models import AuditEvent
from sectorplan.plans.exchange.definition import check_definition
from sectorplan.registry.models import Scheme

from .test_scheme_definition import EXAMPLE, EXAMPLE_WEIGHTS, _contents, example_definition

URL = "/regelingen/"


def _upload(client, definition, action="create", name="regeling.json", weights=None):
    raw = definition if isinstance(definition, bytes) else json.dumps(definition).encode()
    data = {"file": SimpleUploadedFile(name, raw), "action": action}
    if weights is not None:
        data["weights"] = SimpleUploadedFile("gewichten.csv", weights)
    return client.post(URL, data)


def test_the_office_downloads_a_definition_and_starts_the_next_round_from_it(client, accounts):
    client.force_login(accounts["cedris"])
    page = client.get(URL).content.decode()
    assert "Open: nog geen plan ingediend" in page and "regeling-sw2015.json" in page
    response = client.get(reverse("schemes:definition", args=["sw2015"]))
    assert response["Content-Disposition"] == 'attachment; filename="regeling-sw2015.json"'
    downloaded = json.loads(response.content)
    assert not check_definition(downloaded), check_definition(downloaded).messages()

    copy = downloaded | {"slug": "ronde-2", "name": "Tweede ronde"}
    response = _upload(client, copy)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Regeling Tweede ronde is aangemaakt." in page
    assert "Verdeling 1 over de regio&#x27;s is gemaakt." in page
    original = _contents(Scheme.objects.get(slug="sw2015"))
    second = _contents(Scheme.objects.get(slug="ronde-2"))
    assert {k: v for k, v in second.items() if k != "scheme"} == {
        k: v for k, v in original.items() if k != "scheme"
    }
    event = AuditEvent.objects.get(action="scheme.created")
    assert event.actor == accounts["cedris"]


def test_checking_changes_nothing_and_a_wrong_file_names_every_problem(client, accounts):
    client.force_login(accounts["cedris"])
    weights = EXAMPLE_WEIGHTS.read_bytes()
    page = _upload(client, EXAMPLE.read_bytes(), action="check", weights=weights).content.decode()
    assert "De definitie van 'voorbeeld-2016' is in orde: 2 thema's, 4 activiteitstypen" in page
    assert not Scheme.objects.filter(slug="voorbeeld-2016").exists()

    wrong = example_definition()
    wrong["themes"][1]["code"] = wrong["themes"][0]["code"]
    wrong["milestones"] = wrong["milestones"][1:]
    page = _upload(client, wrong).content.decode()
    assert "Het bestand is niet ingelezen; er is niets gewijzigd" in page
    assert "themes[1].code: dezelfde code als themes[0]" in page
    assert "milestones: mist application_period" in page
    assert not Scheme.objects.filter(slug="voorbeeld-2016").exists()

    assert "geen geldige JSON" in _upload(client, b"{nee").content.decode()
    too_big = _upload(client, b" " * (1024 * 1024 + 1)).content.decode()
    assert "groter dan 1 MB" in too_big


@pytest.mark.parametrize("username", ["cedris-medewerker", "vng", "gemeente-leiden"])
def test_only_an_administrator_of_the_office_creates_a_scheme(client, accounts, username):
    client.force_login(accounts[username])
    response = _upload(client, EXAMPLE.read_bytes(), weights=EXAMPLE_WEIGHTS.read_bytes())
    assert response.status_code == 403
    assert not Scheme.objects.filter(slug="voorbeeld-2016").exists()


def test_a_member_of_the_office_sees_the_page_without_the_form(client, accounts):
    client.force_login(accounts["cedris-medewerker"])
    page = client.get(URL).content.decode()
    assert "Alleen een beheerder van het programmabureau" in page
    assert 'type="file"' not in page


def test_with_two_schemes_a_company_chooses_which_one_its_new_plan_is_for(client, accounts):
    from django.core.management import call_command

    from sectorplan.plans.models import Plan
    from sectorplan.registry.models import Region

    call_command("create-scheme", str(EXAMPLE), "--weights", str(EXAMPLE_WEIGHTS))
    client.force_login(accounts["bedrijf-dzb-leiden"])
    choice = client.get(reverse("plans:create"))
    assert choice.status_code == 200
    page = choice.content.decode()
    assert "Voor welke regeling schrijft u dit plan?" in page
    assert '?regeling=sw2015"' in page and '?regeling=voorbeeld-2016"' in page

    url = reverse("plans:create") + "?regeling=voorbeeld-2016"
    assert "Nieuw sectorplan: VOORBEELD" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "region": Region.objects.get(code="AM19").pk,
            "title": "Een plan voor de tweede ronde",
            "summary": "Leerwerkplekken.",
            "kind": "new",
            "municipality_contact_name": "A. Wethouder",
            "municipality_contact_email": "a@leiden.example",
        },
    )
    plan = Plan.objects.get(title="Een plan voor de tweede ronde")
    assert response.status_code == 302 and plan.scheme.slug == "voorbeeld-2016"


def test_the_office_starts_the_next_round_as_a_copy_on_the_page(client, accounts, scheme):
    client.force_login(accounts["cedris"])
    copy = {"action": "copy", "source": "sw2015", "slug": "sw2016", "name": "Tweede ronde"}
    response = client.post(URL, copy)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Regeling Tweede ronde is aangemaakt." in page
    original = _contents(Scheme.objects.get(slug="sw2015"))
    second = _contents(Scheme.objects.get(slug="sw2016"))
    assert {k: v for k, v in second.items() if k != "scheme"} == {
        k: v for k, v in original.items() if k != "scheme"
    }
    assert AuditEvent.objects.filter(action="scheme.created", actor=accounts["cedris"]).exists()

    # The slug of an existing scheme is refused: loading under it would change that scheme.
    again = client.post(URL, {**copy, "name": "Nog een"}).content.decode()
    assert "Er is al een regeling met de korte naam &#x27;sw2016&#x27;" in again
    assert Scheme.objects.get(slug="sw2016").name == "Tweede ronde"
    assert "Voer een geldige" in client.post(URL, {**copy, "slug": "met spatie"}).content.decode()


def test_only_an_administrator_copies_a_scheme(client, accounts, scheme):
    client.force_login(accounts["cedris-medewerker"])
    copy = {"action": "copy", "source": "sw2015", "slug": "sw2016", "name": "Tweede ronde"}
    assert client.post(URL, copy).status_code == 403
    assert not Scheme.objects.filter(slug="sw2016").exists()

"""The contact-person network (contents, page, export) and good practices (content check,
shown on the meeting page and behind the invitee's link)."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sectorplan.audit.models import AuditEvent
from sectorplan.meetings import selectors, services
from sectorplan.meetings.models import GoodPractice
from sectorplan.plans.tests.documents import PDF as VALID_PDF
from sectorplan.registry.models import ActivityType, Scheme

from .world import MEETING_DAY, build_plans

pytestmark = pytest.mark.urls("sectorplan.meetings.tests.urls")

# (region, organisation, name): plans from the municipality on, not concept, not rejected.
EXPECTED_DIRECTORY = [
    ("AM01", "Alescon", "Ivo Gron"),
    ("AM05", "Soweco", "Dirk Twente"),
    ("AM05", "Gemeente Enschede", "Hanna Hengelo"),
    ("AM19", "DZB Leiden", "Anna de Boer"),
    ("AM19", "MareGroep (Voorhout)", "Bert Mol"),
    ("AM19", "Gemeente Leiden", "Carla Smit"),
    ("AM19", "Gemeente Leiden", "Eva Jansen"),
    ("AM34", "MareGroep (Voorhout)", "Zonder Adres"),
    ("AM34", "Gemeente Zoetermeer", "Gert Zoet"),
]


@pytest.fixture
def plans(accounts, demo_date, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_date(datetime.date(2016, 2, 1))
    return build_plans()


def test_directory_holds_the_contacts_of_submitted_plans_once_each(plans):
    contacts = selectors.directory()
    assert [(c.region.code, c.organisation, c.name) for c in contacts] == EXPECTED_DIRECTORY
    anna = next(c for c in contacts if c.name == "Anna de Boer")
    # Named in two AM19 plans: one entry listing both, the address in lower case.
    assert anna.email == "anna@dzb.example"
    assert anna.plans == [plans["leiden"].title, plans["leiden-advised"].title]
    assert anna.kind_label == "SW-contactpersoon"
    assert [c.name for c in selectors.directory("AM05")] == ["Dirk Twente", "Hanna Hengelo"]


def test_directory_page_for_participants_export_for_the_office(client, accounts, plans):
    client.force_login(accounts["bedrijf-soweco"])
    page = client.get(reverse("meetings:directory"), {"regio": "AM19"}).content.decode()
    assert "Anna de Boer" in page and "Carla Smit" in page and "Dirk Twente" not in page
    assert "Conny Concept" not in page and "Rita Afgewezen" not in page
    assert reverse("meetings:directory-export", args=["csv"]) not in page
    assert client.get(reverse("meetings:directory-export", args=["csv"])).status_code == 403

    client.force_login(accounts["cedris-medewerker"])
    assert (
        reverse("meetings:directory-export", args=["csv"])
        in client.get(reverse("meetings:directory")).content.decode()
    )
    exported = client.get(reverse("meetings:directory-export", args=["csv"]))
    assert exported["Content-Disposition"] == 'attachment; filename="contactpersonen.csv"'
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert [(r["region_code"], r["organisation"], r["name"]) for r in rows] == EXPECTED_DIRECTORY
    gert = next(r for r in rows if r["name"] == "Gert Zoet")
    assert gert["role"] == "Contactpersoon centrumgemeente"
    assert gert["email"] == "gert@zoetermeer.example"
    anna = next(r for r in rows if r["name"] == "Anna de Boer")
    assert anna["phone"] == "071 123 45 67"

    xlsx = client.get(reverse("meetings:directory-export", args=["xlsx"]), {"regio": "AM34"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values.index(
        ["Code", "Regio", "Organisatie", "Rol", "Naam", "E-mail", "Telefoon", "Plannen"]
    )
    assert [row[4] for row in values[header + 1 :]] == ["Zonder Adres", "Gert Zoet"]
    assert client.get(reverse("meetings:directory-export", args=["pdf"])).status_code == 404


def _pdf(name="voorbeeld.pdf"):
    return SimpleUploadedFile(name, VALID_PDF, content_type="application/pdf")


def test_good_practices_are_checked_linked_and_shown_to_invitees(
    client, accounts, plans, django_capture_on_commit_callbacks
):
    client.force_login(accounts["cedris-medewerker"])
    sharing = ActivityType.objects.get(code="kennisdeling")
    refused = client.post(
        reverse("meetings:good-practice-create"),
        {
            "title": "Nep",
            "description": "x",
            "activity_types": [sharing.pk],
            "file": SimpleUploadedFile("nep.pdf", b"<html>geen pdf</html>"),
        },
    )
    assert (
        refused.status_code == 200 and "Alleen PDF, DOCX, XLSX en ODT" in refused.content.decode()
    )
    created = client.post(
        reverse("meetings:good-practice-create"),
        {
            "title": "Intervisie in Leiden",
            "description": "Zo deden wij het.",
            "activity_types": [sharing.pk],
            "plan": plans["leiden"].pk,
            "file": _pdf(),
        },
    )
    assert created.status_code == 302
    practice = GoodPractice.objects.get()
    assert practice.region.code == "AM19" and practice.content_type == "application/pdf"
    assert AuditEvent.objects.filter(
        action="good_practice.created", object_id=str(practice.pk)
    ).exists()
    other = services.create_good_practice(
        user=accounts["cedris"],
        scheme=Scheme.objects.get(slug="sw2015"),
        title="Beschut werk in Twente",
        description="Iets anders.",
        activity_types=ActivityType.objects.filter(code="beschut-werk"),
    )
    # Linking to other activity types is a change, and recorded.
    edited = client.post(
        reverse("meetings:good-practice-edit", args=[other.pk]),
        {
            "title": other.title,
            "description": other.description,
            "activity_types": [ActivityType.objects.get(code="werk-naar-werk").pk],
        },
    )
    assert edited.status_code == 302
    change = AuditEvent.objects.get(action="good_practice.changed")
    assert change.before["activity_types"] == ["beschut-werk"]
    assert change.after["activity_types"] == ["werk-naar-werk"]

    meeting = services.create_meeting(
        user=accounts["cedris"],
        scheme=practice.scheme,
        title="Kennisdeling",
        date=MEETING_DAY,
        place="Utrecht",
        activity_types=[sharing],
    )
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Intervisie in Leiden" in detail and "Beschut werk in Twente" not in detail

    services.add_invitee(meeting, user=accounts["cedris"], name="Piet", email="piet@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(meeting, user=accounts["cedris"])
    from .test_journey import _token_for

    token = _token_for("piet@example.org")
    client.logout()
    page = client.get(reverse("meetings:rsvp", args=[token])).content.decode()
    assert "Intervisie in Leiden" in page and "Beschut werk in Twente" not in page
    file_url = reverse("meetings:rsvp-practice-file", args=[token, practice.pk])
    assert file_url in page
    download = client.get(file_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # The link opens only the practices of its own meeting's topic.
    assert (
        client.get(reverse("meetings:rsvp-practice-file", args=[token, other.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("meetings:rsvp-practice-file", args=["x" * 43, practice.pk])).status_code
        == 404
    )

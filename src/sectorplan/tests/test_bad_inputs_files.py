"""Every hand-made bad document (bad_inputs/files) as a plan attachment and as a good-practice
document, through the services and through the upload forms as the user who may upload: a clear
Dutch message next to the file field, status 200 (never 500), and nothing stored: no row, no
audit event, no file on disk."""

import html
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sectorplan.meetings.services import create_good_practice
from sectorplan.plans import attachments
from sectorplan.plans.attachments import add_attachment
from sectorplan.plans.tests.documents import PDF as VALID_PDF
from sectorplan.plans.tests.factories import PlanFactory
from sectorplan.registry.models import ActivityType

from .bad_input_support import assert_clear, corpus, fingerprint, ids, read

FILES = corpus("files")
COMPANY, CEDRIS = "bedrijf-dzb-leiden", "cedris-medewerker"


def _bomb(entry: str, megabytes: int) -> bytes:
    """A small zip that unpacks to `megabytes` of zeros (made here: too big to keep in git)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(entry, "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return buffer.getvalue()


GENERATED = [
    # The ODT check reads the 'mimetype' entry: it must not unpack 300 MB to do so.
    pytest.param(lambda: _bomb("mimetype", 300), "Alleen PDF", id="mimetype-bomb-300MB"),
    pytest.param(lambda: _bomb("word/document.xml", 300), "Alleen PDF", id="docx-bomb-300MB"),
    pytest.param(lambda: b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024), "hooguit 20 MB", id="21MB"),
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def field_error(response, field: str = "file") -> str:
    """The text of the error shown next to the field (the template's {id}_error block)."""
    match = re.search(rf'id="id_{field}_error">(.*?)</div>', response.content.decode(), re.S)
    assert match, "no error next to the field"
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def _as_attachment(accounts, name, data, expect):
    plan = PlanFactory()
    before = fingerprint()
    with pytest.raises(ValidationError) as caught:
        add_attachment(plan, upload(name, data), user=accounts[COMPANY])
    assert_clear(" ".join(caught.value.message_dict["file"]), expect)
    assert fingerprint() == before


def _as_practice(accounts, name, data, expect):
    sharing = ActivityType.objects.get(code="kennisdeling")
    before = fingerprint()
    with pytest.raises(ValidationError) as caught:
        create_good_practice(
            user=accounts[CEDRIS],
            scheme=sharing.theme.scheme,
            title="Voorbeeld",
            description="Zo deden wij het.",
            activity_types=[sharing],
            upload=upload(name, data),
        )
    assert_clear(" ".join(caught.value.message_dict["file"]), expect)
    assert fingerprint() == before


@pytest.mark.parametrize("entry", FILES, ids=ids(FILES))
def test_corpus_file_is_refused_by_both_services(accounts, media, entry):
    name = entry["file"].split("/")[1]
    _as_attachment(accounts, name, read(entry), entry["expect"])
    _as_practice(accounts, name, read(entry), entry["expect"])


@pytest.mark.parametrize("make, expect", GENERATED)
def test_generated_file_is_refused(accounts, media, make, expect):
    data = make()
    _as_attachment(accounts, "groot.odt", data, expect)
    _as_practice(accounts, "groot.odt", data, expect)  # one check, one message for both


def _refused_by_form(client, url, data: dict, entry: dict) -> None:
    name = entry["file"].split("/")[1]
    before = fingerprint()
    response = client.post(url, {**data, "file": upload(name, read(entry))})
    assert response.status_code == 200, name
    try:
        assert_clear(field_error(response), entry["expect"])
    except AssertionError as error:
        raise AssertionError(f"{name}: {error}") from None
    assert fingerprint() == before, name


# One page set-up for the whole corpus (loading the scheme and accounts is the slow part);
# each file is posted in turn, and a failure names the file.
def test_attachment_form_shows_each_message_next_to_the_field(client, accounts, media):
    plan = PlanFactory()
    client.force_login(accounts[COMPANY])
    url = reverse("plans:attachment-add", args=[plan.pk])
    for entry in FILES:
        _refused_by_form(client, url, {}, entry)


def test_good_practice_form_shows_each_message_next_to_the_field(client, accounts, media):
    client.force_login(accounts[CEDRIS])
    sharing = ActivityType.objects.get(code="kennisdeling")
    fields = {"title": "Voorbeeld", "description": "Zo.", "activity_types": [sharing.pk]}
    for entry in FILES:
        _refused_by_form(client, reverse("meetings:good-practice-create"), fields, entry)


def test_a_real_document_still_passes(accounts, media):
    """The guards above must not refuse what they protect: a PDF and an ODT are accepted."""
    plan = PlanFactory()
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", attachments.ODT)
        archive.writestr("content.xml", "<office:document-content/>")
    for name, data in [("a.pdf", VALID_PDF), ("b.odt", odt.getvalue())]:
        add_attachment(plan, upload(name, data), user=accounts[COMPANY])
    assert [a.content_type for a in plan.attachments.order_by("pk")] == [
        attachments.PDF,
        attachments.ODT,
    ]


def test_the_corpus_is_large_enough():
    assert len(FILES) >= 15

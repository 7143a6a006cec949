"""Uploads after the probe (issue 17, items 1 and 9): a stored file downloads with the extension
of its real type whatever the person called it, a PDF must parse as one, and macro-enabled
office files, PDFs with JavaScript and zips whose sizes lie are refused with a Dutch message."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from sectorplan.meetings.services import create_good_practice
from sectorplan.plans.attachments import add_attachment
from sectorplan.plans.models import Attachment
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.documents import PDF, docx_bytes
from sectorplan.plans.tests.factories import complete_plan
from sectorplan.registry.models import ActivityType

COMPANY = "bedrijf-dzb-leiden"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _pdf(action: DictionaryObject | None = None, where: str = "open") -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    if action is not None:
        if where == "open":
            writer._root_object[NameObject("/OpenAction")] = action
        else:  # an additional action of the page, run when it is shown
            page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _js(code: str = "app.alert(1)") -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(code),
        }
    )


def _launch() -> DictionaryObject:
    return DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
    )


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _lying_local_header(data: bytes) -> bytes:
    """The first entry's local header declares another unpacked size than the directory."""
    raw = bytearray(data)
    assert raw[:4] == b"PK\x03\x04"
    (size,) = struct.unpack_from("<L", raw, 22)
    struct.pack_into("<L", raw, 22, size + 1000)
    return bytes(raw)


def _duplicate_entry() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with pytest.warns(UserWarning):
            archive.writestr("word/document.xml", "<html><script>x</script></html>")
    return buffer.getvalue()


def _attach(accounts, name: str, data: bytes):
    plan = complete_plan()
    return add_attachment(
        plan, SimpleUploadedFile(name, data, "application/pdf"), user=accounts[COMPANY]
    )


# 1. The download keeps the person's name but takes the extension of the real type.


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Begroting-2015.hta", "Begroting-2015.pdf"),
        ("plaatje.svg", "plaatje.pdf"),
        ("index.html", "index.pdf"),
        ("setup.exe", "setup.pdf"),
        ("plan.pdf", "plan.pdf"),
        ("geen-punt", "geen-punt.pdf"),
        (".htaccess", "htaccess.pdf"),
        ("dubbel.pdf.exe", "dubbel.pdf.pdf"),
    ],
)
def test_a_download_takes_the_extension_of_its_real_type(
    client, accounts, media, name, expected
):
    attachment = _attach(accounts, name, PDF)
    type(attachment.plan).objects.filter(pk=attachment.plan_id).update(
        state=PlanState.SUBMITTED_TO_CEDRIS
    )
    for username in ("cedris", "vng", "szw", "bzk", COMPANY):
        client.force_login(accounts[username])
        response = client.get(
            reverse("plans:attachment", args=[attachment.plan_id, attachment.pk])
        )
        assert response.status_code == 200, username
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{expected}"'


def test_a_good_practice_downloads_with_the_extension_of_its_real_type(client, accounts, media):
    sharing = ActivityType.objects.get(code="kennisdeling")
    practice = create_good_practice(
        user=accounts["cedris-medewerker"],
        scheme=sharing.theme.scheme,
        title="Voorbeeld",
        description="",
        activity_types=[sharing],
        upload=SimpleUploadedFile("voorbeeld.html", docx_bytes(), "text/html"),
    )
    client.force_login(accounts["cedris"])
    response = client.get(reverse("meetings:good-practice-file", args=[practice.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="voorbeeld.docx"'
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_download_name_keeps_the_base_name():
    from sectorplan.plans.attachments import download_name

    pdf = "application/pdf"
    assert download_name("C:\\Users\\x\\Plan 2015.hta", pdf) == "Plan 2015.pdf"
    assert download_name("...", pdf) == "document.pdf"


# 1. Deeper than the first bytes: a PDF must parse as one.


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>",
        b"%PDF-1.4",
        b"%PDF-1.4\n%%EOF",
        PDF[: len(PDF) // 2],
    ],
    ids=["pdf-head-then-html", "head-only", "head-and-eof", "cut-in-half"],
)
def test_a_pdf_that_does_not_parse_is_refused(accounts, media, data):
    with pytest.raises(ValidationError) as caught:
        _attach(accounts, "Begroting-2015.hta", data)
    assert "Alleen PDF, DOCX, XLSX en ODT" in str(caught.value)
    assert not Attachment.objects.exists()


def test_a_real_pdf_still_passes(accounts, media):
    assert _attach(accounts, "plan.pdf", _pdf()).content_type == "application/pdf"


# 9. Code in documents: refused, with a message that says what to do.


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: _pdf(_js()), id="openaction-javascript"),
        pytest.param(lambda: _pdf(_js(), where="page"), id="page-action-javascript"),
        pytest.param(lambda: _pdf(_launch()), id="launch"),
    ],
)
def test_a_pdf_with_javascript_is_refused(accounts, media, data):
    with pytest.raises(ValidationError) as caught:
        _attach(accounts, "plan.pdf", data())
    assert "JavaScript" in str(caught.value)
    assert not Attachment.objects.exists()


MACRO_TYPES = (
    b'<Types><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: docx_bytes({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), id="docm"),
        pytest.param(
            lambda: _zip({"xl/workbook.xml": b"<w/>", "xl/vbaProject.bin": b"x"}), id="xlsm"
        ),
        pytest.param(lambda: docx_bytes({"[Content_Types].xml": MACRO_TYPES}), id="content-type"),
        pytest.param(lambda: docx_bytes({"word/activeX/activeX1.bin": b"x"}), id="activex"),
        pytest.param(
            lambda: _zip(
                {
                    "mimetype": b"application/vnd.oasis.opendocument.text",
                    "Basic/Standard/Module1.xml": b"<script/>",
                }
            ),
            id="odt-basic",
        ),
    ],
)
def test_a_macro_enabled_office_file_is_refused(accounts, media, data):
    with pytest.raises(ValidationError) as caught:
        _attach(accounts, "plan.docx", data())
    assert "macro" in str(caught.value)
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: _lying_local_header(docx_bytes()), id="local-header-size"),
        pytest.param(_duplicate_entry, id="duplicate-entry"),
    ],
)
def test_a_zip_whose_entries_lie_is_refused(accounts, media, data):
    with pytest.raises(ValidationError) as caught:
        _attach(accounts, "plan.docx", data())
    assert "beschadigd of gemanipuleerd" in str(caught.value)
    assert not Attachment.objects.exists()


def test_the_upload_form_shows_the_refusal_next_to_the_field(client, accounts, media):
    plan = complete_plan()
    client.force_login(accounts[COMPANY])
    response = client.post(
        reverse("plans:attachment-add", args=[plan.pk]),
        {"file": SimpleUploadedFile("plan.pdf", _pdf(_js()), "application/pdf")},
    )
    assert response.status_code == 200
    assert "JavaScript" in response.content.decode()
    assert not Attachment.objects.exists()

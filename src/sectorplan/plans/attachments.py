"""Attachments: the type is read from the content, never trusted from the name or browser; the
files live outside the web root and are served only through a permission-checked view."""

import io
import struct
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sectorplan.accounts import policy
from sectorplan.audit.services import record

from .models import Attachment, Plan

MAX_BYTES = getattr(settings, "SECTORPLAN_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", ODT: ".odt"}
# A document that unpacks to more than this, or to over 10 MB at more than 100 times its packed
# size, is a zip bomb to whoever opens it, not a plan text (document XML packs about 10:1).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
BOMB_FLOOR_BYTES = 10 * 1024 * 1024
BOMB_RATIO = 100
# A PDF with more objects than this is not a plan text; walking it would only cost time.
MAX_PDF_OBJECTS = 200_000
EMPTY = gettext_noop("Het bestand is leeg.")
NOT_ALLOWED = gettext_noop(
    "Alleen PDF, DOCX, XLSX en ODT zijn toegestaan; dit bestand is geen van die."
)
MACROS = gettext_noop(
    "Dit document bevat macro's of ingesloten programmacode; die nemen we niet aan. Sla het op "
    "als gewoon document (DOCX, XLSX of ODT zonder macro's) en voeg het opnieuw toe."
)
PDF_SCRIPT = gettext_noop(
    "Deze PDF bevat JavaScript of start een programma; die nemen we niet aan. Druk het document "
    "opnieuw af als PDF (“Afdrukken naar PDF”) en voeg die PDF toe."
)
PDF_LOCKED = gettext_noop(
    "Deze PDF is met een wachtwoord beveiligd, zodat we hem niet kunnen controleren. Sla hem op "
    "zonder wachtwoord en voeg hem opnieuw toe."
)
ZIP_LIES = gettext_noop(
    "Dit document is beschadigd of gemanipuleerd: de inhoud klopt niet met wat het bestand "
    "over zichzelf zegt."
)
# Parts of an office file that run code: VBA projects (.docm, .xlsm saved as .docx), ActiveX
# controls, and the Basic and script libraries of OpenDocument.
CODE_PARTS = ("vbaproject.bin", "vbadata.xml", "/activex/", "basic/", "scripts/")
# PDF names that run code or programs when the file is opened or a link is clicked.
PDF_CODE_NAMES = {"/JS", "/JavaScript", "/Launch", "/RichMedia"}


class Refused(Exception):
    """The content is of an allowed type but dangerous or manipulated; str() is the message."""


def detect_type(head: bytes, data: io.BufferedIOBase) -> str | None:
    """The type read from the content; None when it is none of the four or does not parse.
    Raises Refused for macros, PDF JavaScript and zip entries whose sizes lie."""
    if head.startswith(b"%PDF-"):
        return _pdf(data)
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        return _office(data)
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        zlib.error,
        struct.error,
    ):
        return None


def _pdf(data) -> str | None:
    """A PDF must parse as one (pypdf, its pages found), and may carry no script or launcher."""
    import pypdf
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    data.seek(0)
    try:
        reader = pypdf.PdfReader(data, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refused(PDF_LOCKED)
        len(reader.pages)
        # Every object reachable from the trailer, without recursion: a key or a name that
        # runs code anywhere (an /OpenAction, a link, a form field) refuses the file.
        stack, seen, count = [reader.trailer], set(), 0
        while stack:
            item = stack.pop()
            if isinstance(item, IndirectObject):
                key = (item.idnum, item.generation)
                if key in seen:
                    continue
                seen.add(key)
                item = item.get_object()
            count += 1
            if count > MAX_PDF_OBJECTS:
                return None
            if isinstance(item, DictionaryObject):
                for name, value in item.items():
                    if name in PDF_CODE_NAMES or (
                        isinstance(value, NameObject) and value in PDF_CODE_NAMES
                    ):
                        raise Refused(PDF_SCRIPT)
                    stack.append(value)
            elif isinstance(item, ArrayObject):
                stack.extend(item)
            elif isinstance(item, NameObject) and item in PDF_CODE_NAMES:
                raise Refused(PDF_SCRIPT)
    except Refused:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on broken input: not a PDF
        return None
    finally:
        data.seek(0)
    return PDF


def _office(data) -> str | None:
    with zipfile.ZipFile(data) as archive:
        infos = archive.infolist()
        unpacked = sum(info.file_size for info in infos)
        packed = sum(info.compress_size for info in infos)
        if unpacked > MAX_UNPACKED_BYTES or (
            unpacked > BOMB_FLOOR_BYTES and unpacked > BOMB_RATIO * packed
        ):
            return None
        names = [info.filename for info in infos]
        if len(set(names)) != len(names):
            raise Refused(ZIP_LIES)  # two entries of one name: readers disagree which counts
        lowered = ["/" + name.lower() for name in names]
        if any(part in name for name in lowered for part in CODE_PARTS):
            raise Refused(MACROS)
        for info in infos:
            _check_entry(archive, data, info)
        if "word/document.xml" in names:
            kind = DOCX
        elif "xl/workbook.xml" in names:
            kind = XLSX
        elif "mimetype" in names:
            with archive.open("mimetype") as entry:
                kind = ODT if entry.read(len(ODT) + 8).strip() == ODT.encode() else None
        else:
            return None
        if kind in (DOCX, XLSX) and "[Content_Types].xml" in names:
            with archive.open("[Content_Types].xml") as entry:
                if b"macroenabled" in entry.read(1024 * 1024).lower():
                    raise Refused(MACROS)
        return kind


def _check_entry(archive: zipfile.ZipFile, data, info: zipfile.ZipInfo) -> None:
    """The sizes an entry declares are the sizes it has: the local header agrees with the
    central directory, and unpacking gives exactly file_size bytes with the right CRC. zipfile
    stops at the declared size, so this reads at most the (already bounded) declared total."""
    data.seek(info.header_offset)
    header = data.read(30)
    signature, *_fields, crc, compressed, size, name_length, extra_length = struct.unpack(
        "<4s5HL2L2H", header
    )
    if signature != b"PK\x03\x04":
        raise Refused(ZIP_LIES)
    if not info.flag_bits & 0x08 and (compressed, size) != (0xFFFFFFFF, 0xFFFFFFFF):
        # Without a data descriptor the local header carries the sizes itself.
        if size != info.file_size or compressed != info.compress_size or crc != info.CRC:
            raise Refused(ZIP_LIES)
    total = 0
    with archive.open(info) as entry:  # checks the CRC at the end (BadZipFile if wrong)
        while chunk := entry.read(1024 * 1024):
            total += len(chunk)
    if total != info.file_size:
        raise Refused(ZIP_LIES)


def checked_type(upload: UploadedFile) -> str:
    """The type of an upload read from its content, or a ValidationError on "file" saying why
    not: used for plan attachments and good-practice documents alike."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {
                "file": _("Het bestand is %(size)s MB; hooguit %(max)s MB mag.")
                % {"size": upload.size // 1024 // 1024, "max": MAX_BYTES // 1024 // 1024}
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": _(EMPTY)})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        content_type = detect_type(head, upload)
    except Refused as refused:
        raise ValidationError({"file": _(str(refused))}) from None
    finally:
        upload.seek(0)
    if content_type is None:
        raise ValidationError({"file": _(NOT_ALLOWED)})
    return content_type


def download_name(original_name: str, content_type: str) -> str:
    """The person's name for the file with the extension of its real type: a PDF uploaded as
    'Begroting.hta' downloads as 'Begroting.pdf', so no browser or desktop runs it as a program."""
    base = original_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    return (stem.strip(" .") or "document") + EXTENSIONS.get(content_type, ".bin")


def download(stored, original_name: str, content_type: str) -> FileResponse:
    """A stored upload as a download: always an attachment, typed as detected at upload."""
    known = content_type if content_type in EXTENSIONS else "application/octet-stream"
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=download_name(original_name, known),
        content_type=known,
    )


@transaction.atomic
def add_attachment(plan: Plan, upload: UploadedFile, *, user) -> Attachment:
    if not policy.can_edit_plan(user, plan):
        raise PermissionDenied(_("U mag aan dit plan geen bijlagen toevoegen."))
    content_type = checked_type(upload)
    name = upload.name.rsplit("/", 1)[-1][:200] or "bijlage"
    attachment = Attachment(
        plan=plan, original_name=name, content_type=content_type, size=upload.size, uploaded_by=user
    )
    attachment.file.save(f"plan-{plan.pk}{EXTENSIONS[content_type]}", upload, save=False)
    attachment.save()
    record(
        action="attachment.created",
        obj=attachment,
        actor=user,
        scope=f"plan:{plan.pk}",
        after={"name": name, "type": content_type, "size": upload.size},
    )
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, user) -> None:
    if not policy.can_edit_plan(user, attachment.plan):
        raise PermissionDenied(_("U mag deze bijlage niet verwijderen."))
    record(
        action="attachment.deleted",
        obj=attachment,
        actor=user,
        scope=f"plan:{attachment.plan_id}",
        before={"name": attachment.original_name},
    )
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))

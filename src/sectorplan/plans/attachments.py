"""Attachments: the type is read from the content, never trusted from the name or browser; the
files live outside the web root and are served only through a permission-checked view."""

import io
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
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
EMPTY = gettext_noop("Het bestand is leeg.")


def detect_type(head: bytes, data: io.BufferedIOBase) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(data) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            packed = sum(info.compress_size for info in infos)
            if unpacked > MAX_UNPACKED_BYTES or (
                unpacked > BOMB_FLOOR_BYTES and unpacked > BOMB_RATIO * packed
            ):
                return None
            names = {info.filename for info in infos}
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
            if "mimetype" in names:
                # Read a few bytes only: the entry itself could be a bomb, encrypted, or packed
                # with a method zipfile does not know (RuntimeError, NotImplementedError).
                with archive.open("mimetype") as entry:
                    if entry.read(len(ODT) + 8).strip() == ODT.encode():
                        return ODT
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        zlib.error,
    ):
        return None
    return None


@transaction.atomic
def add_attachment(plan: Plan, upload: UploadedFile, *, user) -> Attachment:
    if not policy.can_edit_plan(user, plan):
        raise PermissionDenied(_("U mag aan dit plan geen bijlagen toevoegen."))
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
    content_type = detect_type(head, upload)
    upload.seek(0)
    if content_type is None:
        raise ValidationError(
            {
                "file": _(
                    "Alleen PDF, DOCX, XLSX en ODT zijn toegestaan; dit bestand is geen van die."
                )
            }
        )
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

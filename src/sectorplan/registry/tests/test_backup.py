"""`sectorplan backup` and `restore`: a database with a plan paid and reporting, a meeting, files
and audit events is backed up, emptied (database and upload directory) and restored; every row
of every model and every file comes back identical. A non-empty database and a damaged backup
are refused before anything is written. Runs on SQLite and on PostgreSQL (sequences)."""

import datetime
import json
import shutil
import zipfile

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from sectorplan.assessment.tests.journey import walk_to
from sectorplan.audit.models import AuditEvent
from sectorplan.meetings import services as meetings
from sectorplan.monitoring import report_services
from sectorplan.plans.attachments import add_attachment
from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.documents import PDF as VALID_PDF
from sectorplan.plans.tests.factories import PlanFactory
from sectorplan.registry.backup import backed_up_models
from sectorplan.registry.models import ActivityType

pytestmark = pytest.mark.django_db(transaction=True)

PDF = VALID_PDF  # a PDF must parse as one (plans/attachments.py)
COMPANY, OFFICE = "bedrijf-dzb-leiden", "cedris"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def rich(accounts, demo_date, media, client):
    """A paid plan with its versions, review, decision, batch and a progress report draft, an
    attachment, a meeting with a good practice (file) and an invitation, a session."""
    plan = walk_to(PlanState.PAID, accounts, demo_date)
    demo_date(datetime.date(2016, 1, 15))
    report_services.save_report(
        plan, "interim_report_1", user=accounts[COMPANY], went_well="Goede samenwerking."
    )
    add_attachment(
        PlanFactory(title="Concept"),
        SimpleUploadedFile("begroting.pdf", PDF),
        user=accounts[COMPANY],
    )
    sharing = ActivityType.objects.filter(code="kennisdeling")
    meeting = meetings.create_meeting(
        user=accounts[OFFICE],
        scheme=plan.scheme,
        title="Kennisdeling",
        date=datetime.date(2016, 3, 10),
        place="Utrecht",
        activity_types=sharing,
    )
    meetings.add_invitee(meeting, user=accounts[OFFICE], name="Anna", email="anna@dzb.example")
    meetings.create_good_practice(
        user=accounts[OFFICE],
        scheme=plan.scheme,
        title="Voorbeeld",
        description="Hoe Leiden het deed.",
        activity_types=sharing,
        upload=SimpleUploadedFile("voorbeeld.pdf", PDF + b"% tweede\n"),
    )
    client.force_login(accounts[COMPANY])  # a session row
    return plan


def everything() -> dict:
    """Every row of every model (all fields, by primary key) and every many-to-many pair."""
    rows = {}
    for model in backed_up_models():
        query = model._base_manager.order_by("pk")
        if model is AuditEvent:
            query = query.exclude(action="backup.restored")
        rows[model._meta.label] = list(query.values())
    for model in apps.get_models(include_auto_created=True):
        if model._meta.auto_created:
            columns = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
            rows[model._meta.label] = sorted(model.objects.values_list(*columns))
    return rows


def stored_files(media) -> dict:
    return {
        str(path.relative_to(media)): path.read_bytes()
        for path in media.rglob("*")
        if path.is_file()
    }


def empty_everything(media) -> None:
    call_command("flush", "--no-input", verbosity=0)
    shutil.rmtree(media, ignore_errors=True)


def test_backup_then_restore_into_an_empty_database_is_identical(rich, media, tmp_path):
    backup = tmp_path / "sectorplan.zip"
    call_command("backup", str(backup), verbosity=0)
    before, files_before = everything(), stored_files(media)
    with zipfile.ZipFile(backup) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["counts"]["plans.plan"] == len(before["plans.Plan"])
    assert manifest["counts"]["plans.attachment"] == 1 and manifest["missing_files"] == []
    assert {f"files/{name}" for name in files_before} | {"data.jsonl"} == set(manifest["entries"])
    assert "registry" in manifest["migrations"]
    # The world really is rich: a test that restores nothing must not pass.
    assert before["plans.Plan"] and before["payments.PaymentItem"] and before["sessions.Session"]
    assert before["monitoring.ProgressReport"] and before["meetings.Invitation"]
    assert len(before["audit.AuditEvent"]) > 20 and len(files_before) == 2

    empty_everything(media)
    assert not Plan.objects.exists() and not media.exists()
    call_command("restore", str(backup), verbosity=0)

    after = everything()
    assert after.keys() == before.keys()
    for label in before:
        assert after[label] == before[label], label
    assert stored_files(media) == files_before
    restored = AuditEvent.objects.get(action="backup.restored")
    assert restored.object_label == "sectorplan.zip" and restored.after["files"] == 2
    # New rows get fresh keys: on PostgreSQL only when the restore moved the sequences on.
    assert restored.pk > max(row["id"] for row in before["audit.AuditEvent"])
    assert PlanFactory(title="Na het terugzetten").pk > max(r["id"] for r in before["plans.Plan"])


def test_a_non_empty_database_is_refused_unless_forced(rich, media, tmp_path):
    backup = tmp_path / "b.zip"
    call_command("backup", str(backup), verbosity=0)
    snapshot = everything()
    extra = PlanFactory(title="Na de back-up gemaakt")

    with pytest.raises(CommandError, match="De database is niet leeg .*--force"):
        call_command("restore", str(backup), verbosity=0)
    assert Plan.objects.filter(pk=extra.pk).exists()
    assert not AuditEvent.objects.filter(action="backup.restored").exists()

    call_command("restore", str(backup), "--force", verbosity=0)
    assert not Plan.objects.filter(pk=extra.pk).exists()
    assert everything() == snapshot


def damaged(backup, tmp_path, entry: str):
    """A copy of the backup with one byte of `entry` changed (manifest unchanged)."""
    copy = tmp_path / "damaged.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == entry:
                data = data[:-2] + bytes([data[-2] ^ 1]) + data[-1:]
            target.writestr(item, data)
    return copy


def test_a_damaged_backup_is_refused_and_nothing_is_written(rich, media, tmp_path):
    backup = tmp_path / "b.zip"
    call_command("backup", str(backup), verbosity=0)
    with zipfile.ZipFile(backup) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    a_file = next(name for name in manifest["entries"] if name.startswith("files/"))
    empty_everything(media)

    for entry in ("data.jsonl", a_file):
        broken = damaged(backup, tmp_path, entry)
        with pytest.raises(CommandError, match=f"Controlegetal klopt niet voor {entry}"):
            call_command("restore", str(broken), verbosity=0)
        assert not Plan.objects.exists() and not AuditEvent.objects.exists()
        assert not media.exists()
    # The undamaged backup restores (the refusals above were about the damage).
    call_command("restore", str(backup), verbosity=0)
    assert Plan.objects.exists() and media.exists()


def test_a_file_that_is_no_backup_is_refused(db, tmp_path):
    other = tmp_path / "geen.zip"
    other.write_bytes(b"dit is geen zip")
    with pytest.raises(CommandError, match="geen leesbare Sectorplan-back-up"):
        call_command("restore", str(other), verbosity=0)

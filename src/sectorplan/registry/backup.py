"""Backup and restore of the whole application: every table and every uploaded file, in one
portable zip that works on SQLite and PostgreSQL alike (`sectorplan backup` / `restore`).

The zip holds `data.jsonl` (one serialised row per line, primary keys kept, for every model of
every installed app), `files/<storage name>` (every file a FileField points to) and
`manifest.json` (format version, date, migrations, row counts and a SHA-256 per entry).

Why not `dumpdata`/`loaddata`: Django's JSON encoder cuts datetimes to milliseconds, and
`loaddata` sends save signals, so receivers that audit (accounts/signals.py) would write new rows
while restoring. Here datetimes keep their microseconds and rows go in as raw inserts.
"""

import datetime
import hashlib
import json
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

import sectorplan
from sectorplan.audit.services import record

FORMAT = "sectorplan-backup"
VERSION = 1
MANIFEST, DATA, FILES = "manifest.json", "data.jsonl", "files/"
# Rows `migrate` itself makes: a freshly migrated database has them and still counts as empty.
MIGRATE_MADE = {"contenttypes.contenttype", "auth.permission"}


class BackupError(Exception):
    """A backup that cannot be made or restored; the message is for the operator (Dutch)."""


class FullPrecisionEncoder(DjangoJSONEncoder):
    # DjangoJSONEncoder drops microseconds below the millisecond; a restore must be identical.
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


# Not data: the token in the summaries' cache keys (plans.summary_cache). A restore makes a new one,
# so nothing cached before it is read after it.
NOT_BACKED_UP = {"plans.DataVersion"}


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model with its own table (many-to-many rows travel with their owner)."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.swapped
        and model._meta.label not in NOT_BACKED_UP
    ]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_names() -> tuple[dict[str, object], list[str]]:
    """Storage name -> storage for every file a row points to."""
    found = {}
    for model in backed_up_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            names = model._base_manager.exclude(**{field.name: ""}).values_list(
                field.attname, flat=True
            )
            for name in names.exclude(**{f"{field.name}__isnull": True}):
                found[name] = field.storage
    return found


def _applied_migrations(using: str) -> dict[str, list[str]]:
    applied = defaultdict(list)
    for app, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied[app].append(name)
    return dict(applied)


def make_backup(target: Path, using: str = "default") -> dict:
    """Writes the backup zip to `target` and returns its manifest."""
    connection = connections[using]
    counts, entries, missing = {}, {}, []
    with tempfile.TemporaryDirectory() as scratch, transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            # One snapshot for every table, so rows written meanwhile cannot half appear.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        data_path = Path(scratch) / DATA
        digest = hashlib.sha256()
        with data_path.open("wb") as out:
            for model in backed_up_models():
                rows = model._base_manager.using(using).order_by("pk")
                counts[model._meta.label_lower] = 0
                for obj in serializers.serialize("python", rows.iterator(chunk_size=2000)):
                    line = json.dumps(obj, cls=FullPrecisionEncoder, ensure_ascii=False) + "\n"
                    raw = line.encode()
                    out.write(raw)
                    digest.update(raw)
                    counts[model._meta.label_lower] += 1
        entries[DATA] = digest.hexdigest()
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.write(data_path, DATA)
            for name, storage in sorted(_file_names().items()):
                try:
                    with storage.open(name, "rb") as stored:
                        content = stored.read()
                except FileNotFoundError:
                    missing.append(name)
                    continue
                archive.writestr(FILES + name, content)
                entries[FILES + name] = _sha256(content)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.now().isoformat(),
                "sectorplan_version": sectorplan.__version__,
                "database_vendor": connection.vendor,
                "migrations": _applied_migrations(using),
                "counts": counts,
                "entries": entries,
                "missing_files": missing,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
        # Only a complete backup gets the name asked for.
        partial.replace(target)
    return manifest


def read_verified(source: Path) -> tuple[zipfile.ZipFile, dict]:
    """Opens a backup and checks every entry against the manifest before anything is written."""
    try:
        archive = zipfile.ZipFile(source)
        manifest = json.loads(archive.read(MANIFEST))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise BackupError(
            _("%(file)s is geen leesbare Sectorplan-back-up (%(error)s).")
            % {"file": source, "error": error}
        ) from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            _("%(file)s is geen Sectorplan-back-up van versie %(version)s.")
            % {"file": source, "version": VERSION}
        )
    expected = manifest.get("entries", {})
    present = set(archive.namelist()) - {MANIFEST}
    if present != set(expected):
        raise BackupError(
            _("De back-up is onvolledig of aangevuld: de inhoud klopt niet met het manifest.")
        )
    for name, checksum in expected.items():
        try:
            actual = _sha256(archive.read(name))
        except zipfile.BadZipFile as error:
            actual = str(error)
        if actual != checksum:
            raise BackupError(
                _(
                    "Controlegetal klopt niet voor %(entry)s: de back-up is beschadigd. "
                    "Er is niets teruggezet."
                )
                % {"entry": name}
            )
    return archive, manifest


def _occupied(using: str) -> dict[str, int]:
    occupied = {}
    for model in backed_up_models():
        if model._meta.label_lower in MIGRATE_MADE:
            continue
        count = model._base_manager.using(using).count()
        if count:
            occupied[model._meta.label_lower] = count
    return occupied


def _empty_all_tables(using: str) -> None:
    connection = connections[using]
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    connection.ops.execute_sql_flush(statements)


def _insert_rows(archive: zipfile.ZipFile, using: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    batches: dict[type, list] = defaultdict(list)
    relations: list[tuple[models.Model, dict]] = []

    def flush(model):
        rows = batches.pop(model, [])
        if rows:
            # A raw insert, as a fixture load does: no save() (the audit log refuses saving a row
            # that has a primary key), no auto_now, no signals.
            fields = model._meta.local_concrete_fields
            model._base_manager.using(using)._insert(rows, fields=fields, raw=True)

    with archive.open(DATA) as lines:
        for line in lines:
            item = json.loads(line)
            (loaded,) = serializers.deserialize("python", [item], using=using)
            model = type(loaded.object)
            batches[model].append(loaded.object)
            counts[model._meta.label_lower] += 1
            if loaded.m2m_data:
                relations.append((loaded.object, loaded.m2m_data))
            if len(batches[model]) >= 500:
                flush(model)
    for model in list(batches):
        flush(model)
    for obj, m2m in relations:
        for name, targets in m2m.items():
            field = obj._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through._base_manager.using(using).bulk_create(
                through(**{f"{source}_id": obj.pk, f"{target}_id": pk}) for pk in targets
            )
    return dict(counts)


def _reset_sequences(using: str) -> None:
    connection = connections[using]
    every = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    statements = connection.ops.sequence_reset_sql(no_style(), every)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def restore_backup(source: Path, *, force: bool = False, using: str = "default") -> dict:
    """Replaces the database and uploaded files by those in the backup; all or nothing for the
    database. Returns the manifest."""
    archive, manifest = read_verified(source)
    missing = {(app, name) for app, names in manifest["migrations"].items() for name in names} - {
        (app, name) for app, names in _applied_migrations(using).items() for name in names
    }
    if missing:
        raise BackupError(
            _(
                "De database mist migraties die de back-up wel heeft (%(missing)s); voer eerst "
                "`sectorplan migrate` uit met de versie die de back-up maakte."
            )
            % {"missing": ", ".join(f"{app}.{name}" for app, name in sorted(missing)[:5])}
        )
    with archive, transaction.atomic(using=using):
        occupied = _occupied(using)
        if occupied and not force:
            raise BackupError(
                _(
                    "De database is niet leeg (%(tables)s). Terugzetten overschrijft alles; "
                    "gebruik --force als dat de bedoeling is."
                )
                % {"tables": ", ".join(f"{label}: {n}" for label, n in occupied.items())}
            )
        _empty_all_tables(using)
        try:
            counts = _insert_rows(archive, using)
        except DeserializationError as error:
            # E.g. a model this version no longer has: nothing is kept (the transaction rolls back).
            raise BackupError(
                _("De back-up past niet bij deze versie van Sectorplan: %(error)s")
                % {"error": error}
            ) from error
        expected = {label: n for label, n in manifest["counts"].items() if n}
        if counts != expected:
            raise BackupError(_("Het aantal teruggezette rijen klopt niet met het manifest."))
        connections[using].check_constraints()
        _reset_sequences(using)
        # A backup from before the plans stored who they wait for has none: derive it again.
        # This also replaces the summaries' token (plans.summary_cache): nothing cached before
        # the restore is read after it.
        from sectorplan.assessment import queues
        from sectorplan.plans.models import Plan

        queues.refresh(Plan.objects.using(using).all())
        ContentType.objects.clear_cache()
        # A newer version may have models the backup lacks: give them their types and rights.
        for config in apps.get_app_configs():
            create_contenttypes(config, verbosity=0, using=using)
            create_permissions(config, verbosity=0, using=using)
        for entry in manifest["entries"]:
            if entry.startswith(FILES):
                _write_file(entry.removeprefix(FILES), archive.read(entry))
        record(
            action="backup.restored",
            object_type="backup",
            object_label=Path(source).name[:300],
            after={
                "created_at": manifest["created_at"],
                "rows": sum(counts.values()),
                "files": sum(1 for e in manifest["entries"] if e.startswith(FILES)),
            },
        )
    return manifest


def _write_file(name: str, content: bytes) -> None:
    from django.core.files.storage import default_storage

    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:
        raise BackupError(
            _("Bestand %(name)s kon niet onder zijn eigen naam worden teruggezet.") % {"name": name}
        )

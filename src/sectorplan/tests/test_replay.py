"""The replayed fixtures (tests/replay.py) must leave the database exactly as loading does."""

import uuid

from django.db import transaction

from sectorplan.accounts.models import Organisation, OrganisationKind, User
from sectorplan.allocation.services import ensure_initial_run
from sectorplan.demo.accounts import load_demo_accounts
from sectorplan.registry.loading import load_scheme
from sectorplan.registry.models import Region
from sectorplan.tests import replay


def _load():
    ensure_initial_run(load_scheme("sw2015"))
    load_demo_accounts()


def _fingerprints() -> dict[str, bytes]:
    return {table: content.fingerprint for table, content in replay._image().items()}


def test_a_replay_leaves_every_table_as_the_load_did(db):
    name = f"test-{uuid.uuid4()}"
    empty = _fingerprints()
    before_load = transaction.savepoint()
    assert replay.replayed(name, _load) is False
    loaded = _fingerprints()
    transaction.savepoint_rollback(before_load)
    assert _fingerprints() == empty

    assert replay.replayed(name, _load) is True
    assert _fingerprints() == loaded
    assert loaded != empty
    assert User.objects.get(username="cedris").check_password("demo-sectorplan-2015")
    assert Region.objects.count() == 35


def test_after_a_replay_new_rows_get_new_ids(db):
    name = f"test-{uuid.uuid4()}"
    before_load = transaction.savepoint()
    replay.replayed(name, _load)
    transaction.savepoint_rollback(before_load)
    replay.replayed(name, _load)

    Organisation.objects.create(name="Nieuw na het terugzetten", kind=OrganisationKind.ASSESSOR)
    User.objects.create_user("nieuw-na-terugzetten")


def test_another_database_before_it_gets_a_real_load(db):
    name = f"test-{uuid.uuid4()}"
    before_load = transaction.savepoint()
    replay.replayed(name, _load)
    transaction.savepoint_rollback(before_load)

    Organisation.objects.create(name="Eerder geschreven", kind=OrganisationKind.ASSESSOR)
    assert replay.replayed(name, _load) is False
    assert Organisation.objects.filter(name="Eerder geschreven").exists()
    assert Region.objects.count() == 35

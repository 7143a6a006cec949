"""Migration 0006 puts what a database held before region sets into the set of 2015: every region,
municipality and scheme, so a running installation keeps working unchanged (issue 18)."""

import pytest

from sectorplan.tests.migrating import back_to_the_latest_migrations, migrate  # noqa: F401

BEFORE = [("registry", "0005_report_questions")]
AFTER = [("registry", "0006_region_sets")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest_migrations")
def test_existing_regions_municipalities_and_schemes_join_the_2015_set(scheme):
    old = migrate(BEFORE)
    assert old.get_model("registry", "Region").objects.count() == 35
    assert "region_set" not in {f.name for f in old.get_model("registry", "Region")._meta.fields}

    new = migrate(AFTER)
    RegionSet = new.get_model("registry", "RegionSet")
    region_set = RegionSet.objects.get()
    assert region_set.slug == "arbeidsmarktregios-2015"
    assert "BWBR0036164" in region_set.source
    for name in ("Region", "Municipality", "Scheme"):
        rows = new.get_model("registry", name).objects
        assert rows.exists() and not rows.exclude(region_set=region_set).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest_migrations")
def test_an_empty_database_gets_no_set_from_the_migration():
    migrate(BEFORE)
    new = migrate(AFTER)
    assert not new.get_model("registry", "RegionSet").objects.exists()

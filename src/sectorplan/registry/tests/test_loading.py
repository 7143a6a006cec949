from decimal import Decimal

import pytest
from django.core.management import call_command

from sectorplan.allocation.models import AllocationRun
from sectorplan.audit.models import AuditEvent
from sectorplan.registry.loading import SchemeDataError, demo_standard_units, load_scheme
from sectorplan.registry.models import ActivityType, Milestone, Municipality, Region, SwCompany
from sectorplan.registry.selectors import (
    companies_working_in,
    region_standard_units,
    regions_of_company,
)


def test_loads_the_35_regions_with_their_central_municipalities(scheme):
    assert Region.objects.count() == 35
    assert Municipality.objects.count() == 393
    leiden = Region.objects.get(code="AM19")
    assert leiden.name == "Holland Rijnland"
    assert leiden.central_municipality.name == "Leiden"
    assert leiden.central_municipality.region == leiden
    assert not Region.objects.filter(central_municipality__isnull=True).exists()


def test_loads_themes_taxonomy_and_timeline(scheme):
    assert [t.code for t in scheme.themes.all()] == ["werknemers", "expertise", "infrastructuur"]
    assert ActivityType.objects.filter(theme__scheme=scheme).count() == 12
    window = Milestone.objects.get(scheme=scheme, kind="cedris_window")
    assert (str(window.starts_on), str(window.ends_on)) == ("2015-07-01", "2015-09-01")
    assert scheme.national_contribution_cents == 30_000_000_00
    assert scheme.cofinancing_ratio == 1


def test_loading_twice_changes_nothing(scheme):
    counts = (Region.objects.count(), Municipality.objects.count(), SwCompany.objects.count())
    units = {u.region.code: u.standard_units for u in region_standard_units()}
    call_command("load-scheme", "sw2015")
    assert (
        Region.objects.count(),
        Municipality.objects.count(),
        SwCompany.objects.count(),
    ) == counts
    assert {u.region.code: u.standard_units for u in region_standard_units()} == units
    assert AllocationRun.objects.count() == 1


def test_companies_cross_region_borders(scheme):
    alescon = SwCompany.objects.get(name="Alescon")
    assert [r.code for r in regions_of_company(alescon)] == ["AM01", "AM03"]
    dzb = SwCompany.objects.get(name="DZB Leiden")
    assert [r.code for r in regions_of_company(dzb)] == ["AM19", "AM34"]
    assert dzb in companies_working_in(Region.objects.get(code="AM34"))
    assert not dzb.is_demo


def test_companies_known_only_by_region_count_for_that_region(scheme):
    rijnmond = Region.objects.get(code="AM22")
    names = {c.name for c in companies_working_in(rijnmond)}
    assert {"Promen", "Robedrijf", "Webego"} <= names
    assert not any(name.startswith("Demo") for name in names)


def test_unserved_municipalities_get_a_demo_company_marked_as_such(scheme):
    twente = Region.objects.get(code="AM05")
    companies = list(companies_working_in(twente))
    demo = [c for c in companies if c.is_demo]
    assert [c.name for c in demo] == ["Demo SW-bedrijf Twente"]
    soweco = SwCompany.objects.get(name="Soweco")
    served_by_demo = set(demo[0].municipalities.values_list("name", flat=True))
    assert not served_by_demo & set(soweco.municipalities.values_list("name", flat=True))
    assert served_by_demo | set(soweco.municipalities.values_list("name", flat=True)) == set(
        twente.municipalities.values_list("name", flat=True)
    )


def test_every_region_has_demo_units_marked_as_demo(scheme):
    units = region_standard_units()
    assert all(u.standard_units > 0 and u.is_demo for u in units)
    assert not Municipality.objects.filter(standard_units_is_demo=False).exists()
    assert "geen officiële cijfers" in Municipality.objects.first().standard_units_source


def test_demo_units_are_deterministic_and_central_municipalities_larger():
    assert demo_standard_units("Leiden", True) == demo_standard_units("Leiden", True)
    assert demo_standard_units("Leiden", True) > demo_standard_units("Leiden", False)
    assert demo_standard_units("Leiden", False).as_tuple().exponent == -2
    assert demo_standard_units("Assen", False) != demo_standard_units("Leiden", False)


def test_loading_is_recorded(scheme):
    assert AuditEvent.objects.filter(action="scheme.loaded").exists()
    assert AuditEvent.objects.filter(action="allocation.run_created").exists()


def test_unknown_scheme_is_refused(db):
    with pytest.raises(SchemeDataError, match="Onbekende regeling"):
        load_scheme("sw1999")
    assert not Region.objects.exists()


def test_reload_keeps_imported_figures(scheme):
    Municipality.objects.update(standard_units=None, standard_units_is_demo=False)
    Region.objects.update(standard_units=Decimal("10.00"), standard_units_source="echt")
    load_scheme("sw2015")
    assert not Municipality.objects.filter(standard_units__isnull=False).exists()
    assert all(
        u.standard_units == Decimal("10.00") and not u.is_demo for u in region_standard_units()
    )

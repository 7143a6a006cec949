"""Reads of the registry."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Region, RegionWeight, Scheme, SwCompany, default_region_set_id

DEMO_NOTICE = gettext_lazy("Demogegevens: geen officiële cijfers")


@dataclass(frozen=True)
class RegionUnits:
    region: Region
    standard_units: Decimal | None
    is_demo: bool
    source: str


def scheme_by_slug(slug: str) -> Scheme:
    return Scheme.objects.get(slug=slug)


def region_standard_units(region_set_id: int | None = None) -> list[RegionUnits]:
    """SE per region of a set (the 2015 set unless named) in one query: the region-level figure
    if imported, else the sum over its municipalities (None when neither exists)."""
    regions = (
        Region.objects.filter(region_set=region_set_id or default_region_set_id())
        .select_related("central_municipality")
        .annotate(
            municipal_units=Sum("municipalities__standard_units"),
            municipal_figures=Count(
                "municipalities", filter=Q(municipalities__standard_units__isnull=False)
            ),
            municipal_demo=Count(
                "municipalities", filter=Q(municipalities__standard_units_is_demo=True)
            ),
        )
        .order_by("code")
    )
    result = []
    for region in regions:
        if region.standard_units is not None:
            result.append(
                RegionUnits(
                    region,
                    region.standard_units,
                    region.standard_units_is_demo,
                    region.standard_units_source,
                )
            )
        elif region.municipal_figures:
            result.append(
                RegionUnits(
                    region,
                    region.municipal_units,
                    region.municipal_demo > 0,
                    _("som van de gemeenten"),
                )
            )
        else:
            result.append(RegionUnits(region, None, False, ""))
    return result


def allocation_weights(scheme: Scheme) -> list[RegionUnits]:
    """What a scheme's money is divided by, per region: the SE as region_standard_units gives
    them, or the scheme's own weight per region (a region the definition left out has none)."""
    if not scheme.uses_region_weights:
        return region_standard_units(scheme.region_set_id)
    weights = dict(RegionWeight.objects.filter(scheme=scheme).values_list("region_id", "weight"))
    return [
        RegionUnits(region, weights.get(region.pk), scheme.weights_are_demo, scheme.weights_source)
        for region in Region.objects.filter(region_set=scheme.region_set_id)
        .select_related("central_municipality")
        .order_by("code")
    ]


def companies_working_in(region: Region):
    """Companies serving at least one municipality of the region, or named for it by a source."""
    return (
        SwCompany.objects.filter(
            Q(municipalities__region=region) | Q(regions_without_known_municipalities=region)
        )
        .distinct()
        .order_by("name")
    )


def regions_of_company(company: SwCompany) -> list[Region]:
    return list(
        Region.objects.filter(
            Q(municipalities__sw_companies=company)
            | Q(pk__in=company.regions_without_known_municipalities.all())
        )
        .distinct()
        .order_by("code")
    )

"""Loading a scheme from the data files shipped in `sectorplan.data.<slug>`.

Idempotent: running it again updates rows in place and never overwrites SE figures that a user
imported. Everything happens in one transaction: a broken data file leaves nothing half-loaded.
"""

import csv
import hashlib
import io
import json
from collections import defaultdict
from decimal import Decimal
from importlib import resources

from django.db import transaction

from sectorplan.audit.services import record
from sectorplan.plans import summary_cache

from .models import (
    DEFAULT_REGION_SET,
    ActivityType,
    Milestone,
    Municipality,
    Region,
    RegionSet,
    RegionWeight,
    Scheme,
    SwCompany,
    Theme,
    default_region_set_id,
)
from .signals import scheme_loaded

DEMO_UNITS_SOURCE = (
    "Demogegevens: geen officiële cijfers. Deterministisch gegenereerd uit de gemeentenaam, "
    "alleen om het systeem te kunnen tonen; vervang ze met `sectorplan import-units`."
)


class SchemeDataError(Exception):
    pass


def scheme_data_dir(slug: str):
    directory = resources.files("sectorplan.data") / slug
    if not directory.is_dir():
        raise SchemeDataError(
            f"Onbekende regeling '{slug}': geen gegevens in sectorplan/data/{slug}."
        )
    return directory


def read_csv(directory, name: str) -> list[dict[str, str]]:
    text = (directory / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def demo_standard_units(name: str, is_central: bool) -> Decimal:
    """A stable, plausible-looking figure: never official, always marked as demo."""
    digest = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:12], 16)
    whole = 40 + digest % 360
    if is_central:
        whole *= 6
    return Decimal(f"{whole}.{(digest // 360) % 100:02d}")


def read_definition_file(slug: str) -> dict:
    """The definition shipped in sectorplan/data/<slug>/scheme.json."""
    return json.loads((scheme_data_dir(slug) / "scheme.json").read_text(encoding="utf-8"))


@transaction.atomic
def load_scheme(slug: str) -> Scheme:
    directory = scheme_data_dir(slug)
    definition = read_definition_file(slug)
    region_set = RegionSet.objects.get(pk=default_region_set_id())
    regions = load_regions(region_set, read_csv(directory, "regions.csv"))
    _load_membership_notes(region_set, read_csv(directory, "region_gemeenten.csv"))
    load_demo_units(region_set)
    _load_companies(region_set, read_csv(directory, "sw_companies_partial.csv"), regions)
    scheme = _load_definition(definition)
    scheme_loaded.send(sender=Scheme, scheme=scheme, definition=definition)
    record(action="scheme.loaded", obj=scheme, after={"slug": slug, "regions": len(regions)})
    return scheme


@transaction.atomic
def create_scheme(definition: dict, *, actor=None) -> tuple[Scheme, bool]:
    """A scheme from its definition document, already checked by
    plans.exchange.definition.check_definition; (scheme, created). A scheme with the same slug
    is changed to match the file while none of its plans has left the company's drafts:
    themes, activity types and milestones the file no longer names are removed, unless a plan
    uses them. Regions, municipalities and companies are shared by every scheme: they must be
    there (`load-scheme sw2015` loads the regions of 2015, `load-region-set` a later set)."""
    region_set_slug = definition.get("region_set") or DEFAULT_REGION_SET
    if not Region.objects.filter(region_set__slug=region_set_slug).exists():
        raise SchemeDataError(
            "Er zijn nog geen arbeidsmarktregio's: een regeling wordt over de regio's verdeeld. "
            "Laad ze eerst, bijvoorbeeld met `sectorplan load-scheme sw2015`."
        )
    existing = Scheme.objects.select_for_update().filter(slug=definition["slug"]).first()
    if existing is not None:
        _refuse_if_submitted(existing)
        if existing.region_set.slug != region_set_slug and existing.plans.exists():
            raise SchemeDataError(
                f"Regeling '{existing.slug}' heeft al plannen in de regio's van "
                f"'{existing.region_set.slug}': haar regio-indeling verandert niet meer."
            )
        _remove_dropped(existing, definition)
    scheme = _load_definition(definition)
    scheme_loaded.send(sender=Scheme, scheme=scheme, definition=definition)
    record(
        action="scheme.changed" if existing else "scheme.created",
        obj=scheme,
        actor=actor,
        after={
            "themes": len(definition["themes"]),
            "activity_types": sum(len(t["activity_types"]) for t in definition["themes"]),
            "milestones": len(definition["milestones"]),
        },
    )
    return scheme, existing is None


def _refuse_if_submitted(scheme: Scheme) -> None:
    submitted = scheme.plans.exclude(state="concept").count()
    if submitted:
        raise SchemeDataError(
            f"Regeling '{scheme.slug}' heeft al {submitted} ingediende plan(nen): haar definitie "
            "verandert niet meer. Begin een nieuwe regeling met een andere slug."
        )


def _remove_dropped(scheme: Scheme, definition: dict) -> None:
    named = {(t["code"], a["code"]) for t in definition["themes"] for a in t["activity_types"]}
    dropped = [
        kind
        for kind in ActivityType.objects.filter(theme__scheme=scheme).select_related("theme")
        if (kind.theme.code, kind.code) not in named
    ]
    used = [kind for kind in dropped if kind.activities.exists()]
    if used:
        names = ", ".join(f"{kind.theme.code}/{kind.code}" for kind in used)
        raise SchemeDataError(
            f"Activiteitstype(n) {names} staan in plannen en kunnen niet uit de regeling weg."
        )
    ActivityType.objects.filter(pk__in=[kind.pk for kind in dropped]).delete()
    scheme.themes.exclude(code__in=[t["code"] for t in definition["themes"]]).delete()
    scheme.milestones.exclude(kind__in=[m["kind"] for m in definition["milestones"]]).delete()


def _load_definition(definition: dict) -> Scheme:
    weights = definition.get("region_weights") or {}
    region_set = RegionSet.objects.get(slug=definition.get("region_set") or DEFAULT_REGION_SET)
    scheme, _ = Scheme.objects.update_or_create(
        slug=definition["slug"],
        defaults={
            "name": definition["name"],
            "name_en": definition.get("name_en", ""),
            "description": definition.get("description", ""),
            "description_en": definition.get("description_en", ""),
            "national_contribution_cents": int(definition["national_contribution_cents"]),
            "cofinancing_ratio": Decimal(definition["cofinancing_ratio"]),
            "allocation_key": definition["allocation_key"],
            "legal_basis": definition.get("legal_basis", ""),
            "weights_source": weights.get("source", ""),
            "weights_are_demo": weights.get("is_demo", False),
            "region_set": region_set,
        },
    )
    _load_weights(scheme, weights.get("weights", {}))
    for theme_data in definition["themes"]:
        theme, _ = Theme.objects.update_or_create(
            scheme=scheme,
            code=theme_data["code"],
            defaults={
                "number": theme_data["number"],
                "name": theme_data["name"],
                "name_en": theme_data.get("name_en", ""),
                "description": theme_data.get("description", ""),
                "description_en": theme_data.get("description_en", ""),
            },
        )
        for order, type_data in enumerate(theme_data["activity_types"], start=1):
            ActivityType.objects.update_or_create(
                theme=theme,
                code=type_data["code"],
                defaults={
                    "name": type_data["name"],
                    "name_en": type_data.get("name_en", ""),
                    "description": type_data.get("description", ""),
                    "description_en": type_data.get("description_en", ""),
                    "order": order,
                },
            )
    for milestone in definition["milestones"]:
        Milestone.objects.update_or_create(
            scheme=scheme,
            kind=milestone["kind"],
            defaults={
                "starts_on": milestone["starts_on"],
                "ends_on": milestone.get("ends_on"),
                "description": milestone.get("description", ""),
                "questions": milestone.get("questions", []),
            },
        )
    return scheme


def _load_weights(scheme: Scheme, weights: dict[str, str]) -> None:
    """The scheme's weight per region, as the definition gives them now (none for SE)."""
    scheme.region_weights.all().delete()
    regions = {
        r.code: r
        for r in Region.objects.filter(region_set=scheme.region_set_id, code__in=list(weights))
    }
    unknown = sorted(set(weights) - set(regions))
    if unknown:
        # check_definition names these with their place; this guards the other callers.
        raise SchemeDataError(f"Onbekende regio('s) in de gewichten: {', '.join(unknown)}.")
    RegionWeight.objects.bulk_create(
        RegionWeight(scheme=scheme, region=regions[code], weight=Decimal(weight))
        for code, weight in weights.items()
    )


def load_regions(region_set: RegionSet, rows: list[dict[str, str]]) -> dict[str, Region]:
    """The set's regions with their municipalities and centrumgemeente, as the rows of a
    regions.csv give them (code, name, centrumgemeente, member_gemeenten separated by ;)."""
    regions = {}
    for row in rows:
        region, _ = Region.objects.update_or_create(
            region_set=region_set,
            code=row["code"],
            defaults={
                "name": row["name"],
                "name_in_regulation": row.get("name_regeling_sectorplannen", ""),
            },
        )
        regions[region.code] = region
        members = [name.strip() for name in row["member_gemeenten"].split(";") if name.strip()]
        if row["centrumgemeente"] and row["centrumgemeente"] not in members:
            raise SchemeDataError(
                f"Regio {row['code']}: centrumgemeente {row['centrumgemeente']} is geen lid."
            )
        for name in members:
            Municipality.objects.update_or_create(
                region_set=region_set, name=name, defaults={"region": region}
            )
        central = Municipality.objects.filter(
            region_set=region_set, name=row["centrumgemeente"]
        ).first()  # None where the source names no centrumgemeente
        if region.central_municipality_id != (central.pk if central else None):
            if central is not None:
                # A corrected file may move a centre: the region that had it lets go first.
                Region.objects.filter(central_municipality=central).exclude(pk=region.pk).update(
                    central_municipality=None
                )
            region.central_municipality = central
            region.save(update_fields=["central_municipality"])
    return regions


def _load_membership_notes(region_set: RegionSet, rows: list[dict[str, str]]) -> None:
    notes = defaultdict(list)
    for row in rows:
        if row["note"]:
            notes[row["gemeente"]].append(f"{row['region_code']}: {row['note']}")
    for municipality in Municipality.objects.filter(region_set=region_set, name__in=notes):
        note = "; ".join(notes[municipality.name])
        if municipality.membership_note != note:
            municipality.membership_note = note
            municipality.save(update_fields=["membership_note"])


def load_demo_units(region_set: RegionSet) -> None:
    """Demo figures only where no region or municipality of that region has any figure yet."""
    regions = Region.objects.filter(region_set=region_set)
    municipalities = Municipality.objects.filter(region_set=region_set)
    regions_with_figures = set(
        regions.filter(standard_units__isnull=False).values_list("pk", flat=True)
    ) | set(municipalities.filter(standard_units__isnull=False).values_list("region_id", flat=True))
    central_ids = set(regions.values_list("central_municipality_id", flat=True))
    todo = municipalities.exclude(region_id__in=regions_with_figures)
    for municipality in todo:
        municipality.standard_units = demo_standard_units(
            municipality.name, municipality.pk in central_ids
        )
        municipality.standard_units_source = DEMO_UNITS_SOURCE
        municipality.standard_units_is_demo = True
    Municipality.objects.bulk_update(
        todo, ["standard_units", "standard_units_source", "standard_units_is_demo"]
    )
    summary_cache.data_changed()  # bulk_update sends no save signals


def _load_companies(
    region_set: RegionSet, rows: list[dict[str, str]], regions: dict[str, Region]
) -> None:
    municipalities: dict[str, set[str]] = defaultdict(set)
    region_only: dict[str, set[str]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        name = row["sw_company"]
        if row["gemeente"]:
            municipalities[name].add(row["gemeente"])
        else:
            region_only[name].add(row["region_code"])
        sources[name].add(f"{row['source_title']} ({row['source_date']}): {row['source_url']}")
    by_name = {m.name: m for m in Municipality.objects.filter(region_set=region_set)}
    for name in sorted(set(municipalities) | set(region_only)):
        unknown = municipalities[name] - set(by_name)
        if unknown:
            which = "gemeente" if len(unknown) == 1 else "gemeenten"
            raise SchemeDataError(f"SW-bedrijf {name}: onbekende {which} {sorted(unknown)}.")
        company, _ = SwCompany.objects.update_or_create(
            name=name, defaults={"is_demo": False, "source": "\n".join(sorted(sources[name]))}
        )
        company.municipalities.set(
            [*company.municipalities.exclude(region_set=region_set)]
            + [by_name[m] for m in municipalities[name]]
        )
        company.regions_without_known_municipalities.set(
            [*company.regions_without_known_municipalities.exclude(region_set=region_set)]
            + [regions[c] for c in region_only[name]]
        )
    _load_demo_companies(regions, unitemised_regions={c for cs in region_only.values() for c in cs})


def _load_demo_companies(regions: dict[str, Region], unitemised_regions: set[str]) -> None:
    """One demo company per region for the municipalities no known company serves, so every
    region has companies to write plans. Regions whose real companies are known without their
    municipalities get none: inventing a company next to real ones would mislead."""
    served = set(
        Municipality.objects.filter(sw_companies__is_demo=False).values_list("pk", flat=True)
    )  # municipality rows are per set: these are the regions' own
    for code, region in regions.items():
        if code in unitemised_regions:
            continue
        unserved = [m for m in region.municipalities.all() if m.pk not in served]
        if not unserved:
            continue
        company, _ = SwCompany.objects.update_or_create(
            name=f"Demo SW-bedrijf {region.name}",
            defaults={
                "is_demo": True,
                "source": "Demogegevens: verzonnen bedrijf voor de gemeenten zonder "
                "bekend SW-bedrijf.",
            },
        )
        company.municipalities.set(
            [*company.municipalities.exclude(region_set=region.region_set_id), *unserved]
        )

"""Loading a later set of labour-market regions (issue 18): the regions changed after 2015, and a
scheme may be divided over a later set. A set is a folder with `region_set.json` (slug, name,
source) and `regions.csv` in the columns of the 2015 file (code, name, centrumgemeente,
member_gemeenten separated by ;); `sectorplan/data/region_sets/` ships the sets we have.

The set gets its own regions and municipality rows. The SW companies keep serving the same
municipalities: each company is linked to the municipalities of the new set that carry the name
of one it serves, and a company known only by its region to the region of the new set with the
same centrumgemeente. A municipality that is new (a merger) is served by nobody until the office
says which company serves it; the loader reports how many there are."""

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.db import transaction

from sectorplan.audit.services import record

from .loading import SchemeDataError, load_demo_units, load_regions
from .models import Municipality, Region, RegionSet, SwCompany

REQUIRED = ("slug", "name", "source")
COLUMNS = ("code", "name", "centrumgemeente", "member_gemeenten")


@dataclass(frozen=True)
class LoadedSet:
    region_set: RegionSet
    regions: int
    municipalities: int
    companies_linked: int
    unserved: list[str]


def region_set_dir(name: str):
    """A shipped set by its slug, or a folder on disk."""
    shipped = resources.files("sectorplan.data") / "region_sets" / name
    if shipped.is_dir():
        return shipped
    folder = Path(name)
    if folder.is_dir():
        return folder
    raise SchemeDataError(
        f"Onbekende regio-indeling '{name}': geen map sectorplan/data/region_sets/{name} "
        "en geen map met die naam."
    )


def shipped_region_sets() -> list[str]:
    folder = resources.files("sectorplan.data") / "region_sets"
    return sorted(d.name for d in folder.iterdir() if (d / "region_set.json").is_file())


SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,50}$")
# What the columns hold at most (the model fields): a longer text is named, not cut.
LIMITS = {"code": 8, "name": 200, "centrumgemeente": 200}


def _read(directory) -> tuple[dict, list[dict[str, str]]]:
    try:
        about = json.loads((directory / "region_set.json").read_text(encoding="utf-8"))
        text = (directory / "regions.csv").read_text(encoding="utf-8")
    except (OSError, ValueError) as error:  # UnicodeDecodeError is a ValueError
        raise SchemeDataError(f"De indeling is niet te lezen: {error}") from error
    if not isinstance(about, dict):
        raise SchemeDataError("region_set.json: moet een object zijn.")
    missing = [key for key in REQUIRED if not str(about.get(key) or "").strip()]
    if missing:
        raise SchemeDataError(f"region_set.json: mist {', '.join(missing)}.")
    if not SLUG.match(str(about["slug"])) or len(str(about["name"])) > 200:
        raise SchemeDataError(
            "region_set.json: slug is 1 tot 50 letters, cijfers, - of _; name hooguit 200 tekens."
        )
    rows = [
        {key: (value or "").strip() for key, value in row.items() if isinstance(key, str)}
        for row in csv.DictReader(io.StringIO(text))
    ]
    if rows and (absent := [c for c in COLUMNS if c not in rows[0]]):
        raise SchemeDataError(f"regions.csv: kolom(men) {', '.join(absent)} ontbreken.")
    return about, _checked(rows)


def _checked(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Every problem of the rows at once, each with its line (the header is line 1)."""
    problems = [] if rows else ["geen regio's"]
    codes: dict[str, int] = {}
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        if not row["code"] or not row["name"]:
            problems.append(f"regel {line}: code en name zijn verplicht")
        for column, limit in LIMITS.items():
            if len(row[column]) > limit:
                problems.append(f"regel {line}: {column} is langer dan {limit} tekens")
        if row["code"] in codes:
            problems.append(
                f"regel {line}: code {row['code']} staat ook op regel {codes[row['code']]}"
            )
        codes.setdefault(row["code"], line)
        members = [m.strip() for m in row["member_gemeenten"].split(";") if m.strip()]
        if not members:
            problems.append(f"regel {line}: geen gemeenten")
        for name in members:
            if len(name) > LIMITS["name"]:
                problems.append(f"regel {line}: gemeentenaam langer dan 200 tekens")
            elif name in seen:
                problems.append(f"regel {line}: {name} staat ook op regel {seen[name]}")
            seen.setdefault(name, line)
        if row["centrumgemeente"] and row["centrumgemeente"] not in members:
            problems.append(f"regel {line}: centrumgemeente {row['centrumgemeente']} is geen lid")
    if problems:
        raise SchemeDataError("regions.csv:\n" + "\n".join(problems))
    return rows


@transaction.atomic
def load_region_set(name: str, *, actor=None) -> LoadedSet:
    """Load (or update) a set; idempotent, and all or nothing. Once a scheme is divided over
    the set, its regions and their municipalities no longer change: loading the same file
    again is allowed, another division is refused."""
    about, rows = _read(region_set_dir(name))
    region_set, _created = RegionSet.objects.update_or_create(
        slug=about["slug"],
        defaults={
            "name": about["name"],
            "name_en": about.get("name_en", ""),
            "description": about.get("description", ""),
            "description_en": about.get("description_en", ""),
            "source": about["source"],
        },
    )
    if region_set.schemes.exists() and _division(region_set) != _division_in(rows):
        used_by = ", ".join(region_set.schemes.order_by("slug").values_list("slug", flat=True))
        raise SchemeDataError(
            f"Regio-indeling '{region_set.slug}' wordt al gebruikt door {used_by}: haar regio's "
            "en hun gemeenten veranderen niet meer. Laad een andere indeling onder een nieuwe "
            "korte naam."
        )
    regions = load_regions(region_set, rows)
    _remove_what_the_file_left_out(region_set, rows)
    load_demo_units(region_set)
    linked, unserved = _carry_companies(region_set)
    record(
        action="region_set.loaded",
        obj=region_set,
        actor=actor,
        after={"slug": region_set.slug, "regions": len(regions), "unserved": len(unserved)},
    )
    municipalities = Municipality.objects.filter(region_set=region_set).count()
    return LoadedSet(region_set, len(regions), municipalities, linked, unserved)


def _members(row: dict[str, str]) -> frozenset[str]:
    return frozenset(filter(None, (m.strip() for m in row["member_gemeenten"].split(";"))))


def _division_in(rows: list[dict[str, str]]) -> dict:
    return {
        row["code"]: (row["name"], row["centrumgemeente"] or None, _members(row)) for row in rows
    }


def _division(region_set: RegionSet) -> dict:
    regions = Region.objects.filter(region_set=region_set).select_related("central_municipality")
    members: dict[int, set[str]] = {}
    for region_id, name in Municipality.objects.filter(region_set=region_set).values_list(
        "region_id", "name"
    ):
        members.setdefault(region_id, set()).add(name)
    return {
        r.code: (
            r.name,
            r.central_municipality.name if r.central_municipality else None,
            frozenset(members.get(r.pk, ())),
        )
        for r in regions
    }


def _remove_what_the_file_left_out(region_set: RegionSet, rows: list[dict[str, str]]) -> None:
    """A corrected file replaces the set: regions and municipalities it no longer names go
    (only possible while no scheme uses the set, which load_region_set made sure of)."""
    codes = {row["code"] for row in rows}
    names = set().union(*(_members(row) for row in rows))
    stale_regions = Region.objects.filter(region_set=region_set).exclude(code__in=codes)
    stale_regions.update(central_municipality=None)
    Municipality.objects.filter(region_set=region_set).exclude(name__in=names).delete()
    stale_regions.delete()


def _carry_companies(region_set: RegionSet) -> tuple[int, list[str]]:
    """Each company serves the municipalities of the new set that carry the name of one it
    serves in another set, and works in the region of the new set with the centrumgemeente of a
    region a source names it for without municipalities (Rijnmond's, in 2015); (companies
    linked by municipality, names of municipalities nobody serves)."""
    here = {m.name: m for m in Municipality.objects.filter(region_set=region_set)}
    served = SwCompany.municipalities.through
    same_name = (
        served.objects.exclude(municipality__region_set=region_set)
        .filter(municipality__name__in=list(here))
        .values_list("swcompany_id", "municipality__name")
    )
    wanted = {(company_id, here[name].pk) for company_id, name in same_name}
    serving = _link(served, "municipality", wanted, region_set)

    by_centre = {
        r.central_municipality.name: r.pk
        for r in Region.objects.filter(
            region_set=region_set, central_municipality__isnull=False
        ).select_related("central_municipality")
    }
    active = SwCompany.regions_without_known_municipalities.through
    same_centre = (
        active.objects.exclude(region__region_set=region_set)
        .filter(region__central_municipality__name__in=list(by_centre))
        .values_list("swcompany_id", "region__central_municipality__name")
    )
    covered = _link(active, "region", {(c, by_centre[name]) for c, name in same_centre}, region_set)

    served_ids = {municipality_id for _company, municipality_id in serving}
    covered_ids = {region_id for _company, region_id in covered}  # served, though not by name
    unserved = sorted(
        name
        for name, m in here.items()
        if m.pk not in served_ids and m.region_id not in covered_ids
    )
    return len({company_id for company_id, _m in wanted}), unserved


def _link(through, target: str, wanted: set[tuple[int, int]], region_set: RegionSet) -> set:
    """Adds the (company, target) links of `through` that the set lacks; all its links now."""
    existing = set(
        through.objects.filter(**{f"{target}__region_set": region_set}).values_list(
            "swcompany_id", f"{target}_id"
        )
    )
    through.objects.bulk_create(
        through(swcompany_id=company_id, **{f"{target}_id": target_id})
        for company_id, target_id in sorted(wanted - existing)
    )
    return wanted | existing

"""The counting rule of the activity map, in pure Python so it can be tested on any input.

A region counts once. Its counted plans together are its regional plan, as in the Cedris
overview of 2015 where each of the 35 regions had one plan ("in 31 van de 35 plannen", "in 60%
van de regio's"). An activity type occurs in a region when at least one activity of at least one
counted plan of that region has that type, however many such activities there are. The
denominator is the number of regions with at least one counted plan. A region with two plans
therefore counts once, never twice; the number of plans is reported beside it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SHARE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class TypeInfo:
    pk: int
    code: str
    label: str
    theme_code: str
    theme_number: int
    theme_name: str
    key: str  # "1.2": theme number and place within the theme, for narrow table headers


@dataclass(frozen=True)
class PlanInfo:
    pk: int
    region_code: str
    state: str
    is_demo: bool
    type_pks: frozenset[int]


@dataclass(frozen=True)
class RegionInfo:
    code: str
    name: str


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    plans: tuple[PlanInfo, ...]
    type_pks: frozenset[int]

    @property
    def counted(self) -> bool:
        return bool(self.plans)


@dataclass(frozen=True)
class TypeCount:
    type: TypeInfo
    regions: tuple[str, ...]  # codes, sorted
    plans: int  # counted plans with at least one activity of this type
    share: Decimal | None  # regions / regions counted, 4 decimals; None when nothing counts

    @property
    def count(self) -> int:
        return len(self.regions)

    @property
    def percent(self) -> int | None:
        return None if self.share is None else whole_percent(self.share)


@dataclass(frozen=True)
class ThemeCounts:
    number: int
    code: str
    name: str
    types: tuple[TypeCount, ...]


@dataclass(frozen=True)
class Counts:
    regions: tuple[RegionRow, ...]  # every region, counted or not, in code order
    types: tuple[TypeCount, ...]  # taxonomy order
    plans_counted: int
    regions_counted: int
    demo_plans: int

    @property
    def themes(self) -> list[ThemeCounts]:
        themes: dict[int, list[TypeCount]] = {}
        for item in self.types:
            themes.setdefault(item.type.theme_number, []).append(item)
        return [
            ThemeCounts(n, items[0].type.theme_code, items[0].type.theme_name, tuple(items))
            for n, items in sorted(themes.items())
        ]

    def cell(self, region: RegionRow, item: TypeCount) -> bool:
        return item.type.pk in region.type_pks

    def matrix(self) -> list[tuple[RegionRow, list[bool]]]:
        """Region x activity type, rows in code order, columns in taxonomy order."""
        return [
            (region, [self.cell(region, item) for item in self.types]) for region in self.regions
        ]


def share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)


def whole_percent(value: Decimal) -> int:
    """0.8857 -> 89: how the source writes shares ("in 60% van de regio's")."""
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def count(
    types: Iterable[TypeInfo], plans: Iterable[PlanInfo], regions: Iterable[RegionInfo]
) -> Counts:
    """Plans of a region that is not in `regions` are ignored: the map has no place for them."""
    types = list(types)
    known = {t.pk for t in types}
    by_region: dict[str, list[PlanInfo]] = {}
    for plan in plans:
        by_region.setdefault(plan.region_code, []).append(plan)
    rows = []
    for region in sorted(regions, key=lambda r: r.code):
        own = tuple(sorted(by_region.get(region.code, []), key=lambda p: p.pk))
        type_pks = frozenset().union(*(p.type_pks for p in own)) & known
        rows.append(RegionRow(region.code, region.name, own, type_pks))
    counted = [row for row in rows if row.counted]
    items = []
    for item in types:
        codes = tuple(row.code for row in counted if item.pk in row.type_pks)
        plans_with = sum(1 for row in counted for p in row.plans if item.pk in p.type_pks)
        items.append(TypeCount(item, codes, plans_with, share(len(codes), len(counted))))
    all_plans = [p for row in counted for p in row.plans]
    return Counts(
        regions=tuple(rows),
        types=tuple(items),
        plans_counted=len(all_plans),
        regions_counted=len(counted),
        demo_plans=sum(1 for p in all_plans if p.is_demo),
    )

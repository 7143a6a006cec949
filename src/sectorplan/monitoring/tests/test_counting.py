"""Properties of the counting rule on any plans, without a database."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sectorplan.monitoring.counting import PlanInfo, RegionInfo, TypeInfo, count, share

TYPES = [
    TypeInfo(pk, f"type-{pk}", f"Type {pk}", f"theme-{pk % 3}", pk % 3 + 1, "Thema", f"x.{pk}")
    for pk in range(1, 9)
]
REGIONS = [RegionInfo(f"AM{n:02d}", f"Regio {n}") for n in range(1, 8)]

plans_strategy = st.lists(
    st.tuples(
        st.sampled_from([r.code for r in REGIONS] + ["AM99"]),  # AM99: not on the map
        st.booleans(),
        st.frozensets(st.integers(min_value=1, max_value=10)),  # 9, 10: not in the taxonomy
    ),
    max_size=20,
)


def _plans(raw) -> list[PlanInfo]:
    return [
        PlanInfo(pk, region, "approved", is_demo, type_pks)
        for pk, (region, is_demo, type_pks) in enumerate(raw, start=1)
    ]


@given(plans_strategy)
def test_counts_shares_and_matrix_hold_together(raw):
    plans = _plans(raw)
    counts = count(TYPES, plans, REGIONS)
    on_map = [p for p in plans if p.region_code != "AM99"]
    regions_with_plans = {p.region_code for p in on_map}
    assert counts.plans_counted == len(on_map)
    assert counts.regions_counted == len(regions_with_plans)
    assert counts.demo_plans == sum(p.is_demo for p in on_map)
    assert [r.code for r in counts.regions] == [r.code for r in REGIONS]
    for item in counts.types:
        assert item.count <= counts.regions_counted
        assert item.count <= item.plans <= counts.plans_counted
        if counts.regions_counted:
            assert item.share == share(item.count, counts.regions_counted)
            assert abs(item.share - Decimal(item.count) / counts.regions_counted) <= Decimal(
                "0.00005"
            )
            assert Decimal(0) <= item.share <= Decimal(1)
        else:
            assert item.share is None and item.percent is None
        # the column of the matrix is the list of regions
        assert [r.code for r, cells in counts.matrix() if cells[counts.types.index(item)]] == (
            list(item.regions)
        )
    known_types = {t.pk for t in TYPES}
    for region, cells in counts.matrix():
        own = [p for p in on_map if p.region_code == region.code]
        types_in_region = set().union(*(p.type_pks for p in own)) & known_types
        assert sum(cells) == len(types_in_region) == len(region.type_pks)
        assert region.counted == bool(own)


@given(plans_strategy, st.integers(min_value=1, max_value=4))
def test_repeating_a_type_or_splitting_a_plan_changes_no_region_count(raw, copies):
    """A region counts once per type, however many activities or plans carry it."""
    plans = _plans(raw)
    split = [
        PlanInfo(1000 * n + p.pk, p.region_code, p.state, p.is_demo, p.type_pks)
        for p in plans
        for n in range(copies)
    ]
    once, many = count(TYPES, plans, REGIONS), count(TYPES, split, REGIONS)
    assert [(t.regions, t.share) for t in once.types] == [(t.regions, t.share) for t in many.types]
    assert many.plans_counted == once.plans_counted * copies


def test_share_rounds_half_up_to_four_decimals():
    assert share(2, 3) == Decimal("0.6667")
    assert share(31, 35) == Decimal("0.8857")
    assert share(1, 8) == Decimal("0.1250")
    assert share(0, 0) is None


def _counted(*numbers: int, total: int = 10):
    from sectorplan.monitoring.counting import TypeCount

    labels = ["Eerste type", "Tweede type", "Derde type", "Vierde type", "ICT-samenwerking"]
    return [
        TypeCount(
            TypeInfo(i, f"t{i}", labels[i], "thema", 1, "Thema", f"1.{i + 1}"),
            tuple(f"AM{n:02d}" for n in range(1, number + 1)),
            number,
            share(number, total),
        )
        for i, number in enumerate(numbers)
    ]


def test_sentences_for_ties_of_three_and_acronyms():
    from sectorplan.monitoring.summary import theme_sentences

    assert theme_sentences(_counted(4, 4, 4, 2, 2), 10) == [
        "Activiteiten voor eerste type, voor tweede type en voor derde type komen het meest "
        "voor, even vaak: elk in 4 van de 10 regio's (40%).",
        "Activiteiten voor vierde type komen even vaak voor als activiteiten voor "
        "ICT-samenwerking: beide in 2 van de 10 regio's (20%).",
    ]
    assert theme_sentences(_counted(1, 7, 1, 1, 0), 10) == [
        "Activiteiten voor tweede type komen het meest voor: in 7 van de 10 regio's (70%).",
        "Activiteiten voor eerste type, voor derde type en voor vierde type komen even vaak "
        "voor: elk in 1 van de 10 regio's (10%).",
        "In geen enkele regio zijn er activiteiten voor ICT-samenwerking.",
    ]

"""Demo sector plans for the quick start: every region gets realistic-looking plans, clearly
marked as demo (is_demo, summary starting with "Demoplan:"), in the states a plan could have on
the demo date, 20 August 2015.

Deterministic: all content comes from random.Random seeded with the region code (choices across
regions rank the regions by such seeded keys), never from the clock or the global random.
Idempotent: a region that already has demo plans is skipped; other plans are never touched, and
their national contribution is left out of what the demo plans ask (rule 2).

The rows are written directly, not through the workflow: its date windows would refuse steps
that lie in the past. Every step a plan went through gets its StateChange row.
"""

import datetime
import random
from dataclasses import dataclass
from operator import attrgetter

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import slugify

from sectorplan.allocation.selectors import current_run, required_cofinancing_cents
from sectorplan.plans.models import (
    Activity,
    BudgetLine,
    Commitment,
    CommitmentStatus,
    CostCategory,
    FunderKind,
    Goal,
    Participant,
    Plan,
    PlanKind,
    StateChange,
)
from sectorplan.plans.states import RELEASED_STATES, PlanState
from sectorplan.registry.models import ActivityType, Region, Scheme
from sectorplan.registry.selectors import companies_working_in

from . import texts

# In how many of the 35 regions each activity type occurs, as in the Cedris overview of the
# 2015 plans: "in 31 van de 35 plannen" etc.; "in de helft" gives 17, "in 60%" gives 21.
CEDRIS_REGION_COUNTS = {
    "werk-naar-werk": 31,
    "passend-werk": 26,
    "werkfit": 26,
    "kennisdeling": 29,
    "jobcoaches": 27,
    "functiecreatie": 23,
    "overige-expertise": 17,
    "werkgeversdiensten": 30,
    "detacheringsfaciliteit": 22,
    "joint-ventures": 22,
    "beschut-werk": 21,
    "overige-transformatie": 14,
}
CEDRIS_REGIONS = 35
TWO_PLAN_REGIONS = 3  # regions with two plans, chosen among regions with two or more companies
LOW_SHARE_REGIONS = 4  # regions asking only 60-80% of their reservation: room for a new plan
# Plans per state on the demo date, besides the two main states that share the rest.
MINOR_STATES = [
    (PlanState.CONCEPT, 3),
    (PlanState.SUBMITTED_TO_MUNICIPALITY, 5),
    (PlanState.IN_REVIEW, 2),
    (PlanState.CHANGES_REQUESTED, 1),
]

COMPANY, MUNICIPALITY, CEDRIS = "company", "municipality", "cedris"
# The steps of a plan's life in order: (transition, from, to, who takes it).
STEPS = [
    ("submit_to_municipality", PlanState.CONCEPT, PlanState.SUBMITTED_TO_MUNICIPALITY, COMPANY),
    ("confirm_cofinancing", PlanState.SUBMITTED_TO_MUNICIPALITY,
     PlanState.COFINANCING_COMMITTED, MUNICIPALITY),
    ("submit_to_cedris", PlanState.COFINANCING_COMMITTED, PlanState.SUBMITTED_TO_CEDRIS, COMPANY),
    ("start_review", PlanState.SUBMITTED_TO_CEDRIS, PlanState.IN_REVIEW, CEDRIS),
    ("request_changes", PlanState.IN_REVIEW, PlanState.CHANGES_REQUESTED, CEDRIS),
]
STATE_ORDER = [PlanState.CONCEPT] + [to for _, _, to, _ in STEPS]

ACTIVITY_STARTS = [datetime.date(2015, 10, 1), datetime.date(2015, 11, 1),
                   datetime.date(2016, 1, 1), datetime.date(2016, 3, 1), datetime.date(2016, 6, 1)]
ACTIVITY_ENDS = [datetime.date(2016, 6, 30), datetime.date(2016, 9, 30),
                 datetime.date(2016, 12, 31)]


def _rng(*parts: str) -> random.Random:
    """A generator seeded from strings: str seeds are hashed with SHA-512, so stable."""
    return random.Random(":".join(parts))


def _ranked(keys: list[str], *salt: str) -> list[str]:
    return sorted(keys, key=lambda key: (_rng(key, *salt).random(), key))


def target_region_counts(type_codes: list[str], regions: int) -> dict[str, int]:
    """Regions per activity type: the Cedris figures scaled to the number of regions; a type
    the overview does not name occurs in half of them."""
    return {
        code: CEDRIS_REGION_COUNTS[code] * regions // CEDRIS_REGIONS
        if code in CEDRIS_REGION_COUNTS
        else regions // 2
        for code in type_codes
    }


def state_counts(plans: int) -> dict[str, int]:
    counts = dict(MINOR_STATES)
    rest = max(0, plans - sum(counts.values()))
    counts[PlanState.COFINANCING_COMMITTED] = rest * 2 // 5
    counts[PlanState.SUBMITTED_TO_CEDRIS] = rest - rest * 2 // 5
    return counts


@dataclass
class _Spec:
    region: Region
    index: int
    companies: list
    type_codes: list[str]
    state: str = PlanState.CONCEPT

    @property
    def key(self) -> str:
        return f"{self.region.code}:{self.index}"


def _layout(regions: list[Region], companies: dict[str, list], type_codes: list[str]):
    """Which plans exist, with which companies, activity types and state: decided over all
    regions at once, so a partial reload gives each region what a full load gives it."""
    codes = [r.code for r in regions if companies[r.code]]
    region_types: dict[str, list[str]] = {code: [] for code in codes}
    for type_code, count in target_region_counts(type_codes, len(codes)).items():
        for code in _ranked(codes, "type", type_code)[:count]:
            region_types[code].append(type_code)
    candidates = [c for c in codes if len(companies[c]) > 1 and len(region_types[c]) > 1]
    two = set(_ranked(candidates, "two-plans")[:TWO_PLAN_REGIONS])
    specs = []
    for region in regions:
        code = region.code
        if code not in region_types:
            continue
        if code not in two:
            specs.append(_Spec(region, 0, companies[code], region_types[code]))
            continue
        rng = _rng(code, "split")
        shuffled = list(companies[code])
        rng.shuffle(shuffled)
        half = (len(shuffled) + 1) // 2
        types = region_types[code]
        second = set(rng.sample(types, max(1, len(types) // 3)))
        for index, part in enumerate([shuffled[:half], shuffled[half:]]):
            part_types = [t for t in types if (t in second) == bool(index)]
            specs.append(_Spec(region, index, sorted(part, key=attrgetter("name")), part_types))
    states = [state for state, n in state_counts(len(specs)).items() for _ in range(n)]
    by_key = {spec.key: spec for spec in specs}
    for key, state in zip(_ranked(list(by_key), "state"), states, strict=False):
        by_key[key].state = state
    return specs


def _split(total: int, weights: list[int]) -> list[int]:
    """Integer parts in proportion to the weights, summing exactly to total."""
    parts = [total * w // sum(weights) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(texts.FIRST_NAMES), rng.choice(texts.LAST_NAMES)
    return f"{first} {last}", f"{slugify(first)}.{slugify(last).replace('-', '')}@example.org"


def _moment(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.datetime:
    """A working-day moment between first and last (inclusive), office hours."""
    days = [first + datetime.timedelta(n) for n in range(max(0, (last - first).days) + 1)]
    day = rng.choice([d for d in days if d.weekday() < 5] or days)
    return datetime.datetime(
        day.year, day.month, day.day, rng.randint(8, 16), rng.randint(0, 59),
        tzinfo=timezone.get_default_timezone(),
    )


def _timeline(rng: random.Random, state: str) -> list[datetime.datetime]:
    """Moments of creation and of each step up to the state, in order, all before 20-08-2015."""
    day = datetime.date
    created = _moment(rng, day(2015, 4, 7), day(2015, 5, 29))
    submitted = _moment(rng, day(2015, 6, 1), day(2015, 6, 19))
    confirmed = _moment(rng, submitted.date() + datetime.timedelta(1), day(2015, 6, 30))
    late = STATE_ORDER.index(state) > STATE_ORDER.index(PlanState.SUBMITTED_TO_CEDRIS)
    to_cedris = _moment(rng, day(2015, 7, 1), day(2015, 7, 24) if late else day(2015, 8, 14))
    review = _moment(rng, to_cedris.date() + datetime.timedelta(2),
                     min(to_cedris.date() + datetime.timedelta(12), day(2015, 8, 12)))
    changes = _moment(rng, review.date() + datetime.timedelta(2), day(2015, 8, 19))
    return [created, submitted, confirmed, to_cedris, review, changes]


def _quantity(rng: random.Random, low: int, high: int, national_cents: int) -> int:
    """A quantity given per EUR 1 mln national contribution, scaled to the plan."""
    return max(max(1, low // 3), rng.randint(low, high) * national_cents // 100_000_000)


@dataclass
class _Built:
    plan: Plan
    children: list
    steps: list[StateChange]
    moments: list[datetime.datetime]


def _build(spec: _Spec, national_cents: int, scheme: Scheme, types: dict, users: dict) -> _Built:
    region, rng = spec.region, _rng(spec.key, "content")
    municipality = region.central_municipality
    with_user = [c for c in spec.companies if users.get(_company_username(c))]
    lead = rng.choice(with_user or spec.companies)
    actors = {
        COMPANY: users.get(_company_username(lead)),
        MUNICIPALITY: users.get(_municipality_username(municipality)),
        CEDRIS: users.get("cedris"),
    }
    steps = []
    for code, before, after, role in STEPS[: STATE_ORDER.index(spec.state)]:
        if actors[role] is None:  # no demo account to have taken the step: the plan stops here
            break
        steps.append((code, before, after, actors[role]))
    state = steps[-1][2] if steps else PlanState.CONCEPT
    moments = _timeline(rng, spec.state)

    if spec.index:
        title = texts.SECOND_TITLES[types[spec.type_codes[0]].theme.number]
    else:
        title = rng.choice(texts.TITLES)
    names = [c.name for c in spec.companies]
    company_text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    focus = rng.sample(spec.type_codes, min(3, len(spec.type_codes)))
    focus_text = ", ".join(types[c].name[0].lower() + types[c].name[1:] for c in focus)
    summary = " ".join([
        texts.DEMO_PREFIX,
        rng.choice(texts.OPENINGS)[len(names) > 1].format(
            companies=company_text, region=region.name, municipality=municipality.name
        ),
        texts.FOCUS.format(focus=focus_text),
        rng.choice(texts.CLOSINGS),
    ])
    contact_name, contact_email = _person(rng)
    existing = rng.random() < (0.5 if spec.index else 0.15)
    plan = Plan(
        scheme=scheme, region=region, title=title.format(region=region.name),
        summary=summary, kind=PlanKind.EXISTING if existing else PlanKind.NEW, state=state,
        municipality_contact_name=contact_name, municipality_contact_email=contact_email,
        is_demo=True, created_by=actors[COMPANY], version=1 + len(steps),
    )
    children = []
    for company in spec.companies:
        name, email = _person(rng)
        children.append(Participant(plan=plan, sw_company=company, contact_name=name,
                                    contact_email=email))
    for type_code in spec.type_codes:
        description, unit, low, high = rng.choice(
            texts.ACTIVITIES.get(type_code) or [(types[type_code].name, "", 0, 0)]
        )
        start = rng.choice(ACTIVITY_STARTS)
        end = rng.choice([e for e in ACTIVITY_ENDS if (e - start).days >= 120])
        children.append(Activity(
            plan=plan, activity_type=types[type_code], description=description,
            planned_start=start, planned_end=end, planned_unit=unit,
            planned_quantity=_quantity(rng, low, high, national_cents) if unit else None,
        ))
    own = [texts.GOALS[c] for c in spec.type_codes if c in texts.GOALS]
    goals = rng.sample(own, min(len(own), rng.randint(2, 4)))
    units = {g[1] for g in goals}
    goals += [g for g in texts.GENERIC_GOALS if g[1] not in units][: max(0, 2 - len(goals))]
    for description, unit, low, high in goals:
        children.append(Goal(plan=plan, description=description, unit=unit,
                             planned_quantity=_quantity(rng, low, high, national_cents)))
    children += _budget(rng, plan, national_cents, scheme, municipality, actors[MUNICIPALITY],
                        confirmed=moments[2] if len(steps) >= 2 else None)
    changes = []
    for code, before, after, actor in steps:
        reason = rng.choice(texts.CHANGE_REQUESTS) if code == "request_changes" else ""
        changes.append(StateChange(plan=plan, transition=code, from_state=before, to_state=after,
                                   actor=actor, reason=reason))
    return _Built(plan, children, changes, moments[: len(steps) + 1])


def _budget(rng, plan, national_cents, scheme, municipality, municipal_user, confirmed):
    """Budget lines over the cost categories and the commitments that cover them."""
    extra = rng.choice([0, 0, 0, 5, 10, 15])  # percent co-financing above the minimum
    categories = [CostCategory.STAFF, CostCategory.TRAINING] + rng.sample(
        [CostCategory.ADVICE, CostCategory.MATERIAL, CostCategory.OTHER], rng.randint(1, 3)
    )
    categories = [c for c in CostCategory if c in categories]
    weights = [rng.randint(40, 60) if c == CostCategory.STAFF else
               rng.randint(15, 30) if c == CostCategory.TRAINING else rng.randint(5, 15)
               for c in categories]
    rows, cofinancing = [], 0
    for category, euros in zip(categories, _split(national_cents // 100, weights), strict=True):
        needed = required_cofinancing_cents(euros * 100, scheme.cofinancing_ratio)
        line_cofinancing = -(-needed // 100) * 100 + euros * extra // 100 * 100
        cofinancing += line_cofinancing
        rows.append(BudgetLine(
            plan=plan, cost_category=category,
            description=rng.choice(texts.BUDGET_LINES[category]),
            national_contribution_cents=euros * 100, cofinancing_cents=line_cofinancing,
        ))
    funders = [(FunderKind.MUNICIPALITY, f"Gemeente {municipality.name}")]
    amounts = [cofinancing]
    fund = cofinancing * rng.randint(10, 30) // 100 // 100_000 * 100_000
    if rng.random() < 0.35 and fund > 0:
        funders.append((FunderKind.FUND, rng.choice(texts.FUNDS)))
        amounts = [cofinancing - fund, fund]
    committed = dict(status=CommitmentStatus.COMMITTED, committed_by=municipal_user,
                     committed_at=confirmed) if confirmed else {}
    for (kind, name), amount in zip(funders, amounts, strict=True):
        rows.append(Commitment(plan=plan, funder_kind=kind, funder_name=name,
                               amount_cents=amount, **committed))
    return rows


def _company_username(company) -> str:
    return f"bedrijf-{slugify(company.name)}"[:150]


def _municipality_username(municipality) -> str:
    return f"gemeente-{slugify(municipality.name)}"


@transaction.atomic
def load_demo_plans(scheme: Scheme) -> int:
    """Creates the demo plans of every region without demo plans; returns how many. Needs the
    scheme's allocation run (the reservations); without it nothing is created."""
    run = current_run(scheme)
    if run is None:
        return 0
    reservations = dict(run.reservations.values_list("region_id", "amount_cents"))
    regions = list(Region.objects.select_related("central_municipality").order_by("code"))
    regions = [r for r in regions if r.central_municipality_id and r.pk in reservations]
    companies = {r.code: list(companies_working_in(r)) for r in regions}
    taxonomy = ActivityType.objects.filter(theme__scheme=scheme).select_related("theme")
    types = {t.code: t for t in taxonomy.order_by("theme__number", "order", "code")}
    done = set(
        Plan.objects.filter(scheme=scheme, is_demo=True).values_list("region_id", flat=True)
    )
    requested = dict(
        Plan.objects.filter(scheme=scheme)
        .exclude(state__in=RELEASED_STATES)
        .values("region_id")
        .annotate(cents=Sum("budget_lines__national_contribution_cents"))
        .values_list("region_id", "cents")
    )
    usernames = {"cedris"} | {_municipality_username(r.central_municipality) for r in regions}
    usernames |= {_company_username(c) for cs in companies.values() for c in cs}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}

    specs = [s for s in _layout(regions, companies, list(types)) if s.region.pk not in done]
    # AM19 is where the quick start's demo accounts (DZB Leiden, Gemeente Leiden) work: leave
    # them room to write a plan of their own.
    low = set(_ranked([r.code for r in regions], "low-share")[:LOW_SHARE_REGIONS]) | {"AM19"}
    built = []
    for region in regions:
        plans = [s for s in specs if s.region is region]
        if not plans:
            continue
        rng = _rng(region.code, "budget")
        reservation = reservations[region.pk]
        share = rng.randint(600, 800) if region.code in low else rng.randint(850, 1000)
        available = reservation - (requested.get(region.pk) or 0)
        euros = min(reservation * share // 1000, available) // 100
        if euros < 1000 * len(plans):  # no real room left next to the plans already there
            continue
        first = rng.randint(55, 70)
        weights = [first, 100 - first] if len(plans) > 1 else [100]
        for spec, part in zip(plans, _split(euros, weights), strict=True):
            built.append(_build(spec, part * 100, scheme, types, users))

    Plan.objects.bulk_create([b.plan for b in built])
    children: dict[type, list] = {}
    for b in built:
        for child in b.children:
            children.setdefault(type(child), []).append(child)
    for model, rows in children.items():
        model.objects.bulk_create(rows)
    changes = [c for b in built for c in b.steps]
    StateChange.objects.bulk_create(changes)
    # created_at, updated_at and occurred_at are set automatically on insert: put the history
    # back in 2015 (bulk_update does not apply auto_now).
    for b in built:
        b.plan.created_at, b.plan.updated_at = b.moments[0], b.moments[-1]
        for change, moment in zip(b.steps, b.moments[1:], strict=True):
            change.occurred_at = moment
    Plan.objects.bulk_update([b.plan for b in built], ["created_at", "updated_at"])
    StateChange.objects.bulk_update(changes, ["occurred_at"])
    return len(built)


def load_extra_plan(scheme: Scheme, region: Region, users: dict) -> Plan | None:
    """A further concept plan for `region` in a tenth of its reservation, if that much is still
    free (the story's new plan, written after an extension); None when there is no room."""
    run = current_run(scheme)
    reservation = run.reservations.filter(region=region).values_list("amount_cents", flat=True)
    asked = (
        Plan.objects.filter(scheme=scheme, region=region)
        .exclude(state__in=RELEASED_STATES)
        .aggregate(cents=Sum("budget_lines__national_contribution_cents"))["cents"]
        or 0
    )
    euros = min(reservation[0] - asked, reservation[0] // 10) // 100 if reservation else 0
    companies = sorted(companies_working_in(region), key=attrgetter("name"))
    if euros < 1000 or not companies:
        return None
    taxonomy = ActivityType.objects.filter(theme__scheme=scheme).select_related("theme")
    types = {t.code: t for t in taxonomy.order_by("theme__number", "order", "code")}
    codes = _ranked(list(types), region.code, "extra")[:3]
    built = _build(_Spec(region, 1, companies, codes), euros * 100, scheme, types, users)
    built.plan.save()
    for child in built.children:
        child.plan = built.plan
        child.save()
    return built.plan

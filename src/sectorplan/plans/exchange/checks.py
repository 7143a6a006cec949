"""The second check of a file, after its structure is known to be right: references between its
parts, duplicates, the order of dates, and the scheme's invariants that the database relies on
(rule 1: reservations add up to the run's total; rule 2: a region's plans never request more
than its reservation in the latest run)."""

from collections import defaultdict

from sectorplan.money import format_euro
from sectorplan.plans.models import CommitmentStatus
from sectorplan.plans.states import RELEASED_STATES

from .values import Problems, parse_date, path_text


def _unique(problems: Problems, path: tuple, items: list[dict], key: str) -> dict:
    """Index of `items` by `key`; a value that occurs again is reported at the later place."""
    seen: dict = {}
    for index, item in enumerate(items):
        value = item[key]
        if value in seen:
            first = path_text((*path, seen[value]))
            problems.add((*path, index, key), f"'{value}' komt dubbel voor (ook in {first})")
        else:
            seen[value] = index
    return seen


class _Checker:
    def __init__(self, data: dict, problems: Problems):
        self.data = data
        self.problems = problems
        self.regions = {r["code"] for r in data["regions"]}
        self.municipalities = {m["name"]: m for m in data["municipalities"]}
        self.companies = {c["name"] for c in data["sw_companies"]}

    def add(self, path, message: str) -> None:
        self.problems.add(path, message)

    def region(self, path: tuple, code: str) -> None:
        if code not in self.regions:
            self.add(path, f"onbekende regio '{code}' (niet in regions)")

    def run(self) -> None:
        self.scheme()
        self.registry()
        self.allocation_runs()
        self.extensions()
        for index, plan in enumerate(self.data["plans"]):
            self.plan(("plans", index), plan)
        self.reservations_suffice()

    def scheme(self) -> None:
        scheme = self.data["scheme"]
        weights = scheme.get("region_weights", {}).get("weights", {})
        if scheme["allocation_key"] == "region_weights" and not weights:
            self.add(("scheme", "region_weights"), "ontbreekt (allocation_key is region_weights)")
        for code in weights:
            self.region(("scheme", "region_weights", "weights", code), code)
        themes = scheme["themes"]
        _unique(self.problems, ("scheme", "themes"), themes, "number")
        _unique(self.problems, ("scheme", "themes"), themes, "code")
        self.activity_types = defaultdict(set)
        for index, theme in enumerate(themes):
            path = ("scheme", "themes", index, "activity_types")
            _unique(self.problems, path, theme["activity_types"], "code")
            self.activity_types[theme["code"]].update(t["code"] for t in theme["activity_types"])
        milestones = scheme["milestones"]
        self.milestone_kinds = set(
            _unique(self.problems, ("scheme", "milestones"), milestones, "kind")
        )
        for index, milestone in enumerate(milestones):
            self.not_before(("scheme", "milestones", index), milestone, "starts_on", "ends_on")

    def not_before(self, path: tuple, item: dict, start: str, end: str) -> None:
        first, last = parse_date(item[start]), parse_date(item[end])
        if first and last and last < first:
            self.add((*path, end), f"ligt voor {start} ({item[start]})")

    def registry(self) -> None:
        _unique(self.problems, ("regions",), self.data["regions"], "code")
        _unique(self.problems, ("municipalities",), self.data["municipalities"], "name")
        _unique(self.problems, ("sw_companies",), self.data["sw_companies"], "name")
        for index, municipality in enumerate(self.data["municipalities"]):
            self.region(("municipalities", index, "region"), municipality["region"])
        for index, region in enumerate(self.data["regions"]):
            name = region["central_municipality"]
            if name is None:
                continue
            path = ("regions", index, "central_municipality")
            if name not in self.municipalities:
                self.add(path, f"onbekende gemeente '{name}' (niet in municipalities)")
            elif self.municipalities[name]["region"] != region["code"]:
                actual = self.municipalities[name]["region"]
                self.add(path, f"gemeente '{name}' ligt in regio {actual}, niet in deze regio")
        for index, company in enumerate(self.data["sw_companies"]):
            for position, name in enumerate(company["municipalities"]):
                if name not in self.municipalities:
                    self.add(
                        ("sw_companies", index, "municipalities", position),
                        f"onbekende gemeente '{name}' (niet in municipalities)",
                    )
            for position, code in enumerate(company["regions_without_known_municipalities"]):
                path = ("sw_companies", index, "regions_without_known_municipalities", position)
                self.region(path, code)

    def allocation_runs(self) -> None:
        runs = self.data["allocation_runs"]
        _unique(self.problems, ("allocation_runs",), runs, "number")
        for index, run in enumerate(runs):
            path = ("allocation_runs", index, "reservations")
            _unique(self.problems, path, run["reservations"], "region")
            for position, reservation in enumerate(run["reservations"]):
                self.region((*path, position, "region"), reservation["region"])
            total = sum(r["amount_cents"] for r in run["reservations"])
            if run["reservations"] and total != run["total_cents"]:
                self.add(
                    ("allocation_runs", index, "total_cents"),
                    f"de reserveringen tellen op tot {total} cent, niet tot {run['total_cents']}",
                )

    def extensions(self) -> None:
        for index, extension in enumerate(self.data["deadline_extensions"]):
            path = ("deadline_extensions", index)
            self.region((*path, "region"), extension["region"])
            if extension["kind"] not in self.milestone_kinds:
                self.add(
                    (*path, "kind"),
                    f"de regeling heeft geen mijlpaal '{extension['kind']}' (scheme.milestones)",
                )

    def plan(self, path: tuple, plan: dict) -> None:
        self.region((*path, "region"), plan["region"])
        participants = plan["participants"]
        _unique(self.problems, (*path, "participants"), participants, "sw_company")
        for index, participant in enumerate(participants):
            if participant["sw_company"] not in self.companies:
                self.add(
                    (*path, "participants", index, "sw_company"),
                    f"onbekend SW-bedrijf '{participant['sw_company']}' (niet in sw_companies)",
                )
        for index, activity in enumerate(plan["activities"]):
            here = (*path, "activities", index)
            theme, code = activity["theme"], activity["activity_type"]
            if theme not in self.activity_types:
                self.add((*here, "theme"), f"onbekend thema '{theme}' (niet in scheme.themes)")
            elif code not in self.activity_types[theme]:
                self.add(
                    (*here, "activity_type"),
                    f"onbekend activiteitstype '{code}' in thema '{theme}'",
                )
            self.not_before(here, activity, "planned_start", "planned_end")
        for index, commitment in enumerate(plan["commitments"]):
            if (
                commitment["status"] == CommitmentStatus.COMMITTED
                and not commitment["committed_at"]
            ):
                self.add(
                    (*path, "commitments", index, "committed_at"),
                    "is verplicht bij status 'committed'",
                )

    def reservations_suffice(self) -> None:
        """Rule 2, against the run with the highest number (the one the application uses)."""
        runs = self.data["allocation_runs"]
        latest = max(runs, key=lambda r: r["number"]) if runs else None
        reserved = (
            {r["region"]: r["amount_cents"] for r in latest["reservations"]} if latest else {}
        )
        requested: dict[str, int] = defaultdict(int)
        places: dict[str, list[str]] = defaultdict(list)
        for index, plan in enumerate(self.data["plans"]):
            if plan["state"] in RELEASED_STATES:
                continue
            amount = sum(line["national_contribution_cents"] for line in plan["budget_lines"])
            requested[plan["region"]] += amount
            places[plan["region"]].append(f"plans[{index}]")
        for code in sorted(requested):
            if requested[code] == 0 or code not in self.regions:
                continue
            if latest is None:
                self.add(
                    ("allocation_runs",),
                    f"er is geen verdeling, maar de plannen van regio {code} vragen rijksbijdrage",
                )
                continue
            reservation = reserved.get(code, 0)
            if requested[code] > reservation:
                self.add(
                    ("plans",),
                    f"de plannen van regio {code} ({', '.join(places[code])}) vragen samen "
                    f"{format_euro(requested[code])} rijksbijdrage; de reservering in verdeling "
                    f"{latest['number']} is {format_euro(reservation)}: "
                    f"{format_euro(requested[code] - reservation)} te veel",
                )


def check_references(data: dict, problems: Problems) -> None:
    _Checker(data, problems).run()

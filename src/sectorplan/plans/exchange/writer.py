"""Writing a checked exchange file into the database: bulk inserts in file order (so lists
without a natural key keep their order), then the moments Django set to "now" put back.

Only called by importer.import_scheme, inside its transaction, after every check passed."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model

from sectorplan.allocation.models import AllocationRun, Reservation
from sectorplan.assessment import queues
from sectorplan.audit.services import record
from sectorplan.plans.models import (
    Activity,
    BudgetLine,
    Commitment,
    Goal,
    Participant,
    Plan,
    StateChange,
)
from sectorplan.registry.models import (
    ActivityType,
    DeadlineExtension,
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

from .values import FORMAT, VERSION, parse_date, parse_datetime


@dataclass
class ImportResult:
    scheme: Scheme
    counts: dict[str, int]
    created_users: list[str] = field(default_factory=list)
    skipped_attachments: list[str] = field(default_factory=list)


def _restore(model, objects: list, values: dict[str, list]) -> None:
    """Put back moments that auto_now(_add) overwrote on create (bulk_update skips pre_save)."""
    for name, column in values.items():
        for obj, value in zip(objects, column, strict=True):
            setattr(obj, name, value)
    if objects:
        model.objects.bulk_update(objects, list(values), batch_size=500)


class Writer:
    def __init__(self, data: dict):
        self.data = data
        self.result_users: list[str] = []
        self.skipped: list[str] = []

    def write(self) -> ImportResult:
        self.users = self._users()
        scheme = self._scheme()
        self._registry()
        self._weights(scheme)
        self._allocation_runs(scheme)
        self._extensions(scheme)
        plans = self._plans(scheme)
        # bulk_create sends no save signals: derive the waiting columns, which also makes the
        # cached summaries count again (plans.summary_cache).
        queues.refresh(Plan.objects.filter(scheme=scheme))
        counts = {
            "regions": len(self.regions),
            "municipalities": len(self.municipalities),
            "sw_companies": len(self.companies),
            "allocation_runs": len(self.data["allocation_runs"]),
            "deadline_extensions": len(self.data["deadline_extensions"]),
            "plans": len(plans),
        }
        record(
            action="scheme.imported",
            obj=scheme,
            after={**counts, "created_users": self.result_users},
            reason=f"Ingelezen uit een uitwisselbestand ({FORMAT} versie {VERSION}).",
        )
        return ImportResult(scheme, counts, self.result_users, self.skipped)

    def _users(self) -> dict:
        data = self.data
        names = {run["created_by"] for run in data["allocation_runs"]}
        names |= {e["granted_by"] for e in data["deadline_extensions"]}
        for plan in data["plans"]:
            names.add(plan["created_by"])
            names |= {c["committed_by"] for c in plan["commitments"]}
            names |= {s["actor"] for s in plan["state_changes"]}
        names.discard(None)
        User = get_user_model()
        users = {u.get_username(): u for u in User.objects.filter(username__in=names)}
        new = []
        for name in sorted(names - set(users)):
            user = User(username=name, is_active=False)
            user.set_unusable_password()
            new.append(user)
        User.objects.bulk_create(new)
        self.result_users = [u.get_username() for u in new]
        users.update({u.get_username(): u for u in new})
        return users

    def _user(self, name: str | None):
        return None if name is None else self.users[name]

    def _scheme(self) -> Scheme:
        s = self.data["scheme"]
        given = s.get("region_set")
        if given is None:
            self.region_set = RegionSet.objects.get(pk=default_region_set_id())
        else:
            # An empty database may hold the set's row already (without regions): it is kept.
            self.region_set, _ = RegionSet.objects.update_or_create(
                slug=given["slug"],
                defaults={
                    "name": given["name"],
                    "name_en": given.get("name_en", ""),
                    "source": given["source"],
                },
            )
        scheme = Scheme.objects.create(
            region_set=self.region_set,
            name=s["name"],
            name_en=s.get("name_en", ""),
            slug=s["slug"],
            description=s["description"],
            description_en=s.get("description_en", ""),
            national_contribution_cents=s["national_contribution_cents"],
            cofinancing_ratio=Decimal(s["cofinancing_ratio"]),
            allocation_key=s["allocation_key"],
            legal_basis=s["legal_basis"],
            weights_source=s.get("region_weights", {}).get("source", ""),
            weights_are_demo=s.get("region_weights", {}).get("is_demo", False),
        )
        self.activity_types = {}
        for t in s["themes"]:
            theme = Theme.objects.create(
                scheme=scheme,
                number=t["number"],
                code=t["code"],
                name=t["name"],
                name_en=t.get("name_en", ""),
                description=t["description"],
                description_en=t.get("description_en", ""),
            )
            for a in t["activity_types"]:
                self.activity_types[(t["code"], a["code"])] = ActivityType(
                    theme=theme,
                    code=a["code"],
                    name=a["name"],
                    name_en=a.get("name_en", ""),
                    description=a["description"],
                    description_en=a.get("description_en", ""),
                    order=a["order"],
                )
        ActivityType.objects.bulk_create(self.activity_types.values())
        Milestone.objects.bulk_create(
            Milestone(
                scheme=scheme,
                kind=m["kind"],
                starts_on=parse_date(m["starts_on"]),
                ends_on=parse_date(m["ends_on"]),
                description=m["description"],
                questions=m.get("questions", []),
            )
            for m in s["milestones"]
        )
        return scheme

    @staticmethod
    def _units(item: dict) -> dict:
        se = item["standard_units"]
        return {
            "standard_units": None if se is None else Decimal(se),
            "standard_units_source": item["standard_units_source"],
            "standard_units_is_demo": item["standard_units_is_demo"],
        }

    def _weights(self, scheme: Scheme) -> None:
        weights = self.data["scheme"].get("region_weights", {}).get("weights", {})
        RegionWeight.objects.bulk_create(
            RegionWeight(scheme=scheme, region=self.regions[code], weight=Decimal(weight))
            for code, weight in weights.items()
        )

    def _registry(self) -> None:
        data = self.data
        self.regions = {
            r["code"]: Region(
                region_set=self.region_set,
                code=r["code"],
                name=r["name"],
                name_in_regulation=r["name_in_regulation"],
                **self._units(r),
            )
            for r in data["regions"]
        }
        Region.objects.bulk_create(self.regions.values())
        self.municipalities = {
            m["name"]: Municipality(
                region_set=self.region_set,
                name=m["name"],
                region=self.regions[m["region"]],
                membership_note=m["membership_note"],
                **self._units(m),
            )
            for m in data["municipalities"]
        }
        Municipality.objects.bulk_create(self.municipalities.values())
        centred = []
        for r in data["regions"]:
            if r["central_municipality"] is not None:
                region = self.regions[r["code"]]
                region.central_municipality = self.municipalities[r["central_municipality"]]
                centred.append(region)
        Region.objects.bulk_update(centred, ["central_municipality"])
        self.companies = {
            c["name"]: SwCompany(name=c["name"], is_demo=c["is_demo"], source=c["source"])
            for c in data["sw_companies"]
        }
        SwCompany.objects.bulk_create(self.companies.values())
        served = SwCompany.municipalities.through
        active = SwCompany.regions_without_known_municipalities.through
        served.objects.bulk_create(
            served(swcompany=self.companies[c["name"]], municipality=self.municipalities[name])
            for c in data["sw_companies"]
            for name in c["municipalities"]
        )
        active.objects.bulk_create(
            active(swcompany=self.companies[c["name"]], region=self.regions[code])
            for c in data["sw_companies"]
            for code in c["regions_without_known_municipalities"]
        )

    def _allocation_runs(self, scheme: Scheme) -> None:
        runs, reservations = [], []
        for r in self.data["allocation_runs"]:
            run = AllocationRun(
                scheme=scheme,
                number=r["number"],
                created_by=self._user(r["created_by"]),
                reason=r["reason"],
                method=r["method"],
                total_cents=r["total_cents"],
                uses_demo_units=r["uses_demo_units"],
            )
            runs.append(run)
            reservations += [
                Reservation(
                    run=run,
                    region=self.regions[item["region"]],
                    standard_units=Decimal(item["standard_units"]),
                    amount_cents=item["amount_cents"],
                )
                for item in r["reservations"]
            ]
        AllocationRun.objects.bulk_create(runs)
        moments = [parse_datetime(r["created_at"]) for r in self.data["allocation_runs"]]
        _restore(AllocationRun, runs, {"created_at": moments})
        Reservation.objects.bulk_create(reservations, batch_size=500)

    def _extensions(self, scheme: Scheme) -> None:
        items = self.data["deadline_extensions"]
        extensions = [
            DeadlineExtension(
                scheme=scheme,
                region=self.regions[e["region"]],
                kind=e["kind"],
                last_day=parse_date(e["last_day"]),
                reason=e["reason"],
                granted_by=self._user(e["granted_by"]),
            )
            for e in items
        ]
        DeadlineExtension.objects.bulk_create(extensions)
        moments = [parse_datetime(e["granted_at"]) for e in items]
        _restore(DeadlineExtension, extensions, {"granted_at": moments})

    def _plans(self, scheme: Scheme) -> list[Plan]:
        items = self.data["plans"]
        plans = [
            Plan(
                scheme=scheme,
                region=self.regions[p["region"]],
                title=p["title"],
                summary=p["summary"],
                kind=p["kind"],
                state=p["state"],
                municipality_contact_name=p["municipality_contact_name"],
                municipality_contact_email=p["municipality_contact_email"],
                is_demo=p["is_demo"],
                version=p["version"],
                created_by=self._user(p["created_by"]),
            )
            for p in items
        ]
        Plan.objects.bulk_create(plans)
        parts: dict[type, list] = {model: [] for model in PART_BUILDERS}
        occurred = []
        for plan, item in zip(plans, items, strict=True):
            for model, (key, build) in PART_BUILDERS.items():
                parts[model] += [build(self, plan, part) for part in item[key]]
            occurred += [parse_datetime(s["occurred_at"]) for s in item["state_changes"]]
            self.skipped += [
                f"{item['region']} {item['title']}: {a['original_name']}"
                for a in item["attachments"]
            ]
        for model, objects in parts.items():
            model.objects.bulk_create(objects, batch_size=500)
        _restore(StateChange, parts[StateChange], {"occurred_at": occurred})
        _restore(
            Plan,
            plans,
            {
                "created_at": [parse_datetime(p["created_at"]) for p in items],
                "updated_at": [parse_datetime(p["updated_at"]) for p in items],
            },
        )
        return plans


def _quantity(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


PART_BUILDERS = {
    Participant: (
        "participants",
        lambda w, plan, p: Participant(
            plan=plan,
            sw_company=w.companies[p["sw_company"]],
            contact_name=p["contact_name"],
            contact_email=p["contact_email"],
            contact_phone=p["contact_phone"],
            version=p["version"],
        ),
    ),
    Goal: (
        "goals",
        lambda w, plan, g: Goal(
            plan=plan,
            description=g["description"],
            planned_quantity=Decimal(g["planned_quantity"]),
            unit=g["unit"],
            version=g["version"],
        ),
    ),
    Activity: (
        "activities",
        lambda w, plan, a: Activity(
            plan=plan,
            activity_type=w.activity_types[(a["theme"], a["activity_type"])],
            description=a["description"],
            planned_start=parse_date(a["planned_start"]),
            planned_end=parse_date(a["planned_end"]),
            planned_quantity=_quantity(a["planned_quantity"]),
            planned_unit=a["planned_unit"],
            version=a["version"],
        ),
    ),
    BudgetLine: (
        "budget_lines",
        lambda w, plan, b: BudgetLine(
            plan=plan,
            cost_category=b["cost_category"],
            description=b["description"],
            national_contribution_cents=b["national_contribution_cents"],
            cofinancing_cents=b["cofinancing_cents"],
            version=b["version"],
        ),
    ),
    Commitment: (
        "commitments",
        lambda w, plan, c: Commitment(
            plan=plan,
            funder_kind=c["funder_kind"],
            funder_name=c["funder_name"],
            amount_cents=c["amount_cents"],
            status=c["status"],
            committed_by=w._user(c["committed_by"]),
            committed_at=parse_datetime(c["committed_at"]),
            version=c["version"],
        ),
    ),
    StateChange: (
        "state_changes",
        lambda w, plan, s: StateChange(
            plan=plan,
            transition=s["transition"],
            from_state=s["from_state"],
            to_state=s["to_state"],
            actor=w._user(s["actor"]),
            reason=s["reason"],
        ),
    ),
}

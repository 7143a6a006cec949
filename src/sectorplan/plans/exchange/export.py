"""Writing a scheme in the exchange format (docs/formats/scheme-exchange-v1.md).

The same database always gives the same bytes, on SQLite and PostgreSQL alike: every list is
sorted here in Python (never by a database collation), money is integer cents, decimals and
moments have one notation, and no primary key is written. Lists without a natural key (goals,
budget lines, commitments, ...) keep the order in which they were entered, which the importer
restores by inserting them in file order.
"""

import json
from contextlib import contextmanager
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Prefetch

from sectorplan.allocation.models import AllocationRun
from sectorplan.plans.models import Activity, Attachment, Commitment, Participant, Plan, StateChange
from sectorplan.registry.models import Municipality, Region, Scheme, SwCompany

from .values import FORMAT, VERSION, format_date, format_datetime, format_decimal


def dumps(data: dict) -> str:
    """The one serialisation of the format: UTF-8 text, sorted keys, two-space indent."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _user(user) -> str | None:
    return None if user is None else user.get_username()


def _se(value: Decimal | None) -> str | None:
    return format_decimal(value, 2)


def _units(obj) -> dict:
    return {
        "standard_units": _se(obj.standard_units),
        "standard_units_source": obj.standard_units_source,
        "standard_units_is_demo": obj.standard_units_is_demo,
    }


def export_scheme(scheme: Scheme) -> dict:
    with _snapshot():
        return {
            "format": FORMAT,
            "version": VERSION,
            "scheme": _scheme(scheme),
            "regions": _regions(scheme.region_set_id),
            "municipalities": _municipalities(scheme.region_set_id),
            "sw_companies": _companies(scheme.region_set_id),
            "allocation_runs": _allocation_runs(scheme),
            "deadline_extensions": _extensions(scheme),
            "plans": _plans(scheme),
        }


@contextmanager
def _snapshot():
    """Every query of one export sees the same moment, also while others keep writing: one
    transaction (on PostgreSQL a repeatable-read one, unless a caller already opened one)."""
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def _scheme(scheme: Scheme) -> dict:
    themes = []
    for theme in scheme.themes.prefetch_related("activity_types"):
        types = [
            {
                "code": t.code,
                "name": t.name,
                "name_en": t.name_en,
                "description": t.description,
                "description_en": t.description_en,
                "order": t.order,
            }
            for t in theme.activity_types.all()
        ]
        themes.append(
            {
                "number": theme.number,
                "code": theme.code,
                "name": theme.name,
                "name_en": theme.name_en,
                "description": theme.description,
                "description_en": theme.description_en,
                "activity_types": sorted(types, key=lambda t: (t["order"], t["code"])),
            }
        )
    milestones = [
        {
            "kind": m.kind,
            "starts_on": format_date(m.starts_on),
            "ends_on": format_date(m.ends_on),
            "description": m.description,
            **({"questions": m.questions} if m.questions else {}),
        }
        for m in scheme.milestones.all()
    ]
    return {
        "name": scheme.name,
        "name_en": scheme.name_en,
        "slug": scheme.slug,
        "description": scheme.description,
        "description_en": scheme.description_en,
        "national_contribution_cents": scheme.national_contribution_cents,
        "cofinancing_ratio": format_decimal(scheme.cofinancing_ratio, 3),
        "allocation_key": scheme.allocation_key,
        **region_weights_of(scheme),
        "region_set": {
            "slug": scheme.region_set.slug,
            "name": scheme.region_set.name,
            "name_en": scheme.region_set.name_en,
            "source": scheme.region_set.source,
        },
        "legal_basis": scheme.legal_basis,
        "themes": sorted(themes, key=lambda t: t["number"]),
        "milestones": sorted(milestones, key=lambda m: (m["starts_on"], m["kind"])),
    }


def region_weights_of(scheme) -> dict:
    """The scheme's weight per region, for a scheme divided by them; nothing for SE."""
    if not scheme.uses_region_weights:
        return {}
    weights = scheme.region_weights.order_by("region__code").values_list("region__code", "weight")
    return {
        "region_weights": {
            "source": scheme.weights_source,
            "is_demo": scheme.weights_are_demo,
            "weights": {code: format_decimal(weight, 2) for code, weight in weights},
        }
    }


def _regions(region_set_id: int) -> list[dict]:
    regions = [
        {
            "code": region.code,
            "name": region.name,
            "name_in_regulation": region.name_in_regulation,
            "central_municipality": (
                region.central_municipality.name if region.central_municipality else None
            ),
            **_units(region),
        }
        for region in Region.objects.filter(region_set=region_set_id).select_related(
            "central_municipality"
        )
    ]
    return sorted(regions, key=lambda r: r["code"])


def _municipalities(region_set_id: int) -> list[dict]:
    municipalities = [
        {
            "name": m.name,
            "region": m.region.code,
            "membership_note": m.membership_note,
            **_units(m),
        }
        for m in Municipality.objects.filter(region_set=region_set_id).select_related("region")
    ]
    return sorted(municipalities, key=lambda m: m["name"])


def _companies(region_set_id: int) -> list[dict]:
    """The companies with what they serve in the scheme's set of regions."""
    companies = SwCompany.objects.prefetch_related(
        Prefetch("municipalities", Municipality.objects.filter(region_set=region_set_id)),
        Prefetch(
            "regions_without_known_municipalities",
            Region.objects.filter(region_set=region_set_id),
        ),
    )
    rows = [
        {
            "name": c.name,
            "is_demo": c.is_demo,
            "source": c.source,
            "municipalities": sorted(m.name for m in c.municipalities.all()),
            "regions_without_known_municipalities": sorted(
                r.code for r in c.regions_without_known_municipalities.all()
            ),
        }
        for c in companies
    ]
    return sorted(rows, key=lambda c: c["name"])


def _allocation_runs(scheme: Scheme) -> list[dict]:
    runs = AllocationRun.objects.filter(scheme=scheme).select_related("created_by")
    rows = []
    for run in runs.prefetch_related("reservations__region"):
        reservations = [
            {
                "region": r.region.code,
                "standard_units": _se(r.standard_units),
                "amount_cents": r.amount_cents,
            }
            for r in run.reservations.all()
        ]
        rows.append(
            {
                "number": run.number,
                "reason": run.reason,
                "method": run.method,
                "total_cents": run.total_cents,
                "uses_demo_units": run.uses_demo_units,
                "created_at": format_datetime(run.created_at),
                "created_by": _user(run.created_by),
                "reservations": sorted(reservations, key=lambda r: r["region"]),
            }
        )
    return sorted(rows, key=lambda r: r["number"])


def _extensions(scheme: Scheme) -> list[dict]:
    rows = [
        {
            "region": e.region.code,
            "kind": e.kind,
            "last_day": format_date(e.last_day),
            "reason": e.reason,
            "granted_by": _user(e.granted_by),
            "granted_at": format_datetime(e.granted_at),
        }
        for e in scheme.extensions.select_related("region", "granted_by")
    ]
    return sorted(rows, key=lambda e: (e["region"], e["kind"], e["granted_at"], dumps(e)))


def _plans(scheme: Scheme) -> list[dict]:
    plans = (
        Plan.objects.filter(scheme=scheme)
        .select_related("region", "created_by")
        .prefetch_related(
            Prefetch("participants", Participant.objects.select_related("sw_company")),
            "goals",
            Prefetch("activities", Activity.objects.select_related("activity_type__theme")),
            "budget_lines",
            Prefetch("commitments", Commitment.objects.select_related("committed_by")),
            Prefetch("state_changes", StateChange.objects.select_related("actor")),
            Prefetch("attachments", Attachment.objects.select_related("uploaded_by")),
        )
    )
    rows = [_plan(plan) for plan in plans]
    return sorted(rows, key=lambda p: (p["region"], p["title"], p["created_at"], dumps(p)))


def _by_pk(objects) -> list:
    return sorted(objects, key=lambda o: o.pk)


def _plan(plan: Plan) -> dict:
    participants = [
        {
            "sw_company": p.sw_company.name,
            "contact_name": p.contact_name,
            "contact_email": p.contact_email,
            "contact_phone": p.contact_phone,
            "version": p.version,
        }
        for p in plan.participants.all()
    ]
    activities = sorted(
        plan.activities.all(),
        key=lambda a: (a.activity_type.theme.number, a.activity_type.order, a.pk),
    )
    return {
        "region": plan.region.code,
        "title": plan.title,
        "summary": plan.summary,
        "kind": plan.kind,
        "state": plan.state,
        "municipality_contact_name": plan.municipality_contact_name,
        "municipality_contact_email": plan.municipality_contact_email,
        "is_demo": plan.is_demo,
        "version": plan.version,
        "created_at": format_datetime(plan.created_at),
        "updated_at": format_datetime(plan.updated_at),
        "created_by": _user(plan.created_by),
        "participants": sorted(participants, key=lambda p: p["sw_company"]),
        "goals": [
            {
                "description": g.description,
                "planned_quantity": _se(g.planned_quantity),
                "unit": g.unit,
                "version": g.version,
            }
            for g in _by_pk(plan.goals.all())
        ],
        "activities": [
            {
                "theme": a.activity_type.theme.code,
                "activity_type": a.activity_type.code,
                "description": a.description,
                "planned_start": format_date(a.planned_start),
                "planned_end": format_date(a.planned_end),
                "planned_quantity": _se(a.planned_quantity),
                "planned_unit": a.planned_unit,
                "version": a.version,
            }
            for a in activities
        ],
        "budget_lines": [
            {
                "cost_category": b.cost_category,
                "description": b.description,
                "national_contribution_cents": b.national_contribution_cents,
                "cofinancing_cents": b.cofinancing_cents,
                "version": b.version,
            }
            for b in _by_pk(plan.budget_lines.all())
        ],
        "commitments": [
            {
                "funder_kind": c.funder_kind,
                "funder_name": c.funder_name,
                "amount_cents": c.amount_cents,
                "status": c.status,
                "committed_by": _user(c.committed_by),
                "committed_at": format_datetime(c.committed_at),
                "version": c.version,
            }
            for c in _by_pk(plan.commitments.all())
        ],
        "state_changes": [
            {
                "transition": s.transition,
                "from_state": s.from_state,
                "to_state": s.to_state,
                "actor": _user(s.actor),
                "reason": s.reason,
                "occurred_at": format_datetime(s.occurred_at),
            }
            for s in sorted(plan.state_changes.all(), key=lambda s: (s.occurred_at, s.pk))
        ],
        "attachments": sorted(
            (
                {
                    "original_name": a.original_name,
                    "content_type": a.content_type,
                    "size": a.size,
                    "uploaded_by": _user(a.uploaded_by),
                    "uploaded_at": format_datetime(a.uploaded_at),
                }
                for a in plan.attachments.all()
            ),
            key=lambda a: (a["uploaded_at"], a["original_name"], dumps(a)),
        ),
    }

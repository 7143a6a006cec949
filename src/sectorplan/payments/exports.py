"""The batch for BZK, what is left over and run comparisons as CSV/XLSX: exact cents as
decimal text in CSV, Decimal euros in XLSX."""

from django.utils.translation import gettext as _

from sectorplan.exports import Column, Sheet
from sectorplan.money import cents_to_decimal, cents_to_string

from .models import PaymentBatch
from .selectors import RegionLeftover, batch_lines

EURO = "#,##0.00"


def _money(rows: list[dict], keys: list[str]) -> list[dict]:
    return [{k: (cents_to_decimal(v) if k in keys else v) for k, v in row.items()} for row in rows]


def batch_sheet(batch: PaymentBatch) -> Sheet:
    columns = [
        Column("region_code", _("Regiocode")),
        Column("region", _("Arbeidsmarktregio")),
        Column("municipality", _("Centrumgemeente")),
        Column("amount", _("Bedrag"), EURO),
        Column("plans", _("Plannen")),
        Column("decisions", _("Beschikkingen")),
    ]
    raw = []
    for line in batch_lines(batch):
        raw.append(
            {
                "region_code": line.region.code,
                "region": line.region.name,
                "municipality": str(line.municipality),
                "amount": line.amount_cents,
                "plans": "; ".join(i.plan.title for i in line.items),
                "decisions": "; ".join(i.decision.reference for i in line.items),
            }
        )
    total = sum(r["amount"] for r in raw)
    notes = [
        _("Betaalbatch %(n)d, %(state)s.") % {"n": batch.number, "state": batch.get_state_display()}
    ]
    if any(i.plan.is_demo for i in batch.items.select_related("plan")):
        notes.append(_("Demogegevens: geen echte betaling."))
    return Sheet(
        _("Betaalbatch %(n)d") % {"n": batch.number},
        columns,
        [{**r, "amount": cents_to_string(r["amount"])} for r in raw],
        xlsx_rows=_money(raw, ["amount"]),
        notes=notes,
        footer={"region_code": _("Totaal"), "amount": cents_to_decimal(total)},
    )


def leftover_sheet(rows: list[RegionLeftover], new_amounts: dict[str, int] | None) -> Sheet:
    columns = [
        Column("region_code", _("Regiocode")),
        Column("region", _("Arbeidsmarktregio")),
        Column("reservation", _("Reservering"), EURO),
        Column("granted", _("Toegekend"), EURO),
        Column("requested", _("Gevraagd (niet afgewezen)"), EURO),
        Column("leftover", _("Over"), EURO),
        Column("what_if", _("Na herverdeling"), EURO),
    ]
    keys = ["reservation", "granted", "requested", "leftover", "what_if"]
    raw = [
        {
            "region_code": r.region.code,
            "region": r.region.name,
            "reservation": r.reservation_cents,
            "granted": r.granted_cents,
            "requested": r.requested_cents,
            "leftover": r.leftover_cents,
            "what_if": (new_amounts or {}).get(r.region.code, r.reservation_cents),
        }
        for r in rows
    ]
    text = [{k: (cents_to_string(v) if k in keys else v) for k, v in r.items()} for r in raw]
    return Sheet(_("Restant per regio"), columns, text, xlsx_rows=_money(raw, keys))

"""The budget per region as a sheet: the same numbers as the page and the API, to the cent."""

from django.utils.translation import gettext as _

from sectorplan.exports import Column, Sheet
from sectorplan.money import cents_to_decimal, cents_to_string
from sectorplan.registry.selectors import DEMO_NOTICE

from .selectors import Budget

EURO = '"€" #,##0.00'


def budget_sheet(budget: Budget) -> Sheet:
    columns = [
        Column("code", _("Code")),
        Column("name", _("Arbeidsmarktregio")),
        Column("central_municipality", _("Centrumgemeente")),
        Column("standard_units", budget.scheme.weight_label, "#,##0.00"),
        Column("share", _("Aandeel"), "0.0000%"),
        Column("reserved", _("Gereserveerde rijksbijdrage"), EURO),
        Column("cofinancing", _("Vereiste cofinanciering"), EURO),
        Column("total", _("Totaal"), EURO),
        Column("demo", _("Demogegevens")),
    ]
    demo = "ja" if budget.is_demo else "nee"
    rows, xlsx_rows = [], []
    for r in budget.rows:
        rows.append(
            {
                "code": r.code,
                "name": r.name,
                "central_municipality": r.central_municipality,
                "standard_units": f"{r.standard_units:.2f}",
                "share": f"{r.share:.10f}",
                "reserved": cents_to_string(r.reserved_cents),
                "cofinancing": cents_to_string(r.cofinancing_cents),
                "total": cents_to_string(r.total_cents),
                "demo": demo,
            }
        )
        xlsx_rows.append(
            {
                **rows[-1],
                "standard_units": r.standard_units,
                "share": r.share,
                "reserved": cents_to_decimal(r.reserved_cents),
                "cofinancing": cents_to_decimal(r.cofinancing_cents),
                "total": cents_to_decimal(r.total_cents),
            }
        )
    notes = [
        (
            _("Verdeling %(number)s, naar rato van een gewicht per regio, grootste-restmethode.")
            if budget.scheme.uses_region_weights
            else _(
                "Verdeling %(number)s, naar rato van standaardeenheden (SE), grootste-restmethode."
            )
        )
        % {"number": budget.run.number}
    ]
    if budget.scheme.uses_region_weights:
        notes.append(
            _("Bron van de gewichten: %(source)s") % {"source": budget.scheme.weights_source}
        )
    if budget.is_demo:
        notes.insert(0, str(DEMO_NOTICE))
    footer = {
        "name": _("Totaal"),
        "standard_units": budget.standard_units,
        "reserved": cents_to_decimal(budget.reserved_cents),
        "cofinancing": cents_to_decimal(budget.cofinancing_cents),
        "total": cents_to_decimal(budget.total_cents),
    }
    return Sheet(
        title=_("Budget per regio"),
        columns=columns,
        rows=rows,
        xlsx_rows=xlsx_rows,
        notes=notes,
        footer=footer,
    )

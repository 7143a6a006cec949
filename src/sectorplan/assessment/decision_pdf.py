"""SZW's grant decision (beschikking) on one regional sector plan, as an accessible PDF (PDF/UA-1).

The letter is always Dutch: it is a legal document addressed to a Dutch municipality, whatever
language the person who downloads it reads the site in. Every date in it comes from data (the
decision and the scheme's timeline), never from this code.

WeasyPrint is imported only when a PDF is rendered: it needs system libraries (Pango, HarfBuzz,
see scripts/system-packages.sh) that the rest of the application does not.
"""

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sectorplan.accounts.models import Ministry
from sectorplan.allocation.selectors import required_cofinancing_cents
from sectorplan.money import format_decimal, format_euro
from sectorplan.plans.selectors import plan_money
from sectorplan.registry.models import Milestone, MilestoneKind

from .models import GrantDecision

TEMPLATE = "assessment/decision_pdf.html"

# Rows of the dates table, in this order; the letter cannot promise a date the scheme lacks.
TIMELINE_KINDS = (
    MilestoneKind.PAYMENT,
    MilestoneKind.INTERIM_REPORT_1,
    MilestoneKind.INTERIM_REPORT_2,
    MilestoneKind.EXECUTION_END,
    MilestoneKind.FINAL_REPORT,
)

# The decision is a Dutch legal letter whatever the reader's language (render_decision_pdf).
DEMO_NOTICE = "Demo: verzonnen gegevens, geen echt besluit"


class DecisionPdfError(Exception):
    """The decision cannot be put on paper: the data it needs is missing."""


def _date(value) -> str:
    return date_format(value, "j F Y")


def _when(milestone: Milestone) -> str:
    if milestone.ends_on is None or milestone.ends_on == milestone.starts_on:
        return _date(milestone.starts_on)
    return _("%(start)s tot en met %(end)s") % {
        "start": _date(milestone.starts_on),
        "end": _date(milestone.ends_on),
    }


def _ratio(ratio: Decimal) -> str:
    """'1' for 1.000 and '1,5' for 1.500: as many decimals as the setting really has."""
    normal = ratio.normalize()
    return format_decimal(normal, max(0, -normal.as_tuple().exponent))


def _timeline(decision: GrantDecision) -> dict[str, Milestone]:
    milestones = {
        m.kind: m
        for m in Milestone.objects.filter(scheme=decision.plan.scheme, kind__in=TIMELINE_KINDS)
    }
    missing = [str(kind.label) for kind in TIMELINE_KINDS if kind not in milestones]
    if missing:
        raise DecisionPdfError(
            f"De regeling '{decision.plan.scheme}' mist mijlpalen voor de beschikking: "
            + ", ".join(missing)
        )
    return milestones


def _conditions(scheme, granted_cents: int, recipient: str, timeline: dict) -> list[str]:
    required = required_cofinancing_cents(granted_cents, scheme.cofinancing_ratio)
    return [
        _(
            "De cofinanciering bedraagt ten minste %(ratio)s euro per euro rijksbijdrage, dus"
            " ten minste %(required)s: minstens evenveel als de toegekende rijksbijdrage."
        )
        % {"ratio": _ratio(scheme.cofinancing_ratio), "required": format_euro(required)},
        _("Het sectorplan wordt uitgevoerd tot en met %(end)s.")
        % {"end": _date(timeline[MilestoneKind.EXECUTION_END].last_day)},
        # Rule 8 of the scheme: after approval no specific financial accountability is asked.
        _(
            "Over de uitvoering wordt gerapporteerd in twee tussenrapportages en een"
            " eindrapportage. Deze rapportages zijn kwalitatief: zij gaan over de uitgevoerde"
            " activiteiten en de behaalde resultaten. Er wordt geen specifieke financiële"
            " verantwoording gevraagd."
        ),
        _(
            "De rijksbijdrage wordt door het ministerie van %(bzk)s als decentralisatie-uitkering"
            " via het gemeentefonds uitgekeerd aan de gemeente %(recipient)s, in de periode"
            " %(period)s."
        )
        % {
            "bzk": Ministry.BZK.label,
            "recipient": recipient,
            "period": _when(timeline[MilestoneKind.PAYMENT]),
        },
    ]


def decision_context(decision: GrantDecision) -> dict:
    """Everything the letter shows, as ready-formatted Dutch text (dates, amounts)."""
    with translation.override("nl"):
        return _context(decision)


def _context(decision: GrantDecision) -> dict:
    plan = decision.plan
    scheme, region = plan.scheme, plan.region
    if region.central_municipality is None:
        raise DecisionPdfError(
            f"Regio {region} heeft geen centrumgemeente: de beschikking heeft geen ontvanger."
        )
    recipient = region.central_municipality.name
    # `dated` is the date on the letter (the scheme's clock, so the demo date in demo mode);
    # `decided_at` only records when the row was written.
    decided_on = decision.dated
    signer = decision.decided_by.get_full_name() or decision.decided_by.get_username()
    region_text = f"{region.code} {region.name}"
    title = _("Beschikking %(reference)s: sectorplan %(region)s") % {
        "reference": decision.reference,
        "region": region_text,
    }
    context = {
        "approved": decision.approved,
        "is_demo": plan.is_demo,
        "demo_notice": DEMO_NOTICE,
        "title": f"{DEMO_NOTICE}. {title}" if plan.is_demo else title,
        "reference": decision.reference,
        "date": decided_on,
        "date_text": _date(decided_on),
        "ministry": _("Ministerie van %(name)s") % {"name": Ministry.SZW.label},
        "minister": _("De Minister van Sociale Zaken en Werkgelegenheid"),
        "signer": signer,
        "recipient": recipient,
        "region": region_text,
        "scheme_name": scheme.name,
        "legal_basis": scheme.legal_basis,
        "plan_title": plan.title,
        "plan_summary": plan.summary,
        "plan_kind": plan.get_kind_display(),
        "companies": [p.sw_company.name for p in plan.participants.select_related("sw_company")],
        "version_number": decision.version.number,
        "reason": decision.reason,
        "granted_cents": decision.granted_cents if decision.approved else None,
        "amounts": [],
        "conditions": [],
        "timeline": [],
    }
    if not decision.approved:
        return context

    money = plan_money(plan)
    timeline = _timeline(decision)
    required = required_cofinancing_cents(decision.granted_cents, scheme.cofinancing_ratio)
    context.update(
        granted=format_euro(decision.granted_cents),
        cofinancing_ratio=_ratio(scheme.cofinancing_ratio),
        amounts=[
            (_("Gevraagde rijksbijdrage"), format_euro(money.national_cents)),
            (_("Toegekende rijksbijdrage"), format_euro(decision.granted_cents)),
            (
                _("Vereiste cofinanciering (ten minste %(ratio)s euro per euro rijksbijdrage)")
                % {"ratio": _ratio(scheme.cofinancing_ratio)},
                format_euro(required),
            ),
            (_("Toegezegde cofinanciering"), format_euro(money.committed_cents)),
            (
                _("Totaal: toegekende rijksbijdrage en toegezegde cofinanciering"),
                format_euro(decision.granted_cents + money.committed_cents),
            ),
        ],
        conditions=_conditions(scheme, decision.granted_cents, recipient, timeline),
        timeline=[
            {
                "label": timeline[kind].get_kind_display(),
                "when": _when(timeline[kind]),
                "description": timeline[kind].description,
            }
            for kind in TIMELINE_KINDS
        ],
    )
    return context


def render_decision_html(decision: GrantDecision) -> str:
    with translation.override("nl"):
        return render_to_string(TEMPLATE, _context(decision))


def render_decision_pdf(decision: GrantDecision) -> bytes:
    """The decision letter as a tagged PDF/UA-1 file, with Dutch language and title metadata."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class RefuseAllFetches(URLFetcher):
        # The letter is self-contained (inline CSS, system fonts). Refusing every URL keeps a
        # future template change from making the server fetch anything from the network.
        def __init__(self):
            super().__init__(fail_on_errors=True)

        def fetch(self, url, headers=None):
            raise PermissionError(f"De beschikking laadt geen externe bronnen: {url}")

    html = HTML(string=render_decision_html(decision), url_fetcher=RefuseAllFetches())
    try:
        return html.write_pdf(pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        # WeasyPrint's fatal error is a BaseException; make it one that callers can handle.
        raise DecisionPdfError(str(error)) from error

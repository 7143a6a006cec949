import datetime
import io
import logging
import os

import pytest
from django.utils import timezone

from sectorplan.accounts.models import User
from sectorplan.assessment.decision_pdf import (
    DEMO_NOTICE,
    decision_context,
    render_decision_pdf,
)
from sectorplan.assessment.models import GrantDecision, NationalPlan, PlanVersion
from sectorplan.plans.tests.factories import BudgetLineFactory, CommitmentFactory, complete_plan
from sectorplan.registry.models import Milestone, MilestoneKind

pypdf = pytest.importorskip("pypdf")


@pytest.fixture
def weasyprint():
    """WeasyPrint, or a skip when its system libraries are missing (the quick start needs none).

    CI sets SECTORPLAN_REQUIRE_SYSTEM_PACKAGES=1: there a missing library is a failure, so the
    PDF tests cannot go quietly unrun.
    """
    try:
        import weasyprint
    except OSError as error:
        message = (
            f"WeasyPrint cannot load its system libraries ({error});"
            " install them with scripts/system-packages.sh"
        )
        if os.environ.get("SECTORPLAN_REQUIRE_SYSTEM_PACKAGES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return weasyprint


def make_decision(scheme, *, approved=True, is_demo=False):
    """A decision on a plan asking € 123.456,78 with € 130.000,00 co-financing committed."""
    plan = complete_plan(scheme=scheme, title="Samen aan het werk in Holland Rijnland")
    BudgetLineFactory(plan=plan, national_contribution_cents=23_456_78, cofinancing_cents=0)
    plan.is_demo = is_demo
    plan.save(update_fields=["is_demo"])
    user = User.objects.create_user("szw-beslisser", first_name="Anna", last_name="de Boer")
    CommitmentFactory(
        plan=plan,
        amount_cents=130_000_00,
        status="committed",
        committed_by=user,
        committed_at=timezone.now(),
    )
    version = PlanVersion.objects.create(plan=plan, number=2, snapshot={}, submitted_by=user)
    national = NationalPlan.objects.create(
        scheme=scheme, title="Landelijk sectorplan 2015", cover_text="-", created_by=user
    )
    return GrantDecision.objects.create(
        plan=plan,
        national_plan=national,
        version=version,
        approved=approved,
        reason="Het plan past in de drie thema's en de cofinanciering is toegezegd.",
        granted_cents=123_456_78 if approved else 0,
        reference="SZW-2015-AM19-001",
        decided_by=user,
        dated=datetime.date(2015, 10, 15),
    )


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    # Line breaks fall wherever the layout puts them; compare words, not lines.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.django_db
def test_approved_decision_pdf_has_reference_amount_reason_dates_and_recipient(scheme, weasyprint):
    # Move one milestone off the loaded data, so a hard-coded date could not pass this test.
    Milestone.objects.filter(scheme=scheme, kind=MilestoneKind.INTERIM_REPORT_2).update(
        starts_on=datetime.date(2016, 10, 3), ends_on=datetime.date(2016, 10, 14)
    )
    decision = make_decision(scheme)

    text = pdf_text(render_decision_pdf(decision))

    assert "SZW-2015-AM19-001" in text
    assert "een rijksbijdrage toe van € 123.456,78" in text
    assert "€ 130.000,00" in text  # committed co-financing
    assert "Het plan past in de drie thema's en de cofinanciering is toegezegd." in text
    assert "15 oktober 2015" in text
    for date in (
        "1 januari 2016 tot en met 31 januari 2016",  # interim report 1
        "3 oktober 2016 tot en met 14 oktober 2016",  # interim report 2, as moved above
        "31 december 2016",  # end of execution
        "1 januari 2017 tot en met 31 januari 2017",  # final report
        "1 december 2015 tot en met 31 december 2015",  # payment via the Gemeentefonds
    ):
        assert date in text
    assert "30 september 2016" not in text
    assert decision.plan.region.central_municipality.name == "Leiden"
    assert "gemeente Leiden" in text
    assert "DZB Leiden" in text
    assert "versie 2" in text
    assert "geen specifieke financiële verantwoording" in text
    assert DEMO_NOTICE not in text


@pytest.mark.django_db
def test_decision_pdf_is_tagged_with_dutch_language_and_title(scheme, weasyprint, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        reader = pypdf.PdfReader(io.BytesIO(render_decision_pdf(make_decision(scheme))))

    # WeasyPrint logs what breaks PDF/UA (no lang, an image without alt, a refused fetch).
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []

    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]) in ("nl", "nl-NL")
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert (
        reader.metadata.title == "Beschikking SZW-2015-AM19-001: sectorplan AM19 Holland Rijnland"
    )
    # PDF/UA-1 asks for the identifier in the XMP metadata as well.
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()


@pytest.mark.django_db
def test_rejected_decision_has_reason_and_objection_but_no_amount(scheme, weasyprint):
    decision = make_decision(scheme, approved=False)

    text = pdf_text(render_decision_pdf(decision))

    assert "SZW-2015-AM19-001" in text
    assert "afwijzing" in text.lower()
    assert "Het plan past in de drie thema's" in text
    assert "binnen zes weken" in text
    assert "bezwaar" in text
    assert "€" not in text
    assert "Voorwaarden" not in text
    assert decision_context(decision)["granted_cents"] is None


@pytest.mark.django_db
def test_demo_decision_says_so_in_text_and_title(scheme, weasyprint):
    reader = pypdf.PdfReader(io.BytesIO(render_decision_pdf(make_decision(scheme, is_demo=True))))

    text = " ".join(page.extract_text() for page in reader.pages)
    assert DEMO_NOTICE in " ".join(text.split())
    assert reader.metadata.title.startswith(DEMO_NOTICE)


@pytest.mark.django_db
def test_context_dates_and_conditions_come_from_the_scheme_timeline(scheme):
    Milestone.objects.filter(scheme=scheme, kind=MilestoneKind.EXECUTION_END).update(
        starts_on=datetime.date(2017, 3, 1)
    )
    context = decision_context(make_decision(scheme))

    assert context["recipient"] == "Leiden"
    assert context["companies"] == ["DZB Leiden"]
    assert context["granted"] == "€ 123.456,78"
    assert context["cofinancing_ratio"] == "1"
    assert any("tot en met 1 maart 2017" in condition for condition in context["conditions"])
    assert [row["label"] for row in context["timeline"]] == [
        "Uitkering via BZK (gemeentefonds)",
        "Eerste tussenrapportage",
        "Tweede tussenrapportage",
        "Einde uitvoering",
        "Eindrapportage",
    ]


@pytest.mark.django_db
def test_renderer_fetches_nothing_from_the_network(scheme, weasyprint, monkeypatch):
    from sectorplan.assessment import decision_pdf

    external = '<html lang="nl"><title>t</title><img src="https://example.org/logo.png" alt="x">'
    monkeypatch.setattr(decision_pdf, "render_decision_html", lambda decision: external)

    with pytest.raises(decision_pdf.DecisionPdfError, match="example.org"):
        render_decision_pdf(make_decision(scheme))

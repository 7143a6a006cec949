import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from sectorplan.allocation.selectors import budget
from sectorplan.money import cents_to_string

pytestmark = pytest.mark.django_db


def test_public_page_shows_35_regions_and_exact_totals(client, scheme):
    response = client.get(reverse("web:budget", args=["sw2015"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<th scope="row">') == 36  # 35 regions + totals row
    assert 'data-total="reserved">€ 30.000.000,00<' in html
    assert 'data-total="total">€ 60.000.000,00<' in html
    assert "Demogegevens: geen officiële cijfers" in html


def test_page_shows_each_reservation_in_dutch_notation(client, scheme):
    html = client.get(reverse("web:budget", args=["sw2015"])).content.decode()
    for row in budget(scheme).rows:
        euros, cents = divmod(row.reserved_cents, 100)
        assert f"€ {euros:,}".replace(",", ".") + f",{cents:02d}" in html


def test_sorting_by_reservation_descending(client, scheme):
    response = client.get(
        reverse("web:budget", args=["sw2015"]), {"sort": "reserved", "order": "desc"}
    )
    rows = response.context["budget"].rows
    assert [r.reserved_cents for r in rows] == sorted(
        (r.reserved_cents for r in rows), reverse=True
    )
    assert 'aria-sort="descending"' in response.content.decode()


def test_unknown_sort_falls_back_to_code(client, scheme):
    response = client.get(reverse("web:budget", args=["sw2015"]), {"sort": "__class__"})
    assert [r.code for r in response.context["budget"].rows][:2] == ["AM01", "AM02"]


def test_csv_api_xlsx_and_page_agree_to_the_cent(client, scheme):
    expected = {r.code: cents_to_string(r.reserved_cents) for r in budget(scheme).rows}
    text = client.get(reverse("web:budget-csv", args=["sw2015"])).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["code"]: r["reserved"] for r in rows} == expected
    assert sum(Decimal(r["reserved"]) for r in rows) == Decimal("30000000.00")
    assert sum(Decimal(r["total"]) for r in rows) == Decimal("60000000.00")
    assert {r["demo"] for r in rows} == {"ja"}

    api = client.get(reverse("api:scheme-allocation", args=["sw2015"])).json()
    assert {r["code"]: r["reserved_national_contribution"] for r in api["regions"]} == expected
    assert api["total_national_contribution"] == "30000000.00"
    assert api["total"] == "60000000.00"
    assert api["demo"] is True and api["demo_notice"].startswith("Demogegevens")

    response = client.get(reverse("web:budget-xlsx", args=["sw2015"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    header_index = next(i for i, v in enumerate(values) if v[0] == "Code")
    body = values[header_index + 1 : header_index + 36]
    assert {v[0]: f"{Decimal(str(v[5])):.2f}" for v in body} == expected
    assert Decimal(str(values[header_index + 36][5])) == Decimal("30000000")
    assert any("Demogegevens" in str(v[0]) for v in values[:header_index])


def test_unknown_scheme_is_404(client, db):
    assert client.get(reverse("web:budget", args=["nope"])).status_code == 404
    assert client.get(reverse("api:scheme-allocation", args=["nope"])).status_code == 404


def test_home_links_to_the_budget(client, scheme):
    html = client.get("/").content.decode()
    assert reverse("web:budget", args=["sw2015"]) in html


def test_english_notation(client, scheme):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("web:budget", args=["sw2015"])).content.decode()
    assert 'data-total="reserved">€30,000,000.00<' in html
    assert '<html lang="en">' in html


@pytest.mark.django_db(transaction=True)
def test_the_kept_page_follows_a_new_allocation_run(client, scheme):
    """The table is kept for every visitor (web.views.budget_page) until the data changes: a
    new run with other SE figures shows at once, and each order is kept on its own."""
    from sectorplan.allocation.services import create_allocation_run
    from sectorplan.registry.models import Municipality

    url = reverse("web:budget", args=["sw2015"])

    def table(**query) -> str:
        html = client.get(url, query).content.decode()
        return html.split('<main id="main"')[1]  # the page below its header's CSRF token

    before = table()
    assert table() == before  # kept, and the same
    assert "Verdeling 1 van" in before
    grown = Municipality.objects.order_by("name").first()
    Municipality.objects.filter(pk=grown.pk).update(standard_units=Decimal("99999"))
    create_allocation_run(scheme, reason="Nieuwe SE-cijfers")
    after = table()
    assert "Verdeling 2 van" in after and after != before
    descending = table(sort="reserved", order="desc")
    first_row = descending.split("<tbody>")[1].split("</tr>")[0]
    assert f"<td>{grown.region.code}</td>" in first_row

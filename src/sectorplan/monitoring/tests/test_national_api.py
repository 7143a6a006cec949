"""The national reports API (sectorplan.api.national_reports): every endpoint for every role,
texts, starting the generation (202), downloads that agree with the page's, and the OpenAPI
schema. NATIONAL_API_URL_NAMES is for the project-wide access matrix (via REPORT_URL_NAMES).

Expected statuses are written out per role, not derived from accounts.policy, so a leak shows
up as a failure."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.audit.models import AuditEvent
from sectorplan.monitoring.models import NationalReport

from .test_national_moments import _pdf_text, two_moments  # noqa: F401  (fixture)
from .test_reports_support import INTERIM_1, URLS, plain_http  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]

ROLES = {
    "anonymous": None,
    "company_a": "bedrijf-dzb-leiden",
    "company_b": "bedrijf-soweco",
    "municipality": "gemeente-leiden",
    "assessor": "vng",
    "office": "cedris",
    "office_member": "cedris-medewerker",  # role member: writes too
    "szw": "szw",
    "bzk": "bzk",
}


def SCHEME(w):
    return ["sw2015"]


def MADE(w):
    return ["sw2015", INTERIM_1]


def NOT_MADE(w):
    return ["sw2015", "final_report"]


# name -> [(method, args(world), body, expected per role)]; columns follow ROLES.
API = {
    "api:national-report-list": [("get", SCHEME, None, "403 403 403 403 403 200 200 200 403")],
    "api:national-report-detail": [
        ("get", MADE, None, "403 403 403 403 403 200 200 200 403"),
        ("get", NOT_MADE, None, "403 403 403 403 403 200 200 200 403"),
        ("patch", MADE, {"texts": {"map": "Kaarttekst"}}, "403 403 403 403 403 200 200 403 403"),
    ],
    "api:national-report-generate": [
        ("post", NOT_MADE, {}, "403 403 403 403 403 202 202 403 403"),
    ],
    "api:national-report-file": [
        ("get", lambda w: [*MADE(w), "pdf"], None, "403 403 403 403 403 200 200 200 403"),
        ("get", lambda w: [*MADE(w), "xlsx"], None, "403 403 403 403 403 200 200 200 403"),
        ("get", lambda w: [*NOT_MADE(w), "pdf"], None, "403 403 403 403 403 404 404 404 403"),
        ("get", lambda w: [*MADE(w), "doc"], None, "403 403 403 403 403 404 404 404 403"),
    ],
}
NATIONAL_API_URL_NAMES = set(API)


@pytest.fixture
def made(scheme, accounts):
    """A made first interim report (files stored directly: this is about access)."""
    return NationalReport.objects.create(
        scheme=scheme,
        kind=INTERIM_1,
        pdf=b"%PDF-1.7 made",  # made without a job (as before jobs existed): counts as done
        xlsx=b"PK made",
        generated_at="2016-02-01T10:00:00Z",
    )


def _client(accounts, username):
    client = APIClient()
    if username:
        client.force_authenticate(accounts[username])
    return client


@pytest.mark.parametrize("name", sorted(API))
def test_every_national_report_endpoint_per_role(name, made, accounts):
    wrong = []
    for index, (role, username) in enumerate(ROLES.items()):
        for method, args, body, statuses in API[name]:
            expected = int(statuses.split()[index])
            url = reverse(name, args=args(None))
            call = getattr(_client(accounts, username), method)
            got = call(url, body, format="json") if body is not None else call(url)
            if got.status_code != expected:
                wrong.append((role, method, url, expected, got.status_code))
    assert wrong == []


def test_list_has_the_three_moments_with_state_and_links(made, accounts):
    response = _client(accounts, "szw").get(reverse("api:national-report-list", args=["sw2015"]))
    body = response.json()
    assert [r["moment"] for r in body] == ["interim_report_1", "interim_report_2", "final_report"]
    first, second = body[0], body[1]
    assert first["state"] == "done" and first["progress"] == 100
    assert first["generated_at"].startswith("2016-02-01T10:00:00")
    pdf_path = "/api/v1/schemes/sw2015/national-reports/interim_report_1/files/pdf/"
    assert first["pdf"].endswith(pdf_path)
    assert second["state"] == "idle" and second["pdf"] is None and second["generated_at"] is None
    assert [s["code"] for s in first["sections"]] == list(first["texts"])
    assert first["moment_label"] == "Eerste tussenrapportage"


def test_patch_merges_texts_and_is_audited(made, accounts):
    client = _client(accounts, "cedris")
    url = reverse("api:national-report-detail", args=["sw2015", INTERIM_1])
    assert client.patch(url, {"texts": {"overview": " Eerst "}}, format="json").status_code == 200
    body = client.patch(url, {"texts": {"practice": "Tot slot"}}, format="json").json()
    assert body["texts"]["overview"] == "Eerst" and body["texts"]["practice"] == "Tot slot"
    assert dict((s["code"], s["text"]) for s in body["sections"])["practice"] == "Tot slot"
    made.refresh_from_db()
    assert made.texts["overview"] == "Eerst"
    assert AuditEvent.objects.filter(action="national_report.texts_saved").count() == 2


def test_unknown_section_or_moment_is_refused(made, accounts):
    client = _client(accounts, "cedris")
    url = reverse("api:national-report-detail", args=["sw2015", INTERIM_1])
    response = client.patch(url, {"texts": {"samenvatting": "x"}}, format="json")
    assert response.status_code == 400 and "samenvatting" in str(response.json())
    unknown = reverse("api:national-report-detail", args=["sw2015", "tussenrapportage-1"])
    assert client.get(unknown).status_code == 404
    assert client.get(reverse("api:national-report-list", args=["sw1999"])).status_code == 404


def test_generate_answers_202_and_the_files_hold_that_moments_counts(
    two_moments,  # noqa: F811
    accounts,
    django_capture_on_commit_callbacks,
):
    client = _client(accounts, "cedris")
    url = reverse("api:national-report-generate", args=["sw2015", "interim_report_2"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 202
    assert response.json()["state"] == "queued" and response.json()["moment"] == "interim_report_2"
    detail = client.get(reverse("api:national-report-detail", args=["sw2015", "interim_report_2"]))
    assert detail.json()["state"] == "done", detail.json()["error"]
    pdf = _client(accounts, "szw").get(detail.json()["pdf"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert "Tweede tussenrapportage" in text
    assert "AM19 Holland Rijnland 100%" in text  # the second moment: both activities done
    page = reverse("monitoring:national-report-file", args=["tussenrapportage-2", "pdf"])
    web = APIClient()
    web.force_login(accounts["szw"])
    assert web.get(page).content == pdf.content  # page and API hand out the same file


def test_the_schema_documents_the_endpoints(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = schema.json()["paths"]
    base = "/api/v1/schemes/{slug}/national-reports/"
    assert set(paths[base]) == {"get"}
    assert set(paths[base + "{moment}/"]) == {"get", "patch"}
    assert "202" in paths[base + "{moment}/generate/"]["post"]["responses"]
    files = paths[base + "{moment}/files/{fmt}/"]["get"]["responses"]["200"]["content"]
    assert set(files) == {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }

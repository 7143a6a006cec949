"""Every jobs URL for every role: a job is seen by whoever started it and by the programme
office, nobody else (404, so a job's existence does not leak); reading SE figures in is the
programme office's. JOBS_URL_NAMES is for the project-wide matrix (tests/test_access_matrix.py).
The expected answers are written out, not derived from accounts.policy."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from .factories import JobFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "company_a": "bedrijf-dzb-leiden",
    "company_b": "bedrijf-soweco",
    "municipality": "gemeente-leiden",
    "assessor": "vng",
    "office": "cedris",
    "office_member": "cedris-medewerker",
    "ministry": "szw",
}
JOBS_URL_NAMES = {
    "jobs:list",
    "jobs:detail",
    "jobs:status",
    "jobs:result-file",
    "jobs:units-import",
    "jobs:decision-letters",
}

# (url name, whose job, expected status per role in ROLES order)
CASES = [
    ("jobs:detail", "company_a", "302 200 404 404 404 200 200 404"),
    ("jobs:status", "company_a", "302 200 404 404 404 200 200 404"),
    ("jobs:detail", "office", "302 404 404 404 404 200 200 404"),
    ("jobs:status", "office", "302 404 404 404 404 200 200 404"),
    ("jobs:detail", "ministry", "302 404 404 404 404 200 200 200"),
    ("jobs:result-file", "company_a", "302 200 404 404 404 200 200 404"),
    ("jobs:result-file", "ministry", "302 404 404 404 404 200 200 200"),
    ("jobs:list", None, "302 200 200 200 200 200 200 200"),
    ("jobs:units-import", None, "302 403 403 403 403 200 200 403"),
    ("jobs:decision-letters", None, "302 403 403 403 403 200 200 200"),
]


@pytest.mark.parametrize(("name", "owner", "expected"), CASES)
def test_jobs_urls_per_role(name, owner, expected, client, accounts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    if owner is None:
        url = reverse(name)
    else:
        job = JobFactory(started_by=accounts[ROLES[owner]])
        job.result_file.save("result.zip", ContentFile(b"PK"))
        url = reverse(name, args=[job.pk])
    got = []
    for username in ROLES.values():
        client.logout()
        if username:
            client.force_login(accounts[username])
        got.append(str(client.get(url).status_code))
    assert " ".join(got) == expected, list(zip(ROLES, got, strict=True))


def test_an_unknown_job_is_404_even_for_the_office(client, accounts):
    client.force_login(accounts["cedris"])
    assert client.get(reverse("jobs:detail", args=[999999])).status_code == 404


def test_only_the_office_may_post_an_import(client, accounts):
    for username, expected in (("szw", 403), ("bedrijf-dzb-leiden", 403), ("vng", 403)):
        client.force_login(accounts[username])
        assert client.post(reverse("jobs:units-import"), {}).status_code == expected, username


def test_a_job_without_a_file_has_nothing_to_download(client, accounts):
    job = JobFactory(started_by=accounts["cedris"])
    client.force_login(accounts["cedris"])
    assert client.get(reverse("jobs:result-file", args=[job.pk])).status_code == 404


def test_companies_and_assessors_may_not_bundle_letters(client, accounts):
    for username in ("bedrijf-dzb-leiden", "gemeente-leiden", "vng"):
        client.force_login(accounts[username])
        response = client.post(reverse("jobs:decision-letters"), {"national_plan": 1})
        assert response.status_code == 403, username


def test_the_list_shows_ones_own_jobs_and_the_office_all(client, accounts):
    own = JobFactory(started_by=accounts["bedrijf-dzb-leiden"])
    other = JobFactory(started_by=accounts["szw"])
    link = "/taken/{}/"
    seen = {}
    for username in ("bedrijf-dzb-leiden", "bedrijf-soweco", "szw", "cedris"):
        client.force_login(accounts[username])
        page = client.get(reverse("jobs:list")).content.decode()
        seen[username] = {job.pk for job in (own, other) if link.format(job.pk) in page}
    assert seen == {
        "bedrijf-dzb-leiden": {own.pk},
        "bedrijf-soweco": set(),
        "szw": {other.pk},
        "cedris": {own.pk, other.pk},
    }

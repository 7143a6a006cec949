"""/api/v1/schemes/ (issue 18): the API does what the page /regelingen/ and `create-scheme` do,
with the same policy: the office reads, an administrator of the office creates."""

import json

import pytest
from rest_framework.test import APIClient

from sectorplan.plans.tests.test_scheme_definition import (
    _contents,
    example_bytes,
    example_definition,
)
from sectorplan.registry.models import Scheme


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _post(client, url, body: bytes):
    return client.generic("POST", url, body, content_type="application/json")


def test_the_office_lists_downloads_checks_and_creates(accounts):
    office = _client(accounts["cedris"])
    listed = office.get("/api/v1/schemes/").json()
    assert [(s["slug"], s["open"]) for s in listed] == [("sw2015", True)]

    definition = office.get("/api/v1/schemes/sw2015/definition/").json()
    copy = json.dumps(definition | {"slug": "ronde-2", "name": "Tweede ronde"}).encode()
    assert _post(office, "/api/v1/schemes/check/", copy).json() == {"valid": True, "problems": []}
    assert not Scheme.objects.filter(slug="ronde-2").exists()

    created = _post(office, "/api/v1/schemes/", copy)
    assert created.status_code == 201
    assert created.json() == {"slug": "ronde-2", "created": True, "allocation_run": 1}
    sw2015, second = (_contents(Scheme.objects.get(slug=s)) for s in ("sw2015", "ronde-2"))
    assert second["reservations"] == sw2015["reservations"]

    updated = _post(office, "/api/v1/schemes/", copy)
    assert updated.json() == {"slug": "ronde-2", "created": False, "allocation_run": None}


def test_a_wrong_definition_is_refused_whole_with_its_problems(accounts):
    office = _client(accounts["cedris"])
    wrong = example_definition()
    wrong["themes"][1]["code"] = wrong["themes"][0]["code"]
    wrong["cofinancing_ratio"] = 0.5
    for url in ("/api/v1/schemes/check/", "/api/v1/schemes/"):
        response = _post(office, url, json.dumps(wrong).encode())
        assert response.status_code == 400
        problems = response.json()["problems"]
        assert "themes[1].code: dezelfde code als themes[0]" in problems
        assert any(p.startswith("cofinancing_ratio: moet een decimaal getal") for p in problems)
    assert not Scheme.objects.filter(slug="voorbeeld-2016").exists()
    duplicate_key = b'{"slug": "a", "slug": "b"}'
    assert (
        "staat dubbel"
        in _post(office, "/api/v1/schemes/check/", duplicate_key).json()["problems"][0]
    )
    too_big = _post(office, "/api/v1/schemes/check/", b" " * (1024 * 1024 + 1))
    assert "groter dan 1 MB" in too_big.json()["problems"][0]


@pytest.mark.parametrize("username", ["cedris-medewerker", "vng", "szw", "bedrijf-dzb-leiden"])
def test_only_an_administrator_of_the_office_creates(accounts, username):
    response = _post(_client(accounts[username]), "/api/v1/schemes/", example_bytes())
    assert response.status_code == 403
    assert not Scheme.objects.filter(slug="voorbeeld-2016").exists()


def test_the_schema_documents_the_scheme_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    for path in (
        "/api/v1/schemes/",
        "/api/v1/schemes/check/",
        "/api/v1/schemes/{slug}/definition/",
    ):
        assert path in schema["paths"], path
    assert "400" in schema["paths"]["/api/v1/schemes/"]["post"]["responses"]

"""E-mail links use SITE_URL. With DEBUG off, an unset SITE_URL (the default loopback address)
or one naming a host this server refuses is reported by Django's checks, so an operator sees it
at `sectorplan check`, at migrate and when the server starts."""

from django.core.checks import Warning, run_checks
from django.test import override_settings

PRODUCTION = {"DEBUG": False, "ALLOWED_HOSTS": ["sectorplan.example"]}


def _site_url_warnings() -> list[str]:
    ids = {"sectorplan.W001", "sectorplan.W002"}
    return [m.id for m in run_checks() if isinstance(m, Warning) and m.id in ids]


@override_settings(**PRODUCTION, SITE_URL="http://127.0.0.1:8000")
def test_debug_off_with_the_default_site_url_warns():
    (message,) = [m for m in run_checks() if m.id == "sectorplan.W001"]
    assert "http://127.0.0.1:8000" in message.msg and "SITE_URL" in message.hint


@override_settings(**PRODUCTION, SITE_URL="http://localhost:8001/")
def test_any_loopback_address_warns_too():
    assert _site_url_warnings() == ["sectorplan.W001"]


@override_settings(**PRODUCTION, SITE_URL="https://elders.example")
def test_a_site_url_whose_host_is_refused_warns():
    assert _site_url_warnings() == ["sectorplan.W002"]


@override_settings(**PRODUCTION, SITE_URL="https://sectorplan.example")
def test_a_real_site_url_passes():
    assert _site_url_warnings() == []


@override_settings(DEBUG=True, SITE_URL="http://127.0.0.1:8000")
def test_local_development_needs_no_site_url():
    assert _site_url_warnings() == []

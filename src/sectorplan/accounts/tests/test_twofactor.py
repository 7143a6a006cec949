"""Two-factor log-in (TOTP): required for programme office, assessors and ministries when
SECTORPLAN_REQUIRE_2FA is on, optional for companies and municipalities; pages and API alike.

The suite runs with enforcement off (test_settings); these tests switch it on."""

import re
import time
from contextlib import contextmanager
from unittest import mock
from urllib.parse import quote

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sectorplan.accounts.models import User
from sectorplan.demo.accounts import DEMO_PASSWORD

# The access matrix (tests/test_access_matrix.py) takes these names from here.
ACCOUNTS_URL_NAMES = {
    "accounts:two-factor",
    "accounts:two-factor-setup",
    "accounts:two-factor-verify",
}
REQUIRED = ["cedris", "cedris-medewerker", "vng", "sociale-partners", "szw", "bzk"]
OPTIONAL = ["bedrijf-dzb-leiden", "gemeente-leiden"]

enforced = override_settings(SECTORPLAN_REQUIRE_2FA=True)


def code(device: TOTPDevice, later: int = 0) -> str:
    """The code the user's app shows now, or `later` seconds from now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later
    return f"{totp.token():0{device.digits}d}"


@contextmanager
def clock_moved(seconds: int):
    """The clock `seconds` ahead, as it is when the user logs in again later (a code is accepted
    once, so a later log-in needs a later code). This moves time.time itself: take the codes
    with code(device, seconds) before entering."""
    real = time.time
    with mock.patch("django_otp.plugins.otp_totp.models.time.time", lambda: real() + seconds):
        yield


def wrong(device: TOTPDevice, later: int = 0) -> str:
    right = {code(device, later + step * device.step) for step in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)


def let_throttle_pass(device: TOTPDevice) -> None:
    """After a wrong code django-otp makes the next try wait a second or more; pass that."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)


def setup_url(next_url: str) -> str:
    return f"{reverse('accounts:two-factor-setup')}?next={quote(next_url, safe='')}"


def verify_url(next_url: str) -> str:
    return f"{reverse('accounts:two-factor-verify')}?next={quote(next_url, safe='')}"


def password_log_in(client, username):
    response = client.post(
        reverse("login"), {"username": username, "password": DEMO_PASSWORD, "next": "/plannen/"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert SESSION_KEY in client.session
    return response


def enrol(client, user) -> TOTPDevice:
    client.get(reverse("accounts:two-factor-setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:two-factor-setup"), {"code": code(device)})
    assert response.status_code == 302, response.content.decode()[:500]
    device.refresh_from_db()
    assert device.confirmed
    return device


@enforced
@pytest.mark.parametrize("username", REQUIRED)
def test_required_roles_must_enrol_before_any_other_page(username, client, accounts):
    user = accounts[username]
    password_log_in(client, username)
    for url in ("/plannen/", "/", "/beoordeling/", reverse("accounts:two-factor")):
        response = client.get(url)
        assert response.status_code == 302, (url, response.status_code)
        assert response.url == setup_url(url)

    page = client.get(setup_url("/plannen/"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Voor uw account is tweestapsverificatie verplicht" in html
    assert '<svg class="qr-code"' in html
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'<code class="secret" id="secret">([A-Z2-7 ]+)</code>', html).group(1)
    assert len(secret.replace(" ", "")) == 32

    # A wrong code is refused: still not past the gate.
    refused = client.post(setup_url("/plannen/"), {"code": wrong(device)})
    assert refused.status_code == 200
    assert "Deze code klopt niet" in refused.content.decode()
    assert client.get("/plannen/").status_code == 302
    let_throttle_pass(device)

    # The code from the app: enrolled, verified, and on to where the user was going.
    accepted = client.post(setup_url("/plannen/"), {"code": code(device)})
    assert accepted.status_code == 302
    assert accepted.url == "/plannen/"
    assert client.get("/plannen/").status_code == 200


@enforced
def test_next_log_in_asks_the_code_and_refuses_a_wrong_one(client, accounts):
    device = TOTPDevice.objects.create(user=accounts["szw"], name="app", confirmed=True)
    response = password_log_in(client, "szw")
    assert response.url == "/plannen/"
    gate = client.get("/plannen/")
    assert gate.url == verify_url("/plannen/")

    refused = client.post(verify_url("/plannen/"), {"code": wrong(device)})
    assert refused.status_code == 200
    assert "Deze code klopt niet" in refused.content.decode()
    assert client.get("/plannen/").status_code == 302

    # After several wrong codes in a row even the right one has to wait.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=8, throttling_failure_timestamp=timezone.now()
    )
    throttled = client.post(verify_url("/plannen/"), {"code": code(device)})
    assert "Te veel verkeerde codes" in throttled.content.decode()
    assert client.get("/plannen/").status_code == 302
    let_throttle_pass(device)

    accepted = client.post(verify_url("/plannen/"), {"code": code(device)})
    assert accepted.status_code == 302
    assert accepted.url == "/plannen/"
    assert client.get("/plannen/").status_code == 200

    # A code is good once: the same code does not verify another session.
    other = type(client)()
    password_log_in(other, "szw")
    replay = other.post(verify_url("/plannen/"), {"code": code(device)})
    assert "Deze code klopt niet" in replay.content.decode()
    assert other.get("/plannen/").status_code == 302


@enforced
def test_a_password_alone_never_adds_a_device(client, accounts):
    TOTPDevice.objects.create(user=accounts["cedris"], name="app", confirmed=True)
    password_log_in(client, "cedris")
    response = client.get(reverse("accounts:two-factor-setup"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two-factor-verify"))
    assert TOTPDevice.objects.filter(user=accounts["cedris"]).count() == 1


@enforced
@pytest.mark.parametrize("username", OPTIONAL)
def test_companies_and_municipalities_need_no_second_factor(username, client, accounts):
    password_log_in(client, username)
    assert client.get("/plannen/").status_code == 200
    assert client.get("/api/v1/plans/").status_code == 200
    page = client.get(reverse("accounts:two-factor")).content.decode()
    assert "Tweestapsverificatie staat uit voor uw account." in page


@enforced
def test_a_company_may_turn_it_on_and_off(client, accounts):
    user = accounts["bedrijf-dzb-leiden"]
    password_log_in(client, "bedrijf-dzb-leiden")
    device = enrol(client, user)
    page = client.get(reverse("accounts:two-factor")).content.decode()
    assert "Tweestapsverificatie staat aan" in page

    # Once on, every log-in asks the code, although not required for companies.
    client.logout()
    password_log_in(client, "bedrijf-dzb-leiden")
    assert client.get("/plannen/").url == verify_url("/plannen/")
    later_code = code(device, 60)
    with clock_moved(60):
        accepted = client.post(verify_url("/plannen/"), {"code": later_code})
    assert accepted.status_code == 302
    assert client.get("/plannen/").status_code == 200

    # Turning it off needs a valid code too.
    wrong_code, later_code = wrong(device, 120), code(device, 120)
    with clock_moved(120):
        refused = client.post(reverse("accounts:two-factor"), {"code": wrong_code})
        assert "tweestapsverificatie staat nog aan" in refused.content.decode()
        let_throttle_pass(device)
        off = client.post(reverse("accounts:two-factor"), {"code": later_code})
    assert off.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    client.logout()
    password_log_in(client, "bedrijf-dzb-leiden")
    assert client.get("/plannen/").status_code == 200


@enforced
def test_a_required_account_cannot_turn_it_off(client, accounts):
    user = accounts["vng"]
    password_log_in(client, "vng")
    device = enrol(client, user)
    response = client.post(reverse("accounts:two-factor"), {"code": code(device, 60)})
    assert response.status_code == 403
    assert "verplicht en kan niet uit" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@enforced
def test_staff_without_an_organisation_must_use_it_too(client, db):
    User.objects.create_user("beheer", password=DEMO_PASSWORD, is_staff=True)
    password_log_in(client, "beheer")
    assert client.get(reverse("admin:index")).url == setup_url(reverse("admin:index"))


@enforced
def test_the_api_refuses_an_unverified_session(client, accounts):
    password_log_in(client, "cedris")
    refused = client.get("/api/v1/plans/")
    assert refused.status_code == 403
    assert "Tweestapsverificatie is vereist" in refused.json()["detail"]
    assert client.get(reverse("api:scheme-allocation", args=["sw2015"])).status_code == 403

    device = enrol(client, accounts["cedris"])
    assert device.confirmed
    assert client.get("/api/v1/plans/").status_code == 200


@enforced
def test_logging_out_and_the_language_switch_stay_open(client, accounts):
    password_log_in(client, "cedris")
    assert client.post(reverse("set_language"), {"language": "nl", "next": "/"}).status_code == 302
    assert client.post(reverse("logout")).status_code == 302
    assert SESSION_KEY not in client.session


def test_off_in_the_suite_and_the_demo(client, accounts, demo_date):
    password_log_in(client, "cedris")
    assert client.get("/plannen/").status_code == 200
    client.logout()
    page = client.get(reverse("login")).content.decode()
    assert "Demomodus: tweestapsverificatie staat uit" in page


@enforced
def test_no_demo_notice_when_enforced(client, db, demo_date):
    page = client.get(reverse("login")).content.decode()
    assert "Demomodus: tweestapsverificatie staat uit" not in page


def test_production_default_is_on_and_demo_mode_default_off():
    import subprocess
    import sys

    probe = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='sectorplan.settings'; "
        "from django.conf import settings; print(settings.SECTORPLAN_REQUIRE_2FA)"
    )
    base = {"SECRET_KEY": "k" * 60, "PATH": "/usr/bin:/bin"}
    outputs = []
    both = {"SECTORPLAN_DEMO_MODE": "1", "SECTORPLAN_REQUIRE_2FA": "1"}
    for extra in ({}, {"SECTORPLAN_DEMO_MODE": "1"}, both):
        result = subprocess.run(
            [sys.executable, "-c", probe],
            env={**base, **extra},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout.strip())
    assert outputs == ["True", "False", "True"]


def test_reset_command_removes_the_device(accounts, capsys):
    TOTPDevice.objects.create(user=accounts["cedris"], name="app", confirmed=True)
    call_command("reset-2fa", "cedris")
    assert not TOTPDevice.objects.filter(user=accounts["cedris"]).exists()
    assert "1 app voor" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(ACCOUNTS_URL_NAMES))
def test_two_factor_pages_need_a_log_in(name, client, db):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

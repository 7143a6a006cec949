"""Lock-out after repeated failed log-ins (django-axes), per username and address together.

The suite runs with AXES_ENABLED off (test_settings); these tests switch it on."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from sectorplan.accounts.lockout import client_ip
from sectorplan.accounts.models import User

PASSWORD = "een-lang-wachtwoord-2015"
COOLOFF = datetime.timedelta(minutes=15)

lockout_on = override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=COOLOFF)


@pytest.fixture
def user(db):
    return User.objects.create_user("jan", email="jan@demo.invalid", password=PASSWORD)


def log_in(client, password, username="jan", address="192.0.2.10"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def logged_in(client) -> bool:
    return SESSION_KEY in client.session


def test_production_defaults_lock_by_username_and_address_together():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


@lockout_on
def test_locked_out_after_the_limit_with_a_dutch_message_saying_until_when(client, user):
    for _ in range(2):
        response = log_in(client, "verkeerd-wachtwoord")
        assert response.status_code == 200
        assert "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()

    before = timezone.localtime()
    response = log_in(client, "verkeerd-wachtwoord")
    page = response.content.decode()
    assert response.status_code == 429
    assert "U kunt tijdelijk niet inloggen." in page
    assert "15 minuten geblokkeerd" in page
    shown = re.search(r"Probeer het opnieuw na (?:[^<]*?, )?(\d\d:\d\d) uur", page)
    assert shown, page
    expected = {
        (before + COOLOFF).strftime("%H:%M"),
        (timezone.localtime() + COOLOFF).strftime("%H:%M"),
    }
    assert shown.group(1) in expected
    # Still the login page, with the username kept.
    assert 'value="jan"' in page

    # Now even the right password is refused, and nobody is logged in.
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "U kunt tijdelijk niet inloggen." in response.content.decode()
    assert not logged_in(client)


@lockout_on
def test_the_same_username_from_another_address_is_not_locked_out(client, user):
    for _ in range(3):
        log_in(client, "verkeerd-wachtwoord", address="192.0.2.10")
    assert log_in(client, PASSWORD, address="192.0.2.10").status_code == 429

    response = log_in(client, PASSWORD, address="198.51.100.7")
    assert response.status_code == 302
    assert logged_in(client)


@lockout_on
def test_unlocked_after_the_cool_off(client, user):
    for _ in range(3):
        log_in(client, "verkeerd-wachtwoord")
    assert log_in(client, PASSWORD).status_code == 429

    # The cool-off passes: the last failed attempt is now more than 15 minutes ago.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - COOLOFF - datetime.timedelta(minutes=1)
    )

    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("web:home")
    assert logged_in(client)


@lockout_on
def test_a_successful_log_in_resets_the_count(client, user):
    for _ in range(2):
        log_in(client, "verkeerd-wachtwoord")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        assert log_in(client, "verkeerd-wachtwoord").status_code == 200
    assert log_in(client, PASSWORD).status_code == 302


def test_the_suite_runs_without_lock_out(client, user):
    for _ in range(10):
        log_in(client, "verkeerd-wachtwoord")
    assert log_in(client, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.9", "192.0.2.1"),  # no proxy: X-Forwarded-For is anyone's to send
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "10.9.9.9, 203.0.113.9", "203.0.113.9"),  # a forged first entry is passed over
        (2, "203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "", "192.0.2.1"),
    ],
)
def test_client_address_behind_trusted_proxies(rf, proxies, forwarded, expected):
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(SECTORPLAN_TRUSTED_PROXIES=proxies):
        assert client_ip(request) == expected

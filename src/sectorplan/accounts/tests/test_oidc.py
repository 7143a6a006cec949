"""Log-in through an OpenID Connect provider (off by default): an existing user is found by
e-mail address only, nobody is created and no membership is given. The provider is never
called: the backend's token and user-info calls are mocked."""

import subprocess
import sys
from unittest import mock
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse

from sectorplan.accounts.models import Membership, User
from sectorplan.accounts.oidc import EmailOIDCBackend

BACKEND = "sectorplan.accounts.oidc.EmailOIDCBackend"
PROVIDER = {
    "SECTORPLAN_OIDC_ENABLED": True,
    "SECTORPLAN_OIDC_PROVIDER_NAME": "eHerkenning",
    "OIDC_RP_CLIENT_ID": "sectorplan",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
    "OIDC_USE_PKCE": True,
    "OIDC_CREATE_USER": False,
    "LOGIN_REDIRECT_URL_FAILURE": "/accounts/login/?oidc=mislukt",
    "ROOT_URLCONF": "sectorplan.accounts.tests.oidc_urls",
}
with_provider = override_settings(
    **PROVIDER,
    AUTHENTICATION_BACKENDS=[*settings.AUTHENTICATION_BACKENDS, BACKEND],
)


def provider_says(claims):
    """The provider's answers, without a network: a token, a valid ID token, these claims."""
    return mock.patch.multiple(
        EmailOIDCBackend,
        get_token=mock.Mock(return_value={"id_token": "id", "access_token": "access"}),
        verify_token=mock.Mock(return_value={"sub": "123"}),
        get_userinfo=mock.Mock(return_value=claims),
    )


def backend_log_in(rf, claims):
    request = rf.get("/oidc/callback/", {"code": "c", "state": "s"})
    request.session = {}
    with provider_says(claims):
        return EmailOIDCBackend().authenticate(request, nonce="n", code_verifier="v")


def test_off_by_default():
    assert settings.SECTORPLAN_OIDC_ENABLED is False
    assert BACKEND not in settings.AUTHENTICATION_BACKENDS
    assert not hasattr(settings, "OIDC_RP_CLIENT_ID")


@with_provider
def test_an_existing_user_is_found_by_e_mail_in_any_case(rf, accounts):
    users_before = User.objects.count()
    memberships_before = Membership.objects.count()
    user = backend_log_in(rf, {"email": "CEDRIS@Demo.Invalid", "email_verified": True})
    assert user == accounts["cedris"]
    assert User.objects.count() == users_before
    assert Membership.objects.count() == memberships_before


@with_provider
@pytest.mark.parametrize(
    "claims",
    [
        {"email": "nieuw@gemeente.example"},  # unknown: nobody is created
        {"email": "cedris@demo.invalid", "email_verified": False},
        {"sub": "123"},  # no e-mail at all
        {"email": ""},
    ],
)
def test_refused_without_one_known_verified_address(rf, accounts, claims):
    users_before = User.objects.count()
    memberships_before = Membership.objects.count()
    assert backend_log_in(rf, claims) is None
    assert User.objects.count() == users_before
    assert Membership.objects.count() == memberships_before


@with_provider
def test_refused_when_two_users_share_the_address(rf, accounts):
    User.objects.create_user("cedris-tweede", email="cedris@demo.invalid")
    Membership.objects.create(
        user=User.objects.get(username="cedris-tweede"),
        organisation=accounts["cedris"].membership.organisation,
    )
    assert backend_log_in(rf, {"email": "cedris@demo.invalid"}) is None


@with_provider
def test_refused_for_an_inactive_user_or_one_without_a_membership(rf, accounts):
    User.objects.create_user("los", email="los@demo.invalid")
    assert backend_log_in(rf, {"email": "los@demo.invalid"}) is None
    User.objects.filter(username="cedris").update(is_active=False)
    assert backend_log_in(rf, {"email": "cedris@demo.invalid"}) is None


@with_provider
def test_login_page_offers_the_provider_and_the_round_trip_logs_in(client, accounts):
    page = client.get(reverse("login")).content.decode()
    assert "Inloggen via eHerkenning" in page

    # To the provider, with state, nonce and PKCE; nothing is fetched.
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    target = urlparse(start.url)
    assert f"{target.scheme}://{target.netloc}{target.path}" == "https://idp.example/authorize"
    query = parse_qs(target.query)
    assert query["client_id"] == ["sectorplan"]
    assert query["code_challenge_method"] == ["S256"]
    state = query["state"][0]

    # Back from the provider with a code.
    with provider_says({"email": "gemeente-leiden@demo.invalid", "email_verified": True}):
        back = client.get(reverse("oidc_authentication_callback"), {"code": "c", "state": state})
    assert back.status_code == 302
    assert back.url == reverse("web:home")
    assert int(client.session[SESSION_KEY]) == accounts["gemeente-leiden"].pk
    assert client.get("/plannen/").status_code == 200


@with_provider
def test_an_unknown_address_returns_to_the_login_page_with_a_message(client, accounts):
    start = client.get(reverse("oidc_authentication_init"))
    state = parse_qs(urlparse(start.url).query)["state"][0]
    with provider_says({"email": "onbekend@gemeente.example"}):
        back = client.get(reverse("oidc_authentication_callback"), {"code": "c", "state": state})
    assert back.url == "/accounts/login/?oidc=mislukt"
    assert SESSION_KEY not in client.session
    page = client.get(back.url).content.decode()
    assert "Inloggen via eHerkenning is niet gelukt" in page


def oidc_log_in(client, email):
    start = client.get(reverse("oidc_authentication_init"))
    state = parse_qs(urlparse(start.url).query)["state"][0]
    with provider_says({"email": email}):
        client.get(reverse("oidc_authentication_callback"), {"code": "c", "state": state})
    assert SESSION_KEY in client.session


@with_provider
@override_settings(SECTORPLAN_REQUIRE_2FA=True)
def test_the_provider_counts_as_second_factor_only_when_trusted_for_it(client, accounts):
    oidc_log_in(client, "cedris@demo.invalid")
    assert client.get("/plannen/").url.startswith(reverse("accounts:two-factor-setup"))

    with override_settings(SECTORPLAN_OIDC_SATISFIES_2FA=True):
        assert client.get("/plannen/").status_code == 200
        assert client.get("/api/v1/plans/").status_code == 200


def test_enabling_it_without_the_provider_settings_is_refused(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "k" * 60,
        "SECTORPLAN_DATA_DIR": str(tmp_path),
        "SECTORPLAN_OIDC_ENABLED": "1",
        "OIDC_RP_CLIENT_ID": "sectorplan",
    }
    probe = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'sectorplan.settings'; "
        "from django.conf import settings; settings.INSTALLED_APPS"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SECTORPLAN_OIDC_ENABLED=1 needs OIDC_RP_CLIENT_SECRET" in result.stderr

"""Two-factor log-in with a time-based code (TOTP, django-otp).

Who must use it: programme office, assessors, ministries and staff (the admin), when
SECTORPLAN_REQUIRE_2FA is on. Companies and municipalities may turn it on for themselves; whoever
has a confirmed device enters a code at every log-in, required or not.

After the password, such a user reaches no other page until the session is verified: the
middleware sends them to enrol (no device yet) or to enter a code, and the API refuses the
session (SecondFactorSessionAuthentication). A log-in through the OpenID Connect provider counts
as verified only with SECTORPLAN_OIDC_SATISFIES_2FA.
"""

from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.authentication import SessionScheme
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication

from .models import OrganisationKind
from .policy import actor_for

REQUIRED_KINDS = frozenset(
    {OrganisationKind.PROGRAMME_OFFICE, OrganisationKind.ASSESSOR, OrganisationKind.MINISTRY}
)
OIDC_BACKEND = "sectorplan.accounts.oidc.EmailOIDCBackend"
DEVICE_NAME = "Authenticator-app"

# Pages a user who still owes a code may open: logging in and out, enrolling, entering the
# code, the language switch, and the OpenID Connect round trip.
OPEN_VIEWS = frozenset(
    {
        "login",
        "logout",
        "set_language",
        "accounts:two-factor-setup",
        "accounts:two-factor-verify",
        "oidc_authentication_init",
        "oidc_authentication_callback",
        "oidc_logout",
    }
)


def required_for(user) -> bool:
    """Whether this account must use two-factor log-in (by its organisation or admin access)."""
    if not settings.SECTORPLAN_REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or actor_for(user).kind in REQUIRED_KINDS


def confirmed_device(user) -> TOTPDevice | None:
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def is_verified(request) -> bool:
    """A code was entered in this session, or the identity provider vouches for two factors."""
    check = getattr(request.user, "is_verified", None)
    if callable(check) and check():
        return True
    return (
        settings.SECTORPLAN_OIDC_SATISFIES_2FA
        and request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND
    )


def missing_step(request) -> str | None:
    """'verify' when the session owes a code, 'setup' when a required device is missing, else
    None (nothing owed)."""
    user = request.user
    if not user.is_authenticated or is_verified(request):
        return None
    if confirmed_device(user) is not None:
        return "verify"
    if required_for(user):
        return "setup"
    return None


def step_url(step: str, next_url: str = "") -> str:
    url = reverse(f"accounts:two-factor-{step}")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class SecondFactorMiddleware:
    """Sends a logged-in user who owes a second factor to enrol or to enter the code, from
    any page but the few in OPEN_VIEWS. The API answers for itself (403, see below)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name in OPEN_VIEWS or "api" in match.namespaces:
            return None
        step = missing_step(request)
        if step is None:
            return None
        next_url = request.get_full_path() if request.method == "GET" else ""
        return redirect(step_url(step, next_url))


class SecondFactorSessionAuthentication(SessionAuthentication):
    """DRF's session log-in, refused while the session owes a required second factor."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        step = missing_step(request._request)
        if step is not None:
            raise exceptions.AuthenticationFailed(
                _(
                    "Tweestapsverificatie is vereist: vul eerst de code uit uw authenticator-app "
                    "in op %(url)s."
                )
                % {"url": reverse(f"accounts:two-factor-{step}")}
            )
        return result


class SecondFactorSessionScheme(SessionScheme):
    """The OpenAPI schema documents it as the session cookie log-in it is."""

    target_class = SecondFactorSessionAuthentication


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, inline SVG with presentation attributes only (no
    style attribute, so the strict Content-Security-Policy allows it)."""
    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        box_size=10,
        border=2,
    )
    svg = image.to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg class="qr-code" aria-hidden="true" focusable="false" ', 1)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))

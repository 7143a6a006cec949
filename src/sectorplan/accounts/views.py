"""Log-in page and two-factor pages: enrol an authenticator app, enter its code, turn it off."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import DEVICE_ID_SESSION_KEY, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from sectorplan.registry import clock

from . import twofactor


def login_context(request) -> dict:
    """What the login page shows besides the form; also used by the lock-out page."""
    return {
        "demo_without_2fa": clock.is_demo() and not settings.SECTORPLAN_REQUIRE_2FA,
        "oidc_enabled": settings.SECTORPLAN_OIDC_ENABLED,
        "oidc_provider_name": settings.SECTORPLAN_OIDC_PROVIDER_NAME,
        "oidc_failed": request.GET.get("oidc") == "mislukt",
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        extra = login_context(self.request)
        extra.pop("next")
        return {**context, **extra}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code uit de app"),
        help_text=gettext_lazy("De zes cijfers die de app nu laat zien."),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) not in (6, 8):
            raise forms.ValidationError(_("Vul de zes cijfers uit de app in."))
        return code


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _throttle_message(device: TOTPDevice) -> str | None:
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    until = (info or {}).get("locked_until")
    if until is None:
        return _("Te veel verkeerde codes. Probeer het over een paar seconden opnieuw.")
    seconds = max(1, int((until - timezone.now()).total_seconds()) + 1)
    return _(
        "Te veel verkeerde codes achter elkaar. Probeer het over %(seconds)s seconden opnieuw."
    ) % {"seconds": seconds}


def _verified(request, device: TOTPDevice) -> None:
    # A new session key for the session that now carries more rights (no fixation).
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the secret), confirm with a code.
    A user who already has a device must enter its code first (so a password alone never adds
    a device); then this replaces the old device."""
    current = twofactor.confirmed_device(request.user)
    if current is not None and not twofactor.is_verified(request):
        return redirect(twofactor.step_url("verify", request.get_full_path()))
    # One pending device per user: reloading the page shows the same secret.
    pending = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk")
    device = pending.first() or TOTPDevice.objects.create(
        user=request.user, name=twofactor.DEVICE_NAME, confirmed=False
    )
    form = CodeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        error = _throttle_message(device)
        if error is None:
            if device.verify_token(form.cleaned_data["code"]):
                with transaction.atomic():
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                    TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
                _verified(request, device)
                messages.success(request, _("Tweestapsverificatie staat aan voor uw account."))
                return redirect(_next_url(request))
            error = _(
                "Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de nieuwe code."
            )
    return render(
        request,
        "accounts/twofactor_setup.html",
        {
            "form": form,
            "error": error,
            "qr_svg": twofactor.qr_svg(device),
            "secret": twofactor.secret_text(device),
            "required": twofactor.required_for(request.user),
            "replacing": current is not None,
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Enter the code from the app after the password."""
    device = twofactor.confirmed_device(request.user)
    if device is None:
        if twofactor.required_for(request.user):
            return redirect(twofactor.step_url("setup", request.GET.get("next", "")))
        return redirect(_next_url(request))
    if twofactor.is_verified(request):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        error = _throttle_message(device)
        if error is None:
            accepted = verify_token(request.user, device.persistent_id, form.cleaned_data["code"])
            if accepted is not None:
                _verified(request, accepted)
                return redirect(_next_url(request))
            error = _("Deze code klopt niet. Vul de code in die de app nu laat zien.")
    return render(
        request,
        "accounts/twofactor_verify.html",
        {
            "form": form,
            "error": error,
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def overview(request):
    """Whether two-factor log-in is on, whether it is required; turn it off (with a code) when
    it is not required."""
    device = twofactor.confirmed_device(request.user)
    required = twofactor.required_for(request.user)
    form = CodeForm(request.POST or None)
    error = None
    if request.method == "POST":
        if required or device is None:
            raise PermissionDenied(
                _("Tweestapsverificatie is voor uw account verplicht en kan niet uit.")
            )
        if form.is_valid():
            error = _throttle_message(device)
            if error is None:
                if verify_token(request.user, device.persistent_id, form.cleaned_data["code"]):
                    TOTPDevice.objects.filter(user=request.user).delete()
                    request.session.pop(DEVICE_ID_SESSION_KEY, None)
                    messages.success(request, _("Tweestapsverificatie staat uit."))
                    return redirect("accounts:two-factor")
                error = _("Deze code klopt niet; tweestapsverificatie staat nog aan.")
    return render(
        request,
        "accounts/twofactor_overview.html",
        {
            "device": device,
            "required": required,
            "form": form,
            "error": error,
            "enforced": settings.SECTORPLAN_REQUIRE_2FA,
        },
    )

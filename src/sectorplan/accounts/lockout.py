"""Lock-out after repeated failed log-ins (django-axes): the login page again, with a message in
Dutch that says until when, and the client address as the settings say to find it."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils import timezone


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or behind SECTORPLAN_TRUSTED_PROXIES proxies the address the outermost of
    them saw (each appends the address it was reached from to X-Forwarded-For). Without proxies
    X-Forwarded-For is ignored: anyone can send it."""
    proxies = settings.SECTORPLAN_TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def locked_until(request):
    """When the lock ends: the cool-off after the latest failed attempt (every attempt while
    locked out starts the cool-off again)."""
    attempt_time = getattr(request, "axes_attempt_time", None) or timezone.now()
    return attempt_time + get_cool_off(request)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page with the lock-out message, status 429."""
    from .views import login_context

    username = (credentials or {}).get("username") or request.POST.get("username", "")
    until = timezone.localtime(locked_until(request))
    context = {
        **login_context(request),
        "form": AuthenticationForm(request, initial={"username": username}),
        "locked_until": until,
        "locked_minutes": int(get_cool_off(request).total_seconds() // 60),
        "locked_today": until.date() == timezone.localdate(),
    }
    return render(
        request,
        "registration/login.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )

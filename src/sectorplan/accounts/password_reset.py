"""Password reset with a limit: at most a few mails per address and a few requests per client
per hour, counted in Django's cache (shared between app servers when SECTORPLAN_CACHE_URL is
set), so nobody floods a person's mailbox or the mail server through the reset form."""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.utils.translation import gettext as _

from .lockout import client_ip

WINDOW_SECONDS = 60 * 60


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _count(key: str) -> int:
    """Adds one to the count of this window and returns it; the window starts at the first."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        return 1


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        client = client_ip(self.request) or "unknown"
        if _count(f"password-reset:client:{client}") > _limit(
            "SECTORPLAN_PASSWORD_RESET_PER_CLIENT", 10
        ):
            return self._refused(
                form,
                _(
                    "Er zijn vanaf uw adres al veel verzoeken gedaan; probeer het over een uur "
                    "opnieuw."
                ),
            )
        # The address is hashed: the cache need not hold who asked for a reset.
        address = hashlib.sha256(form.cleaned_data["email"].strip().lower().encode()).hexdigest()
        if _count(f"password-reset:address:{address}") > _limit(
            "SECTORPLAN_PASSWORD_RESET_PER_ADDRESS", 3
        ):
            return self._refused(
                form,
                _(
                    "Er zijn voor dit adres al een paar mails gestuurd; kijk in uw mailbox (ook "
                    "bij ongewenste mail) of probeer het over een uur opnieuw."
                ),
            )
        return super().form_valid(form)

    def _refused(self, form, message: str):
        form.add_error("email", message)
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 429
        return response

"""Start-up checks of the site's own address (run by `sectorplan check`, runserver, migrate):
with DEBUG off, e-mail links must not point at this machine's loopback address, which is what
an unset SITE_URL gives, nor at a host this server refuses."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register
from django.http.request import validate_host

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@register()
def site_url_check(app_configs=None, **kwargs):
    if settings.DEBUG:
        return []
    site_url = settings.SITE_URL
    host = urlsplit(site_url).hostname or ""
    if host in LOOPBACK or host.startswith("127."):
        return [
            Warning(
                f"SITE_URL is {site_url}: links in e-mails (invitations, notifications) "
                "would point at the recipient's own computer.",
                hint="Set SITE_URL to the address people use, e.g. https://sectorplan.example.",
                id="sectorplan.W001",
            )
        ]
    if not validate_host(f"[{host}]" if ":" in host else host, settings.ALLOWED_HOSTS):
        return [
            Warning(
                f"SITE_URL ({site_url}) names a host that is not in ALLOWED_HOSTS: "
                "links in e-mails would be refused.",
                hint="Add that host to ALLOWED_HOSTS, or correct SITE_URL.",
                id="sectorplan.W002",
            )
        ]
    return []

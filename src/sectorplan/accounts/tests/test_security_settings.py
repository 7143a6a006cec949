"""Production settings: `check --deploy` without a warning, the security headers on every page
(a Content-Security-Policy without unsafe-inline, no framing, HSTS over HTTPS), cookies that are
Secure, HttpOnly and SameSite, sessions that expire, password rules, and no inline script or
style anywhere that policy would block."""

import io
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from sectorplan.demo.accounts import DEMO_PASSWORD

PACKAGE = Path(__file__).resolve().parents[2]
HOST = "sectorplan.example"
# What test_settings changes for plain-HTTP testing, set back to production values.
PRODUCTION = {
    "DEBUG": False,
    "ALLOWED_HOSTS": [HOST],
    "SECRET_KEY": "a-long-random-production-key-" + "k7Q!" * 10,
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SITE_URL": f"https://{HOST}",  # links in e-mails; unset, the checks warn (web/checks.py)
}
production = override_settings(**PRODUCTION)


@production
def test_deploy_check_passes_without_a_warning():
    out, err = io.StringIO(), io.StringIO()
    # fail_level WARNING: any warning raises SystemCheckError and fails the test.
    call_command("check", deploy=True, fail_level="WARNING", stdout=out, stderr=err)
    assert "System check identified no issues" in out.getvalue(), out.getvalue() + err.getvalue()


def test_the_sectorplan_command_passes_check_deploy(tmp_path):
    """The real settings module, as an operator runs it: DEBUG off, a key and a host."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS"}
        and not key.startswith(("SECURE_", "SESSION_", "CSRF_", "SECTORPLAN_"))
    }
    env.update(
        SECRET_KEY=PRODUCTION["SECRET_KEY"],
        ALLOWED_HOSTS=HOST,
        SITE_URL=PRODUCTION["SITE_URL"],
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SECTORPLAN_DATA_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "sectorplan"),
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def csp(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@production
def test_security_headers_on_a_page(client, db):
    response = client.get("/", secure=True, HTTP_HOST=HOST)
    assert response.status_code == 200
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    policy = csp(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@production
def test_plain_http_is_redirected_and_gets_no_hsts(client, db):
    response = client.get("/plannen/", HTTP_HOST=HOST)
    assert response.status_code == 301
    assert response.url == f"https://{HOST}/plannen/"
    assert "Strict-Transport-Security" not in response.headers


@production
@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_a_proxy_its_header_says_https(client, db):
    response = client.get("/", HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response.headers


@production
def test_cookies_are_secure_http_only_and_same_site(client, accounts):
    client.get(reverse("login"), secure=True, HTTP_HOST=HOST)
    csrf = client.cookies["csrftoken"]
    response = client.post(
        reverse("login"),
        {"username": "cedris", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": csrf.value},
        secure=True,
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies.get(name) or client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
    session_cookie = response.cookies["sessionid"]
    # Ends with the browser, and on the server 8 hours after log-in.
    assert not session_cookie["max-age"] and not session_cookie["expires"]
    assert client.session.get_expiry_age() == 8 * 60 * 60
    assert client.session.get_expire_at_browser_close()


def test_session_and_password_defaults():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    with pytest.raises(ValidationError) as short:
        validate_password("kort-wachtw")  # 11 characters
    assert any(e.code == "password_too_short" for e in short.value.error_list)
    with pytest.raises(ValidationError):
        validate_password("123456789012345")  # long, but only digits
    with pytest.raises(ValidationError):
        validate_password("password1234")  # a common password
    validate_password("paars-fietsje-aan-de-lek")


def not_served(template: Path) -> bool:
    """Templates named *_pdf.html are rendered for WeasyPrint only (a PDF), never served as a
    page, so no browser applies the policy to them (decision letter, national report)."""
    return template.name.endswith("_pdf.html")


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> block"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_has_inline_script_or_style():
    wrong = []
    for template in sorted(PACKAGE.rglob("templates/**/*.html")):
        if not_served(template):
            continue
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                wrong.append(f"{template.relative_to(PACKAGE)}:{line}: {what}")
    assert not wrong, "the Content-Security-Policy blocks these:\n" + "\n".join(wrong)


class InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        if "style" in names:
            self.found.append(f"style attribute on <{tag}>")
        self.found += [f"{name} on <{tag}>" for name in names if name.startswith("on")]


def inline_parts(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


@override_settings(SECTORPLAN_REQUIRE_2FA=True)
def test_rendered_pages_have_nothing_inline(client, accounts, demo_date):
    pages = {
        "/": None,
        reverse("login"): None,
        reverse("web:budget", args=["sw2015"]): None,
        reverse("api:swagger-ui"): None,
        reverse("accounts:two-factor-setup"): "cedris",
        reverse("accounts:two-factor"): "bedrijf-dzb-leiden",
        reverse("plans:list"): "bedrijf-dzb-leiden",
        reverse("plans:dashboard"): "cedris-via-code",
        reverse("admin:index"): "cedris-via-code",
    }
    wrong = {}
    for url, username in pages.items():
        client.logout()
        if username:
            user = accounts[username.removesuffix("-via-code")]
            client.force_login(user)
            if username.endswith("-via-code"):
                from django_otp import DEVICE_ID_SESSION_KEY
                from django_otp.plugins.otp_totp.models import TOTPDevice

                device, _ = TOTPDevice.objects.get_or_create(
                    user=user, name="app", defaults={"confirmed": True}
                )
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        found = inline_parts(response.content.decode())
        if found:
            wrong[url] = found
    assert not wrong, wrong


def test_api_docs_page_starts_swagger_from_a_static_script(client, db):
    html = client.get(reverse("api:swagger-ui")).content.decode()
    assert 'id="swagger-ui"' in html
    assert f'data-schema-url="{reverse("api:schema")}"' in html
    assert "sectorplan/api-docs.js" in html
    assert "swagger-ui-bundle.js" in html

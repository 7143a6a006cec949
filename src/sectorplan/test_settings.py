"""Settings for the test suite: the same settings module, with a throw-away key and fast hashing.

Log-in protection is off here so that the suite can log in with force_login and the login form:
no lock-out (AXES_ENABLED) and no required second factor (SECTORPLAN_REQUIRE_2FA). The tests of
that protection (accounts/tests) switch it on with override_settings. The production transport
settings stay on, except the HTTPS redirect and secure cookies: the test client and the live
server speak plain HTTP.
"""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-suite-only-" + "x" * 40)

from sectorplan.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# DEBUG is off here: a real-looking SITE_URL keeps the SITE_URL check (web/checks.py) quiet.
SITE_URL = "http://testserver"
AXES_ENABLED = False
SECTORPLAN_REQUIRE_2FA = False
# Tasks run inside the test, after the commit (django_capture_on_commit_callbacks); the jobs tests
# switch to the database backend and run a real `db_worker` to cover that path.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

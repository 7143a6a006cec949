"""Settings, all from environment variables.

DATABASE_URL (default: SQLite in the data directory), SECRET_KEY, DEBUG, ALLOWED_HOSTS
(comma-separated), SECTORPLAN_DATA_DIR (database, uploads; default the checkout's var/), SITE_URL
(links in e-mail); SECTORPLAN_MEDIA_ROOT (shared upload directory) or SECTORPLAN_S3_BUCKET,
SECTORPLAN_TASKS_BACKEND (database or immediate), SECTORPLAN_CACHE_URL (docs/DEPLOYMENT.md);
for SMTP EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST,
EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL.

Log-in and transport security (README, "Security"): SECTORPLAN_REQUIRE_2FA, the lock-out limits
SECTORPLAN_LOGIN_FAILURE_LIMIT and SECTORPLAN_LOGIN_COOLOFF_MINUTES, SECTORPLAN_TRUSTED_PROXIES,
SESSION_COOKIE_AGE, SESSION_EXPIRE_AT_BROWSER_CLOSE, SECURE_SSL_REDIRECT, SECURE_PROXY_SSL_HEADER,
SECURE_HSTS_SECONDS, SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD, CSRF_TRUSTED_ORIGINS, and
the OpenID Connect log-in (off unless SECTORPLAN_OIDC_ENABLED=1; OIDC_* for the provider).
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
INSECURE_KEY_PREFIX = "django-insecure-"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DEBUG")
DEMO_MODE = env_bool("SECTORPLAN_DEMO_MODE")
# The data directory never depends on the current directory: a checkout (src layout, as the
# quick start installs it) keeps its data in the checkout's var/; an installed package must be
# told where (SECTORPLAN_DATA_DIR, e.g. /var/lib/sectorplan, docs/DEPLOYMENT.md).
CHECKOUT_DIR = PACKAGE_DIR.parent.parent
if os.environ.get("SECTORPLAN_DATA_DIR"):
    DATA_DIR = Path(os.environ["SECTORPLAN_DATA_DIR"]).resolve()
elif PACKAGE_DIR.parent.name == "src" and (CHECKOUT_DIR / "pyproject.toml").is_file():
    DATA_DIR = CHECKOUT_DIR / "var"
else:
    raise ImproperlyConfigured(
        "SECTORPLAN_DATA_DIR is not set. Set it to an absolute directory for the database, "
        "uploads and static files, e.g. /var/lib/sectorplan."
    )

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set a long random SECRET_KEY, or DEBUG=1 for local development."
        )
    SECRET_KEY = INSECURE_KEY_PREFIX + "local-development-only"
elif SECRET_KEY.startswith(INSECURE_KEY_PREFIX) and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY is an insecure development key; refusing to start.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "sectorplan.accounts",
    "sectorplan.registry",
    "sectorplan.audit",
    "sectorplan.allocation",
    "sectorplan.plans",
    "sectorplan.assessment",
    "sectorplan.payments",
    "sectorplan.monitoring",
    "sectorplan.meetings",
    "sectorplan.web",
    "sectorplan.api",
    "sectorplan.jobs",
    # Demo data on the top floor: it uses the domain apps, none of them imports it.
    "sectorplan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # The demo date and the summaries' token, read once per reading request.
    "sectorplan.per_request.ReadOnceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sectorplan.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session entered a code from the user's device.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sends a user who must (or chose to) use two-factor log-in to enrol or enter a code first.
    "sectorplan.accounts.twofactor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a lock-out into the login page with its message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sectorplan.urls"
WSGI_APPLICATION = "sectorplan.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Overrides of third-party templates: the API docs page without inline script or style.
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sectorplan.web.context_processors.demo",
            ],
        },
    },
]

# Select boxes built in Python, the rest as Django renders it (web/form_renderer.py).
FORM_RENDERER = "sectorplan.web.form_renderer.FastSelectRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'sectorplan.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Take the write lock when a transaction starts, so concurrent writers queue up instead of
    # failing halfway (the rules re-read totals inside the transaction).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's default random_page_cost (4) assumes spinning disks; on SSD storage it makes
    # the planner read every plan to find a page of 50 (docs/PERFORMANCE.md has the query
    # plans). Sent as a startup option, so it costs no query; set it empty to keep the server's
    # own setting (needed behind a pooler that refuses startup options).
    _page_cost = os.environ.get("DATABASE_RANDOM_PAGE_COST", "1.1").strip()
    if _page_cost:
        try:
            _page_cost = float(_page_cost)
        except ValueError:
            raise ImproperlyConfigured(
                f"DATABASE_RANDOM_PAGE_COST must be a number such as 1.1, or empty; "
                f"not {_page_cost!r}."
            ) from None
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            f"-c random_page_cost={_page_cost}"
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Uploads are served only through permission-checked views. With more than one app server this
# must be one shared directory (NFS, a mounted volume) or object storage (docs/DEPLOYMENT.md).
MEDIA_ROOT = Path(os.environ.get("SECTORPLAN_MEDIA_ROOT") or DATA_DIR / "private-media").resolve()
# Object storage instead (S3-compatible, private bucket): set SECTORPLAN_S3_BUCKET and install
# django-storages[s3]; credentials come from the usual AWS_* variables.
if os.environ.get("SECTORPLAN_S3_BUCKET"):
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["SECTORPLAN_S3_BUCKET"],
                "endpoint_url": os.environ.get("SECTORPLAN_S3_ENDPOINT_URL") or None,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

# Background work (imports, report generation, batch actions): Django's task framework
# (django-tasks backport). The database backend stores every task in the database, so any app
# server can queue and any `sectorplan db_worker` process can run it. SECTORPLAN_TASKS_BACKEND=
# immediate runs tasks inside the request instead (no worker needed; the page then waits).
TASKS_BACKEND = os.environ.get("SECTORPLAN_TASKS_BACKEND", "database").strip().lower()
if TASKS_BACKEND not in ("database", "immediate"):
    raise ImproperlyConfigured("SECTORPLAN_TASKS_BACKEND must be 'database' or 'immediate'.")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}

# Django's cache. Nothing relies on it for correctness (cached pages' keys change with the data
# they show; sessions stay in the database), but with
# several app servers a shared cache keeps whatever is cached the same everywhere:
# SECTORPLAN_CACHE_URL=redis://host:6379/0 (needs the `redis` package). Default: per process.
if os.environ.get("SECTORPLAN_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["SECTORPLAN_CACHE_URL"],
            "KEY_PREFIX": "sectorplan",
        }
    }
# Sessions live in the database, so any app server reads them. With the shared cache they are
# read from the cache first (cached_db: written through to both), which saves a query on every
# request (issue 15). Without a shared cache each process would keep its own copy, and a log-out
# in one would not reach the others, so then every request reads the database.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if os.environ.get("SECTORPLAN_CACHE_URL")
    else "django.contrib.sessions.backends.db"
)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Sessions end 8 hours after log-in, and (by default) when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The refused-form page knows the page it came from (Django's own does not get the request).
CSRF_FAILURE_VIEW = "sectorplan.web.csrf.csrf_failure"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username and address before a password is
    # checked. It authenticates nobody itself.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Two-factor log-in (TOTP, django-otp): required for the programme office, assessors, ministries
# and staff when on; companies and municipalities may turn it on for themselves. On by default;
# demo mode (the quick start) defaults it off so the demo accounts can be walked through.
SECTORPLAN_REQUIRE_2FA = env_bool("SECTORPLAN_REQUIRE_2FA", not DEMO_MODE)
OTP_TOTP_ISSUER = os.environ.get("SECTORPLAN_OTP_ISSUER", "Sectorplan")

# Lock-out after repeated failed log-ins (django-axes), per username and address together, so
# nobody can lock another person out from elsewhere.
AXES_ENABLED = True
AXES_FAILURE_LIMIT = env_int("SECTORPLAN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SECTORPLAN_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "sectorplan.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "sectorplan.accounts.lockout.client_ip"
# Behind N reverse proxies that each append to X-Forwarded-For, the client is the Nth address
# from the right; without proxies X-Forwarded-For is ignored (anyone can send it).
SECTORPLAN_TRUSTED_PROXIES = env_int("SECTORPLAN_TRUSTED_PROXIES", 0)

# Log-in through an organisation's identity provider or an eHerkenning broker (OpenID Connect,
# mozilla-django-oidc). Off by default. An existing user is found by e-mail address; nobody is
# created and no membership is ever given through it.
SECTORPLAN_OIDC_ENABLED = env_bool("SECTORPLAN_OIDC_ENABLED")

SECTORPLAN_OIDC_PROVIDER_NAME = os.environ.get("SECTORPLAN_OIDC_PROVIDER_NAME", "uw organisatie")
# Whether a log-in through the provider counts as two-factor (when it enforces that itself,
# e.g. eHerkenning level EH3 or higher).
SECTORPLAN_OIDC_SATISFIES_2FA = env_bool("SECTORPLAN_OIDC_SATISFIES_2FA")
OIDC_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)
if SECTORPLAN_OIDC_ENABLED:
    missing = [name for name in OIDC_REQUIRED if not os.environ.get(name)]
    if missing:
        raise ImproperlyConfigured(
            "SECTORPLAN_OIDC_ENABLED=1 needs " + ", ".join(missing) + " (see README, Settings)."
        )
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ["OIDC_RP_CLIENT_SECRET"]
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["OIDC_OP_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["OIDC_OP_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ["OIDC_OP_JWKS_ENDPOINT"]
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email")
    OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
    OIDC_CREATE_USER = False
    OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
    LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?oidc=mislukt"
    AUTHENTICATION_BACKENDS.append("sectorplan.accounts.oidc.EmailOIDCBackend")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sectorplan@localhost")
# Links in e-mails point here.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Benchmarks only (bench/pages.py): registers /bench/trivial/, the yardstick page that does no
# work, so a page's throughput is reported as a ratio to it. Never set in production.
SECTORPLAN_BENCH = env_bool("SECTORPLAN_BENCH")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "sectorplan.api.schema.SectorplanAutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Session log-in, refused while a required second factor is not entered yet.
        "sectorplan.accounts.twofactor.SecondFactorSessionAuthentication",
    ],
    "COERCE_DECIMAL_TO_STRING": True,
    # JSON nested thousands deep is a 400, not a RecursionError (api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "sectorplan.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sectorplan API",
    "DESCRIPTION": "The SW sector-plan scheme: budget per region, plans, assessment, monitoring.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The URL grammar of Django's path converters, so clients (and the API fuzzer) know which
    # values can reach the API at all; anything else is not an API URL.
    "PATH_CONVERTER_OVERRIDES": {
        "int": {"type": "integer", "minimum": 0},
        "slug": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
        "str": {"type": "string", "pattern": "^[^/]+$"},
    },
}

# Transport and browser security. `sectorplan check --deploy` passes without a warning with
# these defaults, DEBUG off, a real SECRET_KEY, ALLOWED_HOSTS and SITE_URL (web/checks.py).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = os.environ.get("SECURE_REFERRER_POLICY", "same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a proxy that terminates TLS: the header it sets, e.g. X-Forwarded-Proto (value https).
# Set it only when the proxy always sets or overwrites that header.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + os.environ["SECURE_PROXY_SSL_HEADER"].strip().upper().replace("-", "_"),
        "https",
    )
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp): no inline script or style anywhere, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: for the icons the API docs' stylesheet embeds.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

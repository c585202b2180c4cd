"""The one settings file: reads the contract's environment variables, top to bottom."""

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent
HOME = Path(os.environ.get("LEERLUS_HOME", "~/.local/share/leerlus")).expanduser()
if "pytest" in sys.modules and "LEERLUS_HOME" not in os.environ:
    # A test process gets a data directory of its own: never the developer's real one, and the test workers do
    # not wait for each other on its analysis lock.
    HOME = Path(tempfile.mkdtemp(prefix="leerlus-test-home-"))
os.umask(0o077)  # the database, its journal, uploads and copies: readable by this installation's user only
HOME.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """A per-installation secret, kept in the data directory (or given in LEERLUS_SECRET_KEY)."""
    if os.environ.get("LEERLUS_SECRET_KEY"):
        return os.environ["LEERLUS_SECRET_KEY"]
    path = HOME / "secret_key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("LEERLUS_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("LEERLUS_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
# Feeds of other municipalities from private addresses: "1" (loopback and private ranges) or networks
# ("10.20.0.0/16,127.0.0.1"); empty: internet addresses only (see exchange/addresses.py).
EXCHANGE_ALLOW_PRIVATE = os.environ.get("LEERLUS_EXCHANGE_ALLOW_PRIVATE", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "axes",
    "leerlus.presentation",
    "leerlus.core",
    "leerlus.audit",
    "leerlus.jobs",
    "leerlus.intake",
    "leerlus.patterns",
    "leerlus.playground",
    "leerlus.rhythm",
    "leerlus.systemview",
    "leerlus.exchange",
    "leerlus.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "leerlus.web.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "leerlus.audit.middleware.AuditActorMiddleware",
    "leerlus.core.roles.ReadOnlyForLezerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "leerlus.presentation.problems.InputErrorMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "leerlus.urls"
WSGI_APPLICATION = "leerlus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "leerlus.core.roles.role_context",
                "leerlus.presentation.problems.input_errors",
            ],
        },
    },
]

# The test suite picks its own database: SQLite, or PostgreSQL when LEERLUS_TEST_DATABASE_URL is set.
DATABASE_URL = os.environ.get("LEERLUS_TEST_DATABASE_URL" if "pytest" in sys.modules else "LEERLUS_DATABASE_URL")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{HOME / 'leerlus.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web pages read while an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; PRAGMA cache_size=-262144; PRAGMA wal_autocheckpoint=16384;",  # noqa: E501
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ, TIME_ZONE = True, "Europe/Amsterdam"

STATIC_URL = "static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Behind a TLS-terminating proxy in production (LEERLUS_SECURE=1): cookies only over HTTPS, HSTS for a year, plain
# HTTP redirected, and the proxy's X-Forwarded-Proto trusted. Off by default: `leerlus serve` on a laptop is HTTP.
if os.environ.get("LEERLUS_SECURE") == "1":
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"

# Password rules for every account made through `leerlus setup`, `leerlus user add` or the web's first run
# (Django's own validators; the minimum length with its own Dutch message).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "leerlus.core.password_rules.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Repeated failed logins (django-axes): after 10 wrong passwords for one account from one address, that pair waits
# 15 minutes (status 429 with a Dutch page); a successful login resets the count. `leerlus user unlock` lifts it.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False

# Content-Security-Policy (django-csp): scripts, styles, images and forms only from this site. Inline styles are
# allowed because pygal's charts are inline SVG with their own <style>; no inline script runs anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# Sign-in through the municipality's own identity provider (OpenID Connect, mozilla-django-oidc), only when
# LEERLUS_OIDC_ISSUER is set: its endpoints come from the issuer's discovery document (fetched at the first sign-in,
# see core.oidc), ID tokens are RS256, roles come from the groups claim (LEERLUS_OIDC_ROLE_GROUPS, see
# core.provider_roles). Local accounts stay, unless LEERLUS_LOCAL_LOGIN=0. No token is kept in the session.
OIDC_ISSUER = os.environ.get("LEERLUS_OIDC_ISSUER", "").rstrip("/")
LOCAL_LOGIN = not OIDC_ISSUER or os.environ.get("LEERLUS_LOCAL_LOGIN", "1") != "0"
if OIDC_ISSUER:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("leerlus.core.oidc.ProviderBackend")
    if not LOCAL_LOGIN:
        AUTHENTICATION_BACKENDS.remove("django.contrib.auth.backends.ModelBackend")
    OIDC_LABEL = os.environ.get("LEERLUS_OIDC_LABEL", "")  # empty: "Inloggen met uw organisatie-account"
    OIDC_RP_CLIENT_ID = os.environ.get("LEERLUS_OIDC_CLIENT_ID", "")
    OIDC_RP_CLIENT_SECRET = os.environ.get("LEERLUS_OIDC_CLIENT_SECRET") or (
        Path(os.environ["LEERLUS_OIDC_CLIENT_SECRET_FILE"]).read_text().strip()
        if os.environ.get("LEERLUS_OIDC_CLIENT_SECRET_FILE")
        else ""
    )
    OIDC_RP_SIGN_ALGO = "RS256"
    OIDC_RP_SCOPES = os.environ.get("LEERLUS_OIDC_SCOPES", "openid email profile")
    OIDC_GROUPS_CLAIM = os.environ.get("LEERLUS_OIDC_GROUPS_CLAIM", "groups")
    OIDC_ROLE_GROUPS = os.environ.get("LEERLUS_OIDC_ROLE_GROUPS", "")  # beheerder=G1|G2,teamlid=G3,lezer=*
    OIDC_DEPARTMENT_CLAIM = os.environ.get("LEERLUS_OIDC_DEPARTMENT_CLAIM", "")
    OIDC_DEPARTMENT = os.environ.get("LEERLUS_OIDC_DEPARTMENT", "")
    OIDC_USE_PKCE = True
    OIDC_TIMEOUT = 10
    OIDC_AUTHENTICATE_CLASS = "leerlus.core.oidc.SignInView"
    OIDC_CALLBACK_CLASS = "leerlus.core.oidc.CallbackView"
    # Signing out is a form; its redirect to the provider's end_session_endpoint has to pass form-action.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append("{0.scheme}://{0.netloc}".format(urlsplit(OIDC_ISSUER)))

# The website feedback widget (intake.widget): at most WIDGET_RATE submissions per client address (django-ratelimit,
# counted in the cache below), a body of at most WIDGET_MAX_BYTES, a text of at most WIDGET_TEXT_CHARS characters.
WIDGET_RATE = os.environ.get("LEERLUS_WIDGET_RATE", "20/m")
WIDGET_MAX_BYTES = 4096
WIDGET_TEXT_CHARS = 1000
# The cache holds only the widget's counts per client address. In this process's memory by default, which is exact
# for `leerlus serve` (one process, threads); several server processes share one through LEERLUS_CACHE_URL (redis://).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["LEERLUS_CACHE_URL"]}
        if os.environ.get("LEERLUS_CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "leerlus"}
    )
}

# Uploaded import files are streamed to disk and never kept (see intake.views).
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
IMPORT_UPLOAD_MAX_BYTES = 2 * 1024**3  # the import wizard refuses larger files (leerlus import reads any size)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Background jobs (leerlus.jobs): Redis in production; by default kombu's filesystem transport in HOME/queue.
# Inside the test process nothing is sent anywhere (memory://): tests that need a worker start one with its own home.
BROKER_URL = os.environ.get("LEERLUS_BROKER_URL") or (
    "memory://" if "pytest" in sys.modules else "filesystem://localhost/"
)
JOB_QUEUE = os.environ.get("LEERLUS_QUEUE", "leerlus")  # its own name per installation sharing one Redis
# Page parts computed from the data (the start page's incidents and charts, the patterns list) are cached per data
# version (core.data_version) where every server process and the worker see them: in Redis when the jobs run on
# Redis, else as files in HOME/cache (no extra service). Inside the test process: memory, emptied before each test.
if "pytest" in sys.modules:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif BROKER_URL.startswith("redis"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": BROKER_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": HOME / "cache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
CACHES["default"]["KEY_PREFIX"] = JOB_QUEUE  # one Redis, several installations: as the queue
JOB_HEARTBEAT_SECONDS = float(os.environ.get("LEERLUS_JOB_HEARTBEAT_SECONDS", "1.0"))  # progress and cancel checks
JOB_STALE_SECONDS = float(os.environ.get("LEERLUS_JOB_STALE_SECONDS", "300"))  # no heartbeat this long: lost
BRIEFS_DIR = HOME / "briefs"
# Syncing sources (leerlus.intake.sync): the pauses between attempts after a network error, a time-out or a 5xx,
# and how long one request may wait for an answer.
SYNC_RETRY_SECONDS = (2, 10, 30)
SYNC_TIMEOUT_SECONDS = 30
# A shared mailbox whose certificate comes from the municipality's own certificate authority: that authority's
# certificate (a PEM file), trusted next to the public ones.
MAILBOX_CA_FILE = os.environ.get("LEERLUS_MAILBOX_CA_FILE", "")
# A municipality's own job kinds: modules that register handlers with leerlus.jobs.registry.register.
JOB_MODULES = [name for name in os.environ.get("LEERLUS_JOB_MODULES", "").split(",") if name.strip()]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
}

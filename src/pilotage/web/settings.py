"""Django settings, from the environment over this one file.

`PILOTAGE_DATA_DIR` holds the SQLite database (`web.sqlite3`) and, in development, a generated
secret key; `DATABASE_URL` switches to a server database (PostgreSQL); `PILOTAGE_WEB_DEBUG=1`
turns on debug mode; `PILOTAGE_WEB_SECRET_KEY` is required when debug mode is off.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from pilotage.facts import data_dir

WEB_SECRET_KEY_ENV = "PILOTAGE_WEB_SECRET_KEY"
WEB_DEBUG_ENV = "PILOTAGE_WEB_DEBUG"
WEB_ALLOWED_HOSTS_ENV = "PILOTAGE_WEB_ALLOWED_HOSTS"
DATABASE_URL_ENV = "DATABASE_URL"
SQLITE_FILE = "web.sqlite3"
DEV_KEY_FILE = "web-secret-key.txt"


def database(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`DATABASE_URL` when set, else SQLite at `<data dir>/web.sqlite3`."""
    env = os.environ if environ is None else environ
    url = env.get(DATABASE_URL_ENV)
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60))
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data_dir(env) / SQLITE_FILE)}


def debug(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get(WEB_DEBUG_ENV, "").lower() in {"1", "true", "yes", "on"}


def secret_key(environ: Mapping[str, str] | None = None, *, debug_mode: bool) -> str:
    """`PILOTAGE_WEB_SECRET_KEY`; in debug mode a key generated once into the data dir."""
    env = os.environ if environ is None else environ
    key = env.get(WEB_SECRET_KEY_ENV)
    if key:
        return key
    if not debug_mode:
        raise ImproperlyConfigured(
            f"{WEB_SECRET_KEY_ENV} is not set: set it to a long random string for the web "
            f"application, or set {WEB_DEBUG_ENV}=1 to use a generated development key"
        )
    path = data_dir(env) / DEV_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


# Lets the typed generics of django-stubs (ModelAdmin[Model], ModelForm[Model]) run.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
DEBUG = debug()
# Outside debug mode, a missing key leaves the settings importable (tests, `makemigrations`), but
# the WSGI application and `pilotage web serve` refuse to start with the message of secret_key().
SECRET_KEY = secret_key(debug_mode=DEBUG) if DEBUG or os.environ.get(WEB_SECRET_KEY_ENV) else ""
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(WEB_ALLOWED_HOSTS_ENV, "localhost,127.0.0.1,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "pilotage.web.accounts",
    "pilotage.web.catalogue",
    "pilotage.web.audit",
    "pilotage.web.dashboards",
    "pilotage.web.progress",
    "pilotage.web.discussion",
    "pilotage.web.evaluation",
    "pilotage.web.home",
    "pilotage.web.budget",
    "pilotage.web.api",
    "ninja",  # the API's browsable documentation, its scripts served from the package
    "bootstrap",  # django-bootstrap-static: Bootstrap 5's CSS, served by WhiteNoise (no CDN)
    "django_htmx",  # htmx's script, served from the package; request.htmx
    "axes",  # login lockout after repeated failures (pilotage.web.accounts.lockout)
]

MIDDLEWARE = [
    "log_request_id.middleware.RequestIDMiddleware",  # every log line names its request
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pilotage.web.middleware.NoStoreMiddleware",  # after WhiteNoise: static files stay cached
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pilotage.web.accounts.auditing.ActingUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pilotage.web.middleware.PilotageErrorMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "pilotage.web.urls"
WSGI_APPLICATION = "pilotage.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pilotage.web.accounts.context.navigation",
            ],
        },
    },
]

DATABASES = {"default": database()}
# What the pages keep between requests, in each server process: the content of dashboard pages
# and late-case lists (published figures never change; the keys name what they depend on) and
# the sessions (read from the cache, written through to the database). One server process
# (waitress) serves the application; several processes behind one address would each keep
# their own copy, so a logout would reach only one: such a set-up switches sessions back to
# "django.contrib.sessions.backends.db".
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

STATIC_URL = "static/"
# Static files (CSS, scripts, chart styles) ship inside the package and are served by the
# application itself through WhiteNoise: no CDN, the institutions' machines are offline.
STATIC_ROOT = (data_dir() / "static").resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve straight from the package too, before collectstatic
# Evidence files attached to action progress.
MEDIA_ROOT = (data_dir() / "media").resolve()
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Security defaults; HTTPS-only settings follow debug mode so local development stays usable.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_SSL_REDIRECT = False  # the reverse proxy terminates TLS; it sets the redirect

# E-mail (the reminder digests): the console by default, a directory of files with
# PILOTAGE_EMAIL_BACKEND=file, an SMTP server with PILOTAGE_EMAIL_BACKEND=smtp.
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}.get(
    os.environ.get("PILOTAGE_EMAIL_BACKEND", "console"),
    "django.core.mail.backends.console.EmailBackend",
)
EMAIL_FILE_PATH = str(data_dir() / "outbox")
EMAIL_HOST = os.environ.get("PILOTAGE_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("PILOTAGE_SMTP_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("PILOTAGE_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PILOTAGE_SMTP_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("PILOTAGE_SMTP_TLS", "").lower() in {"1", "true", "yes", "on"}
DEFAULT_FROM_EMAIL = os.environ.get("PILOTAGE_EMAIL_FROM", "pilotage@localhost")
# Login lockout (django-axes): 5 wrong passwords for one user name from one client address
# lock that pair out for 15 minutes, the right password included; a success does not reset
# the count of a locked-out pair. Unlock: pilotage web unlock USERNAME, or the admin.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # pilotage.web.login logs failures and lockouts, with the request id

# Content-Security-Policy: the pages load nothing from elsewhere, run no inline script, and take
# inline styles only with the page's nonce (the trend charts' SVG carry theirs).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],  # the request's nonce, used only when a page asks for it
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# Request ids: every response carries X-Request-ID, every log line of the request names it, a
# server error page shows it so that a user can report it.
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "log_request_id.filters.RequestIDFilter"}},
    "formatters": {
        "request": {
            "format": "%(asctime)s %(levelname)s %(name)s [request %(request_id)s] %(message)s"
        }
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "request",
        }
    },
    "loggers": {
        # Server errors with their traceback, refusals (4xx) as warnings.
        "django.request": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "pilotage": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}

"""Settings for Positions, read from the environment.

Every variable is listed with its default in `.env.example` and README. A value
that cannot be understood stops start-up with a message naming the variable.
"""

import os
from pathlib import Path
from typing import Any, Literal

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value: use true or false.")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if number < 0:
        raise ImproperlyConfigured(f"{name}={value!r} must not be negative.")
    return number


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
# The site's address as readers reach it, which a book prints in its colophon (a book
# is built without a request to take it from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL is {SITE_URL!r}: it must start with http:// or https://.")
for origin in CSRF_TRUSTED_ORIGINS:
    if not origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS has {origin!r}: each origin must start with "
            "http:// or https:// (for example https://positions.example.org)."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "taggit",
    "simple_history",
    "axes",
    # CORS headers on the API's answers (positions.api).
    "corsheaders",
    "positions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses (gzip) every answer below it for a browser that asks: pages, the API.
    # After WhiteNoise, which answers static files itself, compressed at collectstatic
    # where that pays (not images), with Range requests intact. Compressing pages that
    # hold secrets invites BREACH; Django's answer is that CSRF tokens are masked anew
    # for every request, and this middleware adds random bytes to each answer.
    "django.middleware.gzip.GZipMiddleware",
    # HEAD on the API, answered as GET without the body (ninja answers GET only).
    "positions.web.middleware.head_as_get",
    # Before anything that may answer: CORS headers on the API's answers.
    "corsheaders.middleware.CorsMiddleware",
    # Readers' pages from the cache, under the content's version; before the session,
    # which a cached page never reads. Below GZip, so what it keeps is compressed anew.
    "positions.web.page_cache.page_cache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After it: keeps the language of the page read, for "/" and the admin.
    "positions.web.middleware.remember_language",
    # In the reader's language too: a 405's page in the site's design.
    "positions.web.middleware.designed_method_errors",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Records who made each change in the history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

# The API may be read from scripts on any site: it holds only what is published, and
# reads no cookie, so answers carry `Access-Control-Allow-Origin: *`.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag"]
CORS_PREFLIGHT_MAX_AGE = 86400

# The team signs in on the site's own page (/en/sign-in/), which the admin's sends to.
# Without a safe "next" (none, or an address on another site), they land on their own
# list of what waits for them.
LOGIN_URL = "positions:sign_in"
LOGIN_REDIRECT_URL = "positions:my_work"
# A form refused for its security token gets the site's 403 page, which says that
# nothing was saved and leads back to the form.
CSRF_FAILURE_VIEW = "positions.web.errors.csrf_failure"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out person is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed sign-ins: after AXES_FAILURE_LIMIT failures for one username from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "positions/web/locked_out.html"
# Behind one proxy, the client's address is the one that proxy adds to
# X-Forwarded-For; otherwise the connection's own address. The nginx that bin/start
# puts in front (BUNDLED_PROXY, set by bin/start) passes on the connection's address
# there, or the header of the proxy in front of it.
if envbool("BEHIND_PROXY", False) or envbool("BUNDLED_PROXY", False):
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_PROXY_COUNT = 1
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "positions.web.context_processors.languages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: DATABASE_URL, or a SQLite file beside manage.py when it is unset.
# Connections persist for 10 minutes and are checked before each request reuses one.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
try:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
    }
except Exception as error:  # dj-database-url raises several kinds of error
    raise ImproperlyConfigured(
        f"DATABASE_URL could not be understood ({error}). Examples: "
        "postgres://user:password@127.0.0.1:5432/positions or sqlite:///path/db.sqlite3"
    ) from None
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
}:
    raise ImproperlyConfigured(
        "DATABASE_URL must name a PostgreSQL or SQLite database "
        f"(got {DATABASES['default']['ENGINE']})."
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache that readers' pages are served from (positions/web/page_cache.py): Redis, shared
# by every worker and machine, when REDIS_URL is set (redis://127.0.0.1:6379/0); else
# each process's memory. Pages are kept under the content's version, so no time-out
# keeps them fresh: PAGE_CACHE_SECONDS only bounds how long an unread page takes room.
REDIS_URL = os.environ.get("REDIS_URL", "")
# false serves every page fresh (to compare, or to rule the cache out).
PAGE_CACHE = envbool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 24 * 60 * 60)
# How long a shared cache in front of the site (a CDN) may keep a page without asking
# whether it changed; 0 (the default): it asks each time, and a 304 costs one query.
PAGE_CACHE_CDN_SECONDS = envint("PAGE_CACHE_CDN_SECONDS", 0)
# In front of Redis, each process keeps the pages it served last, up to this many
# megabytes, and serves them again without asking Redis (they are kept under the
# version too, so never stale); 0 turns it off. Without Redis the cache is in each
# process already.
PAGE_CACHE_NEAR_MB = envint("PAGE_CACHE_NEAR_MB", 32 if REDIS_URL else 0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that does not answer costs half a second, then pages are served
            # without it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface's languages; each page's address starts with one (/en/, /ja/, /ru/).
# The languages of the texts themselves are data (each side's language).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Each language's date forms, where Django's own differ from what readers expect.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files the site makes (the books, positions/book) are kept by the default storage: in
# MEDIA_ROOT, or in an S3-compatible bucket when S3_BUCKET names one (below).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files with hashed names, which WhiteNoise serves with a
    # one-year immutable Cache-Control header.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The books in S3 or any S3-compatible store (MinIO, R2, …), shared by every machine
# (django-storages). The keys may also come as AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or from the machine's role.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            # Private: readers get a book through the site, which checks drafts.
            "default_acl": "private",
            "querystring_auth": True,
            # A new build never overwrites the file another worker is serving.
            "file_overwrite": False,
        },
    }

# HTTPS. Behind a proxy that terminates TLS, set BEHIND_PROXY=true so that
# X-Forwarded-Proto tells Django the request was secure.
HTTPS = envbool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
# Health checks come over plain http from inside (Docker's HEALTHCHECK, a load
# balancer): a redirect would read as a failure.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = HTTPS
# The language last read (see positions.web.middleware), kept a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE: Literal["Lax"] = "Lax"
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = envbool("HSTS_PRELOAD", False)
if envbool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Email (mentions in the discussion). With EMAIL_HOST set, mail goes out by SMTP;
# without it, it is written to the console, which is what development wants.
email_host = os.environ.get("EMAIL_HOST", "")
email_port = envint("EMAIL_PORT", 587)
email_use_tls = envbool("EMAIL_USE_TLS", True)
if email_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": email_host,
                "port": email_port,
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": email_use_tls,
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Positions <positions@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL={LOG_LEVEL!r} is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A failed request's traceback in full the first time, then one line per
    # repetition: an outage leaves a log one can read (positions/web/logs.py).
    "filters": {"repeated_failures": {"()": "positions.web.logs.RepeatedFailures"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"filters": ["repeated_failures"]},
        # WeasyPrint tells each step of each page of a book at INFO (positions/book).
        "weasyprint": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

TAGGIT_CASE_INSENSITIVE = True

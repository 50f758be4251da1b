"""Settings shared by every environment; each value that varies comes from an environment variable.

``.env.example`` documents the variables. ``local``, ``production`` and ``test`` import this module
and change only what differs.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config.env import (
    cache_config,
    database_config,
    email_config,
    env_bool,
    env_int,
    env_list,
    env_str,
    throttle_rates,
)
from mybookconnect.books.openapi import ENUM_NAME_OVERRIDES as BOOKS_ENUM_NAME_OVERRIDES

# deploy_project/
BASE_DIR = Path(__file__).resolve().parent.parent.parent
# The repository root (frontend/ lives beside deploy_project/).
REPO_DIR = BASE_DIR.parent

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TIME_ZONE = "UTC"
USE_TZ = True
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
USE_I18N = True

# DATABASES / CACHES
# ------------------------------------------------------------------------------
DATABASES = {"default": database_config(env_str("DATABASE_URL"), BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": cache_config(env_str("REDIS_URL"))}

# APPS
# ------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
THIRD_PARTY_APPS = [
    "corsheaders",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]
LOCAL_APPS = [
    "mybookconnect.core",
    "mybookconnect.users",
    "mybookconnect.books",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# PASSWORDS
# ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign in with a username or an email address (mybookconnect.users), in the same field.
AUTHENTICATION_BACKENDS = ["mybookconnect.users.backends.UsernameOrEmailBackend"]
# Password reset links (emailed by the users app) work once, for this long.
PASSWORD_RESET_TIMEOUT = 60 * 60 * env_int("PASSWORD_RESET_TIMEOUT_HOURS", 3)

# EMAIL: EMAIL_URL (smtp://user:password@host:587?tls=1, smtps://..., console://) or a dotted
# EMAIL_BACKEND; neither set prints each email to stdout (console backend).
# ------------------------------------------------------------------------------
_EMAIL = email_config(env_str("EMAIL_URL"), env_str("EMAIL_BACKEND"))
EMAIL_BACKEND = _EMAIL["EMAIL_BACKEND"]
EMAIL_HOST = _EMAIL.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _EMAIL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _EMAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _EMAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _EMAIL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _EMAIL.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "MyBookConnect <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# TEMPLATES
# ------------------------------------------------------------------------------
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
            ],
        },
    },
]

# STATIC FILES AND THE SPA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The SPA's build output (Vite builds with base "/static/", so its assets are ordinary static files and
# its index.html is served by config.views.spa_index for every route the SPA owns).
SPA_DIST_DIR = Path(env_str("SPA_DIST_DIR") or REPO_DIR / "frontend" / "dist").resolve()
STATICFILES_DIRS = [SPA_DIST_DIR] if SPA_DIST_DIR.is_dir() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Cache forever what carries a content hash in its name: Django's manifest names (name.0123456789ab.css)
# and Vite's assets (assets/index-AbC_12-z.js), which index.html references unprocessed.
WHITENOISE_IMMUTABLE_FILE_TEST = (
    r"(\.[0-9a-f]{12}\.[0-9A-Za-z]+|/assets/[^/]+-[0-9A-Za-z_-]{8}\.[0-9A-Za-z]+)$"
)
# Uploads (avatars) go through the default storage into MEDIA_ROOT. In production MEDIA_ROOT must be
# a persistent volume (docker-compose.prod.yml mounts "media_data" there), served under /media/ by the
# proxy in front, or by Django itself when SERVE_MEDIA is on (fine for a small site's avatars).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media").resolve()
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# django-cors-headers: only the API is shared with other origins (the SPA itself is same-origin).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

# LOGGING: everything to stdout, for the container runtime to collect.
# ------------------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "verbose": {"format": "%(levelname)s %(asctime)s %(name)s %(process)d %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "verbose"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

# DJANGO REST FRAMEWORK
# ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Sessions are deliberately absent: SessionAuthentication would demand a CSRF token from any
    # request that carries an admin session cookie, breaking the SPA for staff. Local settings add it
    # for the browsable API.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "mybookconnect.core.pagination.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "mybookconnect.core.exceptions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Login, registration and password reset limits (mybookconnect.users.throttles), on the shared
    # cache; THROTTLE_LOGIN_IP=20/min etc. override them, "off" lifts one.
    "DEFAULT_THROTTLE_RATES": throttle_rates(
        {
            "mbc_login_ip": "10/min",
            "mbc_login_account": "5/min",
            "mbc_register_ip": "5/hour",
            "mbc_password_reset_ip": "5/hour",
            "mbc_password_reset_account": "3/hour",
        }
    ),
    # Proxies in front that append to X-Forwarded-For; the client address is the one before them.
    # 0 (no proxy): REMOTE_ADDR. Too many lets clients choose their address and escape the limits.
    "NUM_PROXIES": env_int("NUM_PROXIES", 0),
}

# simplejwt: short-lived access tokens; refresh tokens rotate and the used one is blacklisted.
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("JWT_ACCESS_LIFETIME_MINUTES", 5)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("JWT_REFRESH_LIFETIME_DAYS", 14)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# drf-spectacular
# ------------------------------------------------------------------------------
SPECTACULAR_SETTINGS = {
    "TITLE": "MyBookConnect API",
    "DESCRIPTION": (
        "The API of MyBookConnect, a social reading site. Authenticate with "
        "`Authorization: Bearer <access token>`; get tokens from `auth/token/` (JSON bodies) or, in the "
        "browser, from `auth/session/` (refresh token in an HttpOnly cookie). Errors are JSON: "
        '`{"field": ["message"]}` for validation, `{"detail": ..., "code": ...}` otherwise.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Separate request and response components, so the SPA's generated types know which fields it sends.
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True},
    # Choice sets that share a field name ("status", "format", "action") get these names; core's
    # Audience is one enum whether a field is called "audience" or "profile_visibility".
    "ENUM_NAME_OVERRIDES": {
        **BOOKS_ENUM_NAME_OVERRIDES,
        "AudienceEnum": "mybookconnect.core.visibility.Audience",
    },
}

# BENCHMARK
# ------------------------------------------------------------------------------
# `make bench` turns on its framework-floor endpoint (/api/v1/bench/floor/, config.bench_views) with
# MBC_BENCH=1; off, that path is a JSON 404 like any unknown one. Never set it on a public site.
BENCH_ENDPOINTS = env_bool("MBC_BENCH", False)
if BENCH_ENDPOINTS:
    # `manage.py generate_readers` (deploy_project/benchdata): make bench's synthetic readers.
    INSTALLED_APPS = [*INSTALLED_APPS, "benchdata"]

# MyBookConnect apps (defaults documented in each package's conf.py)
# ------------------------------------------------------------------------------
MYBOOKCONNECT: dict[str, object] = {
    # Items shared with "followers" are shown to approved followers (core alone treats them as private).
    "VISIBILITY_POLICY": "mybookconnect.users.visibility.FollowerVisibilityPolicy",
}
# Where the SPA is, for the links in account emails; unset, the address the request came to.
MYBOOKCONNECT["USERS_FRONTEND_URL"] = env_str("USERS_FRONTEND_URL")

"""Settings for the deploy project's integration tests (pytest-django)."""

from config.env import env_str

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, REST_FRAMEWORK

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY") or "test-secret-key-for-the-integration-tests-only-0123456789"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# Own test database and cache namespace, so this suite can run beside the packages' suites on one server.
# (SQLite tests run in memory whatever the file name.)
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_site"}
CACHES["default"]["KEY_PREFIX"] = "mybookconnect-site-test"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# No collectstatic in tests: plain storage resolves static URLs without a manifest.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the finders; nothing scans the (absent) STATIC_ROOT at startup.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Only the tests of the limits themselves (which set their own rates) are ever throttled.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {scope: "10000/min" for scope in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]},
}

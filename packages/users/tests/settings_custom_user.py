"""The same settings with a swapped user model that is nothing like ``auth.User``.

Its username field is ``handle``, its email field ``email_address``, and it has no
``date_joined``: the users app must rely only on ``USERNAME_FIELD`` and ``EMAIL_FIELD``.
Run with ``pytest --ds=tests.settings_custom_user``.
"""

from .settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.custom_user"]  # noqa: F405
AUTH_USER_MODEL = "custom_user.Reader"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("handle", "email_address")},
    },
    *AUTH_PASSWORD_VALIDATORS[1:],  # noqa: F405
]

# The default run starts this one in a subprocess while its own test database exists: use another.
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default'].get('NAME') or 'users'}_custom_user"}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {}  # noqa: F405

"""The same settings with a swapped user model that is nothing like ``auth.User``.

Its username field is ``handle``, its email field ``email_address``, and it has no ``date_joined``,
``first_name`` or ``username``: books must reach users only through ``settings.AUTH_USER_MODEL`` and
``get_username()``. Run with ``pytest --ds=tests.settings_custom_user``.
"""

from .settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.custom_user"]  # noqa: F405
AUTH_USER_MODEL = "custom_user.Reader"

# The default run starts this one in a subprocess while its own test database exists: use another.
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default'].get('NAME') or 'books'}_custom_user"}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {}  # noqa: F405

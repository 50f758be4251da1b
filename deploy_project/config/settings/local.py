"""Settings for a developer's machine (``make run``) and the browser test: DEBUG on, embedded defaults."""

from config.env import env_bool, env_list, env_str, throttle_rates

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, REST_FRAMEWORK

DEBUG = env_bool("DEBUG", True)
# Django serves uploaded avatars under /media/ on a developer's machine.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# Only for local use; production settings refuse to start without a real SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-local-development-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# The Vite dev server (port 5173) proxies /api, but a page opened on it may still call the API directly.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", ["http://localhost:5173", "http://127.0.0.1:5173"])

# WhiteNoise serves static files under runserver too, straight from the app and SPA folders.
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"],
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        *REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"],
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # A hundred times the production limits, so that development and the browser test (many sign-ins
    # and registrations from 127.0.0.1) are never slowed; THROTTLE_* variables still set them exactly.
    "DEFAULT_THROTTLE_RATES": throttle_rates(
        {
            "mbc_login_ip": "1000/min",
            "mbc_login_account": "500/min",
            "mbc_register_ip": "500/hour",
            "mbc_password_reset_ip": "500/hour",
            "mbc_password_reset_account": "300/hour",
        }
    ),
}

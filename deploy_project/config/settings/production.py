"""Production settings: HTTPS behind a proxy, secure cookies, HSTS; ``check --deploy`` is clean."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str

from .base import *  # noqa: F403
from .base import DEBUG, MYBOOKCONNECT, REST_FRAMEWORK, SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. config.settings.production refuses to start without it"
        + ("" if DEBUG else " while DEBUG is off")
        + ': generate one with `python -c "from django.core.management.utils import '
        'get_random_secret_key; print(get_random_secret_key())"` and put it in the environment.'
    )

# The proxy in front appends the client's address to X-Forwarded-For: the rate limits count that one.
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": env_int("NUM_PROXIES", 1)}

# Without REDIS_URL every gunicorn worker has a cache of its own, and a write answered by one worker
# could not invalidate the book pages, searches and feed pages another has cached: those caches stay off then.
if not env_str("REDIS_URL"):
    MYBOOKCONNECT = {
        **MYBOOKCONNECT,
        "BOOKS_DETAIL_CACHE_SECONDS": 0,
        "BOOKS_SEARCH_CACHE_SECONDS": 0,
        "BOOKS_FEED_CACHE_SECONDS": 0,
    }

# HTTPS: the proxy in front terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Secure-sessionid"
CSRF_COOKIE_NAME = "__Secure-csrftoken"
# Start low (e.g. 60) when first enabling HTTPS on a domain, then raise to a year.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Templates are compiled once per process.
TEMPLATES[0]["OPTIONS"]["loaders"] = [  # noqa: F405
    ("django.template.loaders.cached.Loader", ["django.template.loaders.app_directories.Loader"]),
]
TEMPLATES[0]["APP_DIRS"] = False  # noqa: F405

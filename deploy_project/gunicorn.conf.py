"""gunicorn configuration: ``gunicorn -c gunicorn.conf.py`` from any directory.

Environment: ``GUNICORN_BIND`` (or ``PORT``, binding 0.0.0.0:$PORT; default 0.0.0.0:8000),
``GUNICORN_WORKERS`` (default 2 x cores + 1, at most ``GUNICORN_MAX_WORKERS``, default 8),
``GUNICORN_TIMEOUT`` (seconds, default 30), ``FORWARDED_ALLOW_IPS`` (proxies trusted for
X-Forwarded-*, default 127.0.0.1). Settings: ``DJANGO_SETTINGS_MODULE``, production by default.
"""

import multiprocessing
import os
from pathlib import Path

chdir = str(Path(__file__).resolve().parent)
wsgi_app = "config.wsgi:application"
raw_env = [f"DJANGO_SETTINGS_MODULE={os.environ.get('DJANGO_SETTINGS_MODULE', 'config.settings.production')}"]

bind = [os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"]
workers = int(
    os.environ.get("GUNICORN_WORKERS")
    or min(2 * multiprocessing.cpu_count() + 1, int(os.environ.get("GUNICORN_MAX_WORKERS", "8")))
)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 1000
max_requests_jitter = 100
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs to stdout/stderr, for the container runtime.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# gunicorn >= 24's runtime control socket is unused here; without it nothing is written to $HOME.
control_socket_disable = True

"""``make bench``: the API under gunicorn and production settings, driven by wrk (see README.md)."""

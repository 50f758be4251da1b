"""Serve the real site for the browser test on 127.0.0.1:8765, on a throwaway database.

With ``DATABASE_URL`` pointing at PostgreSQL, the database ``<name>_e2e`` on the same server is
dropped and created afresh; otherwise a new SQLite file in a temporary directory is used. Then it
migrates, loads the demo books and the demo readers (as ``make run`` does: the browser tests open
demo books and sign in as demo readers) and replaces itself with gunicorn (local settings, DEBUG on,
so the refresh cookie is not Secure over plain http). Static files, the SPA's included, come
straight from the finders.

Environment: ``E2E_HOST`` (default 127.0.0.1), ``E2E_PORT`` (default 8765), ``DATABASE_URL``,
``REDIS_URL``. Run from any directory: ``bash deploy_project/scripts/e2e_server.sh``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEPLOY_DIR = Path(__file__).resolve().parent.parent


def log(message: str) -> None:
    print(f"[e2e-server] {message}", file=sys.stderr, flush=True)


def recreate_postgres_database(url: str) -> str:
    """Drop and create ``<name>_e2e`` beside the database of ``url``; return its URL."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "mybookconnect"
    e2e_name = f"{name}_e2e"
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(e2e_name))
            )
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(e2e_name)))
    finally:
        admin.close()
    log(f"fresh PostgreSQL database {e2e_name!r}")
    return urlunsplit(parts._replace(path=f"/{e2e_name}"))


def main() -> None:
    host = os.environ.get("E2E_HOST", "127.0.0.1")
    port = os.environ.get("E2E_PORT", "8765")
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DEBUG="1",
        ALLOWED_HOSTS=f"{host},localhost,127.0.0.1",
        GUNICORN_BIND=f"{host}:{port}",
        # Without Redis each worker caches book pages in its own memory, where a write answered by
        # the other worker cannot invalidate them (production turns those caches off instead).
        GUNICORN_WORKERS=env.get("GUNICORN_WORKERS", "2" if env.get("REDIS_URL") else "1"),
        PYTHONUNBUFFERED="1",
    )
    database_url = env.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        env["DATABASE_URL"] = recreate_postgres_database(database_url)
    else:
        directory = tempfile.mkdtemp(prefix="mybookconnect-e2e-")
        env["DATABASE_URL"] = f"sqlite:///{directory}/db.sqlite3"
        log(f"fresh SQLite database in {directory}")

    for command in (["migrate", "--noinput"], ["load_demo"], ["load_demo_readers"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "--verbosity", "0"],
            cwd=DEPLOY_DIR,
            env=env,
            check=True,
        )
    log(f"serving http://{host}:{port}/")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "--config", str(DEPLOY_DIR / "gunicorn.conf.py")]
    os.chdir(DEPLOY_DIR)
    os.execve(command[0], command, env)


if __name__ == "__main__":
    main()

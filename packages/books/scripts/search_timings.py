"""Time each kind of search through ``GET books/?q=`` with the response cache off: p50 and p99 in ms.

Run from a site's directory against its database, for instance on the 1,000,000-book catalog:

    cd deploy_project && DATABASE_URL=postgres://postgres@127.0.0.1:5432/mbc_perf \\
        ../.venv/bin/python ../packages/books/scripts/search_timings.py [--runs 20] [--explain]

Each query runs once to warm up, then ``--runs`` times; it prints the query count of one request too.
``--explain`` prints ``EXPLAIN (ANALYZE, BUFFERS)`` of each SQL statement one request runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

# Words of a catalog from ``generate_catalog --seed 1`` ("lyrmir": 49 books of 1,000,000; a trailing
# space makes the last word whole rather than a prefix).
QUERIES = {
    "common word": "love",
    "two common words": "night house",
    "rare word": "lyrmir ",
    "prefix of a mid word": "follet",
    "typos": "pilars of the earht",
    "misspelt author": "mark johson",
    "nothing found": "dune",
    "ISBN": None,  # the first edition's, found at run time
    "prefix": "cathe",
    "prefix, two words": "secret gar",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from mybookconnect.books.api.views import BookListView
    from mybookconnect.books.models import Edition

    settings.MYBOOKCONNECT = {**getattr(settings, "MYBOOKCONNECT", {}), "BOOKS_SEARCH_CACHE_SECONDS": 0}
    settings.ALLOWED_HOSTS = ["*"]
    view = BookListView.as_view()
    factory = RequestFactory()
    isbn = Edition.objects.filter(isbn_13__isnull=False).order_by("id").values_list("isbn_13", flat=True)[0]

    def request(q: str) -> tuple[float, int]:
        started = time.perf_counter()
        response = view(factory.get("/api/v1/books/", {"q": q}))
        response.render()
        assert response.status_code == 200, response.content
        return (time.perf_counter() - started) * 1000, response.data["count"]

    print(f"{'kind':<20} {'query':<22} {'matches':>8} {'queries':>7} {'p50 ms':>8} {'p99 ms':>8}")
    for kind, q in QUERIES.items():
        q = q or isbn
        with CaptureQueriesContext(connection) as captured:
            _, count = request(q)
        times = sorted(request(q)[0] for _ in range(args.runs))
        p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
        print(
            f"{kind:<20} {q!r:<22} {count:>8} {len(captured):>7} {statistics.median(times):>8.1f} {p99:>8.1f}"
        )
        if args.explain:
            with connection.cursor() as cursor:
                for query in captured.captured_queries:
                    if query["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                        print("\n".join(row[0] for row in cursor.fetchall()), end="\n\n")


if __name__ == "__main__":
    main()

"""make bench's harness (bench.run) without a benchmark: options, endpoints, wrk's script, seeding steps."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import threading
from collections import defaultdict
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from bench import run

CATALOG_INPUTS = {
    "common_word": "love",
    "rare_word": "kalomir",
    "author_typo": "Mark Johson",
    "isbn": "9780000000019",
    "title_prefix": "the girl his",
    "book": {"id": 7, "title": "The girl history", "readers_count": 9},
    "author": {"id": 3, "name": "Mark Johnson", "books": 41},
}
READER_INPUTS = {
    "user": {"username": "mbc-bench", "entries": 150, "following": 50},
    "reader": {"username": "reader-00042", "entries": 148},
    "review_book": {"id": 11, "title": "Love", "reviews_count": 700},
    "rate_entries": [101, 102, 103],
}


def test_reader_sizes_follow_the_catalog_unless_given():
    default = run.parse_args([])
    quick = run.parse_args(["--books", "20000"])
    given = run.parse_args(["--books", "20000", "--readers", "500", "--entries", "30000", "--reviews", "7"])

    assert (default.entries, default.readers, default.reviews, default.follows) == (
        1_000_000,
        10_000,
        100_000,
        50,
    )
    assert (quick.entries, quick.readers, quick.reviews) == (20_000, 200, 2_000)
    assert (given.entries, given.readers, given.reviews) == (30_000, 500, 7)


def test_only_knows_the_reader_endpoints(capsys):
    assert run.parse_args(["--only", "rate, feed,author-books"]).only == ["rate", "feed", "author-books"]
    with pytest.raises(SystemExit):
        run.parse_args(["--only", "likes"])
    assert "unknown endpoint(s) likes" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run.parse_args(["--readers", "10", "--entries", "5"])


def test_endpoints_with_and_without_readers():
    catalog_only = run.endpoints_for(CATALOG_INPUTS)
    endpoints = {e.name: e for e in run.endpoints_for({**CATALOG_INPUTS, "readers": READER_INPUTS})}

    assert [e.name for e in catalog_only] == list(run.ENDPOINT_NAMES[:9])
    assert tuple(endpoints) == run.ENDPOINT_NAMES
    assert endpoints["author-books"].path == "/api/v1/authors/3/books/"
    assert endpoints["library"].path == "/api/v1/library/?page_size=20"
    assert endpoints["user-library"].path == "/api/v1/users/reader-00042/library/?page_size=20"
    assert endpoints["feed"].path == "/api/v1/feed/?page_size=20"
    assert endpoints["book-reviews"].path == "/api/v1/books/11/reviews/?page_size=20"
    rate = endpoints["rate"]
    assert (rate.method, rate.path, rate.more_paths) == (
        "PATCH",
        "/api/v1/library/101/",
        ("/api/v1/library/102/", "/api/v1/library/103/"),
    )
    assert [json.loads(body) for body in rate.bodies] == [{"rating": 4}, {"rating": 4.5}]
    assert all(e.method == "GET" and not e.bodies for name, e in endpoints.items() if name != "rate")


def test_variants_of_the_reader_endpoints():
    inputs = {
        **CATALOG_INPUTS,
        "variants": {"author-detail": [3, 4]},
        "readers": {
            **READER_INPUTS,
            "variants": {"user-library": ["reader-00042", "ana b"], "book-reviews": [11, 12]},
        },
    }
    endpoints = {e.name: e for e in run.endpoints_for(inputs)}

    assert endpoints["author-books"].more_paths == ("/api/v1/authors/4/books/",)
    assert endpoints["user-library"].more_paths == ("/api/v1/users/ana%20b/library/?page_size=20",)
    assert endpoints["book-reviews"].more_paths == ("/api/v1/books/12/reviews/?page_size=20",)
    assert endpoints["library"].more_paths == endpoints["feed"].more_paths == ()


# wrk's script, run by wrk against a server that records what it gets


class Recorder(BaseHTTPRequestHandler):
    requests: list[tuple[str, str, dict[str, str], str]] = []

    def answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        self.requests.append((self.command, self.path, dict(self.headers), body))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_PATCH = answer  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def recording_server():
    Recorder.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def run_script(base_url: str, script: Path) -> None:
    args = SimpleNamespace(threads=1, connections=1, timeout=2)
    run.run_wrk(args, base_url + "/", "the-token", 1, script)


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")
def test_the_write_script_alternates_bodies_on_each_visit(tmp_path):
    paths = ["/api/v1/library/1/", "/api/v1/library/2/", "/api/v1/library/3/"]
    script = run.wrk_script(paths, 1, tmp_path, "PATCH", run.RATE_BODIES)

    with recording_server() as base_url:
        run_script(base_url, script)

    requests = Recorder.requests
    assert len(requests) > 12
    assert {
        (method, headers["Authorization"], headers["Content-Type"]) for method, _, headers, _ in requests
    } == {("PATCH", "Bearer the-token", "application/json")}
    # The paths in turn (wrk calls request() once to check the script: the first one is skipped).
    sent = [path for _, path, _, _ in requests]
    start = paths.index(sent[0])
    assert sent[:12] == [paths[(start + n) % 3] for n in range(12)]
    # Each visit of a path sends the other rating than the visit before: every request writes.
    ratings = defaultdict(list)
    for _, path, _, body in requests:
        ratings[path].append(json.loads(body)["rating"])
    assert all(len(values) > 3 for values in ratings.values())
    assert all(a != b for values in ratings.values() for a, b in itertools.pairwise(values))
    assert set(ratings[paths[0]]) == {4, 4.5}


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")
def test_the_read_script_sends_plain_gets_in_turn(tmp_path):
    paths = ["/api/v1/authors/3/books/", "/api/v1/authors/4/books/"]
    script = run.wrk_script(paths, 1, tmp_path)

    with recording_server() as base_url:
        run_script(base_url, script)

    sent = [(method, path, body) for method, path, _, body in Recorder.requests[:4]]
    start = paths.index(sent[0][1])
    assert sent == [("GET", paths[(start + n) % 2], "") for n in range(4)]
    assert Recorder.requests[0][2]["Authorization"] == "Bearer the-token"


# The seeding steps: the catalog and the readers, each marked when done


class FakeCursor:
    def __init__(self, log: list[str]) -> None:
        self.log = log

    def __enter__(self) -> FakeCursor:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def execute(self, sql: str, params: object = None) -> None:
        self.log.append(sql.split(" ")[0] + " " + sql.split(" ")[1])


class FakeConnection(FakeCursor):
    def cursor(self) -> FakeCursor:
        return FakeCursor(self.log)

    def close(self) -> None:
        pass


@pytest.fixture
def seeding(monkeypatch):
    """ensure_database with the database's comment given and every side effect recorded."""
    log: list[str] = []
    state = {"comment": None}

    def database_state(parts, name):
        return state["comment"] is not None, state["comment"] or ""

    def run_manage(env, *args, timeout):
        log.append(" ".join(args))

    def mark_database(parts, name, mark):
        log.append(f"mark {mark}")
        state["comment"] = mark

    monkeypatch.setattr(run, "database_state", database_state)
    monkeypatch.setattr(run, "run_manage", run_manage)
    monkeypatch.setattr(run, "mark_database", mark_database)
    monkeypatch.setattr(run, "maintenance_connection", lambda parts: FakeConnection(log))

    def ensure(comment: str | None, *argv: str) -> list[str]:
        log.clear()
        state["comment"] = comment
        run.ensure_database(run.parse_args(["--books", "20000", *argv]), {})
        return log

    return ensure


CATALOG_MARK = "mybookconnect bench: 20000 books, seed 1"
FULL_MARK = CATALOG_MARK + "; readers: 200 readers, 20000 library entries, 2000 reviews, 50 follows, seed 1"
READERS = (
    "generate_readers --readers 200 --entries 20000 --reviews 2000 --follows 50 --bench-user mbc-bench "
    "--bench-entries 150 --seed 1"
)


def test_a_new_database_is_seeded_in_two_marked_steps(seeding):
    assert seeding(None) == [
        "CREATE DATABASE",
        "migrate --noinput",
        "generate_catalog --books 20000 --seed 1",
        f"mark {CATALOG_MARK}",
        READERS,
        f"mark {FULL_MARK}",
    ]


def test_a_finished_seeding_is_reused(seeding):
    assert seeding(FULL_MARK) == ["migrate --noinput"]


def test_a_catalog_without_readers_gets_them(seeding):
    assert seeding(CATALOG_MARK) == [
        "migrate --noinput",
        f"mark {CATALOG_MARK}",
        READERS + " --replace",
        f"mark {FULL_MARK}",
    ]


def test_other_reader_numbers_replace_the_readers_only(seeding):
    log = seeding(FULL_MARK, "--readers", "300")

    assert "generate_catalog --books 20000 --seed 1" not in log
    assert log[2] == READERS.replace("--readers 200", "--readers 300") + " --replace"
    assert log[-1] == f"mark {FULL_MARK.replace('200 readers', '300 readers')}"


def test_an_unfinished_catalog_is_dropped(seeding):
    log = seeding("", "--readers", "300")

    assert log[:2] == ["DROP DATABASE", "CREATE DATABASE"]
    assert "generate_catalog --books 20000 --seed 1" in log


def test_a_given_database_is_never_seeded(seeding, monkeypatch):
    monkeypatch.setattr(
        subprocess, "run", lambda *a, **k: SimpleNamespace(returncode=0, stdout="", stderr="")
    )

    log = seeding(CATALOG_MARK, "--database-url", "postgres://postgres@127.0.0.1:5432/mine")

    assert log == []

"""make bench reads wrk's report: recorded ``wrk --latency`` outputs (tests/wrk_samples/) and odd cases.

The samples are real: floor.txt from a `make bench` run (the floor endpoint under gunicorn),
non_2xx.txt (Python's http.server answering 404), socket_errors.txt (a server closing every other
connection unanswered) and no_answer.txt (a server accepting and never answering).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.wrk_output import WrkOutputError, duration_ms, parse_wrk_output

SAMPLES = Path(__file__).resolve().parent / "wrk_samples"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def test_a_clean_run():
    result = parse_wrk_output(sample("floor.txt"))

    assert result.requests == 2815
    assert result.seconds == pytest.approx(5.0)
    assert result.requests_per_second == pytest.approx(562.45)
    assert result.latency_ms == {"p50": 27.46, "p75": 31.47, "p90": 35.99, "p99": 55.76}
    assert result.errors == 0
    assert result.to_dict()["errors"] == 0


def test_non_2xx_answers_are_errors():
    result = parse_wrk_output(sample("non_2xx.txt"))

    assert result.requests == 4202
    assert result.non_2xx_3xx == 4202
    assert result.errors == 4202
    assert result.latency_ms["p99"] == pytest.approx(523.92)
    assert result.requests_per_second == pytest.approx(2097.61)


def test_socket_errors_are_counted_by_kind():
    result = parse_wrk_output(sample("socket_errors.txt"))

    assert (result.connect_errors, result.read_errors, result.write_errors, result.timeouts) == (0, 387, 0, 0)
    assert result.non_2xx_3xx == 0
    assert result.errors == 387
    assert result.requests == 194


def test_a_server_that_never_answers():
    result = parse_wrk_output(sample("no_answer.txt"))

    assert result.requests == 0
    assert result.requests_per_second == 0
    assert result.latency_ms["p50"] == 0
    assert result.seconds == pytest.approx(3.03)


def test_every_figure_of_a_full_report():
    report = """Running 10s test @ http://127.0.0.1:8000/api/v1/books/?q=love
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.20s   310.00ms   1.99s    70.00%
    Req/Sec     6.50      3.00    10.00     60.00%
  Latency Distribution
     50%  812.00us
     75%    1.02s
     90%    1.50s
     99%    1.10m
  130 requests in 1.00m, 1.20MB read
  Socket errors: connect 1, read 2, write 3, timeout 4
  Non-2xx or 3xx responses: 5
Requests/sec:      2.17
Transfer/sec:     20.00KB
"""
    result = parse_wrk_output(report)

    assert result.latency_ms == {"p50": 0.812, "p75": 1020.0, "p90": 1500.0, "p99": 66_000.0}
    assert result.seconds == 60
    assert result.errors == 1 + 2 + 3 + 4 + 5
    assert result.requests_per_second == 2.17


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [("812.00", "us", 0.812), ("4.42", "ms", 4.42), ("1.02", "s", 1020.0), ("2", "m", 120_000.0)],
)
def test_duration_units(value, unit, expected):
    assert duration_ms(value, unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "unable to connect to 127.0.0.1:9:Connection refused\n",
        # Without --latency there is no distribution.
        sample("floor.txt").replace("Latency Distribution", "").replace("     50%   27.46ms\n", ""),
        sample("floor.txt").replace("     99%   55.76ms\n", ""),
    ],
)
def test_what_is_not_a_latency_report_is_refused(text):
    with pytest.raises(WrkOutputError):
        parse_wrk_output(text)

"""Read the figures out of ``wrk --latency``'s text report (wrk 4.x, Debian's ``wrk`` package)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

# wrk prints durations with these units (src/units.c: time_units_us).
_TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_TIME = r"([0-9.]+)(us|ms|s|m|h)"


class WrkOutputError(ValueError):
    """wrk's report lacks a figure the benchmark needs (wrong options, a crash, another version)."""


@dataclass(frozen=True)
class WrkResult:
    """One wrk run: throughput, latency percentiles in milliseconds, and what went wrong."""

    requests: int
    seconds: float
    requests_per_second: float
    latency_ms: dict[str, float]
    non_2xx_3xx: int = 0
    connect_errors: int = 0
    read_errors: int = 0
    write_errors: int = 0
    timeouts: int = 0

    @property
    def errors(self) -> int:
        """Every failed request: non-2xx/3xx answers and socket errors of any kind."""
        return self.non_2xx_3xx + self.connect_errors + self.read_errors + self.write_errors + self.timeouts

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "errors": self.errors}


def duration_ms(value: str, unit: str) -> float:
    """``("4.42", "ms")`` -> 4.42; ``("812.00", "us")`` -> 0.812; ``("1.02", "s")`` -> 1020.0."""
    return float(value) * _TIME_UNITS_MS[unit]


def parse_wrk_output(text: str) -> WrkResult:
    """Parse the report of ``wrk --latency``; raise :class:`WrkOutputError` when a figure is missing."""
    totals = re.search(r"^\s*(\d+) requests in " + _TIME + r",", text, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s+([0-9.]+)\s*$", text, re.MULTILINE)
    distribution = text.partition("Latency Distribution")[2]
    if not totals or not rate or not distribution:
        raise WrkOutputError(f"not a wrk --latency report:\n{text.strip()[:2000]}")
    latency = {
        f"p{percentile}": duration_ms(value, unit)
        for percentile, value, unit in re.findall(
            r"^\s+(\d+)%\s+" + _TIME + r"\s*$", distribution, re.MULTILINE
        )
    }
    for needed in ("p50", "p99"):
        if needed not in latency:
            raise WrkOutputError(f"wrk's latency distribution has no {needed}:\n{text.strip()[:2000]}")
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text, re.MULTILINE
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    connect, read, write, timeout = (int(n) for n in socket.groups()) if socket else (0, 0, 0, 0)
    return WrkResult(
        requests=int(totals.group(1)),
        seconds=duration_ms(totals.group(2), totals.group(3)) / 1000,
        requests_per_second=float(rate.group(1)),
        latency_ms=latency,
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        connect_errors=connect,
        read_errors=read,
        write_errors=write,
        timeouts=timeout,
    )

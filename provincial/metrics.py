"""``/metrics`` in Prometheus' text format: requests and their latencies per route, what is queued, the pools.

Each process counts its own requests (``Metrics.observe``, called by limits.LimitAndLog for every answer). With
several worker processes on a host a scrape reaches any one of them, so on PostgreSQL deployments every process
writes its snapshot to ``<data dir>/metrics/<host name>/<pid>.json`` every few seconds (``SnapshotFolder``) and the one
scraped adds up the fresh ones: the host's figures, whichever worker answers (docs/DEPLOYMENT.md, "Metrics").
"""

from __future__ import annotations

import json
import os
import time
from bisect import bisect_left
from pathlib import Path

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
FRESH_S = 15.0  # a snapshot older than this is a process that is gone
GAUGES = {
    "requests_in_flight": "Requests being answered now.",
    "threadpool_busy": "Worker threads busy (requests waiting for a thread queue behind them).",
    "threadpool_size": "Worker threads available.",
    "long_polls": "Long-polls held on /changes.",
    "db_pool_checked_out": "PostgreSQL/SQLite connections in use (SQLAlchemy pool).",
    "db_pool_size": "Connections the pool keeps.",
    "db_pool_overflow": "Connections opened beyond the pool's size.",
    "db_async_connections": "Async connections of the sync hot path (PostgreSQL).",
}


class Metrics:
    """This process's counts: answers by (method, route, status), latencies by (method, route)."""

    def __init__(self) -> None:
        self.answers: dict[str, int] = {}
        self.latencies: dict[str, list[float]] = {}  # per bucket (not cumulative), then +Inf, then the sum
        self.in_flight = 0

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        labels = f'method="{method}",route="{route}"'
        key = f'{labels},status="{status}"'
        self.answers[key] = self.answers.get(key, 0) + 1
        counts = self.latencies.get(labels)
        if counts is None:
            counts = self.latencies[labels] = [0.0] * (len(BUCKETS) + 2)
        counts[bisect_left(BUCKETS, seconds)] += 1
        counts[-1] += seconds

    def snapshot(self, gauges: dict[str, float]) -> dict:
        return {"at": time.time(), "answers": self.answers, "latencies": self.latencies,
                "gauges": {**gauges, "requests_in_flight": self.in_flight}}


class SnapshotFolder:
    """Each process's latest snapshot as a file; the fresh ones are the host's processes."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def write(self, snapshot: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{os.getpid()}.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(snapshot), encoding="utf-8")
        os.replace(tmp, path)

    def read_fresh(self) -> list[dict]:
        fresh = []
        for path in self.folder.glob("*.json"):
            try:
                snapshot = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # being replaced, or gone
            if snapshot.get("at", 0) > time.time() - FRESH_S:
                fresh.append(snapshot)
            elif snapshot.get("at", 0) < time.time() - 10 * FRESH_S:
                path.unlink(missing_ok=True)
        return fresh


def render(snapshots: list[dict]) -> str:
    """The Prometheus text exposition (version 0.0.4) of the snapshots added up."""
    answers: dict[str, int] = {}
    latencies: dict[str, list[float]] = {}
    gauges: dict[str, float] = {}
    for snapshot in snapshots:
        for key, count in snapshot["answers"].items():
            answers[key] = answers.get(key, 0) + count
        for key, counts in snapshot["latencies"].items():
            total = latencies.setdefault(key, [0.0] * len(counts))
            latencies[key] = [a + b for a, b in zip(total, counts)]
        for name, value in snapshot["gauges"].items():
            gauges[name] = gauges.get(name, 0) + value
    lines = ["# HELP provincial_requests_total Requests answered, by method, route and status.",
             "# TYPE provincial_requests_total counter"]
    lines += [f"provincial_requests_total{{{key}}} {count}" for key, count in sorted(answers.items())]
    lines += ["# HELP provincial_request_seconds Time to answer a request, by method and route.",
              "# TYPE provincial_request_seconds histogram"]
    for key, counts in sorted(latencies.items()):
        cumulative = 0.0
        for bound, count in zip((*BUCKETS, "+Inf"), counts[:-1]):
            cumulative += count
            lines.append(f'provincial_request_seconds_bucket{{{key},le="{bound}"}} {cumulative:g}')
        lines += [f"provincial_request_seconds_sum{{{key}}} {counts[-1]:.6f}",
                  f"provincial_request_seconds_count{{{key}}} {cumulative:g}"]
    for name, text in GAUGES.items():
        lines += [f"# HELP provincial_{name} {text}", f"# TYPE provincial_{name} gauge",
                  f"provincial_{name} {gauges.get(name, 0):g}"]
    lines += ["# HELP provincial_processes Server processes whose figures these are.",
              "# TYPE provincial_processes gauge", f"provincial_processes {len(snapshots)}"]
    return "\n".join(lines) + "\n"

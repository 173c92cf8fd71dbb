"""Save-and-render of one intake through the service layer, on a desk holding 100,000 realistic dossiers.

The desk is a copy of bench/dataset.py's (built once and cached): dossiers over eight years with their steps,
audit chain and outbox rows, statuses as a real desk has them, the code and ledger counters where real intakes
left them. Each timed call is a full ``IntakeService.receive``: validation, code and ledger line, dossier + step
+ audit + outbox in one transaction (SQLite WAL, synchronous=FULL, the search index kept by its trigger),
receipt PDF rendered and written atomically. Target (issue 2): median ≤ 50 ms.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import dataset  # noqa: E402

from desk.domain.users import Actor, Role  # noqa: E402
from desk.paths import DeskPaths  # noqa: E402
from desk.services.desk import open_desk  # noqa: E402
from desk.settings import CounterSettings  # noqa: E402
from tests.support.workers import sample_request  # noqa: E402

CLERK = Actor("bench", "Bench", Role.CLERK)


def run(existing: int = 100_000, rounds: int = 60) -> dict:
    started = time.perf_counter()
    data_dir = dataset.working_copy(existing, Path(tempfile.mkdtemp(prefix="desk-bench-intake-")) / "data")
    seed_s = time.perf_counter() - started
    services = open_desk(DeskPaths(data_dir), CounterSettings(), clock=lambda: dataset.NOW)
    request, version = sample_request(services)
    services.intake.receive(request, procedure_version=version, actor=CLERK)  # warm-up: fonts, caches
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        services.intake.receive(request, procedure_version=version, actor=CLERK)
        timings.append(time.perf_counter() - start)
    searches = []
    for _ in range(20):
        start = time.perf_counter()
        services.dossiers.search("nguyen van hoa")
        searches.append(time.perf_counter() - start)
    services.db.dispose()
    timings.sort()
    return {"existing_dossiers": existing, "seed_s": seed_s, "median_ms": statistics.median(timings) * 1000,
            "p90_ms": timings[int(0.9 * len(timings))] * 1000,
            "name_search_ms": statistics.median(searches) * 1000,
            "target_met": statistics.median(timings) * 1000 <= 50}


if __name__ == "__main__":
    from common import report

    report(run())

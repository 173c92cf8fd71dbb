"""A save while the dossier list searches a name: 1,000,000 dossiers against an empty desk (issue 17).

A save is ``IntakeService.receive``: validation, the code and ledger line, dossier + step + audit + outbox in one
transaction (the full-text index kept by its trigger in it; WAL, synchronous=FULL), then the receipt rendered and
written. With a name typed in its search box, the dossier list runs that search again after each save
(``DossierService.search``), and the clerk sees the new dossier when both are done: that pair is timed. On a copy of
bench/dataset.py's cached desk (it is written to) and on a desk opened empty (migrated, catalog seeded, agency
saved), interleaved. Target: the median ≤ 1.5 × the empty desk's.

Usage: python bench/save_under_search.py [COUNT] [--rounds N]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import dataset  # noqa: E402

TYPED = "nguyen thi hoa"  # the name of tests/support/workers.py's sample request, as a clerk types it
TARGET = 1.5


def open_at(data_dir: Path, *, empty: bool):
    from desk.domain.users import Actor
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings

    services = open_desk(DeskPaths(data_dir), CounterSettings(), clock=lambda: dataset.NOW)
    if empty:
        services.agency.save(dataset.AGENCY, actor=Actor.system("bench"))
    return services


def one_save(services, request, version) -> tuple[float, float]:
    """(receive ms, re-search ms) of one save as the list sees it."""
    from desk.domain.users import Actor, Role

    start = time.perf_counter()
    services.intake.receive(request, procedure_version=version, actor=Actor("bench", "Bench", Role.CLERK))
    saved = time.perf_counter()
    services.dossiers.search(TYPED)
    return (saved - start) * 1000, (time.perf_counter() - saved) * 1000


def run(count: int = 1_000_000, rounds: int = 30) -> dict:
    from tests.support.workers import sample_request

    place = Path(tempfile.mkdtemp(prefix="desk-bench-save-"))
    try:
        copy_start = time.perf_counter()
        big = open_at(dataset.working_copy(count, place / "big"), empty=False)
        copy_s = time.perf_counter() - copy_start
        empty = open_at(place / "empty", empty=True)
        desks = {"big": big, "empty": empty}
        requests = {name: sample_request(services) for name, services in desks.items()}
        times: dict[str, list[tuple[float, float]]] = {"big": [], "empty": []}
        for name in desks:  # warm-up: fonts, caches, the statements
            for _ in range(3):
                one_save(desks[name], *requests[name])
        for round_ in range(rounds):
            for name in (("big", "empty") if round_ % 2 == 0 else ("empty", "big")):
                times[name].append(one_save(desks[name], *requests[name]))
        for services in desks.values():
            services.db.dispose()
    finally:
        shutil.rmtree(place, ignore_errors=True)
    figures = {"count": count, "rounds": rounds, "copy_s": copy_s}
    for name, pairs in times.items():
        figures[f"{name}_ms"] = statistics.median(a + b for a, b in pairs)
        figures[f"{name}_receive_ms"] = statistics.median(a for a, _ in pairs)
        figures[f"{name}_search_ms"] = statistics.median(b for _, b in pairs)
    figures["ratio"] = figures["big_ms"] / figures["empty_ms"]
    figures["target_met"] = figures["ratio"] <= TARGET
    return figures


if __name__ == "__main__":
    from common import report

    args = sys.argv[1:]
    wanted_rounds = int(args[args.index("--rounds") + 1]) if "--rounds" in args else 30
    numbers = [a for a in args if a.isdigit() and a != str(wanted_rounds)]
    report(run(int(numbers[0]) if numbers else 1_000_000, wanted_rounds))

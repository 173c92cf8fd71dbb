"""Eight counters saving at once into one SQLite desk: the wait of each save, with the write turn
(desk/store/sharing.py) and, side by side in the same run, with SQLite's own busy wait only (the turn switched
off in the child processes). Issue 17's target: p99 ≤ 200 ms with the turn.

Each counter is its own process (as on a machine running several desk windows), receiving ``saves`` dossiers
one after the other through IntakeService.receive (code, ledger line, audit, outbox, receipt PDF).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTER = """
import json, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from desk.domain.users import Actor, Role
from desk.paths import DeskPaths
from desk.services.desk import open_desk
from desk.settings import CounterSettings
from tests.support.workers import sample_request
if {no_turn}:
    from desk.store import database
    database.Database._write_turn = lambda self: __import__("contextlib").nullcontext()
services = open_desk(DeskPaths(Path({data!r})), CounterSettings())
clerk = Actor("q{number}", "Quầy {number}", Role.CLERK)
request, version = sample_request(services)
services.intake.receive(request, actor=clerk, procedure_version=version)  # warm-up: fonts, caches, imports
print("ready", flush=True)
sys.stdin.readline()  # every counter starts at the same moment
waits = []
for _ in range({saves}):
    started = time.perf_counter()
    services.intake.receive(request, actor=clerk, procedure_version=version)
    waits.append(time.perf_counter() - started)
print(json.dumps(waits), flush=True)
"""


def _prepare(folder: Path) -> None:
    from desk.domain.agency import AgencyIdentity
    from desk.domain.users import Actor
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings

    services = open_desk(DeskPaths(folder), CounterSettings())
    services.agency.save(AgencyIdentity("000.00.53.H16", "UBND XÃ EA KAR", "Trung tâm Phục vụ hành chính công xã "
                                        "Ea Kar", "Ea Kar", "https://dichvucong.daklak.gov.vn"),
                         actor=Actor.system("bench"))
    services.db.dispose()


def one_round(counters: int, saves: int, *, turn: bool) -> list[float]:
    """Every save's duration in seconds, ``counters`` processes at once on a fresh desk."""
    folder = Path(tempfile.mkdtemp(prefix="bench-counters-"))
    _prepare(folder)
    children = [subprocess.Popen([sys.executable, "-c", COUNTER.format(
        root=str(ROOT), data=str(folder), number=n + 1, saves=saves, no_turn=not turn)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for n in range(counters)]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    waits: list[float] = []
    for child in children:
        output, _ = child.communicate(timeout=600)
        waits += json.loads(output.strip().splitlines()[-1])
    return waits


def _figures(waits: list[float]) -> dict:
    ordered = sorted(waits)
    return {"median_ms": statistics.median(ordered) * 1000, "p99_ms": ordered[int(0.99 * (len(ordered) - 1))] * 1000,
            "max_ms": ordered[-1] * 1000}


def run(counters: int = 8, saves: int = 25, rounds: int = 2) -> dict:
    with_turn: list[float] = []
    busy_wait: list[float] = []
    started = time.perf_counter()
    for _ in range(rounds):  # interleaved: the machine's mood weighs on both alike
        with_turn += one_round(counters, saves, turn=True)
        busy_wait += one_round(counters, saves, turn=False)
    turn, busy = _figures(with_turn), _figures(busy_wait)
    return {"counters": counters, "saves": len(with_turn),
            **{f"turn_{k}": v for k, v in turn.items()}, **{f"busy_wait_{k}": v for k, v in busy.items()},
            "elapsed_s": time.perf_counter() - started, "target_met": turn["p99_ms"] <= 200}


if __name__ == "__main__":
    from common import report

    report(run(*(int(a) for a in sys.argv[1:3])))

"""The Tổng quan page's queries on a generated desk (issue 18: "opens in ≤ 300 ms on a database with 1M dossiers").

For this month, quarter and year (the dataset's clock: 24/11/2026) the whole set the page asks for —
``IndicatorService.counts`` + ``late_list`` (200 lines) + ``per_procedure`` — is timed through the desk's own code
(SQLAlchemy, SQLite), and, side by side, the same figures written by hand with the raw ``sqlite3`` module: one
``GROUP BY procedure_code`` statement per family of figures, totals added up in Python, the p90 by a window
function, the late list by the ``(status, deadline_at)`` index. The database is bench/dataset.py's (built once and
cached; nothing here writes to it). Target: the service's set ≤ 300 ms (median of the warm runs).

Usage: python bench/indicators.py [COUNT] [--runs N]   (COUNT: 1000000 by default; 100000 for a quick look)
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import dataset  # noqa: E402

from contract.periods import Period, PeriodKind  # noqa: E402

TARGET_MS = 300.0
RECEIVED = """SELECT procedure_code, sum(status <> 1 AND (channel <> 2 OR ledger_line > 0)), sum(status = 1),
    sum(status <> 1 AND (channel <> 2 OR ledger_line > 0) AND digitized_documents + reused_documents > 0)
    FROM dossier WHERE received_at >= ? AND received_at < ? GROUP BY procedure_code"""
FINISHED = """SELECT procedure_code, sum(finished_at <= deadline_at AND date(finished_at) < date(deadline_at)),
    sum(finished_at <= deadline_at AND date(finished_at) >= date(deadline_at)), sum(finished_at > deadline_at),
    avg(CASE WHEN status IN (9, 10) THEN (julianday(finished_at) - julianday(received_at)) * 1440 END)
    FROM dossier WHERE finished_at >= ? AND finished_at < ? GROUP BY procedure_code"""
P90 = """SELECT m FROM (SELECT (julianday(finished_at) - julianday(received_at)) * 1440 AS m,
    row_number() OVER (ORDER BY (julianday(finished_at) - julianday(received_at)) * 1440) AS rn, count(*) OVER () AS n
    FROM dossier WHERE finished_at >= ? AND finished_at < ? AND status + 0 IN (9, 10)) WHERE rn = (9 * n + 9) / 10"""
OPEN = """SELECT procedure_code, count(*), sum(status IN (2, 4, 6) AND deadline_at < ?) FROM dossier
    WHERE status IN (2, 4, 5, 6) AND (channel <> 2 OR ledger_line > 0) GROUP BY procedure_code"""
RETURNED = """SELECT procedure_code, count(*), sum(rating = 3) FROM dossier WHERE returned_at >= ? AND returned_at < ?
    GROUP BY procedure_code"""
STEPS = """SELECT d.procedure_code, sum(s.to_status = 5), sum(s.to_status = 3) FROM dossier_step s
    JOIN dossier d ON d.code = s.dossier_code WHERE s.kind IN ('supplement', 'refuse', 'province')
    AND s.at >= ? AND s.at < ? AND s.from_status <> s.to_status GROUP BY d.procedure_code"""
LATE = """SELECT code, owner_name, procedure_code, procedure_name, status, deadline_at FROM dossier
    WHERE status IN (2, 4, 6) AND deadline_at < ? ORDER BY deadline_at, code LIMIT 200"""


def stamp(moment) -> str:
    return dataset.stamp(moment)


def by_hand(conn: sqlite3.Connection, period: Period, now) -> dict:
    """The same figures with hand-written statements: per procedure, totals added up."""
    start, end = stamp(period.start), stamp(period.end)
    received = conn.execute(RECEIVED, (start, end)).fetchall()
    finished = conn.execute(FINISHED, (start, end)).fetchall()
    p90 = conn.execute(P90, (start, end)).fetchone()
    open_now = conn.execute(OPEN, (stamp(now),)).fetchall()
    returned = conn.execute(RETURNED, (start, end)).fetchall()
    steps = conn.execute(STEPS, (start, end)).fetchall()
    late = conn.execute(LATE, (stamp(now),)).fetchall()
    return {"received": sum(r[1] for r in received), "finished_late": sum(r[3] or 0 for r in finished),
            "late_open": sum(r[2] or 0 for r in open_now), "returned": sum(r[1] for r in returned),
            "supplement_requests": sum(r[1] or 0 for r in steps), "p90": p90[0] if p90 else None,
            "late_list": len(late)}


def through_service(service, period: Period) -> dict:
    """What the Tổng quan page reads for a period: the figures and the per-procedure table in one pass, the late
    list (ReportService.report's calls, without the feedback counts of another table)."""
    counts, lines = service.overview(period)
    late = service.late_list(period, 200)
    return {"received": counts.received, "finished_late": counts.finished_late, "late_open": counts.late_open,
            "returned": counts.returned, "supplement_requests": counts.supplement_requests,
            "p90": counts.handling_p90_minutes, "late_list": len(late), "procedures": len(lines)}


def _time(work, runs: int) -> tuple[float, float, dict]:
    """(first run ms, median of the other runs ms, the last answer)."""
    took, answer = [], {}
    for _ in range(runs + 1):
        started = time.perf_counter()
        answer = work()
        took.append((time.perf_counter() - started) * 1000)
    return took[0], statistics.median(took[1:]), answer


def run(count: int = 1_000_000, runs: int = 7) -> dict:
    from desk.domain.calendar import WorkingCalendar
    from desk.services.indicators import IndicatorService
    from desk.store import Database
    from desk.store.database import sqlite_url

    place = dataset.cached(count)
    database = place / "desk.sqlite3"
    db = Database(sqlite_url(database))
    service = IndicatorService(db, lambda: dataset.NOW, WorkingCalendar)
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    figures: dict = {"count": count, "runs": runs, "target_ms": TARGET_MS, "periods": {}}
    for kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR):
        period = Period.of(kind, dataset.NOW.date())
        cold, warm, answer = _time(lambda p=period: through_service(service, p), runs)
        hand_cold, hand_warm, hand = _time(lambda p=period: by_hand(conn, p, dataset.NOW), runs)
        agree = all(answer[k] == (round(hand[k], 1) if k == "p90" and hand[k] is not None else hand[k])
                    for k in hand)
        figures["periods"][kind.value] = {
            "label": period.label, "service_first_ms": round(cold, 1), "service_ms": round(warm, 1),
            "by_hand_first_ms": round(hand_cold, 1), "by_hand_ms": round(hand_warm, 1),
            "ratio": round(warm / hand_warm, 2) if hand_warm else None, "same_figures": agree,
            "figures": answer, "by_hand": hand}
    conn.close()
    db.dispose()
    figures["target_met"] = all(p["service_ms"] <= TARGET_MS for p in figures["periods"].values())
    return figures


def table(figures: dict) -> str:
    lines = [f"Tổng quan set on {figures['count']:,} dossiers (median of {figures['runs']} warm runs; first run)",
             "| period | service | by hand (sqlite3) | ratio | same figures |", "|---|---|---|---|---|"]
    for p in figures["periods"].values():
        lines.append(f"| {p['label']} | {p['service_ms']:.1f} ms ({p['service_first_ms']:.0f}) "
                     f"| {p['by_hand_ms']:.1f} ms ({p['by_hand_first_ms']:.0f}) | × {p['ratio']} "
                     f"| {p['same_figures']} |")
    lines.append(f"target ≤ {figures['target_ms']:.0f} ms: {'met' if figures['target_met'] else 'NOT met'}")
    return "\n".join(lines)


if __name__ == "__main__":
    args = sys.argv[1:]
    wanted_runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 7
    numbers = [a for a in args if a.isdigit() and a != str(wanted_runs)]
    figures = run(int(numbers[0]) if numbers else 1_000_000, wanted_runs)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / f"indicators-{figures['count']}.json").write_text(
        json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")
    print(table(figures))

"""Run every benchmark and write docs/PERFORMANCE.md. Usage: python bench/run_all.py"""

from __future__ import annotations

import os
import platform
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))



def isolated(module: str) -> dict:
    """Run one benchmark in a fresh interpreter: the objects a previous benchmark left behind (100,000
    dossiers' worth) would otherwise make garbage-collection pauses show up as GUI stalls."""
    import json
    import subprocess

    code = (f"import json, sys; sys.path[:0] = [{str(HERE)!r}, {str(HERE.parent)!r}]; import {module}; "
            f"print('RESULT ' + json.dumps({module}.run()))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    line = next(line for line in reversed(result.stdout.splitlines()) if line.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def machine() -> str:
    import PySide6
    import reportlab
    import sqlalchemy

    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"PySide6 {PySide6.__version__}, SQLAlchemy {sqlalchemy.__version__}, reportlab {reportlab.Version}")


def verdict(met: bool) -> str:
    return "met" if met else "**not met**"


RESULTS = {"r": "receipt", "i": "intake", "s": "startup", "p": "provincial_upserts", "y": "sync_push",
           "c": "scan_pages", "f": "first_save", "k": "soak", "q": "search", "w": "save_under_search",
           "n": "counters", "b": "provincial_scaling", "t": "indicators"}


def figures_table(r: dict, i: dict, s: dict, p: dict, y: dict, c: dict, f: dict, k: dict, q: dict, w: dict,
                  n: dict, b: dict, t: dict) -> str:
    import provincial_scaling

    rows = [
        "| what | measured | reference, same run | target | |",
        "|---|---|---|---|---|",
        f"| Receipt PDF, 2 copies (A5, QR + Code128, 3 embedded TTF) | {r['receipt_2_copies_ms']:.1f} ms "
        f"| bare A5 page, one line per font: {r['bare_a5_ms']:.1f} ms (× {r['ratio']:.2f}) | ≤ 3 × bare "
        f"| {verdict(r['target_met'])} |",
        f"| Save and render one intake, service layer, 100,000 dossiers in the database "
        f"| {i['median_ms']:.1f} ms (p90 {i['p90_ms']:.1f}) | — | ≤ 50 ms | {verdict(i['target_met'])} |",
        f"| Desk cold start → main window shown | {s['desk_shown_s'] * 1000:.0f} ms "
        f"| bare PySide6 QMainWindow: {s['bare_shown_s'] * 1000:.0f} ms (× {s['ratio']:.2f}) | ≤ 1.5 × bare "
        f"| {verdict(s['target_met'])} |",
        f"| … → intake page built (can be typed into) | {s['desk_intake_page_s'] * 1000:.0f} ms | | | |",
        f"| … → database open, catalog loading | {s['desk_ready_s'] * 1000:.0f} ms "
        f"| first start (create, migrate, seed): {s['first_start_ready_s'] * 1000:.0f} ms | | |",
        f"| Name search “nguyen van hoa” on that desk (bench/dataset.py's 100,000 realistic dossiers) "
        f"| {i['name_search_ms']:.1f} ms | | | |",
        f"| Sync push of 1,000 queued dossiers (read, map, PUT, mark sent) | {y['push_per_s']:.0f} /s "
        f"| raw sequential httpx PUTs of the same payloads: {y['raw_per_s']:.0f} /s (× {y['push_ratio']:.2f}) "
        f"| ≥ 0.6 × raw | {verdict(y['push_target_met'])} |",
        f"| Longest GUI event-loop stall while the window's worker pushes 1,000 dossiers "
        f"| {y['gui_max_stall_ms']} ms | (10 ms timer; start-up excluded) | < 50 ms | {verdict(y['gui_target_met'])} |",
        f"| Scanned page → stored, hashed PDF page: 300 dpi grey A4, dense 12 pt text "
        f"| {c['dense_page_ms']:.0f} ms (p90 {c['dense_page_p90_ms']:.0f}), {c['dense_page_kb']:.0f} KB "
        f"| light text: {c['light_page_ms']:.0f} ms, {c['light_page_kb']:.0f} KB; "
        f"photo: {c['photo_page_ms']:.0f} ms, {c['photo_page_kb']:.0f} KB; "
        f"dense text from the feeder (separator check included): {c['feeder_page_ms']:.0f} ms "
        f"| ≤ 150 ms a page, ≤ 250 KB | {verdict(c['page_target_met'])} |",
        f"| Longest GUI event-loop stall during the first save after start (click → receipt delivered) "
        f"| {f['first_save_max_stall_ms']} ms | the same window idle just before: {f['idle_max_stall_ms']} ms; "
        f"the save took {f['first_save_s'] * 1000:.0f} ms | ≤ 50 ms | {verdict(f['target_met'])} |",
        f"| Longest GUI event-loop stall while the window scans a 10-page 300 dpi feeder batch "
        f"| {c['gui_max_stall_ms']} ms | batch of 10 pages in {c['gui_batch_s']:.1f} s (driver drawing included) "
        f"| < 50 ms | {verdict(c['gui_target_met'])} |",
        f"| Provincial server: dossier upserts over loopback, one keep-alive client "
        f"| {p['upserts_per_s']:.0f} /s (replays {p['replays_per_s']:.0f} /s) "
        f"| bare FastAPI echo of the same body: {p['echo_per_s']:.0f} /s (× {p['ratio']:.2f}) | ≥ 0.5 × echo "
        f"| {verdict(p['target_met'])} |",
        f"| Provincial server under attack (oversize chunked bodies, 50 long-polls from one desk, token guessing): "
        f"4 syncing desks' p95 | {k['attack_p95_ms']:.1f} ms, server memory peak {k['memory_peak_mb']:.0f} MB "
        f"| the same desks, quiet: {k['quiet_p95_ms']:.1f} ms (× {k['ratio']:.2f}) "
        f"| ≤ 2 × quiet, < {k['memory_bound_mb']} MB | {verdict(k['target_met'])} |",
        *_scale_rows(q, w, n),
        *provincial_scaling.table_rows(b),
        *[f"| Tổng quan, {t['count']:,} dossiers: figures, per-procedure table and late list for {e['label']} "
          f"| {e['service_ms']:.0f} ms (first {e['service_first_ms']:.0f}) "
          f"| the same figures by hand-written sqlite3: {e['by_hand_ms']:.0f} ms (× {e['ratio']}), same: "
          f"{'yes' if e['same_figures'] else 'NO'} | ≤ {t['target_ms']:.0f} ms "
          f"| {verdict(e['service_ms'] <= t['target_ms'])} |" for e in t["periods"].values()],
    ]
    return (f"# Performance\n\nMeasured {date.today():%d/%m/%Y} on {machine()}.\n"
            "Regenerate with `python bench/run_all.py` (about fifteen minutes, and twelve more the first time while "
            "bench/dataset.py builds its million dossiers; each benchmark in its own process). "
            "Figures are medians; unit tests never time anything.\n\n" + "\n".join(rows) + "\n\n")


def _scale_rows(q: dict, w: dict, n: dict) -> list[str]:
    """Issue 17's rows: the dossier list at a million dossiers, a save beside its search, counters sharing SQLite."""
    return [
        *[f"| Dossier list, {q['count']:,} dossiers (bench/dataset.py): {e['kind']}"
          f"{' “' + e['query'] + '”' if e['query'] else ''} | {e['median_ms']:.1f} ms (p95 {e['p95_ms']:.1f}) "
          f"| hand-written sqlite3 query, same file: {e['baseline_median_ms']:.2f} ms (× {e['ratio']:.1f}) "
          f"| {'≤ 30 ms (p95)' if e['group'] == 'filter' else '≤ 10 ms, p95 ≤ 30 ms'}, ≤ 2 × "
          f"| {verdict(e['target_met'])} |" for e in q["kinds"]],
        f"| Save with a name in the list's search box (receive + the list's search again), {w['count']:,} dossiers "
        f"| {w['big_ms']:.0f} ms (receive {w['big_receive_ms']:.0f}, search {w['big_search_ms']:.0f}) "
        f"| the same on an empty desk: {w['empty_ms']:.0f} ms (× {w['ratio']:.2f}) | ≤ 1.5 × empty "
        f"| {verdict(w['target_met'])} |",
        f"| {n['counters']} counter processes saving at once into one SQLite desk ({n['saves']} saves): p99 "
        f"| {n['turn_p99_ms']:.0f} ms (median {n['turn_median_ms']:.0f}, max {n['turn_max_ms']:.0f}) "
        f"| SQLite's own busy wait, same run: p99 {n['busy_wait_p99_ms']:.0f} ms, max {n['busy_wait_max_ms']:.0f} "
        f"| p99 ≤ 200 ms | {verdict(n['target_met'])} |",
    ]


HOW_REACHED = """## How the figures were reached
- **Receipt.** The receipt is laid out once into a PDF form XObject that both copies place (only the copy label
  differs), QR and Code128 are vector paths (the QR as one path from the `qrcode` matrix, a fixed mask pattern:
  the mask search cost 16 ms), reportlab's C accelerators (`rl_accel`) are installed, ASCII85 is off, and fixed
  texts in tables are plain strings rather than Paragraphs. What remains is mostly font subsetting and zlib,
  which the bare page pays too (it embeds the same three fonts).
- **Intake.** One `BEGIN IMMEDIATE` transaction (counter row, dossier, audit, outbox) with `synchronous=FULL` in
  WAL mode, then the receipt render and an fsync'd atomic write. The 100,000 existing rows cost nothing: codes come
  from a counter row, not from scanning dossiers.
- **Start-up.** The window shell is shown first; the intake page is built on the next turn of the event loop; the
  database (SQLAlchemy's import alone is ≈ 300 ms here) opens on the worker thread after that, so the GUI thread
  never waits for it. Compiled forms import only the Qt names they use (uic imports ≈ 50, and PySide6 initialises
  each imported type), the scanner's application-wide event filter is armed when the desk opens (it forces
  PySide6 to build the large `QEvent.Type` enum), and logging avoids `logging.handlers`. The timed starts are a
  counter's morning (no flags); a start whose flags change a configured desk (`--agency-code`, …) first opens the
  database to check for an admin (issue 15), ≈ 0.7 s before the window. Since issue 17 both windows are shown
  maximised, as a counter launches them: the bare window so shows ≈ 45 ms sooner than at 1360×820, which is most of
  why the ratio moved from × 1.44 to × 1.6; the desk's shell still pays ≈ 45 ms importing its window's modules
  (PySide6 prepares each Python subclass of a Qt widget) that the bare window does not have.
- **Python enums.** PySide6 ≥ 6.4 builds every Qt enum as a Python `enum` class on first use; the first use of
  the `Qt` namespace alone builds all of its enums (≈ 40 ms here). The window shell avoids the namespace
  entirely, so it reaches the screen first; the pages, which need it, follow on the next turn of the event loop.
- **Provincial upserts.** Each upsert is a durable transaction on SQLite (WAL, `synchronous=FULL`): token check
  (verified once, then cached until it expires or for 5 s), validation, the idempotency row, the dossier and its
  first event. From 115 /s (× 0.19) to the figure above: the statements of this hot path run on a dedicated
  `sqlite3` connection (`provincial/hotpath.py`; SQLAlchemy's per-statement and per-transaction machinery cost
  more than the statements; PostgreSQL keeps Core statements), the route runs on the event loop instead of
  hopping to the thread pool, the answer goes out as stored without re-validation against the response model,
  the idempotency row no longer stores a second copy of the record, text validation uses one regular expression
  instead of a Python loop over characters, and the access log is encoded once. The backend alone now takes
  ≈ 0.6 ms an upsert, of which the commit's fsync ≈ 0.45 ms. Echo and upserts are measured in alternating blocks of
  50 requests, so that a busier moment of the machine weighs on both alike; measured one after the other, the ratio
  came out 0.46–0.50 in the same session.
- **Scanned pages.** The driver host (a child process) writes each page as raw PNM; the page worker maps the
  paper's tone to white, tries JPEG, and for a mostly-text grey page that is still over budget stores 1 bit per
  pixel with Flate at full resolution (crisp text, 50–150 KB for a dense A4 page); photos step down in JPEG
  quality, then in pixels. Each page becomes a one-page PDF at once, so assembling a document copies streams
  without re-encoding (pdfium `import_pages`); the document's file identifier is derived from its content, so the
  same pages give the same SHA-256. The GUI thread only decodes 200-pixel thumbnails.
- **The first save after start.** Everything a first save needs that start-up did not load is loaded on the worker
  while the clerk identifies the citizen: reportlab and the fonts, the receipt module, the print-preview module
  and QtPrintSupport (≈ 28 ms of imports that, done on the GUI thread at the first receipt, stalled the window
  for 35–69 ms). No widget is made off the GUI thread; only modules are imported there.
- **Search at a million dossiers** (desk/store/search.py). It was a `LIKE '%…%'` scan: 1.0–1.4 s for a name at
  1,000,000, and "Đã trả kết quả" sorted 96 % of the table (2.2 s). Now a whole code, ID or phone goes to its own
  B-tree index; words to an FTS5 index of the folded search column (external content kept by triggers in the
  writing transaction; prefix indexes for 1–7 characters: without them a common prefix like “nguyen”* merged whole
  word lists, 52 ms); each status filter walks `(status, received_at)` from the newest, merged in one statement. The
  ratios against the hand-written `sqlite3` queries are over 2 only where that query takes well under a millisecond:
  the difference is SQLAlchemy's fixed cost per call (≈ 0.3–1 ms: session, statement, rows made into summaries),
  not the plan, which is the same (bench/search.py `--plans`). Reads have their own worker, so a save never waits
  for a list's search.
- **Several counters on one SQLite file** take turns through an OS lock asked for every 2 ms instead of SQLite's
  growing back-off. On this 2-core machine eight counter processes also share two cores for their PDFs, which is
  most of the median; the p99 and the maximum show the turn's effect.
"""


def main() -> int:
    results = {key: isolated(module) for key, module in RESULTS.items()}
    text = figures_table(**results) + HOW_REACHED
    (HERE.parent / "docs" / "PERFORMANCE.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

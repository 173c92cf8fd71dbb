"""Scanning benchmark (issue 5).

1. Time from the driver's image to a stored, hashed PDF page: the page file the driver host
   wrote (PNM) is read, cleaned, compressed into its one-page PDF, then assembled into the
   document's PDF, hashed and written to the content-addressed store (fsync'd). Per page, for a
   300 dpi grey A4 page of dense 12 pt text, of light text, of a photo, and of dense text from a
   feeder batch (checked for separator sheets too). Target ≤ 150 ms a page.
2. The longest stall of the Qt event loop while the real window scans a 10-page 300 dpi feeder
   batch into a checklist line (driver host child process, compression on the page worker,
   thumbnails on the GUI thread). Target < 50 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import run_window  # noqa: E402


def measure_pages(rounds: int = 15) -> dict:
    from PIL import Image

    from desk.scanning.assemble import store_document
    from desk.scanning.pages import store_scanned_file
    from tests.support.pages import text_page

    folder = Path(tempfile.mkdtemp(prefix="bench-scan-"))
    photo = Image.effect_noise((2480, 3508), 30).resize((620, 877)).resize((2480, 3508), Image.Resampling.BICUBIC)
    dense = text_page(300)
    # "feeder": the dense page again, from a feeder batch, where each page is also checked for
    # being a separator sheet (blank, or a Code128 separator / dossier code)
    kinds = {"dense": (dense, False), "light": (text_page(300, lines=12), False), "photo": (photo, False),
             "feeder": (dense, True)}
    result = {}
    for kind, (image, feeder) in kinds.items():
        times, sizes = [], []
        for index in range(rounds):
            raw = folder / f"{kind}-{index}.pnm"
            image.save(raw, "PPM")  # what the driver host hands over (not timed)
            started = time.perf_counter()
            page = store_scanned_file(raw, 300, folder / "work", detect_separators=feeder)
            stored = store_document([page], folder / "files")
            times.append((time.perf_counter() - started) * 1000)
            sizes.append(stored.size)
        result[f"{kind}_page_ms"] = statistics.median(times)
        result[f"{kind}_page_p90_ms"] = sorted(times)[int(len(times) * 0.9) - 1]
        result[f"{kind}_page_kb"] = statistics.median(sizes) / 1024
    result["page_target_met"] = max(result[f"{k}_page_ms"] for k in kinds) <= 150
    return result


def measure_gui_stall() -> dict:
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from desk.domain.agency import AgencyIdentity
    from desk.domain.users import Actor
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.services.digitization import ScannerProfile, ScanSettings
    from desk.settings import CounterSettings
    from desk.ui.desk_ref import DeskRef
    from desk.ui.main_window import MainWindow
    from desk.ui.style import apply_style

    app = QApplication.instance() or QApplication([])
    apply_style(app)
    folder = Path(tempfile.mkdtemp(prefix="bench-scan-gui-"))
    desk = open_desk(DeskPaths(folder), CounterSettings())
    desk.agency.save(AgencyIdentity("000.00.53.H16", "UBND TỈNH ĐẮK LẮK", "Trung tâm xã Ea Kar", "Ea Kar",
                                    "https://dichvucong.daklak.gov.vn"), actor=Actor.system("bench"))
    desk.digitization.save_profile(ScannerProfile("A4", "tests.support.fake_scanner:A4TextFeederBackend", "a4:0",
                                                  ScanSettings(300, "gray", "adf")))
    window = MainWindow(DeskRef.of(desk))
    window.resize(1366, 860)
    gaps: list[int] = []
    clock = QElapsedTimer()
    state = {"started": False, "start": 0.0, "end": 0.0}

    def tick() -> None:
        page = window.intake
        if page is None or not window.runner.idle or page.procedure.entry is None and not state["started"]:
            if page is not None and page.procedure.model.rowCount() and page.procedure.entry is None:
                page.ui.procedureTable.selectRow(0)
            clock.restart()
            return
        if not state["started"]:
            state["started"], state["start"] = True, time.perf_counter()
            page.digitization.scan_into(page.digitization.cells[0])
            clock.restart()
            return
        gaps.append(clock.restart())
        if not page.digitization.scanning:
            state["end"] = time.perf_counter()
            app.exit(0)

    run_window(app, window, tick, clock)
    cells = window.intake.digitization.cells if window.intake else None
    pages = len(cells[0].pages()) if cells else 0
    window.close()
    desk.db.dispose()
    seconds = state["end"] - state["start"]
    return {"gui_max_stall_ms": max(gaps) if gaps else -1, "gui_pages": pages,
            "gui_batch_s": seconds, "gui_target_met": bool(gaps) and max(gaps) < 50 and pages == 10}


def run() -> dict:
    return {**measure_pages(), **measure_gui_stall()}


if __name__ == "__main__":
    from common import report

    report(run())

"""Sync push throughput and GUI responsiveness while pushing.

1. 1,000 queued dossiers pushed by the desk's sync (read the dossier, map it, PUT it, mark
   the outbox row sent), beside raw sequential httpx PUTs of the same payloads with one
   keep-alive client, both against the same provincial server process in the same run.
   Target (issue 4): desk push ≥ 60 % of raw.
2. The longest stall of the Qt event loop while the real main window's sync worker pushes
   1,000 dossiers, measured by a 10 ms timer. Target: < 50 ms.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import keyring  # noqa: E402
from common import run_window  # noqa: E402

from tests.support.keyring_backend import MemoryKeyring  # noqa: E402
from tests.support.provincial import ProvincialServer  # noqa: E402

AGENCY = "000.00.53.H16"


def queued_desk(folder: Path, server: ProvincialServer, count: int, day: datetime):
    """A desk enrolled with the server and ``count`` dossiers waiting in its outbox."""
    from desk.domain.agency import AgencyIdentity
    from desk.domain.text import dossier_search_key
    from desk.domain.users import Actor
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings
    from desk.store.models import DossierRow, OutboxRow
    from desk.store.snapshots import intern_snapshot
    from tests.support.workers import sample_request

    services = open_desk(DeskPaths(folder), CounterSettings(), clock=lambda: day)
    services.agency.save(AgencyIdentity(AGENCY, "UBND TỈNH ĐẮK LẮK", "Trung tâm PVHCC xã Ea Kar", "Ea Kar",
                                        "https://dichvucong.daklak.gov.vn"), actor=Actor.system("bench"))
    with server.admin() as admin:
        code = admin.post(f"/api/v1/admin/communes/{AGENCY}/enrollment-codes").json()["code"]
    services.sync.enroll(server.base_url, code, actor=Actor.system("bench"))
    request, version = sample_request(services)
    snapshot = request.procedure.to_dict()
    with services.db.write() as session:
        snapshot_id = intern_snapshot(session, snapshot).id
    dossiers, outbox = [], []
    for index in range(count):
        received = day + timedelta(seconds=index)
        code = f"{AGENCY}-{day:%y%m%d}-{index + 1:04d}"
        dossiers.append(dict(
            code=code, agency_code=AGENCY, status=2, channel=1, received_at=received, appointment_at=received,
            procedure_code="2.000884", procedure_name=snapshot["name"], procedure_version=version,
            procedure_snapshot_id=snapshot_id, owner_name="Nguyễn Thị Hoa", owner_id_number="066195012345",
            owner_old_id_number="", owner_gender="Nữ", owner_address="Ea Kar", phone="0912345678", email="",
            submitter_name="", submitter_id_number="",
            documents=[dict(d.to_dict(), received=True) for d in request.procedure.documents], extra_values={},
            fee_amount=10000, pages=1, copies=1, sets=1, note="", ledger_book="01/2026", ledger_line=index + 1,
            clerk_name="Bench", counter_name="Quầy 1", search_key=dossier_search_key("Nguyễn Thị Hoa", "", code),
            province_event_id=0, created_utc=received, updated_utc=received))
        outbox.append(dict(created_utc=received, dossier_code=code, kind="dossier.upsert",
                           client_txn_id=str(uuid.uuid4()), payload={"code": code}, attempts=0, last_error="",
                           state="pending"))
    with services.db.write() as session:
        session.execute(DossierRow.__table__.insert(), dossiers)
        session.execute(OutboxRow.__table__.insert(), outbox)
    return services


def measure_push(count: int) -> dict:
    from desk.store.models import DossierRow
    from desk.sync.mapping import dossier_record

    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    server = ProvincialServer(folder / "province").start()
    try:
        with server.admin() as admin:
            admin.post("/api/v1/admin/communes", json={"agency_code": AGENCY, "name": "Xã Ea Kar",
                                                      "parent_authority": "UBND TỈNH ĐẮK LẮK"})
        desk = queued_desk(folder / "desk", server, count, datetime(2026, 11, 23, 7, 30))
        # raw: the same payloads, other codes, one keep-alive client, nothing else
        with desk.db.read() as session:
            records = [dossier_record(row) for row in session.query(DossierRow).order_by(DossierRow.id)]
        engine = desk.sync.engine()
        raw_client = engine.client
        start = time.perf_counter()
        for index, record in enumerate(records):
            raw_client.upsert_dossier(f"{AGENCY}-261124-{index + 1:04d}", str(uuid.uuid4()), record)
        raw_s = time.perf_counter() - start
        raw_client.close()
        start = time.perf_counter()
        report = desk.sync.run_once()
        push_s = time.perf_counter() - start
        assert report.ok and report.pushed == count, report
        desk.db.dispose()
    finally:
        server.stop()
    return {"dossiers": count, "raw_per_s": count / raw_s, "push_per_s": count / push_s,
            "push_ratio": raw_s / push_s, "push_target_met": raw_s / push_s >= 0.6}


def measure_gui_stall(count: int) -> dict:
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from desk.ui.desk_ref import DeskRef
    from desk.ui.main_window import MainWindow
    from desk.ui.style import apply_style

    folder = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    server = ProvincialServer(folder / "province").start()
    app = QApplication.instance() or QApplication([])
    apply_style(app)
    try:
        with server.admin() as admin:
            admin.post("/api/v1/admin/communes", json={"agency_code": AGENCY, "name": "Xã Ea Kar",
                                                      "parent_authority": "UBND TỈNH ĐẮK LẮK"})
        desk = queued_desk(folder / "desk", server, count, datetime(2026, 11, 23, 7, 30))
        window = MainWindow(DeskRef.of(desk))
        clock, gaps = QElapsedTimer(), []
        def tick():
            gaps.append(clock.restart())
            if desk.sync.status()["pending"] == 0 if len(gaps) % 50 == 0 else False:
                app.exit(0)

        run_window(app, window, tick, clock)
        window.close()
        pending = desk.sync.status()["pending"]
        desk.db.dispose()
    finally:
        server.stop()
    steady = gaps[100:] or gaps  # after start-up: pages built, database open
    return {"gui_max_stall_ms": max(steady), "gui_ticks": len(gaps), "gui_pending_left": pending,
            "gui_target_met": max(steady) < 50 and pending == 0}


def run(count: int = 1000) -> dict:
    keyring.set_keyring(MemoryKeyring())
    return {**measure_push(count), **measure_gui_stall(count)}


if __name__ == "__main__":
    from common import report

    report(run())

"""Save-and-render of one intake through the service layer, on a database holding 100,000 dossiers.

The 100,000 rows are bulk-inserted once (same table, realistic names and codes spread over
a year); then each timed call is a full ``IntakeService.receive``: validation, code and
ledger line, dossier + audit + outbox in one transaction (SQLite WAL, synchronous=FULL),
receipt PDF rendered and written atomically. Target (issue 2): median ≤ 50 ms.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desk.domain.agency import AgencyIdentity  # noqa: E402
from desk.domain.users import Actor, Role  # noqa: E402
from desk.paths import DeskPaths  # noqa: E402
from desk.services.desk import open_desk  # noqa: E402
from desk.settings import CounterSettings  # noqa: E402
from tests.support.workers import sample_request  # noqa: E402

CLERK = Actor("bench", "Bench", Role.CLERK)

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Y", "H"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thu", "Hữu", "Quang"]
GIVEN = ["Hoa", "Bình", "Sơn", "Hà", "Đạt", "An", "Mai", "Tâm", "Niê", "Khoa", "Lan", "Hùng"]


def seed(services, count: int) -> float:
    from desk.domain.text import dossier_search_key
    from desk.store.models import DossierRow

    request, version = sample_request(services)
    snapshot = request.procedure.to_dict()
    rng = random.Random(7)
    start = time.perf_counter()
    day0 = datetime(2025, 11, 1, 7, 30)
    rows = []
    for index in range(count):
        received = day0 + timedelta(minutes=5 * index)
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        code = f"000.00.53.H16-{received:%y%m%d}-{index % 9000 + 1:04d}"
        number = f"066{rng.randrange(10**9):09d}"
        rows.append(dict(code=code, agency_code="000.00.53.H16", status=2, channel=1, received_at=received,
                         appointment_at=received, procedure_code="2.000884", procedure_name=snapshot["name"],
                         procedure_version=version, procedure_snapshot=snapshot, owner_name=name,
                         owner_id_number=number, owner_old_id_number="", owner_gender="Nam", owner_address="Ea Kar",
                         phone=f"09{rng.randrange(10**8):08d}", email="", submitter_name="", submitter_id_number="",
                         documents=[], extra_values={}, fee_amount=10000, pages=1, copies=1, sets=1, note="",
                         ledger_book="01/2025", ledger_line=index + 1, clerk_name="Bench", counter_name="Quầy 1",
                         search_key=dossier_search_key(name, "", code, number), created_utc=received,
                         updated_utc=received))
    with services.db.write() as session:
        session.execute(DossierRow.__table__.insert(), rows)
    return time.perf_counter() - start


def run(existing: int = 100_000, rounds: int = 60) -> dict:
    data_dir = Path(tempfile.mkdtemp(prefix="desk-bench-intake-"))
    moment = datetime(2026, 11, 23, 9, 15)
    services = open_desk(DeskPaths(data_dir), CounterSettings(), clock=lambda: moment)
    agency = AgencyIdentity("000.00.53.H16", "UBND TỈNH ĐẮK LẮK", "Trung tâm Phục vụ hành chính công xã Ea Kar",
                            "Ea Kar", "https://dichvucong.daklak.gov.vn")
    services.agency.save(agency, actor=Actor.system("bench"))
    seed_s = seed(services, existing)
    request, version = sample_request(services)
    services.intake.receive(request, procedure_version=version, actor=CLERK)  # warm-up: fonts, caches
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        services.intake.receive(request, procedure_version=version, actor=CLERK)
        timings.append(time.perf_counter() - start)
    search_start = time.perf_counter()
    services.dossiers.search("nguyen van hoa")
    search_ms = (time.perf_counter() - search_start) * 1000
    services.db.dispose()
    timings.sort()
    return {"existing_dossiers": existing, "seed_s": seed_s, "median_ms": statistics.median(timings) * 1000,
            "p90_ms": timings[int(0.9 * len(timings))] * 1000,
            "name_search_ms": search_ms,
            "target_met": statistics.median(timings) * 1000 <= 50}


if __name__ == "__main__":
    from common import report

    report(run())

"""Work run in child processes by the concurrency tests (importable under the spawn method)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from tests.conftest import CLERK


def sample_request(services, *, id_number: str = "066195012345", name: str = "Nguyễn Thị Hoa",
                   procedure_code: str = "2.000884"):
    from desk.domain.fees import FeeKind
    from desk.domain.intake import IntakeRequest, Person

    entry = services.catalog.get(procedure_code)
    # A fee the province has not configured is typed by the clerk: these tests collect 30.000 đ.
    unset = entry.template.fee.kind is FeeKind.UNSET
    request = IntakeRequest(owner=Person(full_name=name, id_number=id_number, gender="Nữ",
                                         address="Thôn 3, Xã Ea Kar, Tỉnh Đắk Lắk"),
                            procedure=entry.template, received_documents=(True,) * len(entry.template.documents),
                            phone="0912345678", fee_collected=30_000 if unset else None)
    return request, entry.version


def receive_many(root: str, data_dir: str, database_url: str, count: int, now_iso: str) -> list[str]:
    if root not in sys.path:
        sys.path.insert(0, root)
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings

    moment = datetime.fromisoformat(now_iso)
    services = open_desk(DeskPaths(Path(data_dir)), CounterSettings(database_url=database_url),
                         clock=lambda: moment)
    request, version = sample_request(services)
    codes = [services.intake.receive(request, procedure_version=version, actor=CLERK).code for _ in range(count)]
    services.db.dispose()
    return codes


def open_fresh(root: str, data_dir: str, database_url: str, start_at: float) -> tuple[int, int]:
    """Open a desk at the same moment as others (``start_at``, a time.time()); return what it finds seeded."""
    import time

    if root not in sys.path:
        sys.path.insert(0, root)
    from sqlalchemy import func, select

    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings
    from desk.store.models import CalendarYearRow, ProcedureRow

    time.sleep(max(0.0, start_at - time.time()))
    services = open_desk(DeskPaths(Path(data_dir)), CounterSettings(database_url=database_url))
    with services.db.read() as session:
        counts = (session.scalar(select(func.count()).select_from(ProcedureRow)),
                  session.scalar(select(func.count()).select_from(CalendarYearRow)))
    services.db.dispose()
    return counts

"""docs/screenshots/overview-page.png and overview-report.png: the Tổng quan page at 1366×728 after a month of work
at a commune centre (generated through the desk's services: intake, supplements, hand-overs, apologies with and
without a lawful extension, results, returns with ratings, refusals at the counter), and its PDF report's first page.

Run: python scripts/overview_screenshots.py (offscreen Qt with a 1366×728 screen, as scripts/screenshots.py).
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import OUT, SCREEN, pump_until  # noqa: E402 (sets the offscreen screen before Qt loads)

PROCEDURES = ("2.000884", "2.000815", "1.001193", "2.000635", "1.004873", "1.004859", "1.000656", "CT.HDGD")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 7, 30)

    def __call__(self) -> datetime:
        return self.now


def month_of_work(services, clock: Clock, clerks) -> None:
    """Working days of November 2026 up to the 27th: 3–6 dossiers a day, each with a life of its own."""
    from dataclasses import replace

    from desk.domain.intake import OutcomeKind, OutcomeRequest
    from desk.domain.lifecycle import Collector
    from tests.support.workers import sample_request

    rng = random.Random(7)
    life = services.lifecycle
    # Procedures a generated citizen can be received for: no own field the form would require.
    codes = [c for c in PROCEDURES if not any(f.required for f in services.catalog.get(c).template.extra_fields)]
    day = datetime(2026, 11, 2, 7, 30)
    plans = []
    while day.day <= 27:
        if day.weekday() < 5:
            for n in range(rng.randint(3, 6)):
                clock.now = day + timedelta(minutes=35 * n + rng.randint(0, 20))
                request, version = sample_request(services, procedure_code=rng.choice(codes),
                                                  id_number=f"0661950{rng.randint(10000, 99999)}")
                if rng.random() < 0.08:
                    services.intake.record_outcome(OutcomeRequest(
                        OutcomeKind.REFUSAL, request.owner, request.procedure, (), "Không thuộc thẩm quyền của xã"),
                        actor=clerks[n % 2], procedure_version=version, intake_key=str(uuid.uuid4()))
                    continue
                request = replace(request, extra_values={})
                code = services.intake.receive(request, procedure_version=version, actor=clerks[n % 2]).code
                plans.append((code, clock.now, rng.random()))
        day += timedelta(days=1)
    for code, received, luck in plans:
        clock.now = received + timedelta(hours=1)
        life.send_to_handler(code, "Công chức Tư pháp - Hộ tịch", actor=clerks[0])
        if luck < 0.1:
            life.request_supplement(code, ["Tờ khai"], "Tờ khai chưa ký", actor=clerks[0])
            continue
        appointment = services.dossiers.get(code).summary.appointment_at
        if luck < 0.2 and appointment:
            clock.now = appointment + timedelta(hours=1)
            life.apologize(code, appointment + timedelta(days=3), "Chờ xác minh", actor=clerks[0],
                           extension_basis="khoản 2 Điều 18 Luật Hộ tịch 2014" if luck < 0.15 else "")
        if luck < 0.85 and appointment and appointment + timedelta(days=2) < datetime(2026, 11, 27, 9):
            clock.now = appointment - timedelta(hours=2) if luck < 0.6 else appointment + timedelta(days=1)
            life.result_ready(code, actor=clerks[1])
            if luck < 0.75:
                clock.now += timedelta(hours=3)
                owner = services.dossiers.get(code).summary
                life.return_result(code, Collector(owner.owner_name, owner.owner_id_number, True), actor=clerks[1])
                life.rate(code, 1 if luck < 0.5 else 2 if luck < 0.7 else 3)
    clock.now = datetime(2026, 11, 27, 15, 0)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from desk.domain.agency import AgencyIdentity
    from desk.domain.users import Actor, Role
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings
    from desk.ui.desk_ref import DeskRef
    from desk.ui.main_window import MainWindow
    from desk.ui.navigation import PageId
    from desk.ui.style import apply_style

    app = QApplication([])
    apply_style(app)
    clock = Clock()
    services = open_desk(DeskPaths(Path(tempfile.mkdtemp(prefix="overview-"))), CounterSettings(), clock)
    admin = Actor("qtv", "Trần Quản Trị", Role.ADMIN)
    services.agency.save(AgencyIdentity("000.00.53.H16", "UBND XÃ EA KAR", "Trung tâm Phục vụ hành chính công xã "
                                        "Ea Kar", "Ea Kar", "https://dichvucong.daklak.gov.vn"), actor=admin)
    month_of_work(services, clock, (Actor("lvtam", "Lê Văn Tâm", Role.CLERK),
                                    Actor("hlinh", "H'Linh Niê", Role.CLERK)))
    desk = DeskRef.of(services)
    desk.sign_in(Actor("gsat", "Nguyễn Thị Mai", Role.SUPERVISOR))
    window = MainWindow(desk)
    window.resize(*SCREEN)
    ready: list = []
    window.ready.connect(lambda: ready.append(True))
    window.show()
    pump_until(lambda: ready)
    page = window.open_page(PageId.OVERVIEW)
    pump_until(lambda: page.report is not None and window.runner.idle)
    pump_until(lambda: False, seconds=1.0)
    window.grab().save(str(OUT / "overview-page.png"))
    pdf = services.reports.save_pdf(page.report)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(OUT / "overview-report")], check=True)
    window.close()
    services.db.dispose()
    app.quit()
    print("written:", OUT / "overview-page.png", OUT / "overview-report.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

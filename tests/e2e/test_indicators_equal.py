"""Issue 18, end to end: three desks enrolled with one real provincial server, a month of generated activity
through the desks' own services (intake, supplement, hand-over, apology with and without a lawful basis, result,
return, rating, stop, refusal and guidance at the counter, refusal after a supplement), synced; then for each
commune the desk's ``IndicatorService.counts`` for the month equals the province's, field by field, except the
fields that differ by nature (docs/INDICATORS.md, "At the province")."""

from __future__ import annotations

import json
import random
import subprocess
from dataclasses import fields, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from contract.indicators import Counts
from contract.periods import Period, PeriodKind
from desk.domain.agency import AgencyIdentity
from desk.domain.intake import OutcomeKind, OutcomeRequest, Person
from desk.domain.lifecycle import Collector
from desk.services.indicators import IndicatorService
from desk.store.models import OutboxRow
from provincial.database import ServerDatabase
from provincial.services.indicators import ProvinceIndicators
from tests.conftest import ADMIN, AGENCY, CLERK, ROOT, FakeClock, make_desk
from tests.support.provincial import ProvincialServer
from tests.support.workers import sample_request

pytestmark = pytest.mark.slow
AGENCIES = ("000.00.53.H16", "000.00.54.H16", "000.00.55.H16")
NOVEMBER = Period.of(PeriodKind.MONTH, date(2026, 11, 1))
NOW = datetime(2026, 12, 1, 9, 0)
OWNER_ID = "066195012345"
HANDLER = "Công chức Tư pháp - Hộ tịch"
# Known only to one side (docs/INDICATORS.md, "At the province"): who brought the dossier for the owner is not in
# the record the province receives.
DIFFER_BY_NATURE = {"received_assisted"}


@pytest.fixture
def server(tmp_path):
    process = ProvincialServer(tmp_path / "province").start()
    with process.admin() as admin:
        for n, agency in enumerate(AGENCIES):
            admin.post("/api/v1/admin/communes", json={"agency_code": agency, "name": f"Xã số {n + 1}",
                                                      "parent_authority": "UBND TỈNH ĐẮK LẮK"})
    yield process
    process.stop()


def _desk(tmp_path, server, agency: str):
    clock = FakeClock(datetime(2026, 11, 2, 7, 30))
    services = make_desk(tmp_path / agency, clock)
    services.agency.save(AgencyIdentity(**{**AGENCY, "code": agency}), actor=ADMIN)
    with server.admin() as admin:
        code = admin.post(f"/api/v1/admin/communes/{agency}/enrollment-codes").json()["code"]
    services.sync.enroll(server.base_url, code, "Quầy 1", actor=ADMIN)
    services.sync.audit = None  # the audit chain's anchors travel in tests/e2e/test_sync_faults.py
    return services, clock


def _receive(desk) -> str:
    request, version = sample_request(desk, procedure_code="1.004873")  # 3 working days
    request = replace(request, extra_values={"purpose": "Đăng ký kết hôn"})
    return desk.intake.receive(request, procedure_version=version, actor=CLERK).code


def _outcome(desk, kind: OutcomeKind, n: int) -> None:
    request, version = sample_request(desk, procedure_code="1.004873")
    owner = Person(full_name="Trần Văn Bình", id_number="", address="Khu phố 2, Phường Tuy Hòa")
    desk.intake.record_outcome(OutcomeRequest(kind, owner, request.procedure, ("Tờ khai",), "Thiếu tờ khai"),
                               procedure_version=version, intake_key=f"{kind}-{n:04d}-0000-0000-000000000000"[:36],
                               actor=CLERK)


def _story(desk, clock, code: str, story: int, day: datetime) -> None:
    """One dossier's life after intake (``day``: its reception), by number."""
    life = desk.lifecycle

    def later(hours: float) -> None:
        clock.now = day + timedelta(hours=hours)

    if story == 0:  # handled early, returned and rated
        later(1), life.send_to_handler(code, HANDLER, actor=CLERK)
        later(26), life.result_ready(code, actor=CLERK)
        later(27), life.return_result(code, Collector("Nguyễn Thị Hoa", OWNER_ID, True), actor=CLERK)
        life.rate(code, random.choice((1, 2, 3)))
    elif story == 1:  # a supplement, the papers brought, a result
        later(2), life.request_supplement(code, ["Tờ khai"], "Tờ khai chưa ký", actor=CLERK)
        later(24), life.record_supplement(code, ["Tờ khai"], actor=CLERK)
        later(70), life.result_ready(code, actor=CLERK)
    elif story == 2:  # late with an apology that does not move the deadline
        later(1), life.send_to_handler(code, HANDLER, actor=CLERK)
        later(48), life.apologize(code, day + timedelta(days=9), "Chờ xác minh", actor=CLERK)
        later(24 * 8), life.result_ready(code, actor=CLERK)
    elif story == 3:  # a lawful extension
        later(48), life.apologize(code, day + timedelta(days=8), "Cần xác minh", actor=CLERK,
                                  extension_basis="Điều 18 Luật Hộ tịch 2014")
        later(24 * 7), life.result_ready(code, actor=CLERK)
    elif story == 4:  # stopped
        later(20), life.stop(code, "Không thuộc trường hợp được cấp", "Điều 22 Nghị định 123/2015", actor=CLERK)
    elif story == 5:  # asked for papers, never brought: refused
        later(2), life.request_supplement(code, ["Tờ khai"], "Tờ khai sai mẫu", actor=CLERK)
        later(50), life.refuse(code, "Không bổ sung được giấy tờ", actor=CLERK)
    elif story == 6:  # handed over and still with the handler (late by the month's end)
        later(1), life.send_to_handler(code, HANDLER, actor=CLERK)
    # story 7: received and left at the counter


def _month(desk, clock, seed: int) -> None:
    random.seed(seed)
    n = 0
    for day in range(2, 28):
        if date(2026, 11, day).weekday() >= 5:
            continue
        for _ in range(random.randint(1, 3)):
            received = datetime(2026, 11, day, random.randint(7, 15), random.choice((0, 15, 30, 45)))
            clock.now = received
            code = _receive(desk)
            _story(desk, clock, code, random.randrange(8), received)
        if random.random() < 0.4:
            n += 1
            clock.now = datetime(2026, 11, day, 16)
            _outcome(desk, random.choice((OutcomeKind.GUIDANCE, OutcomeKind.REFUSAL)), n)
        if random.random() < 0.25:  # a citizen's word at the counter, answered (or not) by the supervisor
            _feedback(desk, clock, day, answered=random.random() < 0.6)


def _feedback(desk, clock, day: int, *, answered: bool) -> None:
    from desk.domain.feedback import Channel, FeedbackDraft
    from desk.domain.users import Actor, Role
    from desk.services.feedback import FeedbackService

    clock.now = datetime(2026, 11, day, 16, 30)
    service = FeedbackService.of(desk)
    view = service.record(FeedbackDraft(category="time", text="Chờ lâu ở quầy chứng thực buổi sáng"),
                          Channel.COUNTER, CLERK)
    if answered:
        clock.now += timedelta(days=random.choice((1, 3, 20)))  # on time, or after its ten working days
        service.answer(view.code, "Trung tâm đã bố trí thêm một quầy chứng thực vào buổi sáng.",
                       actor=Actor("gsat", "Nguyễn Thị Mai", Role.SUPERVISOR))


def _sync(desk) -> None:
    """Rounds until nothing is left to push; every row accepted (a refusal would make the figures differ)."""
    for _ in range(10):
        report = desk.sync.run_once()
        assert report.ok, (report.error, report.problems)
        if not report.pushed:
            break
    with desk.db.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.state != "sent")) == 0


def test_three_desks_and_the_province_show_the_same_figures(tmp_path, server):
    desks = [_desk(tmp_path, server, agency) for agency in AGENCIES]
    for seed, (desk, clock) in enumerate(desks):
        _month(desk, clock, seed)
    for desk, clock in desks:
        clock.now = NOW
        _sync(desk)
    province_db = ServerDatabase.in_directory(tmp_path / "province")
    try:
        province = ProvinceIndicators(province_db, clock=lambda: NOW)
        communes = {c.agency_code: c.id for c in province.communes()}
        by_commune = province.counts_by(NOVEMBER, "commune")
        total = Counts()
        for agency, (desk, _clock) in zip(AGENCIES, desks):
            at_desk = IndicatorService(desk.db, clock=lambda: NOW).counts(NOVEMBER)
            at_province = province.counts(NOVEMBER, communes[agency], fresh=True)
            differ = {f.name: (getattr(at_desk, f.name), getattr(at_province, f.name)) for f in fields(Counts)
                      if f.name not in DIFFER_BY_NATURE and getattr(at_desk, f.name) != getattr(at_province, f.name)}
            assert differ == {}, json.dumps({agency: differ}, ensure_ascii=False)
            assert at_desk.received > 10 and at_desk.finished_late and at_desk.refusals
            assert by_commune[communes[agency]] == at_province  # the ranking reads the same figures
            from desk.services.feedback import FeedbackService

            said_at_desk = FeedbackService.of(desk).counts(NOVEMBER.first, NOVEMBER.last)
            assert said_at_desk == _province_backend_feedback(server, communes[agency]), agency
            total = Counts(**{f.name: getattr(total, f.name) + getattr(at_province, f.name)
                              for f in fields(Counts) if not f.name.endswith("_minutes")})
        whole = province.counts(NOVEMBER, fresh=True)
        assert (whole.received, whole.finished_late, whole.returned) == (total.received, total.finished_late,
                                                                         total.returned)
        _screenshots(server, tmp_path)
    finally:
        province_db.close()
        for desk, _clock in desks:
            desk.db.dispose()


def _province_backend_feedback(server, commune_id: int) -> dict:
    from provincial.database import ServerDatabase as _Database
    from provincial.services.feedback import CitizenFeedback

    db = _Database.in_directory(server.data_dir)
    try:  # counting needs neither the tracking page nor the idempotency store
        return CitizenFeedback(db, None).counts(commune_id, NOVEMBER.first, NOVEMBER.last,  # type: ignore[arg-type]
                                                now=NOW)
    finally:
        db.close()


def _screenshots(server, tmp_path) -> None:
    """docs/screenshots/province-dashboard-{1366,360}.png: the pages as the real server serves them to signed-in
    staff (fetched with the admin token, then opened from a file: a command-line browser carries no cookie)."""
    if not Path("/usr/bin/chromium").exists():
        return
    with server.admin() as admin:
        page = admin.get("/bang-dieu-khien?ky=month&ngay=2026-11-01")
        commune = admin.get(f"/bang-dieu-khien/xa/{AGENCIES[1]}?ky=month&ngay=2026-11-01")
    assert page.status_code == commune.status_code == 200
    shots = ROOT / "docs" / "screenshots"
    for html, name, width, height in ((page.text, "province-dashboard-1366.png", 1366, 1500),
                                      (commune.text, "province-dashboard-360.png", 360, 2200)):
        source = tmp_path / f"{name}.html"
        source.write_text(html, encoding="utf-8")
        subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp_path / 'chromium-profile'}", f"--window-size={width},{height}",
                        "--hide-scrollbars", f"--screenshot={shots / name}", source.as_uri()],
                       check=True, capture_output=True, timeout=60)
        assert (shots / name).stat().st_size > 5000

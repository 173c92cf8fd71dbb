"""The province dashboard (issue 18): facts kept fresh, the desk's definitions at the province, the DVCQG export's
deadline, staff sign-in, pages at any width. The desk-vs-province equality over real desks:
tests/e2e/test_indicators_equal.py."""

from __future__ import annotations

import asyncio
from datetime import date, datetime

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from contract.indicators import Counts, on_time_rate
from contract.periods import Period
from provincial.api import create_app
from provincial.dashboard_pages import trend_svg
from provincial.dvcqg import dong_bo_ho_so
from provincial.models import DossierFact
from provincial.routers.dashboard import COOKIE, chosen_period, session_value
from provincial.security import b64url
from provincial.service import Backend, DeskIdentity, open_backend
from provincial.services.indicator_facts import refresh
from provincial.services.indicators import ProvinceIndicators
from provincial.settings import Settings
from tests.e2e.test_provincial_server import RECORD

A, B = "000.00.53.H16", "000.00.54.H16"
TOKEN = "admin-token-for-tests"
NOVEMBER = Period.of("month", date(2026, 11, 1))
NOW = datetime(2026, 11, 30, 10, 0)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, admin_token=TOKEN)


@pytest.fixture
def backend(settings):
    backend = open_backend(settings)
    backend.enrollment.create_commune(A, "Xã Ea Kar", "UBND TỈNH ĐẮK LẮK")
    backend.enrollment.create_commune(B, "Xã Cư Huê", "UBND TỈNH ĐẮK LẮK")
    yield backend
    backend.close()


def _desk(backend: Backend, agency: str) -> DeskIdentity:
    key = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    desk, _secret, commune = backend.enroll(backend.issue_enrollment_code(agency)[0], "Quầy 1", b64url(key))
    return DeskIdentity(desk.id, desk.client_id, desk.commune_id, agency)


def _dossier(backend: Backend, desk: DeskIdentity, number: int, day: int, due_day: int, **record) -> str:
    code = f"{desk.agency_code}-2611{day:02d}-{number:04d}"
    body = {**RECORD, "received_at": f"2026-11-{day:02d}T09:00:00+07:00",
            "appointment_at": f"2026-11-{due_day:02d}T17:00:00+07:00", **record}
    backend.dossiers.upsert(desk, code, f"txn-up-{code}", body)
    return code


def _step(backend: Backend, desk: DeskIdentity, code: str, status: int, at: str, kind: str, **extra) -> None:
    backend.dossiers.record_step(desk, code, f"txn-{code}-{kind}-{status}-{at}", {
        "status": status, "at": at + "+07:00", "actor": "Lê Văn Tâm", "kind": kind, **extra})


def _month(backend: Backend) -> tuple[DeskIdentity, DeskIdentity, list[str]]:
    a, b = _desk(backend, A), _desk(backend, B)
    early = _dossier(backend, a, 1, 2, 6)
    _step(backend, a, early, 4, "2026-11-02T10:00:00", "handover")
    _step(backend, a, early, 9, "2026-11-04T10:00:00", "result")
    _step(backend, a, early, 10, "2026-11-05T10:00:00", "return")
    backend.dossiers.rate(a, early, "txn-rate-1", 1, "counter")
    late = _dossier(backend, a, 2, 3, 5, documents=[])
    _step(backend, a, late, 4, "2026-11-03T10:00:00", "handover")
    _step(backend, a, late, 4, "2026-11-05T16:00:00", "apology", appointment_at="2026-11-09T17:00:00+07:00")
    _step(backend, a, late, 9, "2026-11-06T10:00:00", "result")
    lawful = _dossier(backend, a, 3, 3, 5)
    _step(backend, a, lawful, 4, "2026-11-03T10:00:00", "handover")
    _step(backend, a, lawful, 4, "2026-11-05T16:00:00", "apology", appointment_at="2026-11-10T17:00:00+07:00",
          extension_basis="Luật Hộ tịch 2014, Điều 18")
    _step(backend, a, lawful, 9, "2026-11-10T11:00:00", "result")
    still_late = _dossier(backend, a, 4, 10, 12, owner_name="Trần Văn Bình")
    _step(backend, a, still_late, 4, "2026-11-10T10:00:00", "handover")
    supplement = _dossier(backend, a, 5, 11, 20)
    _step(backend, a, supplement, 5, "2026-11-12T09:00:00", "supplement", documents=["Tờ khai"])
    other = _dossier(backend, b, 1, 4, 9)
    _step(backend, b, other, 8, "2026-11-05T09:00:00", "stop", legal_basis="Điều 5")
    return a, b, [early, late, lawful, still_late, supplement, other]


def test_a_communes_figures_follow_the_desks_definitions(backend: Backend):
    a, b, (early, late, lawful, still_late, *_rest) = _month(backend)
    figures = ProvinceIndicators(backend.db, clock=lambda: NOW)
    c = figures.counts(NOVEMBER, a.commune_id)
    assert (c.received_counter, c.finished_early, c.finished_on_time, c.finished_late) == (5, 1, 1, 1)
    # The apology without basis leaves the dossier late; the lawful extension moves its deadline.
    assert (c.late_open, c.waiting_supplement, c.in_progress, c.supplement_requests) == (1, 1, 2, 1)
    assert (c.returned, c.rated_very_satisfied, c.digitized_dossiers, c.finished_with_result) == (1, 1, 4, 3)
    assert (c.open_at_end, c.open_late_at_end, c.carried_over) == (2, 1, 0)
    assert on_time_rate(c) == pytest.approx(3 / 5)
    whole = figures.counts(NOVEMBER)
    assert (whole.received, whole.stopped, whole.finished) == (6, 1, 4)
    by_commune = figures.counts_by(NOVEMBER, "commune")
    assert by_commune[a.commune_id] == c and by_commune[b.commune_id].stopped == 1
    assert figures.counts_by(NOVEMBER, "sector")["Chứng thực"].received == 6
    [listed] = figures.late_list(NOVEMBER, a.commune_id)
    assert (listed.code, listed.owner_masked, listed.days_late) == (still_late, "Trần V** B**", 18)


def test_lateness_is_judged_against_the_dvcqg_exports_deadline(backend: Backend):
    a, _b, codes = _month(backend)
    refresh(backend.db)
    for code in codes[:3]:
        dossier, events = backend.dossiers.steps(code)
        exported = dong_bo_ho_so(code, dossier.status, dossier.record, events)
        with backend.db.read() as s:
            fact = s.get(DossierFact, dossier.id)
        assert exported["NgayHenTra"] == fact.deadline_at.strftime("%Y%m%d%H%M%S")
        assert exported["NgayKetThucXuLy"] == fact.finished_at.strftime("%Y%m%d%H%M%S")


def test_a_later_step_makes_the_fact_stale_and_it_is_computed_again(backend: Backend):
    a, _b, codes = _month(backend)
    figures = ProvinceIndicators(backend.db, clock=lambda: NOW)
    assert figures.counts(NOVEMBER, a.commune_id).returned == 1
    assert refresh(backend.db) == 0  # nothing changed since
    _step(backend, a, codes[1], 10, "2026-11-20T10:00:00", "return")
    backend.dossiers.rate(a, codes[1], "txn-rate-2", 3, "counter")
    c = figures.counts(NOVEMBER, a.commune_id)
    assert (c.returned, c.rated_unsatisfied) == (2, 1)


def test_the_period_comes_from_the_query():
    today = date(2026, 11, 30)
    assert chosen_period("month", None, None, None, today) == Period.of("month", today)
    assert chosen_period("quarter", date(2026, 2, 3), None, None, today).label == "Quý 1/2026"
    assert chosen_period("custom", None, date(2026, 11, 9), date(2026, 11, 2), today) == Period.custom(
        date(2026, 11, 2), date(2026, 11, 9))
    assert chosen_period("nonsense", None, None, None, today).label == "Tháng 11/2026"


def _get(settings: Settings, backend: Backend, calls):
    app = create_app(settings, backend)

    async def run():
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://province") as c:
                return [await call(c) for call in calls]

    return asyncio.run(run())


def test_only_signed_in_staff_see_the_dashboard(settings, backend: Backend):
    _month(backend)
    anonymous, forged, wrong, signed, page, commune, unknown = _get(settings, backend, [
        lambda c: c.get("/bang-dieu-khien"),
        lambda c: c.get("/bang-dieu-khien", headers={"Cookie": f"{COOKIE}=9999999999.00"}),
        lambda c: c.post("/bang-dieu-khien/dang-nhap", content="ma=wrong",
                         headers={"Content-Type": "application/x-www-form-urlencoded"}),
        lambda c: c.post("/bang-dieu-khien/dang-nhap", content=f"ma={TOKEN}",
                         headers={"Content-Type": "application/x-www-form-urlencoded"}),
        lambda c: c.get("/bang-dieu-khien?ky=month&ngay=2026-11-01"),
        lambda c: c.get(f"/bang-dieu-khien/xa/{A}?ky=month&ngay=2026-11-01"),
        lambda c: c.get("/bang-dieu-khien/xa/000.00.99.H16", headers={"Authorization": f"Bearer {TOKEN}"}),
    ])
    assert anonymous.status_code == 303 and anonymous.headers["location"] == "/bang-dieu-khien/dang-nhap"
    assert forged.status_code == 303 and wrong.status_code == 401
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/bang-dieu-khien" in cookie
    assert page.status_code == 200 and "Xếp hạng xã" in page.text and "Xã Ea Kar" in page.text
    assert "<script" not in page.text and "style-src 'sha256-" in page.headers["content-security-policy"]
    assert commune.status_code == 200 and "Trần V** B**" in commune.text and "Trần Văn Bình" not in commune.text
    assert unknown.status_code == 404


def test_a_changed_admin_token_ends_every_session(settings, backend: Backend):
    cookie = session_value(settings)
    other = Settings(data_dir=settings.data_dir, admin_token="another-token")
    [page] = _get(other, backend, [lambda c: c.get("/bang-dieu-khien", headers={"Cookie": f"{COOKIE}={cookie}"})])
    assert page.status_code == 303


def test_the_trend_is_labelled_for_grey_printing():
    svg = trend_svg([(Period.of("month", date(2026, m, 1)), Counts(received_counter=m)) for m in range(1, 13)])
    assert svg.count("<rect") >= 24 and "url(#hatch)" in svg and ">12<" in svg and "12/26" in svg


def test_the_facts_can_be_computed_once_from_the_command_line(settings, backend: Backend):
    """After an upgrade, `python -m provincial refresh-indicators` computes the dashboard's facts so that the first
    page does not; a second run has nothing left to do."""
    import json
    import subprocess
    import sys

    _month(backend)
    backend.close()

    def run() -> dict:
        done = subprocess.run([sys.executable, "-m", "provincial", "--data-dir", str(settings.data_dir),
                               "refresh-indicators"], capture_output=True, text=True, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])

    assert run()["facts_written"] > 0
    assert run()["facts_written"] == 0  # every fact is fresh

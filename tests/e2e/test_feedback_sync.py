"""Citizens' feedback through sync, against the real provincial server on loopback: a counter's feedback reaches
the province, is answered there and the answer comes back to the desk and onto the public page; feedback sent on
the tracking site reaches its commune's desk, whose answer goes back up."""

from __future__ import annotations

import re
import time

import httpx
import pytest

from desk.domain.feedback import Channel, FeedbackDraft
from desk.services.feedback import FeedbackService
from desk.sync import feedback_sync
from tests.conftest import ADMIN, CLERK, make_desk
from tests.e2e.test_provincial_server import A, B, two_communes

TEXT = "Cán bộ hướng dẫn chưa rõ, tôi phải đi lại ba lần để bổ sung giấy tờ."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    process = two_communes(tmp_path_factory.mktemp("province"))
    yield process
    process.stop()


@pytest.fixture
def desk(tmp_path, clock, server):
    services = make_desk(tmp_path / "desk", clock)
    with server.admin() as admin:
        code = admin.post(f"/api/v1/admin/communes/{A}/enrollment-codes").json()["code"]
    services.sync.enroll(server.base_url, code, "Quầy 1", actor=ADMIN)
    services.sync.audit = None
    yield services
    services.db.dispose()


def round_trip(desk) -> int:
    """A round (push the outbox), then a pull of feedback, which the round itself does once desk/sync/engine.py
    calls feedback_sync: the feedback changed on the desk either way."""
    engine = desk.sync.engine()
    try:
        report = engine.run_once()
        assert report.ok, report
        return report.pulled + feedback_sync.pull_feedback(desk.db, engine.client)
    finally:
        engine.client.close()


def test_counter_feedback_answered_at_the_province_comes_back(desk, server):
    service = FeedbackService.of(desk)
    code = service.record(FeedbackDraft("procedure", TEXT, citizen_name="H Hen Niê", phone="0912345678"),
                          Channel.COUNTER, CLERK).code
    round_trip(desk)
    with server.admin() as admin:
        [item] = admin.get("/api/v1/admin/feedback", params={"commune": A}).json()
        assert (item["code"], item["channel"], item["phone"]) == (code, "counter", "0912345678")
        assert admin.get("/api/v1/admin/feedback", params={"commune": B}).json() == []
        admin.post(f"/api/v1/admin/feedback/{code}/answer",
                   json={"answer": "Sở đã yêu cầu xã hướng dẫn một lần, đầy đủ bằng phiếu.",
                         "answered_by": "Sở Nội vụ"}).raise_for_status()
    assert round_trip(desk) == 1
    view = service.get(code)
    assert view.status_label == "Đã trả lời" and view.answer.startswith("Sở đã yêu cầu xã")
    assert view.answered_by == "Sở Nội vụ" and view.phone == "0912345678"  # the desk keeps the contact
    assert round_trip(desk) == 0  # nothing new
    page = httpx.get(f"{server.base_url}/phan-anh/{code}").text
    assert "Sở đã yêu cầu xã" in page and "H H** N**" in page
    assert "0912345678" not in page and "H Hen Niê" not in page and "ba lần" not in page


def test_web_feedback_reaches_the_commune_desk_whose_answer_goes_up(desk, server):
    form = httpx.get(f"{server.base_url}/phan-anh").text
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    time.sleep(5.2)
    sent = httpx.post(f"{server.base_url}/phan-anh", data={
        "form_token": token, "website": "", "commune": A, "dossier_code": "", "category": "attitude",
        "text": "Cán bộ trả lời điện thoại thiếu lịch sự.", "citizen_name": "", "phone": "", "email": "k@example.vn"})
    web_code = sent.headers["location"].split("/")[-1].split("?")[0]
    assert round_trip(desk) >= 1
    service = FeedbackService.of(desk)
    [pulled] = [v for v in service.listing("open") if v.code == web_code]
    assert pulled.channel_label == "Trang tra cứu" and pulled.email == "k@example.vn"
    service.answer(web_code, "Trung tâm đã nhắc nhở cán bộ và xin lỗi ông/bà.", actor=ADMIN)
    round_trip(desk)
    view = httpx.get(f"{server.base_url}/api/v1/feedback/{web_code}").json()
    assert view["status"] == "answered" and view["answer"] == "Trung tâm đã nhắc nhở cán bộ và xin lỗi ông/bà."

"""A dossier's life after intake, through the service layer the UI calls (DOMAIN.md §2, §3, §5, §8)."""

from datetime import date, datetime, timedelta
from itertools import product

import pytest
from sqlalchemy import select

from desk.domain.errors import DomainError
from desk.domain.lifecycle import Collector, Timeliness, parse_receipt_scan, timeliness
from desk.domain.status import ALLOWED_TRANSITIONS, DossierStatus, check_transition
from desk.store.models import AuditRow, DossierRow, DossierStepRow, OutboxRow
from desk.sync.engine import SyncEngine
from tests.conftest import CLERK
from tests.support.pdf import pdf_page_size_mm, pdf_text
from tests.support.workers import sample_request

S = DossierStatus
OWNER_ID = "066195012345"


def receive(desk, procedure_code="1.004873"):
    from dataclasses import replace

    request, version = sample_request(desk, procedure_code=procedure_code)
    request = replace(request, extra_values={"purpose": "Đăng ký kết hôn"})
    return desk.intake.receive(request, procedure_version=version, actor=CLERK).code


def outbox(desk, code):
    with desk.db.read() as session:
        return [(r.kind, r.payload) for r in session.scalars(select(OutboxRow).where(OutboxRow.dossier_code == code)
                                                             .order_by(OutboxRow.id))]


def audit_actions(desk, code):
    with desk.db.read() as session:
        return [a.action for a in session.scalars(select(AuditRow).where(AuditRow.entity_id == code)
                                                  .order_by(AuditRow.id))]


def test_every_impossible_transition_is_refused_with_a_message():
    for current, target in product(DossierStatus, DossierStatus):
        if target in ALLOWED_TRANSITIONS[current]:
            check_transition(current, target)
        else:
            with pytest.raises(DomainError, match="Không thể chuyển hồ sơ"):
                check_transition(current, target)


def test_services_refuse_actions_the_status_does_not_allow(desk):
    code = receive(desk)
    life = desk.lifecycle
    refused = [lambda: life.return_result(code, Collector("Nguyễn Thị Hoa", OWNER_ID, True), actor=CLERK),
               lambda: life.record_supplement(code, ["Tờ khai"], actor=CLERK),
               lambda: life.accept_online(code, actor=CLERK),
               lambda: life.rate(code, 1)]
    for action in refused:
        with pytest.raises(DomainError):
            action()
    life.withdraw(code, "Công dân xin rút để bổ sung sau", actor=CLERK)
    for action in (lambda: life.send_to_handler(code, "Công chức Tư pháp - Hộ tịch", actor=CLERK),
                   lambda: life.refuse(code, "Không đủ điều kiện", actor=CLERK),
                   lambda: life.apologize(code, datetime(2026, 12, 1, 9), "Chờ xác minh", actor=CLERK)):
        with pytest.raises(DomainError):
            action()
    assert desk.dossiers.get(code).summary.status is S.WITHDRAWN
    assert audit_actions(desk, code) == ["dossier.receive", "dossier.withdraw"]


def test_counter_dossier_handled_returned_and_rated(desk, clock):
    code = receive(desk)  # 3 working days: Mon 23/11 09:15 → Thu 26/11
    life = desk.lifecycle
    clock.now = datetime(2026, 11, 23, 10, 0)
    life.send_to_handler(code, "Công chức Tư pháp - Hộ tịch", actor=CLERK)
    clock.now = datetime(2026, 11, 25, 15, 0)
    life.result_ready(code, actor=CLERK)
    with pytest.raises(DomainError, match="không khớp"):
        life.return_result(code, Collector("Nguyễn Thị Hoa", "066195012346", True), actor=CLERK)
    with pytest.raises(DomainError, match="giấy ủy quyền"):
        life.return_result(code, Collector("Trần Văn Bình", "066090001234", False), actor=CLERK)
    clock.now = datetime(2026, 11, 26, 8, 30)
    result = life.return_result(code, Collector("Trần Văn Bình", "066090001234", False,
                                                "Giấy ủy quyền số 12/UQ ngày 24/11/2026"), fee_collected=8_000,
                                actor=CLERK)
    assert result.status is S.RETURNED
    text = pdf_text(result.pdf_path.read_bytes())
    for expected in ("PHIẾU BÀN GIAO KẾT QUẢ", "Trần Văn Bình", "người được ủy quyền", "066090001234",
                     "08 giờ 30 phút, ngày 26/11/2026", "8.000 đ", code):
        assert expected in text
    life.rate(code, 1, "kiosk")
    detail = desk.dossiers.get(code)
    assert detail.rating == 1 and detail.returned_at == datetime(2026, 11, 26, 8, 30)
    assert [s.kind for s in detail.steps] == ["receive", "handover", "result_ready", "return"]
    assert [k for k, _ in outbox(desk, code)] == ["dossier.upsert", "dossier.event", "dossier.event",
                                                  "dossier.event", "dossier.rating"]
    assert [p.get("status") for _, p in outbox(desk, code)][1:4] == [4, 9, 10]
    assert audit_actions(desk, code)[-1] == "dossier.rating"
    control = pdf_text(life.render_form(code, "control").read_bytes())
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in control
    flat = " ".join(control.split())
    # Two real hand-overs (to the handler, back with the result), both before the deadline; intake and the
    # return to the citizen are not hand-overs between units.
    assert flat.count("1. Giao:") == 2 and flat.count("Trước hạn") == 2 and "Quá hạn" not in flat.replace(
        "Quá hạn)", "")
    assert "Người giao" in flat and "Người nhận" in flat


def test_supplement_stops_the_clock_and_a_new_appointment_follows_the_papers(desk, clock):
    code = receive(desk)
    life = desk.lifecycle
    with pytest.raises(DomainError, match="lý do"):
        life.request_supplement(code, ["Giấy chứng tử của vợ"], "", actor=CLERK)
    clock.now = datetime(2026, 11, 23, 14, 0)
    result = life.request_supplement(code, ["Giấy chứng tử của vợ", "Tờ khai (ký lại)"],
                                      "Tờ khai chưa ký; thiếu giấy chứng tử", actor=CLERK)
    assert result.status is S.SUPPLEMENT_REQUESTED
    text = pdf_text(result.pdf_path.read_bytes())
    for expected in ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Giấy chứng tử của vợ", "Tờ khai (ký lại)",
                     "Tờ khai chưa ký", "NGƯỜI HƯỚNG DẪN", "Mẫu số 02"):
        assert expected in text
    assert desk.dossiers.get(code).to_bring == ("Giấy chứng tử của vợ", "Tờ khai (ký lại)")
    clock.now = datetime(2026, 12, 1, 9, 0)  # long after the first appointment: not late, the clock stopped
    assert code not in [d.code for d in desk.dossiers.search(overdue=True)]
    result = life.record_supplement(code, ["Giấy chứng tử của vợ", "Tờ khai (ký lại)"], actor=CLERK)
    assert result.status is S.RECEIVED
    assert result.appointment_at == datetime(2026, 12, 4, 9, 0)  # 3 working days from the supplement
    receipt = pdf_text(result.pdf_path.read_bytes())
    assert "09 giờ 00 phút, ngày 04/12/2026" in receipt and "Giấy chứng tử của vợ" in receipt
    assert outbox(desk, code)[-1] == ("dossier.event", {
        "status": 2, "at": "2026-12-01T09:00:00+07:00", "actor": "Lê Văn Tâm",
        "unit": "Trung tâm Phục vụ hành chính công xã Ea Kar", "note": "Đã nhận giấy tờ bổ sung",
        "kind": "supplement_received", "appointment_at": "2026-12-04T09:00:00+07:00"})
    row = desk.dossiers.get(code)
    assert row.summary.appointment_at == datetime(2026, 12, 4, 9, 0)  # the re-issued receipt's promise


def test_refusal_needs_a_reason_and_prints_the_form(desk, clock):
    code = receive(desk)
    desk.lifecycle.request_supplement(code, ["Tờ khai"], "Tờ khai sai mẫu", actor=CLERK)
    with pytest.raises(DomainError, match="lý do từ chối"):
        desk.lifecycle.refuse(code, " ", actor=CLERK)
    result = desk.lifecycle.refuse(code, "Công dân không bổ sung được giấy tờ chứng minh", actor=CLERK)
    assert result.status is S.REFUSED
    text = pdf_text(result.pdf_path.read_bytes())
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "không bổ sung được giấy tờ chứng minh" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert pdf_page_size_mm(result.pdf_path.read_bytes()) == pytest.approx((148, 210), abs=1)


def test_late_dossier_gets_an_apology_with_a_new_date_and_the_old_one_is_kept(desk, clock):
    code = receive(desk)
    first = desk.dossiers.get(code).summary.appointment_at
    clock.now = first + timedelta(hours=20)
    assert [d.code for d in desk.dossiers.search(overdue=True)] == [code]
    suggested = desk.lifecycle.suggest_new_appointment(code)
    assert suggested > clock.now
    with pytest.raises(DomainError, match="sau thời điểm hiện tại"):
        desk.lifecycle.apologize(code, clock.now - timedelta(hours=1), "Chờ xác minh thông tin", actor=CLERK)
    result = desk.lifecycle.apologize(code, suggested, "Phải xác minh thông tin tại nơi cư trú trước đây", actor=CLERK)
    text = " ".join(pdf_text(result.pdf_path.read_bytes()).split())
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "Số: 01/XL-TTPVHCC" in text and "Nơi nhận:" in text and "GIÁM ĐỐC" in text and "THỦ TRƯỞNG" not in text
    assert f"{first:%H} giờ {first:%M} phút, ngày {first:%d/%m/%Y}" in text
    assert f"ngày {suggested:%d/%m/%Y}" in text and "xác minh thông tin" in text
    assert desk.dossiers.get(code).summary.appointment_at == suggested
    # An apology alone is no lawful extension: the dossier stays late against the receipt's promise.
    assert [d.code for d in desk.dossiers.search(overdue=True)] == [code]
    step = desk.dossiers.get(code).steps[-1]
    assert step.kind == "apology" and step.details["old_appointment"] == first.isoformat()
    assert outbox(desk, code)[-1][1]["appointment_at"] == suggested.isoformat() + "+07:00"


def test_online_dossier_accepted_gets_a_receipt_and_tells_the_province(desk, clock):
    engine = SyncEngine(desk.db, client=None, catalog=desk.catalog)
    code = "000.00.53.H16-261123-9999"
    with desk.db.write() as session:
        engine.apply_online(session, {"code": code, "record": {
            "procedure_code": "2.000884", "procedure_name": "Chứng thực chữ ký", "owner_name": "Phạm Minh Khoa",
            "received_at": "2026-11-22T20:00:00+07:00", "identities": [{"kind": 1, "number": "066095001122"}],
            "phone": "0905111222", "documents": [{"name": "Giấy tờ cần ký"}]}})
    assert [d.code for d in desk.dossiers.search(statuses=[1])] == [code]
    result = desk.lifecycle.accept_online(code, actor=CLERK)
    assert result.status is S.RECEIVED and result.appointment_at == datetime(2026, 11, 23, 17, 0)
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in pdf_text(result.pdf_path.read_bytes())
    assert outbox(desk, code) == [("inbox.accept", {"clerk": "Lê Văn Tâm",
                                                    "appointment_at": "2026-11-23T17:00:00+07:00"})]
    with pytest.raises(DomainError):
        desk.lifecycle.accept_online(code, actor=CLERK)


def test_receipt_scans_from_another_agency_or_with_a_bad_signature_are_refused(desk):
    code = receive(desk)
    assert desk.lifecycle.resolve_scan(code) == code
    assert desk.lifecycle.resolve_scan(f"https://dichvucong.daklak.gov.vn/tra-cuu/{code}") == code
    with pytest.raises(DomainError, match="cơ quan khác"):
        desk.lifecycle.resolve_scan("https://dichvucong.daklak.gov.vn/tra-cuu/000.00.54.H16-261123-0001?sig=abc")
    with pytest.raises(DomainError, match="chữ ký không hợp lệ"):
        desk.lifecycle.resolve_scan(f"https://dichvucong.daklak.gov.vn/tra-cuu/{code}?sig=" + "A" * 86)
    with pytest.raises(DomainError, match="Không tìm thấy"):
        desk.lifecycle.resolve_scan("000.00.53.H16-261123-0042")
    with pytest.raises(DomainError):
        parse_receipt_scan("https://example.com/khac/123")


def test_signed_receipts_verify_after_an_apology_moved_the_appointment(desk, clock):
    from desk.sync.credentials import Credentials

    desk.settings_store.update(sync_account="desk-test")
    Credentials("desk-test").create_signing_key()
    code = receive(desk)
    url = desk.receipts.receipt_data(*_row_and_agency(desk, code)).tracking_url
    assert "sig=" in url and desk.lifecycle.resolve_scan(url) == code
    clock.now = datetime(2026, 12, 2, 9, 0)
    desk.lifecycle.apologize(code, datetime(2026, 12, 4, 16, 0), "Chờ ý kiến cơ quan cấp trên", actor=CLERK)
    assert desk.lifecycle.resolve_scan(url) == code  # the citizen's first receipt is still genuine
    with pytest.raises(DomainError, match="chữ ký không hợp lệ"):
        desk.lifecycle.resolve_scan(url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB"))


def _row_and_agency(desk, code):
    with desk.db.read() as session:
        row = session.scalar(select(DossierRow).where(DossierRow.code == code))
        session.expunge(row)
    return row, desk.agency.get()


def test_ledger_prints_a_date_range_on_a4_landscape(desk, clock):
    codes = [receive(desk) for _ in range(3)]
    desk.lifecycle.send_to_handler(codes[0], "Công chức Tư pháp - Hộ tịch", actor=CLERK)
    path = desk.lifecycle.render_ledger(date(2026, 11, 23), date(2026, 11, 23))
    pdf = path.read_bytes()
    assert pdf_page_size_mm(pdf) == pytest.approx((297, 210), abs=1)
    text = pdf_text(pdf)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Mẫu số 07" in text
    assert all(code in text for code in codes) and "Công chức Tư" in text
    with pytest.raises(DomainError):
        desk.lifecycle.render_ledger(date(2026, 11, 24), date(2026, 11, 23))


def test_step_timeliness():
    due = datetime(2026, 11, 26, 17, 0)
    assert timeliness(datetime(2026, 11, 25, 9), due) is Timeliness.EARLY
    assert timeliness(datetime(2026, 11, 26, 16), due) is Timeliness.ON_TIME
    assert timeliness(datetime(2026, 11, 26, 17, 1), due) is Timeliness.LATE
    assert timeliness(datetime(2026, 11, 26, 17, 1), None) is None


def test_steps_are_stored_for_the_control_sheet(desk):
    code = receive(desk)
    with desk.db.read() as session:
        step = session.scalar(select(DossierStepRow).where(DossierStepRow.dossier_code == code))
        assert (step.kind, step.to_status, step.actor) == ("receive", 2, "Lê Văn Tâm")

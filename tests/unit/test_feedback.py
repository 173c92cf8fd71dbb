"""Citizens' feedback at the desk: what a citizen may say, the code and due date it gets, who records and answers
it, what reaches the province, and the dashboard's counts (docs/ARCHITECTURE.md, "Citizens' feedback")."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from contract.feedback import due_on_weekdays, is_feedback_code
from desk.domain.calendar import WorkingCalendar
from desk.domain.errors import DomainError, Problems
from desk.domain.feedback import Channel, FeedbackDraft, answer_due, format_feedback_code
from desk.services.feedback import FeedbackService
from desk.store.models import AuditRow, FeedbackRow, OutboxRow
from tests.conftest import ADMIN, CLERK, SUPERVISOR
from tests.support.pdf import pdf_text

TEXT = "Tôi chờ hơn một giờ mà chưa được tiếp nhận hồ sơ."


def test_a_draft_is_cleaned_and_every_problem_named_at_once():
    clean = FeedbackDraft("time", f"  {TEXT}  ", " 000.00.53.h16-261123-0001 ", "  Hoa ", "0912 345 678",
                          "hoa@example.vn").validated()
    assert (clean.text, clean.dossier_code, clean.citizen_name, clean.phone) == (
        TEXT, "000.00.53.H16-261123-0001", "Hoa", "0912345678")
    with pytest.raises(Problems) as problems:
        FeedbackDraft("nope", "ngắn", "12345", phone="12", email="không@").validated()
    assert [p.field for p in problems.value.problems] == ["category", "text", "dossier_code", "phone", "email"]
    assert "ít nhất 10 ký tự" in str(problems.value.problems[1])
    with pytest.raises(Problems, match="tối đa 2000"):
        FeedbackDraft("other", "x" * 2001).validated()


def test_codes_and_due_dates():
    assert format_feedback_code("000.00.53.H16", date(2026, 11, 23), 7) == "000.00.53.H16-PA-261123-0007"
    assert is_feedback_code("000.00.53.H16-PA-261123-0007") and is_feedback_code("PA-261123-0001")
    assert not is_feedback_code("000.00.53.H16-261123-0007")
    # 10 working days from Monday 23/11/2026 09:15: Monday 7/12 09:15 (two weekends skipped).
    assert answer_due(WorkingCalendar(), datetime(2026, 11, 23, 9, 15)) == datetime(2026, 12, 7, 9, 15)
    # Around Tết 2027 (5–10/2 off by the default rule) the desk's calendar counts the holiday; the province
    # counts weekdays only.
    assert answer_due(WorkingCalendar(), datetime(2027, 2, 1, 9, 0)) > due_on_weekdays(datetime(2027, 2, 1, 9, 0))
    assert due_on_weekdays(datetime(2026, 11, 28, 10, 0)) == datetime(2026, 12, 14, 7, 30)  # Saturday: from Monday


def test_the_counter_records_audits_and_queues_in_one_go(desk):
    service = FeedbackService.of(desk)
    view = service.record(FeedbackDraft("attitude", TEXT, citizen_name="Nguyễn Thị Hoa", phone="0912345678"),
                          Channel.COUNTER, CLERK)
    second = service.record(FeedbackDraft("time", TEXT), Channel.KIOSK, None)
    assert view.code == "000.00.53.H16-PA-261123-0001" and second.code == "000.00.53.H16-PA-261123-0002"
    assert view.due_at == datetime(2026, 12, 7, 9, 15) and view.recorded_by == "Lê Văn Tâm"
    with desk.db.read() as session:
        audits = list(session.scalars(select(AuditRow).where(AuditRow.entity == "feedback")))
        queued = list(session.scalars(select(OutboxRow).where(OutboxRow.kind == "feedback.record")))
    assert [(a.action, a.entity_id, a.actor) for a in audits] == [
        ("feedback.record", view.code, CLERK.audit_name), ("feedback.record", second.code, "kiosk")]
    assert [q.dossier_code for q in queued] == [view.code, second.code]
    assert queued[0].payload["received_at"] == "2026-11-23T09:15:00+07:00" and queued[0].payload["channel"] == "counter"
    assert "Nguyễn Thị Hoa" not in str(audits[0].details)  # the log names the feedback, not the citizen


def test_only_admins_and_supervisors_answer(desk, clock):
    service = FeedbackService.of(desk)
    code = service.record(FeedbackDraft("fees", TEXT), Channel.COUNTER, CLERK).code
    with pytest.raises(DomainError, match="Chỉ quản trị viên"):
        service.answer(code, "Đã giải thích lại cho công dân.", actor=CLERK)
    with pytest.raises(DomainError, match="ít nhất 10"):
        service.answer(code, "ok", actor=ADMIN)
    clock.now = datetime(2026, 12, 8, 8, 0)  # after the due date
    answered = service.answer(code, "Trung tâm đã niêm yết lại mức phí.", actor=SUPERVISOR)
    assert answered.status_label == "Đã trả lời" and answered.overdue(clock.now)
    with desk.db.read() as session:
        sent = session.scalar(select(OutboxRow).where(OutboxRow.kind == "feedback.answer"))
        audit = session.scalar(select(AuditRow).where(AuditRow.action == "feedback.answer"))
    assert sent.payload == {"answer": "Trung tâm đã niêm yết lại mức phí.", "answered_at": "2026-12-08T08:00:00+07:00",
                            "answered_by": "Lê Văn Tâm"}
    assert audit.details == {"late": True}
    assert [v.code for v in service.listing("open")] == [] and [v.code for v in service.listing("answered")] == [code]


def test_a_clerk_may_not_record_as_counter_without_serving_it(desk):
    with pytest.raises(DomainError, match="cán bộ tại quầy"):
        FeedbackService.of(desk).record(FeedbackDraft("time", TEXT), Channel.COUNTER, ADMIN)


def test_counts_for_the_dashboard(desk, clock):
    service = FeedbackService.of(desk)
    on_time = service.record(FeedbackDraft("time", TEXT), Channel.COUNTER, CLERK).code
    late = service.record(FeedbackDraft("fees", TEXT), Channel.COUNTER, CLERK).code
    service.record(FeedbackDraft("other", TEXT), Channel.KIOSK, None)
    clock.now = datetime(2026, 11, 25, 10, 0)
    service.answer(on_time, "Đã trả lời đúng hạn cho công dân.", actor=ADMIN)
    clock.now = datetime(2026, 12, 9, 10, 0)
    service.answer(late, "Đã trả lời muộn cho công dân.", actor=ADMIN)
    clock.now = datetime(2027, 1, 5, 9, 0)
    assert service.counts(date(2026, 11, 1), date(2026, 11, 30)) == {
        "received": 3, "answered": 1, "answered_on_time": 1, "open_overdue": 0}
    assert service.counts(date(2026, 12, 1), date(2026, 12, 31)) == {
        "received": 0, "answered": 1, "answered_on_time": 0, "open_overdue": 1}


def test_the_slip_names_code_due_date_and_signatures(desk):
    service = FeedbackService.of(desk)
    code = service.record(FeedbackDraft("facilities", TEXT, "000.00.53.H16-261123-0001", "Y Sơn Niê"),
                          Channel.COUNTER, CLERK).code
    text = pdf_text(service.print_slip(code).read_bytes())
    for words in ("PHIẾU GHI NHẬN PHẢN ÁNH, KIẾN NGHỊ", code, "Cơ sở vật chất", "000.00.53.H16-261123-0001",
                  "09 giờ 15 phút, ngày 07/12/2026", "NGƯỜI PHẢN ÁNH", "Y Sơn Niê",
                  "https://dichvucong.daklak.gov.vn/phan-anh/" + code):
        assert words in " ".join(text.split()), words


def test_the_feedback_table_is_new_and_leaves_the_rest_alone(desk):
    with desk.db.read() as session:
        assert session.scalar(select(FeedbackRow).limit(1)) is None

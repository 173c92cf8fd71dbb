"""The everyday edges of a counter through the services (issue 14): every problem of a form at once,
fees nobody configured, a form saved twice, guidance and refusal before any dossier code, receipts
printed before the desk was enrolled, and the check code a citizen can type."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from desk.domain.dates import parse_typed_date
from desk.domain.errors import DomainError
from desk.domain.intake import IntakeProblems, OutcomeKind, OutcomeRequest, Person, validate_intake
from desk.domain.receipt_check import check_code
from desk.store.models import AuditRow, DossierRow, IntakeOutcomeRow, OutboxRow
from tests.conftest import CLERK
from tests.support.pdf import decode_codes, pdf_text, rasterise
from tests.support.workers import sample_request


def test_every_problem_of_the_form_is_reported_at_once_with_its_field(desk):
    request, _ = sample_request(desk, procedure_code="1.004873")
    bad = replace(request, owner=Person(full_name="", id_number="06619501234", birth_date=date(2030, 1, 1)),
                  phone="12345", email="khong-phai-email", received_documents=(False,) * 2, fee_collected=None)
    with pytest.raises(IntakeProblems) as caught:
        validate_intake(bad)
    fields = [problem.field for problem in caught.value.problems]
    assert fields == ["full_name", "id_number", "birth_date", "phone", "email", "documents", "purpose", "fee"]
    assert "và 7 lỗi khác" in str(caught.value)


def test_over_long_input_is_refused_with_its_length_never_cut(desk):
    request, _ = sample_request(desk)
    long_name = "Nguyễn " * 30
    with pytest.raises(IntakeProblems, match=r"quá dài \(tối đa 120 ký tự, đang có 209\)") as caught:
        validate_intake(replace(request, owner=replace(request.owner, full_name=long_name)))
    assert caught.value.problems[0].field == "full_name"


@pytest.mark.parametrize("typed", ["05/03/1990", "5/3/1990", "05031990", "05.03.1990", "5-3-1990", " 05 03 1990 "])
def test_dates_are_read_as_clerks_type_them(typed):
    assert parse_typed_date(typed, "Ngày sinh", "birth_date") == date(1990, 3, 5)


@pytest.mark.parametrize("typed", ["31/02/1990", "0503199", "05/03/90", "ngày 5", "٠٥٠٣١٩٩٠"])
def test_impossible_dates_name_the_field(typed):
    with pytest.raises(DomainError, match="phải là ngày có thật") as caught:
        parse_typed_date(typed, "Ngày sinh", "birth_date")
    assert caught.value.field == "birth_date"


def test_an_unconfigured_fee_is_typed_by_the_clerk_and_never_printed_as_unconfigured(desk):
    request, version = sample_request(desk, procedure_code="1.004873")  # fee set by the province: unset here
    request = replace(request, extra_values={"purpose": "Đăng ký kết hôn"})
    with pytest.raises(IntakeProblems, match="chưa được cấu hình") as caught:
        desk.intake.receive(replace(request, fee_collected=None), procedure_version=version, actor=CLERK)
    assert caught.value.field == "fee"
    collected = desk.intake.receive(replace(request, fee_collected=25_000), procedure_version=version, actor=CLERK)
    free = desk.intake.receive(replace(request, fee_collected=0), procedure_version=version, actor=CLERK)
    assert collected.fee == 25_000
    paid_text, free_text = (pdf_text(r.receipt_path.read_bytes()) for r in (collected, free))
    assert "7. Phí, lệ phí: 25.000 đ" in paid_text and "7. Phí, lệ phí: Không thu" in free_text
    assert "chưa cấu hình" not in paid_text + free_text


def test_the_same_form_saved_twice_is_one_dossier(desk):
    request, version = sample_request(desk)
    key = str(uuid.uuid4())
    first = desk.intake.receive(request, procedure_version=version, intake_key=key, actor=CLERK)
    again = desk.intake.receive(request, procedure_version=version, intake_key=key, actor=CLERK)
    assert again.code == first.code and again.already_saved and not first.already_saved
    assert again.receipt_path == first.receipt_path and again.receipt_path.exists()
    assert desk.dossiers.count() == 1
    assert desk.intake.saved_form(key) == first.code
    assert desk.intake.saved_form(str(uuid.uuid4())) is None


def _outcome(desk, kind: OutcomeKind, *, documents=(), reason="", key=None):
    request, version = sample_request(desk, procedure_code="1.004873")
    owner = Person(full_name="Trần Văn Bình", id_number="", address="Khu phố 2, Phường Tuy Hòa")
    outcome = OutcomeRequest(kind, owner, request.procedure, tuple(documents), reason, phone="0905 111 222")
    return desk.intake.record_outcome(outcome, procedure_version=version, intake_key=key or str(uuid.uuid4()),
                                      actor=CLERK)


def test_guidance_at_the_counter_prints_form_02_without_a_dossier_code_and_reaches_the_outbox(desk):
    missing = ["Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "Bản sao giấy tờ chứng minh đã ly hôn"]
    key = str(uuid.uuid4())
    given = _outcome(desk, OutcomeKind.GUIDANCE, documents=missing, reason="Tờ khai chưa ký", key=key)
    assert given.reference == "000.00.53.H16-261123-B0001"
    text = pdf_text(given.pdf_path.read_bytes())
    for expected in ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mẫu số 02", "Trần Văn Bình", "0905111222",
                     "Cấp giấy xác nhận tình trạng hôn", "Số phiếu: 000.00.53.H16-261123-B0001",
                     "Tờ khai chưa ký", "NGƯỜI HƯỚNG DẪN", "Lê Văn Tâm", "đã ly hôn"):
        assert expected in text, expected
    assert "Mã hồ sơ" not in text
    assert desk.dossiers.count() == 0  # no receipt, no dossier
    again = _outcome(desk, OutcomeKind.GUIDANCE, documents=missing, key=key)
    assert again.reference == given.reference and again.already_saved
    with desk.db.read() as session:
        assert session.scalar(select(AuditRow.action).where(AuditRow.entity_id == given.reference)) == \
            "intake.guidance"
        outbox = session.scalar(select(OutboxRow).where(OutboxRow.dossier_code == given.reference))
        assert outbox.kind == "intake.outcome" and outbox.payload["documents"] == missing
        assert outbox.payload["phone"] == "0905111222" and outbox.payload["at"] == "2026-11-23T09:15:00+07:00"
    assert desk.intake.saved_form(key) == given.reference


def test_refusal_at_the_counter_needs_a_reason_and_prints_form_03(desk):
    with pytest.raises(IntakeProblems, match="lý do từ chối") as caught:
        _outcome(desk, OutcomeKind.REFUSAL, reason="")
    assert caught.value.field == "reason"
    refused = _outcome(desk, OutcomeKind.REFUSAL, reason="Thủ tục không thuộc thẩm quyền của xã")
    assert refused.reference.endswith("-T0001")
    text = pdf_text(refused.pdf_path.read_bytes())
    for expected in ("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Mẫu số 03", "không thuộc thẩm quyền của xã",
                     "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Văn Bình"):
        assert expected in text, expected
    assert desk.intake.counts(date(2026, 11, 23), date(2026, 11, 23)) == {"received": 0, "guidance": 0,
                                                                          "refusal": 1}


def test_guidance_needs_the_papers_that_are_missing(desk):
    with pytest.raises(IntakeProblems, match="ít nhất một giấy tờ") as caught:
        _outcome(desk, OutcomeKind.GUIDANCE)
    assert caught.value.field == "documents"
    with desk.db.read() as session:
        assert session.scalar(select(IntakeOutcomeRow)) is None


def _enroll_locally(desk):
    """What enrollment leaves behind on the desk: an account and a signing key in the keyring."""
    from desk.sync.credentials import Credentials

    desk.settings_store.update(sync_account="desk-test")
    Credentials("desk-test").create_signing_key()


def _receipt_url(desk, code):
    with desk.db.read() as session:
        row = session.scalar(select(DossierRow).where(DossierRow.code == code))
        session.expunge(row)
    return desk.receipts.receipt_data(row, desk.agency.get()).tracking_url, row


def test_receipts_printed_before_enrollment_stay_genuine_after_it(desk):
    request, version = sample_request(desk)
    before = desk.intake.receive(request, procedure_version=version, actor=CLERK)
    old_url, row = _receipt_url(desk, before.code)
    assert "sig=" not in old_url and row.receipt_unsigned and row.receipt_seal == ""
    assert "Mã kiểm tra" not in pdf_text(before.receipt_path.read_bytes())

    _enroll_locally(desk)
    assert desk.receipts.seal_unsealed() == 1  # what enrollment does: the desk vouches for its old receipts
    assert desk.lifecycle.resolve_scan(old_url) == before.code  # the unsigned QR still opens the dossier

    after = desk.intake.receive(request, procedure_version=version, actor=CLERK)
    new_url, new_row = _receipt_url(desk, after.code)
    assert "sig=" in new_url and new_row.receipt_unsigned is False
    with pytest.raises(DomainError, match="chữ ký không hợp lệ"):  # a signed receipt's QR stripped of its signature
        desk.lifecycle.resolve_scan(new_url.split("?")[0])


def test_the_receipt_prints_a_check_code_a_citizen_can_type(desk):
    _enroll_locally(desk)
    request, version = sample_request(desk)
    result = desk.intake.receive(request, procedure_version=version, actor=CLERK)
    _url, row = _receipt_url(desk, result.code)
    code = check_code(row.receipt_seal)
    pdf = result.receipt_path.read_bytes()
    text = " ".join(pdf_text(pdf).split())
    assert f"Mã kiểm tra (tra cứu): {code}" in text
    assert "dichvucong.daklak.gov.vn/tra-cuu" in text and "sig=" not in text
    assert decode_codes(rasterise(pdf)).get("Code128") == result.code
    assert desk.lifecycle.resolve_typed(result.code, code.lower().replace("-", " ")) == result.code
    wrong = ("B" if code[0] != "B" else "C") + code[1:]
    with pytest.raises(DomainError, match="không khớp"):
        desk.lifecycle.resolve_typed(result.code, wrong)
    with pytest.raises(DomainError, match="8 ký tự"):
        desk.lifecycle.resolve_typed(result.code, "ABC")

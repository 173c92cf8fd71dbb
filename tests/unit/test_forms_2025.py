"""The papers of Thông tư 03/2025/TT-VPCP as the desk prints them through its services, read back from the PDF's
text layer: the registry and an agency's own texts, Mẫu 04 as a letter, Mẫu 05 and its stop, Mẫu 06's hand-overs,
Mẫu 07's numbers and dates, lateness with an apology, a supplement and a lawful extension, and long texts."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from desk.domain.agency import suggest_parent_authority
from desk.domain.errors import DomainError, Problems
from desk.domain.printed_forms import FormKind, printed_form, signer_title_for, unit_initials, with_overrides
from desk.domain.status import DossierStatus
from printing.layout import official_date
from tests.conftest import ADMIN, CLERK
from tests.support.pdf import pdf_page_count, pdf_text
from tests.unit.test_lifecycle import outbox, receive

S = DossierStatus
LONG = ("Hồ sơ phải chờ kết quả xác minh của Công an xã Ea Kar và của Ủy ban nhân dân xã nơi người yêu cầu cư trú "
        "trước đây về tình trạng hôn nhân, ") * 14  # ≈ 2,000 characters


def flat(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


@pytest.mark.parametrize(("day", "printed"), [
    (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"), (date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
    (date(2026, 6, 29), "ngày 29 tháng 6 năm 2026"), (date(2026, 11, 3), "ngày 03 tháng 11 năm 2026"),
    (date(2026, 12, 10), "ngày 10 tháng 12 năm 2026")])
def test_date_lines_follow_decree_30(day, printed):
    assert official_date(day) == printed


@pytest.mark.parametrize(("unit", "parent"), [
    ("Trung tâm Phục vụ hành chính công xã Ea Kar", "UBND XÃ EA KAR"),
    ("Bộ phận Một cửa phường Buôn Ma Thuột", "UBND PHƯỜNG BUÔN MA THUỘT"),
    ("Trung tâm Phục vụ hành chính công", ""),
    ("Trung tâm Phục vụ hành chính công xã Ea Kar, tỉnh Đắk Lắk", "UBND XÃ EA KAR"),
    ("Trung tâm Phục vụ hành chính công xã Cư M'gar (cơ sở 2)", "UBND XÃ CƯ M'GAR")])
def test_the_parent_authority_is_suggested_from_the_unit(unit, parent):
    assert suggest_parent_authority(unit) == parent


def test_the_registry_names_the_2025_forms_and_an_agency_may_retitle_them():
    titles = {kind: printed_form(kind) for kind in FormKind}
    assert (titles[FormKind.APOLOGY].number, titles[FormKind.APOLOGY].title) == (
        "Mẫu số 04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết")
    assert (titles[FormKind.STOP].number, titles[FormKind.STOP].title) == (
        "Mẫu số 05", "Thông báo dừng giải quyết hồ sơ")
    assert [titles[k].number for k in (FormKind.CONTROL, FormKind.LEDGER)] == ["Mẫu số 06", "Mẫu số 07"]
    own = with_overrides(titles[FormKind.REFUSAL],
                         {"refusal": {"number": "Mẫu số 3a", "signer": "CÔNG CHỨC TIẾP NHẬN"}})
    assert (own.number, own.signers) == ("Mẫu số 3a", ("NGƯỜI NỘP HỒ SƠ", "CÔNG CHỨC TIẾP NHẬN"))
    assert signer_title_for("Trung tâm Phục vụ hành chính công xã Ea Kar") == "GIÁM ĐỐC"
    assert unit_initials("Trung tâm Phục vụ hành chính công xã Ea Kar") == "TTPVHCC"


def test_an_agency_form_texts_are_checked_and_printed(desk):
    agency = desk.agency.get()
    with pytest.raises(Problems, match="Không có mẫu phiếu"):
        desk.agency.save(replace(agency, form_texts={"ticket": {"title": "X"}}), actor=ADMIN)
    desk.agency.save(replace(agency, form_texts={"apology": {"number": "Mẫu 04/TT03", "signer_title": "KT. GIÁM ĐỐC\n"
                                                              "PHÓ GIÁM ĐỐC", "signer_name": "Y Bhăm Êban"}}),
                     actor=ADMIN)
    code = receive(desk)
    result = desk.lifecycle.apologize(code, datetime(2026, 12, 4, 16, 0), "Chờ ý kiến của Sở Tư pháp", actor=CLERK)
    text = flat(result.pdf_path.read_bytes())
    assert "Mẫu 04/TT03" in text and "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Y Bhăm Êban" in text


def test_a_stop_needs_its_reason_and_legal_basis_prints_mau_05_and_reaches_the_outbox(desk):
    code = receive(desk)
    life = desk.lifecycle
    with pytest.raises(DomainError, match="căn cứ pháp lý"):
        life.stop(code, "Người yêu cầu đã chết", "", actor=CLERK)
    result = life.stop(code, "Người yêu cầu chứng thực đã chết trước khi ký", "khoản 1 Điều 12 Nghị định "
                       "118/2025/NĐ-CP", actor=CLERK)
    assert result.status is S.STOPPED
    text = flat(result.pdf_path.read_bytes())
    for expected in ("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Mẫu số 05", "Số: 01/TB-TTPVHCC",
                     "Kính gửi: ông/bà Nguyễn Thị Hoa",
                     "Người yêu cầu chứng thực đã chết", "Căn cứ: khoản 1 Điều 12", "Nơi nhận:", "Lưu: VT, TTPVHCC",
                     "GIÁM ĐỐC", code):
        assert expected in text, expected
    kind, payload = outbox(desk, code)[-1]
    assert (kind, payload["status"], payload["kind"], payload["legal_basis"]) == (
        "dossier.event", 8, "stop", "khoản 1 Điều 12 Nghị định 118/2025/NĐ-CP")
    assert desk.dossiers.get(code).steps[-1].details["letter_number"] == 1
    second = life.stop(receive(desk), "Hồ sơ giả mạo giấy tờ tùy thân", "Điều 12 Nghị định 118/2025/NĐ-CP",
                       actor=CLERK)
    assert "Số: 02/TB-TTPVHCC" in flat(second.pdf_path.read_bytes())


def test_a_second_supplement_request_needs_the_clerks_reason(desk, clock):
    code = receive(desk)
    life = desk.lifecycle
    life.request_supplement(code, ["Tờ khai"], "Tờ khai chưa ký", actor=CLERK)
    life.record_supplement(code, ["Tờ khai"], actor=CLERK)
    with pytest.raises(DomainError, match="chỉ cho yêu cầu một lần"):
        life.request_supplement(code, ["Giấy xác nhận tình trạng hôn nhân"], "Giấy hết hạn", actor=CLERK)
    life.request_supplement(code, ["Giấy xác nhận tình trạng hôn nhân"], "Giấy hết hạn trong khi chờ",
                            actor=CLERK, repeat_reason="Giấy xác nhận hết hạn 6 tháng trong lúc chờ xử lý")
    step = desk.dossiers.get(code).steps[-1]
    assert step.details["request_number"] == 2 and "hết hạn 6 tháng" in step.details["repeat_reason"]


def _late_dossier(desk, clock, *, apology_basis: str | None, supplement: bool = False):
    """A dossier received Mon 23/11 09:15 (3 working days: Thu 26/11 09:15), handled, maybe supplemented, maybe
    apologised for on 26/11 (new date Wed 2/12), with its result ready on Mon 30/11 08:30."""
    code = receive(desk)
    life = desk.lifecycle
    if supplement:
        clock.now = datetime(2026, 11, 23, 14, 0)
        life.request_supplement(code, ["Tờ khai"], "Tờ khai chưa ký", actor=CLERK)
        clock.now = datetime(2026, 11, 25, 9, 0)  # the receipt is issued again: Mon 30/11 09:00
        life.record_supplement(code, ["Tờ khai"], actor=CLERK)
    clock.now = datetime(2026, 11, 25, 10, 0)
    life.send_to_handler(code, "Công chức Tư pháp - Hộ tịch", actor=CLERK)
    if apology_basis is not None:
        clock.now = datetime(2026, 11, 26, 8, 0)
        life.apologize(code, datetime(2026, 12, 2, 16, 0), "Chờ kết quả xác minh", actor=CLERK,
                       extension_basis=apology_basis)
    clock.now = datetime(2026, 11, 30, 8, 30)
    life.result_ready(code, actor=CLERK)
    return code


@pytest.mark.parametrize(("case", "apology_basis", "supplement", "promised", "extended", "result"), [
    ("on time after a supplement", None, True, "30/11/2026", None, "Đúng hạn"),
    ("an apology alone", "", False, "26/11/2026", "02/12/2026 (hẹn lại)", "Quá hạn"),
    ("a lawful extension", "khoản 2 Điều 18 Luật Hộ tịch 2014", False, "26/11/2026", "02/12/2026 (gia hạn)",
     "Trước hạn"),
])
def test_lateness_is_judged_against_the_promise_unless_the_extension_is_lawful(
        desk, clock, case, apology_basis, supplement, promised, extended, result):
    code = _late_dossier(desk, clock, apology_basis=apology_basis, supplement=supplement)
    detail = desk.dossiers.get(code)
    assert f"{detail.promised_at:%d/%m/%Y}" == promised, case
    control = flat(desk.lifecycle.render_form(code, "control").read_bytes())
    # The hand-back with the result is the last hand-over; its result is judged against the deadline in force.
    assert control.count("1. Giao:") == 2
    assert control.rsplit("1. Giao:", 1)[1].count(result) == 1, case
    assert "Xin lỗi, đề nghị gia hạn" in control if apology_basis is not None else "Xin lỗi" not in control
    ledger = flat(desk.lifecycle.render_ledger(date(2026, 11, 23), date(2026, 11, 30)).read_bytes())
    assert promised in ledger
    if extended:
        new, why = extended.split(" ", 1)
        assert f"→ {new}" in ledger and why in ledger, case


def test_the_ledger_numbers_each_line_as_its_receipt_did_whatever_the_range(desk, clock):
    codes = []
    for day in (23, 24, 25):
        clock.now = datetime(2026, 11, day, 9, 15)
        codes.append(receive(desk))
    lines = [desk.dossiers.get(c).ledger_line for c in codes]
    assert lines == [1, 2, 3]
    only_last = pdf_text(desk.lifecycle.render_ledger(date(2026, 11, 25), date(2026, 11, 25)).read_bytes())
    row = next(line for line in only_last.splitlines() if codes[2][:12] in line)
    assert row.split()[0] == "3"  # the receipt's number, not 1 for the first line printed


def test_long_free_texts_print_on_every_form_and_the_ledger_stays_printable(desk, clock):
    code = receive(desk)
    life = desk.lifecycle
    life.send_to_handler(code, LONG[:300], actor=CLERK)
    clock.now = datetime(2026, 11, 27, 9, 0)
    apology = life.apologize(code, datetime(2026, 12, 4, 16, 0), LONG, actor=CLERK)
    assert pdf_page_count(apology.pdf_path.read_bytes()) >= 2  # continues on the next page, nothing cut
    assert flat(apology.pdf_path.read_bytes()).count("trạng thái hôn nhân") == 0
    assert flat(apology.pdf_path.read_bytes()).count("tình trạng hôn nhân") >= 14
    stopped = life.stop(code, LONG, LONG[:480], actor=CLERK)
    assert flat(stopped.pdf_path.read_bytes()).count("tình trạng hôn nhân") >= 14
    control = life.render_form(code, "control").read_bytes()
    assert pdf_page_count(control) >= 1 and "THÔNG BÁO" not in flat(control)
    ledger = life.render_ledger(date(2026, 11, 1), date(2026, 11, 30)).read_bytes()
    assert code in flat(ledger)

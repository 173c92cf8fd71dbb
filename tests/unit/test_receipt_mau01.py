"""Mẫu 01 as issue 19 wants it: NĐ 30/2020 dates, the agency's own unit wherever the receipt names the place, the
receipt reissued after a supplement, the longer time chosen for verification, the competent agency of a dossier
received regardless of residence, and the footnotes. Each read back from the PDF's text layer."""

from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import select

from desk.domain.agency import AgencyIdentity
from desk.domain.calendar import ProcessingTime, TimeUnit
from desk.domain.errors import DomainError
from desk.domain.procedure import ProcedureTemplate
from desk.services.catalog_file import check_template
from desk.store.models import DossierRow
from desk.sync.mapping import dossier_record
from tests.conftest import ADMIN, AGENCY, CLERK
from tests.support.pdf import pdf_text
from tests.support.workers import sample_request

UNIT = AGENCY["unit_name"]  # Trung tâm Phục vụ hành chính công xã Ea Kar
PURPOSE = {"purpose": "Đăng ký kết hôn"}  # 1.004873's own field


def flat(pdf: bytes) -> str:
    """The text layer with its line breaks and layout spaces folded: a sentence wrapped on paper reads whole."""
    return " ".join(pdf_text(pdf).split())


def receive(desk, **changes):
    request, version = sample_request(desk, procedure_code=changes.pop("procedure_code", "2.000884"))
    return desk.intake.receive(replace(request, **changes), procedure_version=version, actor=CLERK)


def row_of(desk, code: str) -> DossierRow:
    with desk.db.read() as session:
        return session.scalar(select(DossierRow).where(DossierRow.code == code))


# -- dates ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("now, printed", [
    (datetime(2026, 1, 5, 9, 0), "Ea Kar, ngày 05 tháng 01 năm 2026"),  # zero before day < 10 and month 1–2
    (datetime(2026, 2, 12, 9, 0), "Ea Kar, ngày 12 tháng 02 năm 2026"),
    (datetime(2026, 6, 29, 9, 0), "Ea Kar, ngày 29 tháng 6 năm 2026"),  # none before month 6
])
def test_the_date_line_follows_decree_30(desk, clock, now, printed):
    clock.now = now
    text = flat(receive(desk).receipt_path.read_bytes())
    assert printed in text
    assert "tháng 06" not in text


# -- the place: the agency's own unit ---------------------------------------------------------------------------
def test_a_centre_s_receipt_never_says_bo_phan_mot_cua_nor_tai_twice(desk):
    text = flat(receive(desk).receipt_path.read_bytes())
    assert f"Đăng ký nhận kết quả tại: {UNIT}" in text
    assert f"Liên 1: Lưu tại {UNIT}" in text
    assert "Bộ phận Một cửa" not in text
    assert "Tại Tại" not in text and "tại: Tại" not in text


def test_templates_saved_with_the_old_default_print_the_unit_too(desk):
    template = desk.catalog.get("2.000884").template
    desk.catalog.save(replace(template, return_place="Tại Bộ phận Một cửa"), actor=ADMIN)
    text = flat(receive(desk).receipt_path.read_bytes())
    assert f"Đăng ký nhận kết quả tại: {UNIT}" in text
    assert "Bộ phận Một cửa" not in text


def test_a_place_of_its_own_is_printed_without_its_leading_tai(desk):
    template = desk.catalog.get("2.000884").template
    desk.catalog.save(replace(template, return_place="Tại Bưu điện văn hóa xã Ea Kar"), actor=ADMIN)
    text = flat(receive(desk).receipt_path.read_bytes())
    assert "Đăng ký nhận kết quả tại: Bưu điện văn hóa xã Ea Kar" in text
    assert "tại: Tại" not in text


def test_no_fixed_deadline_names_the_unit(desk):
    template = desk.catalog.get("2.000884").template
    desk.catalog.save(replace(template, processing=ProcessingTime(0, TimeUnit.NONE)), actor=ADMIN)
    text = flat(receive(desk).receipt_path.read_bytes())
    assert f"Không có thời hạn giải quyết cố định; {UNIT} sẽ thông báo khi có kết quả." in text


# -- the form as the registry and the agency say ------------------------------------------------------------------
def test_title_signers_and_the_two_footnotes_come_from_the_form(desk):
    text = flat(receive(desk).receipt_path.read_bytes())
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert f"được lập thành 02 liên: 01 liên lưu tại {UNIT}, 01 liên giao cho người nộp hồ sơ." in text
    assert "Trường hợp đăng ký nhận kết quả qua dịch vụ bưu chính công ích" in text
    assert "Mẫu số 01" in text


def test_the_agency_s_own_number_title_and_signer_are_printed(desk):
    desk.agency.save(AgencyIdentity(**AGENCY, form_texts={"receipt": {
        "number": "Mẫu số 01/TN", "title": "Phiếu tiếp nhận và hẹn trả", "signer": "CÔNG CHỨC TIẾP NHẬN"}}),
        actor=ADMIN)
    text = flat(receive(desk).receipt_path.read_bytes())
    assert "Mẫu số 01/TN" in text
    assert "PHIẾU TIẾP NHẬN VÀ HẸN TRẢ" in text
    assert "CÔNG CHỨC TIẾP NHẬN" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" not in text


def test_the_counter_s_own_form_number_counts_when_the_agency_set_none(tmp_path, clock):
    from tests.conftest import make_desk

    desk = make_desk(tmp_path / "data", clock, form_number="Mẫu 01-TTHC")
    try:
        assert "Mẫu 01-TTHC" in flat(receive(desk).receipt_path.read_bytes())
    finally:
        desk.db.dispose()


# -- reissued after a supplement ---------------------------------------------------------------------------------
def test_the_receipt_after_a_supplement_counts_from_the_complete_dossier(desk, clock):
    optional = "Giấy tờ chứng minh đã ly hôn hoặc vợ/chồng đã chết (nếu có)"
    result = receive(desk, procedure_code="1.004873", received_documents=(True, False), extra_values=PURPOSE)
    desk.lifecycle.request_supplement(result.code, [optional, "Trích lục ghi chú ly hôn"], "Thiếu giấy tờ",
                                      actor=CLERK)
    clock.now = datetime(2026, 11, 25, 14, 5)
    desk.lifecycle.record_supplement(result.code, [optional, "Trích lục ghi chú ly hôn"], actor=CLERK)
    text = flat(desk.receipts.render(result.code))
    assert ("Hồ sơ đầy đủ nhận lúc 14 giờ 05 phút, ngày 25/11/2026; thời gian giải quyết tính từ thời điểm này."
            in text)
    assert "4. Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 23/11/2026" in text
    assert "Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 05 phút, ngày 30/11/2026" in text  # 3 working days
    assert text.count("(bổ sung ngày 25/11)") == 2 * 2  # two papers, on each of the two copies
    first = flat(desk.receipts.render(receive(desk).code))
    assert "Hồ sơ đầy đủ nhận lúc" not in first and "bổ sung ngày" not in first


# -- the longer time when verification is needed --------------------------------------------------------------------
def marriage(desk, **changes):
    extra = {"partner_name": "Y Khuê Niê", "partner_id_number": "066096001234"}
    return receive(desk, procedure_code="1.000894", extra_values=extra, **changes)


def test_the_seeded_marriage_registration_has_the_longer_time_of_the_law(desk):
    template = desk.catalog.get("1.000894").template
    assert template.processing.unit is TimeUnit.SAME_DAY
    assert template.processing_verification == ProcessingTime(5, TimeUnit.WORKING_DAYS)  # Luật Hộ tịch, Art. 18
    assert not any(f.key == "needs_verification" for f in template.extra_fields)  # the checkbox replaces it


def test_verification_chosen_at_intake_moves_the_appointment_and_is_printed(desk):
    ordinary = marriage(desk)
    assert ordinary.appointment_at == datetime(2026, 11, 23, 17, 0)
    checked = marriage(desk, with_verification=True)
    assert checked.appointment_at == datetime(2026, 11, 30, 9, 15)  # 5 working days from Monday 09:15
    assert row_of(desk, checked.code).with_verification is True
    assert row_of(desk, ordinary.code).with_verification is False
    text = flat(checked.receipt_path.read_bytes())
    assert "3. Thời gian giải quyết hồ sơ theo quy định: 5 ngày làm việc (trường hợp phải xác minh)" in text
    assert "trường hợp phải xác minh" not in flat(ordinary.receipt_path.read_bytes())
    assert dossier_record(row_of(desk, checked.code))["with_verification"] is True


def test_verification_means_nothing_for_a_procedure_without_a_longer_time(desk):
    result = receive(desk, with_verification=True)
    assert row_of(desk, result.code).with_verification is False
    assert result.appointment_at == datetime(2026, 11, 23, 17, 0)


# -- received regardless of residence -----------------------------------------------------------------------------
def cross_boundary(desk) -> None:
    template = desk.catalog.get("2.000884").template
    desk.catalog.save(replace(template, cross_boundary=True), actor=ADMIN)


def test_the_competent_agency_goes_from_the_form_to_the_row_the_receipt_and_the_province(desk):
    cross_boundary(desk)
    agency = "UBND phường Buôn Ma Thuột, tỉnh Đắk Lắk"
    result = receive(desk, competent_agency=f"  {agency} ")
    row = row_of(desk, result.code)
    assert row.competent_agency == agency
    text = flat(result.receipt_path.read_bytes())
    assert f"Hồ sơ tiếp nhận không phụ thuộc địa giới hành chính; cơ quan giải quyết: {agency}" in text
    record = dossier_record(row)
    assert record["competent_agency"] == agency and record["with_verification"] is False


def test_the_competent_agency_is_checked_and_kept_only_for_such_procedures(desk):
    with pytest.raises(DomainError, match="quá dài"):
        cross_boundary(desk)
        receive(desk, competent_agency="Ủy ban " * 60)
    ordinary = receive(desk, procedure_code="1.004873", competent_agency="UBND xã Cư M'gar", extra_values=PURPOSE)
    assert row_of(desk, ordinary.code).competent_agency == ""
    assert "không phụ thuộc địa giới" not in flat(ordinary.receipt_path.read_bytes())


# -- the catalog file ---------------------------------------------------------------------------------------------
def test_a_template_without_the_new_keys_still_loads_and_exports_as_before(desk):
    data = desk.catalog.get("2.000884").template.to_dict()
    for key in ("processing_verification", "verification_label", "cross_boundary", "return_place"):
        data.pop(key, None)
    template = ProcedureTemplate.from_dict(data)
    assert template.processing_verification is None and not template.cross_boundary
    assert template.return_place_for(UNIT) == UNIT
    exported = template.to_dict()
    assert not {"processing_verification", "verification_label", "cross_boundary"} & exported.keys()


def test_the_new_keys_round_trip_and_the_catalog_file_carries_them():
    data = {"code": "1.000894", "name": "Đăng ký kết hôn", "sector": "Hộ tịch",
            "processing": {"value": 0, "unit": "same_day"}, "fee": {"kind": "free"},
            "processing_verification": {"value": 5, "unit": "working_days"},
            "verification_label": "Cần xác minh điều kiện kết hôn", "cross_boundary": True}
    template = ProcedureTemplate.from_dict(data)
    assert ProcedureTemplate.from_dict(template.to_dict()) == template
    assert template.verification_text == "Cần xác minh điều kiện kết hôn (thời hạn 5 ngày làm việc)"
    check_template(template)  # the catalog file's schema accepts them
    with pytest.raises(DomainError, match="xác minh"):
        ProcedureTemplate.from_dict({**data, "processing_verification": {"value": 0, "unit": "none"}})

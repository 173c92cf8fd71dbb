import unicodedata
from datetime import date

import pytest

from desk.domain.citizen import id_number_warnings, looks_like_card_qr, parse_card_qr, validate_id_number
from desk.domain.errors import DomainError
from tests.conftest import TEST_DATA

SAMPLES = [line for line in (TEST_DATA / "id-card-qr-samples.txt").read_text(encoding="utf-8").splitlines()
           if line and not line.startswith("#")]


@pytest.mark.parametrize("qr", SAMPLES)
def test_shared_samples_parse_without_warnings(qr):
    card = parse_card_qr(qr)
    assert card.id_number == qr.split("|")[0]
    assert card.full_name == qr.split("|")[2]
    assert looks_like_card_qr(qr)
    assert card.warnings == ()


def test_first_sample_fields():
    card = parse_card_qr(SAMPLES[0])
    assert (card.old_id_number, card.birth_date, card.gender, card.issue_date) == (
        "241234567", date(1995, 3, 15), "Nữ", date(2021, 4, 20))
    assert card.address == "Thôn 3, Xã Ea Kar, Tỉnh Đắk Lắk"


def test_nfd_input_comes_out_nfc():
    card = parse_card_qr(unicodedata.normalize("NFD", SAMPLES[4]))
    assert card.full_name == "Phạm Đức Đạt"
    assert unicodedata.is_normalized("NFC", card.full_name)
    assert unicodedata.is_normalized("NFC", card.address)


def test_empty_old_id_trailing_fields_and_whitespace_are_accepted():
    card = parse_card_qr("  \r\n" + SAMPLES[1] + "|extra|fields|\n")
    assert card.old_id_number == ""
    assert card.full_name == "Trần Văn Bình"


@pytest.mark.parametrize("qr,message", [
    ("", "trống"),
    ("hello world", "chưa đủ thông tin"),
    ("066195012345|241234567|Nguyễn Thị Hoa|15031995", "chưa đủ thông tin"),
    ("06619501234X|241234567|Nguyễn Thị Hoa|15031995|Nữ|Ea Kar|20042021", "Trường 1"),
    ("999195012345||Nguyễn Thị Hoa|15031995|Nữ|Ea Kar|20042021", "Mã tỉnh 999"),
    ("066195012345|2412|Nguyễn Thị Hoa|15031995|Nữ|Ea Kar|20042021", "Trường 2"),
    ("066195012345||Nguyễn Thị Hoa|31021995|Nữ|Ea Kar|20042021", "không phải là ngày có thật"),
    ("066195012345||Nguyễn Thị Hoa|1995-03-15|Nữ|Ea Kar|20042021", "ddmmyyyy"),
    ("066195012345||Nguyễn Thị Hoa|15031995|F|Ea Kar|20042021", "Trường 5"),
    ("066195012345||  |15031995|Nữ|Ea Kar|20042021", "Trường 3"),
    ("066195012345||Nguyễn Thị Hoa|15031995|Nữ|Ea Kar|01011990", "trước ngày sinh"),
])
def test_bad_qr_gives_a_clear_vietnamese_error(qr, message):
    with pytest.raises(DomainError, match=message):
        parse_card_qr(qr)


def test_id_digits_that_disagree_with_birth_and_gender_warn():
    card = parse_card_qr("066195012345||Nguyễn Văn An|15031996|Nam|Ea Kar|20042021")
    text = " ".join(card.warnings)
    assert "năm sinh" in text and "giới tính Nữ" in text
    assert id_number_warnings("066205000777", date(1905, 6, 30), "Nam")  # wrong century
    assert id_number_warnings("066205000777", date(2005, 6, 30), "Nam") == []


@pytest.mark.parametrize("raw,ok", [("066195012345", True), ("0661 9501 2345", True), ("241234567", True),
                                    ("12345", False), ("999195012345", False), ("０６６195012345", False)])
def test_manual_id_number_validation(raw, ok):
    if ok:
        assert validate_id_number(raw) == raw.replace(" ", "")
    else:
        with pytest.raises(DomainError):
            validate_id_number(raw)

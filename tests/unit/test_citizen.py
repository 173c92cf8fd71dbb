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


# -- invisible characters from scanners and input methods --------------------------------------------------------------

CLEAN_QR = "066195012345|241234567|Nguyễn Thị Hoa|15031995|Nữ|Thôn 3, Xã Ea Kar, Tỉnh Đắk Lắk|20042021"
# Removed wherever they are: byte-order mark, zero-width space, non-joiner, joiner, word joiner, soft hyphen,
# left-to-right mark, NUL.
INVISIBLE = ["\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u200e", "\x00"]
# Read as a plain space: no-break, narrow no-break, figure, thin, ideographic space.
ODD_SPACES = ["\u00a0", "\u202f", "\u2007", "\u2009", "\u3000"]


def _around_every_field(qr: str, ch: str) -> str:
    return "|".join(ch + part + ch for part in qr.split("|"))


def _inside_the_digits(qr: str, ch: str) -> str:
    parts = qr.split("|")
    for i in (0, 1, 3, 6):  # the ID, the old ID and the two dates
        parts[i] = parts[i][:4] + ch + parts[i][4:]
    return "|".join(parts)


PLACES = {
    "at the start": lambda qr, ch: ch + qr,
    "at the end": lambda qr, ch: qr + ch,
    "around every field": _around_every_field,
}
ACCEPTED = (
    [(f"{name} U+{ord(ch):04X}", place(CLEAN_QR, ch)) for ch in INVISIBLE + ODD_SPACES
     for name, place in PLACES.items()]
    + [(f"inside the numbers U+{ord(ch):04X}", _inside_the_digits(CLEAN_QR, ch)) for ch in INVISIBLE]
    + [(f"inside the name U+{ord(ch):04X}", CLEAN_QR.replace("Nguyễn", "Ngu" + ch + "yễn")) for ch in INVISIBLE]
    + [(f"between the names U+{ord(ch):04X}", CLEAN_QR.replace("Nguyễn Thị", "Nguyễn" + ch + " " + ch + "Thị"))
       for ch in ODD_SPACES]
    + [("keyboard scanner CR LF", CLEAN_QR + "\r\n"), ("tab before and after", "\t" + CLEAN_QR + "\t"),
       ("STX and ETX", "\x02" + CLEAN_QR + "\x03"), ("BOM then NBSP", "\ufeff\u00a0" + CLEAN_QR),
       ("full-width digits", CLEAN_QR.translate(str.maketrans("0123456789", "０１２３４５６７８９")))]
)


@pytest.mark.parametrize("qr", [qr for _, qr in ACCEPTED], ids=[name for name, _ in ACCEPTED])
def test_invisible_characters_and_odd_spaces_are_removed_before_parsing(qr):
    assert parse_card_qr(qr) == parse_card_qr(CLEAN_QR)
    assert looks_like_card_qr(qr)


def test_only_invisible_characters_is_an_empty_qr():
    with pytest.raises(DomainError, match="trống"):
        parse_card_qr("\ufeff\u200b\u00a0\r\n\x00")


@pytest.mark.parametrize("qr,shown", [
    # Digits that str.isdigit() takes but that are not 0–9, and controls left inside a field.
    (CLEAN_QR.replace("066195012345", "0661950123\u06605"), "Trường 1 (số định danh) phải có 12 chữ số, "
                                                            "đang là “0661950123⟨U+0660⟩5”"),
    (CLEAN_QR.replace("066195012345", "06619501234\u00b2"), "“06619501234⟨U+00B2⟩”"),
    (CLEAN_QR.replace("066195012345", "066195\x1d012345"), "“066195⟨U+001D⟩012345”"),
    (CLEAN_QR.replace("066195012345", "06619501234\ufffd"), "“06619501234⟨U+FFFD⟩”"),
    (CLEAN_QR.replace("241234567", "24123456\u0967"), "Trường 2 (số CMND cũ) phải trống hoặc có 9 chữ số, "
                                                     "đang là “24123456⟨U+0967⟩”"),
    (CLEAN_QR.replace("15031995", "1503199\u0665"), "Trường 4 (ngày sinh) phải có dạng ddmmyyyy (8 chữ số), "
                                                   "đang là “1503199⟨U+0665⟩”"),
    (CLEAN_QR.replace("20042021", "2004\r2021"), "Trường 7 (ngày cấp) phải có dạng ddmmyyyy (8 chữ số), "
                                                "đang là “2004⟨U+000D⟩2021”"),
    (CLEAN_QR.replace("Nguyễn Thị Hoa", "Nguyễn Thị Hoa \u0663"), "Trường 3 (họ và tên) không hợp lệ: "
                                                                 "“Nguyễn Thị Hoa ⟨U+0663⟩”"),
    (CLEAN_QR.replace("|Nữ|", "|Nữ\x1b|"), "Trường 5 (giới tính) phải là “Nam” hoặc “Nữ”, đang là “Nữ⟨U+001B⟩”"),
])
def test_a_refused_field_shows_its_hidden_characters(qr, shown):
    with pytest.raises(DomainError) as refused:
        parse_card_qr(qr)
    assert shown in str(refused.value)
    assert "ký tự ẩn hoặc ký tự lạ" in str(refused.value)


def test_a_refusal_without_hidden_characters_says_nothing_of_them():
    with pytest.raises(DomainError) as refused:
        parse_card_qr(CLEAN_QR.replace("066195012345", "06619501234X"))
    assert str(refused.value) == "Trường 1 (số định danh) phải có 12 chữ số, đang là “06619501234X”."


@pytest.mark.parametrize("qr", [CLEAN_QR.replace("066195012345", "0661950123\u06605"),
                                CLEAN_QR.replace("066195012345", "０６６１９５０１２３４X")])
def test_an_id_of_other_digits_does_not_look_like_a_card_qr(qr):
    assert not looks_like_card_qr(qr)

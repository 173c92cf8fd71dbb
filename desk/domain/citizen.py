"""The citizen's identity: personal ID numbers and the chip ID card QR (DOMAIN.md §4)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from .errors import DomainError
from .text import clean_user_text, nfc, reveal_hidden_chars

# Province codes of the 12-digit personal ID (place of birth registration): the 63
# pre-2025 provinces. Numbers issued before the 2025 merger keep their old code.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "TP Hồ Chí Minh", "080": "Long An",
    "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long",
    "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}

GENDERS = ("Nam", "Nữ")


def validate_id_number(raw: str, *, field_name: str = "id_number") -> str:
    """A 12-digit personal ID with a known province code, or a 9-digit old ID (CMND)."""
    number = "".join((raw or "").split())
    if not number:
        raise DomainError("Chưa nhập số định danh cá nhân.", field=field_name)
    if not number.isdigit() or not number.isascii():
        raise DomainError("Số định danh chỉ gồm chữ số.", field=field_name)
    if len(number) == 9:
        return number
    if len(number) != 12:
        raise DomainError(
            f"Số định danh phải có 12 chữ số (hoặc 9 chữ số với CMND cũ); đang có {len(number)}.",
            field=field_name,
        )
    if number[:3] not in PROVINCE_CODES:
        raise DomainError(f"Mã tỉnh {number[:3]} ở đầu số định danh không tồn tại.", field=field_name)
    return number


def id_number_warnings(number: str, birth_date: date | None, gender: str | None) -> list[str]:
    """Disagreements between the ID's century/gender digit and birth year, and the card data.

    Digit 4 (G): 0/1 born 1900–1999, 2/3 2000–2099, 4/5 2100–2199; even male, odd female.
    Digits 5–6: last two digits of the birth year. There is no check digit.
    """
    if len(number) != 12 or not number.isdigit():
        return []
    warnings = []
    g = int(number[3])
    yy = int(number[4:6])
    if birth_date is not None:
        century = 1900 + 100 * (g // 2) if g <= 5 else None
        if century is None:
            warnings.append(f"Chữ số thứ 4 của số định danh ({g}) không ứng với thế kỷ nào đã biết.")
        elif birth_date.year // 100 * 100 != century:
            warnings.append(
                f"Số định danh cho biết sinh trong thế kỷ bắt đầu năm {century}, "
                f"nhưng ngày sinh là {birth_date:%d/%m/%Y}."
            )
        if birth_date.year % 100 != yy:
            warnings.append(
                f"Hai chữ số năm sinh trong số định danh ({number[4:6]}) khác năm sinh {birth_date.year}."
            )
    if gender in GENDERS:
        expected = "Nam" if g % 2 == 0 else "Nữ"
        if gender != expected:
            warnings.append(f"Số định danh ứng với giới tính {expected}, nhưng giới tính ghi là {gender}.")
    return warnings


def _ascii_digits(text: str) -> bool:
    """Only 0–9: ``str.isdigit`` also takes Arabic-Indic, full-width and superscript digits."""
    return text.isascii() and text.isdigit()


def _shown(value: str, limit: int = 20) -> str:
    """A refused value, quoted, with its invisible or look-alike characters written as ⟨U+XXXX⟩."""
    revealed = reveal_hidden_chars(value[:limit])
    note = " (⟨U+…⟩ là ký tự ẩn hoặc ký tự lạ, thường do máy quét hay bộ gõ chèn vào)" if "⟨U+" in revealed else ""
    return f"“{revealed}”{note}"


def parse_ddmmyyyy(text: str, label: str) -> date:
    text = (text or "").strip()
    if len(text) != 8 or not _ascii_digits(text):
        raise DomainError(f"{label} phải có dạng ddmmyyyy (8 chữ số), đang là {_shown(text)}.")
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError as exc:
        raise DomainError(f"{label} “{text}” không phải là ngày có thật.") from exc


@dataclass(frozen=True)
class CardIdentity:
    """What the chip ID card QR carries, cleaned and checked."""

    id_number: str
    old_id_number: str
    full_name: str
    birth_date: date
    gender: str
    address: str
    issue_date: date
    warnings: tuple[str, ...] = field(default=())


QR_FIELD_COUNT = 7

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Whitespace and control characters (a keyboard-mode scanner's CR, LF, tab, STX/ETX) around a payload.
_EDGE_CHARS = "".join(map(chr, [*range(0x21), *range(0x7F, 0xA0)]))
_SPACES_RUN = re.compile(r" {2,}")


def clean_scanned_text(raw: str) -> str:
    """A scanned payload without what scanners and input methods add that no one can see.

    Format characters go everywhere (byte-order mark U+FEFF, zero-width space, non-joiner and
    joiner U+200B–U+200D, word joiner U+2060, soft hyphen U+00AD, direction marks), and so does
    NUL; every other Unicode space (no-break U+00A0, narrow no-break U+202F, ideographic…)
    becomes a plain space; full-width digits (an input method in full-width mode) become 0–9;
    whitespace and control characters go from both ends. Then NFC.
    """
    kept = []
    for ch in (raw or "").translate(_FULL_WIDTH_DIGITS):
        category = unicodedata.category(ch)
        if category == "Cf" or ch == "\x00":
            continue
        kept.append(" " if category in ("Zs", "Zl", "Zp") else ch)
    return nfc("".join(kept)).strip(_EDGE_CHARS)


def _qr_fields(text: str) -> list[str]:
    return [_SPACES_RUN.sub(" ", part).strip() for part in text.split("|")]


def looks_like_card_qr(text: str) -> bool:
    """A cheap test used by the scanner detector: the QR is pipe-separated with an ID first."""
    cleaned = clean_scanned_text(text)
    head = _qr_fields(cleaned)[0]
    return "|" in cleaned and _ascii_digits(head) and len(head) in (9, 12)


def parse_card_qr(raw: str) -> CardIdentity:
    """Parse the CCCD QR: ``ID12|oldID9|name|ddmmyyyy|Nam/Nữ|address|ddmmyyyy[|…]``.

    Accepts surrounding whitespace, decomposed (NFD) text, invisible characters anywhere and
    odd spaces (:func:`clean_scanned_text`), an empty old ID and extra trailing fields (the
    2024 card layout is unconfirmed, DOMAIN.md §4). Every other deviation raises a
    DomainError that says which field is wrong and shows the characters it could not take.
    """
    text = clean_scanned_text(raw)
    if not text:
        raise DomainError("Mã QR trống.")
    parts = _qr_fields(text)
    if len(parts) < QR_FIELD_COUNT:
        raise DomainError(
            f"Mã QR căn cước chưa đủ thông tin: cần {QR_FIELD_COUNT} trường ngăn bởi “|”, "
            f"đọc được {len(parts)}. Hãy quét lại."
        )
    id_raw, old_raw, name, dob_raw, gender, address, issued_raw = parts[:QR_FIELD_COUNT]
    if not (_ascii_digits(id_raw) and len(id_raw) == 12):
        raise DomainError(f"Trường 1 (số định danh) phải có 12 chữ số, đang là {_shown(id_raw)}.")
    id_number = validate_id_number(id_raw)
    if old_raw and not (_ascii_digits(old_raw) and len(old_raw) == 9):
        raise DomainError(f"Trường 2 (số CMND cũ) phải trống hoặc có 9 chữ số, đang là {_shown(old_raw)}.")
    full_name = clean_user_text(name)
    if not full_name or any(ch.isdigit() for ch in full_name):
        raise DomainError(f"Trường 3 (họ và tên) không hợp lệ: {_shown(name, 40)}.")
    birth_date = parse_ddmmyyyy(dob_raw, "Trường 4 (ngày sinh)")
    if gender not in GENDERS:
        raise DomainError(f"Trường 5 (giới tính) phải là “Nam” hoặc “Nữ”, đang là {_shown(gender)}.")
    issue_date = parse_ddmmyyyy(issued_raw, "Trường 7 (ngày cấp)")
    if issue_date < birth_date:
        raise DomainError("Ngày cấp căn cước trước ngày sinh: mã QR không hợp lệ.")
    return CardIdentity(
        id_number=id_number,
        old_id_number=old_raw,
        full_name=full_name,
        birth_date=birth_date,
        gender=gender,
        address=clean_user_text(address),
        issue_date=issue_date,
        warnings=tuple(id_number_warnings(id_number, birth_date, gender)),
    )

"""Identifiers of agencies, dossiers and procedures (DOMAIN.md §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import DomainError

# QĐ 20/2020/QĐ-TTg: V1V2V3.Z1Z2.Y1Y2.MX1X2, e.g. 000.00.53.H48 (M is a letter group).
AGENCY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
# TT 01/2018 Art. 19: <agency identifier>-<yymmdd>-<4-digit daily sequence>.
DOSSIER_CODE_RE = re.compile(r"^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{6})-(\d{4})$")
# National TTHC code d.dddddd; provincial instance adds the agency identifier.
NATIONAL_PROCEDURE_RE = re.compile(r"^\d\.\d{6}$")
PROVINCIAL_PROCEDURE_RE = re.compile(r"^\d\.\d{6}\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")

MAX_DAILY_SEQUENCE = 9999


def validate_agency_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not AGENCY_CODE_RE.match(code):
        raise DomainError(
            ("Chưa nhập mã định danh điện tử của cơ quan" if not code else f"Mã định danh “{code}” chưa đúng")
            + ": gồm 4 phần cách nhau bằng dấu chấm, ví dụ 000.00.53.H16 (mã do tỉnh cấp theo QĐ 20/2020/QĐ-TTg).",
            field="agency_code",
        )
    return code


def validate_procedure_code(code: str, *, provincial: bool = False) -> str:
    code = (code or "").strip().upper()
    pattern = PROVINCIAL_PROCEDURE_RE if provincial else NATIONAL_PROCEDURE_RE
    if not pattern.match(code):
        example = "1.001193.000.00.00.H16" if provincial else "1.001193"
        raise DomainError(f"Mã thủ tục không đúng định dạng (ví dụ {example}).", field="code")
    return code


@dataclass(frozen=True)
class DossierCode:
    agency_code: str
    day: date
    sequence: int

    def __str__(self) -> str:
        return f"{self.agency_code}-{self.day:%y%m%d}-{self.sequence:04d}"

    @classmethod
    def parse(cls, text: str) -> DossierCode:
        match = DOSSIER_CODE_RE.match((text or "").strip().upper())
        if not match:
            raise DomainError("Mã hồ sơ không đúng định dạng <mã cơ quan>-<yymmdd>-<số thứ tự>.")
        agency, yymmdd, seq = match.groups()
        try:
            day = date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
        except ValueError as exc:
            raise DomainError("Mã hồ sơ có ngày không hợp lệ.") from exc
        if int(seq) == 0:
            raise DomainError("Mã hồ sơ có số thứ tự 0000 không hợp lệ.")
        return cls(agency, day, int(seq))


def format_dossier_code(agency_code: str, day: date, sequence: int) -> str:
    if not 1 <= sequence <= MAX_DAILY_SEQUENCE:
        raise DomainError("Đã hết số thứ tự hồ sơ trong ngày (tối đa 9999).")
    return str(DossierCode(agency_code, day, sequence))


# The barcode on a separator sheet: in a feeder batch it starts the next document (printing/separator.py).
SEPARATOR_CODE = "MOTCUA-TACH"

"""Procedure templates: what the counter asks for, charges and promises (DOMAIN.md §7).

A template is plain data. It round-trips through :meth:`ProcedureTemplate.to_dict` /
:meth:`from_dict` losslessly; that dict is what the catalog file, the database snapshot
of each dossier and the provincial catalog carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .calendar import ProcessingTime, TimeUnit
from .codes import NATIONAL_PROCEDURE_RE, PROVINCIAL_PROCEDURE_RE
from .dates import parse_typed_date
from .errors import DomainError
from .fees import FeeRule
from .text import clean_user_text, fold_for_search

MAX_EXTRA_VALUE = 500  # a procedure's own field on the intake form
MAX_VERIFICATION_LABEL = 200
# What older templates stored as the place of return before it defaulted to the receiving unit: printed as the
# agency's own unit (a Trung tâm Phục vụ hành chính công is not a "Bộ phận Một cửa").
LEGACY_RETURN_PLACE = "Bộ phận Một cửa"
VERIFICATION_NOTE = "trường hợp phải xác minh"


# Procedures without a national code get a local one: capitals, digits, dots and dashes.
LOCAL_PROCEDURE_RE = re.compile(r"^[A-Z][A-Z0-9.\-]{1,19}$")


@dataclass(frozen=True)
class DocumentRequirement:
    name: str
    required: bool = True
    originals: int = 0  # bản chính
    certified: int = 0  # bản chứng thực
    photocopies: int = 0  # bản photo
    note: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "required": self.required, "originals": self.originals,
                "certified": self.certified, "photocopies": self.photocopies, "note": self.note}

    @classmethod
    def from_dict(cls, data: dict) -> DocumentRequirement:
        name = clean_user_text(data.get("name"))
        if not name:
            raise DomainError("Giấy tờ phải có tên.", field="documents.name")
        originals, certified, photocopies = (int(data.get(k, 0)) for k in ("originals", "certified", "photocopies"))
        if min(originals, certified, photocopies) < 0:
            raise DomainError(f"Số bản của “{name}” không được âm.", field="documents")
        return cls(name, bool(data.get("required", True)), originals, certified, photocopies,
                   note=str(data.get("note", "")))


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    YES_NO = "yes_no"


@dataclass(frozen=True)
class ExtraField:
    """A procedure-specific intake field, e.g. the child's name for a birth registration."""

    key: str
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    pattern: str = ""
    choices: tuple[str, ...] = ()
    help: str = ""

    def __post_init__(self):
        object.__setattr__(self, "type", FieldType(self.type))
        if not re.fullmatch(r"[a-z][a-z0-9_]*", self.key):
            raise DomainError(f"Khóa trường “{self.key}” chỉ gồm chữ thường, số và “_”.", field="extra_fields.key")
        if self.type is FieldType.CHOICE and not self.choices:
            raise DomainError(f"Trường “{self.label}” kiểu lựa chọn cần danh sách lựa chọn.", field="extra_fields")
        if not self.label.strip():
            raise DomainError(f"Trường “{self.key}” chưa có nhãn.", field="extra_fields.label")
        if self.pattern:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise DomainError(f"Mẫu kiểm tra của trường “{self.label}” không hợp lệ: {exc}.",
                                  field="extra_fields.pattern") from None

    def validate(self, raw) -> str:
        """Normalise a typed value to the text stored with the dossier; raise on bad input."""
        value = clean_user_text("" if raw is None else str(raw))
        if len(value) > MAX_EXTRA_VALUE:
            raise DomainError(f"“{self.label}” quá dài (tối đa {MAX_EXTRA_VALUE} ký tự, đang có {len(value)}).",
                              field=self.key)
        if not value:
            if self.required:
                raise DomainError(f"Chưa nhập “{self.label}”.", field=self.key)
            return ""
        if self.type is FieldType.NUMBER:
            try:
                float(value.replace(",", "."))
            except ValueError:
                raise DomainError(f"“{self.label}” phải là số.", field=self.key) from None
        elif self.type is FieldType.DATE:
            value = f"{parse_typed_date(value, f'“{self.label}”', self.key):%d/%m/%Y}"
        elif self.type is FieldType.CHOICE and value not in self.choices:
            raise DomainError(f"“{self.label}” phải là một trong: {', '.join(self.choices)}.", field=self.key)
        elif self.type is FieldType.YES_NO and value not in ("Có", "Không"):
            raise DomainError(f"“{self.label}” phải là Có hoặc Không.", field=self.key)
        if self.pattern and not re.fullmatch(self.pattern, value):
            raise DomainError(f"“{self.label}” không đúng định dạng. {self.help}".strip(), field=self.key)
        return value

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "type": self.type.value, "required": self.required,
                "pattern": self.pattern, "choices": list(self.choices), "help": self.help}

    @classmethod
    def from_dict(cls, data: dict) -> ExtraField:
        try:
            return cls(str(data["key"]), str(data["label"]), FieldType(data.get("type", "text")),
                       bool(data.get("required", False)), str(data.get("pattern", "")),
                       tuple(data.get("choices", ())), str(data.get("help", "")))
        except KeyError as exc:
            raise DomainError(f"Trường bổ sung thiếu “{exc.args[0]}”.", field="extra_fields") from exc
        except ValueError as exc:
            if isinstance(exc, DomainError):
                raise
            raise DomainError(f"Kiểu trường không hợp lệ: {data.get('type')!r}.", field="extra_fields.type") from exc


@dataclass(frozen=True)
class ProcedureTemplate:
    code: str  # national TTHC code, or a local code for procedures without one
    name: str
    sector: str
    processing: ProcessingTime
    fee: FeeRule
    documents: tuple[DocumentRequirement, ...] = ()
    extra_fields: tuple[ExtraField, ...] = ()
    provincial_code: str = ""
    level: str = ""
    result_documents: tuple[str, ...] = ()
    return_place: str = ""  # empty: the unit that received the dossier (the agency's own name is printed)
    # The longer time the law gives when the case needs verification (e.g. marriage registration: Luật Hộ tịch
    # 2014 Art. 18, 5 working days); the clerk chooses it at intake. None: the procedure has one time.
    processing_verification: ProcessingTime | None = None
    verification_label: str = ""  # the case as the clerk reads it; empty: "Cần xác minh"
    # Received regardless of the applicant's residence (tiếp nhận không phụ thuộc địa giới hành chính, Nghị định
    # 118/2025): the intake form asks which agency decides when it is not the receiving one.
    cross_boundary: bool = False

    @property
    def return_place_name(self) -> str:
        """The place without a leading "Tại", for sentences that already say it ("Đăng ký nhận kết quả tại: …");
        "nơi đã nộp hồ sơ" for the default (the receiving unit) where the unit's name is not at hand."""
        return strip_at(self.return_place) or "nơi đã nộp hồ sơ"

    def return_place_for(self, unit_name: str) -> str:
        """The place as this agency prints it, without a leading "Tại": the default (empty, or the old "Tại Bộ phận
        Một cửa") is the agency's own unit."""
        place = strip_at(self.return_place)
        if not place or place.casefold() == LEGACY_RETURN_PLACE.casefold():
            return clean_user_text(unit_name) or place
        return place

    def processing_for(self, with_verification: bool) -> ProcessingTime:
        """The time that applies: the longer one when the clerk chose verification and the procedure has it."""
        if with_verification and self.processing_verification is not None:
            return self.processing_verification
        return self.processing

    @property
    def verification_text(self) -> str:
        """The intake form's checkbox: "Cần xác minh (thời hạn 5 ngày làm việc)"."""
        if self.processing_verification is None:
            return ""
        return f"{self.verification_label or 'Cần xác minh'} (thời hạn {self.processing_verification.describe()})"

    @property
    def search_key(self) -> str:
        return fold_for_search(f"{self.code} {self.name} {self.sector}")

    def to_dict(self) -> dict:
        data: dict = {
            "code": self.code, "provincial_code": self.provincial_code, "name": self.name,
            "sector": self.sector, "level": self.level,
            "processing": {"value": self.processing.value, "unit": self.processing.unit.value},
            "fee": self.fee.to_dict(),
            "documents": [d.to_dict() for d in self.documents],
            "extra_fields": [f.to_dict() for f in self.extra_fields],
            "result_documents": list(self.result_documents),
            "return_place": self.return_place,
        }
        # Written only when used: a template without them exports and hashes as before.
        if self.processing_verification is not None:
            data["processing_verification"] = {"value": self.processing_verification.value,
                                               "unit": self.processing_verification.unit.value}
            if self.verification_label:
                data["verification_label"] = self.verification_label
        if self.cross_boundary:
            data["cross_boundary"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ProcedureTemplate:
        code = str(data.get("code", "")).strip()
        name = clean_user_text(data.get("name"))
        if not code:
            raise DomainError("Thủ tục thiếu mã.", field="code")
        if not (NATIONAL_PROCEDURE_RE.match(code) or LOCAL_PROCEDURE_RE.match(code)):
            raise DomainError(f"Mã thủ tục “{code}” không đúng định dạng: mã quốc gia dạng 1.001193, hoặc mã "
                              "nội bộ viết hoa không dấu (ví dụ CT.HDGD).", field="code")
        provincial_code = str(data.get("provincial_code") or "").strip()
        if provincial_code and not PROVINCIAL_PROCEDURE_RE.match(provincial_code):
            raise DomainError(f"Mã thủ tục của tỉnh “{provincial_code}” không đúng định dạng "
                              "(ví dụ 1.001193.000.00.00.H16).", field="provincial_code")
        if not name:
            raise DomainError(f"Thủ tục {code} thiếu tên.", field="name")
        processing_time = _processing_time(data.get("processing"), code, "thời hạn giải quyết", "processing")
        verification = None
        if data.get("processing_verification") is not None:
            verification = _processing_time(data["processing_verification"], code,
                                            "thời hạn giải quyết trường hợp phải xác minh", "processing_verification")
            if verification.unit is TimeUnit.NONE:
                raise DomainError(f"Thủ tục {code}: thời hạn trường hợp phải xác minh cần một thời hạn cụ thể "
                                  "(hoặc bỏ trống nếu thủ tục không có trường hợp này).",
                                  field="processing_verification")
        verification_label = clean_user_text(data.get("verification_label")) if verification else ""
        if len(verification_label) > MAX_VERIFICATION_LABEL:
            raise DomainError(f"Thủ tục {code}: nhãn trường hợp phải xác minh dài quá {MAX_VERIFICATION_LABEL} ký tự.",
                              field="verification_label")
        extra = tuple(ExtraField.from_dict(f) for f in data.get("extra_fields", ()))
        keys = [f.key for f in extra]
        if len(keys) != len(set(keys)):
            raise DomainError(f"Thủ tục {code}: khóa trường bổ sung bị trùng.", field="extra_fields")
        return cls(
            code=code, name=name, sector=clean_user_text(data.get("sector")),
            processing=processing_time, fee=FeeRule.from_dict(data.get("fee", {"kind": "free"})),
            documents=tuple(DocumentRequirement.from_dict(d) for d in data.get("documents", ())),
            extra_fields=extra, provincial_code=provincial_code,
            level=str(data.get("level", "")),
            result_documents=tuple(str(r) for r in data.get("result_documents", ())),
            return_place=clean_user_text(str(data.get("return_place") or "")),
            processing_verification=verification, verification_label=verification_label,
            cross_boundary=bool(data.get("cross_boundary", False)),
        )


def strip_at(place: str) -> str:
    """A place without its leading "Tại " ("Tại Bộ phận Một cửa" → "Bộ phận Một cửa")."""
    place = clean_user_text(place)
    return place[4:].lstrip() if place.lower().startswith("tại ") else place


def _processing_time(raw, code: str, what: str, field: str) -> ProcessingTime:
    try:
        return ProcessingTime(float(raw["value"]), TimeUnit(raw["unit"]))
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, DomainError):
            raise
        raise DomainError(f"Thủ tục {code}: {what} không hợp lệ.", field=field) from exc


def describe_document(document: DocumentRequirement) -> str:
    counts = [f"{n} {label}" for n, label in ((document.originals, "bản chính"),
                                               (document.certified, "bản sao chứng thực"),
                                               (document.photocopies, "bản photo")) if n]
    text = f"{document.name} ({'bắt buộc' if document.required else 'nếu có'}"
    text += f"; {', '.join(counts)})" if counts else ")"
    return text + (f" — {document.note}" if document.note else "")


def describe_field(extra: ExtraField) -> str:
    text = f"{extra.label} [{extra.key}, {FIELD_TYPE_LABELS[extra.type]}{', bắt buộc' if extra.required else ''}]"
    if extra.choices:
        text += f": {' / '.join(extra.choices)}"
    if extra.pattern:
        text += f"; mẫu {extra.pattern}"
    return text


def _describe_time(time: ProcessingTime | None) -> str:
    return time.describe() if time is not None else ""


FIELD_TYPE_LABELS = {FieldType.TEXT: "chữ", FieldType.NUMBER: "số", FieldType.DATE: "ngày",
                     FieldType.CHOICE: "lựa chọn", FieldType.YES_NO: "có/không"}


def diff_templates(old: ProcedureTemplate, new: ProcedureTemplate) -> list[str]:
    """What changed from ``old`` to ``new``, one line each, in words an admin reads ("+" added,
    "−" removed, "~" changed)."""
    lines: list[str] = []

    def scalar(label: str, before, after) -> None:
        if before != after:
            lines.append(f"~ {label}: “{before or '(trống)'}” → “{after or '(trống)'}”")

    scalar("Mã thủ tục", old.code, new.code)
    scalar("Mã thủ tục của tỉnh", old.provincial_code, new.provincial_code)
    scalar("Tên", old.name, new.name)
    scalar("Lĩnh vực", old.sector, new.sector)
    scalar("Mức độ", old.level, new.level)
    scalar("Thời hạn giải quyết", old.processing.describe(), new.processing.describe())
    scalar("Thời hạn trường hợp phải xác minh", _describe_time(old.processing_verification),
           _describe_time(new.processing_verification))
    scalar("Nhãn trường hợp phải xác minh", old.verification_label, new.verification_label)
    scalar("Tiếp nhận không phụ thuộc địa giới hành chính", "Có" if old.cross_boundary else "Không",
           "Có" if new.cross_boundary else "Không")
    scalar("Lệ phí", old.fee.describe(), new.fee.describe())
    scalar("Ghi chú lệ phí", old.fee.note, new.fee.note)

    def keyed(label: str, before: dict, after: dict, describe) -> None:
        for key in before.keys() - after.keys():
            lines.append(f"− {label}: {describe(before[key])}")
        for key in after:
            if key not in before:
                lines.append(f"+ {label}: {describe(after[key])}")
            elif before[key] != after[key]:
                lines.append(f"~ {label}: {describe(before[key])} → {describe(after[key])}")
        if [k for k in before if k in after] != [k for k in after if k in before]:
            lines.append(f"~ Thứ tự {label.lower()} thay đổi")

    keyed("Giấy tờ", {d.name: d for d in old.documents}, {d.name: d for d in new.documents}, describe_document)
    keyed("Trường bổ sung", {f.key: f for f in old.extra_fields}, {f.key: f for f in new.extra_fields},
          describe_field)
    keyed("Kết quả", {r: r for r in old.result_documents}, {r: r for r in new.result_documents}, str)
    scalar("Nơi trả kết quả", old.return_place, new.return_place)
    return lines

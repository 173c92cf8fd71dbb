"""What a clerk records when receiving a dossier at the counter, and its checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from .calendar import WorkingCalendar
from .citizen import GENDERS, id_number_warnings, validate_id_number
from .errors import DomainError
from .money import format_vnd
from .procedure import ProcedureTemplate
from .text import clean_user_text

PHONE_RE = re.compile(r"^(?:\+84|0)\d{9,10}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = 120
MAX_ADDRESS = 400


def normalize_phone(raw: str) -> str:
    phone = re.sub(r"[\s.\-()]", "", raw or "")
    if phone and not PHONE_RE.match(phone):
        raise DomainError("Số điện thoại phải có 10–11 chữ số, bắt đầu bằng 0 hoặc +84.", field="phone")
    return phone


def normalize_email(raw: str) -> str:
    email = (raw or "").strip()
    if email and (not EMAIL_RE.match(email) or len(email) > 254):
        raise DomainError("Địa chỉ e-mail không hợp lệ.", field="email")
    return email


@dataclass(frozen=True)
class Person:
    full_name: str
    id_number: str
    old_id_number: str = ""
    birth_date: date | None = None
    gender: str = ""
    address: str = ""
    issue_date: date | None = None

    def cleaned(self, role: str, prefix: str = "") -> "Person":
        name = clean_user_text(self.full_name)
        if not name:
            raise DomainError(f"Chưa nhập họ và tên {role}.", field=f"{prefix}full_name")
        if len(name) > MAX_NAME:
            raise DomainError(f"Họ và tên {role} quá dài (tối đa {MAX_NAME} ký tự).", field=f"{prefix}full_name")
        number = validate_id_number(self.id_number, field_name=f"{prefix}id_number")
        old = "".join((self.old_id_number or "").split())
        if old and not (old.isdigit() and len(old) == 9):
            raise DomainError("Số CMND cũ phải có 9 chữ số.", field=f"{prefix}old_id_number")
        if self.gender and self.gender not in GENDERS:
            raise DomainError("Giới tính phải là Nam hoặc Nữ.", field=f"{prefix}gender")
        address = clean_user_text(self.address)
        if len(address) > MAX_ADDRESS:
            raise DomainError(f"Địa chỉ quá dài (tối đa {MAX_ADDRESS} ký tự).", field=f"{prefix}address")
        if self.birth_date and self.birth_date > date.today():
            raise DomainError("Ngày sinh ở tương lai.", field=f"{prefix}birth_date")
        return Person(name, number, old, self.birth_date, self.gender, address, self.issue_date)

    def warnings(self) -> list[str]:
        return id_number_warnings(self.id_number, self.birth_date, self.gender or None)


@dataclass(frozen=True)
class IntakeRequest:
    owner: Person
    procedure: ProcedureTemplate
    received_documents: tuple[bool, ...]  # one per procedure document, ticked or not
    phone: str = ""
    email: str = ""
    submitter: Person | None = None  # người nộp thay, when someone else submits
    extra_values: dict[str, str] = field(default_factory=dict)
    pages: int = 1
    copies: int = 1
    sets: int = 1
    note: str = ""


def validate_intake(request: IntakeRequest) -> IntakeRequest:
    """Return a cleaned request or raise the first problem, naming its field."""
    owner = request.owner.cleaned("người có hồ sơ")
    submitter = request.submitter.cleaned("người nộp thay", "submitter_") if request.submitter else None
    procedure = request.procedure
    if len(request.received_documents) != len(procedure.documents):
        raise DomainError("Danh sách giấy tờ không khớp với thủ tục; hãy chọn lại thủ tục.")
    missing = [doc.name for doc, ticked in zip(procedure.documents, request.received_documents)
               if doc.required and not ticked]
    if missing:
        raise DomainError(
            "Còn thiếu giấy tờ bắt buộc: " + "; ".join(missing)
            + ". Hãy đánh dấu khi đã nhận đủ, hoặc chọn “Từ chối / yêu cầu bổ sung”.",
            field="documents",
        )
    extra = {f.key: f.validate(request.extra_values.get(f.key)) for f in procedure.extra_fields}
    if request.sets < 1:
        raise DomainError("Số bộ hồ sơ phải từ 1 trở lên.", field="sets")
    if procedure.fee.needs_pages and request.pages < 1:
        raise DomainError("Số trang phải từ 1 trở lên.", field="pages")
    if procedure.fee.needs_copies and request.copies < 1:
        raise DomainError("Số bản phải từ 1 trở lên.", field="copies")
    return IntakeRequest(
        owner=owner, procedure=procedure, received_documents=tuple(request.received_documents),
        phone=normalize_phone(request.phone), email=normalize_email(request.email),
        submitter=submitter, extra_values=extra, pages=request.pages, copies=request.copies,
        sets=request.sets, note=clean_user_text(request.note),
    )


@dataclass(frozen=True)
class IntakePreview:
    fee: int
    fee_text: str
    appointment: datetime | None
    processing_text: str


def preview_intake(procedure: ProcedureTemplate, calendar: WorkingCalendar, received_at: datetime, *,
                   pages: int = 1, copies: int = 1) -> IntakePreview:
    """Fee and appointment as the clerk sees them while filling the form."""
    fee = procedure.fee.compute(pages=pages, copies=copies)
    return IntakePreview(fee, format_vnd(fee) if fee else procedure.fee.describe(),
                         calendar.appointment(received_at, procedure.processing), procedure.processing.describe())

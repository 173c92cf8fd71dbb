"""What a clerk records when receiving a dossier at the counter, and its checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from .calendar import ProcessingTime, WorkingCalendar
from .citizen import GENDERS, id_number_warnings, validate_id_number
from .clock import vietnam_now
from .errors import DomainError, Problems
from .fees import FeeKind
from .money import format_vnd
from .procedure import VERIFICATION_NOTE, ProcedureTemplate
from .text import clean_user_text

PHONE_RE = re.compile(r"^(?:\+84|0)\d{9,10}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Lengths a clerk can type. Over-long text is refused with a message, never cut silently.
MAX_NAME = 120
MAX_ADDRESS = 400
MAX_EMAIL = 254
MAX_PHONE_TYPED = 20  # "0912 345 678" with spaces and dots, before normalising
MAX_NOTE = 2000
MAX_FEE = 100_000_000  # đồng: no commune fee comes near; a typo of extra zeros is caught
MAX_DOCUMENTS_IN_LIST = 40  # papers named on one guidance or refusal form
MAX_COMPETENT_AGENCY = 300  # DossierRow.competent_agency


def normalize_phone(raw: str) -> str:
    if len(raw or "") > MAX_PHONE_TYPED:
        raise DomainError(f"Số điện thoại quá dài (tối đa {MAX_PHONE_TYPED} ký tự).", field="phone")
    phone = re.sub(r"[\s.\-()]", "", raw or "")
    if phone and not PHONE_RE.match(phone):
        raise DomainError("Số điện thoại phải có 10–11 chữ số, bắt đầu bằng 0 hoặc +84.", field="phone")
    return phone


def normalize_email(raw: str) -> str:
    email = (raw or "").strip()
    if len(email) > MAX_EMAIL:
        raise DomainError(f"Địa chỉ e-mail quá dài (tối đa {MAX_EMAIL} ký tự).", field="email")
    if email and not EMAIL_RE.match(email):
        raise DomainError("Địa chỉ e-mail không hợp lệ.", field="email")
    return email


class IntakeProblems(Problems):
    """Every problem of an intake form at once; the intake page puts each under its field."""

    def __init__(self, problems: list[DomainError]):
        super().__init__(problems)
        if len(problems) > 1:
            self.args = (f"{problems[0]} (và {len(problems) - 1} lỗi khác, ghi cạnh từng ô)",)


class _Checker:
    """Runs checks, keeping every DomainError instead of stopping at the first."""

    def __init__(self):
        self.problems: list[DomainError] = []

    def check(self, function, *args, default=None, **kwargs):
        try:
            return function(*args, **kwargs)
        except IntakeProblems as many:
            self.problems.extend(many.problems)
        except DomainError as error:
            self.problems.append(error)
        return default

    def add(self, message: str, field: str) -> None:
        self.problems.append(DomainError(message, field=field))

    def raise_any(self) -> None:
        if self.problems:
            raise IntakeProblems(self.problems)


@dataclass(frozen=True)
class Person:
    full_name: str
    id_number: str
    old_id_number: str = ""
    birth_date: date | None = None
    gender: str = ""
    address: str = ""
    issue_date: date | None = None

    def cleaned(self, role: str, prefix: str = "", *, id_required: bool = True,
                today: date | None = None) -> Person:
        checker = _Checker()
        name = clean_user_text(self.full_name)
        if not name:
            checker.add(f"Chưa nhập họ và tên {role}.", f"{prefix}full_name")
        elif len(name) > MAX_NAME:
            checker.add(f"Họ và tên {role} quá dài (tối đa {MAX_NAME} ký tự, đang có {len(name)}).",
                        f"{prefix}full_name")
        number = ""
        if id_required or "".join((self.id_number or "").split()):
            number = checker.check(validate_id_number, self.id_number, field_name=f"{prefix}id_number",
                                   default="")
        old = "".join((self.old_id_number or "").split())
        if old and not (old.isdigit() and len(old) == 9):
            checker.add("Số CMND cũ phải có 9 chữ số.", f"{prefix}old_id_number")
        if self.gender and self.gender not in GENDERS:
            checker.add("Giới tính phải là Nam hoặc Nữ.", f"{prefix}gender")
        address = clean_user_text(self.address)
        if len(address) > MAX_ADDRESS:
            checker.add(f"Địa chỉ quá dài (tối đa {MAX_ADDRESS} ký tự, đang có {len(address)}).", f"{prefix}address")
        if self.birth_date and self.birth_date > (today or vietnam_now().date()):
            checker.add("Ngày sinh ở tương lai.", f"{prefix}birth_date")
        checker.raise_any()
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
    # What the clerk collected when the procedure's fee is not configured (FeeKind.UNSET): an amount,
    # 0 for "không thu". None otherwise (the fee rule computes it).
    fee_collected: int | None = None
    # The clerk chose the longer time of a procedure that may need verification (processing_verification).
    with_verification: bool = False
    # A dossier received regardless of residence (cross_boundary): the agency that decides, when not this one.
    competent_agency: str = ""

    @property
    def processing(self) -> ProcessingTime:
        """The time the appointment counts: the longer one when the clerk chose verification."""
        return self.procedure.processing_for(self.with_verification)


def check_competent_agency(procedure: ProcedureTemplate, raw: str) -> str:
    """The competent agency as stored: only for a procedure received regardless of residence."""
    text = clean_user_text(raw)
    if not procedure.cross_boundary:
        return ""
    if len(text) > MAX_COMPETENT_AGENCY:
        raise DomainError(f"Tên cơ quan có thẩm quyền giải quyết quá dài (tối đa {MAX_COMPETENT_AGENCY} ký tự, "
                          f"đang có {len(text)}).", field="competent_agency")
    return text


def check_fee_collected(procedure: ProcedureTemplate, fee_collected: int | None) -> int | None:
    if procedure.fee.kind is not FeeKind.UNSET:
        return None
    if fee_collected is None:
        raise DomainError("Lệ phí của thủ tục này chưa được cấu hình: nhập số tiền đã thu, hoặc chọn “Không thu”.",
                          field="fee")
    if not 0 <= fee_collected <= MAX_FEE:
        raise DomainError(f"Số tiền thu phải từ 0 đến {format_vnd(MAX_FEE)}.", field="fee")
    return fee_collected


def validate_intake(request: IntakeRequest) -> IntakeRequest:
    """Return a cleaned request, or raise IntakeProblems naming every problem and its field."""
    checker = _Checker()
    owner = checker.check(request.owner.cleaned, "người có hồ sơ")
    submitter = (checker.check(request.submitter.cleaned, "người nộp thay", "submitter_")
                 if request.submitter else None)
    procedure = request.procedure
    phone = checker.check(normalize_phone, request.phone, default="")
    email = checker.check(normalize_email, request.email, default="")
    if len(request.received_documents) != len(procedure.documents):
        checker.add("Danh sách giấy tờ không khớp với thủ tục; hãy chọn lại thủ tục.", "documents")
    else:
        missing = [doc.name for doc, ticked in zip(procedure.documents, request.received_documents, strict=True)
                   if doc.required and not ticked]
        if missing:
            checker.add("Còn thiếu giấy tờ bắt buộc: " + "; ".join(missing)
                        + ". Hãy đánh dấu khi đã nhận đủ, hoặc bấm “Hướng dẫn bổ sung / Từ chối…”.", "documents")
    extra = {}
    for extra_field in procedure.extra_fields:
        extra[extra_field.key] = checker.check(extra_field.validate, request.extra_values.get(extra_field.key),
                                               default="")
    if request.sets < 1:
        checker.add("Số bộ hồ sơ phải từ 1 trở lên.", "sets")
    if procedure.fee.needs_pages and request.pages < 1:
        checker.add("Số trang phải từ 1 trở lên.", "pages")
    if procedure.fee.needs_copies and request.copies < 1:
        checker.add("Số bản phải từ 1 trở lên.", "copies")
    fee_collected = checker.check(check_fee_collected, procedure, request.fee_collected)
    note = clean_user_text(request.note)
    if len(note) > MAX_NOTE:
        checker.add(f"Ghi chú quá dài (tối đa {MAX_NOTE} ký tự).", "note")
    competent_agency = checker.check(check_competent_agency, procedure, request.competent_agency, default="")
    checker.raise_any()
    return IntakeRequest(
        owner=owner, procedure=procedure, received_documents=tuple(request.received_documents),
        phone=phone, email=email, submitter=submitter, extra_values=extra, pages=request.pages,
        copies=request.copies, sets=request.sets, note=note, fee_collected=fee_collected,
        # A procedure without a longer time has nothing to choose.
        with_verification=bool(request.with_verification and procedure.processing_verification is not None),
        competent_agency=competent_agency,
    )


def intake_fee(request: IntakeRequest) -> int:
    """What the citizen pays: the fee rule's amount, or what the clerk typed for an unconfigured fee."""
    if request.procedure.fee.kind is FeeKind.UNSET:
        return request.fee_collected or 0
    return request.procedure.fee.compute(pages=request.pages, copies=request.copies)


class OutcomeKind(StrEnum):
    """What a clerk gives instead of a receipt when the papers do not allow one (DOMAIN.md §1)."""

    GUIDANCE = "guidance"  # phiếu hướng dẫn / yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)
    REFUSAL = "refusal"  # phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)

    @property
    def letter(self) -> str:
        """The letter of the form's reference number: B(ổ sung) or T(ừ chối)."""
        return "B" if self is OutcomeKind.GUIDANCE else "T"

    @property
    def label(self) -> str:
        return "phiếu hướng dẫn bổ sung hồ sơ" if self is OutcomeKind.GUIDANCE else "phiếu từ chối tiếp nhận hồ sơ"


@dataclass(frozen=True)
class OutcomeRequest:
    """Guidance or refusal at the counter, from what was typed on the intake form: no dossier code exists."""

    kind: OutcomeKind
    owner: Person  # the name is required; the ID number only if the citizen showed a card
    procedure: ProcedureTemplate
    documents: tuple[str, ...]  # papers missing or to correct (guidance); may be empty for a refusal
    reason: str
    phone: str = ""
    email: str = ""

    def __post_init__(self):
        object.__setattr__(self, "kind", OutcomeKind(self.kind))  # "guidance" as well as OutcomeKind.GUIDANCE


def validate_outcome(request: OutcomeRequest, *, today: date | None = None) -> OutcomeRequest:
    checker = _Checker()
    owner = checker.check(request.owner.cleaned, "người nộp hồ sơ", id_required=False, today=today)
    phone = checker.check(normalize_phone, request.phone, default="")
    email = checker.check(normalize_email, request.email, default="")
    documents = tuple(dict.fromkeys(clean_user_text(d) for d in request.documents if clean_user_text(d)))
    if len(documents) > MAX_DOCUMENTS_IN_LIST:
        checker.add(f"Một phiếu ghi tối đa {MAX_DOCUMENTS_IN_LIST} giấy tờ.", "documents")
    if any(len(d) > 400 for d in documents):
        checker.add("Tên giấy tờ dài quá 400 ký tự.", "documents")
    reason = clean_user_text(request.reason)
    if request.kind is OutcomeKind.GUIDANCE:
        if not documents:
            checker.add("Chọn ít nhất một giấy tờ còn thiếu hoặc cần sửa.", "documents")
    elif len(reason) < 5:
        checker.add("Cần ghi rõ lý do từ chối (ít nhất 5 ký tự).", "reason")
    if len(reason) > MAX_NOTE:
        checker.add(f"Lý do dài quá {MAX_NOTE} ký tự (đang có {len(reason)}).", "reason")
    checker.raise_any()
    return replace(request, owner=owner, phone=phone, email=email, documents=documents, reason=reason)


def outcome_reference(agency_code: str, day: date, kind: OutcomeKind, sequence: int) -> str:
    """``000.00.53.H16-261123-B0001``: never confused with a dossier code (whose last part is 4 digits)."""
    return f"{agency_code}-{day:%y%m%d}-{kind.letter}{sequence:04d}"


@dataclass(frozen=True)
class IntakePreview:
    fee: int
    fee_text: str
    appointment: datetime | None
    processing_text: str


def preview_intake(procedure: ProcedureTemplate, calendar: WorkingCalendar, received_at: datetime, *,
                   pages: int = 1, copies: int = 1, with_verification: bool = False) -> IntakePreview:
    """Fee and appointment as the clerk sees them while filling the form (the longer time when the clerk
    ticked verification)."""
    fee = procedure.fee.compute(pages=pages, copies=copies)
    fee_text = (format_vnd(fee) if fee else "Chưa cấu hình: nhập số tiền thu" if procedure.fee.kind is FeeKind.UNSET
                else procedure.fee.describe())
    processing = procedure.processing_for(with_verification)
    text = processing.describe()
    if processing is not procedure.processing:
        text += f" ({VERIFICATION_NOTE})"
    return IntakePreview(fee, fee_text, calendar.appointment(received_at, processing), text)

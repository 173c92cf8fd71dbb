"""The REST contract, as pydantic models: they validate every request and generate openapi.json.

Unknown fields are refused, text is normalised to NFC and may not carry control characters,
times must carry their offset and lie between 2000 and 2100.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from annotated_types import GroupedMetadata, MaxLen, MinLen
from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from contract import feedback as FB

from .clock import iso_vietnam

AGENCY_PATTERN = r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$"
DOSSIER_CODE_PATTERN = r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
# Guidance (B, Mẫu 02) or refusal (T, Mẫu 03) given at the counter before any dossier code exists.
INTAKE_REFERENCE_PATTERN = r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-[BT]\d{3,4}$"
SIGNATURE_PATTERN = r"^[A-Za-z0-9_-]{86}$"  # Ed25519: 64 bytes, base64url without padding


# Unicode category Cc is exactly U+0000–U+001F and U+007F–U+009F; tab and newline are allowed.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean_text(value: str) -> str:
    if not value.isascii() and not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if _CONTROL.search(value):
        raise ValueError("Văn bản có ký tự điều khiển không hợp lệ.")
    return value


def _in_range(value: datetime) -> datetime:
    if not 2000 <= value.year <= 2100:
        raise ValueError("Thời điểm phải nằm trong khoảng năm 2000–2100.")
    return value


@dataclass(frozen=True)
class Text(GroupedMetadata):
    """The rules of a text field, ``Annotated[str, Text(200, 1)]``: ``min_length`` to ``max_length`` characters,
    normalised to NFC, no control characters."""

    max_length: int
    min_length: int = 0

    def __iter__(self) -> Iterator[object]:
        yield MinLen(self.min_length)
        yield MaxLen(self.max_length)
        yield AfterValidator(_clean_text)


DocumentName = Annotated[str, Text(400, 1)]  # a paper to bring or a missing one, by name

Moment = Annotated[AwareDatetime, AfterValidator(_in_range)]
TxnId = Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$",
                             description="Client transaction id: the same id replayed gets the same answer")]
StatusCode = Annotated[int, Field(ge=1, le=10, description="TrangThaiHoSo")]


def _stored_vietnam_time(value):
    return iso_vietnam(value) if isinstance(value, datetime) else value


# A stored time (naive Vietnam wall time, models.py) said with its offset: 2026-11-23T09:15:00+07:00.
VietnamTime = Annotated[str, BeforeValidator(_stored_vietnam_time)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FromRows(BaseModel):
    """An answer read from a database row (an ORM object or a query's row), by attribute."""

    model_config = ConfigDict(from_attributes=True)


class ErrorOut(BaseModel):
    error: str = Field(description="machine-readable error code")
    message: str = Field(description="explanation in Vietnamese")


# -- enrollment and tokens -----------------------------------------------------------------
class EnrollIn(Strict):
    code: Annotated[str, Text(20, 1)]
    desk_name: Annotated[str, Text(100, 1)]
    public_key: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{43}$", description="Ed25519 public key, "
                                                                                  "raw 32 bytes, base64url")]


class CommuneOut(FromRows):
    agency_code: str
    name: str
    parent_authority: str


class EnrollOut(BaseModel):
    client_id: str
    client_secret: str
    commune: CommuneOut


class TokenIn(Strict):
    grant_type: Literal["client_credentials"]
    client_id: Annotated[str, Text(40, 1)]
    client_secret: Annotated[str, Text(100, 1)]


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


# -- dossiers ------------------------------------------------------------------------------
class Identity(Strict):
    kind: Literal[1, 2] = Field(description="LoaiDinhDanh: 1 số định danh 12 số, 2 CMND 9 số")
    number: Annotated[str, Field(pattern=r"^(\d{12}|\d{9})$")]


class DocumentRef(Strict):
    name: Annotated[str, Text(400, 1)]
    document_code: Annotated[str, Text(60)] = ""
    file_sha256: Annotated[str, Field(pattern=SHA256_PATTERN)] | None = None
    file_name: Annotated[str, Text(255)] = ""
    digitized: Literal[0, 1, 2, 3] = Field(0, description="0 chưa số hóa, 1 số hóa, 2 tái sử dụng, "
                                                          "3 tái sử dụng từ kết quả hồ sơ khác")


class FeeItem(Strict):
    name: Annotated[str, Text(300, 1)]
    code: Annotated[str, Text(60)] = ""
    amount: Annotated[int, Field(ge=0, le=10_000_000_000)]


class DossierRecord(Strict):
    procedure_code: Annotated[str, Text(40, 1)]
    procedure_name: Annotated[str, Text(400, 1)]
    sector_code: Annotated[str, Text(40)] = ""
    sector_name: Annotated[str, Text(200)] = ""
    channel: Literal[1, 2, 3] = Field(1, description="KenhThucHien: 1 trực tiếp, 2 trực tuyến, 3 bưu chính")
    owner_name: Annotated[str, Text(200, 1)]
    owner_kind: Literal[1, 2, 3, 4] = Field(1, description="LoaiDoiTuong")
    phone: Annotated[str, Field(max_length=20, pattern=r"^(\+84|0)?\d{0,11}$")] = ""
    email: Annotated[str, Text(254)] = ""
    summary: Annotated[str, Text(1000)] = ""
    received_at: Moment
    appointment_at: Moment | None = None
    return_method: Literal[0, 1] = Field(0, description="HinhThuc: 0 trực tiếp, 1 bưu chính")
    place_submitted: Annotated[str, Text(300)] = ""
    return_place: Annotated[str, Text(300)] = ""
    identities: Annotated[list[Identity], Field(max_length=5)] = []
    documents: Annotated[list[DocumentRef], Field(max_length=100)] = []
    fees: Annotated[list[FeeItem], Field(max_length=20)] = []
    clerk: Annotated[str, Text(200)] = ""
    competent_agency: Annotated[str, Text(300)] = Field(
        "", description="a dossier received regardless of residence (phi địa giới, Nghị định 118/2025): the agency "
                        "competent to decide, when it is not the receiving one")
    with_verification: bool = Field(False, description="the procedure's longer time was chosen at intake because "
                                                       "the case needs verification")
    receipt_seal: Annotated[str, Field(pattern=SIGNATURE_PATTERN)] | None = Field(
        None, description="the desk's Ed25519 seal over the facts fixed at intake (docs/REST.md, “Check code”), "
                          "base64url; the receipt's check code is derived from it")
    receipt_unsigned: bool = Field(False, description="a receipt without signature was printed for this dossier "
                                                      "(before the desk was enrolled), or the desk cannot tell")


class DossierUpsertIn(Strict):
    client_txn_id: TxnId
    record: DossierRecord


class DossierOut(FromRows):
    code: str
    status: int
    status_label: str
    version: int
    record: dict
    to_bring: list[str]


class EventIn(Strict):
    client_txn_id: TxnId
    status: StatusCode
    at: Moment
    actor: Annotated[str, Text(200, 1)]
    actor_title: Annotated[str, Text(200)] = ""
    unit: Annotated[str, Text(300)] = ""
    note: Annotated[str, Text(2000)] = ""
    documents: Annotated[list[DocumentName], Field(max_length=50)] = Field(
        [], description="with status 5: the documents to bring")
    appointment_at: Moment | None = Field(
        None, description="a new appointment: after a supplement (status 2) or with an apology for a delay "
                          "(the dossier's current status, unchanged)")
    kind: Annotated[str, Text(30)] = Field(
        "", description="the desk's step: receive, supplement, supplement_received, apology, stop, handover, "
                        "result, return, … (empty from older desks)")
    extension_basis: Annotated[str, Text(500)] = Field(
        "", description="with an apology: the legal basis of a lawful extension; the new appointment is then the "
                        "deadline lateness is judged against. Empty: an apology for a delay, the deadline stays")
    legal_basis: Annotated[str, Text(500)] = Field("", description="with status 8: the rule processing stops under")


class EventOut(BaseModel):
    code: str
    status: int
    event_id: int


class InboxAcceptIn(Strict):
    client_txn_id: TxnId
    clerk: Annotated[str, Text(200, 1)]
    appointment_at: Moment | None = None


class InboxRefuseIn(Strict):
    client_txn_id: TxnId
    clerk: Annotated[str, Text(200, 1)]
    reason: Annotated[str, Text(2000, 1)]


class InboxSupplementIn(Strict):
    client_txn_id: TxnId
    clerk: Annotated[str, Text(200, 1)]
    documents: Annotated[list[DocumentName], Field(min_length=1, max_length=50)]
    reason: Annotated[str, Text(2000)] = ""


class ChangeOut(FromRows):
    kind: Literal["status", "online_dossier", "catalog"]
    dossier_code: str
    payload: dict


class ChangesPage(BaseModel):
    changes: list[ChangeOut]
    next_cursor: str
    has_more: bool


class CatalogOut(BaseModel):
    etag: str
    procedures: list[dict]


class RatingIn(Strict):
    client_txn_id: TxnId
    level: Literal[1, 2, 3] = Field(description="1 rất hài lòng, 2 hài lòng, 3 không hài lòng")
    source: Literal["counter", "kiosk", "web"]


class PublicRatingIn(Strict):
    sig: Annotated[str, Field(min_length=20, max_length=200, pattern=r"^[A-Za-z0-9_-]+$")]
    level: Literal[1, 2, 3]


class RatingOut(BaseModel):
    code: str
    level: int


FeedbackCategory = Annotated[str, Field(pattern="^(" + "|".join(FB.CATEGORIES) + ")$",
                                         description="contract/feedback.py CATEGORIES")]
FeedbackDossier = Annotated[str, Field(pattern=r"^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4})?$",
                                       description="the dossier it concerns, if any")]
FeedbackPhone = Annotated[str, Field(max_length=20, pattern=r"^((\+84|0)\d{8,10})?$")]
FeedbackEmail = Annotated[str, Field(max_length=254, pattern=r"^([^@\s]{1,64}@[^@\s]+\.[^@\s]{2,})?$")]


# -- public ------------------------------------------------------------------------------
class TrackingOut(BaseModel):
    code: str
    verified: bool
    message: str
    needs: Literal["check_code", "id_last4"] | None = Field(
        None, description="unverified: the proof to ask for, the receipt's check code (query ma) or the last "
                          "4 digits of the owner's ID number (query so, receipts printed without signature)")
    status: int | None = None
    status_label: str | None = None
    status_text: str | None = None
    appointment_at: str | None = None
    owner_masked: str | None = None
    procedure_name: str | None = None
    to_bring: list[str] = []
    return_place: str | None = None


class PublicFeedbackIn(Strict):
    """Feedback sent from the tracking page's JSON twin (the HTML form posts the same fields)."""

    form_token: Annotated[str, Field(max_length=200, description="the signed time the form was given (GET "
                                                                  "/api/v1/feedback/form): sent 5 s to 2 h later")]
    website: Annotated[str, Field(max_length=200, description="a field people never see: left empty")] = ""
    commune: Annotated[str, Field(pattern=r"^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$",
                                  description="the commune's agency code when no dossier code is given")] = ""
    dossier_code: FeedbackDossier = ""
    category: FeedbackCategory
    text: Annotated[str, Text(FB.MAX_TEXT, FB.MIN_TEXT)]
    citizen_name: Annotated[str, Text(FB.MAX_NAME)] = ""
    phone: FeedbackPhone = ""
    email: FeedbackEmail = ""


class FeedbackFormOut(BaseModel):
    form_token: str
    communes: list[dict[str, str]] = Field(description="agency_code and name of each commune")
    categories: dict[str, str]


class FeedbackRecordIn(Strict):
    """Feedback a desk recorded (counter or kiosk), put by its code."""

    client_txn_id: TxnId
    channel: Literal["counter", "kiosk"]
    category: FeedbackCategory
    dossier_code: FeedbackDossier = ""
    text: Annotated[str, Text(FB.MAX_TEXT, FB.MIN_TEXT)]
    citizen_name: Annotated[str, Text(FB.MAX_NAME)] = ""
    phone: FeedbackPhone = ""
    email: FeedbackEmail = ""
    received_at: Moment
    due_at: Moment


class FeedbackAnswerIn(Strict):
    client_txn_id: TxnId
    answer: Annotated[str, Text(FB.MAX_ANSWER, FB.MIN_TEXT)]
    answered_at: Moment
    answered_by: Annotated[str, Text(200, 1)]


class AdminFeedbackAnswerIn(Strict):
    answer: Annotated[str, Text(FB.MAX_ANSWER, FB.MIN_TEXT)]
    answered_by: Annotated[str, Text(200, 1)]


class FeedbackItemOut(FromRows):
    """A feedback as its commune and the province's staff see it (contact details included: never public)."""

    code: str
    commune: str | None = Field(description="the agency code of the commune it is routed to")
    channel: str
    category: str
    dossier_code: str
    text: str
    citizen_name: str
    phone: str
    email: str
    received_at: VietnamTime
    due_at: VietnamTime
    status: Literal["open", "answered"]
    answer: str
    answered_at: VietnamTime | None
    answered_by: str
    answered_where: str
    version: int


class FeedbackPage(BaseModel):
    items: list[FeedbackItemOut]
    next_cursor: str
    has_more: bool


class FeedbackPublicOut(BaseModel):
    """What anyone holding a feedback's code reads: no text, no contact, the name masked."""

    code: str
    commune_name: str
    category: str
    channel: str
    received_at: str
    due_at: str
    status: str
    status_label: str
    citizen_masked: str
    answer: str
    answered_at: str | None


# -- guidance and refusal at intake ----------------------------------------------------------
class IntakeOutcomeIn(Strict):
    client_txn_id: TxnId
    kind: Literal["guidance", "refusal"] = Field(description="guidance: Mẫu 02 (reference …-B001), "
                                                             "refusal: Mẫu 03 (reference …-T001)")
    at: Moment
    procedure_code: Annotated[str, Text(40, 1)]
    procedure_name: Annotated[str, Text(400, 1)]
    owner_name: Annotated[str, Text(200, 1)]
    owner_id_number: Annotated[str, Field(pattern=r"^(\d{12}|\d{9})?$")] = ""
    phone: Annotated[str, Field(max_length=20, pattern=r"^(\+84|0)?\d{0,11}$")] = ""
    documents: Annotated[list[DocumentName], Field(max_length=100)] = Field(
        [], description="the papers missing or to correct, by name")
    reason: Annotated[str, Text(2000)] = ""
    clerk: Annotated[str, Text(200, 1)]


class IntakeOutcomeOut(FromRows):
    reference: str
    kind: str
    version: int


# -- admin and the processing simulator -----------------------------------------------------
class CommuneIn(Strict):
    agency_code: Annotated[str, Field(pattern=AGENCY_PATTERN)]
    name: Annotated[str, Text(300, 1)]
    parent_authority: Annotated[str, Text(200, 1)]


class EnrollmentCodeOut(BaseModel):
    code: str
    expires_utc: datetime


class DeskOut(FromRows):
    client_id: str
    name: str
    agency_code: str
    revoked: bool


class ProvinceStatusIn(Strict):
    status: StatusCode
    handler: Annotated[str, Text(200, 1)]
    handler_title: Annotated[str, Text(200)] = ""
    unit: Annotated[str, Text(300, 1)]
    note: Annotated[str, Text(2000)] = ""
    at: Moment | None = None
    due_at: Moment | None = None
    documents: Annotated[list[DocumentName], Field(max_length=50)] = []


class OnlineDossierIn(Strict):
    agency_code: Annotated[str, Field(pattern=AGENCY_PATTERN)]
    record: DossierRecord


class CatalogIn(Strict):
    procedures: Annotated[list[dict], Field(max_length=2000)]


# -- recovery: audit anchors and the rebuild export ------------------------------------------
class AuditAnchorIn(Strict):
    client_txn_id: TxnId
    head_hash: Annotated[str, Field(pattern=SHA256_PATTERN, description="the head of the desk's audit chain, "
                                                                       "64 lowercase hex digits")]
    entries: Annotated[int, Field(ge=0, le=2**53 - 1, description="entries in the chain up to that head")]
    at: Moment


class AuditAnchorOut(FromRows):
    seq: int
    head_hash: str
    entries: int
    at: VietnamTime = Field(description="Vietnam time with its offset")


class ExportEventOut(FromRows):
    from_status: int
    to_status: int
    source: Literal["desk", "province", "online"]
    actor: str
    unit: str
    note: str
    at: VietnamTime
    due_at: VietnamTime | None


class ExportDossierOut(FromRows):
    code: str
    status: int
    version: int
    record: dict
    to_bring: list[str]
    events: list[ExportEventOut]


class ExportPage(BaseModel):
    items: list[ExportDossierOut]
    next_cursor: str
    has_more: bool

"""The REST contract, as pydantic models: they validate every request and generate openapi.json.

Unknown fields are refused, text is normalised to NFC and may not carry control characters,
times must carry their offset and lie between 2000 and 2100.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

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


def Text(max_length: int, min_length: int = 0):  # noqa: N802 - reads like a type
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(_clean_text)]


Moment = Annotated[AwareDatetime, AfterValidator(_in_range)]
TxnId = Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$",
                             description="Client transaction id: the same id replayed gets the same answer")]
StatusCode = Annotated[int, Field(ge=1, le=10, description="TrangThaiHoSo")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorOut(BaseModel):
    error: str = Field(description="machine-readable error code")
    message: str = Field(description="explanation in Vietnamese")


# -- enrollment and tokens -----------------------------------------------------------------
class EnrollIn(Strict):
    code: Text(20, 1)
    desk_name: Text(100, 1)
    public_key: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{43}$", description="Ed25519 public key, "
                                                                                  "raw 32 bytes, base64url")]


class CommuneOut(BaseModel):
    agency_code: str
    name: str
    parent_authority: str


class EnrollOut(BaseModel):
    client_id: str
    client_secret: str
    commune: CommuneOut


class TokenIn(Strict):
    grant_type: Literal["client_credentials"]
    client_id: Text(40, 1)
    client_secret: Text(100, 1)


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


# -- dossiers ------------------------------------------------------------------------------
class Identity(Strict):
    kind: Literal[1, 2] = Field(description="LoaiDinhDanh: 1 số định danh 12 số, 2 CMND 9 số")
    number: Annotated[str, Field(pattern=r"^(\d{12}|\d{9})$")]


class DocumentRef(Strict):
    name: Text(400, 1)
    document_code: Text(60) = ""
    file_sha256: Annotated[str, Field(pattern=SHA256_PATTERN)] | None = None
    file_name: Text(255) = ""
    digitized: Literal[0, 1, 2, 3] = Field(0, description="0 chưa số hóa, 1 số hóa, 2 tái sử dụng, "
                                                          "3 tái sử dụng từ kết quả hồ sơ khác")


class FeeItem(Strict):
    name: Text(300, 1)
    code: Text(60) = ""
    amount: Annotated[int, Field(ge=0, le=10_000_000_000)]


class DossierRecord(Strict):
    procedure_code: Text(40, 1)
    procedure_name: Text(400, 1)
    sector_code: Text(40) = ""
    sector_name: Text(200) = ""
    channel: Literal[1, 2, 3] = Field(1, description="KenhThucHien: 1 trực tiếp, 2 trực tuyến, 3 bưu chính")
    owner_name: Text(200, 1)
    owner_kind: Literal[1, 2, 3, 4] = Field(1, description="LoaiDoiTuong")
    phone: Annotated[str, Field(max_length=20, pattern=r"^(\+84|0)?\d{0,11}$")] = ""
    email: Text(254) = ""
    summary: Text(1000) = ""
    received_at: Moment
    appointment_at: Moment | None = None
    return_method: Literal[0, 1] = Field(0, description="HinhThuc: 0 trực tiếp, 1 bưu chính")
    place_submitted: Text(300) = ""
    return_place: Text(300) = ""
    identities: Annotated[list[Identity], Field(max_length=5)] = []
    documents: Annotated[list[DocumentRef], Field(max_length=100)] = []
    fees: Annotated[list[FeeItem], Field(max_length=20)] = []
    clerk: Text(200) = ""
    receipt_seal: Annotated[str, Field(pattern=SIGNATURE_PATTERN)] | None = Field(
        None, description="the desk's Ed25519 seal over the facts fixed at intake (docs/REST.md, “Check code”), "
                          "base64url; the receipt's check code is derived from it")
    receipt_unsigned: bool = Field(False, description="a receipt without signature was printed for this dossier "
                                                      "(before the desk was enrolled), or the desk cannot tell")


class DossierUpsertIn(Strict):
    client_txn_id: TxnId
    record: DossierRecord


class DossierOut(BaseModel):
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
    actor: Text(200, 1)
    actor_title: Text(200) = ""
    unit: Text(300) = ""
    note: Text(2000) = ""
    documents: Annotated[list[Text(400, 1)], Field(max_length=50)] = Field(
        [], description="with status 5: the documents to bring")
    appointment_at: Moment | None = Field(
        None, description="a new appointment: after a supplement (status 2) or with an apology for a delay "
                          "(the dossier's current status, unchanged)")


class EventOut(BaseModel):
    code: str
    status: int
    event_id: int


class InboxAcceptIn(Strict):
    client_txn_id: TxnId
    clerk: Text(200, 1)
    appointment_at: Moment | None = None


class InboxRefuseIn(Strict):
    client_txn_id: TxnId
    clerk: Text(200, 1)
    reason: Text(2000, 1)


class InboxSupplementIn(Strict):
    client_txn_id: TxnId
    clerk: Text(200, 1)
    documents: Annotated[list[Text(400, 1)], Field(min_length=1, max_length=50)]
    reason: Text(2000) = ""


class ChangeOut(BaseModel):
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


class FeedbackIn(Strict):
    name: Text(200, 1)
    phone: Annotated[str, Field(max_length=20, pattern=r"^(\+84|0)?\d{0,11}$")] = ""
    email: Text(254) = ""
    address: Text(400) = ""
    title: Text(300, 1)
    content: Text(5000, 1)
    public: bool = False


class FeedbackOut(BaseModel):
    id: int
    title: str
    content: str
    status: str
    reply: str


# -- guidance and refusal at intake ----------------------------------------------------------
class IntakeOutcomeIn(Strict):
    client_txn_id: TxnId
    kind: Literal["guidance", "refusal"] = Field(description="guidance: Mẫu 02 (reference …-B001), "
                                                             "refusal: Mẫu 03 (reference …-T001)")
    at: Moment
    procedure_code: Text(40, 1)
    procedure_name: Text(400, 1)
    owner_name: Text(200, 1)
    owner_id_number: Annotated[str, Field(pattern=r"^(\d{12}|\d{9})?$")] = ""
    phone: Annotated[str, Field(max_length=20, pattern=r"^(\+84|0)?\d{0,11}$")] = ""
    documents: Annotated[list[Text(400, 1)], Field(max_length=100)] = Field(
        [], description="the papers missing or to correct, by name")
    reason: Text(2000) = ""
    clerk: Text(200, 1)


class IntakeOutcomeOut(BaseModel):
    reference: str
    kind: str
    version: int


# -- admin and the processing simulator -----------------------------------------------------
class CommuneIn(Strict):
    agency_code: Annotated[str, Field(pattern=AGENCY_PATTERN)]
    name: Text(300, 1)
    parent_authority: Text(200, 1)


class EnrollmentCodeOut(BaseModel):
    code: str
    expires_utc: datetime


class DeskOut(BaseModel):
    client_id: str
    name: str
    agency_code: str
    revoked: bool


class ProvinceStatusIn(Strict):
    status: StatusCode
    handler: Text(200, 1)
    handler_title: Text(200) = ""
    unit: Text(300, 1)
    note: Text(2000) = ""
    at: Moment | None = None
    due_at: Moment | None = None
    documents: Annotated[list[Text(400, 1)], Field(max_length=50)] = []


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


class AuditAnchorOut(BaseModel):
    seq: int
    head_hash: str
    entries: int
    at: str = Field(description="Vietnam time with its offset")


class ExportEventOut(BaseModel):
    from_status: int
    to_status: int
    source: Literal["desk", "province", "online"]
    actor: str
    unit: str
    note: str
    at: str
    due_at: str | None


class ExportDossierOut(BaseModel):
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

"""The rest of a dossier's life after intake: receipt scans, deadlines, hand-over (DOMAIN.md §2, §3, §5).

Pure rules; the services write what these decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from urllib.parse import parse_qs, unquote, urlsplit

from .citizen import validate_id_number
from .codes import DossierCode
from .errors import DomainError
from .status import DossierStatus
from .text import clean_user_text

_S = DossierStatus

# While the dossier is in these statuses the processing clock runs, so a passed appointment
# is a delay. Waiting for a supplement stops the clock (DOMAIN.md §5); a dossier that is
# ready, returned, refused, withdrawn or stopped cannot be late any more.
CLOCK_RUNNING = frozenset({_S.RECEIVED, _S.PROCESSING, _S.FINANCIAL_OBLIGATION})

# Satisfaction at result return (DOMAIN.md §8), the codes of the contract's RatingIn.
RATING_LABELS = {1: "Rất hài lòng", 2: "Hài lòng", 3: "Không hài lòng"}

# What a citizen reads on the kiosk: plain words, not the portal's status names.
PLAIN_WORDS = {
    _S.NEW_ONLINE: "Hồ sơ nộp trực tuyến đang chờ cán bộ tiếp nhận.",
    _S.RECEIVED: "Hồ sơ đã được tiếp nhận và đang chờ xử lý.",
    _S.REFUSED: "Hồ sơ không được tiếp nhận. Lý do ghi trong phiếu từ chối.",
    _S.PROCESSING: "Hồ sơ đang được xử lý.",
    _S.SUPPLEMENT_REQUESTED: "Cần bổ sung giấy tờ. Vui lòng mang các giấy tờ dưới đây đến nơi đã nộp hồ sơ.",
    _S.FINANCIAL_OBLIGATION: "Cần nộp nghĩa vụ tài chính trước khi nhận kết quả.",
    _S.WITHDRAWN: "Hồ sơ đã được rút theo yêu cầu của công dân.",
    _S.STOPPED: "Hồ sơ đã dừng xử lý.",
    _S.RESULT_READY: "Đã có kết quả. Mời ông/bà đến nơi đã nộp hồ sơ nhận kết quả.",
    _S.RETURNED: "Đã trả kết quả.",
}


@dataclass(frozen=True)
class ReceiptScan:
    """What a receipt's barcode (the bare code) or QR (the tracking URL) carries."""

    code: str
    signature: str | None  # None: a bare barcode; "" : a QR without a signature
    from_qr: bool


def parse_receipt_scan(text: str) -> ReceiptScan:
    """Read a scanned receipt. The QR is ``<portal>/tra-cuu/<code>?sig=<signature>``
    (docs/ARCHITECTURE.md, the sync contract: the receipt QR); the Code128 barcode is the bare code."""
    text = (text or "").strip()
    if text.lower().startswith(("http://", "https://")):
        url = urlsplit(text)
        parts = [p for p in url.path.split("/") if p]
        if len(parts) < 2 or parts[-2] != "tra-cuu":
            raise DomainError("Mã QR vừa quét không phải mã QR trên giấy tiếp nhận hồ sơ.")
        code = str(DossierCode.parse(unquote(parts[-1])))
        signature = parse_qs(url.query).get("sig", [""])[0]
        return ReceiptScan(code, signature, True)
    return ReceiptScan(str(DossierCode.parse(text)), None, False)


class OtherAgencyReceipt(DomainError):
    """A receipt another agency issued: this desk holds nothing about it."""


def check_agency(scan: ReceiptScan, agency_code: str) -> None:
    if not scan.code.startswith(agency_code.upper() + "-"):
        other = scan.code.rsplit("-", 2)[0]
        raise OtherAgencyReceipt(f"Biên nhận này của cơ quan khác (mã {other}), không phải của {agency_code}. "
                                 "Hồ sơ được tra cứu tại nơi đã tiếp nhận.")


class Timeliness(Enum):
    EARLY = "Trước hạn"
    ON_TIME = "Đúng hạn"
    LATE = "Quá hạn"


def timeliness(done_at: datetime, due_at: datetime | None) -> Timeliness | None:
    """A step's or a dossier's result (DOMAIN.md §2): before the due day, on it, or after."""
    if due_at is None:
        return None
    if done_at > due_at:
        return Timeliness.LATE
    return Timeliness.EARLY if done_at.date() < due_at.date() else Timeliness.ON_TIME


@dataclass(frozen=True)
class Extension:
    """A new date given with an apology (Mẫu 04). ``legal_basis`` names the rule that allows the extension (a
    procedure's own law may allow more time for verification); without one the apology is an excuse for a delay,
    not a new deadline."""

    new_date: datetime
    legal_basis: str = ""

    @property
    def lawful(self) -> bool:
        return bool(self.legal_basis.strip())


def deadline_after_extension(deadline: datetime | None, extension: Extension) -> datetime | None:
    """The date lateness is judged against once an extension is given (docs/LEGAL.md, "Lateness").

    On time means finished by the appointment promised on the receipt; an apology alone does not move it (the
    national portal keeps NgayHenTra after an apology, and QĐ 766 scores the apology beside the late dossier).
    An extension recorded as lawful, with its legal basis, does."""
    return extension.new_date if extension.lawful else deadline


def required_reason(reason: str, what: str) -> str:
    cleaned = clean_user_text(reason)
    if len(cleaned) < 5:
        raise DomainError(f"Cần ghi rõ lý do {what} (ít nhất 5 ký tự).", field="reason")
    if len(cleaned) > 2000:
        raise DomainError("Lý do dài quá 2000 ký tự.", field="reason")
    return cleaned


@dataclass(frozen=True)
class Collector:
    """Who takes the result: the owner, or a person the owner authorised (with their own ID)."""

    full_name: str
    id_number: str
    is_owner: bool
    authorisation: str = ""  # the authorisation paper, for someone else


def validate_collector(collector: Collector, owner_id_number: str) -> Collector:
    name = clean_user_text(collector.full_name)
    if not name:
        raise DomainError("Chưa nhập họ tên người nhận kết quả.", field="collector_name")
    number = validate_id_number(collector.id_number, field_name="collector_id")
    if collector.is_owner and number != owner_id_number:
        raise DomainError("Số định danh người nhận không khớp với người có hồ sơ. Nếu nhận thay, "
                          "chọn “Người được ủy quyền”.", field="collector_id")
    authorisation = clean_user_text(collector.authorisation)
    if not collector.is_owner and not authorisation:
        raise DomainError("Người nhận thay phải có giấy ủy quyền: ghi số, ngày của giấy ủy quyền.",
                          field="authorisation")
    return Collector(name, number, collector.is_owner, authorisation)

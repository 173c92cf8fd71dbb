"""What the citizen kiosk may show and do: one dossier's status in plain words, and a rating.

Nothing here reaches a clerk function. A receipt is looked up from its QR (its signature proves
the citizen holds the paper; the bare code printed on it is not enough) or from the dossier code
with the check code printed under it, typed; the name is shown masked (docs/ARCHITECTURE.md, the receipt QR).
Every refusal is said in words for a citizen, never the clerk's ("đối chiếu với bản lưu"), and wrong
check codes and PINs are limited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from contract.masking import mask_name
from desk.domain.citizen import looks_like_card_qr
from desk.domain.clock import to_vietnam_local
from desk.domain.errors import DomainError
from desk.domain.lifecycle import PLAIN_WORDS, OtherAgencyReceipt, parse_receipt_scan
from desk.domain.limits import AttemptLimit, wait_words
from desk.domain.procedure import ProcedureTemplate
from desk.domain.status import DossierStatus
from desk.domain.users import check_secret, hash_secret
from desk.store import Database
from desk.store.models import DossierRow, ProcedureSnapshotRow, SyncStateRow

from .dossiers import DossierService
from .lifecycle import ForgedReceipt, LifecycleService, MalformedCheckCode, UnknownDossier, WrongCheckCode

ASK_AT_COUNTER = "Vui lòng hỏi cán bộ tại quầy."
NOT_A_RECEIPT = ("Mã vừa quét không phải mã trên giấy tiếp nhận hồ sơ. Vui lòng quét mã QR (ô vuông) in trên "
                 "giấy tiếp nhận hồ sơ.")
CARD_NOT_RECEIPT = ("Đây là mã trên thẻ căn cước. Màn hình này cần mã QR (ô vuông) in trên giấy tiếp nhận hồ sơ mà "
                    "cán bộ tiếp nhận đã trao cho ông/bà. Vui lòng quét mã đó.")
BARCODE_NOT_QR = "Vui lòng quét mã QR (ô vuông) trên giấy tiếp nhận hồ sơ, không phải mã vạch."
OTHER_AGENCY = ("Giấy tiếp nhận này do cơ quan khác cấp. Vui lòng tra cứu tại nơi đã nộp hồ sơ hoặc trên "
                "Cổng dịch vụ công.")
NOT_HERE = f"Chưa có thông tin về hồ sơ này tại đây. {ASK_AT_COUNTER}"
NOT_VERIFIED = f"Chưa đọc được giấy tiếp nhận này. {ASK_AT_COUNTER}"
WRONG_CHECK = "Mã hồ sơ hoặc mã kiểm tra chưa đúng. Vui lòng xem lại giấy tiếp nhận hồ sơ và nhập lại."
BAD_CODE = "Mã hồ sơ có dạng 000.00.53.H16-261123-0001, in dưới mã vạch trên giấy tiếp nhận. Vui lòng nhập lại."


def hash_pin(pin: str) -> str:
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise DomainError("Mã PIN gồm 4 đến 12 chữ số.")
    return hash_secret(pin)


def check_pin(pin: str, stored: str) -> bool:
    return check_secret(pin, stored)


@dataclass(frozen=True)
class KioskView:
    code: str
    owner_masked: str
    procedure_name: str
    status: DossierStatus
    plain_words: str
    appointment_text: str
    to_bring: tuple[str, ...]
    return_place: str
    can_rate: bool
    rating: int | None


class KioskService:
    def __init__(self, db: Database, lifecycle: LifecycleService, dossiers: DossierService):
        self.db = db
        self.lifecycle = lifecycle
        self.dossiers = dossiers
        self.typed_limit = AttemptLimit(5, 600)  # wrong check codes typed at this kiosk
        self.feedback_limit = AttemptLimit(5, 600)  # feedback given at this kiosk: 5 in 10 minutes

    def lookup(self, scanned: str) -> KioskView:
        """A scanned receipt QR; anything else gets a sentence that says what to scan instead."""
        text = (scanned or "").strip()
        if looks_like_card_qr(text) or text.count("|") >= 3:
            raise DomainError(CARD_NOT_RECEIPT)
        try:
            scan = parse_receipt_scan(text)
        except DomainError:
            raise DomainError(NOT_A_RECEIPT) from None
        if not scan.from_qr:
            raise DomainError(BARCODE_NOT_QR)
        return self._view(self._in_citizen_words(lambda: self.lifecycle.resolve_scan(text)))

    def lookup_typed(self, code: str, check: str) -> KioskView:
        """The dossier code and the check code printed under it, typed by a citizen who cannot scan."""
        wait = self.typed_limit.wait_s()
        if wait:
            raise DomainError(f"Đã nhập sai nhiều lần. Vui lòng thử lại sau {wait_words(wait)}, hoặc hỏi cán bộ tại "
                              "quầy.")
        try:
            resolved = self._in_citizen_words(lambda: self.lifecycle.resolve_typed(code.strip().upper(), check))
        except DomainError:
            self.typed_limit.failed()
            raise
        self.typed_limit.succeeded()
        return self._view(resolved)

    @staticmethod
    def _in_citizen_words(resolve) -> str:
        try:
            return resolve()
        except OtherAgencyReceipt:
            raise DomainError(OTHER_AGENCY) from None
        except UnknownDossier:
            raise DomainError(NOT_HERE) from None
        except WrongCheckCode:
            raise DomainError(WRONG_CHECK) from None
        except ForgedReceipt:
            raise DomainError(NOT_VERIFIED) from None
        except MalformedCheckCode as malformed:
            raise DomainError(str(malformed)) from None
        except DomainError:  # a malformed dossier code
            raise DomainError(BAD_CODE) from None

    def _view(self, code: str) -> KioskView:
        detail = self.dossiers.get(code)
        status = detail.summary.status
        with self.db.read() as session:
            snapshot = session.scalar(select(ProcedureSnapshotRow.body).join(
                DossierRow, DossierRow.procedure_snapshot_id == ProcedureSnapshotRow.id).where(DossierRow.code == code))
        if snapshot is None:  # gone since it was read just above (DossierService.get's own refusal)
            raise DomainError(f"Không tìm thấy hồ sơ {code}.")
        appointment = detail.summary.appointment_at
        if status is DossierStatus.RETURNED and detail.returned_at:
            appointment_text = f"Đã trả kết quả lúc {detail.returned_at:%H giờ %M, ngày %d/%m/%Y}"
        elif appointment and status not in (DossierStatus.REFUSED, DossierStatus.WITHDRAWN):
            appointment_text = f"Hẹn trả kết quả: {appointment:%H giờ %M, ngày %d/%m/%Y}"
        else:
            appointment_text = ""
        return KioskView(code=code, owner_masked=mask_name(detail.summary.owner_name),
                         procedure_name=detail.summary.procedure_name, status=status,
                         plain_words=PLAIN_WORDS[status], appointment_text=appointment_text,
                         to_bring=detail.to_bring, return_place=ProcedureTemplate.from_dict(snapshot).return_place_name,
                         can_rate=status is DossierStatus.RETURNED, rating=detail.rating)

    def rate(self, code: str, level: int) -> None:
        self.lifecycle.rate(code, level, "kiosk")  # the citizen alone: no clerk at hand

    def give_feedback(self, category: str, text: str, dossier_code: str = "") -> tuple[str, datetime]:
        """A citizen's feedback typed or chosen at the kiosk: its code and the answer's due date."""
        from desk.domain.feedback import Channel, FeedbackDraft

        from .feedback import FeedbackService

        wait = self.feedback_limit.wait_s()
        if wait:
            raise DomainError(f"Kiosk vừa nhận nhiều phản ánh. Vui lòng thử lại sau {wait_words(wait)}, hoặc góp ý "
                              "với cán bộ tại quầy.")
        service = FeedbackService(self.db, self.lifecycle.calendar, clock=self.lifecycle.clock)
        view = service.record(FeedbackDraft(category, text, dossier_code), Channel.KIOSK, None)
        self.feedback_limit.failed()  # counted: the limit is on how many, not on mistakes
        return view.code, view.due_at

    def last_synced(self) -> datetime | None:
        """Vietnam time of the last successful sync with the province, or None."""
        with self.db.read() as session:
            row = session.get(SyncStateRow, "last_success_utc")
        if row is None or not row.value:
            return None
        return to_vietnam_local(datetime.fromisoformat(row.value).replace(tzinfo=UTC))

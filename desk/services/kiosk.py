"""What the citizen kiosk may show and do: one dossier's status in plain words, and a rating.

Nothing here reaches a clerk function. A receipt is looked up only from its QR: its signature
proves the citizen holds the paper (the bare code printed on it is not enough), and the name
is shown masked (DESIGN.md, "Receipt QR").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select

from desk.domain.clock import to_vietnam_local
from desk.domain.errors import DomainError
from desk.domain.lifecycle import PLAIN_WORDS, parse_receipt_scan
from desk.domain.procedure import ProcedureTemplate
from desk.domain.status import DossierStatus
from desk.domain.users import check_secret, hash_secret
from desk.store import Database
from desk.store.models import DossierRow, SyncStateRow

from .dossiers import DossierService
from .lifecycle import LifecycleService

def hash_pin(pin: str) -> str:
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise DomainError("Mã PIN gồm 4 đến 12 chữ số.")
    return hash_secret(pin)


def check_pin(pin: str, stored: str) -> bool:
    return check_secret(pin, stored)


def mask_name(name: str) -> str:
    """“Nguyễn Thị Hoa” → “Nguyễn T. H.”: enough for the citizen to recognise, not for a bystander."""
    words = name.split()
    return " ".join([words[0], *(w[0] + "." for w in words[1:])]) if words else ""


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

    def lookup(self, scanned: str) -> KioskView:
        if not parse_receipt_scan(scanned).from_qr:
            raise DomainError("Vui lòng quét mã QR (ô vuông) trên giấy tiếp nhận hồ sơ.")
        code = self.lifecycle.resolve_scan(scanned)
        detail = self.dossiers.get(code)
        status = detail.summary.status
        with self.db.read() as session:
            snapshot = session.scalar(select(DossierRow.procedure_snapshot).where(DossierRow.code == code))
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
                         to_bring=detail.to_bring, return_place=ProcedureTemplate.from_dict(snapshot).return_place,
                         can_rate=status is DossierStatus.RETURNED, rating=detail.rating)

    def rate(self, code: str, level: int) -> None:
        self.lifecycle.rate(code, level, "kiosk")

    def last_synced(self) -> datetime | None:
        """Vietnam time of the last successful sync with the province, or None."""
        with self.db.read() as session:
            row = session.get(SyncStateRow, "last_success_utc")
        if row is None or not row.value:
            return None
        return to_vietnam_local(datetime.fromisoformat(row.value).replace(tzinfo=timezone.utc))

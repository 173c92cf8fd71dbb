"""The citizen's tracking of a dossier: which proof of the receipt opens it, and what it then shows.

Three proofs, each tied to a signature of one of the commune's desks (docs/REST.md):
- ``sig``: the receipt's QR, the desk's signature over code, ID number, received and appointment times;
- ``ma``: the check code printed on the receipt, derived from the desk's *seal* (the signature over the
  facts fixed at intake) that the desk sent with the dossier;
- ``so``: the last 4 digits of the owner's ID number, only for a receipt printed without signature
  (before the desk was enrolled) whose dossier the desk sealed afterwards: the seal is the desk's
  signed statement that it issued that receipt.
A check code has 40 bits, but 4 digits only 10 000 values: wrong guesses are limited per dossier code.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Protocol

from sqlalchemy import select

from contract.masking import mask_name  # the rule the kiosk shows names by too

from .. import security, statuses
from ..clock import vietnam_wall
from ..database import ServerDatabase
from ..errors import TooMany
from ..models import Desk, Dossier, Event

CHECK_CODE, ID_LAST4 = "check_code", "id_last4"
AT_THE_COUNTER = "hỏi cán bộ tại Bộ phận Một cửa nơi đã nộp hồ sơ"
SIGNATURE_FAILED = ("Không xác minh được biên nhận này. Vui lòng quét lại mã QR trên giấy biên nhận, "
                    "hoặc liên hệ Bộ phận Một cửa nơi đã nộp hồ sơ.")
ASK_CHECK_CODE = "Để xem tình trạng hồ sơ, vui lòng nhập mã kiểm tra in trên giấy tiếp nhận hồ sơ."
ASK_ID_LAST4 = ("Để bảo vệ thông tin của người nộp hồ sơ, vui lòng nhập 4 chữ số cuối của số định danh cá nhân "
                "(số căn cước) của người có hồ sơ.")
WRONG_CHECK_CODE = ("Chưa xem được hồ sơ này. Vui lòng kiểm tra lại mã kiểm tra in trên giấy tiếp nhận, "
                    f"hoặc {AT_THE_COUNTER}.")
MALFORMED_CHECK_CODE = ("Mã kiểm tra gồm 8 chữ cái và chữ số, in trên giấy tiếp nhận theo dạng ABCD-EFGH "
                        "(không có chữ O, chữ I, số 0 và số 1). Vui lòng nhập lại.")
WRONG_ID_LAST4 = ("Chưa xem được hồ sơ này. Vui lòng kiểm tra lại 4 chữ số cuối của số định danh cá nhân "
                  f"(số căn cước), hoặc {AT_THE_COUNTER}.")
MALFORMED_ID_LAST4 = "Vui lòng nhập đúng 4 chữ số cuối của số định danh cá nhân (số căn cước), chỉ gồm chữ số."
NOT_BY_ID_LAST4 = ("Chưa xem được hồ sơ này bằng số định danh. Vui lòng nhập mã kiểm tra in trên giấy tiếp nhận, "
                   f"hoặc {AT_THE_COUNTER}.")
TOO_MANY_ATTEMPTS = ("Hồ sơ này đã được nhập sai mã nhiều lần. Để giữ an toàn thông tin của người nộp, tạm thời "
                     "chưa tra cứu được hồ sơ này. Vui lòng thử lại sau khoảng {wait}, "
                     f"hoặc {AT_THE_COUNTER}.")


def _in_words(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return "1 giờ" if minutes > 45 else f"{minutes} phút"


class AttemptLimiter:
    """Wrong check codes and ID digits per dossier code, over a sliding window.

    In this process only (SQLite, one process); on PostgreSQL every process counts in the database
    (shared.SharedAttemptLimiter). The least recently failed codes are forgotten beyond ``max_codes``."""

    def __init__(self, max_failures: int = 10, window_s: float = 3600.0, max_codes: int = 100_000):
        self.max_failures, self.window_s, self.max_codes = max_failures, window_s, max_codes
        self._failures: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, code: str, now: float) -> list[float]:
        return [t for t in self._failures.get(code, ()) if t > now - self.window_s]

    def retry_after(self, code: str) -> int:
        """Seconds until the next attempt at this code is allowed; 0: allowed now."""
        now = time.monotonic()
        with self._lock:
            recent = self._recent(code, now)
        if len(recent) < self.max_failures:
            return 0
        return int(recent[-self.max_failures] + self.window_s - now) + 1

    def note_failure(self, code: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._failures[code] = [*self._recent(code, now), now][-self.max_failures:]
            self._failures.move_to_end(code)
            while len(self._failures) > self.max_codes:
                self._failures.popitem(last=False)


class Attempts(Protocol):
    """Where wrong attempts are counted: AttemptLimiter (this process) or shared.SharedAttemptLimiter."""

    def retry_after(self, code: str) -> int: ...

    def note_failure(self, code: str) -> None: ...


@dataclass
class TrackedDossier:
    """What the tracking needs of a stored dossier, read in one short transaction."""

    code: str
    status: int
    to_bring: list[str]
    record: dict
    keys: list[str] = field(repr=False)  # public keys of the commune's desks valid when it was received
    # Every appointment the dossier's steps recorded, first to last (None: a step without one): a receipt
    # printed before an apology moved the appointment is still the citizen's genuine receipt.
    due_dates: list[datetime | None] = field(default_factory=list)

    @cached_property
    def id_number(self) -> str:
        return next((i["number"] for i in self.record.get("identities", [])), "")

    @cached_property
    def received(self) -> datetime:
        return vietnam_wall(datetime.fromisoformat(self.record["received_at"]))

    @cached_property
    def appointment(self) -> datetime | None:
        appointment = self.record.get("appointment_at")
        return vietnam_wall(datetime.fromisoformat(appointment)) if appointment else None

    def signature_verifies(self, signature: str) -> bool:
        """The QR signature over the current appointment, or over any appointment the dossier had before
        (the intake's, and each one an apology or a supplement moved it to)."""
        received = self.received.isoformat(timespec="seconds")
        candidates = [self.appointment, *[due for due in self.due_dates if due], *self.due_dates[:1]]
        tried: set[datetime | None] = set()
        for appointment in candidates:
            if appointment in tried:
                continue
            tried.add(appointment)
            message = security.receipt_message(self.code, self.id_number, received,
                                               appointment.isoformat(timespec="seconds") if appointment else None)
            if any(security.verify_receipt(key, message, signature) for key in self.keys):
                return True
        return False

    @cached_property
    def seal(self) -> str | None:
        """The desk's seal when it verifies with one of the commune's desk keys, else None."""
        seal = self.record.get("receipt_seal")
        if not seal:
            return None
        message = security.seal_message(self.code, self.id_number, self.received.isoformat(timespec="seconds"))
        return seal if any(security.verify_receipt(key, message, seal) for key in self.keys) else None

    @property
    def needs(self) -> str:
        """The proof to ask for without a QR signature. The ID digits only for a receipt printed without
        signature that the desk has vouched for with its seal; the check code otherwise."""
        if self.record.get("receipt_unsigned") and len(self.id_number) >= 4 and self.seal is not None:
            return ID_LAST4
        return CHECK_CODE


class Tracking:
    def __init__(self, db: ServerDatabase, attempts: Attempts | None = None):
        self.db = db
        self.attempts = attempts or AttemptLimiter()

    def find(self, code: str) -> TrackedDossier | None:
        """What the page needs of a dossier, read from the replica when there is one (a moment behind)."""
        with self.db.replica_read() as s:
            dossier = s.scalar(select(Dossier).where(Dossier.code == code))
            if dossier is None:
                return None
            # A key revoked after the province got the dossier still vouches for it: its receipt was genuine then.
            keys = [d.public_key for d in s.scalars(select(Desk).where(Desk.commune_id == dossier.commune_id))
                    if d.revoked_utc is None or d.revoked_utc > dossier.created_utc]
            due_dates = list(s.scalars(select(Event.due_at).where(Event.dossier_id == dossier.id).order_by(Event.id)
                                       .limit(200)))
            return TrackedDossier(code, dossier.status, list(dossier.to_bring or []), dossier.record, keys,
                                  due_dates)

    def look_up(self, code: str, *, signature: str = "", check: str = "", id_last4: str = "") -> dict:
        """The tracking answer for a proof (docs/REST.md). Raises TooMany while wrong check codes or
        ID digits for this code are over the limit; the QR signature is never limited that way."""
        found = self.find(code)
        needs = found.needs if found else CHECK_CODE  # an unknown code looks like any sealed dossier
        if signature and found and found.signature_verifies(signature):
            return self.verified(found)
        if not check and not id_last4:
            return self.unverified(code, SIGNATURE_FAILED if signature else
                                   ASK_ID_LAST4 if needs == ID_LAST4 else ASK_CHECK_CODE, needs)
        wait = self.attempts.retry_after(code)
        if wait:
            raise TooMany("too_many_attempts", TOO_MANY_ATTEMPTS.format(wait=_in_words(wait)), retry_after=wait)
        if check:
            typed = security.normalize_check_code(check)
            if typed is None:  # a slip of the pen cannot be a right guess: not counted
                return self.unverified(code, MALFORMED_CHECK_CODE, CHECK_CODE)
            if found and found.seal and hmac.compare_digest(security.check_code(found.seal), typed):
                return self.verified(found)
            self.attempts.note_failure(code)
            return self.unverified(code, WRONG_CHECK_CODE, CHECK_CODE)
        digits = "".join(id_last4.split())
        if len(digits) != 4 or not (digits.isascii() and digits.isdigit()):
            return self.unverified(code, MALFORMED_ID_LAST4 if needs == ID_LAST4 else NOT_BY_ID_LAST4, needs)
        if found is not None and needs == ID_LAST4 and hmac.compare_digest(found.id_number[-4:], digits):
            return self.verified(found)
        self.attempts.note_failure(code)
        return self.unverified(code, WRONG_ID_LAST4 if needs == ID_LAST4 else NOT_BY_ID_LAST4, needs)

    @staticmethod
    def unverified(code: str, message: str, needs: str) -> dict:
        return {"code": code, "verified": False, "message": message, "needs": needs}

    @staticmethod
    def verified(found: TrackedDossier) -> dict:
        record, appointment = found.record, found.appointment
        return {"code": found.code, "verified": True, "needs": None, "message": statuses.PLAIN_WORDS[found.status],
                "status": found.status, "status_label": statuses.LABELS[found.status],
                "status_text": statuses.PLAIN_WORDS[found.status],
                "appointment_at": appointment.strftime("%H giờ %M phút, ngày %d/%m/%Y") if appointment else None,
                "owner_masked": mask_name(record["owner_name"]), "procedure_name": record["procedure_name"],
                "to_bring": found.to_bring,
                "return_place": record.get("return_place") or "Bộ phận Một cửa nơi đã nộp hồ sơ"}

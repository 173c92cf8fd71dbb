"""A dossier after intake: online inbox, supplements, refusal, delays, hand-over to the handler,
result return, withdrawal and the citizen's rating (DOMAIN.md §2, §3, §5, §8).

Every action is one transaction: the status moves through the domain's status machine, a step
is written for the control sheet, an audit entry and an outbox request for the province go
with it. The form the action prints is rendered after the commit, from what was stored, so a
reprint is identical and a failed PDF write never loses the action.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contract import limits
from desk.domain.clock import VIETNAM, vietnam_now
from desk.domain.codes import DossierCode
from desk.domain.errors import DomainError
from desk.domain.lifecycle import (
    CLOCK_RUNNING,
    RATING_LABELS,
    Collector,
    Extension,
    check_agency,
    deadline_after_extension,
    parse_receipt_scan,
    required_reason,
    validate_collector,
)
from desk.domain.procedure import ProcedureTemplate
from desk.domain.receipt_check import check_code, normalize_check_code
from desk.domain.status import DossierStatus, check_transition
from desk.domain.text import clean_user_text
from desk.domain.users import Actor, clerk_name
from desk.settings import CounterSettings, SettingsStore
from desk.store import Database
from desk.store.models import DossierRow, DossierStepRow, mark_finished
from desk.store.outbox import OutboxKind, enqueue
from desk.store.sequences import next_ledger_line, next_value

from .agency import AgencyService
from .audit import record, utc_now
from .calendar import CalendarService
from .forms import FormService
from .receipts import ReceiptService, receipt_facts

log = logging.getLogger(__name__)
_S = DossierStatus
# Steps taken at the counter name no unit: forms print the agency's own unit for them. Steps written before
# (and the province's) may still say "Bộ phận Một cửa".
COUNTER_UNIT = ""
LEGACY_COUNTER_UNIT = "Bộ phận Một cửa"


def contract_documents(names: list[str]) -> list[str]:
    """Papers named in one step, within what the province takes (contract/limits.py): refused at the
    counter rather than days later by the province."""
    if len(names) > limits.MAX_EVENT_DOCUMENTS:
        raise DomainError(f"Một lần chỉ ghi được tối đa {limits.MAX_EVENT_DOCUMENTS} giấy tờ (đang chọn {len(names)}); "
                          "hãy gộp các giấy tờ cùng loại.", field="documents")
    long = next((name for name in names if len(name) > limits.MAX_DOCUMENT_NAME), None)
    if long is not None:
        raise DomainError(f"Tên giấy tờ dài quá {limits.MAX_DOCUMENT_NAME} ký tự: “{long[:40]}…”.", field="documents")
    return names


class ForgedReceipt(DomainError):
    """A receipt whose QR signature or check code this desk did not make. The message is for the clerk;
    a citizen's screen (the kiosk) says it in its own words."""


class WrongCheckCode(ForgedReceipt):
    """A typed check code that is not the one printed on this dossier's receipt."""


class MalformedCheckCode(DomainError):
    """Typed text that cannot be a check code at all."""


class UnknownDossier(DomainError):
    """A code of this agency that this desk does not hold (yet: an online dossier not synced)."""


@dataclass(frozen=True)
class ActionResult:
    code: str
    status: DossierStatus
    appointment_at: datetime | None
    pdf_path: Path | None  # the form printed by the action (receipt, supplement request, …)
    pdf_error: str = ""  # empty when the PDF was written


def _iso(moment: datetime | None) -> str | None:
    return moment.replace(tzinfo=VIETNAM).isoformat() if moment else None


def add_step(session: Session, row: DossierRow, kind: str, to_status: int, *, actor: str, at: datetime,
             unit: str = COUNTER_UNIT, note: str = "", source: str = "desk", details: dict | None = None) -> None:
    """One line of the dossier's history; due is the deadline in force when the step happened (the promised
    appointment, or a lawful extension's date: desk/domain/lifecycle.py ``deadline_after_extension``)."""
    due = row.deadline_at if row.deadline_at is not None else row.appointment_at
    session.add(DossierStepRow(dossier_code=row.code, at=at, kind=kind, from_status=row.status,
                               to_status=to_status, actor=actor or "?", unit=unit, note=note,
                               due_at=due, source=source, details=details or {}))


class LifecycleService:
    def __init__(self, db: Database, agency: AgencyService, calendar: CalendarService, receipts: ReceiptService,
                 forms: FormService, settings: SettingsStore, clock: Callable[[], datetime] = vietnam_now):
        self.db = db
        self.agency = agency
        self.calendar = calendar
        self.receipts = receipts
        self.forms = forms
        self.settings_store = settings
        self.clock = clock

    # -- the scanner ------------------------------------------------------------------------------
    def resolve_scan(self, text: str) -> str:
        """The code of one of this agency's dossiers from a scanned receipt barcode or QR.

        A QR from another agency, a QR whose signature does not match what this desk issued, or
        a code this desk does not hold is refused with the reason."""
        scan = parse_receipt_scan(text)
        agency = self.agency.get()
        if agency is not None:
            check_agency(scan, agency.code)
        with self.db.read() as session:
            row = session.scalar(select(DossierRow).where(DossierRow.code == scan.code))
            if row is None:
                raise UnknownDossier(f"Không tìm thấy hồ sơ {scan.code} trong máy này. Nếu hồ sơ vừa nộp trực tuyến, "
                                  "hãy đồng bộ với tỉnh rồi quét lại.")
            if scan.from_qr and not self.signature_ok(session, row, scan.signature or ""):
                raise ForgedReceipt("Mã QR trên biên nhận có chữ ký không hợp lệ: biên nhận có thể đã bị sửa hoặc "
                                    "không do Bộ phận Một cửa này cấp. Hãy đối chiếu với bản lưu.")
        return scan.code

    @property
    def settings(self) -> CounterSettings:
        return self.settings_store.current

    def resolve_typed(self, code: str, typed_check: str) -> str:
        """The code of a dossier from the code and the check code a citizen typed (the kiosk). A receipt
        printed without check code (before enrollment) is opened with the last 4 digits of the owner's ID
        number instead, as on the province's tracking page."""
        dossier = str(DossierCode.parse(code))
        digits = "".join(typed_check.split())
        last4 = len(digits) == 4 and digits.isdigit() and digits.isascii()
        check = None if last4 else normalize_check_code(typed_check)
        if check is None and not last4:
            raise MalformedCheckCode("Mã kiểm tra gồm 8 ký tự (chữ và số, không có O, I, 0, 1), in dưới mã hồ sơ "
                                     "trên giấy tiếp nhận; giấy không có mã kiểm tra: 4 chữ số cuối của số định "
                                     "danh.")
        agency = self.agency.get()
        if agency is not None:
            check_agency(parse_receipt_scan(dossier), agency.code)
        with self.db.read() as session:
            row = session.execute(select(DossierRow.receipt_seal, DossierRow.receipt_unsigned,
                                         DossierRow.owner_id_number).where(DossierRow.code == dossier)).first()
        if row is None:
            raise UnknownDossier(f"Không tìm thấy hồ sơ {dossier} trong máy này.")
        seal, unsigned, id_number = row
        if last4:
            if unsigned is False or not id_number.endswith(digits):
                raise WrongCheckCode(f"4 chữ số cuối không khớp, hoặc biên nhận của hồ sơ {dossier} có mã kiểm tra.")
        elif not seal or check_code(seal) != check:
            raise WrongCheckCode(f"Mã kiểm tra không khớp với hồ sơ {dossier}.")
        return dossier

    def signature_ok(self, session: Session, row: DossierRow, signature: str) -> bool:
        """True for a signature this desk made over the dossier's facts, with any appointment the
        dossier has had (an apology or a supplement changes it; the old receipt stays genuine).
        A receipt printed before the desk had a key (enrollment) carries none: the desk knows which
        dossiers got one (``receipt_unsigned``; unknown for dossiers older than that flag) and accepts
        exactly those, before and after enrollment."""
        signer = self.receipts.signer
        if not signature:
            return row.receipt_unsigned is not False
        facts = receipt_facts(row)
        appointments = {facts["appointment_at"]}
        for step in session.scalars(select(DossierStepRow).where(DossierStepRow.dossier_code == row.code)):
            if "old_appointment" in step.details:
                appointments.add(step.details["old_appointment"])
        return any(signer.verify({**facts, "appointment_at": a}, signature) for a in appointments)

    # -- shared plumbing ----------------------------------------------------------------------------
    def _load(self, session: Session, code: str) -> DossierRow:
        row = session.scalar(select(DossierRow).where(DossierRow.code == code))
        if row is None:
            raise DomainError(f"Không tìm thấy hồ sơ {code}.")
        return row

    def _move(self, session: Session, row: DossierRow, target: DossierStatus, kind: str, *, at: datetime, clerk: str,
              note: str = "", unit: str = COUNTER_UNIT, details: dict | None = None) -> None:
        check_transition(DossierStatus(row.status), target)
        add_step(session, row, kind, int(target), actor=clerk, at=at, unit=unit, note=note, details=details)
        mark_finished(row, int(target), at)  # the moment its timeliness is judged (docs/INDICATORS.md)
        before = row.status
        row.status = int(target)
        row.updated_utc = utc_now()
        record(session, actor=clerk, action=f"dossier.{kind}", entity="dossier", entity_id=row.code,
               details={"from": before, "to": int(target), "note": note, **(details or {})})

    def _event(self, session: Session, row: DossierRow, at: datetime, note: str = "", *, clerk: str, kind: str,
               **extra) -> None:
        """The status change for the province (POST /dossiers/{code}/events); ``kind`` is the desk's step."""
        agency = self.agency.get()
        enqueue(session, OutboxKind.DOSSIER_EVENT, row.code,
                {"status": row.status, "at": _iso(at), "actor": clerk[:200],
                 "unit": (agency.unit_name if agency else LEGACY_COUNTER_UNIT)[:300], "note": note[:2000],
                 "kind": kind, **extra})

    def _letter_number(self, session: Session, row: DossierRow, kind: str, at: datetime) -> int:
        """The agency's next number for a letter of this kind this year (Mẫu 04 "Số: 01/XL"; Nghị định 30/2020)."""
        return next_value(session, f"letter/{row.agency_code}/{at.year}/{kind}")

    def _form(self, code: str, render: Callable[[], bytes], path: Path) -> tuple[Path | None, str]:
        try:
            return self.forms.save(path, render()), ""
        except OSError as exc:
            log.error("form for %s not written: %s", code, exc)
            return None, f"Đã lưu thao tác, nhưng chưa ghi được tệp phiếu ({exc.strerror or exc}). Có thể in lại."

    def _done(self, code: str, kind: str | None) -> ActionResult:
        with self.db.read() as session:
            row = self._load(session, code)
            status, appointment = DossierStatus(row.status), row.appointment_at
        path, error = (None, "")
        if kind == "receipt":
            try:
                path = self.receipts.ensure_pdf(code)
            except OSError as exc:
                error = f"Đã lưu thao tác, nhưng chưa ghi được biên nhận ({exc.strerror or exc}). Có thể in lại."
        elif kind is not None:
            path, error = self._form(code, lambda: self.forms.render(code, kind), self.forms.path(code, kind))
        return ActionResult(code, status, appointment, path, error)

    def _appointment_from(self, row: DossierRow, at: datetime) -> datetime | None:
        template = ProcedureTemplate.from_dict(row.procedure_snapshot)
        # The longer time the clerk chose at intake for a case that needs verification holds after a supplement too.
        return self.calendar.calendar().appointment(at, template.processing_for(bool(row.with_verification)))

    # -- online inbox -----------------------------------------------------------------------------------
    def accept_online(self, code: str, *, actor: Actor) -> ActionResult:
        """Accept an online dossier (1 → 2): the time counts from now, the receipt is produced."""
        clerk = clerk_name(actor)
        at = self.clock().replace(microsecond=0)
        with self.db.write() as session:
            row = self._load(session, code)
            if row.status != _S.NEW_ONLINE:
                check_transition(DossierStatus(row.status), _S.RECEIVED)
            row.appointment_at = row.promised_at = row.deadline_at = self._appointment_from(row, at)
            ledger_book = f"{self.settings.ledger_book:02d}/{at.year}"
            row.ledger_book = ledger_book
            row.ledger_line = next_ledger_line(session, row.agency_code, f"{ledger_book}/b{self.settings.code_block}")
            row.clerk_name, row.counter_name = clerk, self.settings.counter_name
            self._move(session, row, _S.RECEIVED, "accept", at=at, note="Tiếp nhận hồ sơ trực tuyến", clerk=clerk)
            enqueue(session, OutboxKind.INBOX_ACCEPT, code, {"clerk": clerk[:200],
                                                             "appointment_at": _iso(row.appointment_at)})
        return self._done(code, "receipt")

    # -- supplements ----------------------------------------------------------------------------------------
    def request_supplement(self, code: str, documents: Sequence[str], reason: str, *, actor: Actor,
                           repeat_reason: str = "") -> ActionResult:
        """Ask for missing or faulty papers (→ 5), once and in writing; the clock stops (DOMAIN.md §5).

        The rules allow one request, complete (the statistics count a second one as late): a second request is
        refused unless the clerk records why it is needed (``repeat_reason``, kept in the step and the audit)."""
        clerk = clerk_name(actor)
        names = contract_documents([clean_user_text(d) for d in documents if clean_user_text(d)])
        if not names:
            raise DomainError("Chọn ít nhất một giấy tờ cần bổ sung hoặc sửa.", field="documents")
        reason = required_reason(reason, "yêu cầu bổ sung")
        at = self.clock().replace(microsecond=0)
        repeat_reason = clean_user_text(repeat_reason)
        with self.db.write() as session:
            row = self._load(session, code)
            earlier = session.scalar(select(func.count()).select_from(DossierStepRow).where(
                DossierStepRow.dossier_code == code, DossierStepRow.kind == "supplement"))
            if earlier and len(repeat_reason) < 5:
                raise DomainError(f"Hồ sơ đã được yêu cầu bổ sung {earlier} lần. Quy định chỉ cho yêu cầu một lần, "
                                  "đầy đủ: nếu vẫn cần yêu cầu lần nữa, ghi rõ vì sao (lần này sẽ được tính là "
                                  "hồ sơ chậm trong thống kê).", field="repeat_reason")
            online = row.status == _S.NEW_ONLINE
            details: dict[str, object] = {"documents": names, "reason": reason, "officer": clerk}
            if earlier:
                details.update(repeat_reason=repeat_reason[:500], request_number=earlier + 1)
            self._move(session, row, _S.SUPPLEMENT_REQUESTED, "supplement", at=at, note=reason,
                       details=details, clerk=clerk)
            if online:
                enqueue(session, OutboxKind.INBOX_REQUEST_SUPPLEMENT, code,
                        {"clerk": clerk[:200], "documents": names, "reason": reason})
            else:
                self._event(session, row, at, reason, documents=names, clerk=clerk, kind="supplement")
        return self._done(code, "supplement")

    def record_supplement(self, code: str, brought: Sequence[str], *, actor: Actor) -> ActionResult:
        """The citizen brought the papers (5 → 2): they join the checklist, the time counts again from
        now (Nghị định 118/2025: the time runs from a complete dossier) and a new receipt is printed."""
        clerk = clerk_name(actor)
        names = contract_documents([clean_user_text(d) for d in brought if clean_user_text(d)])
        if not names:
            raise DomainError("Chọn các giấy tờ công dân đã mang bổ sung.", field="documents")
        at = self.clock().replace(microsecond=0)
        with self.db.write() as session:
            row = self._load(session, code)
            check_transition(DossierStatus(row.status), _S.RECEIVED)
            old = row.appointment_at
            documents = [dict(d) for d in row.documents]
            for name in names:
                line = next((d for d in documents if d["name"] == name), None)
                if line is None:
                    documents.append({"name": name, "required": False, "received": True, "digitized": 0,
                                      "originals": 1, "certified": 0, "photocopies": 0, "supplement": True})
                else:
                    line.update(received=True, supplement=True)
            row.documents = documents
            self._move(session, row, _S.RECEIVED, "supplement_received", at=at, note="Đã nhận giấy tờ bổ sung",
                       details={"documents": names, "old_appointment": old.isoformat() if old else None}, clerk=clerk)
            # The receipt is issued again: its promise counts from the complete dossier (Nghị định 118/2025).
            row.appointment_at = row.promised_at = row.deadline_at = self._appointment_from(row, at)
            self._event(session, row, at, "Đã nhận giấy tờ bổ sung", appointment_at=_iso(row.appointment_at),
                        clerk=clerk, kind="supplement_received")
        return self._done(code, "receipt")

    # -- refusal, withdrawal ---------------------------------------------------------------------------
    def refuse(self, code: str, reason: str, *, actor: Actor) -> ActionResult:
        clerk = clerk_name(actor)
        reason = required_reason(reason, "từ chối")
        at = self.clock().replace(microsecond=0)
        with self.db.write() as session:
            row = self._load(session, code)
            online = row.status == _S.NEW_ONLINE
            self._move(session, row, _S.REFUSED, "refuse", at=at, note=reason, details={"reason": reason}, clerk=clerk)
            if online:
                enqueue(session, OutboxKind.INBOX_REFUSE, code, {"clerk": clerk[:200], "reason": reason})
            else:
                self._event(session, row, at, reason, clerk=clerk, kind="refuse")
        return self._done(code, "refusal")

    def withdraw(self, code: str, reason: str, *, actor: Actor) -> ActionResult:
        clerk = clerk_name(actor)
        reason = required_reason(reason, "rút hồ sơ")
        at = self.clock().replace(microsecond=0)
        with self.db.write() as session:
            row = self._load(session, code)
            self._move(session, row, _S.WITHDRAWN, "withdraw", at=at, note=reason, details={"reason": reason},
                       clerk=clerk)
            self._event(session, row, at, reason, clerk=clerk, kind="withdraw")
        return self._done(code, None)

    def stop(self, code: str, reason: str, legal_basis: str, *, actor: Actor) -> ActionResult:
        """Processing stops (→ 8) with the notice Mẫu 05 (Thông báo dừng giải quyết hồ sơ): who, why, under
        which rule. The dossier leaves the running clock and the province is told."""
        clerk = clerk_name(actor)
        reason = required_reason(reason, "dừng giải quyết")
        legal_basis = clean_user_text(legal_basis)
        if len(legal_basis) < 5:
            raise DomainError("Cần ghi căn cứ pháp lý của việc dừng giải quyết (văn bản, điều, khoản).",
                              field="legal_basis")
        if len(legal_basis) > 500:
            raise DomainError("Căn cứ pháp lý dài quá 500 ký tự.", field="legal_basis")
        at = self.clock().replace(microsecond=0)
        with self.db.write() as session:
            row = self._load(session, code)
            check_transition(DossierStatus(row.status), _S.STOPPED)
            details = {"reason": reason, "legal_basis": legal_basis,
                       "letter_number": self._letter_number(session, row, "stop", at)}
            self._move(session, row, _S.STOPPED, "stop", at=at, note=reason, details=details, clerk=clerk)
            self._event(session, row, at, reason, clerk=clerk, kind="stop", legal_basis=legal_basis)
        return self._done(code, "stop")

    # -- handling ------------------------------------------------------------------------------------
    def send_to_handler(self, code: str, unit: str, *, actor: Actor) -> ActionResult:
        """Hand the dossier to the officer or unit that decides it (2 → 4)."""
        clerk = clerk_name(actor)
        unit = clean_user_text(unit)
        if not unit:
            raise DomainError("Chưa nhập bộ phận hoặc cán bộ xử lý.", field="unit")
        at = self.clock().replace(microsecond=0)
        with self.db.write() as session:
            row = self._load(session, code)
            self._move(session, row, _S.PROCESSING, "handover", at=at, unit=unit,
                       note=f"Chuyển hồ sơ cho {unit}", details={"handler": unit}, clerk=clerk)
            self._event(session, row, at, f"Chuyển hồ sơ cho {unit}", clerk=clerk, kind="handover")
        return self._done(code, None)

    def result_ready(self, code: str, note: str = "", *, actor: Actor) -> ActionResult:
        """The handler returned the result to the counter (→ 9)."""
        clerk = clerk_name(actor)
        at = self.clock().replace(microsecond=0)
        note = clean_user_text(note) or "Đã nhận kết quả từ bộ phận xử lý"
        with self.db.write() as session:
            row = self._load(session, code)
            handler = session.scalar(select(DossierStepRow.unit).where(DossierStepRow.dossier_code == code,
                                                                       DossierStepRow.kind == "handover")
                                     .order_by(DossierStepRow.id.desc()).limit(1))
            self._move(session, row, _S.RESULT_READY, "result_ready", at=at, unit=handler or COUNTER_UNIT,
                       note=note, clerk=clerk)
            self._event(session, row, at, note, clerk=clerk, kind="result_ready")
        return self._done(code, None)

    def apologize(self, code: str, new_appointment: datetime, reason: str, *, actor: Actor,
                  extension_basis: str = "") -> ActionResult:
        """A late dossier: the letter of apology and request to extend the time (Mẫu 04). The status stays; the
        promised date is kept, the new one becomes the date the citizen is told. It becomes the deadline too only
        when the extension is lawful: ``extension_basis`` names the rule (docs/LEGAL.md, "Lateness")."""
        clerk = clerk_name(actor)
        reason = required_reason(reason, "chậm trả kết quả")
        at = self.clock().replace(microsecond=0)
        new_appointment = new_appointment.replace(second=0, microsecond=0)
        if new_appointment <= at:
            raise DomainError("Ngày hẹn mới phải sau thời điểm hiện tại.", field="new_appointment")
        extension = Extension(new_appointment, clean_user_text(extension_basis))
        if len(extension.legal_basis) > 500:
            raise DomainError("Căn cứ gia hạn dài quá 500 ký tự.", field="extension_basis")
        with self.db.write() as session:
            row = self._load(session, code)
            if DossierStatus(row.status) not in CLOCK_RUNNING:
                raise DomainError(f"Hồ sơ đang ở trạng thái “{DossierStatus(row.status).label}”: không cần "
                                  "phiếu xin lỗi và hẹn lại.")
            old = row.appointment_at
            details = {"old_appointment": old.isoformat() if old else None,
                       "new_appointment": new_appointment.isoformat(), "reason": reason,
                       "extension_basis": extension.legal_basis,
                       "promised": row.promised_at.isoformat() if row.promised_at else None,
                       "letter_number": self._letter_number(session, row, "apology", at)}
            add_step(session, row, "apology", row.status, actor=clerk, at=at, note=reason, details=details)
            row.appointment_at = new_appointment
            row.deadline_at = deadline_after_extension(row.deadline_at, extension)
            row.updated_utc = utc_now()
            record(session, actor=clerk, action="dossier.apology", entity="dossier", entity_id=code,
                   details=details)
            self._event(session, row, at, f"Xin lỗi và hẹn lại: {reason}", appointment_at=_iso(new_appointment),
                        clerk=clerk, kind="apology", extension_basis=extension.legal_basis)
        return self._done(code, "apology")

    def suggest_new_appointment(self, code: str) -> datetime:
        """What the apology dialog proposes: the procedure's time once more, counted from now."""
        with self.db.read() as session:
            row = self._load(session, code)
            now = self.clock().replace(microsecond=0)
            return self._appointment_from(row, now) or self.calendar.calendar().end_of_day(
                self.calendar.calendar().next_working_day(now.date()))

    # -- result return ---------------------------------------------------------------------------------
    def return_result(self, code: str, collector: Collector, fee_collected: int = 0, *, actor: Actor) -> ActionResult:
        """Hand the result over (9 → 10): who took it, their ID, any fee still due, when; the hand-over slip."""
        clerk = clerk_name(actor)
        if fee_collected < 0:
            raise DomainError("Số tiền thu thêm không hợp lệ.", field="fee")
        at = self.clock().replace(microsecond=0)
        with self.db.write() as session:
            row = self._load(session, code)
            collector = validate_collector(collector, row.owner_id_number)
            details = {"collector_name": collector.full_name, "collector_id": collector.id_number,
                       "is_owner": collector.is_owner, "authorisation": collector.authorisation,
                       "fee_collected": fee_collected}
            note = ("Trả kết quả cho người có hồ sơ" if collector.is_owner
                    else f"Trả kết quả cho người được ủy quyền {collector.full_name}")
            self._move(session, row, _S.RETURNED, "return", at=at, note=note, details=details, clerk=clerk)
            row.returned_at = at
            self._event(session, row, at, note, clerk=clerk, kind="return")
        return self._done(code, "handover")

    def rate(self, code: str, level: int, source: str = "counter", *, actor: Actor | None = None) -> None:
        """The citizen's satisfaction (DOMAIN.md §8), once the result is handed over; a new rating replaces it.

        ``counter``: on the rating screen the citizen faces at the counter (the clerk's own screen only
        learns that a rating was given); ``kiosk``: on the kiosk."""
        clerk = actor.full_name if actor is not None else ""  # at the kiosk, no clerk is at hand
        if level not in RATING_LABELS:
            raise DomainError("Mức đánh giá phải là 1, 2 hoặc 3.")
        if source not in ("counter", "kiosk"):
            raise ValueError(source)
        with self.db.write() as session:
            row = self._load(session, code)
            if row.status != _S.RETURNED:
                raise DomainError("Chỉ đánh giá được sau khi đã nhận kết quả.")
            row.rating = level
            row.updated_utc = utc_now()
            # The citizen rates; the clerk who served them is kept with it (a rating concerns that clerk).
            record(session, actor="Công dân", action="dossier.rating", entity="dossier", entity_id=code,
                   details={"level": level, "source": source, "clerk": clerk})
            enqueue(session, OutboxKind.DOSSIER_RATING, code, {"level": level, "source": source})

    # -- lists ------------------------------------------------------------------------------------------
    def steps(self, code: str) -> list[DossierStepRow]:
        with self.db.read() as session:
            rows = list(session.scalars(select(DossierStepRow).where(DossierStepRow.dossier_code == code)
                                        .order_by(DossierStepRow.at, DossierStepRow.id)))
            session.expunge_all()
            return rows

    def render_form(self, code: str, kind: str) -> Path:
        """(Re)print a dossier's form: receipt, control sheet, or the last supplement/refusal/apology/hand-over."""
        if kind == "receipt":
            return self.receipts.ensure_pdf(code)
        return self.forms.save(self.forms.path(code, kind), self.forms.render(code, kind))

    def render_ledger(self, first: date, last: date) -> Path:
        if last < first:
            raise DomainError("Ngày cuối phải sau ngày đầu.")
        if (last - first) > timedelta(days=366):
            raise DomainError("Sổ theo dõi in tối đa một năm mỗi lần.")
        return self.forms.save(self.forms.ledger_path(first, last), self.forms.render_ledger(first, last))

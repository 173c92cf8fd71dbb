"""Receiving a dossier at the counter: one transaction, then the receipt."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import func, select

from contract import limits
from desk.domain.clock import VIETNAM, vietnam_now
from desk.domain.errors import DomainError
from desk.domain.intake import (
    IntakePreview,
    IntakeRequest,
    OutcomeKind,
    OutcomeRequest,
    intake_fee,
    outcome_reference,
    preview_intake,
    validate_intake,
    validate_outcome,
)
from desk.domain.money import format_vnd
from desk.domain.procedure import ProcedureTemplate
from desk.domain.status import DossierStatus
from desk.domain.text import dossier_search_key
from desk.domain.users import Actor, clerk_name
from desk.settings import CounterSettings, SettingsStore
from desk.store import Database
from desk.store.models import DossierRow, IntakeOutcomeRow, ProcedureSnapshotRow
from desk.store.outbox import OutboxKind, enqueue
from desk.store.sequences import block_range, next_dossier_code, next_ledger_line, next_value
from desk.store.snapshots import intern_snapshot

from .agency import AgencyService
from .audit import record, utc_now
from .calendar import CalendarService
from .digitization import DIGITIZED, REUSED, DigitizationService, DocumentFile, Page
from .forms import FormService
from .lifecycle import add_step
from .receipts import ReceiptService

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReceivedDossier:
    code: str
    received_at: datetime
    appointment_at: datetime | None
    fee: int
    receipt_path: Path | None
    receipt_error: str  # empty when the receipt PDF was written
    warnings: tuple[str, ...]
    already_saved: bool = False  # this form had been saved before (a crash after the commit): nothing new


@dataclass(frozen=True)
class IntakeOutcome:
    """Guidance or a refusal given at the counter (no dossier code), and its printed form."""

    reference: str
    kind: OutcomeKind
    at: datetime
    pdf_path: Path | None
    pdf_error: str = ""
    already_saved: bool = False


class IntakeService:
    def __init__(self, db: Database, agency: AgencyService, calendar: CalendarService, receipts: ReceiptService,
                 settings: SettingsStore, clock: Callable[[], datetime] = vietnam_now,
                 digitization: DigitizationService | None = None, forms: FormService | None = None):
        self.db = db
        self.agency = agency
        self.calendar = calendar
        self.receipts = receipts
        self.settings_store = settings
        self.clock = clock
        self.digitization = digitization
        self.forms = forms

    @property
    def settings(self) -> CounterSettings:
        return self.settings_store.current

    def preview(self, procedure: ProcedureTemplate, *, pages: int = 1, copies: int = 1,
                at: datetime | None = None, with_verification: bool = False) -> IntakePreview:
        return preview_intake(procedure, self.calendar.calendar(), at or self.clock(), pages=pages, copies=copies,
                              with_verification=with_verification)

    def saved_form(self, intake_key: str) -> str | None:
        """The dossier code or guidance/refusal reference a form with this key was saved as, or None."""
        with self.db.read() as session:
            return (session.scalar(select(DossierRow.code).where(DossierRow.intake_key == intake_key))
                    or session.scalar(select(IntakeOutcomeRow.reference)
                                      .where(IntakeOutcomeRow.intake_key == intake_key)))

    def _already_received(self, intake_key: str) -> ReceivedDossier | None:
        with self.db.read() as session:
            row = session.scalar(select(DossierRow).where(DossierRow.intake_key == intake_key))
            if row is None:
                return None
            code, received_at, appointment, fee = row.code, row.received_at, row.appointment_at, row.fee_amount
        receipt_path, receipt_error = self._write_receipt(code)
        log.info("intake form %s was already saved as %s", intake_key, code)
        return ReceivedDossier(code, received_at, appointment, fee, receipt_path, receipt_error, (),
                               already_saved=True)

    def _write_receipt(self, code: str, row: DossierRow | None = None, agency=None) -> tuple[Path | None, str]:
        try:
            pdf = (self.receipts.render_row(row, agency) if row is not None else self.receipts.render(code))
            return self.receipts.save(code, pdf), ""
        except OSError as exc:
            log.error("receipt for %s not written: %s", code, exc)
            return None, (f"Hồ sơ {code} đã được lưu, nhưng chưa ghi được tệp biên nhận ({exc.strerror or exc}). "
                          "Có thể in lại từ danh sách hồ sơ.")

    def receive(self, request: IntakeRequest, *, actor: Actor, procedure_version: int,
                files: Sequence[DocumentFile | None] = (), intake_key: str | None = None) -> ReceivedDossier:
        """Store the dossier (code, ledger line, audit, outbox: one transaction), then write its receipt.

        ``files`` holds, per checklist line, what the clerk scanned or reused. Each scanned document
        becomes one PDF in the content-addressed store *before* the transaction: a crash between
        the two leaves an unreferenced file, never a dossier pointing at a missing one.
        A failure after the commit (disk full while writing the PDF) leaves the dossier saved;
        the result says so and the receipt can be reprinted from the dossier list.

        ``intake_key`` is the form's idempotency key: a form saved before (the desk crashed after the
        commit and the clerk saved the restored draft again) gives back that dossier, not a second one.
        """
        if intake_key:
            existing = self._already_received(intake_key)
            if existing is not None:
                return existing
        files = list(files) + [None] * (len(request.procedure.documents) - len(files))
        request = validate_intake(_ticking_what_was_scanned(request, files))
        agency = self.agency.get()
        if agency is None:
            raise DomainError("Chưa khai báo thông tin cơ quan: vào Cài đặt để nhập mã định danh và tên đơn vị.")
        clerk, received_at, procedure = clerk_name(actor), self.clock().replace(microsecond=0), request.procedure
        appointment = self.calendar.calendar().appointment(received_at, request.processing)
        fee = intake_fee(request)
        if fee > limits.MAX_FEE_VND:  # a fee rule × many copies the province would refuse
            raise DomainError(f"Lệ phí {format_vnd(fee)} vượt mức hệ thống của tỉnh nhận được; kiểm tra số trang, số "
                              "bản và mức lệ phí của thủ tục.", field="fee")
        documents = [dict(doc.to_dict(), received=ticked, digitized=0)
                     for doc, ticked in zip(procedure.documents, request.received_documents)]
        used_pages = self._attach_files(documents, files)
        owner = request.owner
        ledger_book = f"{self.settings.ledger_book:02d}/{received_at.year}"
        with self.db.write() as session:
            code = next_dossier_code(session, agency.code, received_at.date(), self.settings.code_block)
            line = next_ledger_line(session, agency.code, f"{ledger_book}/b{self.settings.code_block}")
            now_utc = utc_now()
            row = _dossier_row(request, code=code, agency_code=agency.code, received_at=received_at,
                               appointment=appointment, procedure_version=procedure_version,
                               snapshot=intern_snapshot(session, request.procedure.to_dict()), documents=documents,
                               fee=fee, ledger=(ledger_book, line), clerk=clerk,
                               counter=self.settings.counter_name, intake_key=intake_key, now_utc=now_utc)
            seal = self.receipts.seal(code, owner.id_number, received_at)
            row.receipt_seal, row.receipt_unsigned = seal, not seal
            session.add(row)
            add_step(session, row, "receive", row.status, actor=clerk, at=received_at, note="Tiếp nhận hồ sơ")
            record(session, actor=clerk, action="dossier.receive", entity="dossier", entity_id=code,
                   details={"procedure": procedure.code, "version": procedure_version, "fee": fee,
                            "digitized": sum(1 for d in documents if d["digitized"]),
                            "appointment": appointment.isoformat() if appointment else None,
                            "with_verification": request.with_verification, "counter": self.settings.counter_name})
            enqueue(session, OutboxKind.DOSSIER_UPSERT, code, {"code": code}, now=now_utc)
            session.flush()
            pdf_source = row
        log.info("dossier %s received (%s)", code, procedure.code)
        if used_pages and self.digitization is not None:
            self.digitization.discard_work(used_pages)
        receipt_path, receipt_error = self._write_receipt(code, pdf_source, agency)
        return ReceivedDossier(code, received_at, appointment, fee, receipt_path, receipt_error,
                               tuple(owner.warnings()))


    def _attach_files(self, documents: list[dict], files: Sequence[DocumentFile | None]) -> list[Page]:
        """Store each scanned document as one PDF and note it (and reused ones) on its line."""
        used_pages: list[Page] = []
        for index, (document, attached) in enumerate(zip(documents, files), start=1):
            if attached is None:
                continue
            if attached.pages:
                if self.digitization is None:
                    raise DomainError("Máy này chưa bật chức năng số hóa.")
                stored = self.digitization.store(attached.pages)
                document.update(digitized=DIGITIZED, sha256=stored.sha256, pages=stored.pages, size=stored.size)
                used_pages.extend(attached.pages)
            elif attached.reuse is not None:
                reuse = attached.reuse
                document.update(digitized=REUSED, sha256=reuse.sha256, pages=reuse.pages,
                                reused_from=reuse.dossier_code)
            else:  # nothing attached to this line (DocumentFile.empty)
                continue
            document["file_name"] = f"{index:02d}.pdf"
        return used_pages

    # -- guidance and refusal at the counter (no dossier code) -------------------------------------
    def record_outcome(self, request: OutcomeRequest, *, actor: Actor, procedure_version: int,
                       intake_key: str) -> IntakeOutcome:
        """Give written guidance (Mẫu 02) or refuse (Mẫu 03) at the counter, before any dossier exists.

        One transaction stores the record (it counts in the statistics), its audit entry and the
        outbox request for the province; the form is printed from the stored record after the commit.
        The same form recorded twice (a crash, a double click) gives back the first record."""
        existing = self._outcome_of(intake_key)
        if existing is not None:
            return self._outcome_done(*existing, already_saved=True)
        request = validate_outcome(request, today=self.clock().date())
        agency = self.agency.get()
        if agency is None:
            raise DomainError("Chưa khai báo thông tin cơ quan: vào Cài đặt để nhập mã định danh và tên đơn vị.")
        at, clerk = self.clock().replace(microsecond=0), clerk_name(actor)
        kind, owner, procedure = request.kind, request.owner, request.procedure
        first, last = block_range(self.settings.code_block)
        with self.db.write() as session:
            number = first + next_value(session, f"outcome/{agency.code}/{at:%y%m%d}/{kind.letter}"
                                                 f"/b{self.settings.code_block}") - 1
            if number > last:
                raise DomainError(f"Quầy đã dùng hết số phiếu trong ngày ({first:04d}–{last:04d}).")
            reference = outcome_reference(agency.code, at.date(), kind, number)
            now_utc = utc_now()
            session.add(IntakeOutcomeRow(
                reference=reference, intake_key=intake_key, kind=kind.value, agency_code=agency.code, at=at,
                procedure_code=procedure.code, procedure_name=procedure.name, procedure_version=procedure_version,
                owner_name=owner.full_name, owner_id_number=owner.id_number, address=owner.address,
                phone=request.phone, email=request.email, documents=list(request.documents), reason=request.reason,
                clerk_name=clerk, counter_name=self.settings.counter_name, created_utc=now_utc))
            record(session, actor=clerk, action=f"intake.{kind.value}", entity="intake_outcome",
                   entity_id=reference, details={"procedure": procedure.code, "documents": len(request.documents),
                                                 "counter": self.settings.counter_name})
            enqueue(session, OutboxKind.INTAKE_OUTCOME, reference, {
                "kind": kind.value, "at": at.replace(tzinfo=VIETNAM).isoformat(),
                "procedure_code": procedure.code, "procedure_name": procedure.name,
                "owner_name": owner.full_name, "owner_id_number": owner.id_number,
                "phone": request.phone, "documents": list(request.documents),
                "reason": request.reason, "clerk": clerk[:200]}, now=now_utc)
        log.info("%s %s given at the counter (%s)", kind.value, reference, procedure.code)
        return self._outcome_done(reference, kind, at)

    def _outcome_of(self, intake_key: str) -> tuple[str, OutcomeKind, datetime] | None:
        with self.db.read() as session:
            row = session.scalar(select(IntakeOutcomeRow).where(IntakeOutcomeRow.intake_key == intake_key))
            return (row.reference, OutcomeKind(row.kind), row.at) if row is not None else None

    def _outcome_done(self, reference: str, kind: OutcomeKind, at: datetime, *,
                      already_saved: bool = False) -> IntakeOutcome:
        if self.forms is None:
            return IntakeOutcome(reference, kind, at, None, "", already_saved)
        try:
            path = self.forms.save(self.forms.outcome_path(reference, kind), self.forms.render_outcome(reference))
            return IntakeOutcome(reference, kind, at, path, "", already_saved)
        except OSError as exc:
            log.error("form %s not written: %s", reference, exc)
            return IntakeOutcome(reference, kind, at, None, f"Đã lưu {kind.label} {reference}, nhưng chưa ghi được "
                                 f"tệp phiếu ({exc.strerror or exc}). Có thể in lại.", already_saved)

    def counts(self, first: date, last: date) -> dict[str, int]:
        """What the counter did in a period (Vietnam dates, inclusive): dossiers received, guidance given,
        refusals at intake. The statistics count a visit that ended in guidance or a refusal too."""
        start, end = datetime.combine(first, time.min), datetime.combine(last, time.max)
        with self.db.read() as session:
            received = session.scalar(select(func.count()).select_from(DossierRow).where(
                DossierRow.received_at.between(start, end), DossierRow.channel == 1))
            outcomes = dict(session.execute(select(IntakeOutcomeRow.kind, func.count()).where(
                IntakeOutcomeRow.at.between(start, end)).group_by(IntakeOutcomeRow.kind)).all())
        return {"received": received or 0, "guidance": outcomes.get("guidance", 0),
                "refusal": outcomes.get("refusal", 0)}

    def received_today(self, id_number: str, procedure_code: str) -> list[str]:
        """Codes of today's dossiers of this citizen for this procedure (ID index): a draft restored after its
        dossier was saved would make a second one."""
        if not id_number or not procedure_code:
            return []
        start = datetime.combine(self.clock().date(), time.min)
        with self.db.read() as session:
            return list(session.scalars(select(DossierRow.code).where(
                DossierRow.owner_id_number == id_number, DossierRow.procedure_code == procedure_code,
                DossierRow.received_at >= start).order_by(DossierRow.received_at)))


def _ticking_what_was_scanned(request: IntakeRequest, files: Sequence[DocumentFile | None]) -> IntakeRequest:
    """A checklist line the clerk scanned or reused a file for was received, ticked or not."""
    if len(request.received_documents) != len(files):
        return request
    return replace(request, received_documents=tuple(
        ticked or not (f is None or f.empty) for ticked, f in zip(request.received_documents, files)))


def _dossier_row(request: IntakeRequest, *, code: str, agency_code: str, received_at: datetime,
                 appointment: datetime | None, procedure_version: int, snapshot: ProcedureSnapshotRow,
                 documents: list[dict], fee: int, ledger: tuple[str, int], clerk: str, counter: str,
                 intake_key: str | None, now_utc: datetime) -> DossierRow:
    procedure, owner, submitter = request.procedure, request.owner, request.submitter
    return DossierRow(
        code=code, agency_code=agency_code, status=int(DossierStatus.RECEIVED), channel=1,
        received_at=received_at, appointment_at=appointment, promised_at=appointment, deadline_at=appointment,
        procedure_code=procedure.code, procedure_name=procedure.name, procedure_version=procedure_version,
        snapshot_row=snapshot,
        owner_name=owner.full_name, owner_id_number=owner.id_number,
        owner_old_id_number=owner.old_id_number, owner_birth_date=owner.birth_date,
        owner_gender=owner.gender, owner_address=owner.address, owner_issue_date=owner.issue_date,
        phone=request.phone, email=request.email,
        submitter_name=submitter.full_name if submitter else "",
        submitter_id_number=submitter.id_number if submitter else "",
        documents=documents, extra_values=request.extra_values, fee_amount=fee, pages=request.pages,
        copies=request.copies, sets=request.sets, note=request.note,
        ledger_book=ledger[0], ledger_line=ledger[1], clerk_name=clerk, intake_key=intake_key or None,
        counter_name=counter, with_verification=request.with_verification,
        competent_agency=request.competent_agency,
        search_key=dossier_search_key(owner.full_name, submitter.full_name if submitter else "", code,
                                      owner.id_number, owner.old_id_number, request.phone,
                                      submitter.id_number if submitter else ""),
        created_utc=now_utc, updated_utc=now_utc,
    )

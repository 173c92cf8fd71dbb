"""Receiving a dossier at the counter: one transaction, then the receipt."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from desk.domain.clock import vietnam_now
from desk.domain.errors import DomainError
from desk.domain.intake import IntakePreview, IntakeRequest, preview_intake, validate_intake
from desk.domain.procedure import ProcedureTemplate
from desk.domain.status import DossierStatus
from desk.domain.text import dossier_search_key
from desk.settings import CounterSettings
from desk.store import Database
from desk.store.models import DossierRow, OutboxRow
from desk.store.sequences import next_dossier_code, next_ledger_line

from .agency import AgencyService
from .audit import record, utc_now
from .calendar import CalendarService
from .digitization import DIGITIZED, REUSED, DigitizationService, DocumentFile
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


class IntakeService:
    def __init__(self, db: Database, agency: AgencyService, calendar: CalendarService, receipts: ReceiptService,
                 settings: CounterSettings, clock: Callable[[], datetime] = vietnam_now,
                 digitization: DigitizationService | None = None):
        self.db = db
        self.agency = agency
        self.calendar = calendar
        self.receipts = receipts
        self.settings = settings
        self.clock = clock
        self.digitization = digitization

    def preview(self, procedure: ProcedureTemplate, *, pages: int = 1, copies: int = 1,
                at: datetime | None = None) -> IntakePreview:
        return preview_intake(procedure, self.calendar.calendar(), at or self.clock(), pages=pages, copies=copies)

    def receive(self, request: IntakeRequest, *, procedure_version: int,
                files: Sequence[DocumentFile | None] = ()) -> ReceivedDossier:
        """Store the dossier (code, ledger line, audit, outbox: one transaction), then write its receipt.

        ``files`` holds, per checklist line, what the clerk scanned or reused. Each scanned document
        becomes one PDF in the content-addressed store *before* the transaction: a crash between
        the two leaves an unreferenced file, never a dossier pointing at a missing one.
        A failure after the commit (disk full while writing the PDF) leaves the dossier saved;
        the result says so and the receipt can be reprinted from the dossier list.
        """
        files = list(files) + [None] * (len(request.procedure.documents) - len(files))
        if len(request.received_documents) == len(files):  # a line with a file was received
            request = replace(request, received_documents=tuple(
                ticked or not (f is None or f.empty) for ticked, f in zip(request.received_documents, files)))
        request = validate_intake(request)
        agency = self.agency.get()
        if agency is None:
            raise DomainError("Chưa khai báo thông tin cơ quan: vào Cài đặt để nhập mã định danh và tên đơn vị.")
        clerk = self.settings.clerk_name or "Cán bộ tiếp nhận"
        received_at = self.clock().replace(microsecond=0)
        procedure = request.procedure
        appointment = self.calendar.calendar().appointment(received_at, procedure.processing)
        fee = procedure.fee.compute(pages=request.pages, copies=request.copies)
        documents = [dict(doc.to_dict(), received=ticked, digitized=0)
                     for doc, ticked in zip(procedure.documents, request.received_documents)]
        used_pages = self._attach_files(documents, files)
        owner, submitter = request.owner, request.submitter
        ledger_book = f"{self.settings.ledger_book:02d}/{received_at.year}"
        with self.db.write() as session:
            code = next_dossier_code(session, agency.code, received_at.date(), self.settings.code_block)
            line = next_ledger_line(session, agency.code, f"{ledger_book}/b{self.settings.code_block}")
            now_utc = utc_now()
            row = DossierRow(
                code=code, agency_code=agency.code, status=int(DossierStatus.RECEIVED), channel=1,
                received_at=received_at, appointment_at=appointment,
                procedure_code=procedure.code, procedure_name=procedure.name, procedure_version=procedure_version,
                procedure_snapshot=procedure.to_dict(),
                owner_name=owner.full_name, owner_id_number=owner.id_number,
                owner_old_id_number=owner.old_id_number, owner_birth_date=owner.birth_date,
                owner_gender=owner.gender, owner_address=owner.address, owner_issue_date=owner.issue_date,
                phone=request.phone, email=request.email,
                submitter_name=submitter.full_name if submitter else "",
                submitter_id_number=submitter.id_number if submitter else "",
                documents=documents, extra_values=request.extra_values, fee_amount=fee, pages=request.pages,
                copies=request.copies, sets=request.sets, note=request.note,
                ledger_book=ledger_book, ledger_line=line, clerk_name=clerk,
                counter_name=self.settings.counter_name,
                search_key=dossier_search_key(owner.full_name, submitter.full_name if submitter else "", code,
                                              owner.id_number, owner.old_id_number, request.phone,
                                              submitter.id_number if submitter else ""),
                created_utc=now_utc, updated_utc=now_utc,
            )
            session.add(row)
            add_step(session, row, "receive", row.status, actor=clerk, at=received_at, note="Tiếp nhận hồ sơ")
            record(session, actor=clerk, action="dossier.receive", entity="dossier", entity_id=code,
                   details={"procedure": procedure.code, "version": procedure_version, "fee": fee,
                     "digitized": sum(1 for d in documents if d["digitized"]),
                            "appointment": appointment.isoformat() if appointment else None,
                            "counter": self.settings.counter_name})
            session.add(OutboxRow(created_utc=now_utc, dossier_code=code, kind="dossier.upsert",
                                  client_txn_id=str(uuid.uuid4()), payload={"code": code}))
            session.flush()
            pdf_source = row
        log.info("dossier %s received (%s)", code, procedure.code)
        if used_pages and self.digitization is not None:
            self.digitization.discard_work(used_pages)
        receipt_path, receipt_error = None, ""
        try:
            receipt_path = self.receipts.save(code, self.receipts.render_row(pdf_source, agency))
        except OSError as exc:
            receipt_error = (f"Hồ sơ {code} đã được lưu, nhưng chưa ghi được tệp biên nhận ({exc.strerror or exc}). "
                             "Có thể in lại từ danh sách hồ sơ.")
            log.error("receipt for %s not written: %s", code, exc)
        return ReceivedDossier(code, received_at, appointment, fee, receipt_path, receipt_error,
                               tuple(owner.warnings()))


    def _attach_files(self, documents: list[dict], files: Sequence[DocumentFile | None]) -> list:
        """Store each scanned document as one PDF and note it (and reused ones) on its line."""
        used_pages = []
        for index, (document, attached) in enumerate(zip(documents, files), start=1):
            if attached is None or attached.empty:
                continue
            if attached.pages:
                if self.digitization is None:
                    raise DomainError("Máy này chưa bật chức năng số hóa.")
                stored = self.digitization.store(attached.pages)
                document.update(digitized=DIGITIZED, sha256=stored.sha256, pages=stored.pages, size=stored.size)
                used_pages.extend(attached.pages)
            else:
                reuse = attached.reuse
                document.update(digitized=REUSED, sha256=reuse.sha256, pages=reuse.pages,
                                reused_from=reuse.dossier_code)
            document["file_name"] = f"{index:02d}.pdf"
        return used_pages

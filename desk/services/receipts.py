"""Receipts: assembled from a stored dossier, rendered to PDF, kept in the data directory.

A receipt is always rendered from what the database holds (the dossier and its template
snapshot), so a reprint after a crash, a restart or a template edit is identical.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import select

from desk.domain.agency import AgencyIdentity, tracking_home, tracking_url
from desk.domain.calendar import ProcessingTime, TimeUnit
from desk.domain.errors import DomainError
from desk.domain.fees import FeeKind
from desk.domain.money import format_vnd
from desk.domain.printed_forms import FormKind, PrintedForm, printed_form, with_overrides
from desk.domain.procedure import VERIFICATION_NOTE, ProcedureTemplate
from desk.domain.receipt_check import check_code
from desk.fileio import atomic_write_bytes
from desk.paths import DeskPaths
from desk.settings import CounterSettings, SettingsStore
from desk.store import Database
from desk.store.models import DossierRow, DossierStepRow

from .agency import AgencyService

log = logging.getLogger(__name__)
# Receipt files kept on disk (the current month and the two before): a reprint after that draws it again.
RECEIPT_MONTHS_KEPT = 3


class ReceiptSigner(Protocol):
    """Signs a receipt's key facts for the QR (the sync issue supplies the Ed25519 signer)."""

    def sign(self, facts: dict) -> str | None: ...

    def seal(self, facts: dict) -> str | None: ...

    def verify(self, facts: dict, signature: str) -> bool: ...


class NoSignature:
    def sign(self, facts: dict) -> str | None:
        return None

    def seal(self, facts: dict) -> str | None:
        return None

    def verify(self, facts: dict, signature: str) -> bool:
        return False


def printed_fee_text(amount: int, template: ProcedureTemplate) -> str:
    """The fee as printed for the citizen. An unconfigured fee never reaches paper: the clerk typed what
    was collected (0: "Không thu"); dossiers received before the clerk had to type it print the rule's
    authority without the admin's "chưa cấu hình"."""
    if amount:
        return format_vnd(amount)
    if template.fee.kind is FeeKind.UNSET:
        return "Không thu"
    return template.fee.describe()


def receipt_facts(row: DossierRow) -> dict:
    """What the signature covers (docs/REST.md): enough to tell a forged receipt from a real one.
    Times are Vietnam wall time to the second, as printed."""
    return {"code": row.code, "id_number": row.owner_id_number,
            "received_at": row.received_at.isoformat(timespec="seconds"),
            "appointment_at": row.appointment_at.isoformat(timespec="seconds") if row.appointment_at else None}


class ReceiptService:
    def __init__(self, db: Database, agency: AgencyService, paths: DeskPaths, settings: SettingsStore,
                 signer: ReceiptSigner | None = None):
        self.db = db
        self.agency = agency
        self.paths = paths
        self.settings_store = settings
        self.signer = signer or NoSignature()

    @property
    def settings(self) -> CounterSettings:
        return self.settings_store.current

    @staticmethod
    def warm_up() -> None:
        """Load the PDF machinery (reportlab, the fonts, the receipt's module) before the first save needs it."""
        from printing.fonts import register_fonts
        from printing.receipt import render_receipt  # noqa: F401

        register_fonts()

    def receipt_data(self, row: DossierRow, agency: AgencyIdentity):
        from printing.receipt import ReceiptData, ReceiptDocument  # reportlab loads only when printing

        template = ProcedureTemplate.from_dict(row.procedure_snapshot)
        labels = {f.key: f.label for f in template.extra_fields}
        complete_at, supplemented = self._supplements(row)
        documents = tuple(ReceiptDocument(d["name"], d.get("originals", 0), d.get("certified", 0),
                                          d.get("photocopies", 0), int(d.get("digitized") or 0),
                                          supplemented.get(d["name"]) if d.get("supplement") else None)
                          for d in row.documents if d.get("received"))
        fee_text = printed_fee_text(row.fee_amount, template)
        if row.fee_amount and template.fee.needs_copies:
            fee_text += f" ({row.copies} bản" + (f", {row.pages} trang/bản)" if template.fee.needs_pages else ")")
        chosen = template.processing_for(bool(row.with_verification))
        processing = ProcessingTime(chosen.value, chosen.unit)
        processing_text = processing.describe() if processing.unit is not TimeUnit.NONE else "Không quy định"
        if chosen is not template.processing:
            processing_text += f" ({VERIFICATION_NOTE})"
        form = self.receipt_form(agency)
        return ReceiptData(
            parent_authority=agency.parent_authority, unit_name=agency.unit_name, place_name=agency.place_name,
            code=row.code, ledger_book=row.ledger_book, ledger_line=row.ledger_line,
            owner_name=row.owner_name, id_number=row.owner_id_number, address=row.owner_address,
            phone=row.phone, email=row.email, procedure_name=row.procedure_name,
            procedure_code=row.procedure_code, documents=documents, sets=row.sets,
            processing_text=processing_text,
            received_at=row.received_at, appointment_at=row.appointment_at,
            return_place=template.return_place_for(agency.unit_name), fee_text=fee_text, clerk_name=row.clerk_name,
            tracking_url=tracking_url(agency.portal_base_url, row.code, self.signer.sign(receipt_facts(row))),
            submitter_name=row.submitter_name, submitter_id_number=row.submitter_id_number,
            extra_fields=tuple((labels.get(k, k), v) for k, v in row.extra_values.items() if v),
            form_number=form.number, legal_basis=self.settings.legal_basis or form.legal_basis,
            check_code=check_code(row.receipt_seal) if row.receipt_seal else "",
            tracking_home=tracking_home(agency.portal_base_url),
            title=form.title, signers=form.signers, footnotes=form.footnotes_for(agency.unit_name),
            complete_at=complete_at, competent_agency=row.competent_agency or "",
        )

    def receipt_form(self, agency: AgencyIdentity) -> PrintedForm:
        """Mẫu 01 as this agency prints it: its own texts (agency.form_texts["receipt"]) over the counter's
        ``form_number`` (when an admin changed it from the registry's) over the registry."""
        form = printed_form(FormKind.RECEIPT)
        number = (self.settings.form_number or "").strip()
        if number and number != form.number:
            form = replace(form, number=number)
        return with_overrides(form, agency.form_texts)

    def _supplements(self, row: DossierRow) -> tuple[datetime | None, dict[str, date]]:
        """A receipt reissued after supplements: when the dossier became complete (the newest supplement received)
        and the day each supplemented paper was brought. Nothing to look up for a dossier without supplements."""
        if not any(d.get("supplement") for d in row.documents or ()):
            return None, {}
        with self.db.read() as session:
            steps = list(session.scalars(select(DossierStepRow).where(
                DossierStepRow.dossier_code == row.code, DossierStepRow.kind == "supplement_received")
                .order_by(DossierStepRow.at, DossierStepRow.id)))
        brought: dict[str, date] = {}
        for step in steps:  # oldest first: a paper brought twice keeps its newest day
            for name in (step.details or {}).get("documents", ()):
                brought[name] = step.at.date()
        return (steps[-1].at if steps else None), brought

    def seal(self, code: str, id_number: str, received_at: datetime) -> str:
        """The seal the check code comes from ("" while the desk has no signing key)."""
        return self.signer.seal({"code": code, "id_number": id_number,
                                 "received_at": received_at.isoformat(timespec="seconds")}) or ""

    def seal_unsealed(self, codes: Iterable[str] | None = None) -> int:
        """Seal the dossiers received before the desk had its key (enrollment): the seal is the desk's signed
        statement that it issued that receipt, and gives reprints a check code. ``codes`` limits the work to
        those dossiers (the ones about to be sent); None seals every unsealed dossier. Returns how many."""
        sealed = 0
        with self.db.write() as session:
            query = select(DossierRow).where(DossierRow.receipt_seal == "")
            if codes is not None:
                codes = list(codes)
                if not codes:
                    return 0
                query = query.where(DossierRow.code.in_(codes))
            for row in session.scalars(query):
                seal = self.seal(row.code, row.owner_id_number, row.received_at)
                if not seal:
                    return sealed  # no key (not enrolled, keyring unavailable): nothing else will seal either
                row.receipt_seal = seal
                sealed += 1
        return sealed

    def render_row(self, row: DossierRow, agency: AgencyIdentity) -> bytes:
        from printing.receipt import render_receipt

        return render_receipt(self.receipt_data(row, agency), paper=self.settings.paper,
                              copies=self.settings.receipt_copies)

    def render(self, code: str) -> bytes:
        agency = self.agency.get()
        if agency is None:
            raise DomainError("Chưa khai báo thông tin cơ quan.")
        with self.db.read() as session:
            row = session.query(DossierRow).filter_by(code=code).one_or_none()
            if row is None:
                raise DomainError(f"Không tìm thấy hồ sơ {code}.")
            return self.render_row(row, agency)

    def save(self, code: str, pdf: bytes) -> Path:
        path = self.paths.receipt_pdf(code)
        path.parent.mkdir(exist_ok=True)
        atomic_write_bytes(path, pdf)
        return path

    def prune(self, *, keep_months: int = RECEIPT_MONTHS_KEPT, today: date | None = None) -> int:
        """Remove receipt PDFs of months older than ``keep_months`` (and any left from the flat layout of older
        versions): a receipt is drawn again from the stored dossier whenever it is reprinted (``ensure_pdf``), so
        the files are only the paper's copy for a while. One folder per month: the cost does not grow with
        history. Returns how many files went."""
        today = today or date.today()
        first_kept = (today.year * 12 + today.month - 1) - (keep_months - 1)
        removed = 0
        folder = self.paths.receipts
        for entry in folder.iterdir() if folder.is_dir() else ():
            if entry.is_file() and entry.suffix == ".pdf":  # the old flat layout
                entry.unlink(missing_ok=True)
                removed += 1
            elif entry.is_dir() and len(entry.name) == 4 and entry.name.isdigit():
                year, month = 2000 + int(entry.name[:2]), int(entry.name[2:])
                if year * 12 + month - 1 < first_kept:
                    removed += sum(1 for _ in entry.glob("*.pdf"))
                    shutil.rmtree(entry, ignore_errors=True)
        if removed:
            log.info("receipts: %d old files removed (kept %d months)", removed, keep_months)
        return removed

    def ensure_pdf(self, code: str) -> Path:
        """Render the stored dossier's receipt afresh and write it; return the file."""
        return self.save(code, self.render(code))

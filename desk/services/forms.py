"""Forms after intake, assembled from what the database holds and rendered by ``printing.forms``.

Like receipts, a form is always rendered from the stored dossier and its steps, so a
reprint is identical to the first print.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import select

from desk.domain.errors import DomainError
from desk.domain.lifecycle import timeliness
from desk.domain.money import format_vnd
from desk.domain.procedure import ProcedureTemplate
from desk.fileio import atomic_write_bytes
from desk.paths import DeskPaths
from desk.settings import CounterSettings
from desk.store import Database
from desk.store.models import DossierRow, DossierStepRow, IntakeOutcomeRow

from .agency import AgencyService

FORM_NUMBERS = {"supplement": "Mẫu số 02", "refusal": "Mẫu số 03", "apology": "Mẫu số 04",
                "control": "Mẫu số 06", "ledger": "Mẫu số 07", "handover": ""}
FORM_TITLES = {"supplement": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
               "refusal": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
               "apology": "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "control": "Phiếu kiểm soát",
               "handover": "Phiếu bàn giao kết quả", "receipt": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"}
# The step whose details a form prints (the newest one of that kind).
STEP_OF_FORM = {"supplement": "supplement", "refusal": "refuse", "apology": "apology", "handover": "return"}


class FormService:
    def __init__(self, db: Database, agency: AgencyService, paths: DeskPaths, settings: CounterSettings):
        self.db = db
        self.agency = agency
        self.paths = paths
        self.settings = settings

    def _header(self, kind: str, day: date):
        from printing.layout import FormHeader

        agency = self.agency.get()
        if agency is None:
            raise DomainError("Chưa khai báo thông tin cơ quan.")
        number = (self.settings.form_numbers or {}).get(kind, FORM_NUMBERS.get(kind, ""))
        return FormHeader(agency.parent_authority, agency.unit_name, agency.place_name, day, number,
                          self.settings.legal_basis), agency

    @staticmethod
    def _facts(row: DossierRow):
        from printing.forms import DossierFacts

        return DossierFacts(code=row.code, owner_name=row.owner_name, address=row.owner_address, phone=row.phone,
                            procedure_name=row.procedure_name, received_at=row.received_at,
                            appointment_at=row.appointment_at, id_number=row.owner_id_number, email=row.email,
                            ledger_book=row.ledger_book, ledger_line=row.ledger_line)

    # -- guidance and refusals given at intake (no dossier code) -------------------------------------
    def outcome_path(self, reference: str, kind) -> Path:
        return self.paths.forms / f"{reference}.pdf"

    def render_outcome(self, reference: str) -> bytes:
        """Mẫu 02 or Mẫu 03 for a visit that ended without a receipt, from the stored record."""
        from printing import forms

        with self.db.read() as session:
            row = session.scalar(select(IntakeOutcomeRow).where(IntakeOutcomeRow.reference == reference))
            if row is None:
                raise DomainError(f"Không tìm thấy phiếu {reference}.")
            kind = "supplement" if row.kind == "guidance" else "refusal"
            header, agency = self._header(kind, row.at.date())
            facts = forms.DossierFacts(code=reference, owner_name=row.owner_name, address=row.address,
                                       phone=row.phone, procedure_name=row.procedure_name, received_at=row.at,
                                       appointment_at=None, id_number=row.owner_id_number, email=row.email,
                                       code_label="Số phiếu")
            if kind == "supplement":
                return forms.render_supplement(header, forms.SupplementData(
                    facts, tuple(row.documents), row.reason, row.clerk_name, self._contact(agency)),
                    self.settings.paper)
            return forms.render_refusal(header, forms.RefusalData(facts, row.reason, row.clerk_name, row.owner_name),
                                        self.settings.paper)

    @staticmethod
    def _contact(agency) -> str:
        """Where the citizen may ask while completing the papers: the agency's phone and portal."""
        contact = " · ".join(x for x in (f"điện thoại {agency.phone}" if agency.phone else "",
                                         agency.portal_base_url) if x)
        return contact or agency.unit_name

    def path(self, code: str, kind: str) -> Path:
        return self.paths.form_pdf(code, kind)

    def ledger_path(self, first: date, last: date) -> Path:
        return self.paths.forms / f"so-theo-doi-{first:%Y%m%d}-{last:%Y%m%d}.pdf"

    @staticmethod
    def save(path: Path, pdf: bytes) -> Path:
        atomic_write_bytes(path, pdf)
        return path

    def render(self, code: str, kind: str) -> bytes:
        from printing import forms

        with self.db.read() as session:
            row = session.scalar(select(DossierRow).where(DossierRow.code == code))
            if row is None:
                raise DomainError(f"Không tìm thấy hồ sơ {code}.")
            steps = list(session.scalars(select(DossierStepRow).where(DossierStepRow.dossier_code == code)
                                         .order_by(DossierStepRow.at, DossierStepRow.id)))
            facts = self._facts(row)
            if kind == "control":
                header, agency = self._header(kind, row.received_at.date())
                return forms.render_control_sheet(header, self._control(facts, steps, agency.unit_name),
                                                  self.settings.paper)
            step = next((s for s in reversed(steps) if s.kind == STEP_OF_FORM.get(kind)), None)
            if step is None:
                raise DomainError(f"Hồ sơ {code} chưa có {FORM_TITLES.get(kind, kind).lower()}.")
            header, agency = self._header(kind, step.at.date())
            d = step.details
            template = ProcedureTemplate.from_dict(row.procedure_snapshot)
            paper = self.settings.paper
            if kind == "supplement":
                return forms.render_supplement(header, forms.SupplementData(
                    facts, tuple(d.get("documents", ())), d.get("reason", step.note), d.get("officer", step.actor),
                    self._contact(agency)), paper)
            if kind == "refusal":
                return forms.render_refusal(header, forms.RefusalData(
                    facts, d.get("reason", step.note), step.actor, row.submitter_name or row.owner_name), paper)
            if kind == "apology":
                old = d.get("old_appointment")
                return forms.render_apology(header, forms.ApologyData(
                    facts, datetime.fromisoformat(old) if old else None,
                    datetime.fromisoformat(d["new_appointment"]), d.get("reason", step.note),
                    template.return_place), paper)
            if kind == "handover":
                fee = int(d.get("fee_collected") or 0)
                return forms.render_handover(header, forms.HandoverData(
                    facts, d["collector_name"], d["collector_id"], bool(d.get("is_owner")),
                    d.get("authorisation", ""), step.at, tuple(template.result_documents),
                    format_vnd(fee) if fee else "không thu thêm", step.actor), paper)
        raise DomainError(f"Không có mẫu phiếu “{kind}”.")

    @staticmethod
    def _control(facts, steps: list[DossierStepRow], unit_name: str):
        """One row per step: who held the dossier, when it was given and taken, on time or not."""
        from printing.forms import ControlSheetData, ControlStep

        rows, previous_at = [], None
        for step in steps:
            if step.kind in ("rating",):
                continue
            # Intake is the step that sets the deadline: it is on time by definition.
            result = timeliness(step.at, step.at if step.kind == "receive" else step.due_at)
            note = step.note
            rows.append(ControlStep(unit=step.unit or unit_name, given_at=previous_at, received_at=step.at,
                                    result=result.value if result else "", note=note))
            previous_at = step.at
        units = sorted({s.unit for s in steps if s.kind in ("handover", "province")} - {""})
        return ControlSheetData(facts, ", ".join(units) or unit_name, tuple(rows))

    def render_ledger(self, first: date, last: date) -> bytes:
        from printing import forms

        header, agency = self._header("ledger", last)
        start, end = datetime.combine(first, time.min), datetime.combine(last, time.max)
        with self.db.read() as session:
            dossiers = list(session.scalars(select(DossierRow).where(DossierRow.received_at.between(start, end),
                                                                     DossierRow.status != 1)
                                            .order_by(DossierRow.received_at, DossierRow.id)))
            codes = [d.code for d in dossiers]
            steps: dict[str, list[DossierStepRow]] = {}
            for index in range(0, len(codes), 500):
                for step in session.scalars(select(DossierStepRow)
                                            .where(DossierStepRow.dossier_code.in_(codes[index:index + 500]))
                                            .order_by(DossierStepRow.at, DossierStepRow.id)):
                    steps.setdefault(step.dossier_code, []).append(step)
            lines = []
            for d in dossiers:
                own = steps.get(d.code, [])
                sent = next((s for s in own if s.to_status == 4), None)
                ready = next((s for s in own if s.to_status == 9), None)
                note = {3: "Từ chối", 7: "Rút hồ sơ", 8: "Dừng xử lý", 5: "Chờ bổ sung"}.get(d.status, "")
                lines.append(forms.LedgerLine(
                    code=d.code, procedure_name=d.procedure_name, sets=d.sets, owner_name=d.owner_name,
                    address_phone=", ".join(x for x in (d.owner_address, d.phone) if x),
                    handling_unit=sent.unit if sent else agency.unit_name, received_at=d.received_at,
                    appointment_at=d.appointment_at, sent_at=sent.at if sent else None,
                    ready_at=ready.at if ready else None, returned_at=d.returned_at, note=note))
        return forms.render_ledger(header, forms.LedgerData(first, last, tuple(lines)))

"""Forms after intake, assembled from what the database holds and rendered by ``printing.forms``.

Like receipts, a form is always rendered from the stored dossier and its steps, so a
reprint is identical to the first print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from desk.domain.agency import AgencyIdentity
from desk.domain.clock import vietnam_now
from desk.domain.errors import DomainError
from desk.domain.intake import OutcomeKind
from desk.domain.lifecycle import timeliness
from desk.domain.money import format_vnd
from desk.domain.printed_forms import (
    FormKind,
    PrintedForm,
    form_of_outcome,
    printed_form,
    signer_title_for,
    unit_initials,
    with_overrides,
)
from desk.domain.procedure import ProcedureTemplate
from desk.domain.status import DossierStatus
from desk.fileio import atomic_write_bytes
from desk.paths import DeskPaths
from desk.settings import CounterSettings, SettingsStore
from desk.store import Database
from desk.store.models import DossierRow, DossierStepRow, IntakeOutcomeRow, ProcedureRow

from .agency import AgencyService

if TYPE_CHECKING:  # printing is imported when a form is drawn: reportlab costs start-up time
    from printing.forms import DossierFacts
    from printing.layout import FormHeader

_S = DossierStatus
# What the ledger's last column says of a dossier that went no further than its status (keyed by the stored int).
LEDGER_NOTES: dict[int, str] = {_S.REFUSED: "Từ chối", _S.WITHDRAWN: "Rút hồ sơ", _S.STOPPED: "Dừng xử lý",
                                _S.SUPPLEMENT_REQUESTED: "Chờ bổ sung"}


@dataclass(frozen=True)
class DossierForm:
    """What one dossier's form is drawn from: the stored dossier, the step it prints (None for the control
    sheet, which prints them all), its header and the agency."""

    row: DossierRow
    step: DossierStepRow | None
    steps: list[DossierStepRow]
    facts: DossierFacts
    header: FormHeader
    agency: AgencyIdentity
    paper: str

    @property
    def printed_step(self) -> DossierStepRow:
        """The step a form of one step prints (every form but the control sheet)."""
        assert self.step is not None  # FormService.render refuses a dossier without the form's step
        return self.step


Drawer = Callable[[DossierForm], bytes]
# Who draws each form of a dossier (printing is imported when one is drawn: reportlab costs start-up time).
# The receipt is ReceiptService's; the ledger covers a period, not a dossier.
DRAWERS: dict[FormKind, Drawer] = {}


def draws(kind: FormKind) -> Callable[[Drawer], Drawer]:
    def register(drawer: Drawer) -> Drawer:
        DRAWERS[kind] = drawer
        return drawer
    return register


def papers_of(names, template: ProcedureTemplate | None):
    """Each named paper with the counts the procedure asks for (a paper it does not list: no counts)."""
    from printing.forms import Paper

    wanted = {d.name: d for d in template.documents} if template else {}
    return tuple(Paper(name, wanted[name].originals, wanted[name].certified, wanted[name].photocopies)
                 if name in wanted else Paper(name) for name in names)


def contact_of(agency: AgencyIdentity) -> str:
    """Where the citizen may ask while completing the papers: the agency's phone and portal."""
    contact = " · ".join(x for x in (f"điện thoại {agency.phone}" if agency.phone else "",
                                     agency.portal_base_url) if x)
    return contact or agency.unit_name


@draws(FormKind.SUPPLEMENT)
def _draw_supplement(form: DossierForm) -> bytes:
    from printing import forms

    step = form.printed_step
    details = step.details
    papers = papers_of(details.get("documents", ()), ProcedureTemplate.from_dict(form.row.procedure_snapshot))
    return forms.render_supplement(form.header, forms.SupplementData(
        form.facts, papers, details.get("reason", step.note), details.get("officer", step.actor),
        contact_of(form.agency)), form.paper)


@draws(FormKind.REFUSAL)
def _draw_refusal(form: DossierForm) -> bytes:
    from printing import forms

    step, row = form.printed_step, form.row
    brought = tuple(forms.Paper(d["name"], int(d.get("originals") or 0), int(d.get("certified") or 0),
                                int(d.get("photocopies") or 0)) for d in row.documents if d.get("received"))
    return forms.render_refusal(form.header, forms.RefusalData(
        form.facts, step.details.get("reason", step.note), step.actor, row.submitter_name or row.owner_name,
        brought), form.paper)


def _letter_signer(form: DossierForm):
    """The letter's signer as the agency set it (title and name), else the head of the unit by title and a blank
    line for the name: never a placeholder such as "THỦ TRƯỞNG CƠ QUAN"."""
    from printing.forms import LetterSigner

    printed = form.header.form
    assert printed is not None  # FormService._header resolves it
    return LetterSigner(printed.signer_title or signer_title_for(form.agency.unit_name), printed.signer_name)


def _letter_number(form: DossierForm) -> str:
    printed = form.header.form
    assert printed is not None
    number = form.printed_step.details.get("letter_number")
    # Nghị định 30/2020: the letter's kind, then the issuing body, abbreviated ("01/XL-TTPVHCC"); an agency's own
    # symbol that already names it is printed as typed.
    symbol = printed.symbol if "-" in printed.symbol else f"{printed.symbol}-{unit_initials(form.agency.unit_name)}"
    return f"{int(number):02d}/{symbol}" if number else f"…/{symbol}"


def _handler_units(form: DossierForm) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.unit for s in form.steps if s.kind == "handover" and s.unit))


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=None) if value else None


@draws(FormKind.APOLOGY)
def _draw_apology(form: DossierForm) -> bytes:
    from printing import forms

    step = form.printed_step
    details = step.details
    # The receipt's promise: kept in the step (an apology never moves it), else the date before this apology.
    promised = _moment(details.get("promised")) or form.row.promised_at or _moment(details.get("old_appointment"))
    template = ProcedureTemplate.from_dict(form.row.procedure_snapshot)
    return forms.render_apology(form.header, forms.ApologyData(
        form.facts, promised, datetime.fromisoformat(details["new_appointment"]), details.get("reason", step.note),
        template.return_place_for(form.agency.unit_name), _letter_number(form), _letter_signer(form),
        details.get("extension_basis", ""), _handler_units(form)), form.paper)


@draws(FormKind.STOP)
def _draw_stop(form: DossierForm) -> bytes:
    from printing import forms

    step = form.printed_step
    details = step.details
    return forms.render_stop(form.header, forms.StopData(
        form.facts, details.get("reason", step.note), details.get("legal_basis", ""), _letter_number(form),
        _letter_signer(form), contact_of(form.agency), _handler_units(form)), form.paper)


@draws(FormKind.HANDOVER)
def _draw_handover(form: DossierForm) -> bytes:
    from printing import forms

    step = form.printed_step
    details = step.details
    fee = int(details.get("fee_collected") or 0)
    template = ProcedureTemplate.from_dict(form.row.procedure_snapshot)
    return forms.render_handover(form.header, forms.HandoverData(
        form.facts, details["collector_name"], details["collector_id"], bool(details.get("is_owner")),
        details.get("authorisation", ""), step.at, tuple(template.result_documents),
        format_vnd(fee) if fee else "không thu thêm", step.actor), form.paper)


# Steps that move the dossier from one holder to another (the control sheet's rows, Mẫu 06): to the handling
# officer or unit, between units at the province, and back to the centre with the result. Other steps (a
# supplement request, an apology, a stop) are listed under the table, not as hand-overs.
HAND_OVER_STEPS = ("handover", "province", "result_ready")
OTHER_EVENTS = {"supplement": "Yêu cầu bổ sung", "supplement_received": "Nhận giấy tờ bổ sung",
                "apology": "Xin lỗi, đề nghị gia hạn", "stop": "Dừng giải quyết", "withdraw": "Rút hồ sơ",
                "refuse": "Từ chối"}


def unit_of(step: DossierStepRow, agency: AgencyIdentity) -> str:
    """The unit a step names; steps at the counter name none (or the old "Bộ phận Một cửa"): the agency's unit."""
    from .lifecycle import LEGACY_COUNTER_UNIT

    return step.unit if step.unit and step.unit != LEGACY_COUNTER_UNIT else agency.unit_name


def _other_event(step: DossierStepRow) -> str:
    text = f"{step.at:%H:%M %d/%m/%Y}: {OTHER_EVENTS[step.kind]}"
    details = step.details or {}
    if step.kind == "apology":
        old, new = _moment(details.get("promised") or details.get("old_appointment")), _moment(
            details.get("new_appointment"))
        text += f", hẹn {old:%d/%m/%Y} → {new:%d/%m/%Y}" if old and new else ""
        text += f" (gia hạn theo {details['extension_basis']})" if details.get("extension_basis") else ""
    note = step.note if len(step.note) <= 300 else step.note[:299] + "…"
    return f"{text} — {note}" if note else text


@draws(FormKind.CONTROL)
def _draw_control(form: DossierForm) -> bytes:
    """One row per real hand-over: who gave the dossier, who took it, when, on time or not against the deadline
    in force at that step."""
    from printing.forms import ControlSheetData, HandOver, render_control_sheet

    centre = form.agency.unit_name
    holder = centre
    rows, others = [], []
    for step in form.steps:
        if step.kind in OTHER_EVENTS:
            others.append(_other_event(step))
        if step.kind not in HAND_OVER_STEPS:
            continue
        receiver = centre if step.kind == "result_ready" else unit_of(step, form.agency)
        if receiver == holder:
            continue  # a province step that did not change hands
        result = timeliness(step.at, step.due_at)
        rows.append(HandOver(giver=holder, receiver=receiver, at=step.at, result=result.value if result else "",
                             note=step.note))
        holder = receiver
    units = list(dict.fromkeys(unit_of(s, form.agency) for s in form.steps if s.kind in ("handover", "province")))
    return render_control_sheet(form.header, ControlSheetData(
        form.facts, ", ".join(u for u in units if u != centre) or centre, tuple(rows), form.row.promised_at,
        tuple(others)), form.paper)


class FormService:
    def __init__(self, db: Database, agency: AgencyService, paths: DeskPaths, settings: SettingsStore,
                 clock: Callable[[], datetime] = vietnam_now):
        self.db = db
        self.agency = agency
        self.paths = paths
        self.settings_store = settings
        self.clock = clock  # the date line of what is printed for a moment, not a step (control sheet, ledger)

    @property
    def settings(self) -> CounterSettings:
        return self.settings_store.current

    def _header(self, form: PrintedForm, day: date) -> tuple[FormHeader, AgencyIdentity]:
        from printing.layout import FormHeader

        agency = self.agency.get()
        if agency is None:
            raise DomainError("Chưa khai báo thông tin cơ quan.")
        form = self.form_as_printed(form, agency)
        return FormHeader(agency.parent_authority, agency.unit_name, agency.place_name, day, form.number,
                          self.settings.legal_basis or form.legal_basis, form), agency

    def form_as_printed(self, form: PrintedForm, agency: AgencyIdentity) -> PrintedForm:
        """The registry's form with this agency's own texts; a number a counter's older settings still hold
        (``form_numbers``, before numbers were the agency's) counts unless the agency set one."""
        legacy = (self.settings.form_numbers or {}).get(form.kind.value)
        if legacy:
            form = replace(form, number=legacy)
        return with_overrides(form, agency.form_texts)

    @staticmethod
    def _facts(row: DossierRow) -> DossierFacts:
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
            form = form_of_outcome(OutcomeKind(row.kind))
            header, agency = self._header(form, row.at.date())
            facts = forms.DossierFacts(code=reference, owner_name=row.owner_name, address=row.address,
                                       phone=row.phone, procedure_name=row.procedure_name, received_at=row.at,
                                       appointment_at=None, id_number=row.owner_id_number, email=row.email,
                                       code_label="Số phiếu")
            if form.kind is FormKind.SUPPLEMENT:
                procedure = session.scalar(select(ProcedureRow.template).where(
                    ProcedureRow.code == row.procedure_code, ProcedureRow.version == row.procedure_version))
                template = ProcedureTemplate.from_dict(procedure) if procedure else None
                return forms.render_supplement(header, forms.SupplementData(
                    facts, papers_of(row.documents, template), row.reason, row.clerk_name, contact_of(agency)),
                    self.settings.paper)
            return forms.render_refusal(header, forms.RefusalData(facts, row.reason, row.clerk_name, row.owner_name),
                                        self.settings.paper)

    def path(self, code: str, kind: str) -> Path:
        return self.paths.form_pdf(code, kind)

    def ledger_path(self, first: date, last: date) -> Path:
        return self.paths.forms / f"so-theo-doi-{first:%Y%m%d}-{last:%Y%m%d}.pdf"

    @staticmethod
    def save(path: Path, pdf: bytes) -> Path:
        atomic_write_bytes(path, pdf)
        return path

    def render(self, code: str, kind: str) -> bytes:
        """A dossier's form (any of DRAWERS), from the dossier and the newest step of the form's kind."""
        form = printed_form(kind)
        draw = DRAWERS.get(form.kind)
        if draw is None:
            raise DomainError(f"Không có mẫu phiếu “{kind}”.")
        with self.db.read() as session:
            row = session.scalar(select(DossierRow).where(DossierRow.code == code))
            if row is None:
                raise DomainError(f"Không tìm thấy hồ sơ {code}.")
            steps = list(session.scalars(select(DossierStepRow).where(DossierStepRow.dossier_code == code)
                                         .order_by(DossierStepRow.at, DossierStepRow.id)))
            step = None
            if form.step is not None:
                step = next((s for s in reversed(steps) if s.kind == form.step), None)
                if step is None:
                    raise DomainError(f"Hồ sơ {code} chưa có {form.title.lower()}.")
            # A step's paper is dated by its step (a reprint is identical); the control sheet by the day it is printed.
            header, agency = self._header(form, (step.at if step else self.clock()).date())
            return draw(DossierForm(row, step, steps, self._facts(row), header, agency, self.settings.paper))

    def render_ledger(self, first: date, last: date) -> bytes:
        from printing import forms

        header, agency = self._header(printed_form(FormKind.LEDGER), self.clock().date())
        start, end = datetime.combine(first, time.min), datetime.combine(last, time.max)
        with self.db.read() as session:
            dossiers = list(session.scalars(
                select(DossierRow).where(DossierRow.received_at.between(start, end),
                                         DossierRow.status != int(DossierStatus.NEW_ONLINE))
                .order_by(DossierRow.received_at, DossierRow.id)))
            steps = self._steps_of(session, [d.code for d in dossiers])
            lines = []
            for d in dossiers:
                own = steps.get(d.code, [])
                sent = next((s for s in own if s.to_status == DossierStatus.PROCESSING), None)
                ready = next((s for s in own if s.to_status == DossierStatus.RESULT_READY), None)
                promised = d.promised_at or d.appointment_at
                lines.append(forms.LedgerLine(
                    book=d.ledger_book, line=d.ledger_line,
                    code=d.code, procedure_name=d.procedure_name, sets=d.sets, owner_name=d.owner_name,
                    address_phone=", ".join(x for x in (d.owner_address, d.phone) if x),
                    handling_unit=sent.unit if sent else agency.unit_name, received_at=d.received_at,
                    appointment_at=promised,
                    extended_to=d.appointment_at if d.appointment_at != promised else None,
                    extension_lawful=d.deadline_at is not None and d.deadline_at != promised,
                    sent_at=sent.at if sent else None,
                    ready_at=ready.at if ready else None, returned_at=d.returned_at,
                    note=LEDGER_NOTES.get(d.status, "")))
        return forms.render_ledger(header, forms.LedgerData(first, last, tuple(lines)))

    @staticmethod
    def _steps_of(session, codes: list[str]) -> dict[str, list[DossierStepRow]]:
        """The steps of many dossiers in time order, read 500 dossiers at a time (SQLite's parameter limit)."""
        steps: dict[str, list[DossierStepRow]] = {}
        for index in range(0, len(codes), 500):
            for step in session.scalars(select(DossierStepRow)
                                        .where(DossierStepRow.dossier_code.in_(codes[index:index + 500]))
                                        .order_by(DossierStepRow.at, DossierStepRow.id)):
                steps.setdefault(step.dossier_code, []).append(step)
        return steps

"""The intake form read as the domain sees it: the request it makes, every problem it has (each with the
field it belongs to, in the order of the form), and the form as a draft (a dict kept on disk) and back."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QWidget

from desk.domain.citizen import validate_id_number
from desk.domain.dates import parse_typed_date
from desk.domain.errors import DomainError
from desk.domain.intake import (
    MAX_ADDRESS,
    MAX_COMPETENT_AGENCY,
    MAX_EMAIL,
    MAX_NAME,
    MAX_PHONE_TYPED,
    IntakeProblems,
    IntakeRequest,
    OutcomeRequest,
    Person,
    normalize_email,
    normalize_phone,
    validate_intake,
)

from .digitization import DigitizationController
from .procedure import ProcedurePanel

if TYPE_CHECKING:
    from forms.ui_intake_page import Ui_IntakePage

# Live length checks of the line edits: over-long text is refused with a message, never cut.
MAX_LENGTHS = {"full_name": MAX_NAME, "submitter_full_name": MAX_NAME, "address": MAX_ADDRESS,
               "email": MAX_EMAIL, "phone": MAX_PHONE_TYPED, "id_number": 20, "old_id_number": 20,
               "submitter_id_number": 20, "birth_date": 20, "issue_date": 20,
               "competent_agency": MAX_COMPETENT_AGENCY}


class IntakeForm:
    def __init__(self, ui: Ui_IntakePage, procedure: ProcedurePanel, digitization: DigitizationController):
        self.ui, self.procedure, self.digitization = ui, procedure, digitization

    def field_widgets(self) -> dict[str, QWidget]:
        """Each field the domain names in its errors, and the widget that edits it."""
        ui = self.ui
        return {
            "id_number": ui.idNumberEdit, "old_id_number": ui.oldIdEdit, "full_name": ui.fullNameEdit,
            "birth_date": ui.birthDateEdit, "gender": ui.genderCombo, "address": ui.addressEdit,
            "issue_date": ui.issueDateEdit, "phone": ui.phoneEdit, "email": ui.emailEdit,
            "submitter_full_name": ui.submitterNameEdit, "submitter_id_number": ui.submitterIdEdit,
            "documents": ui.documentsTable, "pages": ui.pagesSpin, "copies": ui.copiesSpin,
            "sets": ui.setsSpin, "fee": self.procedure.fee_collected_row, "procedure": ui.procedureSearchEdit,
            **self.procedure.extra_widgets, "competent_agency": ui.competentAgencyEdit,
        }

    def draft_edits(self) -> dict[str, QLineEdit]:
        """The line edits a draft keeps, by the draft's keys."""
        ui = self.ui
        return {"id_number": ui.idNumberEdit, "old_id_number": ui.oldIdEdit, "full_name": ui.fullNameEdit,
                "birth_date": ui.birthDateEdit, "address": ui.addressEdit, "issue_date": ui.issueDateEdit,
                "phone": ui.phoneEdit, "email": ui.emailEdit, "submitter_name": ui.submitterNameEdit,
                "submitter_id": ui.submitterIdEdit}

    def _in_form_order(self, problems: list[DomainError]) -> list[DomainError]:
        order = list(self.field_widgets())
        return sorted(problems, key=lambda e: order.index(e.field) if e.field in order else len(order))

    # -- checks ----------------------------------------------------------------------------------------
    def too_long(self) -> list[DomainError]:
        """Text longer than a field takes, with its length (it is never cut silently)."""
        widgets = self.field_widgets()
        return [DomainError(f"Quá dài: tối đa {limit} ký tự, đang có {len(widgets[field].text())}.", field=field)
                for field, limit in MAX_LENGTHS.items() if len(widgets[field].text()) > limit]

    def id_number_problem(self) -> DomainError | None:
        text = self.ui.idNumberEdit.text().strip()
        if not text:
            return None
        try:
            validate_id_number(text)
        except DomainError as error:
            return error
        return None

    def problems(self) -> list[DomainError]:
        """Every problem of the form as it is, in the order of the form."""
        try:
            validate_intake(self.collect_request())
        except IntakeProblems as many:
            return list(many.problems)
        except DomainError as no_procedure:  # the citizen's part is checked all the same
            return [*self._citizen_problems(), no_procedure]
        return []

    def _citizen_problems(self) -> list[DomainError]:
        ui = self.ui
        found: list[DomainError] = []
        checks = [lambda: parse_typed_date(ui.birthDateEdit.text(), "Ngày sinh", "birth_date"),
                  lambda: parse_typed_date(ui.issueDateEdit.text(), "Ngày cấp thẻ", "issue_date"),
                  lambda: Person(ui.fullNameEdit.text(), ui.idNumberEdit.text(), ui.oldIdEdit.text(),
                                 address=ui.addressEdit.text()).cleaned("người có hồ sơ"),
                  lambda: normalize_phone(ui.phoneEdit.text()), lambda: normalize_email(ui.emailEdit.text())]
        for check in checks:
            try:
                check()
            except IntakeProblems as many:
                found += many.problems
            except DomainError as one:
                found.append(one)
        return self._in_form_order(found)

    # -- what the form says ----------------------------------------------------------------------------
    def collect_request(self) -> IntakeRequest:
        """The form as an IntakeRequest; raises IntakeProblems with every problem found on the way."""
        ui = self.ui
        problems: list[DomainError] = []

        def date_of(edit: QLineEdit, label: str, field: str) -> date | None:
            try:
                return parse_typed_date(edit.text(), label, field)
            except DomainError as error:
                problems.append(error)
                return None

        entry = self.procedure.entry
        if entry is None:
            raise DomainError("Chưa chọn thủ tục: gõ tên thủ tục (không cần dấu) vào ô tìm.", field="procedure")
        owner = Person(
            full_name=ui.fullNameEdit.text(), id_number=ui.idNumberEdit.text(), old_id_number=ui.oldIdEdit.text(),
            birth_date=date_of(ui.birthDateEdit, "Ngày sinh", "birth_date"),
            gender=ui.genderCombo.currentText(), address=ui.addressEdit.text(),
            issue_date=date_of(ui.issueDateEdit, "Ngày cấp thẻ", "issue_date"))
        submitter = None
        if ui.submittedByOtherCheck.isChecked():
            submitter = Person(full_name=ui.submitterNameEdit.text(), id_number=ui.submitterIdEdit.text())
        request = IntakeRequest(owner=owner, procedure=entry.template, received_documents=self.procedure.ticked(),
                                phone=ui.phoneEdit.text(), email=ui.emailEdit.text(), submitter=submitter,
                                extra_values=self.procedure.extra_values(), pages=ui.pagesSpin.value(),
                                copies=ui.copiesSpin.value(), sets=ui.setsSpin.value(),
                                fee_collected=self.procedure.fee_collected(),
                                with_verification=self.procedure.with_verification(),
                                competent_agency=self.procedure.competent_agency())
        if problems:
            try:
                validate_intake(request)
            except IntakeProblems as many:
                problems += many.problems
            raise IntakeProblems(self._in_form_order(problems))
        return request

    def outcome_request(self, values: dict) -> OutcomeRequest:
        """Guidance or a refusal for the citizen on the form (``values`` from the outcome dialog)."""
        ui = self.ui
        owner = Person(full_name=ui.fullNameEdit.text(), id_number=ui.idNumberEdit.text(),
                       old_id_number=ui.oldIdEdit.text(), address=ui.addressEdit.text())
        return OutcomeRequest(values["kind"], owner, self.procedure.entry.template,
                              tuple(values.get("documents", ())), values.get("reason", ""),
                              phone=ui.phoneEdit.text(), email=ui.emailEdit.text())

    def missing_papers(self) -> list[tuple[str, bool]]:
        """Each paper of the procedure and whether it is required but neither ticked nor digitized."""
        received = self.procedure.ticked()
        return [(doc.name, doc.required and not received[row])
                for row, doc in enumerate(self.procedure.entry.template.documents)]

    def holds_more_than_identity(self) -> bool:
        """Has the clerk done more on this form than read a card (a phone, a procedure, papers, scans)?"""
        ui = self.ui
        return bool(ui.phoneEdit.text().strip() or ui.emailEdit.text().strip() or self.procedure.entry is not None
                    or ui.submittedByOtherCheck.isChecked())

    def clear(self) -> None:
        ui = self.ui
        for edit in (*self.draft_edits().values(), ui.procedureSearchEdit):
            edit.clear()
        ui.genderCombo.setCurrentIndex(0)
        ui.submittedByOtherCheck.setChecked(False)
        for spin in (ui.pagesSpin, ui.copiesSpin, ui.setsSpin):
            spin.setValue(1)
        self.procedure.clear()

    # -- the form as a draft -----------------------------------------------------------------------------
    def snapshot(self) -> dict | None:
        """What the clerk has entered so far, or None when the form is empty."""
        from desk.services.drafts import page_to_dict, reuse_to_dict

        ui, entry, cells = self.ui, self.procedure.entry, self.digitization.cells
        fields = {key: edit.text() for key, edit in self.draft_edits().items()}
        lines = [[page_to_dict(page) for page in cell.pages()] for cell in cells]
        if not any(fields.values()) and entry is None and not any(lines):
            return None
        return {
            "fields": fields, "gender": ui.genderCombo.currentText(),
            "submitted_by_other": ui.submittedByOtherCheck.isChecked(),
            "procedure": entry.template.code if entry else None,
            "procedure_name": entry.template.name if entry else "",
            "ticked": self.procedure.ticked_by_clerk(),
            "extra": self.procedure.extra_values(),
            "counts": [ui.pagesSpin.value(), ui.copiesSpin.value(), ui.setsSpin.value()],
            "fee_collected": self.procedure.fee_collected(),
            "with_verification": self.procedure.with_verification(),
            "competent_agency": self.procedure.competent_agency(),
            "lines": lines,
            "reused": [reuse_to_dict(cell.reused) for cell in cells],
        }

    def restore_citizen(self, draft: dict) -> None:
        """The citizen's part of a draft, at once (the procedure's part needs the catalog: ``restore_procedure``)."""
        ui = self.ui
        for key, edit in self.draft_edits().items():
            edit.setText(draft.get("fields", {}).get(key, ""))
        ui.genderCombo.setCurrentText(draft.get("gender", ""))
        ui.submittedByOtherCheck.setChecked(bool(draft.get("submitted_by_other")))
        for spin, value in zip((ui.pagesSpin, ui.copiesSpin, ui.setsSpin), draft.get("counts", (1, 1, 1))):
            spin.setValue(int(value))
        ui.addressEdit.setCursorPosition(0)

    def restore_procedure(self, draft: dict, entry, lines) -> int:
        """The procedure, ticks, own fields, fee and pages of a draft; returns how many pages were gone."""
        from desk.services.drafts import reuse_from_dict

        self.procedure.show(entry)
        for row, ticked in enumerate(draft.get("ticked", [])):
            if ticked:
                self.procedure.tick(row)
        self.procedure.set_extra_values(draft.get("extra", {}))
        missing = self.digitization.restore_lines(lines, [reuse_from_dict(item) for item in draft.get("reused", [])])
        self.procedure.set_fee_collected(draft.get("fee_collected"))
        self.procedure.set_choices(bool(draft.get("with_verification")), str(draft.get("competent_agency") or ""))
        return missing

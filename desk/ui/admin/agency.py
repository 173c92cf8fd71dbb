"""Thông tin cơ quan và quầy: asked of the first admin, editable later by admins only.

``AgencyEditor`` keeps one dialog open at a time over the window that asks for it; the window decides
who may ask (its navigation rules) and what follows the dialog's closing (its idle lock, its status
line)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk.domain.agency import AgencyIdentity, suggest_parent_authority
from desk.domain.errors import DomainError, Problems
from desk.domain.printed_forms import NUMBERED_IN_SETTINGS, printed_form
from desk.settings import CounterSettings
from forms.ui_agency_dialog import Ui_AgencyDialog

from .. import messages
from ..background import BackgroundRunner
from ..desk_ref import DeskRef
from ..field_errors import FieldErrors
from ..operations import Changes, PageOps
from ..screen_fit import bound_combo, fit_dialog, grow_to_show, show_text_starts
from ..signals import DeskSignals


class AgencyDialog(QDialog):
    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals, agency: AgencyIdentity | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_AgencyDialog()
        self.ui.setupUi(self)
        self.desk = desk
        self.ops = PageOps(signals, runner, self)
        ui = self.ui
        ui.paperCombo.addItems(["A5", "A4"])
        ui.errorLabel.setVisible(False)
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Để sau"))
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        if agency is not None:
            for edit, value in ((ui.codeEdit, agency.code), (ui.parentEdit, agency.parent_authority),
                                (ui.unitEdit, agency.unit_name), (ui.placeEdit, agency.place_name),
                                (ui.portalEdit, agency.portal_base_url), (ui.addressEdit, agency.address),
                                (ui.phoneEdit, agency.phone)):
                edit.setText(value)
        self._show_counter(desk.settings)
        self.form_texts: dict[str, dict[str, str]] = {k: dict(v) for k, v in (agency.form_texts if agency else {})
                                                      .items()}
        self._add_form_numbers(desk.settings)
        self._suggest_parent_authority()
        self.field_errors = FieldErrors({"agency_code": ui.codeEdit, "parent_authority": ui.parentEdit,
                                         "unit_name": ui.unitEdit, "place_name": ui.placeEdit,
                                         "portal_base_url": ui.portalEdit, "counter_name": ui.counterEdit,
                                         "idle_lock_minutes": ui.idleLockSpin})
        show_text_starts(self)
        fit_dialog(self)
        # Two columns of fields, about 890×530; on a smaller screen the fields scroll.
        (ui.codeEdit if not ui.codeEdit.text() else ui.parentEdit).setFocus()

    def _show_counter(self, settings: CounterSettings) -> None:
        ui = self.ui
        ui.counterNumberSpin.setValue(settings.counter_number)
        ui.counterEdit.setText(settings.counter_name)
        bound_combo(ui.printerCombo)  # a shared printer's name can be as long as its owner likes
        ui.printerCombo.addItem("")  # the system's default printer
        from ..print_pdf import printer_names

        ui.printerCombo.addItems(printer_names())
        ui.printerCombo.lineEdit().setPlaceholderText("máy in mặc định của máy này")
        ui.printerCombo.setCurrentText(settings.printer_name)
        ui.paperCombo.setCurrentText(settings.paper)
        ui.copiesSpin.setValue(settings.receipt_copies)
        ui.idleLockSpin.setValue(settings.idle_lock_minutes)
        ui.legalBasisEdit.setText(settings.legal_basis)
        ui.receiptFormEdit.setText(settings.form_number)

    def _add_form_numbers(self, settings: CounterSettings) -> None:
        """A row for each printed form whose number an admin may change (DOMAIN.md §1: Thông tư 03/2025 may
        renumber them); empty, the form keeps the number it is printed with."""
        self.form_edits: dict[str, QLineEdit] = {}
        for form in map(printed_form, NUMBERED_IN_SETTINGS):
            kind = form.kind.value
            own = self.form_texts.get(kind, {}).get("number") or settings.form_numbers.get(kind, "")
            edit = QLineEdit(own, self)
            edit.setObjectName(f"formNumber_{kind}")
            edit.setPlaceholderText(form.number or "không in số hiệu")
            label = QLabel(form.label, self)
            label.setBuddy(edit)
            edit.setAccessibleName(label.text())
            self.ui.formsForm.addRow(label, edit)
            self.form_edits[kind] = edit
        self.form_texts_button = QPushButton("Tên mẫu, người ký…", self)
        self.form_texts_button.setObjectName("formTextsButton")
        self.form_texts_button.setToolTip("Tên biểu mẫu, tiêu đề người ký, chức vụ và họ tên người ký văn bản "
                                          "(Mẫu 04, 05), ký hiệu văn bản — dùng chung cho mọi quầy của cơ quan")
        self.form_texts_button.clicked.connect(self.edit_form_texts)
        self.ui.formsForm.addRow("", self.form_texts_button)

    def edit_form_texts(self) -> None:
        from .form_texts import FormTextsDialog

        dialog = FormTextsDialog(self.form_texts, self.ui.unitEdit.text(), self)
        dialog.accepted.connect(lambda: setattr(self, "form_texts", dialog.texts()))
        dialog.open()

    def _suggest_parent_authority(self) -> None:
        """Nghị định 30/2020: the body directly above the unit heads every form; for a commune centre, the
        commune's People's Committee. Typed unit names propose it until the admin types their own."""
        ui = self.ui

        def propose() -> None:
            suggestion = suggest_parent_authority(ui.unitEdit.text(), ui.placeEdit.text())
            ui.parentEdit.setPlaceholderText(suggestion or "ví dụ UBND XÃ EA KAR")
            if suggestion and (not ui.parentEdit.text().strip() or ui.parentEdit.property("suggested")):
                ui.parentEdit.setText(suggestion)
                ui.parentEdit.setProperty("suggested", True)

        ui.parentEdit.textEdited.connect(lambda _text: ui.parentEdit.setProperty("suggested", False))
        ui.unitEdit.textChanged.connect(propose)
        ui.placeEdit.textChanged.connect(propose)
        if not ui.parentEdit.text().strip():
            propose()

    def counter_changes(self) -> dict:
        ui = self.ui
        return {"counter_number": ui.counterNumberSpin.value(), "counter_name": ui.counterEdit.text().strip(),
                "printer_name": ui.printerCombo.currentText().strip(), "paper": ui.paperCombo.currentText(),
                "receipt_copies": ui.copiesSpin.value(), "idle_lock_minutes": ui.idleLockSpin.value(),
                "legal_basis": ui.legalBasisEdit.text().strip(),
                "form_number": ui.receiptFormEdit.text().strip() or "Mẫu số 01",
                # The forms' numbers are the agency's now (shared by its counters): none kept per counter.
                "form_numbers": {}}

    def agency_form_texts(self) -> dict[str, dict[str, str]]:
        """The texts of the "Tên mẫu, người ký" table with the numbers typed on this dialog."""
        texts = {kind: {k: v for k, v in values.items() if k != "number"} for kind, values in self.form_texts.items()}
        for kind, edit in self.form_edits.items():
            if edit.text().strip():
                texts.setdefault(kind, {})["number"] = edit.text().strip()
        return {kind: values for kind, values in texts.items() if values}

    def save(self) -> None:
        ui = self.ui
        try:
            identity = AgencyIdentity(ui.codeEdit.text(), ui.parentEdit.text(), ui.unitEdit.text(),
                                      ui.placeEdit.text(), ui.portalEdit.text(), ui.addressEdit.text(),
                                      ui.phoneEdit.text(), self.agency_form_texts()).validated()
        except DomainError as error:
            self._refuse(error)
            return
        changes = self.counter_changes()
        actor = self.desk.actor
        ui.buttonBox.setEnabled(False)

        services = self.desk.services

        def work():
            services.agency.save(identity, actor=actor)
            services.counter.save(changes, actor=actor)

        def failed(error: BaseException) -> None:
            ui.buttonBox.setEnabled(True)
            if isinstance(error, DomainError):
                self._refuse(error)
            else:
                messages.show(ui.errorLabel, "error", f"Chưa lưu được: {error}")
                grow_to_show(self)

        self.ops.write(work, Changes(agency=True, settings=True)).success(lambda _: self.accept()).failure(failed).run()

    def _refuse(self, error: DomainError) -> None:
        """Every problem under its field at once; the strip says how many (as on the intake page)."""
        problems = list(error.problems) if isinstance(error, Problems) else [error]
        unplaced = self.field_errors.show(problems)
        text = str(problems[0]) if len(problems) == 1 else f"Còn {len(problems)} chỗ cần sửa, ghi dưới từng ô."
        messages.show(self.ui.errorLabel, "error", text, [str(e) for e in unplaced if len(problems) > 1])
        grow_to_show(self)
        edit = self.field_errors.widgets.get(problems[0].field or "")
        if edit is not None:
            edit.setFocus()


class AgencyEditor(QObject):
    """The agency dialog over ``parent``, one at a time: asked again while it is open, it comes to the
    front. ``closed`` follows every closing, saved or not: what it shows may have changed."""

    opened = Signal(object)  # AgencyDialog
    closed = Signal()

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals, parent: QWidget):
        super().__init__(parent)
        self.desk, self.runner, self.signals = desk, runner, signals
        self.dialog: AgencyDialog | None = None

    def ask(self, agency: AgencyIdentity | None) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = AgencyDialog(self.desk, self.runner, self.signals, agency, self.parent())
        dialog.setModal(True)
        dialog.finished.connect(self._on_finished)
        self.dialog = dialog
        dialog.open()
        self.opened.emit(dialog)

    def _on_finished(self, _result: int) -> None:
        self.dialog = None
        self.closed.emit()


class AgencyPage(QWidget):
    """Cơ quan và quầy: what is printed on forms, with the button that edits it (``edit``)."""

    def __init__(self, desk: DeskRef, edit: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("agencyPage")
        self.desk = desk
        layout = QVBoxLayout(self)
        title = QLabel("Cơ quan và quầy", self)
        title.setObjectName("titleLabel")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton("Sửa thông tin…", self)
        self.edit_button.setObjectName("editAgencyButton")
        self.edit_button.clicked.connect(edit)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.edit_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_identity(self, agency: AgencyIdentity | None) -> None:
        settings = self.desk.settings
        if agency is None:
            self.summary.setText("Chưa khai báo thông tin cơ quan: chưa thể lưu hồ sơ. Bấm “Sửa thông tin…”.")
            return
        idle = f"{settings.idle_lock_minutes} phút" if settings.idle_lock_minutes else "không tự khóa"
        self.summary.setText(
            f"Mã định danh: {agency.code}\nCơ quan chủ quản: {agency.parent_authority}\n"
            f"Đơn vị: {agency.unit_name}\nĐịa danh: {agency.place_name}\nCổng tra cứu: {agency.portal_base_url}\n\n"
            f"Quầy số {settings.counter_number}: {settings.counter_name}\n"
            f"Biên nhận: khổ {settings.paper}, {settings.receipt_copies} liên · "
            f"máy in: {settings.printer_name or 'máy in mặc định của máy này'}\n"
            f"Tự khóa màn hình sau: {idle}\n"
            f"Thư mục dữ liệu: {self.desk.paths.data_dir}")

"""Tiếp nhận: identify the citizen, pick the procedure, check documents, save and print."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QLineEdit, QTableWidgetItem, QWidget

from desk.domain.citizen import CardIdentity, looks_like_card_qr, parse_card_qr, validate_id_number
from desk.domain.codes import DossierCode
from desk.domain.errors import DomainError
from desk.domain.calendar import WorkingCalendar
from desk.domain.intake import IntakeRequest, Person, preview_intake, validate_intake
from desk.domain.procedure import ExtraField, FieldType
from forms.ui_intake_page import Ui_IntakePage

from . import messages, print_pdf
from .background import BackgroundRunner
from .desk_ref import DeskRef
from .models import ProcedureTableModel
from .scanner import ScannerWedge
from .signals import DeskSignals

if TYPE_CHECKING:
    from desk.services.catalog import CatalogEntry
    from desk.services.intake import ReceivedDossier

log = logging.getLogger(__name__)
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
DOC_COLUMNS = ("Đã nhận", "Giấy tờ", "Bản chính", "Bản chứng thực", "Bản photo", "Ghi chú")
SEARCH_DELAY_MS = 150


def describe_moment(moment: datetime | None) -> str:
    if moment is None:
        return "Không có thời hạn cố định"
    return f"{moment:%H} giờ {moment:%M} phút, {WEEKDAYS[moment.weekday()]} {moment:%d/%m/%Y}"


def parse_date_field(text: str, label: str, field: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        day, month, year = (int(part) for part in text.replace("-", "/").replace(".", "/").split("/"))
        return date(year, month, day)
    except ValueError:
        raise DomainError(f"{label} phải là ngày có thật, dạng dd/mm/yyyy.", field=field) from None


class IntakePage(QWidget):
    saved = Signal(str)  # the new dossier's code
    open_dossier = Signal(str)  # a receipt code was scanned here

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_IntakePage()
        self.ui.setupUi(self)
        self.desk = desk
        self.runner = runner
        self.signals = signals
        self._entry: CatalogEntry | None = None
        self._calendar: WorkingCalendar | None = None
        self._clock: Callable[[], datetime] = datetime.now
        self._extra_widgets: dict[str, QWidget] = {}
        self._saving = False
        self._search_generation = 0

        ui = self.ui
        ui.genderCombo.addItems(["", "Nam", "Nữ"])
        self.procedures = ProcedureTableModel(self)
        ui.procedureTable.setModel(self.procedures)
        header = ui.procedureTable.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in ((0, 70), (2, 90), (3, 92), (4, 100)):  # the name takes the rest
            header.resizeSection(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        ui.procedureTable.selectionModel().currentRowChanged.connect(self._on_procedure_row)
        ui.documentsTable.setColumnCount(len(DOC_COLUMNS))
        ui.documentsTable.setHorizontalHeaderLabels(DOC_COLUMNS)
        doc_header = ui.documentsTable.horizontalHeader()
        doc_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        doc_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        ui.documentsTable.setWordWrap(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh_procedures)
        ui.procedureSearchEdit.textChanged.connect(self._search_timer.start)
        ui.procedureSearchEdit.returnPressed.connect(self._pick_first_procedure)
        ui.pagesSpin.valueChanged.connect(self.update_preview)
        ui.copiesSpin.valueChanged.connect(self.update_preview)
        ui.submittedByOtherCheck.toggled.connect(ui.submitterGroup.setEnabled)
        ui.idNumberEdit.editingFinished.connect(self._check_id_number)
        ui.saveButton.clicked.connect(self.save)
        ui.clearButton.clicked.connect(self.clear_form)
        ui.refuseButton.clicked.connect(self._explain_refusal)
        self._clock_timer = QTimer(self, interval=30_000)  # the appointment moves with the clock
        self._clock_timer.timeout.connect(self.update_preview)
        self._clock_timer.start()

        self.wedge: ScannerWedge | None = None
        self._show_procedure(None)

    def start(self) -> None:
        """The desk is open: listen for the scanner, load the calendar and the catalog.

        The scanner detector is armed here rather than at construction: its application-wide
        event filter makes PySide6 build the large QEvent.Type enum, which would otherwise
        delay the first paint of the window (bench/startup.py)."""
        if self.wedge is None:
            self.wedge = ScannerWedge(self)
            self.wedge.scanned.connect(self.on_scanned)
            self.wedge.incomplete.connect(self.on_incomplete_scan)
        def loaded(result) -> None:
            self._calendar, self._clock = result
            self.update_preview()

        self.runner.submit(lambda: (self.desk.services.calendar.calendar(), self.desk.services.intake.clock),
                           loaded, self._on_error)
        self.refresh_procedures()

    # -- messages ------------------------------------------------------------------------
    def message(self, kind: str, text: str, details=()) -> None:
        messages.show(self.ui.messageLabel, kind, text, details)

    def _focus_field(self, field: str | None) -> None:
        widgets = {
            "id_number": self.ui.idNumberEdit, "old_id_number": self.ui.oldIdEdit, "full_name": self.ui.fullNameEdit,
            "birth_date": self.ui.birthDateEdit, "gender": self.ui.genderCombo, "address": self.ui.addressEdit,
            "issue_date": self.ui.issueDateEdit, "phone": self.ui.phoneEdit, "email": self.ui.emailEdit,
            "submitter_full_name": self.ui.submitterNameEdit, "submitter_id_number": self.ui.submitterIdEdit,
            "documents": self.ui.documentsTable, "pages": self.ui.pagesSpin, "copies": self.ui.copiesSpin,
            "sets": self.ui.setsSpin, **self._extra_widgets,
        }
        widget = widgets.get(field or "")
        if widget is not None:
            self.ui.scrollArea.ensureWidgetVisible(widget)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- scanner -------------------------------------------------------------------------
    def on_scanned(self, code: str) -> None:
        if looks_like_card_qr(code) or code.count("|") >= 3:
            try:
                card = parse_card_qr(code)
            except DomainError as error:
                self.message("error", f"Không đọc được mã QR căn cước: {error} Thông tin chưa được điền.")
                return
            self.fill_from_card(card)
            return
        try:
            dossier = DossierCode.parse(code.split("/")[-1].split("?")[0])
        except DomainError:
            self.message("error", "Mã vừa quét không phải mã QR trên thẻ căn cước, cũng không phải mã biên nhận.")
            return
        self.message("info", f"Đã quét biên nhận hồ sơ {dossier}: mở trong trang Hồ sơ.")
        self.open_dossier.emit(str(dossier))

    def on_incomplete_scan(self, partial: str) -> None:
        self.message("error", "Mã QR đọc chưa hết (máy quét không gửi phím Enter). Hãy quét lại; "
                              "thông tin chưa được điền.")
        log.info("incomplete scan of %d characters", len(partial))

    def fill_from_card(self, card: CardIdentity) -> None:
        ui = self.ui
        ui.idNumberEdit.setText(card.id_number)
        ui.oldIdEdit.setText(card.old_id_number)
        ui.fullNameEdit.setText(card.full_name)
        ui.birthDateEdit.setText(f"{card.birth_date:%d/%m/%Y}")
        ui.genderCombo.setCurrentText(card.gender)
        ui.addressEdit.setText(card.address)
        ui.issueDateEdit.setText(f"{card.issue_date:%d/%m/%Y}")
        if card.warnings:
            self.message("warning", f"Đã đọc thẻ căn cước của {card.full_name}, nhưng cần kiểm tra:", card.warnings)
        else:
            self.message("success", f"Đã đọc thẻ căn cước của {card.full_name}.")
        ui.phoneEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _check_id_number(self) -> None:
        text = self.ui.idNumberEdit.text().strip()
        if not text:
            return
        try:
            validate_id_number(text)
        except DomainError as error:
            self.message("error", str(error))

    # -- procedures ----------------------------------------------------------------------
    def refresh_procedures(self) -> None:
        self._search_generation += 1
        generation, query = self._search_generation, self.ui.procedureSearchEdit.text()

        def done(entries: list[CatalogEntry]) -> None:
            if generation != self._search_generation:
                return  # a newer search is on its way
            current = self._entry.template.code if self._entry else None
            self.procedures.set_rows(entries)
            for row, entry in enumerate(entries):
                if entry.template.code == current:
                    self.ui.procedureTable.selectRow(row)

        self.runner.submit(lambda: self.desk.services.catalog.search(query), done, self._on_error)

    def _pick_first_procedure(self) -> None:
        if self.procedures.rowCount() == 1 or (self.procedures.rowCount() and self._entry is None):
            self.ui.procedureTable.selectionModel().setCurrentIndex(
                self.procedures.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.ui.documentsTable.setFocus()

    def _on_procedure_row(self, current, _previous) -> None:
        entry = self.procedures.row_at(current.row()) if current.isValid() else None
        if entry is not None and (self._entry is None or entry.template.code != self._entry.template.code):
            self._show_procedure(entry)

    def _show_procedure(self, entry: CatalogEntry | None) -> None:
        self._entry = entry
        ui = self.ui
        table = ui.documentsTable
        table.setRowCount(0)
        self._clear_extra_fields()
        documents = entry.template.documents if entry else ()
        table.setRowCount(len(documents))
        for row, doc in enumerate(documents):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Unchecked)
            table.setItem(row, 0, check)
            name = doc.name + ("" if doc.required else " (không bắt buộc)")
            table.setItem(row, 1, QTableWidgetItem(name))
            for column, count in zip((2, 3, 4), (doc.originals, doc.certified, doc.photocopies)):
                item = QTableWidgetItem(str(count) if count else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, item)
            table.setItem(row, 5, QTableWidgetItem(doc.note))
        table.setColumnHidden(5, not any(doc.note for doc in documents))
        table.resizeRowsToContents()
        if entry:
            for extra in entry.template.extra_fields:
                self._add_extra_field(extra)
        ui.extraGroup.setVisible(bool(entry and entry.template.extra_fields))
        fee = entry.template.fee if entry else None
        ui.feeForm.setRowVisible(ui.pagesSpin, bool(fee and fee.needs_pages))
        ui.feeForm.setRowVisible(ui.copiesSpin, bool(fee and fee.needs_copies))
        ui.documentsGroup.setTitle("Thành phần hồ sơ (đánh dấu giấy tờ đã nhận)" if entry
                                   else "Thành phần hồ sơ (chọn thủ tục trước)")
        self.update_preview()

    def _clear_extra_fields(self) -> None:
        form = self.ui.extraForm
        while form.rowCount():
            form.removeRow(0)
        self._extra_widgets.clear()

    def _add_extra_field(self, extra: ExtraField) -> None:
        if extra.type in (FieldType.CHOICE, FieldType.YES_NO):
            widget = QComboBox(self.ui.extraGroup)
            widget.addItems(["", *(extra.choices if extra.type is FieldType.CHOICE else ("Có", "Không"))])
        else:
            widget = QLineEdit(self.ui.extraGroup)
            widget.setPlaceholderText(extra.help or ("dd/mm/yyyy" if extra.type is FieldType.DATE else ""))
        widget.setObjectName(f"extra_{extra.key}")
        widget.setToolTip(extra.help)
        widget.setAccessibleName(extra.label)
        label = QLabel(extra.label + (" *" if extra.required else ""), self.ui.extraGroup)
        label.setBuddy(widget)
        self.ui.extraForm.addRow(label, widget)
        self._extra_widgets[extra.key] = widget

    def update_preview(self) -> None:
        ui = self.ui
        if self._entry is None or self._calendar is None:
            for label in (ui.feeValueLabel, ui.processingValueLabel, ui.appointmentValueLabel):
                label.setText("—")
            return
        preview = preview_intake(self._entry.template, self._calendar, self._clock(), pages=ui.pagesSpin.value(),
                                 copies=ui.copiesSpin.value())
        ui.feeValueLabel.setText(preview.fee_text)
        ui.processingValueLabel.setText(preview.processing_text)
        ui.appointmentValueLabel.setText(describe_moment(preview.appointment))

    # -- saving --------------------------------------------------------------------------
    def collect_request(self) -> IntakeRequest:
        ui = self.ui
        if self._entry is None:
            raise DomainError("Chưa chọn thủ tục.", field="procedure")
        owner = Person(
            full_name=ui.fullNameEdit.text(), id_number=ui.idNumberEdit.text(), old_id_number=ui.oldIdEdit.text(),
            birth_date=parse_date_field(ui.birthDateEdit.text(), "Ngày sinh", "birth_date"),
            gender=ui.genderCombo.currentText(), address=ui.addressEdit.text(),
            issue_date=parse_date_field(ui.issueDateEdit.text(), "Ngày cấp thẻ", "issue_date"))
        submitter = None
        if ui.submittedByOtherCheck.isChecked():
            submitter = Person(full_name=ui.submitterNameEdit.text(), id_number=ui.submitterIdEdit.text())
        ticked = tuple(ui.documentsTable.item(row, 0).checkState() == Qt.CheckState.Checked
                       for row in range(ui.documentsTable.rowCount()))
        extra = {key: (w.currentText() if isinstance(w, QComboBox) else w.text())
                 for key, w in self._extra_widgets.items()}
        return IntakeRequest(owner=owner, procedure=self._entry.template, received_documents=ticked,
                             phone=ui.phoneEdit.text(), email=ui.emailEdit.text(), submitter=submitter,
                             extra_values=extra, pages=ui.pagesSpin.value(), copies=ui.copiesSpin.value(),
                             sets=ui.setsSpin.value())

    def save(self) -> None:
        if self._saving:
            return
        try:
            request = validate_intake(self.collect_request())
        except DomainError as error:
            self.message("error", str(error))
            self._focus_field(error.field if error.field != "procedure" else None)
            if error.field == "procedure":
                self.ui.procedureSearchEdit.setFocus()
            return
        self._saving = True
        self.ui.saveButton.setEnabled(False)
        version = self._entry.version
        self.runner.submit(lambda: self.desk.services.intake.receive(request, procedure_version=version),
                           self._on_saved, self._on_save_failed)

    def _on_saved(self, result: ReceivedDossier) -> None:
        self._saving = False
        self.ui.saveButton.setEnabled(True)
        details = [f"Hẹn trả: {describe_moment(result.appointment_at)}", *result.warnings]
        if result.receipt_error:
            details.append(result.receipt_error)
        self.clear_form(keep_message=True)
        self.signals.data_changed.emit("dossier", result.code)
        self.saved.emit(result.code)
        if result.receipt_path is not None:
            details.append(self.print_receipt(result.receipt_path))
        self.message("warning" if (result.warnings or result.receipt_error) else "success",
                     f"Đã lưu hồ sơ {result.code}.", details)

    def print_receipt(self, path: Path) -> str:
        """Send the receipt to a printer; return what happened, for the message strip."""
        if not print_pdf.printers_available():
            return f"Không tìm thấy máy in. Biên nhận đã lưu tại {path}; có thể in lại từ trang Hồ sơ."
        try:
            if print_pdf.ask_print(self, path, self.desk.settings.paper):
                return "Đã gửi biên nhận tới máy in."
            return f"Chưa in biên nhận. Tệp đã lưu tại {path}; có thể in lại từ trang Hồ sơ."
        except OSError as error:
            return f"Không in được ({error}). Biên nhận đã lưu tại {path}."

    def _on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.ui.saveButton.setEnabled(True)
        self._on_error(error)
        if isinstance(error, DomainError):
            self._focus_field(error.field)

    def _on_error(self, error: BaseException) -> None:
        if isinstance(error, (DomainError, RuntimeError, OSError)):
            self.message("error", f"Chưa lưu được: {error}" if self._entry else str(error))
        else:
            self.message("error", f"Lỗi không mong đợi: {error!r}. Thông tin trên màn hình vẫn còn; hãy thử lại.")

    def clear_form(self, *, keep_message: bool = False) -> None:
        ui = self.ui
        for edit in (ui.idNumberEdit, ui.oldIdEdit, ui.fullNameEdit, ui.birthDateEdit, ui.addressEdit,
                     ui.issueDateEdit, ui.phoneEdit, ui.emailEdit, ui.submitterNameEdit, ui.submitterIdEdit,
                     ui.procedureSearchEdit):
            edit.clear()
        ui.genderCombo.setCurrentIndex(0)
        ui.submittedByOtherCheck.setChecked(False)
        for spin in (ui.pagesSpin, ui.copiesSpin, ui.setsSpin):
            spin.setValue(1)
        ui.procedureTable.clearSelection()
        self._show_procedure(None)
        if not keep_message:
            messages.hide(ui.messageLabel)
        ui.idNumberEdit.setFocus()

    def _explain_refusal(self) -> None:
        self.message("info", "Phiếu từ chối tiếp nhận và phiếu yêu cầu bổ sung hồ sơ sẽ có trong bản cập nhật "
                             "tới. Hiện tại hồ sơ thiếu giấy tờ bắt buộc sẽ không được lưu; hãy hướng dẫn công dân "
                             "bổ sung.")

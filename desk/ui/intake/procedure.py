"""The procedure half of the intake form: the search, the chosen procedure's checklist, its own fields, the
fee (typed by the clerk when the province has not configured it) and the fee/appointment preview, which
follows the clock and every change of the catalog or the working calendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidgetItem,
    QWidget,
)

from desk.domain.calendar import WorkingCalendar
from desk.domain.clock import vietnam_now
from desk.domain.fees import FeeKind
from desk.domain.intake import MAX_FEE, preview_intake
from desk.domain.procedure import ExtraField

from ..desk_ref import DeskRef
from ..extra_fields import extra_field_row
from ..field_errors import FieldErrors
from ..formatting import describe_moment
from ..models import ProcedureTableModel
from ..operations import Changes, PageOps
from .digitization import PAGES_COLUMN, DigitizationController

if TYPE_CHECKING:
    from desk.services.catalog import CatalogEntry
    from forms.ui_intake_page import Ui_IntakePage

DOC_COLUMNS = ("Đã nhận", "Giấy tờ", "Bản chính", "Bản chứng thực", "Bản photo", "Ghi chú", "Bản số hóa")
SEARCH_DELAY_MS = 150


class ProcedurePanel(QObject):
    chosen = Signal(object)  # the CatalogEntry now on the form, or None
    edited = Signal()  # a value the draft keeps changed (a tick, an own field, the fee typed)
    message = Signal(str, str)  # kind, text

    def __init__(self, page: QWidget, ui: Ui_IntakePage, desk: DeskRef, ops: PageOps,
                 digitization: DigitizationController, field_errors: FieldErrors):
        super().__init__(page)
        self.ui, self.desk, self.ops = ui, desk, ops
        self.digitization, self.field_errors = digitization, field_errors
        self.entry: CatalogEntry | None = None
        self.calendar: WorkingCalendar | None = None
        self.clock: Callable[[], datetime] = vietnam_now
        self.extra_widgets: dict[str, QWidget] = {}
        self._search_generation = 0
        self.model = ProcedureTableModel(self)
        self._build_fee_collected_row()
        self._set_up_tables()
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.refresh)
        ui.procedureSearchEdit.textChanged.connect(self.search_timer.start)
        ui.procedureSearchEdit.returnPressed.connect(self.pick_first)
        ui.documentsTable.itemChanged.connect(self.edited)
        for spin in (ui.pagesSpin, ui.copiesSpin, ui.setsSpin, self.fee_collected_spin):
            spin.valueChanged.connect(self.edited)
        self.fee_free_check.toggled.connect(self.edited)
        ui.pagesSpin.valueChanged.connect(self.update_preview)
        ui.copiesSpin.valueChanged.connect(self.update_preview)
        ui.verificationCheck.toggled.connect(self.update_preview)  # the longer time moves the appointment
        ui.verificationCheck.toggled.connect(self.edited)
        ui.competentAgencyEdit.textChanged.connect(self.edited)
        digitization.line_digitized.connect(self.tick)
        digitization.changed.connect(self.fit_documents_table)
        ops.signals.changed.connect(self._on_changes)
        self._clock_timer = QTimer(self, interval=30_000)  # the appointment moves with the clock
        self._clock_timer.timeout.connect(self.update_preview)
        self._clock_timer.start()

    def _set_up_tables(self) -> None:
        ui = self.ui
        ui.procedureTable.setModel(self.model)
        header = ui.procedureTable.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in ((0, 70), (2, 90), (3, 92), (4, 100)):  # the name takes the rest
            header.resizeSection(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        ui.procedureTable.selectionModel().currentRowChanged.connect(self._on_row)
        table = ui.documentsTable
        table.setColumnCount(len(DOC_COLUMNS))
        table.setHorizontalHeaderLabels(DOC_COLUMNS)
        doc_header = table.horizontalHeader()
        doc_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        doc_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        doc_header.setSectionResizeMode(PAGES_COLUMN, QHeaderView.ResizeMode.Fixed)
        doc_header.resizeSection(PAGES_COLUMN, 430)
        table.setWordWrap(True)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def start(self) -> None:
        self.load_calendar()
        self.refresh()

    def load_calendar(self) -> None:
        services = self.desk.services

        def loaded(result) -> None:
            self.calendar, self.clock = result
            self.update_preview()

        self.ops.read(lambda: (services.calendar.calendar(), services.intake.clock)).success(loaded).run()

    def _on_changes(self, changes: Changes) -> None:
        if not self.desk.is_open:
            return
        if changes.catalog:
            self.refresh()
        if changes.calendar:  # a day off added: the appointment shown must be the one the save will give
            self.load_calendar()

    # -- the search ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._search_generation += 1
        generation, query = self._search_generation, self.ui.procedureSearchEdit.text()
        catalog = self.desk.services.catalog

        def done(entries: list[CatalogEntry]) -> None:
            if generation != self._search_generation:
                return  # a newer search is on its way
            current = self.entry.template.code if self.entry else None
            self.model.set_rows(entries)
            for row, entry in enumerate(entries):
                if entry.template.code == current:
                    self.ui.procedureTable.selectRow(row)
                    if entry.version != self.entry.version:
                        # An admin saved a new version while this form was open: the dossier must be
                        # received under the template as it is now, so the checklist is rebuilt.
                        self.show(entry)
                        self.message.emit("info", f"Mẫu thủ tục {entry.template.code} vừa được cập nhật (phiên "
                                                  f"bản {entry.version}); hãy kiểm tra lại thành phần hồ sơ.")

        self.ops.read(lambda: catalog.search(query), key=f"procedure-search-{id(self)}").success(done).run()

    def pick_first(self) -> None:
        if self.model.rowCount() == 1 or (self.model.rowCount() and self.entry is None):
            self.ui.procedureTable.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.ui.documentsTable.setFocus()
            # The focus goes to the checklist: it must be where the clerk can see it.
            QTimer.singleShot(0, self, lambda: self.ui.scrollArea.ensureWidgetVisible(self.ui.documentsGroup, 0, 0))

    def _on_row(self, current, _previous) -> None:
        entry = self.model.row_at(current.row()) if current.isValid() else None
        if entry is not None and (self.entry is None or entry.template.code != self.entry.template.code):
            self.show(entry)

    def clear(self) -> None:
        self.ui.procedureSearchEdit.clear()
        self.ui.procedureTable.selectionModel().clear()  # the current row too: the same one can be picked again
        self.show(None)

    # -- the chosen procedure ------------------------------------------------------------------------
    def show(self, entry: CatalogEntry | None) -> None:
        """Put ``entry`` on the form. Pages already scanned follow the clerk to the new procedure when a line
        there has the same paper (by name); the others are dropped, and the clerk is told."""
        previous = self.entry.template.documents if self.entry is not None and entry is not None else ()
        self.entry = entry
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
            table.setItem(row, 1, QTableWidgetItem(doc.name + ("" if doc.required else " (không bắt buộc)")))
            for column, count in zip((2, 3, 4), (doc.originals, doc.certified, doc.photocopies)):
                item = QTableWidgetItem(str(count) if count else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, item)
            table.setItem(row, 5, QTableWidgetItem(doc.note))
        table.setColumnHidden(5, not any(doc.note for doc in documents))
        self.digitization.build(documents, previous)
        self.fit_documents_table()
        for extra in entry.template.extra_fields if entry else ():
            self._add_extra_field(extra)
        ui.extraGroup.setVisible(bool(entry and entry.template.extra_fields))
        fee = entry.template.fee if entry else None
        ui.feeForm.setRowVisible(ui.pagesSpin, bool(fee and fee.needs_pages))
        ui.feeForm.setRowVisible(ui.copiesSpin, bool(fee and fee.needs_copies))
        ui.feeForm.setRowVisible(self.fee_collected_row, bool(fee and fee.kind is FeeKind.UNSET))
        self.fee_collected_spin.setValue(-1)
        self.fee_free_check.setChecked(False)
        # A procedure with a longer time for a case that needs verification: the clerk chooses it.
        template = entry.template if entry else None
        ui.verificationCheck.setChecked(False)
        ui.verificationCheck.setText(template.verification_text if template else "")
        ui.feeForm.setRowVisible(ui.verificationCheck, bool(template and template.processing_verification))
        # Received regardless of residence: which agency decides, when it is not this one.
        ui.competentAgencyEdit.clear()
        ui.crossBoundaryGroup.setVisible(bool(template and template.cross_boundary))
        ui.documentsGroup.setTitle("Thành phần hồ sơ (đánh dấu giấy tờ đã nhận)" if entry
                                   else "Thành phần hồ sơ (chọn thủ tục trước)")
        self.update_preview()
        self.chosen.emit(entry)

    def ticked(self) -> tuple[bool, ...]:
        """Each paper received: ticked by the clerk, or digitized (a scanned paper was there)."""
        table = self.ui.documentsTable
        return tuple(table.item(row, 0).checkState() == Qt.CheckState.Checked or self.digitization.has_file(row)
                     for row in range(table.rowCount()))

    def ticked_by_clerk(self) -> list[bool]:
        table = self.ui.documentsTable
        return [table.item(row, 0).checkState() == Qt.CheckState.Checked for row in range(table.rowCount())]

    def tick(self, row: int) -> None:
        item = self.ui.documentsTable.item(row, 0)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked)

    def fit_documents_table(self) -> None:
        """Show every line whole: the page scrolls, the checklist does not."""
        table = self.ui.documentsTable
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + 2 * table.frameWidth() + 2
        height += sum(table.rowHeight(row) for row in range(table.rowCount()))
        if table.horizontalScrollBar().isVisible():
            height += table.horizontalScrollBar().height()
        table.setMinimumHeight(max(120, height))
        table.setMaximumHeight(max(120, height))

    # -- the procedure's own fields --------------------------------------------------------------------
    def _clear_extra_fields(self) -> None:
        self.field_errors.forget(list(self.extra_widgets))
        form = self.ui.extraForm
        while form.rowCount():
            form.removeRow(0)
        self.extra_widgets.clear()

    def _add_extra_field(self, extra: ExtraField) -> None:
        label, widget = extra_field_row(extra, self.ui.extraGroup)
        changed = widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.textChanged
        changed.connect(self.edited)
        self.ui.extraForm.addRow(label, widget)
        self.extra_widgets[extra.key] = widget
        self.field_errors.widgets[extra.key] = widget

    def extra_values(self) -> dict[str, str]:
        return {key: (w.currentText() if isinstance(w, QComboBox) else w.text())
                for key, w in self.extra_widgets.items()}

    def set_extra_values(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            widget = self.extra_widgets.get(key)
            if isinstance(widget, QComboBox):
                widget.setCurrentText(value)
            elif widget is not None:
                widget.setText(value)

    # -- verification and the competent agency ------------------------------------------------------------
    def with_verification(self) -> bool:
        return self.ui.verificationCheck.isChecked() and bool(self.entry
                                                               and self.entry.template.processing_verification)

    def competent_agency(self) -> str:
        return self.ui.competentAgencyEdit.text() if self.entry and self.entry.template.cross_boundary else ""

    def set_choices(self, with_verification: bool, competent_agency: str) -> None:
        """A draft's verification choice and competent agency, on the procedure now shown."""
        self.ui.verificationCheck.setChecked(bool(with_verification and self.entry
                                                  and self.entry.template.processing_verification))
        if self.entry and self.entry.template.cross_boundary:
            self.ui.competentAgencyEdit.setText(competent_agency or "")

    # -- a fee nobody configured: the clerk types what was collected ------------------------------------
    def _build_fee_collected_row(self) -> None:
        """“Số tiền thu”: shown only for a procedure whose fee the province has not configured, so that
        “chưa cấu hình” never reaches a citizen's paper."""
        ui = self.ui
        self.fee_collected_row = QWidget(ui.feeGroup)
        self.fee_collected_row.setObjectName("feeCollectedRow")
        row = QHBoxLayout(self.fee_collected_row)
        row.setContentsMargins(0, 0, 0, 0)
        spin = self.fee_collected_spin = QSpinBox(self.fee_collected_row)
        spin.setObjectName("feeCollectedSpin")
        spin.setRange(-1, MAX_FEE)  # -1: not typed yet
        spin.setSpecialValueText("chưa nhập")
        spin.setSingleStep(1000)
        spin.setSuffix(" đ")
        spin.setGroupSeparatorShown(True)
        spin.setValue(-1)
        self.fee_free_check = QCheckBox("Không thu", self.fee_collected_row)
        self.fee_free_check.setObjectName("feeFreeCheck")
        self.fee_free_check.toggled.connect(spin.setDisabled)
        row.addWidget(spin, 1)
        row.addWidget(self.fee_free_check)
        self.fee_collected_label = QLabel("Số tiền thu", ui.feeGroup)
        ui.feeForm.insertRow(ui.feeForm.getWidgetPosition(ui.feeValueLabel)[0] + 1, self.fee_collected_label,
                             self.fee_collected_row)

    def fee_collected(self) -> int | None:
        """What the clerk typed for an unconfigured fee: an amount, 0 for “Không thu”, None when not typed."""
        if self.fee_free_check.isChecked():
            return 0
        value = self.fee_collected_spin.value()
        return None if value < 0 else value

    def set_fee_collected(self, fee: int | None) -> None:
        if fee is not None:
            self.fee_free_check.setChecked(fee == 0)
            self.fee_collected_spin.setValue(int(fee))

    def update_preview(self) -> None:
        ui = self.ui
        if self.entry is None or self.calendar is None:
            for label in (ui.feeValueLabel, ui.processingValueLabel, ui.appointmentValueLabel):
                label.setText("—")
            self._mark_fee_unset(False)
            return
        preview = preview_intake(self.entry.template, self.calendar, self.clock(), pages=ui.pagesSpin.value(),
                                 copies=ui.copiesSpin.value(), with_verification=self.with_verification())
        ui.feeValueLabel.setText(preview.fee_text)
        self._mark_fee_unset(self.entry.template.fee.kind is FeeKind.UNSET)
        ui.processingValueLabel.setText(preview.processing_text)
        ui.appointmentValueLabel.setText(describe_moment(preview.appointment))

    def _mark_fee_unset(self, unset: bool) -> None:
        label = self.ui.feeValueLabel
        if label.property("kind") != ("warning" if unset else ""):
            label.setProperty("kind", "warning" if unset else "")
            label.style().unpolish(label)
            label.style().polish(label)

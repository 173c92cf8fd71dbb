"""The procedure template editor (issue 7), with a live preview of the intake form it produces.

Everything the admin types goes through the same ``ProcedureTemplate.from_dict`` as an imported
catalog file, so the editor cannot save what an import would refuse, and its error messages are
the same ones. Saving creates a new version; dossiers already received keep theirs.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desk.domain.calendar import TimeUnit, WorkingCalendar
from desk.domain.errors import DomainError
from desk.domain.fees import FeeKind
from desk.domain.intake import preview_intake
from desk.domain.money import format_vnd
from desk.domain.procedure import (
    FIELD_TYPE_LABELS,
    FieldType,
    ProcedureTemplate,
    describe_document,
)
from forms.ui_template_editor import Ui_TemplateEditorDialog

from .. import messages
from ..desk_ref import DeskRef
from ..extra_fields import extra_field_row
from ..formatting import describe_moment
from ..operations import Changes, PageOps
from ..screen_fit import bound_combo, fit_dialog

UNIT_LABELS = {TimeUnit.WORKING_DAYS: "ngày làm việc", TimeUnit.WORKING_HOURS: "giờ làm việc",
               TimeUnit.CALENDAR_DAYS: "ngày (kể cả ngày nghỉ)", TimeUnit.SAME_DAY: "trong ngày (quy tắc 15 giờ)",
               TimeUnit.NONE: "không quy định thời hạn"}
FEE_LABELS = {FeeKind.FREE: "Miễn phí", FeeKind.FIXED: "Cố định mỗi hồ sơ", FeeKind.PER_COPY: "Theo số bản",
              FeeKind.PER_PAGE: "Theo trang, có bậc và mức trần", FeeKind.UNSET: "Theo mức HĐND tỉnh (chưa nhập)"}
LEVELS = ("", "Toàn trình", "Một phần", "Cung cấp thông tin")  # resources/catalog/schema.json


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


def _checked(table: QTableWidget, row: int, column: int) -> bool:
    item = table.item(row, column)
    return item is not None and item.checkState() == Qt.CheckState.Checked


def _check_item(checked: bool) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def _count(table: QTableWidget, row: int, column: int, what: str) -> int:
    raw = _text(table, row, column) or "0"
    if not raw.isdigit():
        raise DomainError(f"{what} ở dòng {row + 1}: “{raw}” phải là số nguyên không âm.", field="documents")
    return int(raw)


class TemplateEditorDialog(QDialog, Ui_TemplateEditorDialog):
    """The tabs, the preview and the buttons are ``forms/template_editor.ui``; the choices offered, the
    rows of the tables and what follows from each change are here."""

    saved = Signal(object)  # CatalogEntry

    def __init__(self, desk: DeskRef, ops: PageOps, template: ProcedureTemplate | None,
                 calendar: WorkingCalendar | None, sectors: list[str], parent: QWidget | None = None,
                 clock=datetime.now):
        """``ops``: the templates page's operations (the save is theirs: a catalog change)."""
        super().__init__(parent)
        self.setObjectName("templateEditorDialog")
        self.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))  # 50.000 đồng, not 50,000
        self.setupUi(self)
        self.setWindowTitle("Sửa mẫu thủ tục" if template else "Thêm mẫu thủ tục")
        self.desk, self.calendar, self.clock = desk, calendar, clock
        self.ops = ops.bound_to(self)
        self.editing = template
        self.tabs = self.editorTabs  # the name the tests and scripts/screenshots.py know
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(150)
        self._preview_timer.timeout.connect(self.update_preview)
        self._offer_choices(sectors)
        self._finish_tables()
        self._connect_changes()
        self.editorSplitter.setStretchFactor(0, 3)
        self.editorSplitter.setStretchFactor(1, 2)
        self.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("Lưu phiên bản mới" if template
                                                                             else "Lưu thủ tục")
        self.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttonBox.accepted.connect(self.save)
        self.buttonBox.rejected.connect(self.reject)
        if template is not None:
            self.load(template)
        else:
            self.feeKindCombo.setCurrentIndex(list(FEE_LABELS).index(FeeKind.FREE))
        self._on_fee_kind()
        self._on_verification(self.verificationCheck.isChecked())
        self.update_preview()
        # Wide enough for the tables and the preview side by side on a counter screen; smaller screens
        # get what they have (the tabs scroll, the preview keeps its side of the splitter).
        fit_dialog(self, QSize(1320, 820))

    # -- what the form cannot say --------------------------------------------------------------
    def _offer_choices(self, sectors: list[str]) -> None:
        bound_combo(self.sectorCombo)  # sectors come from imported catalogs: any length
        self.sectorCombo.addItems(["", *sorted(set(sectors))])
        self.levelCombo.addItems(LEVELS)
        for unit, label in UNIT_LABELS.items():
            self.processingUnitCombo.addItem(label, unit.value)
            if unit is not TimeUnit.NONE:  # the longer time is a time
                self.verificationUnitCombo.addItem(label, unit.value)
        self.verificationUnitCombo.setCurrentIndex(0)  # ngày làm việc
        for kind, label in FEE_LABELS.items():
            self.feeKindCombo.addItem(label, kind.value)

    def _finish_tables(self) -> None:
        """Columns sized to their contents; under each table its buttons: add, remove, move up and down."""
        rows = ((self.tiersTable, self.addTierButton, lambda: self.add_tier(1 + self._last_tier_page(), None, 0),
                 self.removeTierButton, self.tierUpButton, self.tierDownButton),
                (self.documentsTable, self.addDocumentButton, lambda: self.add_document("", True, 1, 0, 0, ""),
                 self.removeDocumentButton, self.documentUpButton, self.documentDownButton),
                (self.fieldsTable, self.addFieldButton,
                 lambda: self.add_field("", "", FieldType.TEXT, False, "", (), ""),
                 self.removeFieldButton, self.fieldUpButton, self.fieldDownButton))
        for table, add_button, add, remove, up, down in rows:
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.itemChanged.connect(self._changed)
            add_button.clicked.connect(add)
            self._act_on(table, remove, up, down)

    def _act_on(self, table: QTableWidget, remove: QPushButton, up: QPushButton, down: QPushButton) -> None:
        remove.clicked.connect(lambda: self._remove_row(table))
        up.clicked.connect(lambda: self._move_row(table, -1))
        down.clicked.connect(lambda: self._move_row(table, 1))

    def _connect_changes(self) -> None:
        """Every edit refreshes the preview, a moment after the typing stops."""
        for edit in (self.codeEdit, self.provincialCodeEdit, self.nameEdit, self.returnPlaceEdit, self.feeNoteEdit,
                     self.verificationTextEdit):
            edit.textChanged.connect(self._changed)
        for combo in (self.sectorCombo, self.levelCombo):
            combo.currentTextChanged.connect(self._changed)
        for spin in (self.processingValueSpin, self.feeAmountSpin, self.capSpin, self.verificationValueSpin):
            spin.valueChanged.connect(self._changed)
        self.processingUnitCombo.currentIndexChanged.connect(self._changed)
        self.verificationUnitCombo.currentIndexChanged.connect(self._changed)
        self.verificationCheck.toggled.connect(self._on_verification)
        self.crossBoundaryCheck.toggled.connect(self._changed)
        self.resultsEdit.textChanged.connect(self._changed)
        self.feeKindCombo.currentIndexChanged.connect(self._on_fee_kind)
        self.capCheck.toggled.connect(self._changed)
        self.capCheck.toggled.connect(self.capSpin.setEnabled)
        self.capSpin.setEnabled(False)

    # -- rows ------------------------------------------------------------------------------
    def _append_row(self, table: QTableWidget, cells: list, *, select: bool = True) -> None:
        """Add a row of cells (text, a QTableWidgetItem or a widget) and refresh the preview once."""
        table.blockSignals(True)
        row = table.rowCount()
        table.insertRow(row)
        for column, cell in enumerate(cells):
            if isinstance(cell, QWidget):
                table.setCellWidget(row, column, cell)
            else:
                table.setItem(row, column, cell if isinstance(cell, QTableWidgetItem) else QTableWidgetItem(str(cell)))
        table.blockSignals(False)
        if select:
            table.setCurrentCell(row, 0)
        self._changed()

    def add_document(self, name: str, required: bool, originals: int, certified: int, photocopies: int,
                     note: str) -> None:
        self._append_row(self.documentsTable, [name, _check_item(required), originals, certified, photocopies, note])

    def add_field(self, key: str, label: str, kind: FieldType, required: bool, pattern: str,
                  choices: tuple[str, ...], help_text: str) -> None:
        combo = QComboBox(self.fieldsTable)
        for field_type, text in FIELD_TYPE_LABELS.items():
            combo.addItem(text, field_type.value)
        combo.setCurrentIndex(list(FIELD_TYPE_LABELS).index(FieldType(kind)))
        combo.currentIndexChanged.connect(self._changed)
        self._append_row(self.fieldsTable, [key, label, combo, _check_item(required), pattern, "; ".join(choices),
                                            help_text])

    def add_tier(self, first: int, last: int | None, amount: int) -> None:
        self._append_row(self.tiersTable, [first, "" if last is None else last, amount], select=False)

    def _last_tier_page(self) -> int:
        rows = self.tiersTable.rowCount()
        if not rows:
            return 0
        last = _text(self.tiersTable, rows - 1, 1) or _text(self.tiersTable, rows - 1, 0)
        return int(last) if last.isdigit() else 0

    def _remove_row(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)
            self._changed()

    def _move_row(self, table: QTableWidget, step: int) -> None:
        """Swap the current row with its neighbour (the order is the order printed on the receipt)."""
        row = table.currentRow()
        other = row + step
        if row < 0 or not 0 <= other < table.rowCount():
            return
        table.blockSignals(True)
        for column in range(table.columnCount()):
            widget_a, widget_b = table.cellWidget(row, column), table.cellWidget(other, column)
            if isinstance(widget_a, QComboBox) and isinstance(widget_b, QComboBox):
                a, b = widget_a.currentIndex(), widget_b.currentIndex()
                widget_a.setCurrentIndex(b)
                widget_b.setCurrentIndex(a)
                continue
            item_a, item_b = table.takeItem(row, column), table.takeItem(other, column)
            table.setItem(row, column, item_b)
            table.setItem(other, column, item_a)
        table.blockSignals(False)
        table.setCurrentCell(other, table.currentColumn())
        self._changed()

    # -- loading and collecting --------------------------------------------------------------
    def load(self, template: ProcedureTemplate) -> None:
        self.codeEdit.setText(template.code)
        self.codeEdit.setReadOnly(True)  # another code is another procedure
        self.codeEdit.setToolTip("Mã không đổi được: thủ tục mã khác là một thủ tục khác.")
        self.provincialCodeEdit.setText(template.provincial_code)
        self.nameEdit.setText(template.name)
        self.sectorCombo.setCurrentText(template.sector)
        self.levelCombo.setCurrentText(template.level)
        self.processingValueSpin.setValue(template.processing.value)
        self.processingUnitCombo.setCurrentIndex(list(UNIT_LABELS).index(template.processing.unit))
        verification = template.processing_verification
        self.verificationCheck.setChecked(verification is not None)
        if verification is not None:
            self.verificationValueSpin.setValue(verification.value)
            self.verificationUnitCombo.setCurrentIndex(self.verificationUnitCombo.findData(verification.unit.value))
        self.verificationTextEdit.setText(template.verification_label)
        self.crossBoundaryCheck.setChecked(template.cross_boundary)
        self.returnPlaceEdit.setText(template.return_place)
        self.resultsEdit.setPlainText("\n".join(template.result_documents))
        fee = template.fee
        self.feeKindCombo.setCurrentIndex(list(FEE_LABELS).index(fee.kind))
        self.feeAmountSpin.setValue(fee.amount)
        self.capCheck.setChecked(fee.cap_per_copy is not None)
        self.capSpin.setValue(fee.cap_per_copy or 0)
        self.feeNoteEdit.setText(fee.note)
        for tier in fee.tiers:
            self.add_tier(tier.first_page, tier.last_page, tier.amount)
        for document in template.documents:
            self.add_document(document.name, document.required, document.originals, document.certified,
                              document.photocopies, document.note)
        for extra in template.extra_fields:
            self.add_field(extra.key, extra.label, extra.type, extra.required, extra.pattern, extra.choices,
                           extra.help)

    def to_dict(self) -> dict:
        kind = FeeKind(self.feeKindCombo.currentData())
        fee: dict = {"kind": kind.value, "note": self.feeNoteEdit.text().strip()}
        if kind in (FeeKind.FIXED, FeeKind.PER_COPY):
            fee["amount"] = self.feeAmountSpin.value()
        if kind is FeeKind.PER_PAGE:
            tiers = []
            for row in range(self.tiersTable.rowCount()):
                first, last, amount = (_text(self.tiersTable, row, c) for c in range(3))
                if not (first.isdigit() and amount.isdigit() and (not last or last.isdigit())):
                    raise DomainError(f"Bậc lệ phí dòng {row + 1}: số trang và số tiền phải là số nguyên.",
                                      field="fee.tiers")
                if last and int(last) < int(first):
                    raise DomainError(f"Bậc lệ phí dòng {row + 1}: “đến trang” nhỏ hơn “từ trang”.",
                                      field="fee.tiers")
                tiers.append({"first_page": int(first), "last_page": int(last) if last else None,
                              "amount": int(amount)})
            fee["tiers"] = tiers
            if self.capCheck.isChecked():
                fee["cap_per_copy"] = self.capSpin.value()
        documents = []
        for row in range(self.documentsTable.rowCount()):
            documents.append({
                "name": _text(self.documentsTable, row, 0), "required": _checked(self.documentsTable, row, 1),
                "originals": _count(self.documentsTable, row, 2, "Số bản chính"),
                "certified": _count(self.documentsTable, row, 3, "Số bản sao chứng thực"),
                "photocopies": _count(self.documentsTable, row, 4, "Số bản photo"),
                "note": _text(self.documentsTable, row, 5)})
        fields = []
        for row in range(self.fieldsTable.rowCount()):
            choices = [c.strip() for c in _text(self.fieldsTable, row, 5).split(";") if c.strip()]
            fields.append({"key": _text(self.fieldsTable, row, 0), "label": _text(self.fieldsTable, row, 1),
                           "type": self.fieldsTable.cellWidget(row, 2).currentData(),
                           "required": _checked(self.fieldsTable, row, 3),
                           "pattern": _text(self.fieldsTable, row, 4), "choices": choices,
                           "help": _text(self.fieldsTable, row, 6)})
        return {
            "code": self.codeEdit.text().strip(), "provincial_code": self.provincialCodeEdit.text().strip(),
            "name": self.nameEdit.text(), "sector": self.sectorCombo.currentText(),
            "level": self.levelCombo.currentText().strip(),
            "processing": {"value": self.processingValueSpin.value(),
                           "unit": self.processingUnitCombo.currentData()},
            "fee": fee, "documents": documents, "extra_fields": fields,
            "result_documents": [line.strip() for line in self.resultsEdit.toPlainText().splitlines()
                                 if line.strip()],
            # Empty: the unit that received the dossier (each agency prints its own name).
            "return_place": self.returnPlaceEdit.text().strip(),
            **self._verification_dict(),
            **({"cross_boundary": True} if self.crossBoundaryCheck.isChecked() else {}),
        }

    def _verification_dict(self) -> dict:
        if not self.verificationCheck.isChecked():
            return {}
        data: dict = {"processing_verification": {"value": self.verificationValueSpin.value(),
                                                  "unit": self.verificationUnitCombo.currentData()}}
        label = self.verificationTextEdit.text().strip()
        return {**data, "verification_label": label} if label else data

    def _on_verification(self, checked: bool) -> None:
        for widget in (self.verificationValueSpin, self.verificationUnitCombo, self.verificationTextEdit):
            widget.setEnabled(checked)
        self._changed()

    def template(self) -> ProcedureTemplate:
        """The template as typed, checked exactly as an imported catalog file would be."""
        from desk.services.catalog_file import check_template

        template = ProcedureTemplate.from_dict(self.to_dict())
        check_template(template)
        return template

    # -- live preview ------------------------------------------------------------------------
    def _on_fee_kind(self) -> None:
        kind = FeeKind(self.feeKindCombo.currentData())
        self.amountLabel.setVisible(kind in (FeeKind.FIXED, FeeKind.PER_COPY))
        self.feeAmountSpin.setVisible(kind in (FeeKind.FIXED, FeeKind.PER_COPY))
        self.amountLabel.setText("Mức thu mỗi bản" if kind is FeeKind.PER_COPY else "Mức thu mỗi hồ sơ")
        per_page = kind is FeeKind.PER_PAGE
        for widget in (self.tiersGroup, self.capCheck, self.capSpin, self.capRowLabel):
            widget.setVisible(per_page)
        if per_page and not self.tiersTable.rowCount():
            self.add_tier(1, None, 0)
        self._changed()

    def _changed(self, *_args) -> None:
        self._preview_timer.start()

    def update_preview(self) -> None:
        try:
            template = self.template()
        except DomainError as error:
            messages.show(self.previewError, "warning", f"Mẫu chưa hợp lệ: {error}")
            return
        messages.hide(self.previewError)
        self.previewTitle.setText(f"<b>{template.name}</b><br>{template.code}"
                                  + (f" · {template.sector}" if template.sector else ""))
        facts = [f"Thời hạn: {template.processing.describe()}"]
        if template.processing_verification is not None:
            facts.append(f"Trường hợp phải xác minh: {template.processing_verification.describe()} (cán bộ chọn "
                         f"“{template.verification_text}” khi tiếp nhận)")
        if template.cross_boundary:
            facts.append("Tiếp nhận không phụ thuộc địa giới hành chính: khi tiếp nhận hỏi cơ quan có thẩm quyền "
                         "giải quyết")
        if self.calendar is not None:
            preview = preview_intake(template, self.calendar, self.clock(), pages=10, copies=1)
            facts.append(f"Nếu nhận lúc này, hẹn trả: {describe_moment(preview.appointment)}")
        fee = template.fee
        facts.append(f"Lệ phí: {fee.describe()}")
        if fee.needs_pages:
            examples = ", ".join(f"{pages} trang: {format_vnd(fee.compute(pages=pages, copies=1))}"
                                 for pages in (1, 5, 20))
            facts.append(f"Ví dụ 1 bản — {examples}")
        facts.append(f"Trả kết quả: {template.return_place or 'Tại đơn vị tiếp nhận hồ sơ'}")
        self.previewFacts.setText("\n".join(facts))
        self.previewDocuments.clear()
        for document in template.documents:
            item = QListWidgetItem(describe_document(document), self.previewDocuments)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Unchecked)
        while self.previewFieldsForm.rowCount():
            self.previewFieldsForm.removeRow(0)
        for extra in template.extra_fields:
            label, widget = extra_field_row(extra, self.previewFieldsBox)
            self.previewFieldsForm.addRow(label, widget)
        self.previewFieldsBox.setVisible(bool(template.extra_fields))

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> None:
        try:
            template = self.template()
        except DomainError as error:
            messages.show(self.errorLabel, "error", str(error))
            tab = {"fee": 1, "documents": 2, "extra_fields": 3}.get((error.field or "").split(".")[0], 0)
            self.tabs.setCurrentIndex(tab)
            return
        actor = self.desk.actor
        self.buttonBox.setEnabled(False)

        def done(entry) -> None:
            self.saved.emit(entry)
            self.accept()

        def failed(error: BaseException) -> None:
            self.buttonBox.setEnabled(True)
            messages.show(self.errorLabel, "error", str(error) if isinstance(error, DomainError)
                          else f"Chưa lưu được: {error}")

        self.ops.write(lambda: self.desk.services.catalog.save(template, actor=actor), Changes(catalog=True)) \
            .success(done).failure(failed).run()

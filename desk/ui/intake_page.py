"""Tiếp nhận: identify the citizen, pick the procedure, check documents, save and print."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSpinBox,
                               QTableWidgetItem, QWidget)

from desk.domain.text import fold_for_search
from desk.domain.citizen import CardIdentity, looks_like_card_qr, parse_card_qr, validate_id_number
from desk.domain.clock import vietnam_now
from desk.domain.codes import DossierCode
from desk.domain.dates import parse_typed_date
from desk.domain.errors import DomainError
from desk.domain.calendar import WorkingCalendar
from desk.domain.fees import FeeKind
from desk.domain.intake import (MAX_ADDRESS, MAX_EMAIL, MAX_FEE, MAX_NAME, MAX_PHONE_TYPED, IntakeProblems,
                                IntakeRequest, OutcomeRequest, Person, normalize_email, normalize_phone,
                                preview_intake, validate_intake)
from desk.domain.procedure import ExtraField
from forms.ui_intake_page import Ui_IntakePage

from . import dialogs, messages
from .background import BackgroundRunner
from .desk_ref import DeskRef
from .document_pages import DocumentPagesCell
from .extra_fields import extra_field_row
from .field_errors import FieldErrors
from .intake_drafts import IntakeDrafts
from .models import ProcedureTableModel
from .scanner import ScannerWedge
from .signals import DeskSignals

if TYPE_CHECKING:
    from desk.services.catalog import CatalogEntry
    from desk.services.digitization import Page, ScannerProfile, ScanResult
    from desk.services.intake import IntakeOutcome, ReceivedDossier

log = logging.getLogger(__name__)
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
DOC_COLUMNS = ("Đã nhận", "Giấy tờ", "Bản chính", "Bản chứng thực", "Bản photo", "Ghi chú", "Bản số hóa")
PAGES_COLUMN = 6
SEARCH_DELAY_MS = 150
REVALIDATE_DELAY_MS = 250  # a field's error note is re-checked this long after the clerk stops typing
# Live length checks of the line edits: over-long text is refused with a message, never cut.
MAX_LENGTHS = {"full_name": MAX_NAME, "submitter_full_name": MAX_NAME, "address": MAX_ADDRESS,
               "email": MAX_EMAIL, "phone": MAX_PHONE_TYPED, "id_number": 20, "old_id_number": 20,
               "submitter_id_number": 20, "birth_date": 20, "issue_date": 20}


def describe_moment(moment: datetime | None) -> str:
    if moment is None:
        return "Không có thời hạn cố định"
    return f"{moment:%H} giờ {moment:%M} phút, {WEEKDAYS[moment.weekday()]} {moment:%d/%m/%Y}"


@dataclass
class _ScanState:
    """Where the pages of the scan under way go: a separator sheet moves ``cell`` to the next line."""

    cell: DocumentPagesCell
    replace_at: int | None = None
    pages: int = 0


class IntakePage(QWidget):
    saved = Signal(str)  # the new dossier's code
    open_dossier = Signal(str)  # a receipt (its barcode or QR text) was scanned here
    show_dossier = Signal(str)  # a dossier this desk holds, to be shown on the Hồ sơ page
    outcome_recorded = Signal(object)  # services.intake.IntakeOutcome: guidance or a refusal was given
    _page_scanned = Signal(object)        # from the scanning thread
    _folder_files = Signal(list)          # from the watched-folder thread

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_IntakePage()
        self.ui.setupUi(self)
        self.desk = desk
        self.runner = runner
        self.signals = signals
        signals.data_changed.connect(self._on_data_changed)
        self._entry: CatalogEntry | None = None
        self._calendar: WorkingCalendar | None = None
        self._clock: Callable[[], datetime] = vietnam_now
        self._extra_widgets: dict[str, QWidget] = {}
        self._saving = False
        self._search_generation = 0
        # Scans, imports and page previews: their own worker, so a slow scanner never holds up a save.
        self.page_runner = BackgroundRunner(self)
        self._cells: list[DocumentPagesCell] = []
        self._active_cell: DocumentPagesCell | None = None
        self._scan: _ScanState | None = None
        self._scan_cancel: threading.Event | None = None
        self._folder_thread = None
        self._folder_pending: list[Path] = []
        self._reuse_generation = 0
        self._previews: list[QWidget] = []
        self.outcome_dialog = None
        self._strip_counts_problems = False  # the message strip shows "còn N chỗ cần sửa"
        self.drafts = IntakeDrafts(self, runner, self.page_runner)
        self.drafts.saved_before_crash.connect(self._on_saved_before_crash)

        ui = self.ui
        self._build_fee_collected_row()
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
        doc_header.setSectionResizeMode(PAGES_COLUMN, QHeaderView.ResizeMode.Fixed)
        doc_header.resizeSection(PAGES_COLUMN, 430)
        ui.documentsTable.setWordWrap(True)
        ui.documentsTable.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ui.folderBar.setVisible(False)
        ui.scannerSettingsButton.clicked.connect(self.open_scanner_settings)
        ui.scannerCombo.currentTextChanged.connect(self._pick_scanner_profile)
        ui.folderAddButton.clicked.connect(self.add_folder_files)
        ui.folderIgnoreButton.clicked.connect(self._ignore_folder_files)
        self._page_scanned.connect(self._on_page_scanned)
        self._folder_files.connect(self._on_folder_files)
        ui.messageLabel.setOpenExternalLinks(False)
        ui.messageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        ui.messageLabel.linkActivated.connect(self._on_message_link)
        ui.draftsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                               | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.field_errors = FieldErrors(self._field_widgets())
        self._revalidate_timer = QTimer(self, singleShot=True, interval=REVALIDATE_DELAY_MS)
        self._revalidate_timer.timeout.connect(self._revalidate)
        for edit in self._draft_edits().values():
            edit.textChanged.connect(self._draft_changed)
            edit.textChanged.connect(self._field_edited)
        ui.genderCombo.currentIndexChanged.connect(self._draft_changed)
        ui.submittedByOtherCheck.toggled.connect(self._draft_changed)
        ui.documentsTable.itemChanged.connect(self._draft_changed)
        ui.documentsTable.itemChanged.connect(self._field_edited)
        for spin in (ui.pagesSpin, ui.copiesSpin, ui.setsSpin, self.fee_collected_spin):
            spin.valueChanged.connect(self._draft_changed)
            spin.valueChanged.connect(self._field_edited)
        self.fee_free_check.toggled.connect(self._draft_changed)
        self.fee_free_check.toggled.connect(self._field_edited)
        for edit in (ui.birthDateEdit, ui.issueDateEdit):
            edit.editingFinished.connect(lambda e=edit: self._tidy_date(e))
        ui.addressEdit.editingFinished.connect(lambda: ui.addressEdit.setCursorPosition(0))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh_procedures)
        ui.procedureSearchEdit.textChanged.connect(self._search_timer.start)
        ui.procedureSearchEdit.returnPressed.connect(self._pick_first_procedure)
        ui.pagesSpin.valueChanged.connect(self.update_preview)
        ui.copiesSpin.valueChanged.connect(self.update_preview)
        # The submitter's fields only when someone submits for the owner: a 1366×728 screen has no room to spare.
        ui.submittedByOtherCheck.toggled.connect(ui.submitterGroup.setEnabled)
        ui.submittedByOtherCheck.toggled.connect(ui.submitterGroup.setVisible)
        ui.submitterGroup.setVisible(False)
        ui.idNumberEdit.editingFinished.connect(self._check_id_number)
        ui.idNumberEdit.editingFinished.connect(self.refresh_reuse_offers)
        ui.saveButton.clicked.connect(self.save)
        ui.clearButton.clicked.connect(self.next_citizen)
        ui.refuseButton.clicked.connect(self.ask_outcome)
        # The counter's habits: Ctrl+S or F12 saves and prints; Esc clears the message strip.
        for keys in ("Ctrl+S", "F12"):
            QShortcut(QKeySequence(keys), self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Esc"), self, self.clear_banners, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
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
        self.refresh_scanner_profiles()
        self.start_folder_watch()
        self.drafts.start()
        self.refresh_today()

    # -- messages ------------------------------------------------------------------------
    def message(self, kind: str, text: str, details=(), actions=()) -> None:
        self._strip_counts_problems = False
        messages.show(self.ui.messageLabel, kind, text, details, actions)

    def clear_banners(self) -> None:
        """Esc: the message strip goes; the notes under fields stay until the field is right."""
        messages.hide(self.ui.messageLabel)

    def _field_widgets(self) -> dict[str, QWidget]:
        """Each field the domain names in its errors, and the widget that edits it."""
        ui = self.ui
        return {
            "id_number": ui.idNumberEdit, "old_id_number": ui.oldIdEdit, "full_name": ui.fullNameEdit,
            "birth_date": ui.birthDateEdit, "gender": ui.genderCombo, "address": ui.addressEdit,
            "issue_date": ui.issueDateEdit, "phone": ui.phoneEdit, "email": ui.emailEdit,
            "submitter_full_name": ui.submitterNameEdit, "submitter_id_number": ui.submitterIdEdit,
            "documents": ui.documentsTable, "pages": ui.pagesSpin, "copies": ui.copiesSpin,
            "sets": ui.setsSpin, "fee": self.fee_collected_row, "procedure": ui.procedureSearchEdit,
            **self._extra_widgets,
        }

    def _focus_field(self, field: str | None) -> None:
        widget = self._field_widgets().get(field or "")
        if widget is not None:
            self.ui.scrollArea.ensureWidgetVisible(widget)
            (self.fee_collected_spin if widget is self.fee_collected_row else widget).setFocus(
                Qt.FocusReason.OtherFocusReason)

    def _tidy_date(self, edit: QLineEdit) -> None:
        """``05031990`` or ``5/3/1990`` becomes ``05/03/1990`` once the clerk leaves the field."""
        try:
            day = parse_typed_date(edit.text(), "", "")
        except DomainError:
            return  # left as typed: the note under the field says what is wrong
        if day is not None and edit.text() != f"{day:%d/%m/%Y}":
            edit.setText(f"{day:%d/%m/%Y}")

    # -- checking the form: every problem at once, next to its field ------------------------------
    def _field_edited(self, *_args) -> None:
        self._check_lengths()
        if self.field_errors.shown:
            self._revalidate_timer.start()

    def _check_lengths(self) -> None:
        """Text longer than a field takes is refused at once, with its length (never cut silently)."""
        widgets = self._field_widgets()
        for field, limit in MAX_LENGTHS.items():
            edit = widgets[field]
            if len(edit.text()) > limit and field not in self.field_errors.shown:
                self.field_errors.add(DomainError(f"Quá dài: tối đa {limit} ký tự, đang có {len(edit.text())}.",
                                                  field=field))

    def problems(self) -> list[DomainError]:
        """Every problem of the form as it is, in the order of the form (nothing is shown)."""
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
        order = list(self._field_widgets())
        return sorted(found, key=lambda e: order.index(e.field) if e.field in order else len(order))

    def _revalidate(self) -> None:
        self.field_errors.keep_only(self.problems())
        if self._strip_counts_problems:  # the strip follows the notes: it never counts what was fixed
            left = list(self.field_errors.shown.values())
            if not left:
                messages.hide(self.ui.messageLabel)
            else:
                messages.show(self.ui.messageLabel, "error", left[0] if len(left) == 1 else
                              f"Chưa lưu được: còn {len(left)} chỗ cần sửa, ghi ngay dưới từng ô.")

    def show_problems(self, problems: list[DomainError], *, not_yet: str = "Chưa lưu được") -> None:
        unplaced = self.field_errors.show(problems)
        count = len(problems)
        text = (str(problems[0]) if count == 1 else
                f"{not_yet}: còn {count} chỗ cần sửa, ghi ngay dưới từng ô.")
        self.message("error", text, [str(e) for e in unplaced if count > 1])
        self._strip_counts_problems = not unplaced
        self._focus_field(problems[0].field if problems[0].field != "procedure" else None)
        if problems[0].field == "procedure":
            self.ui.procedureSearchEdit.setFocus()

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
        self.open_dossier.emit(code)  # the whole scan: the window checks the receipt's signature

    def on_incomplete_scan(self, partial: str) -> None:
        self.message("error", "Mã QR đọc chưa hết (máy quét không gửi phím Enter). Hãy quét lại; "
                              "thông tin chưa được điền.")
        log.info("incomplete scan of %d characters", len(partial))

    def fill_from_card(self, card: CardIdentity) -> None:
        ui = self.ui
        kept = None
        current_id = ui.idNumberEdit.text().strip()
        if current_id and current_id != card.id_number and self._holds_more_than_identity():
            # Another citizen's card over a form in progress: that form waits as a draft, never mixed with this one.
            kept = self.drafts.set_aside()
        ui.idNumberEdit.setText(card.id_number)
        ui.oldIdEdit.setText(card.old_id_number)
        ui.fullNameEdit.setText(card.full_name)
        ui.birthDateEdit.setText(f"{card.birth_date:%d/%m/%Y}")
        ui.genderCombo.setCurrentText(card.gender)
        ui.addressEdit.setText(card.address)
        ui.issueDateEdit.setText(f"{card.issue_date:%d/%m/%Y}")
        ui.addressEdit.setCursorPosition(0)  # the start of the address, not its end, is what a clerk reads
        self.refresh_reuse_offers()
        details = list(card.warnings)
        if kept:
            details.append(f"Hồ sơ đang nhập của {kept} được giữ ở dòng “Hồ sơ đang nhập dở” phía trên, "
                           "khôi phục lúc nào cũng được.")
        if card.warnings:
            self.message("warning", f"Đã đọc thẻ căn cước của {card.full_name}, nhưng cần kiểm tra:", details)
        else:
            self.message("success" if not kept else "info", f"Đã đọc thẻ căn cước của {card.full_name}.", details)
        ui.phoneEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _holds_more_than_identity(self) -> bool:
        """Has the clerk done more on this form than read a card (a phone, a procedure, papers, scans)?"""
        ui = self.ui
        return bool(ui.phoneEdit.text().strip() or ui.emailEdit.text().strip() or self._entry is not None
                    or ui.submittedByOtherCheck.isChecked())

    def _check_id_number(self) -> None:
        text = self.ui.idNumberEdit.text().strip()
        if not text:
            return
        try:
            validate_id_number(text)
        except DomainError as error:
            self.field_errors.add(error)

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
                    if entry.version != self._entry.version:
                        # An admin saved a new version while this form was open: the dossier must be
                        # received under the template as it is now, so the checklist is rebuilt.
                        self._show_procedure(entry)
                        self.message("info", f"Mẫu thủ tục {entry.template.code} vừa được cập nhật (phiên bản "
                                             f"{entry.version}); hãy kiểm tra lại thành phần hồ sơ.")

        self.runner.submit(lambda: self.desk.services.catalog.search(query), done, self._on_error)

    def _on_data_changed(self, entity: str, _id: str) -> None:
        if entity == "catalog" and self.desk.is_open:
            self.refresh_procedures()

    def _pick_first_procedure(self) -> None:
        if self.procedures.rowCount() == 1 or (self.procedures.rowCount() and self._entry is None):
            self.ui.procedureTable.selectionModel().setCurrentIndex(
                self.procedures.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.ui.documentsTable.setFocus()
            # The focus goes to the checklist: it must be where the clerk can see it.
            QTimer.singleShot(0, self, lambda: self.ui.scrollArea.ensureWidgetVisible(self.ui.documentsGroup, 0, 0))

    def _on_procedure_row(self, current, _previous) -> None:
        entry = self.procedures.row_at(current.row()) if current.isValid() else None
        if entry is not None and (self._entry is None or entry.template.code != self._entry.template.code):
            self._show_procedure(entry)

    def _show_procedure(self, entry: CatalogEntry | None) -> None:
        # Pages already scanned follow the clerk to the new procedure when a line there has the same
        # paper (by name); the others are dropped, and the clerk is told.
        carried = {fold_for_search(self._entry.template.documents[cell.row].name):
                   (self._entry.template.documents[cell.row].name, cell)
                   for cell in self._cells if cell.has_file} if self._entry is not None and entry is not None else {}
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
        self._build_page_cells(len(documents))
        if carried:
            self._carry_pages(carried, documents)
        self._fit_documents_table()
        self.refresh_reuse_offers()
        if entry:
            for extra in entry.template.extra_fields:
                self._add_extra_field(extra)
        ui.extraGroup.setVisible(bool(entry and entry.template.extra_fields))
        fee = entry.template.fee if entry else None
        ui.feeForm.setRowVisible(ui.pagesSpin, bool(fee and fee.needs_pages))
        ui.feeForm.setRowVisible(ui.copiesSpin, bool(fee and fee.needs_copies))
        ui.feeForm.setRowVisible(self.fee_collected_row, bool(fee and fee.kind is FeeKind.UNSET))
        self.fee_collected_spin.setValue(-1)
        self.fee_free_check.setChecked(False)
        ui.documentsGroup.setTitle("Thành phần hồ sơ (đánh dấu giấy tờ đã nhận)" if entry
                                   else "Thành phần hồ sơ (chọn thủ tục trước)")
        self.update_preview()

    def _clear_extra_fields(self) -> None:
        self.field_errors.forget(list(self._extra_widgets))
        form = self.ui.extraForm
        while form.rowCount():
            form.removeRow(0)
        self._extra_widgets.clear()

    def _add_extra_field(self, extra: ExtraField) -> None:
        label, widget = extra_field_row(extra, self.ui.extraGroup)
        changed = widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.textChanged
        changed.connect(self._draft_changed)
        changed.connect(self._field_edited)
        self.ui.extraForm.addRow(label, widget)
        self._extra_widgets[extra.key] = widget
        self.field_errors.widgets[extra.key] = widget

    # -- a fee nobody configured: the clerk types what was collected ----------------------------------
    def _build_fee_collected_row(self) -> None:
        """“Số tiền thu”: shown only for a procedure whose fee the province has not configured, so that
        “chưa cấu hình” never reaches a citizen's paper."""
        self.fee_collected_row = QWidget(self.ui.feeGroup)
        self.fee_collected_row.setObjectName("feeCollectedRow")
        row = QHBoxLayout(self.fee_collected_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.fee_collected_spin = QSpinBox(self.fee_collected_row)
        self.fee_collected_spin.setObjectName("feeCollectedSpin")
        self.fee_collected_spin.setRange(-1, MAX_FEE)  # -1: not typed yet
        self.fee_collected_spin.setSpecialValueText("chưa nhập")
        self.fee_collected_spin.setSingleStep(1000)
        self.fee_collected_spin.setSuffix(" đ")
        self.fee_collected_spin.setGroupSeparatorShown(True)
        self.fee_collected_spin.setValue(-1)
        self.fee_free_check = QCheckBox("Không thu", self.fee_collected_row)
        self.fee_free_check.setObjectName("feeFreeCheck")
        self.fee_free_check.toggled.connect(self.fee_collected_spin.setDisabled)
        row.addWidget(self.fee_collected_spin, 1)
        row.addWidget(self.fee_free_check)
        self.fee_collected_label = QLabel("Số tiền thu", self.ui.feeGroup)
        self.ui.feeForm.insertRow(self.ui.feeForm.getWidgetPosition(self.ui.feeValueLabel)[0] + 1,
                                  self.fee_collected_label, self.fee_collected_row)

    def fee_collected(self) -> int | None:
        """What the clerk typed for an unconfigured fee: an amount, 0 for “Không thu”, None when not typed."""
        if self.fee_free_check.isChecked():
            return 0
        value = self.fee_collected_spin.value()
        return None if value < 0 else value

    def update_preview(self) -> None:
        ui = self.ui
        if self._entry is None or self._calendar is None:
            for label in (ui.feeValueLabel, ui.processingValueLabel, ui.appointmentValueLabel):
                label.setText("—")
            self._mark_fee_unset(False)
            return
        preview = preview_intake(self._entry.template, self._calendar, self._clock(), pages=ui.pagesSpin.value(),
                                 copies=ui.copiesSpin.value())
        ui.feeValueLabel.setText(preview.fee_text)
        self._mark_fee_unset(self._entry.template.fee.kind is FeeKind.UNSET)
        ui.processingValueLabel.setText(preview.processing_text)
        ui.appointmentValueLabel.setText(describe_moment(preview.appointment))

    def _mark_fee_unset(self, unset: bool) -> None:
        label = self.ui.feeValueLabel
        if label.property("kind") != ("warning" if unset else ""):
            label.setProperty("kind", "warning" if unset else "")
            label.style().unpolish(label)
            label.style().polish(label)

    # -- saving --------------------------------------------------------------------------
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

        if self._entry is None:
            raise DomainError("Chưa chọn thủ tục: gõ tên thủ tục (không cần dấu) vào ô tìm.", field="procedure")
        owner = Person(
            full_name=ui.fullNameEdit.text(), id_number=ui.idNumberEdit.text(), old_id_number=ui.oldIdEdit.text(),
            birth_date=date_of(ui.birthDateEdit, "Ngày sinh", "birth_date"),
            gender=ui.genderCombo.currentText(), address=ui.addressEdit.text(),
            issue_date=date_of(ui.issueDateEdit, "Ngày cấp thẻ", "issue_date"))
        submitter = None
        if ui.submittedByOtherCheck.isChecked():
            submitter = Person(full_name=ui.submitterNameEdit.text(), id_number=ui.submitterIdEdit.text())
        ticked = tuple(ui.documentsTable.item(row, 0).checkState() == Qt.CheckState.Checked
                       or (row < len(self._cells) and self._cells[row].has_file)
                       for row in range(ui.documentsTable.rowCount()))
        request = IntakeRequest(owner=owner, procedure=self._entry.template, received_documents=ticked,
                                phone=ui.phoneEdit.text(), email=ui.emailEdit.text(), submitter=submitter,
                                extra_values=self._extra_values(), pages=ui.pagesSpin.value(),
                                copies=ui.copiesSpin.value(), sets=ui.setsSpin.value(),
                                fee_collected=self.fee_collected())
        if problems:
            try:
                validate_intake(request)
            except IntakeProblems as many:
                problems += many.problems
            order = list(self._field_widgets())
            problems.sort(key=lambda e: order.index(e.field) if e.field in order else len(order))
            raise IntakeProblems(problems)
        return request

    def _extra_values(self) -> dict[str, str]:
        return {key: (w.currentText() if isinstance(w, QComboBox) else w.text())
                for key, w in self._extra_widgets.items()}

    def save(self) -> None:
        if self._saving:
            return
        problems = self.problems()
        if problems:
            self.show_problems(problems)
            return
        self.field_errors.clear()
        if self._scan is not None:
            self.message("warning", "Đang quét giấy tờ: chờ lượt quét xong rồi lưu hồ sơ.")
            return
        request = validate_intake(self.collect_request())
        self._saving = True
        self.ui.saveButton.setEnabled(False)
        version, key = self._entry.version, self.drafts.ensure_key()
        self.drafts.write_now()  # on disk before the save: a crash after the commit is recognised by this key
        files = [cell.document_file() for cell in self._cells]
        self.runner.submit(lambda: self.desk.services.intake.receive(request, procedure_version=version,
                                                                     files=files, intake_key=key),
                           self._on_saved, self._on_save_failed)

    def _on_saved(self, result: ReceivedDossier) -> None:
        self._saving = False
        self.ui.saveButton.setEnabled(True)
        self.clear_form(keep_message=True, discard_pages=False)
        self.signals.data_changed.emit("dossier", result.code)
        self.refresh_today()
        if result.already_saved:
            self.message("info", f"Hồ sơ này đã được lưu trước đó với mã {result.code}: không tạo hồ sơ mới. "
                                 "Đang mở hồ sơ đó.")
            self.show_dossier.emit(result.code)
            return
        details = [f"Hẹn trả: {describe_moment(result.appointment_at)}", *result.warnings]
        if result.receipt_error:
            details.append(result.receipt_error)
        self.saved.emit(result.code)
        actions: tuple = ()
        if result.receipt_path is not None:
            details.append(self.deliver(result.receipt_path, "biên nhận"))
            actions = ((f"preview:{result.receipt_path}", "Xem trước, in lại"),)
        self.message("warning" if (result.warnings or result.receipt_error) else "success",
                     f"Đã lưu hồ sơ {result.code}.", details, actions)

    def deliver(self, path: Path, what: str) -> str:
        """Print (or preview) a paper the counter just made; return what happened, for the message strip."""
        from .print_preview import deliver_pdf

        settings = self.desk.settings
        return deliver_pdf(self, path, what=what, paper=settings.paper, printer_name=settings.printer_name,
                           preview=settings.preview_before_print)

    def _on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.ui.saveButton.setEnabled(True)
        if isinstance(error, IntakeProblems):
            self.show_problems(list(error.problems))
            return
        self._on_error(error)
        if isinstance(error, DomainError):
            self._focus_field(error.field)

    def _on_error(self, error: BaseException) -> None:
        # The runner hands over errors fit for the screen (background.for_the_user); the form stays as it was.
        self.message("error", f"Chưa lưu được: {error}" if self._entry else str(error))

    def clear_form(self, *, keep_message: bool = False, discard_pages: bool = True, keep_draft: bool = False) -> None:
        """Empty the form for the next citizen. ``keep_draft``: the form was set aside as a waiting draft
        (its file and pages stay); otherwise its draft goes."""
        ui = self.ui
        if keep_draft:
            self.drafts.detach()
        else:
            self.drafts.forget_current()
        if self._scan_cancel is not None:
            self._scan_cancel.set()
        if discard_pages:
            pages = [page for cell in self._cells for page in cell.pages()]
            if pages:
                digitization = self.desk.services.digitization
                self.page_runner.submit(lambda: digitization.discard_work(pages), lambda _: None, lambda _: None)
        with self.drafts.paused():  # clearing is not a change to keep
            for edit in (ui.idNumberEdit, ui.oldIdEdit, ui.fullNameEdit, ui.birthDateEdit, ui.addressEdit,
                         ui.issueDateEdit, ui.phoneEdit, ui.emailEdit, ui.submitterNameEdit, ui.submitterIdEdit,
                         ui.procedureSearchEdit):
                edit.clear()
            ui.genderCombo.setCurrentIndex(0)
            ui.submittedByOtherCheck.setChecked(False)
            for spin in (ui.pagesSpin, ui.copiesSpin, ui.setsSpin):
                spin.setValue(1)
            ui.procedureTable.selectionModel().clear()  # the current row too: the same procedure can be picked again
            self._show_procedure(None)
        self.field_errors.clear()
        if not keep_message:
            messages.hide(ui.messageLabel)
        ui.scrollArea.verticalScrollBar().setValue(0)  # the next citizen starts at the top of the form
        ui.idNumberEdit.setFocus()

    def next_citizen(self) -> None:
        """“Làm mới”: an empty form for the next citizen. A form in progress is kept as a waiting draft,
        never thrown away by this button (the drafts bar's “Bỏ” does that, after asking)."""
        kept = self.drafts.set_aside()
        if kept:
            self.message("info", f"Hồ sơ đang nhập của {kept} được giữ ở dòng “Hồ sơ đang nhập dở” phía trên; "
                                 "bấm “Khôi phục” để làm tiếp, hoặc “Bỏ” nếu không cần nữa.")
        else:
            self.clear_form()

    def procedures_selected(self) -> str | None:
        """The code of the procedure chosen on the form, or None."""
        return self._entry.template.code if self._entry else None

    def has_unsaved_work(self) -> bool:
        return self.snapshot() is not None

    # -- guidance or refusal at the counter: no receipt, no dossier code ------------------------------
    def ask_outcome(self) -> None:
        """Hướng dẫn bổ sung / Từ chối: for a citizen whose papers do not allow a receipt (DOMAIN.md §1)."""
        from .action_dialogs import OutcomeDialog

        needed = []
        if self._entry is None:
            needed.append(DomainError("Chọn thủ tục công dân yêu cầu trước khi hướng dẫn hoặc từ chối.",
                                      field="procedure"))
        if not self.ui.fullNameEdit.text().strip():
            needed.append(DomainError("Nhập họ tên người có hồ sơ (hoặc quét thẻ căn cước) để ghi trên phiếu.",
                                      field="full_name"))
        if needed:
            self.show_problems(needed, not_yet="Chưa in được phiếu hướng dẫn hoặc từ chối")
            return
        table = self.ui.documentsTable
        documents = [(doc.name, doc.required and table.item(row, 0).checkState() != Qt.CheckState.Checked
                      and not (row < len(self._cells) and self._cells[row].has_file))
                     for row, doc in enumerate(self._entry.template.documents)]
        dialog = OutcomeDialog(self, owner_name=self.ui.fullNameEdit.text().strip(),
                               procedure_name=self._entry.template.name, documents=documents)
        dialog.submitted.connect(lambda values: self._record_outcome(values, dialog))
        dialog.finished.connect(lambda _result: setattr(self, "outcome_dialog", None))
        self.outcome_dialog = dialog
        dialog.open()

    def _record_outcome(self, values: dict, dialog) -> None:
        ui = self.ui
        owner = Person(full_name=ui.fullNameEdit.text(), id_number=ui.idNumberEdit.text(),
                       old_id_number=ui.oldIdEdit.text(), address=ui.addressEdit.text())
        request = OutcomeRequest(values["kind"], owner, self._entry.template, tuple(values.get("documents", ())),
                                 values.get("reason", ""), phone=ui.phoneEdit.text(), email=ui.emailEdit.text())
        version, key = self._entry.version, self.drafts.ensure_key()
        self.drafts.write_now()

        def done(outcome: IntakeOutcome) -> None:
            dialog.accept()
            self.clear_form(keep_message=True)
            self.refresh_today()
            self.outcome_recorded.emit(outcome)
            details = [outcome.pdf_error] if outcome.pdf_error else []
            actions: tuple = ()
            if outcome.pdf_path is not None:
                details.append(self.deliver(outcome.pdf_path, outcome.kind.label))
                actions = ((f"preview:{outcome.pdf_path}", "Xem trước, in lại"),)
            self.message("warning" if outcome.pdf_error else "success",
                         f"Đã lưu {outcome.kind.label} số {outcome.reference} (không cấp mã hồ sơ, không in "
                         "biên nhận).", details, actions)

        def failed(error: BaseException) -> None:
            if isinstance(error, IntakeProblems):
                on_form = [e for e in error.problems if e.field not in ("documents", "reason")]
                if on_form:
                    self.field_errors.show(on_form)
                dialog.failed(" ".join(str(e) for e in error.problems))
            else:
                dialog.failed(str(error) if isinstance(error, DomainError)
                              else "Lỗi không mong đợi, đã ghi vào nhật ký. Hãy thử lại.")

        self.runner.submit(lambda: self.desk.services.intake.record_outcome(request, procedure_version=version,
                                                                            intake_key=key), done, failed)

    def refresh_today(self) -> None:
        """Today's work of the agency: what a counter's statistics count, guidance and refusals included."""
        intake = self.desk.services.intake

        def show(counts: dict) -> None:
            self.ui.todayLabel.setText(f"Hôm nay: {counts['received']} hồ sơ · {counts['guidance']} hướng dẫn · "
                                       f"{counts['refusal']} từ chối")

        self.runner.submit(lambda: intake.counts(intake.clock().date(), intake.clock().date()), show,
                           lambda error: log.warning("today's counts not read: %s", error))

    def _on_saved_before_crash(self, name: str, code: str) -> None:
        try:
            DossierCode.parse(code)
            actions: tuple = (("open:" + code, "Mở hồ sơ"),)
        except DomainError:
            actions = ()  # guidance or a refusal: no dossier to open
        self.message("info", f"Hồ sơ của {name or 'công dân'} đã được lưu (số {code}) trước khi phần mềm dừng; "
                             "không cần lưu lại.", actions=actions)

    # -- digitization: per-line pages --------------------------------------------------------
    def _build_page_cells(self, count: int) -> None:
        table = self.ui.documentsTable
        self._cells = []
        self._active_cell = None
        for row in range(count):
            cell = DocumentPagesCell(row, table)
            cell.scan_requested.connect(lambda c: self.scan_into(c))
            cell.rescan_requested.connect(lambda c, position: self.scan_into(c, replace_at=position))
            cell.import_requested.connect(self.import_into)
            cell.files_dropped.connect(self.import_files_into)
            cell.preview_requested.connect(self.show_preview)
            cell.changed.connect(self._on_cell_changed)
            cell.discarded.connect(self._discard_pages)
            cell.changed.connect(self._draft_changed)
            table.setCellWidget(row, PAGES_COLUMN, cell)
            self._cells.append(cell)
        self._update_digitized_label()

    def _carry_pages(self, carried: dict[str, tuple[str, DocumentPagesCell]], documents) -> None:
        kept = 0
        for cell, doc in zip(self._cells, documents):
            name_and_cell = carried.pop(fold_for_search(doc.name), None)
            if name_and_cell is None:
                continue
            old = name_and_cell[1]
            if old.reused is not None:
                cell.use_reused(old.reused)
            cell.add_pages(old.pages())
            kept += 1
        if carried:
            names = ", ".join(f"“{name}”" for name, _ in carried.values())
            self.message("warning", f"Thủ tục mới không có giấy tờ {names}: các trang đã quét của giấy tờ đó "
                                    "đã bỏ.")
            self._discard_pages([page for _, old in carried.values() for page in old.pages()])
        elif kept:
            self.message("info", f"Đã giữ bản số hóa của {kept} giấy tờ có trong thủ tục mới.")

    def _discard_pages(self, pages: list[Page]) -> None:
        """Delete the work files of pages no line uses any more (an imported PDF feeds several)."""
        in_use = {page.source for cell in self._cells for page in cell.pages()}
        unused = [page for page in pages if page.source not in in_use]
        if unused:
            digitization = self.desk.services.digitization
            self.page_runner.submit(lambda: digitization.discard_work(unused), lambda _: None, lambda _: None)

    def _tick(self, row: int) -> None:
        item = self.ui.documentsTable.item(row, 0)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked)

    def _on_cell_changed(self, cell: DocumentPagesCell) -> None:
        self._active_cell = cell
        if cell.has_file:
            self._tick(cell.row)
        self._fit_documents_table()
        self._update_digitized_label()

    def _fit_documents_table(self) -> None:
        """Show every line whole: the page scrolls, the checklist does not."""
        table = self.ui.documentsTable
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + 2 * table.frameWidth() + 2
        height += sum(table.rowHeight(row) for row in range(table.rowCount()))
        if table.horizontalScrollBar().isVisible():
            height += table.horizontalScrollBar().height()
        table.setMinimumHeight(max(120, height))
        table.setMaximumHeight(max(120, height))

    def _update_digitized_label(self) -> None:
        if not self._cells:
            self.ui.digitizedLabel.setText("")
            return
        done = sum(1 for cell in self._cells if cell.has_file)
        self.ui.digitizedLabel.setText(f"Đã số hóa {done}/{len(self._cells)} giấy tờ")

    # -- scanner profiles ------------------------------------------------------------------------
    def refresh_scanner_profiles(self) -> None:
        digitization = self.desk.services.digitization
        combo = self.ui.scannerCombo
        combo.blockSignals(True)
        combo.clear()
        profiles = digitization.profiles()
        for profile in profiles:
            combo.addItem(profile.name)
        current = digitization.current_profile()
        if current is not None:
            combo.setCurrentText(current.name)
        else:
            combo.addItem("(chưa cài đặt máy quét)")
        combo.blockSignals(False)

    def _pick_scanner_profile(self, name: str) -> None:
        try:
            self.desk.services.digitization.choose_profile(name)
        except OSError as error:
            self.message("error", f"Không lưu được lựa chọn máy quét: {error}")

    def open_scanner_settings(self) -> None:
        from .scanner_dialog import ScannerDialog

        dialog = ScannerDialog(self.desk, self.page_runner, self)
        dialog.setModal(True)

        def closed(_result: int) -> None:
            self.refresh_scanner_profiles()
            self.start_folder_watch()

        dialog.finished.connect(closed)
        self.scanner_dialog = dialog
        dialog.open()

    # -- scanning --------------------------------------------------------------------------------
    def scan_into(self, cell: DocumentPagesCell, replace_at: int | None = None) -> None:
        profile: ScannerProfile | None = self.desk.services.digitization.current_profile()
        if profile is None:
            self.message("warning", "Chưa cài đặt máy quét: bấm “Cài đặt máy quét…”. Cũng có thể dùng “Chọn tệp”.")
            return
        if self._scan is not None:
            self.message("info", "Máy quét đang quét; chờ lượt quét này xong.")
            return
        self._scan = _ScanState(cell, replace_at)
        self._scan_cancel = cancel = threading.Event()
        self._active_cell = cell
        cell.set_busy(True, "Đang quét…")
        digitization = self.desk.services.digitization
        self.page_runner.submit(
            lambda: digitization.scan(profile, on_page=self._page_scanned.emit, cancel=cancel),
            self._on_scan_done, self._on_scan_failed)

    def _on_page_scanned(self, page: Page) -> None:
        state = self._scan
        if state is None:
            return
        if page.separator:
            rows = len(self._cells)
            if state.replace_at is None and state.cell.row + 1 < rows:
                state.cell.set_busy(False)
                state.cell = self._cells[state.cell.row + 1]
                state.cell.set_busy(True, "Đang quét…")
            digitization = self.desk.services.digitization
            self.page_runner.submit(lambda: digitization.discard_work([page]), lambda _: None, lambda _: None)
            return
        state.pages += 1
        if state.replace_at is not None:
            state.cell.replace_page(state.replace_at, page)
            state.replace_at = -1  # one page replaces one page; any further sheet is added after it
        else:
            state.cell.add_pages([page])

    def _finish_scan(self) -> _ScanState | None:
        state, self._scan, self._scan_cancel = self._scan, None, None
        for cell in self._cells:
            cell.set_busy(False)
        return state

    def _on_scan_done(self, result: ScanResult) -> None:
        state = self._finish_scan()
        if state is None:
            return
        count = state.pages
        if result.error:
            self.message("warning", result.error)
        elif count == 0:
            self.message("warning", "Máy quét không gửi trang nào.")
        else:
            self.message("success", f"Đã quét {count} trang.")

    def _on_scan_failed(self, error: BaseException) -> None:
        self._finish_scan()
        self.message("error", f"Chưa quét được: {error}")

    # -- importing files -------------------------------------------------------------------------
    def import_into(self, cell: DocumentPagesCell) -> None:
        paths = dialogs.ask_open_documents(self, self.desk.settings.watch_folder)
        if paths:
            self.import_files_into(cell, paths)

    def import_files_into(self, cell: DocumentPagesCell, paths: list[Path],
                          on_imported: Callable[[], None] | None = None) -> None:
        if not paths:
            self.message("warning", "Chỉ nhận tệp PDF, JPEG, PNG hoặc TIFF.")
            return
        cell.set_busy(True, "Đang nhập tệp…")
        digitization = self.desk.services.digitization

        def done(pages: list[Page]) -> None:
            cell.set_busy(False)
            cell.add_pages(pages)
            self.message("success", f"Đã thêm {len(pages)} trang từ {len(paths)} tệp.")
            if on_imported is not None:
                on_imported()

        def failed(error: BaseException) -> None:
            cell.set_busy(False)
            self.message("error", str(error))

        self.page_runner.submit(lambda: digitization.import_files(paths), done, failed)

    # -- preview ------------------------------------------------------------------------------------
    def show_preview(self, page: Page) -> None:
        from desk.services.digitization import render_preview

        from .page_preview import PagePreview

        def rendered(png: bytes) -> None:
            preview = PagePreview(png, self)
            self._previews = [p for p in self._previews if p.isVisible()] + [preview]
            preview.show()

        self.page_runner.submit(lambda: render_preview(page), rendered,
                                lambda error: self.message("error", f"Không mở được trang: {error}"))

    # -- reuse ----------------------------------------------------------------------------------------
    def refresh_reuse_offers(self) -> None:
        if self._entry is None or not self._cells:
            return
        id_number = self.ui.idNumberEdit.text().strip()
        names = [doc.name for doc in self._entry.template.documents]
        self._reuse_generation += 1
        generation = self._reuse_generation
        digitization = self.desk.services.digitization

        def offered(offers) -> None:
            if generation != self._reuse_generation:
                return
            for row, cell in enumerate(self._cells):
                cell.set_offer(offers.get(row))
            if offers:
                self.message("info", f"Công dân đã có {len(offers)} giấy tờ được số hóa ở hồ sơ trước: bấm "
                                     "“Dùng lại” thay vì quét lại (không yêu cầu nộp lại giấy tờ đã số hóa).")

        self.runner.submit(lambda: digitization.reuse_offers(id_number, names) if id_number else {}, offered,
                           self._on_error)

    # -- watched folder -------------------------------------------------------------------------------
    def start_folder_watch(self) -> None:
        folder = self.desk.settings.watch_folder
        if self._folder_thread is not None:
            if self._folder_thread.watcher.folder == Path(folder):
                return
            self._folder_thread.stop()
            self._folder_thread = None
        if not folder:
            return
        self._folder_thread = self.desk.services.digitization.folder_watch(self._folder_files.emit)
        self._folder_thread.start()

    def _on_folder_files(self, paths: list[Path]) -> None:
        self._folder_pending += [p for p in paths if p not in self._folder_pending]
        names = ", ".join(p.name for p in self._folder_pending[:4])
        more = f" và {len(self._folder_pending) - 4} tệp khác" if len(self._folder_pending) > 4 else ""
        self.ui.folderLabel.setText(f"Có {len(self._folder_pending)} tệp mới trong thư mục quét: {names}{more}.")
        self.ui.folderBar.setVisible(True)

    def _target_cell(self) -> DocumentPagesCell | None:
        if self._active_cell is not None and self._active_cell in self._cells:
            return self._active_cell
        return next((cell for cell in self._cells if not cell.has_file), self._cells[0] if self._cells else None)

    def add_folder_files(self) -> None:
        cell = self._target_cell()
        if cell is None:
            self.message("warning", "Chọn thủ tục trước, rồi thêm tệp vào giấy tờ tương ứng.")
            return
        paths, self._folder_pending = self._folder_pending, []
        self.ui.folderBar.setVisible(False)
        watcher = self._folder_thread.watcher if self._folder_thread else None

        def move_away() -> None:
            if watcher is None:
                return
            for path in paths:
                try:
                    watcher.mark_imported(path)
                except OSError as error:
                    log.warning("could not move %s out of the watched folder: %s", path, error)

        self.import_files_into(cell, paths, on_imported=move_away)

    def _ignore_folder_files(self) -> None:
        self._folder_pending = []
        self.ui.folderBar.setVisible(False)

    def shutdown(self) -> None:
        """The window is closing: stop a scan under way and the folder watch."""
        if self._scan_cancel is not None:
            self._scan_cancel.set()
        if self._folder_thread is not None:
            self._folder_thread.stop()
            self._folder_thread = None
        self.page_runner.shutdown()

    # -- the draft: the form kept on disk while the clerk works --------------------------------
    def _draft_edits(self) -> dict[str, QLineEdit]:
        ui = self.ui
        return {"id_number": ui.idNumberEdit, "old_id_number": ui.oldIdEdit, "full_name": ui.fullNameEdit,
                "birth_date": ui.birthDateEdit, "address": ui.addressEdit, "issue_date": ui.issueDateEdit,
                "phone": ui.phoneEdit, "email": ui.emailEdit, "submitter_name": ui.submitterNameEdit,
                "submitter_id": ui.submitterIdEdit}

    def _draft_changed(self, *_args) -> None:
        self.drafts.changed()

    def snapshot(self) -> dict | None:
        """What the clerk has entered so far, or None when the form is empty."""
        from desk.services.drafts import page_to_dict, reuse_to_dict

        ui = self.ui
        fields = {key: edit.text() for key, edit in self._draft_edits().items()}
        lines = [[page_to_dict(page) for page in cell.pages()] for cell in self._cells]
        if not any(fields.values()) and self._entry is None and not any(lines):
            return None
        table = ui.documentsTable
        return {
            "fields": fields, "gender": ui.genderCombo.currentText(),
            "submitted_by_other": ui.submittedByOtherCheck.isChecked(),
            "procedure": self._entry.template.code if self._entry else None,
            "procedure_name": self._entry.template.name if self._entry else "",
            "ticked": [table.item(row, 0).checkState() == Qt.CheckState.Checked for row in range(table.rowCount())],
            "extra": self._extra_values(),
            "counts": [ui.pagesSpin.value(), ui.copiesSpin.value(), ui.setsSpin.value()],
            "fee_collected": self.fee_collected(),
            "lines": lines,
            "reused": [reuse_to_dict(cell.reused) for cell in self._cells],
        }

    def _on_message_link(self, link: str) -> None:
        action, _, target = link.partition(":")
        if action == "open":
            self.show_dossier.emit(target)
        elif action == "preview":
            self.preview(Path(target))

    def preview(self, path: Path) -> None:
        """The printout on screen: pages, zoom, print, save as PDF."""
        from .print_preview import open_preview

        settings = self.desk.settings
        self.preview_dialog = open_preview(self, path, paper=settings.paper, printer_name=settings.printer_name)

    def restore_draft(self, draft: dict) -> None:
        """Put a saved draft back on the form: fields at once, the procedure and the pages when loaded."""
        ui = self.ui
        for key, edit in self._draft_edits().items():
            edit.setText(draft.get("fields", {}).get(key, ""))
        ui.genderCombo.setCurrentText(draft.get("gender", ""))
        ui.submittedByOtherCheck.setChecked(bool(draft.get("submitted_by_other")))
        for spin, value in zip((ui.pagesSpin, ui.copiesSpin, ui.setsSpin), draft.get("counts", (1, 1, 1))):
            spin.setValue(int(value))
        ui.addressEdit.setCursorPosition(0)
        code = draft.get("procedure")
        if not code:
            self.message("success", "Đã khôi phục thông tin đang nhập dở.")
            return
        desk = self.desk

        def load():
            from desk.services.drafts import DraftStore

            entry = desk.services.catalog.get(code)
            lines = [DraftStore.pages_from(line) for line in draft.get("lines", [])]
            return entry, lines

        def loaded(result) -> None:
            entry, lines = result
            self._show_procedure(entry)
            for row, ticked in enumerate(draft.get("ticked", [])):
                item = ui.documentsTable.item(row, 0)
                if item is not None and ticked:
                    item.setCheckState(Qt.CheckState.Checked)
            for key, value in draft.get("extra", {}).items():
                widget = self._extra_widgets.get(key)
                if isinstance(widget, QComboBox):
                    widget.setCurrentText(value)
                elif widget is not None:
                    widget.setText(value)
            missing = 0
            for cell, (pages, gone) in zip(self._cells, lines):
                cell.add_pages(pages)
                missing += gone
            self._restore_reuse(draft.get("reused", []))
            fee = draft.get("fee_collected")
            if fee is not None:
                self.fee_free_check.setChecked(fee == 0)
                self.fee_collected_spin.setValue(int(fee))
            pages = sum(len(p) for p, _ in lines)
            text = "Đã khôi phục hồ sơ đang nhập dở" + (f" ({pages} trang đã quét)." if pages else ".")
            if missing:
                self.message("warning", text + f" {missing} trang không còn trong máy, cần quét lại.")
            else:
                self.message("success", text)

        self.page_runner.submit(load, loaded, lambda error: self.message(
            "error", f"Không khôi phục được thủ tục đã chọn: {error}"))

    def _restore_reuse(self, reused: list) -> None:
        from desk.services.drafts import reuse_from_dict

        for cell, item in zip(self._cells, reused):
            offer = reuse_from_dict(item)
            if offer is not None:
                cell.use_reused(offer)

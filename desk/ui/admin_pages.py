"""The admin's pages (issue 7): procedure templates, the working calendar, users.

Each page is built on its first visit. Every change goes through a service that checks the
signed-in person's role again and writes the audit entry; the pages only show and ask.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, QSize, Qt, QTime, QTimer
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (QAbstractItemView, QCalendarWidget, QCheckBox, QComboBox, QDateTimeEdit, QDialog,
                               QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter,
                               QTableWidget, QTableWidgetItem, QTabWidget, QTimeEdit, QVBoxLayout, QWidget)

from desk.domain.calendar import WEEKDAY_NAMES, DayKind, OfficeHours, YearSchedule, day_kind, schedule_to_dict
from desk.domain.clock import to_vietnam_local, vietnam_now
from desk.domain.errors import DomainError
from desk.domain.users import ROLE_LABELS, Role

from . import dialogs, messages
from .screen_fit import WrappingLabel, bound_combo, fit_dialog, form_dialog_layout, grow_to_show

if TYPE_CHECKING:
    from .main_window import MainWindow


def _title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("titleLabel")
    return label


def _message_label(parent: QWidget) -> QLabel:
    """The page's (or dialog's) message strip: it wraps, and a long path in it never widens the window."""
    label = WrappingLabel(parent)
    label.setObjectName("messageLabel")
    label.setVisible(False)
    return label


def _list_table(columns: tuple[str, ...], name: str, parent: QWidget) -> QTableWidget:
    """A read-only table of records, one selected row at a time."""
    table = QTableWidget(0, len(columns), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    return table


def _read_only_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


class AdminPage(QWidget):
    def __init__(self, window: "MainWindow"):
        super().__init__()
        self.window_ = window
        self.desk = window.desk
        self.runner = window.runner

    @property
    def actor(self):
        return self.desk.actor

    def start(self) -> None:
        self.refresh()

    def refresh(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def fail(self, error: BaseException) -> None:
        messages.show(self.messageLabel, "error", str(error) if isinstance(error, DomainError)
                      else f"Không thực hiện được: {error}")


class ImportPreviewDialog(QDialog):
    """What an import (a file, or the province's catalog) would change, shown before anything changes."""

    def __init__(self, title: str, plan, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        summary = WrappingLabel(f"<b>{plan.summary()}</b>. Chưa có gì thay đổi cho đến khi bấm “Áp dụng”; "
                                "hồ sơ đã tiếp nhận giữ phiên bản thủ tục cũ.", self)
        layout.addWidget(summary)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("importDetails")
        self.details.setReadOnly(True)
        lines = []
        names = {item.template.code: item.template.name for item in plan.items}
        for code in plan.added:
            lines.append(f"+ Thêm {code} — {names.get(code, '')}")
        for code, diff in plan.changed:
            lines.append(f"~ Sửa {code} — {names.get(code, '')}")
            lines.extend(f"    {line}" for line in diff)
        for code in plan.retired:
            lines.append(f"− Ngừng áp dụng {code}")
        for code in plan.restored:
            lines.append(f"↺ Áp dụng lại {code}")
        self.details.setPlainText("\n".join(lines) or "Không có thay đổi nào.")
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        self.applyButton = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.applyButton.setText("Áp dụng")
        self.applyButton.setEnabled(not plan.is_empty)
        self.applyButton.clicked.connect(self.accept)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Không áp dụng")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_dialog(self, QSize(860, 600))


# -- procedure templates --------------------------------------------------------------------------
class TemplatesPage(AdminPage):
    COLUMNS = ("Mã", "Tên thủ tục", "Lĩnh vực", "Thời hạn", "Phiên bản", "Trạng thái")

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.setObjectName("templatesPage")
        self.entries: list = []
        self.editor = None
        self.preview_dialog: ImportPreviewDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(_title("Mẫu thủ tục hành chính", self))
        self.messageLabel = _message_label(self)
        self.messageLabel.linkActivated.connect(lambda _link: self.show_offer())
        layout.addWidget(self.messageLabel)
        search = QHBoxLayout()
        self.searchEdit = QLineEdit(self)
        self.searchEdit.setObjectName("templateSearchEdit")
        self.searchEdit.setPlaceholderText("Tìm theo mã, tên, lĩnh vực — gõ không dấu cũng được (ví dụ: khai sinh)")
        self.searchEdit.setClearButtonEnabled(True)
        self.retiredCheck = QCheckBox("Hiện cả thủ tục ngừng áp dụng", self)
        self.retiredCheck.setObjectName("retiredCheck")
        search.addWidget(self.searchEdit, 1)
        search.addWidget(self.retiredCheck)
        layout.addLayout(search)
        buttons = QHBoxLayout()
        self.newButton = self._button("Thêm thủ tục…", "newTemplateButton", self.new_template, buttons)
        self.editButton = self._button("Sửa…", "editTemplateButton", self.edit_selected, buttons)
        self.retireButton = self._button("Ngừng áp dụng", "retireButton", self.toggle_retired, buttons)
        self.deleteButton = self._button("Xóa", "deleteTemplateButton", self.delete_selected, buttons)
        buttons.addStretch(1)
        self.importButton = self._button("Nhập tệp JSON…", "importCatalogButton", self.import_file, buttons)
        self.exportButton = self._button("Xuất tệp JSON…", "exportCatalogButton", self.export_file, buttons)
        self.offerButton = self._button("Danh mục của tỉnh…", "provinceOfferButton", self.show_offer, buttons)
        layout.addLayout(buttons)
        splitter = QSplitter(self)
        self.table = _list_table(self.COLUMNS, "templatesTable", splitter)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Sector names run to forty characters: sized to contents they squeezed the procedure's name
        # to a few letters. The sector is cut instead, whole in its tooltip.
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 150)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._on_selection)
        history = QWidget(splitter)
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(WrappingLabel("<b>Các phiên bản</b> (hồ sơ giữ phiên bản lúc tiếp nhận)", history))
        self.versionsList = QListWidget(history)
        self.versionsList.setObjectName("versionsList")
        self.versionsList.currentRowChanged.connect(self._show_diff)
        history_layout.addWidget(self.versionsList, 1)
        history_layout.addWidget(WrappingLabel("<b>Thay đổi so với phiên bản trước</b>", history))
        self.diffView = QPlainTextEdit(history)
        self.diffView.setObjectName("diffView")
        self.diffView.setReadOnly(True)
        history_layout.addWidget(self.diffView, 2)
        splitter.addWidget(self.table)
        splitter.addWidget(history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([650, 350])  # in proportion: the list of procedures gets most of the width
        layout.addWidget(splitter, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.refresh)
        self.searchEdit.textChanged.connect(self._search_timer.start)
        self.retiredCheck.toggled.connect(self.refresh)
        self._versions: list = []
        self._selected_code = ""

    def _button(self, text: str, name: str, slot, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- the list ----------------------------------------------------------------------------------
    def start(self) -> None:
        self.refresh()
        self.check_offer()

    def refresh(self) -> None:
        query, retired = self.searchEdit.text(), self.retiredCheck.isChecked()
        self.runner.submit(lambda: self.desk.services.catalog.search(query, include_retired=retired, limit=1000),
                           self._fill, self.fail)

    def check_offer(self) -> None:
        """Say when the province's catalog (downloaded by sync) would change something here. Planning it
        parses and compares the whole catalog, so it runs when the page starts, not on every search."""
        def show(offer) -> None:
            if offer is not None and not offer.is_empty:
                self.offerButton.setText(f"Danh mục của tỉnh ({offer.summary().split(',')[0]}…)")
                messages.show(self.messageLabel, "info", f"Tỉnh có danh mục thủ tục mới: {offer.summary()}.",
                              actions=(("offer", "Xem và áp dụng"),))
            else:
                self.offerButton.setText("Danh mục của tỉnh…")

        self.runner.submit(lambda: self.desk.services.catalog.offer_plan(), show, self.fail)

    def _fill(self, entries) -> None:
        self.entries = entries
        keep = self._selected_code
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            t = entry.template
            values = (t.code, t.name, t.sector, t.processing.short(), str(entry.version),
                      "Đang áp dụng" if entry.active else "Ngừng áp dụng")
            tooltips = {1: f"{t.name}\nLệ phí: {t.fee.describe()}", 2: t.sector}  # the columns that cut text
            for column, value in enumerate(values):
                item = _read_only_item(value)
                item.setToolTip(tooltips.get(column, ""))
                if not entry.active:
                    item.setForeground(QBrush(QColor("#8a8f96")))
                self.table.setItem(row, column, item)
        codes = [e.template.code for e in entries]
        if keep in codes:
            self.table.selectRow(codes.index(keep))
        self._on_selection()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows and rows[0].row() < len(self.entries) else None

    def select_code(self, code: str) -> None:
        self._selected_code = code
        for row, entry in enumerate(self.entries):
            if entry.template.code == code:
                self.table.selectRow(row)

    def _on_selection(self) -> None:
        entry = self.selected()
        for button in (self.editButton, self.retireButton, self.deleteButton):
            button.setEnabled(entry is not None)
        self.retireButton.setText("Áp dụng lại" if entry is not None and not entry.active else "Ngừng áp dụng")
        if entry is None:
            self.versionsList.clear()
            self.diffView.clear()
            return
        self._selected_code = code = entry.template.code
        self.runner.submit(lambda: self.desk.services.catalog.versions(code), self._fill_versions, self.fail)

    def _fill_versions(self, versions) -> None:
        self._versions = versions
        self.versionsList.blockSignals(True)
        self.versionsList.clear()
        for view in versions:
            when = f"{to_vietnam_local(view.created_utc):%H:%M %d/%m/%Y}" if view.created_utc else ""
            QListWidgetItem(f"Phiên bản {view.version} — lưu lúc {when}" + (" (hiện hành)" if view.is_current else ""),
                            self.versionsList)
        self.versionsList.blockSignals(False)
        self.versionsList.setCurrentRow(0 if versions and versions[0].is_current else len(versions) - 1)

    def _show_diff(self, row: int) -> None:
        if not 0 <= row < len(self._versions):
            self.diffView.clear()
            return
        view = self._versions[row]
        older = [v for v in self._versions if v.version < view.version]
        if not older:
            self.diffView.setPlainText(f"Phiên bản đầu tiên của {view.template.code}.")
            return
        previous = max(older, key=lambda v: v.version)
        from desk.domain.procedure import diff_templates

        lines = diff_templates(previous.template, view.template)
        self.diffView.setPlainText(f"Phiên bản {previous.version} → {view.version}:\n"
                                   + ("\n".join(lines) or "(không khác gì)"))

    # -- create, edit, retire, delete ------------------------------------------------------------
    def new_template(self) -> None:
        self._open_editor(None)

    def edit_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._open_editor(entry.template)

    def _open_editor(self, template) -> None:
        from .template_editor import TemplateEditorDialog

        sectors = [e.template.sector for e in self.entries if e.template.sector]

        def show(calendar) -> None:
            self.editor = TemplateEditorDialog(self.desk, self.runner, template, calendar, sectors, self)
            self.editor.saved.connect(self._on_saved)
            self.editor.finished.connect(lambda _r: setattr(self, "editor", None))
            self.editor.open()

        self.runner.submit(lambda: self.desk.services.calendar.calendar(), show, self.fail)

    def _on_saved(self, entry) -> None:
        self._selected_code = entry.template.code
        messages.show(self.messageLabel, "success",
                      f"Đã lưu {entry.template.code} — {entry.template.name}, phiên bản {entry.version}. "
                      "Hồ sơ tiếp nhận từ bây giờ dùng phiên bản này.")
        self.window_.signals.data_changed.emit("catalog", entry.template.code)
        self.refresh()

    def toggle_retired(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        code, actor = entry.template.code, self.actor
        catalog = lambda: self.desk.services.catalog  # noqa: E731

        def work():
            (catalog().restore if not entry.active else catalog().retire)(code, actor=actor)

        def done(_result) -> None:
            messages.show(self.messageLabel, "success",
                          f"{code}: " + ("áp dụng lại." if not entry.active else
                                         "ngừng áp dụng; quầy không còn chọn được, hồ sơ cũ giữ nguyên."))
            self.window_.signals.data_changed.emit("catalog", code)
            self.refresh()

        self.runner.submit(work, done, self.fail)

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        code, actor = entry.template.code, self.actor
        if not dialogs.confirm(self, "Xóa thủ tục", f"Xóa hẳn thủ tục {code} và mọi phiên bản của nó? "
                               "Chỉ xóa được thủ tục chưa có hồ sơ nào."):
            return

        def done(_result) -> None:
            self._selected_code = ""
            messages.show(self.messageLabel, "success", f"Đã xóa thủ tục {code}.")
            self.window_.signals.data_changed.emit("catalog", code)
            self.refresh()

        self.runner.submit(lambda: self.desk.services.catalog.delete(code, actor=actor), done, self.fail)

    # -- files and the province ------------------------------------------------------------------
    def import_file(self) -> None:
        path = dialogs.ask_open_json(self, "Nhập danh mục thủ tục")
        if path is None:
            return

        def plan():
            return self.desk.services.catalog.plan_import(path.read_text(encoding="utf-8-sig"))

        self.runner.submit(plan, lambda p: self._ask_apply(p, f"Nhập {path.name}", offer=False), self.fail)

    def show_offer(self) -> None:
        def shown(plan) -> None:
            if plan is None:
                messages.show(self.messageLabel, "info", "Chưa có danh mục mới từ tỉnh. Danh mục được tải về "
                                                         "khi máy quầy đồng bộ.")
                return
            self._ask_apply(plan, "Danh mục thủ tục của tỉnh", offer=True)

        self.runner.submit(lambda: self.desk.services.catalog.offer_plan(), shown, self.fail)

    def _ask_apply(self, plan, title: str, *, offer: bool) -> None:
        self.preview_dialog = ImportPreviewDialog(title, plan, self)
        actor = self.actor

        def accepted() -> None:
            catalog = lambda: self.desk.services.catalog  # noqa: E731
            work = (lambda: catalog().apply_offer(actor=actor)) if offer else (
                lambda: catalog().apply(plan, actor=actor))

            def done(_result) -> None:
                messages.show(self.messageLabel, "success", f"Đã áp dụng: {plan.summary()}.")
                self.window_.signals.data_changed.emit("catalog", "")
                self.refresh()
                if offer:
                    self.offerButton.setText("Danh mục của tỉnh…")

            self.runner.submit(work, done, self.fail)

        self.preview_dialog.accepted.connect(accepted)
        self.preview_dialog.open()

    def export_file(self) -> None:
        path = dialogs.ask_save_json(self, "Xuất danh mục thủ tục", f"danh-muc-thu-tuc-{date.today():%Y%m%d}.json")
        if path is None:
            return

        def work():
            from desk.fileio import atomic_write_text

            text = self.desk.services.catalog.export_text(source="Xuất từ Một Cửa Desk")
            atomic_write_text(path, text)
            return path

        self.runner.submit(work, lambda p: messages.show(self.messageLabel, "success", f"Đã xuất danh mục ra {p}."),
                           self.fail)


# -- the calendar ---------------------------------------------------------------------------------
KIND_COLOURS = {DayKind.WORKING: ("#ffffff", "#1b2b3a"), DayKind.WEEKEND: ("#eceff3", "#6b7785"),
                DayKind.HOLIDAY: ("#fbd5d5", "#8a1111"), DayKind.MAKE_UP: ("#d3f0da", "#135c25")}
KIND_LABELS = {DayKind.WORKING: "Ngày làm việc", DayKind.WEEKEND: "Nghỉ cuối tuần",
               DayKind.HOLIDAY: "Nghỉ lễ, Tết, nghỉ bù", DayKind.MAKE_UP: "Làm bù"}


def _parse_session(text: str, weekday: int, which: str) -> tuple[time, time] | None:
    text = text.strip().replace("–", "-").replace(" ", "")
    if not text:
        return None
    try:
        start, end = (time.fromisoformat(part.zfill(5)) for part in text.split("-"))
    except ValueError:
        raise DomainError(f"{WEEKDAY_NAMES[weekday]}, buổi {which}: “{text}” phải có dạng 07:30-11:30.",
                          field="office_hours") from None
    return start, end


class CalendarPage(AdminPage):
    """The working calendar: the month on the left with the day's controls; on the right, in tabs, the
    year's days off, the office hours and a trial appointment. Laid out side by side so that the page
    fits a counter screen (1366×728) with every button in view."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.setObjectName("calendarPage")
        self.calendar = None
        self.schedule: YearSchedule | None = None
        self.procedures: list = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(_title("Lịch làm việc", self))
        self.yearLabel = WrappingLabel(self)
        self.yearLabel.setObjectName("yearLabel")
        self.importButton = QPushButton("Nhập lịch năm (JSON)…", self)
        self.importButton.setObjectName("importScheduleButton")
        self.importButton.clicked.connect(self.import_file)
        self.exportButton = QPushButton("Xuất lịch năm…", self)
        self.exportButton.setObjectName("exportScheduleButton")
        self.exportButton.clicked.connect(self.export_file)
        top.addSpacing(12)
        top.addWidget(self.yearLabel, 1)
        top.addWidget(self.importButton)
        top.addWidget(self.exportButton)
        layout.addLayout(top)
        self.messageLabel = _message_label(self)
        layout.addWidget(self.messageLabel)
        splitter = QSplitter(self)
        splitter.setObjectName("calendarSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._month_panel())
        self.tabs = QTabWidget(splitter)
        self.tabs.setObjectName("calendarTabs")
        self.tabs.addTab(self._holidays_tab(), "Ngày nghỉ trong năm")
        self.tabs.addTab(self._hours_tab(), "Giờ làm việc")
        self.tabs.addTab(self._calculator_tab(), "Thử tính ngày hẹn trả")
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

    def _month_panel(self) -> QGroupBox:
        box = QGroupBox("Tháng", self)
        layout = QVBoxLayout(box)
        self.monthView = QCalendarWidget(box)
        self.monthView.setObjectName("monthView")
        self.monthView.setGridVisible(True)
        self.monthView.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.monthView.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.monthView.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.monthView.setMinimumSize(400, 240)
        self.monthView.currentPageChanged.connect(lambda _y, _m: self._paint())
        self.monthView.selectionChanged.connect(self._on_day_selected)
        layout.addWidget(self.monthView, 1)
        legend = QHBoxLayout()
        for kind, label in KIND_LABELS.items():
            background, foreground = KIND_COLOURS[kind]
            swatch = QLabel(f" {label} ", box)
            swatch.setStyleSheet(f"background:{background}; color:{foreground}; border:1px solid #c9d3dd;"
                                 "padding:2px 6px;")
            legend.addWidget(swatch)
        legend.addStretch(1)
        layout.addLayout(legend)
        self.dayLabel = WrappingLabel(box)  # the day's name comes from a schedule file: any length
        self.dayLabel.setObjectName("dayLabel")
        layout.addWidget(self.dayLabel)
        self.dayNameEdit = QLineEdit(box)
        self.dayNameEdit.setObjectName("dayNameEdit")
        self.dayNameEdit.setPlaceholderText("Tên ngày, ví dụ: Nghỉ hoán đổi (Công văn …/BNV)")
        layout.addWidget(self.dayNameEdit)
        day_buttons = QHBoxLayout()
        self.addDayOffButton = QPushButton("Đặt là ngày nghỉ", box)
        self.addDayOffButton.setObjectName("addDayOffButton")
        self.addDayOffButton.clicked.connect(lambda: self.mark_day("off"))
        self.addWorkingDayButton = QPushButton("Đặt là ngày làm bù", box)
        self.addWorkingDayButton.setObjectName("addWorkingDayButton")
        self.addWorkingDayButton.clicked.connect(lambda: self.mark_day("working"))
        self.clearDayButton = QPushButton("Bỏ khỏi lịch năm", box)
        self.clearDayButton.setObjectName("clearDayButton")
        self.clearDayButton.clicked.connect(lambda: self.mark_day("clear"))
        for button in (self.addDayOffButton, self.addWorkingDayButton, self.clearDayButton):
            day_buttons.addWidget(button)
        day_buttons.addStretch(1)
        layout.addLayout(day_buttons)
        return box

    def _holidays_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.holidaysTable = QTableWidget(0, 3, tab)
        self.holidaysTable.setObjectName("holidaysTable")
        self.holidaysTable.setHorizontalHeaderLabels(["Ngày", "Tên", "Nguồn"])
        self.holidaysTable.verticalHeader().setVisible(False)
        self.holidaysTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.holidaysTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.holidaysTable.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.holidaysTable.setWordWrap(True)
        self.holidaysTable.cellDoubleClicked.connect(self._jump_to_holiday)
        layout.addWidget(self.holidaysTable, 1)
        self.sourceLabel = WrappingLabel(tab)
        self.sourceLabel.setObjectName("sourceLabel")
        layout.addWidget(self.sourceLabel)
        return tab

    def _hours_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.hoursTable = QTableWidget(7, 2, tab)
        self.hoursTable.setObjectName("hoursTable")
        self.hoursTable.setHorizontalHeaderLabels(["Buổi sáng", "Buổi chiều"])
        self.hoursTable.setVerticalHeaderLabels(list(WEEKDAY_NAMES))
        self.hoursTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.hoursTable.verticalHeader().setDefaultSectionSize(26)
        self.hoursTable.setMinimumHeight(7 * 26 + 30)  # the whole week without scrolling
        layout.addWidget(self.hoursTable)
        cutoff_row = QHBoxLayout()
        cutoff_row.addWidget(QLabel("Hồ sơ “trong ngày” nhận sau", tab))
        self.cutoffEdit = QTimeEdit(tab)
        self.cutoffEdit.setObjectName("cutoffEdit")
        self.cutoffEdit.setDisplayFormat("HH:mm")
        cutoff_row.addWidget(self.cutoffEdit)
        cutoff_row.addWidget(WrappingLabel("hẹn ngày làm việc tiếp theo", tab), 1)
        layout.addLayout(cutoff_row)
        self.saveHoursButton = QPushButton("Lưu giờ làm việc", tab)
        self.saveHoursButton.setObjectName("saveHoursButton")
        self.saveHoursButton.clicked.connect(self.save_hours)
        layout.addWidget(self.saveHoursButton, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        return tab

    def _calculator_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(WrappingLabel("Tính thử ngày hẹn trả theo lịch làm việc đã lưu: ngày nghỉ, ngày làm bù "
                                       "và giờ làm việc của từng năm.", tab))
        calc = QFormLayout()
        self.procedureCombo = bound_combo(QComboBox(tab), 24)  # 200-character names exist
        self.procedureCombo.setObjectName("calcProcedureCombo")
        self.receivedEdit = QDateTimeEdit(tab)
        self.receivedEdit.setObjectName("calcReceivedEdit")
        self.receivedEdit.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.receivedEdit.setCalendarPopup(True)
        now = vietnam_now()  # Vietnam time, whatever the machine's clock zone
        self.receivedEdit.setDateTime(QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute)))
        self.appointmentLabel = WrappingLabel("—", tab)
        self.appointmentLabel.setObjectName("appointmentValueLabel")
        calc.addRow("Thủ tục", self.procedureCombo)
        calc.addRow("Nhận hồ sơ lúc", self.receivedEdit)
        calc.addRow("Hẹn trả", self.appointmentLabel)
        layout.addLayout(calc)
        layout.addStretch(1)
        self.procedureCombo.currentIndexChanged.connect(self.calculate)
        self.receivedEdit.dateTimeChanged.connect(self.calculate)
        return tab

    @property
    def year(self) -> int:
        return self.monthView.yearShown()

    def refresh(self) -> None:
        need_procedures = not self.procedures

        def load():
            services = self.desk.services
            return services.calendar.calendar(), services.catalog.search("", limit=1000) if need_procedures else []

        def show(result) -> None:
            self.calendar, procedures = result
            if procedures:
                self.procedures = procedures
                self.procedureCombo.blockSignals(True)
                for entry in procedures:
                    self.procedureCombo.addItem(f"{entry.template.code} — {entry.template.name} "
                                                f"({entry.template.processing.short()})", entry.template)
                self.procedureCombo.blockSignals(False)
            self._paint()
            self.calculate()

        self.runner.submit(load, show, self.fail)

    def _paint(self) -> None:
        """Colour the month shown and fill the year's tables (the calendar object is pure domain)."""
        calendar = self.calendar
        if calendar is None:
            return
        year, month = self.monthView.yearShown(), self.monthView.monthShown()
        self.schedule = calendar.schedules.get(year) or YearSchedule(year)
        self.yearLabel.setText(f"<b>Năm {year}</b> · " + (f"lịch năm: {self.schedule.source}" if self.schedule.source
                                                           else "chưa nhập lịch năm chính thức"))
        start = QDate(year, month, 1).addDays(-7)
        for offset in range(50):  # the weeks of the previous and next months visible in the grid
            qday = start.addDays(offset)
            day = date(qday.year(), qday.month(), qday.day())
            background, foreground = KIND_COLOURS[day_kind(calendar, day)]
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(QColor(background)))
            fmt.setForeground(QBrush(QColor(foreground)))
            if day.month != month:
                fmt.setForeground(QBrush(QColor("#b0b7bf")))
            fmt.setToolTip(calendar.day_note(day))
            self.monthView.setDateTextFormat(qday, fmt)
        days_off = sorted(calendar.days_off(year).items())
        announced = self.schedule.days_off
        rows = [(d, n, "Lịch năm" if d in announced else "Bộ luật Lao động") for d, n in days_off]
        rows += [(d, n, "Làm bù") for d, n in sorted(self.schedule.working_days.items())]
        rows.sort()
        self.holidaysTable.setRowCount(len(rows))
        for row, (day, name, source) in enumerate(rows):
            self.holidaysTable.setItem(row, 0, _read_only_item(f"{WEEKDAY_NAMES[day.weekday()]} {day:%d/%m/%Y}"))
            self.holidaysTable.setItem(row, 1, _read_only_item(name))
            self.holidaysTable.setItem(row, 2, _read_only_item(source))
            self.holidaysTable.item(row, 0).setData(Qt.ItemDataRole.UserRole, day.isoformat())
        self.sourceLabel.setText("Ngày nghỉ lễ, Tết (kể cả theo âm lịch) và nghỉ bù tính theo Bộ luật Lao động "
                                 "2019, Điều 112; lịch năm do Bộ Nội vụ thông báo bổ sung.")
        hours = calendar.hours(year)
        for weekday in range(7):
            sessions = hours.weekday_sessions[weekday]
            for column in range(2):
                text = (f"{sessions[column][0]:%H:%M}-{sessions[column][1]:%H:%M}" if column < len(sessions) else "")
                self.hoursTable.setItem(weekday, column, QTableWidgetItem(text))
        self.cutoffEdit.setTime(QTime(hours.same_day_cutoff.hour, hours.same_day_cutoff.minute))
        self._on_day_selected()

    def _jump_to_holiday(self, row: int, _column: int) -> None:
        day = date.fromisoformat(self.holidaysTable.item(row, 0).data(Qt.ItemDataRole.UserRole))
        self.monthView.setSelectedDate(QDate(day.year, day.month, day.day))

    def selected_day(self) -> date:
        q = self.monthView.selectedDate()
        return date(q.year(), q.month(), q.day())

    def _on_day_selected(self) -> None:
        if self.calendar is None:
            return
        day = self.selected_day()
        kind = day_kind(self.calendar, day)
        note = self.calendar.day_note(day)
        self.dayLabel.setText(f"{WEEKDAY_NAMES[day.weekday()]} {day:%d/%m/%Y}: {KIND_LABELS[kind]}"
                              + (f" — {note}" if note else ""))

    # -- changes -------------------------------------------------------------------------------
    def _save(self, schedule: YearSchedule, what: str) -> None:
        actor = self.actor

        def done(_result) -> None:
            messages.show(self.messageLabel, "success", what + " Ngày hẹn của hồ sơ nhận từ bây giờ tính theo lịch mới.")
            self.refresh()

        self.runner.submit(lambda: self.desk.services.calendar.save_schedule(schedule, actor=actor), done, self.fail)

    def mark_day(self, how: str) -> None:
        if self.schedule is None:
            return
        day = self.selected_day()
        if day.year != self.schedule.year:
            self.schedule = self.calendar.schedules.get(day.year) or YearSchedule(day.year)
        name = self.dayNameEdit.text().strip()
        days_off, working = dict(self.schedule.days_off), dict(self.schedule.working_days)
        days_off.pop(day, None)
        working.pop(day, None)
        if how == "off":
            days_off[day] = name or "Nghỉ theo thông báo"
        elif how == "working":
            working[day] = name or "Làm bù theo thông báo"
        try:
            schedule = replace(self.schedule, days_off=days_off, working_days=working)
        except DomainError as error:
            self.fail(error)
            return
        self.dayNameEdit.clear()
        self._save(schedule, f"Đã cập nhật ngày {day:%d/%m/%Y}.")

    def office_hours(self) -> OfficeHours:
        sessions = []
        for weekday in range(7):
            day = []
            for column, which in ((0, "sáng"), (1, "chiều")):
                item = self.hoursTable.item(weekday, column)
                parsed = _parse_session(item.text() if item else "", weekday, which)
                if parsed:
                    day.append(parsed)
            sessions.append(tuple(day))
        cutoff = self.cutoffEdit.time()
        return OfficeHours(tuple(sessions), time(cutoff.hour(), cutoff.minute())).validated()

    def save_hours(self) -> None:
        if self.schedule is None:
            return
        try:
            schedule = replace(self.schedule, office_hours=self.office_hours())
        except DomainError as error:
            self.fail(error)
            return
        self._save(schedule, f"Đã lưu giờ làm việc năm {schedule.year}.")

    def import_file(self) -> None:
        path = dialogs.ask_open_json(self, "Nhập lịch năm")
        if path is None:
            return
        actor = self.actor

        def work():
            return self.desk.services.calendar.import_schedule(path.read_text(encoding="utf-8-sig"), actor=actor)

        def done(schedule) -> None:
            messages.show(self.messageLabel, "success",
                          f"Đã nhập lịch năm {schedule.year}: {len(schedule.days_off)} ngày nghỉ thêm, "
                          f"{len(schedule.working_days)} ngày làm bù.")
            self.monthView.setCurrentPage(schedule.year, self.monthView.monthShown())
            self.refresh()

        self.runner.submit(work, done, self.fail)

    def export_file(self) -> None:
        if self.schedule is None:
            return
        path = dialogs.ask_save_json(self, "Xuất lịch năm", f"lich-{self.schedule.year}.json")
        if path is None:
            return
        import json

        text = json.dumps(schedule_to_dict(self.schedule), ensure_ascii=False, indent=2) + "\n"

        def work():
            from desk.fileio import atomic_write_text

            atomic_write_text(path, text)

        self.runner.submit(work, lambda _r: messages.show(self.messageLabel, "success", f"Đã xuất {path}."),
                           self.fail)

    def calculate(self) -> None:
        template = self.procedureCombo.currentData()
        if self.calendar is None or template is None:
            return
        from .intake_page import describe_moment

        q = self.receivedEdit.dateTime()
        received = datetime(q.date().year(), q.date().month(), q.date().day(), q.time().hour(), q.time().minute())
        appointment = self.calendar.appointment(received, template.processing)
        self.appointmentLabel.setText(f"{describe_moment(appointment)}\n({template.processing.describe()})")


# -- users ------------------------------------------------------------------------------------------
def _save_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    buttons.rejected.connect(dialog.reject)
    return buttons


class UserDialog(QDialog):
    """Add a user, or change one's name, role and whether the account is in use."""

    def __init__(self, parent: QWidget, user=None):
        super().__init__(parent)
        self.setObjectName("userDialog")
        self.setWindowTitle("Sửa người dùng" if user else "Thêm người dùng")
        fields = QWidget()
        form = QFormLayout(fields)
        self.usernameEdit = QLineEdit(self)
        self.usernameEdit.setObjectName("usernameEdit")
        self.fullNameEdit = QLineEdit(self)
        self.fullNameEdit.setObjectName("fullNameEdit")
        self.roleCombo = QComboBox(self)
        self.roleCombo.setObjectName("roleCombo")
        for role in (Role.CLERK, Role.ADMIN, Role.SUPERVISOR):
            self.roleCombo.addItem(ROLE_LABELS[role], role.value)
        self.passwordEdit = QLineEdit(self)
        self.passwordEdit.setObjectName("passwordEdit")
        # Shown as typed: a temporary password is read out to its user and changed at the first sign-in, and
        # a typo nobody can see would lock the new clerk out.
        self.passwordEdit.setPlaceholderText("mật khẩu tạm; người dùng đổi ở lần đăng nhập đầu")
        self.activeCheck = QCheckBox("Đang sử dụng", self)
        self.activeCheck.setObjectName("activeCheck")
        self.activeCheck.setChecked(True)
        form.addRow("Tên đăng nhập", self.usernameEdit)
        form.addRow("Họ và tên (in trên biên nhận)", self.fullNameEdit)
        form.addRow("Vai trò", self.roleCombo)
        if user is None:
            form.addRow("Mật khẩu tạm", self.passwordEdit)
            self.activeCheck.hide()  # a new account is in use; unlaid, it would sit over the fields
        else:
            self.passwordEdit.hide()  # another's password is reset from its own dialog
            self.usernameEdit.setText(user.username)
            self.usernameEdit.setReadOnly(True)
            self.fullNameEdit.setText(user.full_name)
            self.roleCombo.setCurrentIndex(self.roleCombo.findData(Role(user.role).value))
            self.activeCheck.setChecked(user.active)
            form.addRow("", self.activeCheck)
        self.errorLabel = _message_label(self)
        self.buttonBox = _save_cancel_buttons(self)
        form_dialog_layout(self, fields, self.errorLabel, self.buttonBox)
        fit_dialog(self)


class PasswordDialog(QDialog):
    """A new temporary password for someone else's account."""

    def __init__(self, parent: QWidget, full_name: str):
        super().__init__(parent)
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle(f"Đặt lại mật khẩu cho {full_name}")
        fields = QWidget()
        form = QFormLayout(fields)
        self.passwordEdit = QLineEdit(self)
        self.passwordEdit.setObjectName("passwordEdit")  # shown as typed, like a new user's (UserDialog)
        form.addRow("Mật khẩu tạm mới", self.passwordEdit)
        self.errorLabel = _message_label(self)
        self.buttonBox = _save_cancel_buttons(self)
        form_dialog_layout(self, fields, self.errorLabel, self.buttonBox)
        fit_dialog(self, self.sizeHint().expandedTo(QSize(420, 0)))  # room for the title, which names the person


class UsersPage(AdminPage):
    COLUMNS = ("Tên đăng nhập", "Họ và tên", "Vai trò", "Trạng thái", "Đăng nhập gần nhất")

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.setObjectName("usersPage")
        self.users: list = []
        self.dialog: UserDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(_title("Người dùng và phân quyền", self))
        intro = QLabel("Cán bộ tiếp nhận chỉ làm việc ở quầy; quản trị viên cấu hình thủ tục, lịch, cơ quan và người "
                       "dùng; giám sát làm được cả hai. Mật khẩu được lưu mã hóa, không ai đọc được; nhập sai 5 lần tài khoản "
                       "tạm khóa 15 phút. Mọi thay đổi được ghi nhật ký.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.messageLabel = _message_label(self)
        layout.addWidget(self.messageLabel)
        buttons = QHBoxLayout()
        for text, name, slot in (("Thêm người dùng…", "addUserButton", self.add_user),
                                 ("Sửa…", "editUserButton", self.edit_user),
                                 ("Đặt lại mật khẩu…", "resetPasswordButton", self.reset_password),
                                 ("Mở khóa", "unlockButton", self.unlock)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            setattr(self, name, button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table = _list_table(self.COLUMNS, "usersTable", self)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_user())
        self.table.itemSelectionChanged.connect(self._enable_row_buttons)
        layout.addWidget(self.table, 1)
        self._enable_row_buttons()

    def _enable_row_buttons(self) -> None:
        """What acts on a user needs a user: greyed out until a row is chosen, with a tooltip saying so."""
        chosen = self.table.selectionModel() is not None and bool(self.table.selectionModel().selectedRows())
        for button in (self.editUserButton, self.resetPasswordButton, self.unlockButton):
            button.setEnabled(chosen)
            button.setToolTip("" if chosen else "Chọn một người dùng trong danh sách trước.")

    def refresh(self) -> None:
        actor = self.actor
        self.runner.submit(lambda: self.desk.services.users.list_users(actor), self._fill, self.fail)

    def _fill(self, users) -> None:
        self.users = users
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            state = "Tạm khóa" if user.locked else ("Đang sử dụng" if user.active else "Ngừng sử dụng")
            last = f"{to_vietnam_local(user.last_sign_in_utc):%H:%M %d/%m/%Y}" if user.last_sign_in_utc else "chưa"
            for column, value in enumerate((user.username, user.full_name, user.role_label, state, last)):
                self.table.setItem(row, column, _read_only_item(value))

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def _done(self, text: str):
        def done(_result) -> None:
            if self.dialog is not None:
                self.dialog.accept()
            messages.show(self.messageLabel, "success", text)
            self.refresh()
        return done

    def _dialog_failed(self, error: BaseException) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.buttonBox.setEnabled(True)
            messages.show(self.dialog.errorLabel, "error", str(error))
            grow_to_show(self.dialog)
        else:
            self.fail(error)

    def _open(self, dialog: QDialog, save) -> None:
        """Show ``dialog``; on Save, ``save(dialog)`` reads its fields here and gives back the service call
        for the worker and the message for success. An error stays in the dialog, which stays open."""
        self.dialog = dialog

        def saved() -> None:
            work, text = save(dialog)
            dialog.buttonBox.setEnabled(False)
            self.runner.submit(work, self._done(text), self._dialog_failed)

        dialog.buttonBox.accepted.connect(saved)
        dialog.open()

    def add_user(self) -> None:
        users, actor = self.desk.services.users, self.actor

        def save(dialog: UserDialog):
            username, name = dialog.usernameEdit.text(), dialog.fullNameEdit.text()
            role, password = Role(dialog.roleCombo.currentData()), dialog.passwordEdit.text()
            return (lambda: users.create_user(actor, username, name, role, password),
                    f"Đã thêm {name.strip()}; người này đổi mật khẩu ở lần đăng nhập đầu.")

        self._open(UserDialog(self), save)

    def edit_user(self) -> None:
        user = self.selected()
        if user is None:
            return
        users, actor = self.desk.services.users, self.actor

        def save(dialog: UserDialog):
            name, role = dialog.fullNameEdit.text(), Role(dialog.roleCombo.currentData())
            active = dialog.activeCheck.isChecked()
            return (lambda: users.update_user(actor, user.username, full_name=name, role=role, active=active),
                    f"Đã lưu {user.username}.")

        self._open(UserDialog(self, user), save)

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        users, actor = self.desk.services.users, self.actor

        def save(dialog: PasswordDialog):
            password = dialog.passwordEdit.text()
            return (lambda: users.reset_password(actor, user.username, password),
                    f"Đã đặt lại mật khẩu cho {user.username}; người này đổi mật khẩu ở lần đăng nhập tới.")

        self._open(PasswordDialog(self, user.full_name), save)

    def unlock(self) -> None:
        user = self.selected()
        if user is None:
            return
        actor = self.actor
        self.dialog = None
        self.runner.submit(lambda: self.desk.services.users.unlock(actor, user.username),
                           self._done(f"Đã mở khóa {user.username}."), self.fail)

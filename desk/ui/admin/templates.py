"""Mẫu thủ tục: the procedures the counter offers, their versions and what changed between them; new,
edited, retired and deleted procedures; catalog files in and out, and the province's catalog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk.domain.clock import to_vietnam_local
from forms.ui_templates_page import Ui_TemplatesPage

from .. import dialogs, messages
from ..background import BackgroundRunner
from ..desk_ref import DeskRef
from ..operations import Changes
from ..screen_fit import WrappingLabel, fit_dialog
from ..signals import DeskSignals
from .base import AdminPage, measure_afresh, read_only_item

RETIRED_GREY = "#8a8f96"


def describe_plan(plan) -> str:
    """An import plan line by line: added, changed (with what changed), retired, restored."""
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
    return "\n".join(lines) or "Không có thay đổi nào."


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
        self.details.setPlainText(describe_plan(plan))
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


class TemplatesPage(AdminPage, Ui_TemplatesPage):
    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals,
                 parent: QWidget | None = None):
        super().__init__(desk, runner, signals, parent)
        self.setObjectName("templatesPage")
        self.setupUi(self)
        self.entries: list = []
        self.editor = None  # template_editor.TemplateEditorDialog, while open
        self.preview_dialog: ImportPreviewDialog | None = None
        self._versions: list = []
        self._selected_code = ""
        self.searchEdit, self.table = self.templateSearchEdit, self.templatesTable
        self.newButton, self.editButton = self.newTemplateButton, self.editTemplateButton
        self.deleteButton, self.offerButton = self.deleteTemplateButton, self.provinceOfferButton
        self.importButton, self.exportButton = self.importCatalogButton, self.exportCatalogButton
        self._finish_layout()
        self._connect()
        measure_afresh(self)

    def _finish_layout(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Sector names run to forty characters: sized to contents they squeezed the procedure's name
        # to a few letters. The sector is cut instead, whole in its tooltip.
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 150)
        self.templatesSplitter.setStretchFactor(0, 3)
        self.templatesSplitter.setStretchFactor(1, 2)
        self.templatesSplitter.setSizes([650, 350])  # in proportion: the list of procedures gets most of the width

    def _connect(self) -> None:
        self.messageLabel.linkActivated.connect(lambda _link: self.show_offer())
        for button, slot in ((self.newButton, self.new_template), (self.editButton, self.edit_selected),
                             (self.retireButton, self.toggle_retired), (self.deleteButton, self.delete_selected),
                             (self.importButton, self.import_file), (self.exportButton, self.export_file),
                             (self.offerButton, self.show_offer)):
            button.clicked.connect(slot)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.versionsList.currentRowChanged.connect(self._show_diff)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.refresh)
        self.searchEdit.textChanged.connect(self._search_timer.start)
        self.retiredCheck.toggled.connect(self.refresh)

    # -- the list ----------------------------------------------------------------------------------
    def start(self) -> None:
        self.refresh()
        self.check_offer()

    def refresh(self) -> None:
        query, retired = self.searchEdit.text(), self.retiredCheck.isChecked()
        self.ops.read(lambda: self.desk.services.catalog.search(query, include_retired=retired, limit=1000)) \
            .success(self._fill).run()

    def on_changes(self, changes: Changes) -> None:
        if changes.catalog:
            self.refresh()

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

        self.ops.read(self.desk.services.catalog.offer_plan).success(show).run()

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
                item = read_only_item(value)
                item.setToolTip(tooltips.get(column, ""))
                if not entry.active:
                    item.setForeground(QBrush(QColor(RETIRED_GREY)))
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
        self.ops.read(lambda: self.desk.services.catalog.versions(code)).success(self._fill_versions).run()

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
            self.editor = TemplateEditorDialog(self.desk, self.ops, template, calendar, sectors, self)
            self.editor.saved.connect(self._on_saved)
            self.editor.finished.connect(lambda _r: setattr(self, "editor", None))
            self.editor.open()

        self.ops.read(self.desk.services.calendar.calendar).success(show).run()

    def _changed(self, text: str, code: str = "") -> None:
        """Say what changed (the write told the other pages, and this one lists again: ``on_changes``)."""
        messages.show(self.messageLabel, "success", text)

    def _on_saved(self, entry) -> None:
        self._selected_code = entry.template.code
        self._changed(f"Đã lưu {entry.template.code} — {entry.template.name}, phiên bản {entry.version}. "
                      "Hồ sơ tiếp nhận từ bây giờ dùng phiên bản này.", entry.template.code)

    def toggle_retired(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        code, actor = entry.template.code, self.actor
        catalog = lambda: self.desk.services.catalog  # noqa: E731

        def work():
            (catalog().restore if not entry.active else catalog().retire)(code, actor=actor)

        def done(_result) -> None:
            self._changed(f"{code}: " + ("áp dụng lại." if not entry.active else
                                         "ngừng áp dụng; quầy không còn chọn được, hồ sơ cũ giữ nguyên."), code)

        self.ops.write(work, Changes(catalog=True)).success(done).run()

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
            self._changed(f"Đã xóa thủ tục {code}.", code)

        self.ops.write(lambda: self.desk.services.catalog.delete(code, actor=actor), Changes(catalog=True)) \
            .success(done).run()

    # -- files and the province ------------------------------------------------------------------
    def import_file(self) -> None:
        path = dialogs.ask_open_json(self, "Nhập danh mục thủ tục")
        if path is None:
            return

        def plan():
            return self.desk.services.catalog.plan_import(path.read_text(encoding="utf-8-sig"))

        self.ops.read(plan).success(lambda p: self._ask_apply(p, f"Nhập {path.name}", offer=False)).run()

    def show_offer(self) -> None:
        def shown(plan) -> None:
            if plan is None:
                messages.show(self.messageLabel, "info", "Chưa có danh mục mới từ tỉnh. Danh mục được tải về "
                                                         "khi máy quầy đồng bộ.")
                return
            self._ask_apply(plan, "Danh mục thủ tục của tỉnh", offer=True)

        self.ops.read(self.desk.services.catalog.offer_plan).success(shown).run()

    def _ask_apply(self, plan, title: str, *, offer: bool) -> None:
        self.preview_dialog = ImportPreviewDialog(title, plan, self)
        actor = self.actor

        def accepted() -> None:
            catalog = lambda: self.desk.services.catalog  # noqa: E731
            work = (lambda: catalog().apply_offer(actor=actor)) if offer else (
                lambda: catalog().apply(plan, actor=actor))

            def done(_result) -> None:
                self._changed(f"Đã áp dụng: {plan.summary()}.")
                if offer:
                    self.offerButton.setText("Danh mục của tỉnh…")

            self.ops.write(work, Changes(catalog=True)).success(done).run()

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

        self.ops.read(work).success(lambda p: messages.show(self.messageLabel, "success",
                                                            f"Đã xuất danh mục ra {p}.")).run()

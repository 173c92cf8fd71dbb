"""The checklist's “Bản số hóa” column: a pages cell per paper, scans, file imports, the watched scan folder,
offers to reuse papers the citizen had digitized before, and page previews.

Scans, imports and previews run on the controller's own worker, so a slow scanner never holds up a save
(which runs on the desk's database worker)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTableWidget, QWidget

from desk.domain.text import fold_for_search

from .. import dialogs
from ..background import BackgroundRunner
from ..desk_ref import DeskRef
from ..document_pages import DocumentPagesCell
from ..operations import Changes, PageOps

if TYPE_CHECKING:
    from desk.domain.procedure import DocumentRequirement
    from desk.services.digitization import DocumentFile, Page, ReuseOffer, ScanResult
    from forms.ui_intake_page import Ui_IntakePage

log = logging.getLogger(__name__)
PAGES_COLUMN = 6


@dataclass
class _ScanState:
    """Where the pages of the scan under way go: a separator sheet moves ``cell`` to the next line."""

    cell: DocumentPagesCell
    replace_at: int | None = None
    pages: int = 0


class DigitizationController(QObject):
    changed = Signal()  # pages added, removed or moved: the draft follows
    line_digitized = Signal(int)  # this checklist row now has a file: the paper counts as received
    message = Signal(str, str)  # kind, text: for the page's message strip
    _page_scanned = Signal(object)  # from the scanning thread
    _folder_files = Signal(list)  # from the watched-folder thread

    def __init__(self, page: QWidget, ui: Ui_IntakePage, desk: DeskRef, ops: PageOps):
        super().__init__(page)
        self.page, self.ui, self.desk = page, ui, desk
        self.runner = BackgroundRunner(self)
        self.ops = ops  # database reads (reuse offers) on the desk's worker
        self.file_ops = ops.on(self.runner)
        self.cells: list[DocumentPagesCell] = []
        self.active_cell: DocumentPagesCell | None = None
        self._scan: _ScanState | None = None
        self._scan_cancel: threading.Event | None = None
        self._folder_thread = None
        self._folder_pending: list[Path] = []
        self._reuse_generation = 0
        self._previews: list[QWidget] = []
        self.scanner_dialog = None
        self._page_scanned.connect(self._on_page_scanned)
        self._folder_files.connect(self._on_folder_files)
        ui.folderBar.setVisible(False)
        ui.scannerSettingsButton.clicked.connect(self.open_scanner_settings)
        ui.scannerCombo.currentTextChanged.connect(self._pick_scanner_profile)
        ui.folderAddButton.clicked.connect(self.add_folder_files)
        ui.folderIgnoreButton.clicked.connect(self.ignore_folder_files)

    @property
    def scanning(self) -> bool:
        return self._scan is not None

    def _say(self, kind: str, text: str) -> None:
        self.message.emit(kind, text)

    # -- the cells, one per paper of the procedure -------------------------------------------------
    def build(self, documents: Sequence[DocumentRequirement], previous: Sequence[DocumentRequirement] = ()) -> None:
        """New cells for ``documents``; pages scanned for a paper of the same name in ``previous`` follow."""
        carried = {fold_for_search(previous[cell.row].name): (previous[cell.row].name, cell)
                   for cell in self.cells if cell.has_file and cell.row < len(previous)}
        table: QTableWidget = self.ui.documentsTable
        self.cells = []
        self.active_cell = None
        for row in range(len(documents)):
            cell = DocumentPagesCell(row, table)
            cell.scan_requested.connect(lambda c: self.scan_into(c))
            cell.rescan_requested.connect(lambda c, position: self.scan_into(c, replace_at=position))
            cell.import_requested.connect(self.import_into)
            cell.files_dropped.connect(self.import_files_into)
            cell.preview_requested.connect(self.show_preview)
            cell.changed.connect(self._on_cell_changed)
            cell.discarded.connect(self.discard_unused)
            cell.changed.connect(self.changed)
            table.setCellWidget(row, PAGES_COLUMN, cell)
            self.cells.append(cell)
        if carried:
            self._carry(carried, documents)
        self._update_label()

    def _carry(self, carried: dict[str, tuple[str, DocumentPagesCell]], documents) -> None:
        kept = 0
        for cell, doc in zip(self.cells, documents):
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
            self._say("warning", f"Thủ tục mới không có giấy tờ {names}: các trang đã quét của giấy tờ đó đã bỏ.")
            self.discard_unused([page for _, old in carried.values() for page in old.pages()])
        elif kept:
            self._say("info", f"Đã giữ bản số hóa của {kept} giấy tờ có trong thủ tục mới.")

    def has_file(self, row: int) -> bool:
        return row < len(self.cells) and self.cells[row].has_file

    def document_files(self) -> list[DocumentFile | None]:
        return [cell.document_file() for cell in self.cells]

    def all_pages(self) -> list[Page]:
        return [page for cell in self.cells for page in cell.pages()]

    def discard_all(self) -> None:
        """The form is cleared for good: its pages' work files go."""
        pages = self.all_pages()
        if pages:
            digitization = self.desk.services.digitization
            self.file_ops.background(lambda: digitization.discard_work(pages), "discarding scanned pages")

    def discard_unused(self, pages: list[Page]) -> None:
        """Delete the work files of pages no line uses any more (an imported PDF feeds several)."""
        in_use = {page.source for page in self.all_pages()}
        unused = [page for page in pages if page.source not in in_use]
        if unused:
            digitization = self.desk.services.digitization
            self.file_ops.background(lambda: digitization.discard_work(unused), "discarding unused pages")

    def restore_lines(self, lines: Sequence[tuple[list[Page], int]], reused: Sequence[ReuseOffer | None]) -> int:
        """Pages and reuse choices of a draft put back; returns how many pages were gone from the disk."""
        missing = 0
        for cell, (pages, gone) in zip(self.cells, lines):
            cell.add_pages(pages)
            missing += gone
        for cell, offer in zip(self.cells, reused):
            if offer is not None:
                cell.use_reused(offer)
        return missing

    def _on_cell_changed(self, cell: DocumentPagesCell) -> None:
        self.active_cell = cell
        if cell.has_file:
            self.line_digitized.emit(cell.row)
        self._update_label()

    def _update_label(self) -> None:
        if not self.cells:
            self.ui.digitizedLabel.setText("")
            return
        done = sum(1 for cell in self.cells if cell.has_file)
        self.ui.digitizedLabel.setText(f"Đã số hóa {done}/{len(self.cells)} giấy tờ")

    # -- scanner profiles --------------------------------------------------------------------------
    def refresh_scanner_profiles(self) -> None:
        digitization = self.desk.services.digitization
        combo = self.ui.scannerCombo
        combo.blockSignals(True)
        combo.clear()
        for profile in digitization.profiles():
            combo.addItem(profile.name)
        current = digitization.current_profile()
        if current is not None:
            combo.setCurrentText(current.name)
        else:
            combo.addItem("(chưa cài đặt máy quét)")
        combo.blockSignals(False)

    def _pick_scanner_profile(self, name: str) -> None:
        digitization = self.desk.services.digitization
        self.file_ops.write(lambda: digitization.choose_profile(name), Changes(settings=True)) \
            .failure(lambda error: self._say("error", f"Không lưu được lựa chọn máy quét: {error}")).run()

    def open_scanner_settings(self) -> None:
        from ..scanner_dialog import ScannerDialog

        dialog = ScannerDialog(self.desk, self.file_ops, self.page)
        dialog.setModal(True)

        def closed(_result: int) -> None:
            self.refresh_scanner_profiles()
            self.start_folder_watch()

        dialog.finished.connect(closed)
        self.scanner_dialog = dialog
        dialog.open()

    # -- scanning ----------------------------------------------------------------------------------
    def scan_into(self, cell: DocumentPagesCell, replace_at: int | None = None) -> None:
        profile = self.desk.services.digitization.current_profile()
        if profile is None:
            self._say("warning", "Chưa cài đặt máy quét: bấm “Cài đặt máy quét…”. Cũng có thể dùng “Chọn tệp”.")
            return
        if self._scan is not None:
            self._say("info", "Máy quét đang quét; chờ lượt quét này xong.")
            return
        self._scan = _ScanState(cell, replace_at)
        self._scan_cancel = cancel = threading.Event()
        self.active_cell = cell
        cell.set_busy(True, "Đang quét…")
        digitization = self.desk.services.digitization
        self.file_ops.read(lambda: digitization.scan(profile, on_page=self._page_scanned.emit, cancel=cancel)) \
            .success(self._on_scan_done).failure(self._on_scan_failed).run()

    def cancel_scan(self) -> None:
        if self._scan_cancel is not None:
            self._scan_cancel.set()

    def _on_page_scanned(self, page: Page) -> None:
        state = self._scan
        if state is None:
            return
        if page.separator:
            if state.replace_at is None and state.cell.row + 1 < len(self.cells):
                state.cell.set_busy(False)
                state.cell = self.cells[state.cell.row + 1]
                state.cell.set_busy(True, "Đang quét…")
            digitization = self.desk.services.digitization
            self.file_ops.background(lambda: digitization.discard_work([page]), "discarding a separator sheet")
            return
        state.pages += 1
        if state.replace_at is not None:
            state.cell.replace_page(state.replace_at, page)
            state.replace_at = -1  # one page replaces one page; any further sheet is added after it
        else:
            state.cell.add_pages([page])

    def _finish_scan(self) -> _ScanState | None:
        state, self._scan, self._scan_cancel = self._scan, None, None
        for cell in self.cells:
            cell.set_busy(False)
        return state

    def _on_scan_done(self, result: ScanResult) -> None:
        state = self._finish_scan()
        if state is None:
            return
        if result.error:
            self._say("warning", result.error)
        elif state.pages == 0:
            self._say("warning", "Máy quét không gửi trang nào.")
        else:
            self._say("success", f"Đã quét {state.pages} trang.")

    def _on_scan_failed(self, error: BaseException) -> None:
        self._finish_scan()
        self._say("error", f"Chưa quét được: {error}")

    # -- importing files ---------------------------------------------------------------------------
    def import_into(self, cell: DocumentPagesCell) -> None:
        paths = dialogs.ask_open_documents(self.page, self.desk.settings.watch_folder)
        if paths:
            self.import_files_into(cell, paths)

    def import_files_into(self, cell: DocumentPagesCell, paths: list[Path],
                          on_imported: Callable[[], None] | None = None) -> None:
        if not paths:
            self._say("warning", "Chỉ nhận tệp PDF, JPEG, PNG hoặc TIFF.")
            return
        cell.set_busy(True, "Đang nhập tệp…")
        digitization = self.desk.services.digitization

        def done(pages: list[Page]) -> None:
            cell.set_busy(False)
            cell.add_pages(pages)
            self._say("success", f"Đã thêm {len(pages)} trang từ {len(paths)} tệp.")
            if on_imported is not None:
                on_imported()

        def failed(error: BaseException) -> None:
            cell.set_busy(False)
            self._say("error", str(error))

        self.file_ops.read(lambda: digitization.import_files(paths)).success(done).failure(failed).run()

    def show_preview(self, page: Page) -> None:
        from desk.services.digitization import render_preview

        from ..page_preview import PagePreview

        def rendered(png: bytes) -> None:
            preview = PagePreview(png, self.page)
            self._previews = [p for p in self._previews if p.isVisible()] + [preview]
            preview.show()

        self.file_ops.read(lambda: render_preview(page)).success(rendered) \
            .failure(lambda error: self._say("error", f"Không mở được trang: {error}")).run()

    # -- reuse of papers digitized for an earlier dossier ------------------------------------------
    def refresh_reuse_offers(self, id_number: str, documents: Sequence[DocumentRequirement]) -> None:
        if not documents or not self.cells:
            return
        names = [doc.name for doc in documents]
        self._reuse_generation += 1
        generation = self._reuse_generation
        digitization = self.desk.services.digitization

        def offered(offers) -> None:
            if generation != self._reuse_generation:
                return  # the citizen or the procedure changed meanwhile
            for row, cell in enumerate(self.cells):
                cell.set_offer(offers.get(row))
            if offers:
                self._say("info", f"Công dân đã có {len(offers)} giấy tờ được số hóa ở hồ sơ trước: bấm "
                                  "“Dùng lại” thay vì quét lại (không yêu cầu nộp lại giấy tờ đã số hóa).")

        self.ops.read(lambda: digitization.reuse_offers(id_number, names) if id_number else {}).success(offered).run()

    # -- the watched scan folder -------------------------------------------------------------------
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
        if self.active_cell is not None and self.active_cell in self.cells:
            return self.active_cell
        return next((cell for cell in self.cells if not cell.has_file), self.cells[0] if self.cells else None)

    def add_folder_files(self) -> None:
        cell = self._target_cell()
        if cell is None:
            self._say("warning", "Chọn thủ tục trước, rồi thêm tệp vào giấy tờ tương ứng.")
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

    def ignore_folder_files(self) -> None:
        self._folder_pending = []
        self.ui.folderBar.setVisible(False)

    def shutdown(self) -> None:
        """The window is closing: stop a scan under way and the folder watch; finish what is queued."""
        self.cancel_scan()
        if self._folder_thread is not None:
            self._folder_thread.stop()
            self._folder_thread = None
        self.runner.shutdown()

"""Seeing a printout before it goes to paper, and one answer to "what happened to this printout".

Pages are rasterised by pdfium on one worker thread, and only when they come near the visible
part of the scroll area, so a ledger of sixty pages opens as fast as a receipt. Images reach the
GUI thread through a queued signal; the GUI thread never waits for pdfium.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desk.fileio import atomic_write_bytes
from desk.ui import dialogs, print_pdf

log = logging.getLogger(__name__)

ZOOM_STEPS = (25, 33, 50, 67, 75, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400)
SCREEN_DPI = 96  # at 100 % a page is drawn at its paper size on an ordinary counter screen
PAGE_GAP = 14  # px around and between pages
KEEP_RENDERED = 3  # pages kept beyond the visible ones; farther ones are dropped (a ledger's memory)
MAX_RENDER_PX = 3200  # wider zooms enlarge this image: a 400 % ledger page would take 170 MB
PAPER_WIDTH_PT = {"A5": 420, "A4": 595, "A4-landscape": 842}
OPEN_ERROR_STYLE = "background: #fde8e8; color: #8a1111; border: 1px solid #e3a1a1; padding: 14px;"
PREVIEW_STYLE = """
QScrollArea#previewScroll, QWidget#previewPages { background: #5b6774; }
QLabel#previewPage { background: white; }
QLabel#previewMessageLabel { padding: 4px 10px; }
QLabel#previewStatusLabel { color: #e8eef4; font-size: 12pt; }
"""


class _PageRenderer(QObject):
    """Holds the document on its own worker thread; every pdfium call takes print_pdf.PDFIUM_LOCK."""

    opened = Signal(list)  # page sizes in points: [(width, height), ...]
    failed = Signal(str)
    rendered = Signal(int, int, QImage)  # page index, width in device pixels, image

    def __init__(self, pdf_path: Path, **slots):
        super().__init__(**slots)  # connected before the worker starts, or its first answer could be lost
        self._document = None
        self._closed = False
        self._wanted: dict[int, int] = {}  # page → the width the GUI still wants; stale requests are skipped
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="print-preview")
        self._pool.submit(self._open, pdf_path)

    def request(self, index: int, width_px: int) -> None:
        if not self._closed:
            self._wanted[index] = width_px
            self._pool.submit(self._render, index, width_px)

    def close(self) -> None:
        self._closed = True
        # at most one page is being drawn; queued ones are dropped
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._document is not None:
            with print_pdf.PDFIUM_LOCK:
                self._document.close()
            self._document = None

    def _open(self, pdf_path: Path) -> None:
        import pypdfium2 as pdfium

        try:
            data = pdf_path.read_bytes()  # no open handle: the file can be re-rendered while shown
            with print_pdf.PDFIUM_LOCK:
                self._document = pdfium.PdfDocument(data)
                sizes = [tuple(self._document.get_page_size(i)) for i in range(len(self._document))]
        except FileNotFoundError:
            return self.failed.emit(f"Không tìm thấy tệp {pdf_path}.")
        except (OSError, pdfium.PdfiumError) as error:
            log.warning("cannot open %s for preview: %s", pdf_path, error)
            return self.failed.emit(f"Không mở được tệp {pdf_path.name}: tệp PDF bị hỏng hoặc không đọc được.\n"
                                    "Hãy tạo lại bản in rồi xem lại.")
        if sizes:
            self.opened.emit(sizes)
        else:
            self.failed.emit(f"Tệp {pdf_path.name} không có trang nào.")

    def _render(self, index: int, width_px: int) -> None:
        if self._wanted.get(index) != width_px:  # the clerk zoomed again before this one started
            return
        try:
            with print_pdf.PDFIUM_LOCK:
                page = self._document[index]
                bitmap = page.render(scale=width_px / page.get_width(), rev_byteorder=True)
                image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                               QImage.Format.Format_RGB888).copy()
                bitmap.close()  # freed here, under the lock, not later by the garbage collector
                page.close()
        except Exception:  # a worker's exception would vanish silently: log it, leave the page blank
            log.exception("cannot render page %d for preview", index + 1)
            return
        self.rendered.emit(index, width_px, image)


class _ElidedLabel(QLabel):
    """One line that never widens the dialog: a long path is shortened in the middle, whole in the tooltip."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = max(0, self.width() - 16)  # the style sheet's padding
        self.setText(self.fontMetrics().elidedText(self._full_text, Qt.TextElideMode.ElideMiddle, room))


class PrintPreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, pdf_path: Path, *, title: str, paper: str, printer_name: str = ""):
        super().__init__(parent)
        self.setObjectName("printPreviewDialog")
        self.setWindowTitle(title)
        self.setModal(False)
        self.setStyleSheet(PREVIEW_STYLE)
        self.pdf_path, self.paper, self.printer_name = Path(pdf_path), paper, printer_name
        self._page_sizes: list[tuple[float, float]] = []
        self._pages: list[QLabel] = []
        self._rendered_widths: list[int] = []  # device pixels of each page's image, 0 when none
        self._requested: dict[int, int] = {}  # page → width asked of the worker, not asked twice
        self._zoom = 100.0
        self._fit_width = False
        self._initial_zoom_on_screen = False
        self._build()
        self._render_timer = QTimer(self, singleShot=True, interval=20, timeout=self._render_visible)
        self.renderer = _PageRenderer(self.pdf_path, opened=self._on_opened, failed=self._on_failed,
                                       rendered=self._on_rendered)
        self._fit_screen()

    def _build(self) -> None:
        def button(name: str, text: str, slot, tip: str = "") -> QPushButton:
            widget = QPushButton(text, self, objectName=name, toolTip=tip)
            widget.setAutoDefault(False)  # Enter must not print or save by surprise
            widget.clicked.connect(slot)
            return widget

        self.zoom_out_button = button("zoomOutButton", "− Thu nhỏ", self.zoom_out, "Thu nhỏ (Ctrl+−)")
        self.zoom_in_button = button("zoomInButton", "+ Phóng to", self.zoom_in, "Phóng to (Ctrl++)")
        self.fit_button = button("fitWidthButton", "Vừa trang", self.fit_width, "Vừa chiều ngang cửa sổ (Ctrl+0)")
        self._zoom_buttons = (self.zoom_out_button, self.zoom_in_button, self.fit_button)
        self.zoom_label = QLabel("100 %", self, objectName="zoomLabel", minimumWidth=60,
                                 alignment=Qt.AlignmentFlag.AlignCenter)
        self.page_label = QLabel("Đang mở…", self, objectName="pageLabel")
        self.print_button = button("previewPrintButton", "In…", self.print_document, "In (Ctrl+P)")
        self.save_button = button("previewSaveButton", "Lưu PDF…", self.save_copy, "Lưu một bản PDF (Ctrl+S)")
        self.close_button = button("previewCloseButton", "Đóng", self.reject, "Đóng (Esc)")
        self.message_label = _ElidedLabel(self)
        self.message_label.setObjectName("previewMessageLabel")
        if not print_pdf.printers_available():
            self.print_button.setEnabled(False)
            self.print_button.setToolTip("Không tìm thấy máy in")
        for keys, slot in ((("Ctrl++", "Ctrl+="), self.zoom_in), (("Ctrl+-",), self.zoom_out),
                           (("Ctrl+0",), self.fit_width), (("Ctrl+P",), self.print_button.click),
                           (("Ctrl+S",), self.save_button.click)):
            for key in keys:
                QShortcut(QKeySequence(key), self, activated=slot)

        self._pages_widget = QWidget(objectName="previewPages")
        self._pages_layout = QVBoxLayout(self._pages_widget)
        self._pages_layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self._pages_layout.setSpacing(PAGE_GAP)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.status_label = QLabel("Đang mở bản xem trước…", self._pages_widget, objectName="previewStatusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setMinimumWidth(480)  # a readable line, not a narrow column
        self._pages_layout.addWidget(self.status_label)
        self._scroll = QScrollArea(self, objectName="previewScroll", widgetResizable=True)
        # always there, so fitting the width never makes it appear and disappear in a loop
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._scroll.setWidget(self._pages_widget)
        bar = self._scroll.verticalScrollBar()
        bar.valueChanged.connect(self._schedule_render)
        bar.rangeChanged.connect(self._schedule_render)

        tools = QHBoxLayout()
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.page_label)
        actions = QHBoxLayout()
        actions.addWidget(self.message_label, 1)  # takes the free width, empty or not: buttons stay right
        for widget in (self.print_button, self.save_button, self.close_button):
            actions.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self._scroll, 1)  # the only part that scrolls: the buttons stay in view
        layout.addLayout(actions)
        for widget in self._zoom_buttons:
            widget.setEnabled(False)  # until there are pages

    def _fit_screen(self) -> None:
        screen = (self.parent().screen() if self.parent() else None) or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        frame = 40  # the title bar and borders drawn by the window manager, outside our geometry
        self.setMinimumSize(min(640, available.width()), min(480, available.height() - frame))
        page_px = PAPER_WIDTH_PT.get(self.paper, 595) * SCREEN_DPI / 72
        self.resize(min(max(900, round(page_px) + 120), available.width()), min(1000, available.height() - frame))

    def _on_opened(self, sizes: list) -> None:
        self._page_sizes = sizes
        self.status_label.hide()
        for index in range(len(sizes)):
            page = QLabel(self._pages_widget, objectName="previewPage", scaledContents=True)
            page.setAccessibleName(f"Trang {index + 1}")
            self._pages_layout.addWidget(page)
            self._pages.append(page)
        self._rendered_widths = [0] * len(sizes)
        for widget in self._zoom_buttons:
            widget.setEnabled(True)
        self._set_initial_zoom()

    def _set_initial_zoom(self) -> None:
        # the paper's own size, or smaller when the window is narrower than the page; the
        # viewport's width is known only once shown, so a hidden dialog chooses again in showEvent
        self._initial_zoom_on_screen = self.isVisible()
        self._set_zoom(min(100.0, self._fit_width_zoom()))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pages and not self._initial_zoom_on_screen:
            self._set_initial_zoom()

    def _on_failed(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.setStyleSheet(OPEN_ERROR_STYLE)
        self.page_label.setText("")
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def _on_rendered(self, index: int, width_px: int, image: QImage) -> None:
        if self._requested.get(index) == width_px:
            del self._requested[index]  # answered: a zoom back to this width must ask again
        if index >= len(self._pages) or width_px != self._device_width(index):
            return  # the zoom changed meanwhile
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(width_px / self._page_width(index))  # > 1 on HiDPI, < 1 when capped
        self._pages[index].setPixmap(pixmap)
        self._rendered_widths[index] = width_px

    def _page_width(self, index: int) -> int:
        return round(self._page_sizes[index][0] / 72 * SCREEN_DPI * self._zoom / 100)

    def _device_width(self, index: int) -> int:
        return min(MAX_RENDER_PX, round(self._page_width(index) * self.devicePixelRatioF()))

    def _schedule_render(self, *_ignored) -> None:
        self._render_timer.start()  # coalesces a burst of scroll steps into one look at the viewport

    def _render_visible(self) -> None:
        if not self._pages:
            return
        top = self._scroll.verticalScrollBar().value()
        height = self._scroll.viewport().height()
        near = [i for i, page in enumerate(self._pages)  # half a screen ahead and behind
                if page.y() < top + height * 1.5 and page.y() + page.height() > top - height // 2]
        shown = [i for i, page in enumerate(self._pages) if page.y() + page.height() > top + height // 3]
        current = shown[0] if shown else len(self._pages) - 1
        self.page_label.setText(f"Trang {current + 1}/{len(self._pages)}")
        for index in near:
            width_px = self._device_width(index)
            if self._rendered_widths[index] != width_px and self._requested.get(index) != width_px:
                self._requested[index] = width_px
                self.renderer.request(index, width_px)
        first, last = (near[0], near[-1]) if near else (current, current)
        for index, page in enumerate(self._pages):
            if (index < first - KEEP_RENDERED or index > last + KEEP_RENDERED) and self._rendered_widths[index]:
                page.clear()
                self._rendered_widths[index] = 0
                self._requested.pop(index, None)

    def _fit_width_zoom(self) -> float:
        room = self._scroll.viewport().width() - 2 * PAGE_GAP
        widest = max(width for width, _ in self._page_sizes) / 72 * SCREEN_DPI
        return max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], 100 * room / widest))

    def _set_zoom(self, zoom: float) -> None:
        bar = self._scroll.verticalScrollBar()
        position = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._zoom = zoom
        self.zoom_label.setText(f"{round(zoom)} %")
        for index, (page, (width, height)) in enumerate(zip(self._pages, self._page_sizes, strict=True)):
            page.setFixedSize(self._page_width(index), round(self._page_width(index) * height / width))
        # the scroll range follows the new page sizes only after the layout runs
        QTimer.singleShot(0, self, lambda: bar.setValue(round(position * bar.maximum())))
        self._schedule_render()

    def zoom_in(self) -> None:
        self._step_zoom([step for step in ZOOM_STEPS if step > self._zoom + 0.5] or [ZOOM_STEPS[-1]])

    def zoom_out(self) -> None:
        self._step_zoom([step for step in reversed(ZOOM_STEPS) if step < self._zoom - 0.5] or [ZOOM_STEPS[0]])

    def _step_zoom(self, steps: list[int]) -> None:
        if self._pages:
            self._fit_width = False
            self._set_zoom(steps[0])

    def fit_width(self) -> None:
        if self._pages:
            self._fit_width = True
            self._set_zoom(self._fit_width_zoom())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit_width and self._pages:
            self._set_zoom(self._fit_width_zoom())
        self._schedule_render()

    def print_document(self) -> None:
        try:
            if print_pdf.ask_print(self, self.pdf_path, self.paper, self.printer_name):
                self.say("success", "Đã gửi tới máy in.")
        except OSError as error:
            self.say("error", f"Không in được: {error}")

    def save_copy(self) -> None:
        target = dialogs.ask_save_pdf_copy(self, Path.home() / self.pdf_path.name, "Lưu bản PDF")
        if target is None:
            return
        try:
            atomic_write_bytes(target, self.pdf_path.read_bytes())
        except OSError as error:
            self.say("error", f"Không lưu được tệp: {error}")
            return
        self.say("success", f"Đã lưu bản PDF tại {target}")

    def say(self, kind: str, text: str) -> None:
        self.message_label.setProperty("kind", kind)  # the application's style sheet colours labels by kind
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.set_full_text(text)

    def done(self, result: int) -> None:
        self._render_timer.stop()
        self.renderer.close()
        super().done(result)


def open_preview(parent: QWidget, path: Path, *, title: str = "", paper: str, printer_name: str = "") \
        -> PrintPreviewDialog:
    """Show a printout on screen (it closes itself away when the clerk closes it)."""
    dialog = PrintPreviewDialog(parent, Path(path), title=title or f"Xem trước — {Path(path).name}", paper=paper,
                                printer_name=printer_name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def deliver_pdf(parent: QWidget, path: Path, *, what: str, paper: str, printer_name: str, preview: bool) -> str:
    """Preview, print or just keep a produced PDF; return the sentence for the caller's message strip."""
    path = Path(path)
    if preview:  # the counter's setting "xem trước khi in"
        open_preview(parent, path, title=f"Xem trước {what}", paper=paper, printer_name=printer_name)
        return f"Đã mở bản xem trước {what}: {path}"
    capitalised = what[:1].upper() + what[1:]
    if not print_pdf.printers_available():
        return f"Không tìm thấy máy in. {capitalised} đã lưu tại {path}."
    try:
        # through the module attribute, so tests replace the system print dialog
        if print_pdf.ask_print(parent, path, paper, printer_name):
            return f"Đã gửi {what} tới máy in."
    except OSError as error:
        return f"Không in được ({error}). {capitalised} đã lưu tại {path}."
    return f"Chưa in {what}. Tệp đã lưu tại {path}."

"""One checklist line's digitized pages: "Quét", "Chọn tệp", "Dùng lại", and a strip of
thumbnails to rotate, reorder (drag), delete, rescan or open full size."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap, QTransform
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # the services pull in SQLAlchemy and Pillow: not on the GUI thread at start-up
    from desk.services.digitization import DocumentFile, Page, ReuseOffer

THUMB = QSize(72, 100)
PAGE_ROLE = Qt.ItemDataRole.UserRole


class PageStrip(QListWidget):
    """Thumbnails left to right; drag to reorder. Files dropped on it are imported."""

    files_dropped = Signal(list)
    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # List mode laid out left to right: an item is its thumbnail and nothing else (icon mode
        # would reserve a caption line under each page).
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(THUMB)
        self.setMovement(QListView.Movement.Snap)
        self.setUniformItemSizes(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(THUMB.height() + 28)  # room for a horizontal scroll bar
        self.setSpacing(3)
        self.setAcceptDrops(True)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentRow() >= 0:
            self.delete_pressed.emit()
        else:
            super().keyPressEvent(event)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            from desk.services.digitization import IMPORTABLE

            paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
            self.files_dropped.emit([p for p in paths if p.suffix.lower() in IMPORTABLE])
            event.acceptProposedAction()
        else:
            super().dropEvent(event)


class DocumentPagesCell(QWidget):
    scan_requested = Signal(object)          # this cell
    rescan_requested = Signal(object, int)   # this cell, the page's position
    import_requested = Signal(object)
    files_dropped = Signal(object, list)
    preview_requested = Signal(object)       # a Page
    changed = Signal(object)
    discarded = Signal(list)                 # Pages deleted or replaced (their work files may go)

    def __init__(self, row: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = row
        self.offer: ReuseOffer | None = None
        self.reused: ReuseOffer | None = None
        self.busy = False

        self.scan_button = QPushButton("Quét", self, objectName=f"scanButton_{row}")
        self.import_button = QPushButton("Chọn tệp", self, objectName=f"importButton_{row}")
        self.reuse_button = QPushButton("Dùng lại", self, objectName=f"reuseButton_{row}")
        self.status = QLabel(self, objectName=f"pagesStatus_{row}")
        self.status.setWordWrap(True)
        self.strip = PageStrip(self)
        self.strip.setObjectName(f"pageStrip_{row}")
        self.strip.setAccessibleName("Các trang đã quét")
        self.tools = self._page_tools(row)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.scan_button, self.import_button, self.reuse_button):
            buttons.addWidget(button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(buttons)
        layout.addWidget(self.strip)
        layout.addWidget(self.tools)

        self.scan_button.clicked.connect(lambda: self.scan_requested.emit(self))
        self.import_button.clicked.connect(lambda: self.import_requested.emit(self))
        self.reuse_button.clicked.connect(self._toggle_reuse)
        self.strip.files_dropped.connect(lambda paths: self.files_dropped.emit(self, paths))
        self.strip.delete_pressed.connect(self.delete_current)
        self.strip.itemDoubleClicked.connect(lambda item: self.preview_requested.emit(item.data(PAGE_ROLE)))
        self.strip.model().rowsMoved.connect(lambda *_: self._refresh())
        self.strip.currentRowChanged.connect(lambda _row: self._refresh())
        self.tool_buttons["left"].clicked.connect(lambda: self.rotate_current(-90))
        self.tool_buttons["right"].clicked.connect(lambda: self.rotate_current(90))
        self.tool_buttons["earlier"].clicked.connect(lambda: self.move_current(-1))
        self.tool_buttons["later"].clicked.connect(lambda: self.move_current(1))
        self.tool_buttons["delete"].clicked.connect(self.delete_current)
        self.tool_buttons["view"].clicked.connect(self._preview_current)
        self.tool_buttons["rescan"].clicked.connect(
            lambda: self.strip.currentRow() >= 0 and self.rescan_requested.emit(self, self.strip.currentRow()))
        self._refresh()

    def _page_tools(self, row: int) -> QWidget:
        """The buttons under the strip that act on the page selected in it."""
        box = QWidget(self)
        tools = QHBoxLayout(box)
        tools.setContentsMargins(0, 0, 0, 0)
        tools.setSpacing(2)
        self.tool_buttons: dict[str, QToolButton] = {}
        for key, text, tip in (("left", "⟲", "Xoay trái"), ("right", "⟳", "Xoay phải"),
                               ("earlier", "◀", "Đưa trang lên trước"), ("later", "▶", "Đưa trang ra sau"),
                               ("rescan", "Quét lại", "Quét lại trang đang chọn"),
                               ("view", "Xem", "Xem trang cỡ lớn"), ("delete", "Xóa", "Xóa trang đang chọn")):
            button = QToolButton(box, objectName=f"page_{key}_{row}")
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            tools.addWidget(button)
            self.tool_buttons[key] = button
        tools.addStretch(1)
        return box

    # -- pages ----------------------------------------------------------------------------------
    def pages(self) -> list[Page]:
        return [self.strip.item(i).data(PAGE_ROLE) for i in range(self.strip.count())]

    def add_pages(self, pages: list[Page]) -> None:
        if pages:
            self.reused = None  # new scans replace a reused file
        for page in pages:
            self.strip.addItem(self._item(page))
        if pages:
            self.strip.setCurrentRow(self.strip.count() - 1)
        self._refresh(changed=True)

    def replace_page(self, position: int, page: Page) -> None:
        if 0 <= position < self.strip.count():
            old = self.strip.takeItem(position).data(PAGE_ROLE)
            self.strip.insertItem(position, self._item(page))
            if old.source != page.source:
                self.discarded.emit([old])
            self.strip.setCurrentRow(position)
            self._refresh(changed=True)

    def rotate_current(self, degrees: int) -> None:
        position = self.strip.currentRow()
        if position < 0:
            return
        self.replace_page(position, self.strip.item(position).data(PAGE_ROLE).rotated(degrees))

    def move_current(self, step: int) -> None:
        position = self.strip.currentRow()
        target = position + step
        if position < 0 or not 0 <= target < self.strip.count():
            return
        item = self.strip.takeItem(position)
        self.strip.insertItem(target, item)
        self.strip.setCurrentRow(target)
        self._refresh(changed=True)

    def delete_current(self) -> None:
        position = self.strip.currentRow()
        if position >= 0:
            old = self.strip.takeItem(position).data(PAGE_ROLE)
            self._refresh(changed=True)
            self.discarded.emit([old])

    def clear(self) -> None:
        self.strip.clear()
        self.offer = self.reused = None
        self._refresh()

    def _preview_current(self) -> None:
        item = self.strip.currentItem()
        if item is not None:
            self.preview_requested.emit(item.data(PAGE_ROLE))

    @staticmethod
    def _item(page: Page) -> QListWidgetItem:
        pixmap = QPixmap()
        pixmap.loadFromData(page.thumbnail)
        if page.rotation:
            pixmap = pixmap.transformed(QTransform().rotate(page.rotation), Qt.TransformationMode.SmoothTransformation)
        item = QListWidgetItem(QIcon(pixmap), "")
        item.setData(PAGE_ROLE, page)
        item.setSizeHint(QSize(THUMB.width() + 6, THUMB.height() + 6))
        return item

    # -- reuse ----------------------------------------------------------------------------------
    def set_offer(self, offer: ReuseOffer | None) -> None:
        self.offer = offer
        if offer is None:
            self.reused = None
        self._refresh()

    def use_reused(self, offer: ReuseOffer) -> None:
        """Link an earlier digitized file to this line (a restored draft, a procedure change)."""
        self.offer = self.reused = offer
        self._refresh(changed=True)

    def _toggle_reuse(self) -> None:
        if self.reused is not None:
            self.reused = None
        elif self.offer is not None:
            self.reused = self.offer
            dropped = self.pages()
            self.strip.clear()
            if dropped:
                self.discarded.emit(dropped)
        self._refresh(changed=True)

    # -- state ----------------------------------------------------------------------------------
    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self._refresh(status=text)

    def document_file(self) -> DocumentFile | None:
        from desk.services.digitization import DocumentFile

        if self.reused is not None:
            return DocumentFile(reuse=self.reused)
        pages = tuple(self.pages())
        return DocumentFile(pages=pages) if pages else None

    @property
    def has_file(self) -> bool:
        return self.reused is not None or self.strip.count() > 0

    def _refresh(self, *, changed: bool = False, status: str = "") -> None:
        count = self.strip.count()
        for button in (self.scan_button, self.import_button):
            button.setEnabled(not self.busy)
        self.reuse_button.setVisible(self.offer is not None)
        self.reuse_button.setEnabled(not self.busy)
        if self.offer is not None:
            self.reuse_button.setText("Bỏ dùng lại" if self.reused else "Dùng lại")
            self.reuse_button.setToolTip(f"Bản số hóa từ hồ sơ {self.offer.dossier_code} "
                                         f"({self.offer.received_at:%d/%m/%Y}, {self.offer.pages} trang)")
        self.strip.setVisible(count > 0)
        self.tools.setVisible(count > 0)
        selected = self.strip.currentRow() >= 0
        for key, button in self.tool_buttons.items():
            button.setEnabled(selected and not self.busy and (key != "earlier" or self.strip.currentRow() > 0)
                              and (key != "later" or self.strip.currentRow() < count - 1))
        if status:
            text = status
        elif self.reused is not None:
            text = (f"Dùng lại bản số hóa của hồ sơ {self.reused.dossier_code} "
                    f"({self.reused.received_at:%d/%m/%Y}, {self.reused.pages} trang)")
        elif count:
            text = f"{count} trang"
        elif self.offer is not None:
            text = f"Đã có bản số hóa từ hồ sơ {self.offer.dossier_code}"
        else:
            text = ""
        self.status.setText(text)
        if changed:
            self.changed.emit(self)

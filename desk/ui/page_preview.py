"""A page at full size, in its own window, so the clerk can check it is legible."""

from __future__ import annotations

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget


class PagePreview(QDialog):
    def __init__(self, png: bytes, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Xem trang đã quét"))
        self.setObjectName("pagePreview")
        pixmap = QPixmap()
        pixmap.loadFromData(png)
        label = QLabel(self)
        label.setPixmap(pixmap)
        area = QScrollArea(self)
        area.setWidget(label)
        layout = QVBoxLayout(self)
        layout.addWidget(area)
        self.resize(min(pixmap.width() + 40, 1000), 860)

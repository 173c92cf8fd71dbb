"""F1: the short Vietnamese user guide (docs/HUONG-DAN.md), opened at the part for the page on screen.

The guide is one Markdown file, a section per role and a sub-section (``### …``) per page; the
dialog shows the sub-section of the current page, its pictures included, and links to the others.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

import resources

from .navigation import PageId
from .screen_fit import fit_dialog

_HEADING = re.compile(r"^(#{2,3}) (.+)$", re.MULTILINE)


def guide_sections(text: str) -> dict[str, str]:
    """``### title`` → the Markdown under it (up to the next ``##`` or ``###``)."""
    sections: dict[str, str] = {}
    matches = list(_HEADING.finditer(text))
    for index, match in enumerate(matches):
        if match.group(1) != "###":
            continue
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        sections[match.group(2).strip()] = text[match.end():end].strip()
    return sections


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None, section: str, guide: Path = resources.USER_GUIDE):
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle("Hướng dẫn sử dụng (F1)")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        self.guide_dir = guide.parent
        self.browser.setSearchPaths([str(guide.parent)])  # the guide's pictures (screenshots/…)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng (Esc)")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        try:
            self.sections = guide_sections(guide.read_text(encoding="utf-8"))
        except OSError:
            self.sections = {}
        fit_dialog(self, QSize(900, 680))
        self.show_section(section)

    def show_section(self, title: str) -> None:
        self.current = title
        body = self.sections.get(title)
        if body is None:
            self.browser.setHtml("<p>Chưa có hướng dẫn cho trang này. Xem tệp docs/HUONG-DAN.md.</p>")
            return
        self.browser.setMarkdown(f"## {title}\n\n{body}\n")
        self._fit_pictures(self.browser.viewport().width() - 30 if self.browser.isVisible() else 820)
        others = " · ".join(f"<a href='section:{escape(name)}'>{escape(name)}</a>"
                            for name in self.sections if name != title)
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertHtml(f"<hr><p><b>Các mục khác:</b> {others}</p>")
        self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)

    def _fit_pictures(self, width: int) -> None:
        """Screenshots are 1366 px wide: shown at the dialog's width (Markdown cannot say how wide)."""
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                image = fragment.charFormat().toImageFormat()
                if fragment.charFormat().isImageFormat():
                    picture = QImage(str(self.guide_dir / image.name()))
                    if not picture.isNull() and picture.width() > width:
                        image.setWidth(width)
                        image.setHeight(picture.height() * width / picture.width())
                        cursor = QTextCursor(document)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(image)
                fragments += 1
            block = block.next()

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("section:"):
            self.show_section(QUrl.fromPercentEncoding(text.removeprefix("section:").encode()))


def open_help(parent: QWidget, page: PageId) -> HelpDialog:
    """Open the guide at the page's section; the dialog does not block the page behind it."""
    dialog = HelpDialog(parent, page.guide_section)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

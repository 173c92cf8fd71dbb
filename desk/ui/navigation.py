"""The pages of the window, who may open each, and the list on the left that moves between them.

Pages are named by ``PageId``, never by their Vietnamese titles (which are what the clerk reads, and may be
reworded). A page is built when it is first needed: the counter pages by the window as it starts, the
admin pages on their first visit, by the factory the window registered for them. One rule, ``may_open``,
decides who sees what; the services check again, so a page that slipped through still changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QStackedWidget, QWidget


class Access(Enum):
    COUNTER = "counter"  # counter work: clerks and supervisors
    ANYONE = "anyone"  # anyone signed in
    ADMIN = "admin"  # configuration: admins and supervisors


class PageId(Enum):
    """Each page: its title in the list, who may open it, its part of the user guide (docs/HUONG-DAN.md)."""

    INTAKE = ("Tiếp nhận", Access.COUNTER, "Tiếp nhận hồ sơ")
    DOSSIERS = ("Hồ sơ", Access.COUNTER, "Hồ sơ: tra cứu và giải quyết")
    INBOX = ("Hồ sơ trực tuyến", Access.COUNTER, "Hồ sơ nộp trực tuyến")
    RETURNS = ("Trả kết quả", Access.COUNTER, "Trả kết quả")
    FEEDBACK = ("Phản ánh, kiến nghị", Access.ANYONE, "Phản ánh, kiến nghị")
    OVERVIEW = ("Tổng quan", Access.ADMIN, "Tổng quan: số liệu của trung tâm")
    SYNC = ("Đồng bộ", Access.ANYONE, "Đồng bộ với tỉnh")
    TEMPLATES = ("Mẫu thủ tục", Access.ADMIN, "Mẫu thủ tục")
    CALENDAR = ("Lịch làm việc", Access.ADMIN, "Lịch làm việc")
    USERS = ("Người dùng", Access.ADMIN, "Người dùng")
    AGENCY = ("Cơ quan và quầy", Access.ADMIN, "Cơ quan và quầy")
    BACKUP = ("Sao lưu", Access.ADMIN, "Sao lưu")
    AUDIT = ("Nhật ký", Access.ADMIN, "Nhật ký")

    def __init__(self, title: str, access: Access, guide_section: str):
        self.title = title
        self.access = access
        self.guide_section = guide_section


def may_open(actor, page: PageId) -> bool:
    if actor is None:
        return False
    if page.access is Access.COUNTER:
        return actor.can_serve_counter
    if page.access is Access.ADMIN:
        return actor.can_administer
    return True


class Navigation(QObject):
    """The list on the left and the stack of pages on the right, kept in step."""

    refused = Signal(str)  # why a page was not opened, for the status bar
    shown = Signal(object)  # the PageId now on screen

    def __init__(self, nav_list: QListWidget, stack: QStackedWidget, actor: Callable[[], object],
                 can_build: Callable[[], bool], parent: QObject | None = None):
        super().__init__(parent)
        self.nav_list, self.stack = nav_list, stack
        self._actor, self._can_build = actor, can_build
        self._factories: dict[PageId, Callable[[], QWidget]] = {}
        self._built: dict[PageId, QWidget] = {}
        for page in PageId:
            stack.addWidget(QLabel("<p align='center'>Đang chuẩn bị…</p>"))
            QListWidgetItem(page.title, nav_list)
        nav_list.currentRowChanged.connect(self._on_row)
        nav_list.setCurrentRow(0)

    # -- pages -------------------------------------------------------------------------------------
    def put(self, page: PageId, widget: QWidget) -> None:
        """``widget`` takes the place of the page's "Đang chuẩn bị…" placeholder."""
        row = list(PageId).index(page)
        placeholder = self.stack.widget(row)
        current = self.stack.currentIndex()
        self.stack.insertWidget(row, widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        self._built[page] = widget

    def build_on_first_visit(self, page: PageId, factory: Callable[[], QWidget]) -> None:
        self._factories[page] = factory

    def widget(self, page: PageId) -> QWidget | None:
        """The page, once built."""
        return self._built.get(page)

    def built(self) -> dict[PageId, QWidget]:
        return dict(self._built)

    def page_of(self, widget: QWidget | None) -> PageId | None:
        return next((page for page, built in self._built.items() if built is widget), None)

    @property
    def current(self) -> PageId:
        return list(PageId)[self.stack.currentIndex()]

    # -- moving between them -----------------------------------------------------------------------
    def go_to(self, page: PageId) -> QWidget | None:
        """Show ``page`` if the signed-in person may (building it on its first visit); None if not."""
        if not may_open(self._actor(), page):
            self._refuse(page)
            return None
        self.nav_list.setCurrentRow(list(PageId).index(page))
        return self._built.get(page)

    def allow(self, actor) -> None:
        """Show in the list only the pages ``actor`` may open; leave a page they may not."""
        for row, page in enumerate(PageId):
            self.nav_list.item(row).setHidden(not may_open(actor, page))
        if not may_open(actor, self.current):
            self.go_to(next(page for page in PageId if may_open(actor, page)))

    def _refuse(self, page: PageId) -> None:
        actor = self._actor()
        self.refused.emit(f"Tài khoản {actor.full_name} không được mở trang “{page.title}”." if actor
                          else "Hãy đăng nhập trước.")

    def _on_row(self, row: int) -> None:
        page = list(PageId)[row]
        if self._actor() is not None and not may_open(self._actor(), page):
            self._refuse(page)
            self.nav_list.blockSignals(True)
            self.nav_list.setCurrentRow(self.stack.currentIndex())
            self.nav_list.blockSignals(False)
            return
        if page not in self._built and page in self._factories and self._can_build():
            widget = self._factories[page]()
            self.put(page, widget)
            if hasattr(widget, "start"):
                widget.start()
        self.stack.setCurrentIndex(row)
        self.shown.emit(page)

"""What the admin pages share: the page base and the small widgets every page and dialog uses.

A page is given the collaborators it works with (the desk, the background runner, the signals), never
the window that shows it. Each page is built on its first visit; its work goes through its ``ops``
(desk/ui/operations.py): every change goes through a service that checks the signed-in person's role
again and writes the audit entry, and is broadcast as ``Changes`` so every view that shows it follows
(``on_changes``). The pages only show and ask.

The pages' static layouts are Designer forms (``forms/*_page.ui``) set up on the page itself, so a
widget is the page's attribute under its object name (``page.monthView``); the few that tests and
scripts know by an older, shorter name get that name too (``page.table``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLayout, QTableWidgetItem, QWidget

from desk.domain.errors import DomainError

from .. import messages
from ..background import BackgroundRunner
from ..desk_ref import DeskRef
from ..operations import Changes, PageOps
from ..screen_fit import WrappingLabel
from ..signals import DeskSignals


class AdminPage(QWidget):
    """A page of the admin's: ``refresh`` loads it on the worker; ``start`` runs at the first visit and
    again whenever someone else signs in. ``messageLabel`` is each page's message strip."""

    messageLabel: QLabel

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.runner = runner
        self.signals = signals
        self.ops = PageOps(signals, runner, self, show_error=self.show_error)
        signals.changed.connect(self.on_changes)

    @property
    def actor(self):
        return self.desk.actor

    def start(self) -> None:
        self.refresh()

    def refresh(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def on_changes(self, changes: Changes) -> None:
        """Something was saved (here or elsewhere): a page showing it reloads."""

    def show_error(self, text: str) -> None:
        messages.show(self.messageLabel, "error", text)

    def fail(self, error: BaseException) -> None:
        self.show_error(str(error) if isinstance(error, DomainError) else f"Không thực hiện được: {error}")


def message_label(parent: QWidget) -> QLabel:
    """A dialog's message strip: it wraps, and a long path in it never widens the window."""
    label = WrappingLabel(parent)
    label.setObjectName("messageLabel")
    label.setVisible(False)
    return label


def read_only_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item



def measure_afresh(widget: QWidget) -> None:
    """Forget the sizes ``widget``'s layouts measured while its compiled form was being set up.

    A compiled form sets its texts last, and a widget not shown yet (a tab behind another) does not tell
    its layout that its text changed: the layout would keep what it measured with no text, and a splitter
    would share the page's width out by it."""
    for layout in widget.findChildren(QLayout):
        layout.invalidate()

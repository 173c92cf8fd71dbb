"""Windows that fit a counter screen: 1366×768, about 1366×728 usable above the taskbar (PLATFORM.md).

A window can never be smaller than what its layouts ask for, so one label or combo box that asks for
too much pushes buttons off the screen. The habits every page and dialog share:

- a dialog opens at most at the screen's available size (``fit_dialog``), and grows, as far as the
  screen allows, when a message appears in it (``grow_to_show``);
- a dialog's fields sit in a ``FormScrollArea``, which scrolls only when the screen is too small; the
  error strip and the buttons stay outside it, always in view (``form_dialog_layout``);
- a label that may carry a long text is a ``WrappingLabel``: it wraps, and a word longer than a line
  (a path, a URL) is cut at the edge with the whole text in the tooltip instead of widening the window;
- a combo box of names typed by people (procedures, printers, scanners) is ``bound_combo``-ed: its
  width does not follow its longest item.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

COUNTER_SCREEN = QSize(1366, 728)  # when Qt knows no screen at all
# The title bar and borders the window manager draws outside a window's geometry (Windows 10 at
# 100 %: a 31 px title bar and 8 px borders); used until the main window's real frame is known.
WINDOW_FRAME = QSize(16, 40)


def available_size(widget: QWidget | None = None) -> QSize:
    """The part of the screen windows may use (the taskbar excluded): the screen ``widget`` is on; for
    a dialog not shown yet, the screen of the window it belongs to."""
    screen = None
    if widget is not None:
        anchor = widget
        if widget.isWindow() and not widget.isVisible() and widget.parentWidget() is not None:
            anchor = widget.parentWidget().window()
        screen = anchor.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else QSize(COUNTER_SCREEN)


def window_frame(dialog: QWidget) -> QSize:
    """What the window manager adds around ``dialog``: as measured on its parent window when that is
    larger than the usual frame (display scaling), the usual frame otherwise."""
    parent = dialog.parentWidget()
    if parent is not None and parent.window().isVisible():
        top = parent.window()
        return (top.frameGeometry().size() - top.geometry().size()).expandedTo(WINDOW_FRAME)
    return QSize(WINDOW_FRAME)


def fit_dialog(dialog: QDialog, preferred: QSize | None = None) -> QSize:
    """Size ``dialog`` before it is shown: ``preferred`` (default: what its layout asks for), but never
    more than the screen has room for once the title bar is drawn. Returns the size given."""
    room = available_size(dialog) - window_frame(dialog)
    # Before the first show, nested layouts keep sizes measured before the texts were set (a compiled
    # form sets them last) and a scroll area's layout item keeps its content's size from before rows
    # were added in code: measure everything afresh.
    for layout in dialog.findChildren(QLayout):
        layout.invalidate()
    for area in dialog.findChildren(FormScrollArea):
        area.updateGeometry()
    wanted = QSize(preferred) if preferred is not None else dialog.sizeHint()
    size = wanted.boundedTo(room)
    dialog.resize(size)
    return size


def grow_to_show(dialog: QDialog) -> None:
    """A message appeared in an open dialog: make the dialog tall enough that its fields need not
    scroll for it, as far as the screen has room, and keep it on the screen. It never shrinks (the
    user may have enlarged it)."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.invalidate()
    layout.activate()  # lay the message out now, not at the next turn of the event loop
    shortfall = max((area.shortfall() for area in dialog.findChildren(FormScrollArea) if area.isVisibleTo(dialog)),
                    default=0)
    # The message itself wraps: every one of its lines at the dialog's width, the fields at full height.
    whole = layout.heightForWidth(dialog.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
    needed = max(dialog.height() + shortfall, whole)
    if needed <= dialog.height():
        return
    fit_dialog(dialog, QSize(dialog.width(), needed))
    screen = dialog.screen()
    if screen is not None and dialog.isVisible():
        room, frame = screen.availableGeometry(), dialog.frameGeometry()
        if frame.bottom() > room.bottom():
            dialog.move(dialog.x(), max(room.top(), dialog.y() - (frame.bottom() - room.bottom())))


class FormScrollArea(QScrollArea):
    """The fields of a dialog: as tall as they need when the screen has room, scrolling when it has not.

    A plain QScrollArea asks for at most 24 lines whatever its content; this one asks for its content's
    whole size, so a dialog opens showing every field whenever the screen allows it. It never scrolls
    sideways: the fields take the width given, and labels in them wrap.
    """

    MINIMUM_LINES = 6  # below this the fields are a keyhole; the dialog's buttons keep the rest

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("formScrollArea")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)
        # Let what is behind show through (a tab's pane is lighter than a dialog): the fields look
        # as they would without the area around them.
        self.viewport().setAutoFillBackground(False)
        widget.setAutoFillBackground(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The content's layout changed (rows added, a message shown): what this area asks for changed
        # too, and the dialog's layout, which caches it, must hear so.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def shortfall(self) -> int:
        """How many pixels taller this area would have to be to show its content without scrolling."""
        content = self.widget()
        if content is None:
            return 0
        width = self.viewport().width()
        needed = content.heightForWidth(width) if content.hasHeightForWidth() else content.sizeHint().height()
        return max(0, needed, content.minimumSizeHint().height()) - self.viewport().height()

    def _scroll_bar_width(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        # Room for the scroll bar too, so that its appearing never squeezes the fields.
        return content.sizeHint() + QSize(self._scroll_bar_width(), 0)

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().minimumSizeHint()
        least = content.minimumSizeHint()
        return QSize(least.width() + self._scroll_bar_width(),
                     min(least.height(), self.fontMetrics().height() * self.MINIMUM_LINES))


def form_dialog_layout(dialog: QDialog, fields: QWidget, error_label: QLabel,
                       buttons: QDialogButtonBox) -> FormScrollArea:
    """Lay ``dialog`` out the way every form dialog is: the fields scroll when the screen is too small,
    the error strip and the buttons stay under them, always in view."""
    if fields.layout() is not None:
        fields.layout().setContentsMargins(0, 0, 0, 0)  # the dialog's own margins are enough
    layout = QVBoxLayout(dialog)
    area = FormScrollArea(dialog)
    area.setWidget(fields)
    layout.addWidget(area, 1)
    layout.addWidget(error_label)
    layout.addWidget(buttons)
    return area


class WrappingLabel(QLabel):
    """A word-wrapped label that never widens its window.

    A wrapping QLabel still asks for the width of its longest word, so a path or a URL in a message
    makes the window wider than the screen. This one asks for at most ``NARROWEST_CHARACTERS``; a longer
    word is cut at the label's edge and the whole text goes into the tooltip.
    """

    NARROWEST_CHARACTERS = 24

    def __init__(self, *args):
        super().__init__(*args)
        self.setWordWrap(True)
        self._tooltip_is_text = False

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * self.NARROWEST_CHARACTERS),
                     hint.height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self._explain_cut_text()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._explain_cut_text()

    def _explain_cut_text(self) -> None:
        cut = bool(self.text()) and super().minimumSizeHint().width() > self.width()
        if cut:
            self.setToolTip(self.text())
            self._tooltip_is_text = True
        elif self._tooltip_is_text:  # leave alone a tooltip someone else set
            self.setToolTip("")
            self._tooltip_is_text = False


def bound_combo(combo: QComboBox, characters: int = 30, *, current_in_tooltip: bool = True) -> QComboBox:
    """Keep a combo box of names people typed (procedures, printers, scanners) from growing with its
    longest item.

    It asks for room for ``characters`` and takes more when the layout has it. Each item is whole in
    its own tooltip (the drop-down list is as wide as the combo) and, unless the combo has a tooltip
    of its own to keep, the current item is whole in the combo's.
    """
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)

    def explain_current() -> None:
        if current_in_tooltip:
            combo.setToolTip(combo.currentText())

    def explain(first: int, last: int) -> None:
        for row in range(first, last + 1):
            text = combo.itemText(row)
            if combo.itemData(row, Qt.ItemDataRole.ToolTipRole) != text:
                combo.setItemData(row, text, Qt.ItemDataRole.ToolTipRole)
        explain_current()  # the first item becomes current without a signal when the combo's are blocked

    combo.currentTextChanged.connect(explain_current)
    model = combo.model()
    model.rowsInserted.connect(lambda _parent, first, last: explain(first, last))
    model.dataChanged.connect(lambda top, bottom, _roles=(): explain(top.row(), bottom.row()))
    explain(0, combo.count() - 1)
    return combo


def show_text_starts(widget: QWidget) -> None:
    """Line edits filled by the program show the start of their text, as a person reads it: ``setText``
    leaves the cursor, and so the view, at the end ("…ụ hành chính công xã Ea Kar")."""
    from PySide6.QtWidgets import QLineEdit

    for edit in widget.findChildren(QLineEdit):
        if not edit.hasFocus():
            edit.setCursorPosition(0)


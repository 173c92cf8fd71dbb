"""Does a window fit a counter screen? Shared by the tests of the admin and the counter pages.

Counter screens are 1366×768, 1366×728 usable above the taskbar (PLATFORM.md, "Screens"). Offscreen
Qt has no real screen, so the tests resize the top-level window to that size and look at what is left
on it: a widget pushed below the window's edge, clipped by its parent or hidden in a scrolled-away area
is not there for the clerk.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

COUNTER_SCREEN = QSize(1366, 728)


def counter_screen(monkeypatch) -> None:
    """Make ``desk.ui.screen_fit`` see a counter's screen: offscreen Qt's only screen is 800×800."""
    from desk.ui import screen_fit

    monkeypatch.setattr(screen_fit, "available_size", lambda _widget=None: QSize(COUNTER_SCREEN))


def fits(size: QSize, screen: QSize = COUNTER_SCREEN) -> bool:
    return size.width() <= screen.width() and size.height() <= screen.height()


def describe(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    name = widget.objectName() or type(widget).__name__
    return f"{name} “{text[:40]}”" if text else name


def assert_minimum_fits(widget: QWidget, screen: QSize = COUNTER_SCREEN) -> None:
    """The smallest size the widget's layout accepts fits the screen (a window cannot be made smaller)."""
    hint = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    assert fits(hint, screen), (f"{describe(widget)} needs at least {hint.width()}×{hint.height()}, "
                                f"more than the screen's {screen.width()}×{screen.height()}")


def resize_to_screen(widget: QWidget, screen: QSize = COUNTER_SCREEN) -> None:
    """Give the top-level window the whole screen and let its layouts settle."""
    top = widget.window()
    top.resize(screen)
    QApplication.processEvents()
    QApplication.processEvents()


def shown_region(widget: QWidget) -> QRegion:
    """The part of ``widget`` on screen. ``visibleRegion`` leaves out what its own opaque children
    cover (all of a calendar, say): they are part of it, so their visible parts are added back."""
    region = QRegion(widget.visibleRegion())
    for child in widget.findChildren(QWidget):
        if child.isVisible() and not child.isWindow():
            region += child.visibleRegion().translated(child.mapTo(widget, QPoint(0, 0)))
    return region


def assert_fully_visible(widget: QWidget, screen: QSize = COUNTER_SCREEN) -> None:
    """``widget`` is shown whole: not hidden, not squeezed below what it needs (every line of a wrapped
    text), not clipped by a parent or a scroll area, inside its top-level window, and that window no
    larger than the screen."""
    what = describe(widget)
    assert widget.isVisible(), f"{what} is not visible"
    top = widget.window()
    assert fits(top.size(), screen), (f"{describe(top)} is {top.width()}×{top.height()}, larger than the screen "
                                      f"({screen.width()}×{screen.height()}): {what} may be off screen")
    least = widget.minimumSizeHint()
    assert widget.width() >= least.width() and widget.height() >= least.height(), (
        f"{what} is squeezed to {widget.width()}×{widget.height()}, below its least {least.width()}×{least.height()}")
    if widget.hasHeightForWidth():  # wrapped text: every line must be there
        needed = widget.heightForWidth(widget.width())
        assert widget.height() >= needed, f"{what} needs {needed} px of height at its width, has {widget.height()}"
    visible = shown_region(widget).boundingRect()
    assert visible.size() == widget.size(), (f"{what}: only {visible.width()}×{visible.height()} of "
                                             f"{widget.width()}×{widget.height()} is visible")
    if widget is not top:
        rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        assert top.rect().contains(rect), f"{what} at {rect} lies outside its window {top.rect()}"


def bring_to_front(widget: QWidget) -> None:
    """Make current every tab between ``widget`` and its window, as the clerk would by clicking them."""
    ancestor = widget.parentWidget()
    while ancestor is not None:
        if isinstance(ancestor, QTabWidget):
            for index in range(ancestor.count()):
                page = ancestor.widget(index)
                if page is widget or page.isAncestorOf(widget):
                    ancestor.setCurrentIndex(index)
        ancestor = ancestor.parentWidget()
    QApplication.processEvents()

"""Typing into Qt widgets the way a scanner or an IME does (PLATFORM.md: keyClicks is ASCII only)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def _send(target, key, text: str = "") -> None:
    if target is None:  # sendEvent(None) crashes the process instead of failing the test
        raise RuntimeError("no widget has the keyboard focus: activate the window first")
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def scanner_types(text: str, *, enter: bool = True) -> None:
    """Send ``text`` to the focus widget at scanner speed, one key event per character."""
    for ch in text:
        _send(QApplication.focusWidget(), Qt.Key.Key_unknown, ch)
    if enter:
        _send(QApplication.focusWidget(), Qt.Key.Key_Return, "\r")


def type_unicode(widget, text: str) -> None:
    """Type text (any script) into a widget as a person would, character by character."""
    widget.setFocus()
    for ch in text:
        _send(widget, Qt.Key.Key_unknown, ch)

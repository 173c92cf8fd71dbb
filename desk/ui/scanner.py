"""Recognising a handheld scanner in keyboard mode (DOMAIN.md §4).

A scanner "types" its whole code within a few milliseconds per character and ends with
Enter; a person types far slower. The detector watches key presses that reach the focus
widget inside its scope. Once four characters have come at scanner speed, and they begin
the way the codes we scan begin (digits: the ID card QR and the dossier code; "http": the
receipt QR), it swallows the rest, and on Enter it puts the field the burst landed in back
as it was before the burst and emits the code. A burst that stops without Enter is
reported as incomplete. Vietnamese input methods (Unikey, EVKey) may also send short fast
bursts when they rewrite a word; those begin with letters and are left alone.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

MAX_GAP_S = 0.035  # scanners send a character every 1–10 ms; typists need 80 ms or more
CONFIRM_CHARS = 4  # this many fast characters make a burst a scan


def begins_like_a_code(prefix: str) -> bool:
    """ID card QR (12 digits), dossier code (000.00.53.H16-…), receipt QR (http…)."""
    return prefix[:3].isdigit() or prefix.lower() == "http"[: len(prefix)]
INCOMPLETE_AFTER_MS = 400
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _text_state(widget: QWidget):
    if isinstance(widget, QLineEdit):
        return widget.text(), widget.cursorPosition()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText(), None
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.currentText(), None
    if isinstance(widget, QAbstractItemView):  # the first characters would type-to-search in a list
        return QPersistentModelIndex(widget.currentIndex()), None
    return None


def _restore(widget: QWidget, state) -> None:
    if state is None:
        return
    text, cursor = state
    if isinstance(widget, QLineEdit):
        widget.setText(text)
        widget.setCursorPosition(cursor)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setPlainText(text)
    elif isinstance(widget, QComboBox):
        widget.setEditText(text)
    elif isinstance(widget, QAbstractItemView) and text.isValid():
        widget.setCurrentIndex(widget.model().index(text.row(), text.column(), text.parent()))


class ScannerWedge(QObject):
    scanned = Signal(str)
    incomplete = Signal(str)

    def __init__(self, scope: QWidget, clock: Callable[[], float] = time.monotonic, exclude: QWidget | None = None):
        """``exclude``: a part of the scope with its own detector (the intake page inside the window)."""
        super().__init__(scope)
        self.scope = scope
        self.exclude = exclude
        self.clock = clock
        self._reset()
        self._incomplete_timer = QTimer(self)
        self._incomplete_timer.setSingleShot(True)
        self._incomplete_timer.setInterval(INCOMPLETE_AFTER_MS)
        self._incomplete_timer.timeout.connect(self._on_incomplete)
        QApplication.instance().installEventFilter(self)
        scope.destroyed.connect(self._uninstall)

    def _uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _reset(self) -> None:
        self._buffer = ""
        self._last = 0.0
        self._confirmed = False
        self._target: QWidget | None = None
        self._snapshot = None

    def _in_scope(self, obj: QObject) -> bool:
        if not isinstance(obj, QWidget) or obj is not QApplication.focusWidget():
            return False  # only the first delivery, to the focus widget, not propagations to parents
        if self.exclude is not None and self.exclude.isVisible() and (
                obj is self.exclude or self.exclude.isAncestorOf(obj)):
            return False
        return self.scope.isVisible() and (obj is self.scope or self.scope.isAncestorOf(obj))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self._in_scope(obj):
            return False
        now = self.clock()
        fast = self._buffer and now - self._last <= MAX_GAP_S
        if event.key() in ENTER_KEYS:
            if self._confirmed and fast:
                code, target, snapshot = self._buffer, self._target, self._snapshot
                self._incomplete_timer.stop()
                self._reset()
                _restore(target, snapshot)
                self.scanned.emit(code)
                return True
            self._reset()
            return False
        text = event.text()
        if text and all(unicodedata.category(ch) == "Zs" for ch in text):
            text = " "  # a non-breaking or other Unicode space a scanner or an input method sends between words
        if not text or not text.isprintable():
            return False
        if not fast:
            if self._confirmed:  # a burst stopped without Enter, then a new key came
                self._on_incomplete()
            self._reset()
            self._target = obj
            self._snapshot = _text_state(obj)
        self._buffer += text
        self._last = now
        if not self._confirmed and len(self._buffer) >= CONFIRM_CHARS:
            if not begins_like_a_code(self._buffer[:CONFIRM_CHARS]):
                self._reset()  # a fast typist or an input method, not a scanner
                return False
            self._confirmed = True
            _restore(self._target, self._snapshot)  # take back the first characters at once
        if self._confirmed:
            self._incomplete_timer.start()
            return True
        return False

    def _on_incomplete(self) -> None:
        if not self._confirmed:
            return
        partial, target, snapshot = self._buffer, self._target, self._snapshot
        self._incomplete_timer.stop()
        self._reset()
        _restore(target, snapshot)
        self.incomplete.emit(partial)

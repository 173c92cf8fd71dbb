"""Validation errors shown next to their fields, all at once, and cleared as each is fixed.

A clerk with a queue fixes a form in one pass: every problem the domain found is shown under its
own field (a red frame and a line of text), the message strip says how many, and each note goes
away as soon as its field is right again.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QBoxLayout, QFormLayout, QLabel, QLayout, QWidget

from desk.domain.errors import DomainError


def _layout_holding(widget: QWidget) -> tuple[QLayout | None, int]:
    """The layout that holds ``widget`` directly, and the widget's index in it."""
    parent = widget.parentWidget()
    stack = [parent.layout()] if parent is not None and parent.layout() is not None else []
    while stack:
        layout = stack.pop()
        index = layout.indexOf(widget)
        if index >= 0:
            return layout, index
        stack.extend(child for i in range(layout.count()) if (child := layout.itemAt(i).layout()) is not None)
    return None, -1


class FieldErrors:
    """``widgets``: field name (as DomainError.field names it) → the widget that edits it."""

    def __init__(self, widgets: dict[str, QWidget]):
        self.widgets = widgets
        self._labels: dict[str, QLabel] = {}
        self.shown: dict[str, str] = {}

    def show(self, errors: Iterable[DomainError]) -> list[DomainError]:
        """Show each error under its field (the notes shown before go); return those that name no
        known field, for the message strip."""
        self.clear()
        return [error for error in errors if not self.add(error)]

    def add(self, error: DomainError) -> bool:
        """Show one more error under its field; False when it names no known field."""
        widget = self.widgets.get(error.field or "")
        if widget is None:
            return False
        if error.field in self.shown:
            return True  # the first problem of a field is the one to fix first
        self.shown[error.field] = str(error)
        self._mark(widget, True, str(error))
        label = self._label_for(error.field, widget)
        if label is not None:
            label.setText(str(error))
            self._show_label(label, True)
        return True

    def forget(self, fields: Iterable[str]) -> None:
        """Fields whose widgets are about to be deleted (a procedure's own fields when it changes)."""
        for field in fields:
            self.shown.pop(field, None)
            self._labels.pop(field, None)
            self.widgets.pop(field, None)

    def keep_only(self, still_wrong: Iterable[DomainError]) -> None:
        """After an edit: drop the notes of fields that are right now; never add new ones while typing."""
        wrong = {error.field: str(error) for error in still_wrong}
        for field in list(self.shown):
            if field not in wrong:
                self._hide(field)
            elif wrong[field] != self.shown[field]:
                self.shown[field] = wrong[field]
                if field in self._labels:
                    self._labels[field].setText(wrong[field])

    def clear(self) -> None:
        for field in list(self.shown):
            self._hide(field)

    def _hide(self, field: str) -> None:
        self.shown.pop(field, None)
        widget = self.widgets.get(field)
        if widget is not None:
            self._mark(widget, False, "")
        label = self._labels.get(field)
        if label is not None:
            self._show_label(label, False)

    @staticmethod
    def _mark(widget: QWidget, invalid: bool, text: str) -> None:
        widget.setProperty("invalid", invalid)
        widget.setToolTip(text)
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    @staticmethod
    def _show_label(label: QLabel, visible: bool) -> None:
        layout, _index = _layout_holding(label)
        if isinstance(layout, QFormLayout):
            layout.setRowVisible(layout.getWidgetPosition(label)[0], visible)  # no empty row left behind
        else:
            label.setVisible(visible)

    def _label_for(self, field: str, widget: QWidget) -> QLabel | None:
        """The note under the field, made on first use in the layout that holds the field."""
        if field in self._labels:
            return self._labels[field]
        layout, index = _layout_holding(widget)
        if layout is None:
            return None
        label = QLabel(widget.parentWidget())
        label.setObjectName(f"fieldError_{field}")
        label.setProperty("fieldError", True)
        label.setWordWrap(True)
        if isinstance(layout, QFormLayout):
            row, _role = layout.getWidgetPosition(widget)
            layout.insertRow(row + 1, "", label)
        elif isinstance(layout, QBoxLayout):
            layout.insertWidget(index, label)  # above a table or a group: it stays in view
        else:
            return None
        self._labels[field] = label
        return label

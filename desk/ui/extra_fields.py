"""The widget a procedure's extra intake field becomes: one builder for the intake page and the
template editor's live preview, so the preview is the form the clerk will see."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desk.domain.procedure import ExtraField, FieldType


def extra_field_row(extra: ExtraField, parent: QWidget) -> tuple[QLabel, QComboBox | QLineEdit]:
    """A label (“ *” when required) and its input: a list for choices and yes/no, a line otherwise."""
    if extra.type in (FieldType.CHOICE, FieldType.YES_NO):
        widget: QComboBox | QLineEdit = QComboBox(parent)
        widget.addItems(["", *(extra.choices if extra.type is FieldType.CHOICE else ("Có", "Không"))])
    else:
        widget = QLineEdit(parent)
        widget.setPlaceholderText(extra.help or ("dd/mm/yyyy" if extra.type is FieldType.DATE else ""))
    widget.setObjectName(f"extra_{extra.key}")
    widget.setToolTip(extra.help)
    widget.setAccessibleName(extra.label)
    label = QLabel(extra.label + (" *" if extra.required else ""), parent)
    label.setBuddy(widget)
    return label, widget

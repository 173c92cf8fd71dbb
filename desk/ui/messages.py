"""The coloured message strip at the top of a page: error, warning, success or info."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel

KINDS = ("error", "warning", "success", "info")


def show(label: QLabel, kind: str, text: str, details: list[str] | tuple[str, ...] = ()) -> None:
    assert kind in KINDS
    html = escape(text)
    if details:
        html += "<ul style='margin:2px 0 0 -20px'>" + "".join(f"<li>{escape(d)}</li>" for d in details) + "</ul>"
    label.setProperty("kind", kind)
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(html)
    label.setVisible(True)


def hide(label: QLabel) -> None:
    label.setVisible(False)
    label.setText("")

"""The coloured message strip at the top of a page: error, warning, success or info."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel

KINDS = ("error", "warning", "success", "info")


def show(label: QLabel, kind: str, text: str, details: list[str] | tuple[str, ...] = (),
         actions: tuple[tuple[str, str], ...] = ()) -> None:
    """``actions``: (link name, label) pairs shown as links after the text; the label's
    ``linkActivated`` signal gives the link name."""
    assert kind in KINDS
    html = escape(text)
    if actions:
        html += " " + " · ".join(f"<a href='{escape(name)}'><b>{escape(label_)}</b></a>" for name, label_ in actions)
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

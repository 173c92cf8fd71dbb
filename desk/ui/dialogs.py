"""Small wrappers around dialogs so tests can replace them (STYLE.md: no modal traps)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def ask_save_pdf_path(parent: QWidget, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, parent.tr("Lưu biên nhận"), str(suggested),
                                          parent.tr("Tệp PDF (*.pdf)"))
    return Path(name) if name else None


def show_message(parent: QWidget, title: str, text: str, *, warning: bool = False) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setModal(True)
    box.show()  # non-blocking: the clerk keeps working, the box closes itself on OK

"""Small wrappers around dialogs so tests can replace them (STYLE.md: no modal traps)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def ask_save_pdf_path(parent: QWidget, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, parent.tr("Lưu biên nhận"), str(suggested),
                                          parent.tr("Tệp PDF (*.pdf)"))
    return Path(name) if name else None


def ask_save_pdf_copy(parent: QWidget, suggested: Path, title: str) -> Path | None:
    """Where to save a copy of any printout (receipt, form, ledger); always a ``.pdf`` name."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), parent.tr("Tệp PDF (*.pdf)"))
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def show_message(parent: QWidget, title: str, text: str, *, warning: bool = False) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setModal(True)
    box.show()  # non-blocking: the clerk keeps working, the box closes itself on OK


def ask_open_documents(parent: QWidget, folder: str = "") -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, parent.tr("Chọn tệp giấy tờ"), folder,
                                            parent.tr("Giấy tờ (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"))
    return [Path(name) for name in names]


def ask_folder(parent: QWidget, current: str = "") -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, parent.tr("Chọn thư mục nhận bản quét"), current)
    return Path(name) if name else None


def open_with_system(path: Path) -> bool:
    """Open a file in the system's viewer (a PDF reader); False when none would take it."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def ask_open_json(parent: QWidget, title: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", parent.tr("Tệp JSON (*.json)"))
    return Path(name) if name else None


def ask_save_json(parent: QWidget, title: str, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, parent.tr("Tệp JSON (*.json)"))
    return Path(name) if name else None


def confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask(parent: QWidget, title: str, text: str, yes: str, no: str, answered, *, name: str = "") -> QMessageBox:
    """A question that does not block: ``answered(True)`` when ``yes`` was chosen; the safe answer is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName(name or "questionBox")
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(no, QMessageBox.ButtonRole.RejectRole))
    box.finished.connect(lambda _result: answered(box.clickedButton() is accept))
    box.open()
    return box


def ask_close_with_unsaved(parent: QWidget, owner_name: str, answered) -> None:
    """Closing with a form half filled: ``answered(True)`` to close."""
    who = f" của {owner_name}" if owner_name else ""
    ask(parent, "Đóng phần mềm?", f"Hồ sơ{who} đang nhập dở, chưa lưu.\n\nNếu đóng, thông tin đã nhập (cả các trang "
        "đã quét) vẫn được giữ và sẽ được đề nghị khôi phục ở lần mở sau.", "Đóng phần mềm", "Quay lại", answered,
        name="closeUnsavedBox")


def ask_discard_draft(parent: QWidget, owner_name: str, answered) -> None:
    """Throwing away a waiting form for good: ``answered(True)`` to throw it away."""
    ask(parent, "Bỏ hồ sơ đang nhập dở?", f"Bỏ hẳn hồ sơ đang nhập dở của {owner_name}, cả các trang đã quét? "
        "Không khôi phục lại được.", "Bỏ hẳn", "Giữ lại", answered, name="discardDraftBox")


def ask_backup_folder(parent: QWidget, current: str = "") -> Path | None:
    """Where backups go: a folder on another disk, a USB stick or a network share."""
    name = QFileDialog.getExistingDirectory(parent, parent.tr("Chọn thư mục sao lưu (ổ khác, USB hoặc thư mục mạng)"),
                                            current)
    return Path(name) if name else None

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


def ask_settings_recovery(problem: str, has_good_copy: bool) -> str | None:
    """settings.json is damaged, before any window: say so in a window and ask what to start from.

    Returns "good" (the last good copy), "defaults", or None (close, change nothing). It runs before the
    event loop, so it is a modal box; tests replace this function."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 - a box needs an application
    from desk.ui.style import apply_style

    apply_style(app)
    box = QMessageBox(QMessageBox.Icon.Warning, "Tệp cài đặt bị hỏng",
                      f"{problem}\n\nTệp hỏng được giữ lại (đổi tên, không xóa) để quản trị viên xem. "
                      + ("Có thể mở phần mềm với bản cài đặt tốt gần nhất." if has_good_copy
                         else "Không có bản cài đặt tốt nào trước đó: có thể mở với cài đặt mặc định, rồi "
                              "quản trị viên khai báo lại quầy."))
    box.setObjectName("settingsRecoveryBox")
    good = box.addButton("Dùng bản cài đặt tốt gần nhất", QMessageBox.ButtonRole.AcceptRole) if has_good_copy else None
    defaults = box.addButton("Dùng cài đặt mặc định", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Đóng phần mềm", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return "good" if clicked is good and good is not None else "defaults" if clicked is defaults else None

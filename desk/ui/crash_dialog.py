"""An error nobody caught: logged with its traceback, and said to the clerk in a dialog whose report can be
copied for whoever supports the desk.

The report holds no personal data: an exception's message may carry a citizen's name, an ID number or a
statement with its parameters, and a frame's locals anything at all, so the report has the versions, the
exception's type and, per frame, only the file, the line and the function. The whole error goes to the
log, which stays on the counter's machine (docs/SECURITY.md).
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QSize, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .screen_fit import fit_dialog

log = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
MAX_CHAINED = 5  # causes followed from the error back ("during handling of…", "raised from…")
PREFERRED_SIZE = QSize(720, 460)


def _where(filename: str) -> str:
    """A frame's file without the folders above the program or the library: those name the machine's user."""
    path = Path(filename)
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except (ValueError, OSError):
        pass
    parts = path.parts
    if "site-packages" in parts:
        return "/".join(parts[len(parts) - parts[::-1].index("site-packages"):])
    return path.name


def _type_name(exc_type: type[BaseException]) -> str:
    module = exc_type.__module__
    return exc_type.__qualname__ if module == "builtins" else f"{module}.{exc_type.__qualname__}"


def _chain(error: BaseException | None) -> list[BaseException]:
    """The error, then what it was raised from or while handling, as far as MAX_CHAINED."""
    chain: list[BaseException] = []
    while error is not None and len(chain) < MAX_CHAINED and all(error is not seen for seen in chain):
        chain.append(error)
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    return chain


def _qt_versions() -> str:
    import PySide6
    from PySide6.QtCore import qVersion

    return f"Qt {qVersion()}, PySide6 {PySide6.__version__}"


@dataclass(frozen=True)
class CrashReport:
    """What may leave the machine: versions, the exception's type, and each frame's file, line and function."""

    text: str

    @classmethod
    def of(cls, exc_type: type[BaseException], error: BaseException | None, tb: TracebackType | None,
           thread_name: str = "") -> CrashReport:
        from desk import __version__

        lines = ["Một Cửa Desk — báo cáo lỗi",
                 f"Phiên bản: {__version__}",
                 f"Hệ điều hành: {platform.platform()}",
                 f"Python: {platform.python_version()} ({platform.python_implementation()})",
                 f"Giao diện: {_qt_versions()}",
                 f"Lúc (UTC): {datetime.now(UTC):%Y-%m-%d %H:%M:%S}",
                 f"Luồng: {thread_name or threading.current_thread().name}"]
        chain = _chain(error) or [None]
        for depth, link in enumerate(chain):
            link_type = type(link) if link is not None else exc_type
            link_tb = link.__traceback__ if link is not None and depth else tb
            lines += ["", ("Lỗi: " if depth == 0 else "Lỗi trước đó: ") + _type_name(link_type)]
            lines += [f"  {_where(frame.filename)}:{frame.lineno} trong {frame.name}"
                      for frame in traceback.extract_tb(link_tb)]
        return cls("\n".join(lines) + "\n")


class CrashDialog(QDialog):
    """Tells the clerk something went wrong, that the desk goes on, and offers the report to copy."""

    def __init__(self, report: CrashReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Lỗi không mong muốn"))
        self.report = report
        self.repeats = 1
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "<b>Phần mềm vừa gặp một lỗi không mong muốn.</b><br>Thao tác vừa rồi có thể chưa hoàn tất: hãy xem "
            "lại trước khi làm tiếp. Các hồ sơ đã lưu trước đó không bị ảnh hưởng.<br>Nếu lỗi lặp lại, hãy bấm "
            "“Sao chép báo cáo” và gửi cho quản trị viên. Báo cáo không chứa thông tin của công dân; chi tiết "
            "đã ghi vào nhật ký của phần mềm."), self)
        intro.setObjectName("crashIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.report_view = QPlainTextEdit(report.text, self)
        self.report_view.setObjectName("crashReport")
        self.report_view.setReadOnly(True)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.report_view, 1)
        self.note = QLabel("", self)
        self.note.setObjectName("crashNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(self)
        self.copy_button = buttons.addButton(self.tr("Sao chép báo cáo"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("crashCopyButton")
        self.close_button = buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setObjectName("crashCloseButton")
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_dialog(self, PREFERRED_SIZE)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.text)
        self.note.setText(self.tr("Đã sao chép báo cáo. Dán vào tin nhắn hoặc thư gửi quản trị viên."))

    def another(self, report: CrashReport) -> None:
        """A further error while the dialog is open: the newest report, and how many there were."""
        self.report, self.repeats = report, self.repeats + 1
        self.report_view.setPlainText(report.text)
        self.note.setText(self.tr("Đã gặp %n lỗi từ khi hộp thoại này mở; báo cáo là của lỗi mới nhất.", "",
                                  self.repeats))


class CrashReporter(QObject):
    """Installed as ``sys.excepthook`` and ``threading.excepthook``: logs an uncaught error, then shows it
    on the GUI thread (a worker's error arrives through a queued signal)."""

    crashed = Signal(object)  # CrashReport

    def __init__(self, window: QWidget | None = None):
        super().__init__(QApplication.instance())
        self.window = window
        self.dialog: CrashDialog | None = None
        self._previous = (sys.excepthook, threading.excepthook)
        self.crashed.connect(self._show)

    def install(self) -> CrashReporter:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def excepthook(self, exc_type: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        self.report(exc_type, error, tb, threading.current_thread().name)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        self.report(args.exc_type, args.exc_value, args.exc_traceback, args.thread.name if args.thread else "")

    def report(self, exc_type: type[BaseException], error: BaseException | None, tb: TracebackType | None,
               thread_name: str = "") -> None:
        if issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
            sys.__excepthook__(exc_type, error, tb)
            return
        log.critical("unexpected error (thread %s)", thread_name, exc_info=(exc_type, error, tb))
        try:
            self.crashed.emit(CrashReport.of(exc_type, error, tb, thread_name))
        except Exception:  # noqa: BLE001 - the report itself failed: the log above has the error
            log.exception("crash report not shown")

    @Slot(object)
    def _show(self, report: CrashReport) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.another(report)
            return
        self.dialog = CrashDialog(report, self.window if self.window is not None and self.window.isVisible()
                                  else None)
        self.dialog.open()


def install_crash_hooks(window: QWidget | None = None) -> CrashReporter:
    """From now on an uncaught error, on any thread, is logged and shown instead of ending the desk."""
    return CrashReporter(window).install()

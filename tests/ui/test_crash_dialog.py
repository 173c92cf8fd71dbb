"""An error nobody caught (desk/ui/crash_dialog.py): logged with its traceback, shown in a dialog whose
report can be copied and holds nothing about the citizen, and the desk goes on working.

pytest-qt catches errors raised in Qt slots itself; these tests switch that off to let the desk's own hook
see them (``qt_no_exception_capture``)."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from desk.ui.crash_dialog import install_crash_hooks
from tests.support.screen import assert_fully_visible, counter_screen, fits

CITIZEN, ID_NUMBER = "Nguyễn Thị Hoa", "066195012345"


class CitizenFormError(ValueError):
    pass


def save_citizen() -> None:
    raise CitizenFormError(f"không lưu được hồ sơ của {CITIZEN}, số định danh {ID_NUMBER}")


@pytest.fixture
def counter(qtbot, monkeypatch):
    counter_screen(monkeypatch)
    window = QWidget()
    window.setWindowTitle("Quầy")
    button = QPushButton("Lưu", window)
    QVBoxLayout(window).addWidget(button)
    button.clicked.connect(save_citizen)
    qtbot.addWidget(window)
    window.show()
    reporter = install_crash_hooks(window)
    yield window, button, reporter
    reporter.uninstall()
    if reporter.dialog is not None:
        reporter.dialog.close()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_shown_without_the_citizen_s_data(qtbot, counter, caplog):
    window, button, reporter = counter
    with caplog.at_level(logging.CRITICAL, logger="desk.ui.crash_dialog"):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    report = dialog.report.text
    assert "test_crash_dialog.CitizenFormError" in report
    assert "tests/ui/test_crash_dialog.py:" in report and "trong save_citizen" in report
    for line in ("Phiên bản: ", "Hệ điều hành: ", "Python: ", "Giao diện: Qt "):
        assert line in report
    assert CITIZEN not in report and ID_NUMBER not in report and "không lưu được" not in report
    assert dialog.report_view.toPlainText() == report
    # The log keeps the whole error, on this machine only.
    assert "unexpected error" in caplog.text and "Traceback" in caplog.text and "save_citizen" in caplog.text

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == report and "Đã sao chép" in dialog.note.text()
    assert fits(dialog.size())
    for widget in (dialog.copy_button, dialog.close_button, dialog.report_view):
        assert_fully_visible(widget)

    button.click()  # the desk goes on: the same error again reaches the open dialog
    assert dialog.repeats == 2 and "2 lỗi" in dialog.note.text()
    dialog.close_button.click()
    assert not dialog.isVisible() and window.isVisible()


@pytest.mark.qt_no_exception_capture
def test_an_error_on_another_thread_reaches_the_dialog_on_the_gui_thread(qtbot, counter, caplog):
    _window, _button, reporter = counter
    worker = threading.Thread(target=save_citizen, name="desk-test-worker")
    with caplog.at_level(logging.CRITICAL, logger="desk.ui.crash_dialog"):
        worker.start()
        worker.join(5)
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    report = reporter.dialog.report.text
    assert "Luồng: desk-test-worker" in report and "CitizenFormError" in report and ID_NUMBER not in report
    assert "thread desk-test-worker" in caplog.text

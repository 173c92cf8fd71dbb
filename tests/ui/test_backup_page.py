"""The backup page and the start-up's restore offer, in a real window over a real desk, at a counter's screen.

Most tests put a page of their own in the window's page stack (so that its scheduler is theirs to wait for);
the last ones open the window's own admin pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desk.settings import load_settings
from desk.ui import dialogs
from desk.ui.backup_page import BackupPage, BackupScheduler, offer_restore
from desk.ui.desk_ref import DeskRef
from tests.conftest import CLERK
from tests.support.screen import assert_fully_visible, assert_minimum_fits, counter_screen, resize_to_screen
from tests.support.workers import sample_request
from tests.ui.conftest import wait_idle

LONG_PATH = "/media/usb/" + "ThuMucSaoLuuCuaTrungTamPhucVuHanhChinhCong" * 6


def receive(desk, n: int = 1) -> list[str]:
    request, version = sample_request(desk)
    return [desk.intake.receive(request, procedure_version=version, actor=CLERK).code for _ in range(n)]


@pytest.fixture
def page(qtbot, window):
    page = BackupPage(window.desk, window.runner, window.signals)
    window.ui.pages.addWidget(page)
    window.ui.pages.setCurrentWidget(page)
    page.start()
    yield page
    qtbot.waitUntil(lambda: page.scheduler.runner.idle, timeout=20_000)
    wait_idle(qtbot, window)
    page.scheduler.stop()


def wait_listed(qtbot, page, rows: int) -> None:
    qtbot.waitUntil(lambda: page.scheduler.runner.idle and page.table.rowCount() == rows, timeout=20_000)


def test_back_up_now_lists_the_checked_backup_and_warns_about_the_same_disk(qtbot, page, desk):
    wait_listed(qtbot, page, 0)
    assert page.warningLabel.isVisible() and "cùng ổ đĩa" in page.warningLabel.text()
    assert page.statusLabel.text() == "Chưa sao lưu lần nào trên máy này."
    receive(desk, 2)
    with qtbot.waitSignal(page.scheduler.finished, timeout=30_000) as finished:
        qtbot.mouseClick(page.backupNowButton, Qt.MouseButton.LeftButton)
    assert finished.args[0].ok
    wait_listed(qtbot, page, 1)
    assert page.table.item(0, 2).text().startswith("✔ Đã kiểm tra") and page.table.item(0, 3).text() == "2"
    assert "Đã sao lưu và kiểm tra" in page.messageLabel.text()
    assert page.statusLabel.text().endswith("đã kiểm tra.")
    assert page.backupNowButton.isEnabled() and not page.restoreButton.isEnabled()
    page.table.selectRow(0)
    assert page.restoreButton.isEnabled()


def test_the_folder_and_the_schedule_are_saved_from_the_page(qtbot, page, desk, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(dialogs, "ask_backup_folder", lambda _parent, _current: usb)
    qtbot.mouseClick(page.chooseFolderButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.folderEdit.text() == str(usb), timeout=10_000)
    assert load_settings(desk.paths.settings).backup_folder == str(usb)
    page.timesEdit.setText("25:00")
    qtbot.mouseClick(page.saveSettingsButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "GG:PP" in page.messageLabel.text(), timeout=10_000)
    assert page.messageLabel.property("kind") == "error"
    page.timesEdit.setText("11:45; 16:45")
    page.keepDailySpin.setValue(10)
    page.allFilesCheck.setChecked(True)
    qtbot.mouseClick(page.saveSettingsButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Đã lưu lịch sao lưu" in page.messageLabel.text(), timeout=10_000)
    saved = load_settings(desk.paths.settings)
    assert (saved.backup_times, saved.backup_keep_daily, saved.backup_all_files) == (["11:45", "16:45"], 10, True)
    assert page.timesEdit.text() == "11:45, 16:45"


def test_restore_asks_first_then_puts_the_backup_back(qtbot, page, desk):
    receive(desk, 2)
    assert desk.backup.create().ok
    receive(desk, 3)
    page.refresh()
    wait_listed(qtbot, page, 1)
    page.table.selectRow(0)
    qtbot.mouseClick(page.restoreButton, Qt.MouseButton.LeftButton)
    box = page.confirm_box
    assert isinstance(box, QMessageBox) and box.isVisible() and "truoc-khi-khoi-phuc-" in box.text()
    [keep, _go] = sorted(box.buttons(), key=lambda b: b.text() == "Khôi phục")
    keep.click()
    assert desk.dossiers.count() == 5, "“Không khôi phục” changes nothing"
    qtbot.mouseClick(page.restoreButton, Qt.MouseButton.LeftButton)
    [_keep, go] = sorted(page.confirm_box.buttons(), key=lambda b: b.text() == "Khôi phục")
    heard = []
    page.about_to_restore.connect(lambda: heard.append("about to restore"))
    page.restored.connect(lambda result: heard.append(result))
    with qtbot.waitSignal(page.restored, timeout=30_000):
        go.click()
    assert heard[0] == "about to restore", "the window hears first, to stop the sync worker"
    assert desk.dossiers.count() == 2 and heard[1].aside.name.startswith("truoc-khi-khoi-phuc-")
    assert "Hãy đóng và mở lại phần mềm" in page.messageLabel.text()


def test_the_page_fits_a_counter_screen_with_long_paths_and_messages(qtbot, page, window, desk, monkeypatch):
    counter_screen(monkeypatch)
    desk.settings_store.update(backup_folder=LONG_PATH)
    page.start()
    wait_listed(qtbot, page, 0)
    from desk.ui import messages

    messages.show(page.warningLabel, "warning", f"Bản sao lưu đang nằm cùng ổ đĩa với dữ liệu ({LONG_PATH}).")
    messages.show(page.messageLabel, "error", "Sao lưu không thành công: " + "Ổ đĩa đã đầy khi ghi vào " + LONG_PATH)
    assert_minimum_fits(window)
    resize_to_screen(window)
    for widget in (page.backupNowButton, page.restoreButton, page.refreshButton, page.chooseFolderButton,
                   page.saveSettingsButton, page.timesEdit, page.keepMonthlySpin, page.messageLabel):
        assert_fully_visible(widget)
    assert page.table.height() >= 4 * page.table.verticalHeader().defaultSectionSize(), "room for a few backups"


def test_the_start_up_offer_restores_with_an_admin_of_the_backup(qtbot, window, desk, monkeypatch):
    counter_screen(monkeypatch)
    desk.users.create_first_admin("qtv", "Trần Quản Trị", "quan-tri-dak-lak")
    receive(desk, 2)
    assert desk.backup.create().ok
    receive(desk, 1)
    desk.db.dispose()
    # The start-up could not open the database: no services, nobody signed in.
    broken = DeskRef(desk.paths, desk.settings_store, lambda: (_ for _ in ()).throw(RuntimeError("hỏng")))
    problem = "Cơ sở dữ liệu của máy quầy bị hỏng: phần đầu tệp cơ sở dữ liệu đã bị ghi đè. " * 3
    dialog = offer_restore(window, broken, window.runner, problem)
    qtbot.waitUntil(lambda: dialog.backupList.count() == 1, timeout=10_000)
    assert dialog.isVisible() and dialog.restoreButton.isEnabled() and dialog.usernameEdit.isVisible()
    assert "phần đầu tệp" in dialog.problemLabel.text()
    for widget in (dialog.restoreButton, dialog.buttonBox, dialog.backupList, dialog.passwordEdit):
        assert_fully_visible(widget)
    dialog.usernameEdit.setText("qtv")
    dialog.passwordEdit.setText("sai-mat-khau")
    qtbot.mouseClick(dialog.restoreButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Sai tên đăng nhập" in dialog.errorLabel.text(), timeout=20_000)
    assert dialog.isVisible() and not list(Path(desk.paths.data_dir).glob(".khoi-phuc-*"))
    assert_fully_visible(dialog.restoreButton)
    dialog.passwordEdit.setText("quan-tri-dak-lak")
    with qtbot.waitSignal(dialog.restored, timeout=30_000) as restored:
        qtbot.mouseClick(dialog.restoreButton, Qt.MouseButton.LeftButton)
    assert restored.args[0].dossiers == 2 and not dialog.isVisible()
    assert desk.dossiers.count() == 2


def test_the_scheduler_backs_up_when_due_and_not_again(qtbot, desk):
    ref = DeskRef.of(desk)
    scheduler = BackupScheduler(ref)
    try:
        with qtbot.waitSignal(scheduler.finished, timeout=30_000) as finished:
            scheduler.check()
        assert finished.args[0].ok and not scheduler.running
        with qtbot.assertNotEmitted(scheduler.started, wait=300):
            scheduler.check()
            qtbot.waitUntil(lambda: scheduler.runner.idle, timeout=5_000)
    finally:
        scheduler.stop()


def test_the_window_offers_the_restore_when_its_database_turns_out_damaged(qtbot, tmp_path, clock):
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.ui.main_window import MainWindow
    from tests.conftest import SUPERVISOR, make_desk
    from tests.unit.test_backup import damage_middle

    desk = make_desk(tmp_path / "data", clock)
    receive(desk, 60)
    assert desk.backup.create().ok
    desk.db.dispose()
    damage_middle(desk.paths.database)
    ref = DeskRef(DeskPaths(tmp_path / "data"), desk.settings_store,
                  lambda: open_desk(desk.paths, desk.settings_store, clock))
    ref.sign_in(SUPERVISOR)
    window = MainWindow(ref)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.restore_offer is not None and window.restore_offer.isVisible(), timeout=30_000)
    assert "bị hỏng" in window.restore_offer.problemLabel.text()
    assert not window.intake.ui.saveButton.isEnabled()  # no intake on a damaged database
    assert "bị hỏng" in window.intake.ui.messageLabel.text()
    window.restore_offer.reject()
    window.close_keeping_drafts()


def test_backup_and_audit_are_admin_pages_of_the_window(qtbot, window, desk):
    from desk.ui.navigation import PageId

    page = window.open_page(PageId.AUDIT)
    qtbot.waitUntil(lambda: "Nhật ký nguyên vẹn" in page.resultLabel.text(), timeout=10_000)
    assert page.table.rowCount() >= 1
    backup = window.open_page(PageId.BACKUP)
    assert backup.objectName() and backup.isVisible()
    qtbot.waitUntil(lambda: backup.scheduler.runner.idle, timeout=20_000)

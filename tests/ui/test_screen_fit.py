"""Every admin page, dialog and the lock panel fits a counter screen (1366×728 usable), in every state:
as opened, with long names, with a long message or a validation error shown.

Each check goes through the real window: the page opened from the navigation, the dialog opened by
its button, the error raised by a real bad input.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from desk.domain.agency import AgencyIdentity
from desk.domain.users import Actor, Role
from tests.conftest import ADMIN, AGENCY
from tests.support.screen import (
    assert_fully_visible,
    assert_minimum_fits,
    bring_to_front,
    counter_screen,
    fits,
    resize_to_screen,
)
from tests.ui.conftest import wait_idle

LONG_UNIT_NAME = ("Trung tâm Phục vụ hành chính công xã Ea Kar, huyện Ea Kar, tỉnh Đắk Lắk (cơ sở 2) — " * 4)[:300]
LONG_PROCEDURE_NAME = ("Cấp bản sao trích lục hộ tịch, bản sao giấy khai sinh và chứng thực chữ ký "
                       "trong các giấy tờ, văn bản " * 3)[:199] + "."
LONG_MESSAGE = ("Không lưu được vì máy chủ tỉnh từ chối: hồ sơ này đã được một quầy khác tiếp nhận trước, "
                "hãy tải lại danh sách rồi thử lại; nếu vẫn lỗi, báo quản trị viên kiểm tra kết nối. ") * 4
# A path has no space to wrap at: a label showing it must not push the window past the screen.
LONG_PATH_MESSAGE = "Đã xuất danh mục ra C:\\DuLieuMotCua\\" + "XuatDanhMucThuTucHanhChinhCapXa" * 8 + ".json"
ADMIN_PASSWORD = "quan-tri-dak-lak"
assert len(LONG_UNIT_NAME) == 300 and len(LONG_PROCEDURE_NAME) == 200


@pytest.fixture
def counter_window(window, monkeypatch):
    """The main window as on a counter screen: 1366×728 above the taskbar, and dialogs sized for it."""
    counter_screen(monkeypatch)
    resize_to_screen(window)
    return window


def show_message(label, text: str, kind: str = "error") -> None:
    """Put ``text`` in a message strip; in a dialog, let the dialog make room as it does for its own
    messages."""
    from desk.ui import messages
    from desk.ui.screen_fit import grow_to_show

    messages.show(label, kind, text)
    if isinstance(label.window(), QDialog):
        grow_to_show(label.window())


def assert_window_fits(window, *primary) -> None:
    assert_minimum_fits(window)
    resize_to_screen(window)
    for widget in primary:
        assert_fully_visible(widget)


def assert_opens_within_the_screen(dialog) -> None:
    assert fits(dialog.size()), f"{dialog.objectName()} opened at {dialog.width()}×{dialog.height()}"


def assert_dialog_fits(dialog, *primary) -> None:
    """The dialog can be no larger than the screen and shows its buttons and messages whole: at the
    size it has (as opened, or grown for a message), and at the counter screen's size."""
    assert_minimum_fits(dialog)
    QApplication.processEvents()
    for widget in primary:
        assert_fully_visible(widget)
    size = dialog.size()
    resize_to_screen(dialog)
    for widget in primary:
        assert_fully_visible(widget)
    dialog.resize(size)  # the next state starts from the size the dialog chose, not the screen's


# -- the pages ------------------------------------------------------------------------------------
def test_the_calendar_page_fits_with_its_buttons_in_view(qtbot, counter_window):
    from desk.ui.navigation import PageId

    window = counter_window
    page = window.open_page(PageId.CALENDAR)
    qtbot.waitUntil(lambda: page.calendar is not None and page.procedureCombo.count() > 0, timeout=10_000)
    buttons = (page.importButton, page.exportButton, page.addDayOffButton, page.addWorkingDayButton,
               page.clearDayButton)
    assert_window_fits(window, *buttons, page.monthView, page.holidaysTable)
    bring_to_front(page.saveHoursButton)
    assert_window_fits(window, page.saveHoursButton, page.cutoffEdit, page.hoursTable, *buttons)
    bring_to_front(page.procedureCombo)
    assert_window_fits(window, page.procedureCombo, page.receivedEdit, page.appointmentLabel, *buttons)
    bring_to_front(page.saveHoursButton)

    page.hoursTable.item(0, 0).setText("bảy giờ rưỡi")  # a real validation error
    page.save_hours()
    assert "07:30-11:30" in page.messageLabel.text()
    assert_window_fits(window, page.messageLabel, page.saveHoursButton, *buttons)
    for text in (LONG_MESSAGE, LONG_PATH_MESSAGE):
        show_message(page.messageLabel, text)
        assert_window_fits(window, page.messageLabel, page.saveHoursButton, *buttons)


def test_the_calendar_page_fits_with_a_long_procedure_name(qtbot, counter_window, desk):
    from desk.ui.navigation import PageId

    entry = desk.catalog.search("", limit=1)[0]
    desk.catalog.save(replace(entry.template, name=LONG_PROCEDURE_NAME), actor=ADMIN)
    page = counter_window.open_page(PageId.CALENDAR)
    qtbot.waitUntil(lambda: page.procedureCombo.count() > 0, timeout=10_000)
    combo = page.procedureCombo
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i).code == entry.template.code))
    assert LONG_PROCEDURE_NAME in page.procedureCombo.currentText()
    bring_to_front(page.procedureCombo)
    assert_window_fits(counter_window, page.procedureCombo, page.appointmentLabel, page.addDayOffButton)
    assert page.procedureCombo.toolTip() == page.procedureCombo.currentText()  # the whole name, when cut short


def test_the_templates_page_fits_with_a_long_procedure_name_and_messages(qtbot, counter_window, desk, tmp_path,
                                                                        monkeypatch):
    from desk.ui import dialogs
    from desk.ui.navigation import PageId

    entry = desk.catalog.search("", limit=1)[0]
    desk.catalog.save(replace(entry.template, name=LONG_PROCEDURE_NAME), actor=ADMIN)
    window = counter_window
    page = window.open_page(PageId.TEMPLATES)
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=10_000)
    page.select_code(entry.template.code)
    qtbot.waitUntil(lambda: page.versionsList.count() == 2, timeout=10_000)
    buttons = (page.newButton, page.editButton, page.retireButton, page.deleteButton, page.importButton,
               page.exportButton, page.offerButton)
    assert_window_fits(window, *buttons, page.table, page.diffView)
    # The procedure's name keeps the widest column, whatever the length of the sector names.
    widths = [page.table.columnWidth(column) for column in range(page.table.columnCount())]
    assert widths[1] == max(widths), widths

    bad = json.loads(desk.catalog.export_text())
    bad["procedures"][1]["fee"]["kind"] = "mien_phi"  # a real validation error, with its line and field
    path = tmp_path / "hong.json"
    path.write_text(json.dumps(bad, ensure_ascii=False, indent=2), encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_open_json", lambda *_a: path)
    page.importButton.click()
    qtbot.waitUntil(lambda: "fee.kind" in page.messageLabel.text(), timeout=10_000)
    assert_window_fits(window, page.messageLabel, *buttons)
    for text in (LONG_MESSAGE, LONG_PATH_MESSAGE):
        show_message(page.messageLabel, text)
        assert_window_fits(window, page.messageLabel, *buttons)


def test_the_users_page_fits_with_a_long_message(qtbot, counter_window, desk):
    from desk.ui.navigation import PageId

    admin = desk.users.create_first_admin("qtv", "Trần Quản Trị", ADMIN_PASSWORD)
    counter_window.lock_overlay.panel.signed_in.emit(admin)
    page = counter_window.open_page(PageId.USERS)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    buttons = (page.addUserButton, page.editUserButton, page.resetPasswordButton, page.unlockButton)
    assert_window_fits(counter_window, *buttons, page.table)
    for text in (LONG_MESSAGE, LONG_PATH_MESSAGE):
        show_message(page.messageLabel, text)
        assert_window_fits(counter_window, page.messageLabel, *buttons)


def test_the_agency_page_and_dialog_fit_with_a_300_character_unit_name(qtbot, counter_window, desk):
    from desk.ui.navigation import PageId

    desk.agency.save(AgencyIdentity(**{**AGENCY, "unit_name": LONG_UNIT_NAME}), actor=ADMIN)
    window = counter_window
    window.refresh_identity()
    wait_idle(qtbot, window)
    page = window.open_page(PageId.AGENCY)
    assert LONG_UNIT_NAME in page.summary.text()
    assert_window_fits(window, page.edit_button, page.summary)  # the status bar names the unit too
    window.ask_agency()
    dialog = window.agency_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.ui.unitEdit.text() == LONG_UNIT_NAME
    assert_opens_within_the_screen(dialog)
    assert_dialog_fits(dialog, *dialog.ui.buttonBox.buttons(), dialog.ui.unitEdit)


# -- the dialogs ----------------------------------------------------------------------------------
def test_the_agency_dialog_fits_and_shows_its_error_with_the_buttons(qtbot, counter_window):
    window = counter_window
    window.ask_agency()
    dialog = window.agency_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert_opens_within_the_screen(dialog)
    save = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    assert_dialog_fits(dialog, *dialog.ui.buttonBox.buttons(), dialog.ui.codeEdit, dialog.ui.receiptFormEdit)

    dialog.ui.codeEdit.clear()  # a real validation error: the agency code is required
    save.click()
    assert dialog.ui.errorLabel.isVisible() and dialog.ui.errorLabel.text()
    assert_dialog_fits(dialog, dialog.ui.errorLabel, *dialog.ui.buttonBox.buttons())
    for text in (LONG_MESSAGE, LONG_PATH_MESSAGE):
        show_message(dialog.ui.errorLabel, text)
        assert_dialog_fits(dialog, dialog.ui.errorLabel, *dialog.ui.buttonBox.buttons())


def open_editor(qtbot, page, code: str | None):
    if code is None:
        page.newButton.click()
    else:
        page.select_code(code)
        page.editButton.click()
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible(), timeout=10_000)
    assert_opens_within_the_screen(page.editor)
    return page.editor


def assert_editor_fits(editor) -> None:
    """Each tab with its row buttons, the live preview and the save buttons."""
    from PySide6.QtWidgets import QPushButton

    assert_dialog_fits(editor, *editor.buttonBox.buttons(), editor.previewGroup)
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        tab = editor.tabs.currentWidget()
        shown = [b for b in tab.findChildren(QPushButton) if b.isVisibleTo(tab)]
        assert_dialog_fits(editor, *shown, *editor.buttonBox.buttons(), editor.previewGroup)
    editor.tabs.setCurrentIndex(0)


def test_the_template_editor_opens_within_the_screen_with_its_preview(qtbot, counter_window, desk):
    from desk.ui.navigation import PageId

    entry = desk.catalog.search("", limit=1)[0]
    desk.catalog.save(replace(entry.template, name=LONG_PROCEDURE_NAME), actor=ADMIN)
    page = counter_window.open_page(PageId.TEMPLATES)
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=10_000)
    editor = open_editor(qtbot, page, entry.template.code)
    assert editor.nameEdit.text() == LONG_PROCEDURE_NAME
    editor.update_preview()
    assert_editor_fits(editor)
    editor.reject()

    editor = open_editor(qtbot, page, None)
    assert_editor_fits(editor)
    editor.save()  # a real validation error: nothing typed yet
    assert editor.errorLabel.isVisible() and editor.errorLabel.text()
    assert_dialog_fits(editor, editor.errorLabel, *editor.buttonBox.buttons(), editor.previewGroup)
    show_message(editor.errorLabel, LONG_MESSAGE)
    show_message(editor.previewError, LONG_PATH_MESSAGE, "warning")
    assert_dialog_fits(editor, editor.errorLabel, *editor.buttonBox.buttons())


def test_the_import_preview_fits_with_long_procedure_names(qtbot, counter_window, desk, tmp_path, monkeypatch):
    from desk.ui import dialogs
    from desk.ui.navigation import PageId

    page = counter_window.open_page(PageId.TEMPLATES)
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=10_000)
    data = json.loads(desk.catalog.export_text())
    for procedure in data["procedures"][:5]:
        procedure["name"] = LONG_PROCEDURE_NAME
    path = tmp_path / "danh-muc.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_open_json", lambda *_a: path)
    page.importButton.click()
    qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=10_000)
    dialog = page.preview_dialog
    assert_opens_within_the_screen(dialog)
    assert LONG_PROCEDURE_NAME in dialog.details.toPlainText()
    assert_dialog_fits(dialog, dialog.applyButton, dialog.details)
    dialog.reject()


def test_the_user_dialogs_fit_and_show_their_errors_with_the_buttons(qtbot, counter_window, desk):
    from desk.ui.navigation import PageId

    admin = desk.users.create_first_admin("qtv", "Trần Quản Trị", ADMIN_PASSWORD)
    desk.users.create_user(admin, "ntmai", "Nguyễn Thị Mai " + LONG_UNIT_NAME[:150], Role.CLERK, "tam-thoi-mot-cua")
    counter_window.lock_overlay.panel.signed_in.emit(admin)
    page = counter_window.open_page(PageId.USERS)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)

    page.addUserButton.click()
    dialog = page.dialog
    assert_opens_within_the_screen(dialog)
    assert_dialog_fits(dialog, *dialog.buttonBox.buttons(), dialog.passwordEdit)
    dialog.usernameEdit.setText("lvtam")
    dialog.fullNameEdit.setText(LONG_UNIT_NAME)
    dialog.passwordEdit.setText("1234")  # a real validation error: too short
    dialog.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: "ít nhất 8 ký tự" in dialog.errorLabel.text(), timeout=10_000)
    assert_dialog_fits(dialog, dialog.errorLabel, *dialog.buttonBox.buttons())
    for text in (LONG_MESSAGE, LONG_PATH_MESSAGE):
        show_message(dialog.errorLabel, text)
        assert_dialog_fits(dialog, dialog.errorLabel, *dialog.buttonBox.buttons())
    dialog.reject()

    page.table.selectRow([page.table.item(r, 0).text() for r in range(2)].index("ntmai"))
    page.editUserButton.click()
    dialog = page.dialog
    assert_opens_within_the_screen(dialog)
    assert_dialog_fits(dialog, *dialog.buttonBox.buttons(), dialog.activeCheck)
    dialog.reject()
    page.resetPasswordButton.click()
    dialog = page.dialog
    assert_opens_within_the_screen(dialog)
    assert_dialog_fits(dialog, *dialog.buttonBox.buttons(), dialog.passwordEdit)
    show_message(dialog.errorLabel, LONG_PATH_MESSAGE)
    assert_dialog_fits(dialog, dialog.errorLabel, *dialog.buttonBox.buttons())
    dialog.reject()


def test_the_scanner_dialog_fits_with_long_names_and_messages(qtbot, counter_window, desk, tmp_path, monkeypatch):
    from desk.services.digitization import ScannerProfile, ScanSettings
    from tests.support.sane import make_sane_config, sane_available

    if sane_available():  # only SANE's test device: no search of the machine's real scanners
        monkeypatch.setenv("SANE_CONFIG_DIR", str(make_sane_config(tmp_path / "sane")))
    long_device = "net:192.168.1.20:airscan:e0:" + "HP_Color_LaserJet_MFP_M283fdw_" * 5
    desk.digitization.save_profile(ScannerProfile("Máy quét quầy 1 — " + LONG_PROCEDURE_NAME, "sane", long_device,
                                                  ScanSettings(200, "gray", "flatbed")))
    page = counter_window.intake
    page.digitization.open_scanner_settings()
    dialog = page.digitization.scanner_dialog
    qtbot.waitUntil(lambda: dialog.ui.findButton.isEnabled(), timeout=20_000)
    assert_opens_within_the_screen(dialog)
    ui = dialog.ui
    primary = (*ui.buttonBox.buttons(), ui.findButton, ui.folderButton, ui.separatorButton, ui.deleteButton)
    assert_dialog_fits(dialog, *primary, ui.messageLabel)
    for text in (LONG_MESSAGE, LONG_PATH_MESSAGE):
        dialog.message("error", text)
        assert_dialog_fits(dialog, ui.messageLabel, *primary)
    dialog.reject()


# -- the lock overlay -----------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["first_admin", "sign_in", "locked", "change_password"])
def test_the_lock_panel_fits_in_each_mode_with_its_error(qtbot, counter_window, mode):
    from desk.ui.sign_in import PanelMode

    window, mode = counter_window, PanelMode(mode)
    if mode is PanelMode.LOCKED:
        window.lock()
    else:
        window.lock_overlay.show_mode(mode)
    panel = window.lock_overlay.panel
    shown = [panel.okButton, panel.passwordEdit] + ([panel.otherUserButton] if mode is PanelMode.LOCKED else [])
    assert_window_fits(window, panel, panel.introLabel, *shown)
    panel.passwordEdit.setText("mot-mat-khau")
    panel.confirmEdit.setText("mat-khau-khac")
    panel.submit()  # a real error: the two passwords differ, or the password is wrong
    qtbot.waitUntil(lambda: panel.errorLabel.isVisible() and panel.okButton.isEnabled(), timeout=10_000)
    assert_window_fits(window, panel, panel.errorLabel, *shown)
    for text in (LONG_MESSAGE, LONG_PATH_MESSAGE):
        show_message(panel.errorLabel, text)
        assert_window_fits(window, panel, panel.errorLabel, *shown)


def test_the_lock_panel_fits_a_long_name(qtbot, counter_window):
    """The locked panel (and the status bar) name who is signed in."""
    window = counter_window
    window.lock_overlay.panel.signed_in.emit(Actor("gsat", "Lê Văn Tâm " + LONG_UNIT_NAME[:150], Role.SUPERVISOR))
    wait_idle(qtbot, window)
    window.lock()
    panel = window.lock_overlay.panel
    assert LONG_UNIT_NAME[:150] in panel.introLabel.text()
    show_message(panel.errorLabel, LONG_MESSAGE)
    assert_window_fits(window, panel, panel.introLabel, panel.errorLabel, panel.okButton, panel.otherUserButton)


def test_the_overview_page_fits_with_a_long_message(qtbot, counter_window, desk):
    """Tổng quan at 1366×728: its period and scope controls, export buttons, tiles and tables all on screen, with a
    message holding a long path (an exported report) over them."""
    from desk.ui.navigation import PageId
    from tests.unit.test_lifecycle import receive

    receive(desk)
    page = counter_window.open_page(PageId.OVERVIEW)
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    wait_idle(qtbot, counter_window)
    show_message(page.message, LONG_PATH_MESSAGE, "success")
    assert_window_fits(counter_window, page.pdf_button, page.xlsx_button, page.period_combo, page.scope_value,
                       page.tiles["handling"][0], page.late_table)

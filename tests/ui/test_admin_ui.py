"""Issue 7 through the real window: sign-in, roles, the template editor, the calendar, users."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk.domain.users import Role
from tests.conftest import CLERK
from tests.support.pdf import pdf_text
from tests.support.templates import fill_template
from tests.support.typing import scanner_types
from tests.ui.conftest import wait_idle
from tests.ui.test_intake_page import SAMPLES, choose_procedure, tick_all_documents

ADMIN_PASSWORD = "quan-tri-dak-lak"
CLERK_TEMPORARY = "tam-thoi-mot-cua"
CLERK_PASSWORD = "mai-tiep-nhan"


@pytest.fixture
def users(desk):
    admin = desk.users.create_first_admin("qtv", "Trần Quản Trị", ADMIN_PASSWORD)
    desk.users.create_user(admin, "ntmai", "Nguyễn Thị Mai", Role.CLERK, CLERK_TEMPORARY)
    return desk


@pytest.fixture
def unsigned_window(qtbot, users):
    """The window as it opens at a counter: nobody signed in yet."""
    from PySide6.QtWidgets import QApplication

    from desk.ui.desk_ref import DeskRef
    from desk.ui.main_window import MainWindow
    from desk.ui.style import apply_style

    apply_style(QApplication.instance())
    main = MainWindow(DeskRef.of(users))
    qtbot.addWidget(main)
    main.resize(1366, 860)
    with qtbot.waitSignal(main.sign_in_shown, timeout=10_000) as shown:
        main.show()
    assert shown.args[0].titleLabel.text() == "Đăng nhập"
    yield main
    wait_idle(qtbot, main)
    main.close_keeping_drafts()


def sign_in(qtbot, window, username: str, password: str, *, expect_success: bool = True,
            new_password_step: bool = False) -> None:
    from desk.ui.sign_in import PanelMode

    panel = window.lock_overlay.panel
    if panel.usernameEdit.isVisible():
        panel.usernameEdit.setText(username)
    qtbot.keyClicks(panel.passwordEdit, password, delay=20)
    if new_password_step:
        qtbot.keyClick(panel.passwordEdit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: panel.mode is PanelMode.CHANGE_PASSWORD, timeout=10_000)
    elif expect_success:
        with qtbot.waitSignal(window.signed_in, timeout=10_000):
            qtbot.keyClick(panel.passwordEdit, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(panel.passwordEdit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: panel.errorLabel.isVisible() and panel.okButton.isEnabled(), timeout=10_000)


def switch_user(qtbot, window, username: str, password: str, **how) -> None:
    window.lock()
    window.lock_overlay.panel.otherUserButton.click()
    sign_in(qtbot, window, username, password, **how)


def visible_pages(window) -> list[str]:
    nav = window.ui.navList
    return [nav.item(row).text() for row in range(nav.count()) if not nav.item(row).isHidden()]


def test_admin_creates_a_procedure_the_clerk_receives_it_and_an_edit_leaves_the_dossier(qtbot, unsigned_window,
                                                                                      users, clock):
    from desk.ui.navigation import PageId

    window, desk = unsigned_window, users
    sign_in(qtbot, window, "qtv", ADMIN_PASSWORD)
    assert "Tiếp nhận" not in visible_pages(window) and PageId.TEMPLATES.title in visible_pages(window)
    page = window.open_page(PageId.TEMPLATES)
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=10_000)

    page.newButton.click()
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible(), timeout=10_000)
    editor = page.editor
    fill_template(editor)
    editor.update_preview()
    # The live preview is the intake form: the checklist, the extra field's own widget, the fee worked out.
    assert editor.previewDocuments.count() == 2
    assert editor.previewFieldsBox.findChild(type(editor.codeEdit), "extra_muc_dich") is not None
    assert "5 trang: 12.000 đ" in editor.previewFacts.text()  # 2 × 3.000 + 3 × 2.000
    assert "Hẹn trả" in editor.previewFacts.text() or "hẹn trả" in editor.previewFacts.text()
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.buttonBox.button(editor.buttonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "CT.TRICHLUC" in [e.template.code for e in page.entries], timeout=10_000)
    assert "phiên bản 1" in page.messageLabel.text()

    # The clerk signs in (changing the temporary password) and receives a dossier under it.
    switch_user(qtbot, window, "ntmai", CLERK_TEMPORARY, new_password_step=True)
    panel = window.lock_overlay.panel
    assert panel.titleLabel.text() == "Đặt mật khẩu mới"
    panel.passwordEdit.setText(CLERK_PASSWORD)
    panel.confirmEdit.setText(CLERK_PASSWORD)
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        panel.okButton.click()
    assert PageId.TEMPLATES.title not in visible_pages(window) and "Tiếp nhận" in visible_pages(window)
    assert window.ui.pages.currentWidget() is window.intake
    intake = window.intake
    window.activateWindow()
    intake.ui.fullNameEdit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.ui.fullNameEdit, timeout=5000)
    scanner_types(SAMPLES[0])
    qtbot.waitUntil(lambda: intake.ui.idNumberEdit.text() != "", timeout=5000)
    choose_procedure(qtbot, window, "trich luc thi diem", "CT.TRICHLUC")
    intake.ui.pagesSpin.setValue(5)
    assert intake.ui.feeValueLabel.text() == "12.000 đ"
    tick_all_documents(intake)
    intake.findChild(type(intake.ui.phoneEdit), "extra_muc_dich").setText("Bổ sung hồ sơ nhập học")
    with qtbot.waitSignal(intake.saved, timeout=10_000) as saved:
        intake.save()
    code = saved.args[0]
    receipt = pdf_text(desk.paths.receipt_pdf(code).read_bytes())
    for expected in ("Tờ khai đề nghị cấp bản sao trích lục", "Giấy ủy quyền", "Mục đích sử dụng",
                     "Bổ sung hồ sơ nhập học", "12.000", "Nguyễn Thị Mai"):
        assert expected in receipt, expected

    # The admin edits the template; the dossier keeps the version it was received under.
    switch_user(qtbot, window, "qtv", ADMIN_PASSWORD)
    page = window.open_page(PageId.TEMPLATES)
    page.searchEdit.setText("trich luc thi diem")
    qtbot.waitUntil(lambda: [e.template.code for e in page.entries] == ["CT.TRICHLUC"], timeout=10_000)
    page.table.selectRow(0)
    page.editButton.click()
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible(), timeout=10_000)
    editor = page.editor
    assert editor.codeEdit.isReadOnly()
    editor.documentsTable.item(0, 0).setText("Tờ khai theo mẫu mới")
    editor.capSpin.setValue(8_000)
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.buttonBox.button(editor.buttonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: page.versionsList.count() == 2, timeout=10_000)
    page.versionsList.setCurrentRow(0)
    diff = page.diffView.toPlainText()
    assert "Phiên bản 1 → 2" in diff and "+ Giấy tờ: Tờ khai theo mẫu mới" in diff and "tối đa 8.000 đ" in diff

    detail = desk.dossiers.get(code)
    assert [d["name"] for d in detail.documents][0] == "Tờ khai đề nghị cấp bản sao trích lục"
    assert detail.fee_amount == 12_000
    reprinted = pdf_text(desk.receipts.render(code))
    assert "Tờ khai đề nghị cấp bản sao trích lục" in reprinted and "Tờ khai theo mẫu mới" not in reprinted


def test_a_clerk_cannot_reach_admin_pages_nor_change_anything_through_them(qtbot, window, desk):
    from desk.ui.admin.templates import TemplatesPage
    from desk.ui.admin.users import UsersPage
    from desk.ui.navigation import Access, PageId

    admin_pages = [page for page in PageId if page.access is Access.ADMIN]
    window.lock_overlay.panel.signed_in.emit(CLERK)  # the clerk has signed in
    assert all(page.title not in visible_pages(window) for page in admin_pages)
    for page in admin_pages:
        assert window.open_page(page) is None
        window.ui.navList.setCurrentRow(list(PageId).index(page))  # e.g. a keyboard shortcut
        assert window.nav.current not in admin_pages
        assert "không được mở" in window.statusBar().currentMessage()
    window.ask_agency()
    assert window.agency_dialog is None
    # Even a page that slipped through cannot change anything: the services refuse the clerk.
    page = TemplatesPage(window.desk, window.runner, window.signals)
    qtbot.addWidget(page)
    page.start()
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=10_000)
    page.table.selectRow(0)
    page.retireButton.click()
    qtbot.waitUntil(lambda: "Chỉ quản trị viên" in page.messageLabel.text(), timeout=10_000)
    assert all(e.active for e in desk.catalog.search("", limit=1000))
    users_page = UsersPage(window.desk, window.runner, window.signals)
    qtbot.addWidget(users_page)
    users_page.start()
    qtbot.waitUntil(lambda: "Chỉ quản trị viên" in users_page.messageLabel.text(), timeout=10_000)


def test_wrong_passwords_lock_the_account_and_the_idle_desk_locks_without_losing_work(qtbot, unsigned_window,
                                                                                     users):
    window = unsigned_window
    panel = window.lock_overlay.panel
    for attempt in range(1, 5):
        sign_in(qtbot, window, "ntmai", "sai-mat-khau", expect_success=False)
        assert f"Còn {5 - attempt} lần thử" in panel.errorLabel.text()
    sign_in(qtbot, window, "ntmai", "sai-mat-khau", expect_success=False)
    assert "tạm khóa 15 phút" in panel.errorLabel.text()
    sign_in(qtbot, window, "ntmai", CLERK_TEMPORARY, expect_success=False)  # right password, locked account
    assert "Tài khoản tạm khóa đến" in panel.errorLabel.text()
    assert window.desk.actor is None and window.centralWidget().isEnabled() is False

    sign_in(qtbot, window, "qtv", ADMIN_PASSWORD)
    window.idle.timer.setInterval(300)  # ten minutes in production
    window.idle.start()
    from desk.ui.navigation import PageId

    window.open_page(PageId.AGENCY)
    qtbot.waitUntil(lambda: window.is_locked, timeout=5000)
    assert panel.titleLabel.text() == "Màn hình đang khóa" and "Trần Quản Trị" in panel.introLabel.text()
    assert not window.centralWidget().isEnabled()
    window.handle_receipt_scan("https://dichvucong.daklak.gov.vn/tra-cuu?ma=000.00.53.H16-261123-0001")
    assert "Màn hình đang khóa" in window.statusBar().currentMessage()
    sign_in(qtbot, window, "qtv", ADMIN_PASSWORD)
    assert not window.is_locked and window.ui.pages.currentWidget() is window.agency_page  # where it was


def test_admin_unlocks_a_locked_clerk_from_the_users_page(qtbot, window, desk):
    from desk.domain.errors import DomainError
    from desk.ui.navigation import PageId

    admin = desk.users.create_first_admin("qtv", "Trần Quản Trị", ADMIN_PASSWORD)
    desk.users.create_user(admin, "ntmai", "Nguyễn Thị Mai", Role.CLERK, CLERK_TEMPORARY)
    for _ in range(5):
        with pytest.raises(DomainError):
            desk.users.sign_in("ntmai", "sai-mat-khau")
    window.lock_overlay.panel.signed_in.emit(admin)
    page = window.open_page(PageId.USERS)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    row = [page.table.item(r, 0).text() for r in range(2)].index("ntmai")
    assert page.table.item(row, 3).text() == "Tạm khóa"
    page.table.selectRow(row)
    page.unlockButton.click()
    qtbot.waitUntil(lambda: "Đã mở khóa ntmai" in page.messageLabel.text(), timeout=10_000)
    assert desk.users.sign_in("ntmai", CLERK_TEMPORARY).username == "ntmai"
    from sqlalchemy import select

    from desk.store.models import AuditRow

    with desk.db.read() as session:
        entry = session.scalars(select(AuditRow).where(AuditRow.action == "user.unlock")).one()
    assert entry.actor == "Trần Quản Trị (qtv)"


def test_calendar_page_colours_the_month_imports_a_schedule_and_calculates(qtbot, window, desk, tmp_path,
                                                                         monkeypatch):
    from datetime import date

    from PySide6.QtCore import QDate, QDateTime, QTime

    from desk.ui import dialogs
    from desk.ui.navigation import PageId

    page = window.open_page(PageId.CALENDAR)
    page.monthView.setCurrentPage(2027, 5)
    qtbot.waitUntil(lambda: page.calendar is not None and page.procedureCombo.count() > 0, timeout=10_000)
    page.paint()
    holiday = page.monthView.dateTextFormat(QDate(2027, 5, 3)).background().color().name()
    working = page.monthView.dateTextFormat(QDate(2027, 5, 4)).background().color().name()
    assert holiday == "#fbd5d5" and working == "#ffffff"

    schedule = {"year": 2027, "source": "Thông báo Bộ Nội vụ (thử)",
                "days_off": [{"date": "2027-05-04", "name": "Nghỉ hoán đổi"}],
                "working_days": [{"date": "2027-05-08", "name": "Làm bù cho 04/05"}]}
    path = tmp_path / "lich-2027.json"
    path.write_text(json.dumps(schedule, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_open_json", lambda *_a: path)
    page.importButton.click()
    qtbot.waitUntil(lambda: "Đã nhập lịch năm 2027" in page.messageLabel.text(), timeout=10_000)
    qtbot.waitUntil(lambda: page.monthView.dateTextFormat(QDate(2027, 5, 8)).background().color().name()
                    == "#d3f0da", timeout=10_000)
    assert page.monthView.dateTextFormat(QDate(2027, 5, 4)).background().color().name() == "#fbd5d5"

    index = next(i for i in range(page.procedureCombo.count())
                 if page.procedureCombo.itemData(i).processing.unit.value == "working_days"
                 and page.procedureCombo.itemData(i).processing.value == 3)
    page.procedureCombo.setCurrentIndex(index)
    page.receivedEdit.setDateTime(QDateTime(QDate(2027, 4, 29), QTime(9, 0)))
    assert "thứ Sáu 07/05/2027" in page.appointmentLabel.text()  # 5, 6, 7 May: 30/4, 3/5 and 4/5 are off
    assert desk.calendar.schedule(2027).working_days == {date(2027, 5, 8): "Làm bù cho 04/05"}


def test_importing_a_catalog_file_shows_the_plan_and_a_bad_file_names_line_and_field(qtbot, window, desk, tmp_path,
                                                                                     monkeypatch):
    from desk.ui import dialogs
    from desk.ui.navigation import PageId

    page = window.open_page(PageId.TEMPLATES)
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=10_000)
    data = json.loads(desk.catalog.export_text())
    data["procedures"][0]["name"] += " (sửa theo quyết định mới)"
    bad = json.loads(json.dumps(data))
    bad["procedures"][1]["fee"]["kind"] = "mien_phi"
    good_path, bad_path = tmp_path / "tot.json", tmp_path / "hong.json"
    good_path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    bad_path.write_text(json.dumps(bad, ensure_ascii=False, indent=2), encoding="utf-8")

    monkeypatch.setattr(dialogs, "ask_open_json", lambda *_a: bad_path)
    page.importButton.click()
    qtbot.waitUntil(lambda: "trường procedures[1].fee.kind" in page.messageLabel.text(), timeout=10_000)
    assert "Dòng " in page.messageLabel.text() and page.preview_dialog is None

    monkeypatch.setattr(dialogs, "ask_open_json", lambda *_a: good_path)
    page.importButton.click()
    qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=10_000)
    code = data["procedures"][0]["code"]
    assert f"~ Sửa {code}" in page.preview_dialog.details.toPlainText()
    assert desk.catalog.get(code).version == 1  # nothing changes before "Áp dụng"
    page.preview_dialog.applyButton.click()
    qtbot.waitUntil(lambda: desk.catalog.get(code).version == 2, timeout=10_000)
    assert desk.catalog.get(code).template.name.endswith("(sửa theo quyết định mới)")


def test_admin_adds_a_clerk_and_resets_a_password_from_the_users_page(qtbot, window, desk):
    from desk.ui.navigation import PageId

    admin = desk.users.create_first_admin("qtv", "Trần Quản Trị", ADMIN_PASSWORD)
    window.lock_overlay.panel.signed_in.emit(admin)
    page = window.open_page(PageId.USERS)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    page.addUserButton.click()
    dialog = page.dialog
    assert dialog.focusWidget() is dialog.usernameEdit  # typing starts in the first field, not on "Lưu"
    dialog.usernameEdit.setText("ntmai")
    dialog.fullNameEdit.setText("Nguyễn Thị Mai")
    dialog.passwordEdit.setText("1234")  # too short: the dialog stays open and says why
    dialog.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: "ít nhất 8 ký tự" in dialog.errorLabel.text(), timeout=10_000)
    assert dialog.isVisible() and dialog.buttonBox.isEnabled()
    dialog.passwordEdit.setText(CLERK_TEMPORARY)
    dialog.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    assert not dialog.isVisible() and "Đã thêm Nguyễn Thị Mai" in page.messageLabel.text()

    page.table.selectRow([page.table.item(r, 0).text() for r in range(2)].index("ntmai"))
    page.resetPasswordButton.click()
    page.dialog.passwordEdit.setText("mat-khau-tam-moi")
    page.dialog.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: "Đã đặt lại mật khẩu cho ntmai" in page.messageLabel.text(), timeout=10_000)
    assert desk.users.sign_in("ntmai", "mat-khau-tam-moi").role is Role.CLERK
    assert desk.users.must_change_password("ntmai")


def test_the_admin_pages_are_given_what_they_need_not_the_window():
    """Nothing under desk/ui/admin imports the main window, not even for type hints: the window builds
    the pages and hands them the desk, the runner and the signals (no import circle)."""
    import ast

    from tests.conftest import ROOT

    for path in sorted((ROOT / "desk" / "ui" / "admin").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] + [alias.name for alias in node.names]
                     if isinstance(node, ast.ImportFrom) else [])
            assert not any("main_window" in name for name in names), f"{path.name} imports the main window"


def test_the_counter_appointment_follows_a_day_off_added_on_the_calendar_page(qtbot, window, desk):
    """Issue 16: a calendar edit is broadcast, so the appointment the intake page shows is the one the save gives
    (the page used to keep the calendar it loaded at start)."""
    from PySide6.QtCore import QDate

    from desk.ui.navigation import PageId

    choose_procedure(qtbot, window, "xac nhan tinh trang hon nhan", "1.004873")  # 3 working days
    shown = window.intake.ui.appointmentValueLabel
    qtbot.waitUntil(lambda: "26/11/2026" in shown.text(), timeout=10_000)  # received Monday 23/11, 9:15
    page = window.open_page(PageId.CALENDAR)
    qtbot.waitUntil(lambda: page.schedule is not None, timeout=10_000)
    page.monthView.setSelectedDate(QDate(2026, 11, 25))
    page.dayNameEdit.setText("Nghỉ theo thông báo của tỉnh")
    page.addDayOffButton.click()
    qtbot.waitUntil(lambda: "27/11/2026" in shown.text(), timeout=10_000)
    wait_idle(qtbot, window)
    assert desk.intake.preview(window.intake.procedure.entry.template).appointment.day == 27


def test_after_unlocking_the_keys_go_to_the_page_never_to_the_hidden_password_field(qtbot, unsigned_window, users):
    """Seen on a walk through the clerk's day: unlocked on a page other than Tiếp nhận, the keyboard stayed in the
    hidden password field and each Enter counted as a wrong password until the account locked."""
    from desk.store.models import AuditRow
    from desk.ui.navigation import PageId

    window = unsigned_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    sign_in(qtbot, window, "qtv", ADMIN_PASSWORD)
    window.open_page(PageId.USERS)
    window.lock()
    panel = window.lock_overlay.panel
    sign_in(qtbot, window, "qtv", ADMIN_PASSWORD)
    focus = QApplication.focusWidget()
    assert focus is not None and window.centralWidget().isAncestorOf(focus) and not panel.isAncestorOf(focus)
    for _ in range(5):  # the Enter a person presses next, even if it reached the hidden panel
        qtbot.keyClick(panel.passwordEdit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert not window.is_locked and not panel.errorLabel.isVisible()
    with users.db.read() as session:
        failures = session.query(AuditRow).filter(AuditRow.action.like("%fail%")).count()
    assert failures == 0


def test_a_day_off_declared_names_the_dossiers_promised_for_that_day(qtbot, window, desk):
    """Seen on a walk through the clerk's day: a day off added over dossiers already due then said nothing."""
    from PySide6.QtCore import QDate

    from desk.ui.navigation import PageId
    from tests.support.workers import sample_request

    request, version = sample_request(desk)
    saved = desk.intake.receive(request, procedure_version=version, actor=CLERK)
    due = saved.appointment_at.date()
    page = window.open_page(PageId.CALENDAR)
    qtbot.waitUntil(lambda: page.schedule is not None, timeout=10_000)
    page.monthView.setSelectedDate(QDate(due.year, due.month, due.day))
    page.addDayOffButton.click()
    qtbot.waitUntil(lambda: saved.code in page.messageLabel.text(), timeout=10_000)
    assert "1 hồ sơ đang hẹn trả vào ngày vừa nghỉ" in page.messageLabel.text()
    assert "Xin lỗi, hẹn lại" in page.messageLabel.text()


def test_the_template_editor_sets_the_longer_time_for_verification_and_the_boundary_flag(qtbot, window, desk):
    from desk.domain.calendar import ProcessingTime, TimeUnit
    from desk.ui.admin.template_editor import TemplateEditorDialog

    page = window.intake
    marriage = desk.catalog.get("1.000894").template
    editor = TemplateEditorDialog(page.desk, page.ops, marriage, desk.calendar.calendar(), ["Hộ tịch"], page)
    qtbot.addWidget(editor)
    # The seeded marriage registration: the longer time of Luật Hộ tịch, Art. 18, shown and kept as it is.
    assert editor.verificationCheck.isChecked() and editor.verificationValueSpin.value() == 5
    assert editor.verificationUnitCombo.currentData() == TimeUnit.WORKING_DAYS.value
    assert editor.verificationTextEdit.text() == "Cần xác minh điều kiện kết hôn"
    assert editor.template() == marriage
    editor.update_preview()
    assert "Trường hợp phải xác minh: 5 ngày làm việc" in editor.previewFacts.text()
    # The admin adds the flag and lengthens the time; unticking the box removes the longer time.
    editor.crossBoundaryCheck.setChecked(True)
    editor.verificationValueSpin.setValue(7)
    edited = editor.template()
    assert edited.cross_boundary and edited.processing_verification == ProcessingTime(7, TimeUnit.WORKING_DAYS)
    editor.verificationCheck.setChecked(False)
    assert not editor.verificationValueSpin.isEnabled()
    assert editor.template().processing_verification is None
    # The place of return left empty is the receiving unit, never a hard-coded "Bộ phận Một cửa".
    assert editor.returnPlaceEdit.text() == "" and editor.template().return_place == ""
    editor.close()

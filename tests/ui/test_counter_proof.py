"""A counter's everyday edges through the real window (issue 14): a 1366×728 screen offline or without a
keyring, an incomplete dossier, a crash after the commit, several drafts, an unconfigured fee, printouts
that say where they went, the clerk's keyboard habits, Vietnam time on any machine, the dossier list."""

from __future__ import annotations

import os
import time

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import select

from desk.store.models import DossierRow, OutboxRow, SyncStateRow
from tests.conftest import CLERK
from tests.support.pdf import pdf_text
from tests.support.screen import COUNTER_SCREEN, assert_fully_visible, assert_minimum_fits, resize_to_screen
from tests.support.typing import scanner_types, type_unicode
from tests.ui.conftest import wait_idle
from tests.ui.test_intake_page import SAMPLES, choose_procedure, tick_all_documents

LONG_NAME = "Trung tâm Phục vụ hành chính công xã " + "Ea Kar mở rộng " * 12


def identify(qtbot, window, sample: str = SAMPLES[0]) -> None:
    page = window.intake
    page.ui.idNumberEdit.setFocus()
    scanner_types(sample)
    qtbot.waitUntil(lambda: page.ui.idNumberEdit.text() != "")


def counter_buttons(window) -> list:
    return [window.intake.ui.saveButton, window.intake.ui.refuseButton, window.lock_button]


# -- 1. the window fits a counter screen ----------------------------------------------------------------
def _enrolled_offline(desk, secret: bool = True) -> None:
    """Enrolled with a province that cannot be reached (a closed port on loopback)."""
    from desk.sync.credentials import Credentials

    desk.settings_store.update(province_url="http://127.0.0.1:9", client_id="desk-offline")
    desk.settings_store.update(sync_account="offline")
    if secret:
        Credentials("offline").store_client_secret("secret")
        Credentials("offline").create_signing_key()


@pytest.mark.parametrize("state", ["offline", "keyring missing"])
def test_the_window_fits_1366x728_offline_and_without_a_keyring(qtbot, window, desk, state):
    from desk.domain.agency import AgencyIdentity
    from tests.conftest import ADMIN

    desk.agency.save(AgencyIdentity("000.00.53.H16", "UBND TỈNH ĐẮK LẮK", LONG_NAME, "Ea Kar",
                                    "https://dichvucong.daklak.gov.vn"), actor=ADMIN)
    _enrolled_offline(desk, secret=state == "offline")
    if state == "keyring missing":
        from keyring.backends.fail import Keyring as NoKeyring

        keyring.set_keyring(NoKeyring())
    window.refresh_identity()
    window.sync.start()
    expected = "Không kết nối được" if state == "offline" else "keyring"
    qtbot.waitUntil(lambda: expected in window.sync_label.text(), timeout=15_000)
    wait_idle(qtbot, window)
    window.intake.message("error", "Lỗi rất dài " * 60)  # an error banner with a long text
    resize_to_screen(window)
    assert_minimum_fits(window)
    for button in counter_buttons(window):
        assert_fully_visible(button)
    label = window.sync_label
    assert label.shown_text() != label.text() and label.shown_text().endswith("…")  # cut to fit...
    assert label.toolTip() == label.text()  # ...whole in the tooltip
    window.go_to(window.sync_page)
    qtbot.waitUntil(lambda: expected in window.sync_page.ui.statusLabel.text(), timeout=5000)  # and on the page
    for page in (window.dossiers, window.inbox, window.returns, window.sync_page):
        window.go_to(page)
        resize_to_screen(window)
        assert_minimum_fits(window)
    assert_fully_visible(window.sync_page.ui.syncNowButton)


def test_counter_dialogs_fit_1366x728(qtbot, window, desk, monkeypatch):
    from tests.support.screen import counter_screen

    counter_screen(monkeypatch)
    identify(qtbot, window)
    choose_procedure(qtbot, window, "cap giay xac nhan tinh trang hon nhan", "1.004873")
    window.intake.ask_outcome()
    dialog = window.intake.outcome_dialog
    dialog.failed("Lý do " * 200)  # the longest error it can show
    assert_minimum_fits(dialog)
    dialog.resize(dialog.size().boundedTo(COUNTER_SCREEN))
    QApplication.processEvents()
    assert_fully_visible(dialog.ok_button, COUNTER_SCREEN)
    dialog.reject()
    window.open_help()
    assert_minimum_fits(window.help_dialog)
    window.help_dialog.close()


# -- 2. an incomplete dossier: guidance or refusal before any code ------------------------------------------
def test_missing_papers_get_written_guidance_without_a_receipt(qtbot, window, desk, monkeypatch):
    monkeypatch.setattr("desk.ui.print_pdf.printers_available", lambda: False)  # a counter without a printer
    page = window.intake
    identify(qtbot, window)
    page.ui.phoneEdit.setText("0912345678")
    choose_procedure(qtbot, window, "cap giay xac nhan tinh trang hon nhan", "1.004873")
    page.ui.documentsTable.item(1, 0).setCheckState(Qt.CheckState.Checked)  # the application form is missing
    page.save()
    assert "documents" in page.field_errors.shown  # a receipt is refused: papers are missing
    qtbot.mouseClick(page.ui.refuseButton, Qt.MouseButton.LeftButton)
    dialog = page.outcome_dialog
    assert dialog.guidance_radio.isChecked()
    ticked = [dialog.documents.item(i).checkState() == Qt.CheckState.Checked for i in range(dialog.documents.count())]
    assert ticked == [True, False]  # the missing paper comes pre-ticked
    dialog.documents.item(1).setCheckState(Qt.CheckState.Checked)  # and the clerk adds one to correct
    type_unicode(dialog.reason, "Bản sao giấy tờ ly hôn phải có chứng thực")
    with qtbot.waitSignal(page.outcome_recorded, timeout=10_000) as recorded:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    outcome = recorded.args[0]
    assert outcome.reference == "000.00.53.H16-261123-B0001"
    text = pdf_text(outcome.pdf_path.read_bytes())
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and "Nguyễn Thị Hoa" in text
    assert "phải có chứng thực" in text and "Mã hồ sơ" not in text
    assert "Tờ khai cấp giấy xác nhận tình trạng hôn nhân" in text and "đã ly hôn hoặc vợ/chồng" in text
    said = page.ui.messageLabel.text()
    assert "B0001" in said and f"đã lưu tại {outcome.pdf_path}" in said  # where the paper went
    assert desk.dossiers.count() == 0 and page.ui.idNumberEdit.text() == ""  # no code; ready for the next one
    qtbot.waitUntil(lambda: "1 hướng dẫn" in page.ui.todayLabel.text())
    with desk.db.read() as session:
        assert session.scalar(select(OutboxRow.kind).where(OutboxRow.dossier_code == outcome.reference)) == \
            "intake.outcome"


def test_a_refusal_at_the_counter_needs_its_reason(qtbot, window, desk):
    page = window.intake
    identify(qtbot, window, SAMPLES[1])
    choose_procedure(qtbot, window, "dang ky khai tu", "1.000656")
    page.ask_outcome()
    dialog = page.outcome_dialog
    dialog.refusal_radio.setChecked(True)
    assert dialog.ok_button.text() == "Lưu và in phiếu từ chối"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "lý do từ chối" in dialog.error.text()
    type_unicode(dialog.reason, "Người chết không cư trú trên địa bàn tỉnh")
    with qtbot.waitSignal(page.outcome_recorded, timeout=10_000) as recorded:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN" in pdf_text(recorded.args[0].pdf_path.read_bytes())
    qtbot.waitUntil(lambda: "1 từ chối" in page.ui.todayLabel.text())


def test_guidance_needs_a_procedure_and_a_name_first(qtbot, window):
    page = window.intake
    qtbot.mouseClick(page.ui.refuseButton, Qt.MouseButton.LeftButton)
    assert page.outcome_dialog is None
    assert set(page.field_errors.shown) == {"full_name", "procedure"}


# -- 5. nothing typed is lost; nothing is saved twice ---------------------------------------------------
def _open_second_window(qtbot, desk):
    from desk.ui.desk_ref import DeskRef
    from desk.ui.main_window import MainWindow
    from tests.conftest import SUPERVISOR

    ref = DeskRef.of(desk)
    ref.sign_in(SUPERVISOR)
    second = MainWindow(ref)
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.ready, timeout=10_000):
        second.show()
    wait_idle(qtbot, second)
    return second


def _draft_written(qtbot, desk, page) -> str:
    key = page.drafts.key
    path = desk.paths.data_dir / "drafts" / f"intake-{key}.json"
    name = page.ui.fullNameEdit.text()
    qtbot.waitUntil(lambda: path.exists() and name in path.read_text(encoding="utf-8"), timeout=10_000)
    return key


def test_a_crash_after_the_commit_never_makes_a_second_dossier(qtbot, window, desk):
    page = window.intake
    identify(qtbot, window)
    choose_procedure(qtbot, window, "chung thuc chu ky", "2.000884")
    tick_all_documents(page)
    key = _draft_written(qtbot, desk, page)
    # The save commits, then the desk dies before the form and its draft are cleared.
    request = page.collect_request()
    code = desk.intake.receive(request, procedure_version=page.procedure.entry.version, intake_key=key,
                               actor=CLERK).code
    page.digitization.runner.shutdown()
    window.hide()

    second = _open_second_window(qtbot, desk)
    qtbot.waitUntil(lambda: "đã được lưu" in second.intake.ui.messageLabel.text(), timeout=10_000)
    assert code in second.intake.ui.messageLabel.text()
    assert not second.intake.ui.draftsLabel.isVisible()  # not offered as unsaved
    assert not (desk.paths.data_dir / "drafts" / f"intake-{key}.json").exists()
    # And the first window, had it lived: saving the same form again opens the dossier instead.
    with qtbot.waitSignal(page.show_dossier, timeout=10_000) as shown:
        page.save()
    assert shown.args[0] == code and desk.dossiers.count() == 1
    second.close_keeping_drafts()


def test_several_drafts_wait_side_by_side(qtbot, window, desk, monkeypatch):
    page = window.intake
    identify(qtbot, window)
    first_key = _draft_written(qtbot, desk, page)
    page.digitization.runner.shutdown()  # the crash
    window.hide()

    second = _open_second_window(qtbot, desk)
    page = second.intake
    bar = page.ui.draftsLabel
    qtbot.waitUntil(lambda: "Nguyễn Thị Hoa" in bar.text(), timeout=10_000)
    identify(qtbot, second, SAMPLES[1])  # the clerk ignores the offer and serves the next citizen
    second_key = _draft_written(qtbot, desk, page)
    assert second_key != first_key and "Nguyễn Thị Hoa" in bar.text()  # the first still waits
    bar.linkActivated.emit(f"restore:{first_key}")
    qtbot.waitUntil(lambda: page.ui.fullNameEdit.text() == "Nguyễn Thị Hoa")
    assert "Trần Văn Bình" in bar.text() and "Nguyễn Thị Hoa" not in bar.text()  # the other one now waits
    drafts = desk.paths.data_dir / "drafts"
    qtbot.waitUntil(lambda: {p.name for p in drafts.glob("intake-*.json")} ==
                    {f"intake-{first_key}.json", f"intake-{second_key}.json"}, timeout=10_000)
    asked = []
    monkeypatch.setattr("desk.ui.dialogs.ask_discard_draft", lambda parent, name, answered: asked.append(name)
                        or answered(True))
    bar.linkActivated.emit(f"discard:{second_key}")
    assert asked == ["Trần Văn Bình"]  # asked first: it cannot be brought back
    qtbot.waitUntil(lambda: not (drafts / f"intake-{second_key}.json").exists(), timeout=10_000)
    assert not bar.isVisible()
    second.close_keeping_drafts()


def test_a_draft_restored_after_the_same_dossier_was_saved_says_so(qtbot, window, desk):
    """A form left unsaved (the desk closed), then the same citizen served again and saved on a new form: restoring
    the old draft warns that it may make a second dossier."""
    page = window.intake
    identify(qtbot, window)
    choose_procedure(qtbot, window, "chung thuc chu ky", "2.000884")
    tick_all_documents(page)
    key = _draft_written(qtbot, desk, page)
    draft = desk.paths.data_dir / "drafts" / f"intake-{key}.json"
    qtbot.waitUntil(lambda: "2.000884" in draft.read_text(encoding="utf-8"), timeout=10_000)  # the procedure too
    page.digitization.runner.shutdown()
    window.hide()
    request = page.collect_request()  # the citizen is received again, on another form (another key)
    code = desk.intake.receive(request, procedure_version=page.procedure.entry.version, actor=CLERK).code

    second = _open_second_window(qtbot, desk)
    bar = second.intake.ui.draftsLabel
    qtbot.waitUntil(lambda: "Nguyễn Thị Hoa" in bar.text(), timeout=10_000)
    bar.linkActivated.emit(f"restore:{key}")
    qtbot.waitUntil(lambda: "hồ sơ trùng" in second.intake.ui.messageLabel.text(), timeout=10_000)
    assert code in second.intake.ui.messageLabel.text()
    second.close_keeping_drafts()


def test_closing_with_a_half_filled_form_asks_first(qtbot, window, desk, monkeypatch):
    asked = []
    monkeypatch.setattr("desk.ui.dialogs.ask_close_with_unsaved",
                        lambda parent, name, answered: asked.append((name, answered)))
    identify(qtbot, window)
    window.close()
    assert window.isVisible() and asked and asked[0][0] == "Nguyễn Thị Hoa"
    asked[0][1](False)  # "Quay lại"
    assert window.isVisible()
    asked[0][1](True)  # "Đóng phần mềm": the draft stays for the next start
    assert not window.isVisible()
    assert list((desk.paths.data_dir / "drafts").glob("intake-*.json"))


# -- 6. a fee nobody configured --------------------------------------------------------------------------
def test_an_unconfigured_fee_is_typed_before_saving(qtbot, window, desk):
    page = window.intake
    identify(qtbot, window)
    choose_procedure(qtbot, window, "cap giay xac nhan tinh trang hon nhan", "1.004873")
    assert page.procedure.fee_collected_row.isVisible() and "Chưa cấu hình" in page.ui.feeValueLabel.text()
    tick_all_documents(page)
    page.procedure.extra_widgets["purpose"].setText("Đăng ký kết hôn")
    page.save()
    assert set(page.field_errors.shown) == {"fee"} and desk.dossiers.count() == 0
    page.procedure.fee_collected_spin.setValue(25_000)
    qtbot.waitUntil(lambda: not page.field_errors.shown)
    with qtbot.waitSignal(page.saved, timeout=10_000) as saved:
        qtbot.keyClick(page.ui.phoneEdit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    text = pdf_text(desk.paths.receipt_pdf(saved.args[0]).read_bytes())
    assert "Phí, lệ phí: 25.000 đ" in text and "chưa cấu hình" not in text


# -- 8. the clerk's keyboard and habits -----------------------------------------------------------------------
def test_every_problem_shows_at_once_and_each_note_goes_when_fixed(qtbot, window):
    page = window.intake
    type_unicode(page.ui.fullNameEdit, "Lê " * 50)  # too long: refused at once, never cut
    assert page.ui.fullNameEdit.text() == "Lê " * 50
    assert "tối đa 120 ký tự" in page.field_errors.shown["full_name"]
    page.ui.fullNameEdit.setText("Lê Thị Thu Hà")
    page.ui.birthDateEdit.setText("01012002")
    page.ui.birthDateEdit.editingFinished.emit()
    assert page.ui.birthDateEdit.text() == "01/01/2002"
    page.ui.issueDateEdit.setText("5/5/2021")
    page.ui.issueDateEdit.editingFinished.emit()
    assert page.ui.issueDateEdit.text() == "05/05/2021"
    page.ui.phoneEdit.setText("12345")
    page.ui.emailEdit.setText("ha@")
    page.save()
    assert list(page.field_errors.shown) == ["id_number", "phone", "email", "procedure"]
    notes = [page.findChild(QLabel, f"fieldError_{field}") for field in ("id_number", "phone", "email")]
    assert all(note.isVisible() for note in notes)
    page.ui.phoneEdit.setText("0912345678")
    qtbot.waitUntil(lambda: "phone" not in page.field_errors.shown)
    assert not notes[1].isVisible() and notes[2].isVisible()
    qtbot.keyClick(page.ui.emailEdit, Qt.Key.Key_Escape)  # Esc clears the banner, not the notes
    assert not page.ui.messageLabel.isVisible() and "email" in page.field_errors.shown


def test_the_address_shows_its_start(qtbot, window):
    identify(qtbot, window, SAMPLES[4])
    address = window.intake.ui.addressEdit
    assert address.cursorPosition() == 0 and address.text().startswith("123 Đường Lê Lợi")


def test_f1_opens_the_guide_at_the_page_on_screen(qtbot, window):
    qtbot.keyClick(window.intake.ui.idNumberEdit, Qt.Key.Key_F1)
    help_dialog = window.help_dialog
    assert help_dialog.isVisible() and help_dialog.current == "Tiếp nhận hồ sơ"
    assert "Quét mã QR trên thẻ căn cước" in help_dialog.browser.toPlainText()
    help_dialog.close()
    window.go_to(window.dossiers)
    window.open_help()
    assert window.help_dialog.current == "Hồ sơ: tra cứu và giải quyết"
    window.help_dialog.close()


def test_after_a_change_of_clerk_the_next_clerk_starts_on_intake(qtbot, window, desk):
    from desk.domain.users import Role
    from tests.ui.test_admin_ui import switch_user

    admin = desk.users.create_first_admin("qtv", "Trần Quản Trị", "quan-tri-dak-lak")
    desk.users.create_user(admin, "ntmai", "Nguyễn Thị Mai", Role.CLERK, "tiep-nhan-ea-kar")
    window.go_to(window.sync_page)  # the supervisor was on another page
    switch_user(qtbot, window, "ntmai", "tiep-nhan-ea-kar", new_password_step=True)
    panel = window.lock_overlay.panel
    panel.passwordEdit.setText("mai-ea-kar-2026")
    panel.confirmEdit.setText("mai-ea-kar-2026")
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        panel.okButton.click()
    assert window.ui.pages.currentWidget() is window.intake
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.intake.ui.idNumberEdit, timeout=5000)


# -- 9. Vietnam time whatever the machine's time zone --------------------------------------------------------
def test_times_are_vietnam_time_on_a_machine_set_to_another_zone(qtbot, window, desk):
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    try:
        with desk.db.write() as session:
            session.add(SyncStateRow(key="last_success_utc", value="2026-11-23T02:15:00"))
        desk.settings_store.update(province_url="http://x", client_id="d", sync_account="a")
        window.go_to(window.sync_page)
        window.sync_page.refresh()
        qtbot.waitUntil(lambda: "09:15:00 ngày 23/11/2026" in window.sync_page.ui.statusLabel.text(), timeout=5000)
        assert "UTC" not in window.sync_page.ui.statusLabel.text()
    finally:
        if previous is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = previous
        time.tzset()


# -- 10. the dossier list at 1366 px ----------------------------------------------------------------------------
def test_the_dossier_list_shows_status_and_appointment_and_keeps_the_dossier_in_view(qtbot, window, desk, clock):
    from tests.ui.test_dossier_life import received

    codes = [received(desk) for _ in range(3)]
    page = window.dossiers
    window.go_to(page)
    resize_to_screen(window)
    page.ui.filterCombo.setCurrentText("Đang giải quyết")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    table = page.ui.dossierTable
    viewport = table.viewport().rect()
    for column in (0, 2, 3):  # code, appointment, status: no sideways scrolling to see them
        rect = table.visualRect(page.model.index(0, column))
        assert viewport.contains(rect), (column, rect, viewport)
    for column in (0, 2):  # and the code and the appointment are read whole, not cut with "…"
        text = page.model.data(page.model.index(0, column))
        assert table.fontMetrics().horizontalAdvance(text) + 8 <= table.columnWidth(column), (column, text)
    table.selectRow(1)
    qtbot.waitUntil(lambda: page.action_buttons["handoverButton"].isVisible())
    grid = page.ui.actionButtons
    shown = [b for b in page.action_buttons.values() if b.isVisible()]
    cells = sorted(grid.getItemPosition(grid.indexOf(b))[:2] for b in shown)
    assert cells == [(i // 3, i % 3) for i in range(len(shown))]  # no holes between the buttons
    for button in shown:
        assert_fully_visible(button)
    code = page.model.row_at(1).code
    with qtbot.waitSignal(page.action_done, timeout=5000):
        qtbot.mouseClick(page.action_buttons["resultReadyButton"], Qt.MouseButton.LeftButton)
    # Ready now: it left "Đang giải quyết", and the list says so instead of losing it silently.
    qtbot.waitUntil(lambda: "không còn trong danh sách" in page.ui.actionMessage.text(), timeout=5000)
    assert code in page.ui.actionMessage.text() and "Đã xử lý xong" in page.ui.actionMessage.text()
    page.ui.actionMessage.linkActivated.emit(f"show:{code}")
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.summary.code == code, timeout=5000)
    assert table.selectionModel().selectedRows()[0].row() == next(
        r for r in range(page.model.rowCount()) if page.model.row_at(r).code == code)
    assert set(codes) >= {code}


# -- 3. receipts printed before enrollment, on the desk -----------------------------------------------------
def test_a_receipt_printed_before_enrollment_opens_from_any_page_after_it(qtbot, window, desk):
    from tests.ui.test_dossier_life import _row, received, scan_receipt

    code = received(desk)
    old_qr = desk.receipts.receipt_data(*_row(desk, code)).tracking_url
    _enrolled_offline(desk)
    desk.receipts.seal_unsealed()
    with desk.db.read() as session:
        assert session.scalar(select(DossierRow.receipt_seal).where(DossierRow.code == code))
    scan_receipt(qtbot, window, old_qr, window.dossiers)
    qtbot.waitUntil(lambda: code in window.dossiers.ui.detailView.toPlainText(), timeout=5000)


# -- found by walking a clerk's day at 1366×728 --------------------------------------------------------------
def test_another_card_over_a_form_in_progress_keeps_that_form_apart(qtbot, window, desk):
    page = window.intake
    identify(qtbot, window)
    page.ui.phoneEdit.setText("0905111222")
    choose_procedure(qtbot, window, "chung thuc chu ky", "2.000884")
    page.ui.idNumberEdit.setFocus()
    scanner_types(SAMPLES[4])  # the next citizen's card, over the first one's form
    assert page.ui.fullNameEdit.text() == "Phạm Đức Đạt"
    assert page.ui.phoneEdit.text() == "" and page.procedures_selected() is None  # nothing of the first one
    assert "Nguyễn Thị Hoa" in page.ui.draftsLabel.text() and page.ui.draftsLabel.isVisible()
    assert "được giữ" in page.ui.messageLabel.text()


def test_lam_moi_keeps_a_form_in_progress_as_a_draft(qtbot, window, desk):
    page = window.intake
    identify(qtbot, window)
    qtbot.mouseClick(page.ui.clearButton, Qt.MouseButton.LeftButton)
    assert page.ui.idNumberEdit.text() == "" and "Nguyễn Thị Hoa" in page.ui.draftsLabel.text()
    qtbot.mouseClick(page.ui.clearButton, Qt.MouseButton.LeftButton)  # an empty form: nothing to keep
    assert page.ui.draftsLabel.text().count("Khôi phục") == 1


def test_the_strip_counts_only_what_is_still_wrong(qtbot, window):
    page = window.intake
    identify(qtbot, window)
    page.ui.phoneEdit.setText("12")
    page.ui.emailEdit.setText("a@")
    choose_procedure(qtbot, window, "chung thuc chu ky", "2.000884")
    tick_all_documents(page)
    page.save()
    assert "còn 2 chỗ" in page.ui.messageLabel.text()
    page.ui.phoneEdit.setText("0912345678")
    qtbot.waitUntil(lambda: "Địa chỉ e-mail không hợp lệ" in page.ui.messageLabel.text())
    page.ui.emailEdit.clear()
    qtbot.waitUntil(lambda: not page.ui.messageLabel.isVisible())


def test_the_checklist_is_in_view_when_it_gets_the_focus(qtbot, window):
    page = window.intake
    resize_to_screen(window)
    identify(qtbot, window)
    page.ui.procedureSearchEdit.setFocus()
    qtbot.keyClicks(page.ui.procedureSearchEdit, "ho kinh doanh", delay=60)  # its own fields push the list down
    qtbot.waitUntil(lambda: page.procedure.model.rowCount() == 1, timeout=5000)
    qtbot.keyClick(page.ui.procedureSearchEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.ui.documentsTable)
    qtbot.wait(50)
    table = page.ui.documentsTable
    first_row = table.visualItemRect(table.item(0, 0))
    top_left = table.viewport().mapTo(page.ui.scrollArea.viewport(), first_row.topLeft())
    assert page.ui.scrollArea.viewport().rect().contains(top_left), top_left


def test_after_a_save_the_next_form_starts_at_the_top(qtbot, window, desk):
    page = window.intake
    resize_to_screen(window)
    identify(qtbot, window)
    choose_procedure(qtbot, window, "chung thuc chu ky", "2.000884")
    tick_all_documents(page)
    page.ui.scrollArea.verticalScrollBar().setValue(page.ui.scrollArea.verticalScrollBar().maximum())
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save()
    assert page.ui.scrollArea.verticalScrollBar().value() == 0


def test_the_locked_screen_hides_the_form_behind_it(qtbot, window):
    from PySide6.QtGui import QColor

    page = window.intake
    identify(qtbot, window)
    window.lock()
    qtbot.waitUntil(window.lock_overlay.isVisible)
    picture = window.grab().toImage()
    field = page.ui.fullNameEdit
    spot = field.mapTo(window, field.rect().center())
    assert QColor(picture.pixel(spot)).name() == "#142638"  # the overlay's colour, not the citizen's name


def test_a_receipt_without_check_code_is_typed_at_the_kiosk_with_the_id_digits(qtbot, desk):
    from desk.services.kiosk import hash_pin
    from desk.ui.desk_ref import DeskRef
    from desk.ui.kiosk import KioskWindow
    from tests.ui.test_dossier_life import received

    code = received(desk)  # before enrollment: no check code on the paper
    desk.settings_store.update(kiosk_pin_hash=hash_pin("2468"))
    kiosk = KioskWindow(DeskRef.of(desk))
    qtbot.addWidget(kiosk)
    kiosk.show()
    kiosk.code_edit.setText(code)
    kiosk.check_edit.setText("1234")  # wrong digits
    qtbot.mouseClick(kiosk.typed_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "chưa đúng" in kiosk.message.text(), timeout=5000)
    kiosk.check_edit.setText("2345")  # the last 4 digits of 066195012345
    with qtbot.waitSignal(kiosk.shown_dossier, timeout=5000):
        qtbot.mouseClick(kiosk.typed_button, Qt.MouseButton.LeftButton)
    assert kiosk.code_edit.text() == ""  # the next citizen finds an empty box
    kiosk.unlocked = True
    kiosk.close()


def test_a_library_error_never_reaches_the_screen_as_it_is(qtbot, window, desk, monkeypatch, caplog):
    import logging

    def broken(query):
        raise KeyError("SELECT owner_name FROM dossier WHERE owner_name = 'Nguyễn Thị Hoa'")

    monkeypatch.setattr(desk.catalog, "search", broken)
    with caplog.at_level(logging.ERROR):
        window.intake.procedure.refresh()
        wait_idle(qtbot, window)
    shown = window.intake.ui.messageLabel.text()
    assert "Lỗi không mong đợi" in shown and "SELECT" not in shown and "Nguyễn" not in shown
    assert "SELECT owner_name" in caplog.text  # whole, in the log


def test_every_page_of_the_window_has_its_part_of_the_guide():
    import resources
    from desk.ui.help import guide_sections
    from desk.ui.navigation import PageId

    sections = guide_sections(resources.USER_GUIDE.read_text(encoding="utf-8"))
    assert [page for page in PageId if page.guide_section not in sections] == []

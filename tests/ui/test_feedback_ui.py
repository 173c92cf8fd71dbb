"""Citizens' feedback in the window and at the kiosk, as people use them: a clerk records one and the slip is
printed, a supervisor answers it, the kiosk gives a code (docs/ARCHITECTURE.md, "Citizens' feedback")."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from desk.domain.feedback import Channel, FeedbackDraft
from desk.services.feedback import FeedbackService
from tests.conftest import CLERK
from tests.support.pdf import pdf_text
from tests.ui.conftest import wait_idle
from tests.ui.test_kiosk import kiosk  # noqa: F401  (the fixture)

TEXT = "Tôi phải chờ quá lâu ở quầy số 2 mà không có ai hướng dẫn."


def open_page(window):
    from desk.ui.navigation import PageId

    page = window.open_page(PageId.FEEDBACK)
    return page


def test_record_at_the_counter_prints_the_slip(qtbot, window, desk, monkeypatch):
    monkeypatch.setattr("desk.ui.print_pdf.printers_available", lambda: False)
    page = open_page(window)
    wait_idle(qtbot, window)
    dialog = page.ask_record("000.00.53.H16-261123-0001")
    dialog.category.setCurrentIndex(dialog.category.findData("attitude"))
    dialog.text.setPlainText("ngắn")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert dialog.isVisible() and "ít nhất 10 ký tự" in dialog.error.text()
    dialog.text.setPlainText(TEXT)
    dialog.name.setText("Nguyễn Văn Bình")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert not dialog.isVisible()
    code = "000.00.53.H16-PA-261123-0001"
    assert f"Đã ghi nhận phản ánh {code}" in page.message.text() and "07/12/2026" in page.message.text()
    assert "Xem trước, in lại" in page.message.text()  # the slip can be seen again, as on the other pages
    slip = desk.paths.form_pdf(code, "phan-anh")
    assert "Thái độ phục vụ" in pdf_text(slip.read_bytes()) and str(slip) in page.message.text()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 0).text() == code and page.table.item(0, 4).text() == "000.00.53.H16-261123-0001"


def test_answer_on_the_page_and_overdue_in_red(qtbot, window, desk, clock):
    service = FeedbackService.of(desk)
    clock.now = datetime(2026, 10, 1, 9, 0)  # due mid-October: overdue by now
    late = service.record(FeedbackDraft("time", TEXT), Channel.COUNTER, CLERK).code
    page = open_page(window)
    page.refresh()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 6).text() == "Đang xem xét, chưa trả lời — quá hạn"
    assert page.table.item(0, 5).foreground().color().name() == "#b00020"
    page.table.selectRow(0)
    assert TEXT in page.detail.text()
    dialog = page.ask_answer()
    assert any("được công khai" in label.text() for label in dialog.findChildren(type(page.detail)))
    dialog.answer.setPlainText("Trung tâm đã bố trí thêm một cán bộ hướng dẫn tại quầy số 2.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert not dialog.isVisible() and f"Đã lưu câu trả lời phản ánh {late}" in page.message.text()
    assert service.get(late).answer.startswith("Trung tâm đã bố trí")
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)  # no longer open


def test_the_kiosk_takes_a_topic_and_gives_a_code(qtbot, kiosk, desk):  # noqa: F811
    qtbot.mouseClick(kiosk.feedback_button, Qt.MouseButton.LeftButton)
    assert kiosk.feedback_panel.isVisible() and not kiosk.typed_row.isVisible()
    qtbot.mouseClick(kiosk.feedback_panel.topic_buttons[0], Qt.MouseButton.LeftButton)
    kiosk.feedback_panel.text.insertPlainText("Đã quá 5 ngày.")
    with qtbot.waitSignal(kiosk.feedback_given, timeout=10_000) as given:
        qtbot.mouseClick(kiosk.feedback_panel.send_button, Qt.MouseButton.LeftButton)
    code = given.args[0]
    assert code == "000.00.53.H16-PA-261123-0001" and code in kiosk.status.text()
    view = FeedbackService.of(desk).get(code)
    assert view.channel_label == "Tại kiosk" and view.category_label == "Thời gian giải quyết"
    assert view.text.endswith("Đã quá 5 ngày.")
    # too short: said in words, nothing stored
    kiosk.open_feedback()
    kiosk.feedback_panel.text.setPlainText("tệ")
    qtbot.mouseClick(kiosk.feedback_panel.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "ít nhất 10 ký tự" in kiosk.message.text())
    kiosk.welcome()
    assert kiosk.feedback_button.isVisible() and not kiosk.feedback_panel.isVisible()


def test_the_page_and_dialogs_fit_a_counter_screen(qtbot, window, desk, monkeypatch):
    from tests.support.provincial import ROOT
    from tests.support.screen import counter_screen, resize_to_screen
    from tests.ui.test_screen_fit import LONG_MESSAGE, assert_dialog_fits, assert_window_fits, show_message

    counter_screen(monkeypatch)
    resize_to_screen(window)
    service = FeedbackService.of(desk)
    for category, text in (("time", TEXT), ("fees", "Tôi chưa được giải thích khoản lệ phí 50.000 đồng đã nộp."),
                           ("facilities", "Nhà chờ thiếu ghế ngồi vào buổi sáng thứ Hai.")):
        service.record(FeedbackDraft(category, text, citizen_name="Trần Thị Hạnh"), Channel.COUNTER, CLERK)
    page = open_page(window)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 3)
    page.table.selectRow(0)
    buttons = (page.record_button, page.answer_button, page.slip_button)
    assert_window_fits(window, *buttons, page.table)
    window.grab().save(str(ROOT / "docs" / "screenshots" / "feedback-page.png"))
    show_message(page.message, LONG_MESSAGE)
    assert_window_fits(window, page.message, *buttons)
    record = page.ask_record("000.00.53.H16-261123-0001")
    record.text.setPlainText(TEXT)
    assert_dialog_fits(record, record.ok_button, record.text)
    record.grab().save(str(ROOT / "docs" / "screenshots" / "feedback-record-dialog.png"))
    show_message(record.error, LONG_MESSAGE)
    assert_dialog_fits(record, record.error, record.ok_button)
    record.reject()
    answer = page.ask_answer()
    answer.answer.setPlainText("Trung tâm đã bố trí thêm một cán bộ hướng dẫn tại quầy số 2.")
    assert_dialog_fits(answer, answer.ok_button, answer.answer)
    answer.grab().save(str(ROOT / "docs" / "screenshots" / "feedback-answer-dialog.png"))
    answer.reject()


def test_screenshot_of_the_kiosk_panel(qtbot, kiosk):  # noqa: F811
    from tests.support.provincial import ROOT

    kiosk.open_feedback()
    kiosk.feedback_panel.choose("time", "Hồ sơ của tôi giải quyết chậm hơn ngày hẹn.")
    kiosk.grab().save(str(ROOT / "docs" / "screenshots" / "feedback-kiosk.png"))
    assert kiosk.feedback_panel.send_button.isVisible()

"""The rest of a dossier's life at the counter, walked through the window with scanner input
(issue 6): supplement, refusal, delay, hand-over, result return with rating, online inbox."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import select

from desk.domain.status import DossierStatus
from desk.store.models import AuditRow, OutboxRow
from desk.sync.engine import SyncEngine
from desk.ui.operations import Changes
from tests.conftest import CLERK
from tests.support.pdf import decode_codes, pdf_text, rasterise
from tests.support.typing import scanner_types, type_unicode
from tests.support.workers import sample_request
from tests.ui.conftest import wait_idle

S = DossierStatus


def received(desk, procedure_code="1.004873") -> str:
    request, version = sample_request(desk, procedure_code=procedure_code)
    request = replace(request, extra_values={"purpose": "Đăng ký kết hôn"})
    return desk.intake.receive(request, procedure_version=version, actor=CLERK).code


def scan_receipt(qtbot, window, text: str, page) -> None:
    """The clerk is on another page (the sync page) and scans the receipt."""
    window.go_to(window.sync_page)
    window.activateWindow()
    window.ui.navList.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.ui.navList)
    scanner_types(text)
    qtbot.waitUntil(lambda: window.ui.pages.currentWidget() is page, timeout=5000)


def status_of(desk, code) -> S:
    return desk.dossiers.get(code).summary.status


def audit(desk, code) -> list[str]:
    with desk.db.read() as session:
        return [a.action for a in session.scalars(select(AuditRow).where(AuditRow.entity_id == code)
                                                  .order_by(AuditRow.id))]


def events(desk, code) -> list[tuple[str, int | None]]:
    with desk.db.read() as session:
        return [(o.kind, o.payload.get("status")) for o in session.scalars(
            select(OutboxRow).where(OutboxRow.dossier_code == code).order_by(OutboxRow.id))]


def forms_printed(page):
    paths = []
    page.form_ready.connect(paths.append)
    return paths


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_dialog(qtbot, page, button):
    click(qtbot, button)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    return page.dialog


def test_supplement_requested_then_brought_with_a_new_receipt(qtbot, window, desk, clock):
    code = received(desk)
    page = window.dossiers
    scan_receipt(qtbot, window, code, page)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.summary.code == code)
    printed = forms_printed(page)
    dialog = open_dialog(qtbot, page, page.action_buttons["supplementButton"])
    dialog.documents.item(0).setCheckState(Qt.CheckState.Checked)
    type_unicode(dialog.other_document, "Giấy chứng tử của vợ")
    click(qtbot, dialog.ok_button)  # no reason yet: refused, the dialog stays open and says why
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "lý do" in dialog.error.text() and dialog.isVisible()
    type_unicode(dialog.reason, "Tờ khai chưa ký; thiếu giấy chứng tử")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible() and bool(printed), timeout=5000)
    assert status_of(desk, code) is S.SUPPLEMENT_REQUESTED
    text = pdf_text(printed[-1].read_bytes())
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and "Giấy chứng tử của vợ" in text
    assert "Tờ khai chưa ký" in text
    qtbot.waitUntil(lambda: "Giấy tờ cần bổ sung" in page.ui.detailView.toPlainText())
    # Two days later the citizen brings the papers.
    clock.now = datetime(2026, 11, 25, 10, 0)
    qtbot.waitUntil(lambda: page.action_buttons["supplementReceivedButton"].isVisible())
    dialog = open_dialog(qtbot, page, page.action_buttons["supplementReceivedButton"])
    assert dialog.documents.count() == 2
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible() and len(printed) == 2, timeout=5000)
    assert status_of(desk, code) is S.RECEIVED
    receipt = printed[-1].read_bytes()
    assert "10 giờ 00 phút, ngày 30/11/2026" in pdf_text(receipt)  # 3 working days from Wed 25/11 10:00
    assert decode_codes(rasterise(receipt)).get("Code128") == code
    assert audit(desk, code) == ["dossier.receive", "dossier.supplement", "dossier.supplement_received"]
    assert events(desk, code) == [("dossier.upsert", None), ("dossier.event", 5), ("dossier.event", 2)]


def test_late_dossier_apology_then_handover_result_return_and_rating(qtbot, window, desk, clock, monkeypatch):
    code = received(desk)
    desk.lifecycle.send_to_handler(code, "Công chức Tư pháp - Hộ tịch", actor=CLERK)
    clock.now = datetime(2026, 11, 27, 9, 0)  # the appointment (26/11) has passed
    page = window.dossiers
    window.go_to(page)
    printed = forms_printed(page)
    page.ui.filterCombo.setCurrentText("Quá hạn, chưa có kết quả")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).code == code)
    page.ui.dossierTable.selectRow(0)
    qtbot.waitUntil(lambda: page.action_buttons["apologyButton"].isVisible())
    dialog = open_dialog(qtbot, page, page.action_buttons["apologyButton"])
    assert dialog.when.dateTime().toPython() > clock.now
    type_unicode(dialog.reason, "Phải xác minh tại nơi cư trú trước đây")
    type_unicode(dialog.extra, "khoản 2 Điều 18 Luật Hộ tịch 2014")  # a lawful extension: the deadline moves
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: bool(printed) and not dialog.isVisible(), timeout=5000)
    apology = " ".join(pdf_text(printed[-1].read_bytes()).split())
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in apology and "ngày 26/11/2026" in apology
    assert "Căn cứ gia hạn: khoản 2 Điều 18 Luật Hộ tịch 2014" in apology
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)  # no longer late: lawfully extended
    # The result comes back; the citizen scans the receipt at the counter: the return dialog opens.
    clock.now = datetime(2026, 11, 30, 9, 0)
    desk.lifecycle.result_ready(code, actor=CLERK)
    url = desk.receipts.receipt_data(*_row(desk, code)).tracking_url
    returns = window.returns
    returned = forms_printed(returns)
    scan_receipt(qtbot, window, url, returns)
    qtbot.waitUntil(lambda: returns.dialog is not None and returns.dialog.isVisible(), timeout=5000)
    dialog = returns.dialog
    dialog.proxy_radio.setChecked(True)
    type_unicode(dialog.name_edit, "Trần Văn Bình")
    dialog.id_edit.setText("066090001234")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "giấy ủy quyền" in dialog.error.text()
    type_unicode(dialog.authorisation_edit, "Giấy ủy quyền số 12/UQ")
    dialog.fee_spin.setValue(8000)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.rating_panel.isVisible() and bool(returned), timeout=5000)
    slip = pdf_text(returned[-1].read_bytes())
    assert "PHIẾU BÀN GIAO KẾT QUẢ" in slip and "Trần Văn Bình" in slip and "8.000 đ" in slip
    # The citizen rates on the screen turned towards them; the clerk's screen has nothing to click.
    screen = window.rating_screen
    assert screen.isVisible() and screen.waiting
    if len(QApplication.screens()) == 1:  # on the clerk's only screen it leaves the dialog's buttons free
        skip = dialog.close_button
        assert not screen.frameGeometry().intersects(skip.rect().translated(skip.mapToGlobal(skip.rect().topLeft())))
    assert not dialog.findChildren(QPushButton, "rateButton2")
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # the clerk's keyboard rates nothing
    assert desk.dossiers.get(code).rating is None
    # A real click, through the window system: the clerk's modal dialog must not block the citizen's screen.
    button = screen.buttons[2]
    with qtbot.waitSignal(returns.action_done, timeout=5000):
        QTest.mouseClick(screen.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         button.mapTo(screen, button.rect().center()))
    qtbot.waitUntil(lambda: "đã đánh giá" in dialog.rating_status.text())
    assert "Hài lòng" not in dialog.rating_status.text()  # that a rating was given, not which
    click(qtbot, dialog.close_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # The returned dossier leaves "Trả kết quả"; where the hand-over slip went stays said, with its preview link.
    told = returns.ui.actionMessage
    qtbot.waitUntil(lambda: "không còn trong danh sách" in told.text(), timeout=5000)
    assert "Phiếu bàn giao kết quả đã lưu tại" in told.text() and "Xem trước, in lại" in told.text()
    detail = desk.dossiers.get(code)
    assert detail.summary.status is S.RETURNED and detail.rating == 2
    assert audit(desk, code)[-3:] == ["dossier.result_ready", "dossier.return", "dossier.rating"]
    assert events(desk, code)[-3:] == [("dossier.event", 9), ("dossier.event", 10), ("dossier.rating", None)]
    # The control sheet from the step history, with each step's timeliness.
    window.open_dossier(code)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.summary.code == code)
    click(qtbot, page.ui.controlSheetButton)
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=5000)
    control = pdf_text(printed[-1].read_bytes())
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in control and "Quá hạn" in control
    assert decode_codes(rasterise(printed[-1].read_bytes())).get("Code128") == code


def _row(desk, code):
    from desk.store.models import DossierRow

    with desk.db.read() as session:
        row = session.scalar(select(DossierRow).where(DossierRow.code == code))
        session.expunge(row)
    return row, desk.agency.get()


def test_online_inbox_accept_and_refuse(qtbot, window, desk):
    engine = SyncEngine(desk.db, client=None, catalog=desk.catalog)
    codes = ["000.00.53.H16-261122-9999", "000.00.53.H16-261122-9998"]
    with desk.db.write() as session:
        for code, name in zip(codes, ("Phạm Minh Khoa", "Võ Thị Lan")):
            engine.apply_online(session, {"code": code, "record": {
                "procedure_code": "2.000884", "procedure_name": "Chứng thực chữ ký", "owner_name": name,
                "received_at": "2026-11-22T20:00:00+07:00", "identities": [{"kind": 1, "number": "066095001122"}],
                "phone": "0905111222", "documents": [{"name": "Giấy tờ cần ký"}]}})
    window.signals.changed.emit(Changes(dossiers=True))
    inbox = window.inbox
    window.go_to(inbox)
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 2)
    printed = forms_printed(inbox)
    inbox.show_code(codes[0])
    qtbot.waitUntil(lambda: inbox.detail is not None and inbox.detail.summary.code == codes[0])
    assert "Trực tuyến" in inbox.ui.detailView.toPlainText()
    assert not inbox.ui.reprintButton.isEnabled()  # no receipt before it is accepted
    click(qtbot, inbox.action_buttons["acceptButton"])
    qtbot.waitUntil(lambda: bool(printed), timeout=5000)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in pdf_text(printed[-1].read_bytes())
    assert status_of(desk, codes[0]) is S.RECEIVED
    inbox.ui.searchEdit.clear()
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1 and inbox.model.row_at(0).code == codes[1])
    inbox.ui.dossierTable.selectRow(0)
    qtbot.waitUntil(lambda: inbox.detail is not None and inbox.detail.summary.code == codes[1])
    dialog = open_dialog(qtbot, inbox, inbox.action_buttons["refuseButton"])
    type_unicode(dialog.reason, "Thủ tục này phải có mặt người ký tại Bộ phận Một cửa")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=5000)
    assert "PHIẾU TỪ CHỐI" in pdf_text(printed[-1].read_bytes())
    assert status_of(desk, codes[1]) is S.REFUSED
    assert events(desk, codes[0]) == [("inbox.accept", None)] and events(desk, codes[1]) == [("inbox.refuse", None)]
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 0)


def test_receipt_from_another_agency_or_forged_is_refused(qtbot, window, desk, monkeypatch):
    shown = []
    monkeypatch.setattr("desk.ui.dialogs.show_message", lambda parent, title, text, warning=False: shown.append(text))
    code = received(desk)
    window.go_to(window.sync_page)
    window.ui.navList.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.ui.navList)
    scanner_types("https://dichvucong.daklak.gov.vn/tra-cuu/000.00.54.H16-261123-0001?sig=abc")
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "cơ quan khác" in shown[-1]
    scanner_types(f"https://dichvucong.daklak.gov.vn/tra-cuu/{code}?sig=" + "A" * 86)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5000)
    assert "chữ ký không hợp lệ" in shown[-1]
    assert window.ui.pages.currentWidget() is window.sync_page


def test_withdrawal_and_result_ready_buttons_follow_the_status(qtbot, window, desk):
    code = received(desk)
    page = window.dossiers
    window.open_dossier(code)
    window.go_to(page)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.summary.code == code)
    visible = {n for n, b in page.action_buttons.items() if b.isVisible()}
    assert visible == {"supplementButton", "handoverButton", "resultReadyButton", "apologyButton", "withdrawButton",
                       "stopButton"}
    dialog = open_dialog(qtbot, page, page.action_buttons["withdrawButton"])
    type_unicode(dialog.reason, "Công dân xin rút để nộp lại sau")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: status_of(desk, code) is S.WITHDRAWN, timeout=5000)
    qtbot.waitUntil(lambda: page.detail.summary.status is S.WITHDRAWN, timeout=5000)
    assert not any(b.isVisible() for b in page.action_buttons.values())
    wait_idle(qtbot, window)


def test_the_ledger_is_printed_for_the_days_chosen_from_and_to(qtbot, window, desk, clock):
    """Early in December the ledger dialog proposes November; a range of the clerk's choosing prints its dossiers
    with the numbers their receipts carry."""
    from PySide6.QtCore import QDate

    november = received(desk)  # Mon 23/11
    clock.now = datetime(2026, 12, 3, 9, 0)
    december = received(desk)
    page = window.dossiers
    window.go_to(page)
    printed = forms_printed(page)
    dialog = open_dialog(qtbot, page, page.ui.ledgerButton)
    assert dialog.since.date().toPython() == datetime(2026, 11, 1).date()  # the month before, in December's week 1
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: bool(printed), timeout=10_000)
    text = pdf_text(printed[-1].read_bytes())
    assert november in text and december in text
    dialog = open_dialog(qtbot, page, page.ui.ledgerButton)
    dialog.since.setDate(QDate(2026, 12, 1))
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=10_000)
    text = pdf_text(printed[-1].read_bytes())
    assert december in text and november not in text
    assert "Từ ngày 01/12/2026 đến ngày 03/12/2026" in text

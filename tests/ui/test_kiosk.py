"""The citizen kiosk: scan a receipt QR, read the status, rate; no clerk function reachable (issue 6)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk.domain.lifecycle import Collector
from desk.store.models import OutboxRow
from tests.conftest import CLERK
from tests.support.typing import scanner_types
from tests.ui.test_dossier_life import _row, received


@pytest.fixture
def kiosk(qtbot, desk):
    from desk.services.kiosk import hash_pin
    from desk.sync.credentials import Credentials
    from desk.ui.desk_ref import DeskRef
    from desk.ui.kiosk import KioskWindow

    desk.settings_store.update(sync_account="kiosk-test")
    Credentials("kiosk-test").create_signing_key()
    desk.settings_store.update(kiosk_pin_hash=hash_pin("2468"))
    window = KioskWindow(DeskRef.of(desk))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.runner.idle)
    yield window
    window.unlocked = True
    window.close()


def qr_of(desk, code) -> str:
    return desk.receipts.receipt_data(*_row(desk, code)).tracking_url


def scan(qtbot, kiosk, text) -> None:
    kiosk.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and kiosk.isAncestorOf(QApplication.focusWidget())
                    or QApplication.focusWidget() is kiosk)
    scanner_types(text)


def test_citizen_scans_reads_the_status_and_rates(qtbot, kiosk, desk, clock):
    code = received(desk)
    desk.lifecycle.result_ready(code, actor=CLERK)
    clock.now = datetime(2026, 11, 25, 10, 30)
    desk.lifecycle.return_result(code, Collector("Nguyễn Thị Hoa", "066195012345", True), actor=CLERK)
    with qtbot.waitSignal(kiosk.shown_dossier, timeout=5000):
        scan(qtbot, kiosk, qr_of(desk, code))
    assert kiosk.status.text() == "Đã trả kết quả."
    assert "Nguyễn T** H**" in kiosk.details.text() and "Nguyễn Thị Hoa" not in kiosk.details.text()
    assert "10 giờ 30, ngày 25/11/2026" in kiosk.details.text()
    assert kiosk.rating_row.isVisible()
    with qtbot.waitSignal(kiosk.rated, timeout=5000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert desk.dossiers.get(code).rating == 1
    with desk.db.read() as session:
        last = session.scalars(select(OutboxRow).where(OutboxRow.dossier_code == code).order_by(OutboxRow.id)).all()[-1]
    assert (last.kind, last.payload) == ("dossier.rating", {"level": 1, "source": "kiosk"})
    assert "Cảm ơn" in kiosk.message.text()
    assert "có thể chưa gồm thay đổi mới nhất" in kiosk.sync_label.text()  # never synced, said for a citizen


def test_papers_to_bring_are_listed_and_bare_codes_or_forgeries_are_refused(qtbot, kiosk, desk):
    code = received(desk)
    desk.lifecycle.request_supplement(code, ["Giấy chứng tử của vợ"], "Thiếu giấy chứng tử", actor=CLERK)
    with qtbot.waitSignal(kiosk.shown_dossier, timeout=5000):
        scan(qtbot, kiosk, qr_of(desk, code))
    assert "Cần bổ sung giấy tờ" in kiosk.status.text() and "Giấy chứng tử của vợ" in kiosk.details.text()
    assert not kiosk.rating_row.isVisible()
    scan(qtbot, kiosk, code)  # the barcode: anyone could read the code off the paper
    qtbot.waitUntil(lambda: "mã QR" in kiosk.message.text(), timeout=5000)
    assert "Giấy chứng tử" not in kiosk.details.text()
    scan(qtbot, kiosk, qr_of(desk, code)[:-4] + "AAAA")
    qtbot.waitUntil(lambda: "Chưa đọc được giấy tiếp nhận này" in kiosk.message.text(), timeout=5000)
    # Words for a citizen, not the clerk's ("chữ ký", "đối chiếu với bản lưu").
    assert "đối chiếu" not in kiosk.message.text() and "chữ ký" not in kiosk.message.text()


def test_no_clerk_function_is_reachable_by_keyboard(qtbot, kiosk, desk):
    kiosk.setFocus()
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_F1, Qt.Key.Key_F10, Qt.Key.Key_Menu,
                Qt.Key.Key_Alt, Qt.Key.Key_Return, Qt.Key.Key_Space) * 3:
        qtbot.keyClick(QApplication.focusWidget() or kiosk, key)
        focus = QApplication.focusWidget()
        assert focus is None or focus is kiosk or kiosk.isAncestorOf(focus)
    for modifier_key in ((Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                         (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                         (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):
        qtbot.keyClick(kiosk, modifier_key[0], modifier_key[1])
    kiosk.close()  # what Alt+F4 asks the window manager to do
    assert kiosk.isVisible()
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == [kiosk]
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.pin_row.isVisible() and QApplication.focusWidget() is kiosk.pin_edit
    qtbot.keyClicks(kiosk.pin_edit, "1111", delay=80)  # a person types; a scanner burst would be a scan
    qtbot.keyClick(kiosk.pin_edit, Qt.Key.Key_Return)
    assert kiosk.isVisible() and "không đúng" in kiosk.message.text()
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    qtbot.keyClicks(kiosk.pin_edit, "2468", delay=80)
    qtbot.keyClick(kiosk.pin_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not kiosk.isVisible())


def test_an_id_card_scanned_at_the_kiosk_asks_for_the_receipt_instead(qtbot, kiosk, desk):
    from tests.ui.test_intake_page import SAMPLES

    scan(qtbot, kiosk, SAMPLES[0])
    qtbot.waitUntil(lambda: "thẻ căn cước" in kiosk.message.text(), timeout=5000)
    assert "giấy tiếp nhận hồ sơ" in kiosk.message.text()
    assert "Nguyễn" not in kiosk.details.text()


def test_the_code_and_check_code_can_be_typed_and_wrong_ones_are_limited(qtbot, kiosk, desk):
    from desk.domain.receipt_check import check_code

    code = received(desk)
    check = check_code(_row(desk, code)[0].receipt_seal)
    wrong = ("B" if check[0] != "B" else "C") + check[1:]
    for attempt in range(5):
        kiosk.code_edit.setText(code)
        kiosk.check_edit.setText(wrong)
        qtbot.mouseClick(kiosk.typed_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: kiosk.runner.idle)
        assert "chưa đúng" in kiosk.message.text(), attempt
        assert kiosk.code_edit.text() == code  # kept for correcting, not typed again
    kiosk.check_edit.setText(check)
    qtbot.mouseClick(kiosk.typed_button, Qt.MouseButton.LeftButton)  # right, but too many wrong tries first
    qtbot.waitUntil(lambda: "thử lại sau" in kiosk.message.text(), timeout=5000)
    kiosk.desk.services.kiosk.typed_limit.succeeded()  # the wait is over
    with qtbot.waitSignal(kiosk.shown_dossier, timeout=5000):
        kiosk.check_edit.setText(check.lower().replace("-", " "))
        qtbot.mouseClick(kiosk.typed_button, Qt.MouseButton.LeftButton)
    assert "Nguyễn T** H**" in kiosk.details.text()


def test_a_receipt_printed_before_enrollment_opens_at_the_kiosk(qtbot, desk):
    from desk.services.kiosk import hash_pin
    from desk.sync.credentials import Credentials
    from desk.ui.desk_ref import DeskRef
    from desk.ui.kiosk import KioskWindow

    code = received(desk)  # not enrolled yet: the receipt's QR carries no signature
    old_qr = qr_of(desk, code)
    assert "sig=" not in old_qr
    desk.settings_store.update(sync_account="enrolled-later")
    Credentials("enrolled-later").create_signing_key()
    desk.receipts.seal_unsealed()
    desk.settings_store.update(kiosk_pin_hash=hash_pin("2468"))
    kiosk = KioskWindow(DeskRef.of(desk))
    qtbot.addWidget(kiosk)
    kiosk.show()
    with qtbot.waitSignal(kiosk.shown_dossier, timeout=5000):
        scan(qtbot, kiosk, old_qr)
    assert "Nguyễn T** H**" in kiosk.details.text()
    kiosk.unlocked = True
    kiosk.close()


def test_wrong_pins_are_limited(qtbot, kiosk):
    for _ in range(3):
        qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
        qtbot.keyClicks(kiosk.pin_edit, "1111", delay=80)
        qtbot.keyClick(kiosk.pin_edit, Qt.Key.Key_Return)
    assert "thử lại sau" in kiosk.message.text()
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert not kiosk.pin_row.isVisible() and "sai mã PIN nhiều lần" in kiosk.message.text()
    kiosk.pin_edit.setText("2468")  # even the right PIN waits
    kiosk.check_pin()
    assert kiosk.isVisible()


def test_kiosk_pin_is_asked_twice(tmp_path, monkeypatch, capsys):
    from argparse import Namespace

    from desk.cli import set_kiosk_pin
    from desk.paths import DeskPaths
    from desk.services.kiosk import check_pin
    from desk.settings import CounterSettings, SettingsStore, load_settings

    paths = DeskPaths(tmp_path)
    settings = SettingsStore(paths.settings, CounterSettings())
    answers = iter(["2468", "2486"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert set_kiosk_pin(Namespace(pin=None), paths, settings) == 2
    assert "không khớp" in capsys.readouterr().err and not paths.settings.exists()
    answers = iter(["2468", "2468"])
    assert set_kiosk_pin(Namespace(pin=None), paths, settings) == 0
    assert check_pin("2468", load_settings(paths.settings).kiosk_pin_hash)

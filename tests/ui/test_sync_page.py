"""The clerk's view of sync, with the real provincial server on loopback."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desk.ui.operations import Changes
from tests.conftest import CLERK
from tests.e2e.test_sync import AGENCY, enrollment_code, receive, server  # noqa: F401  (fixture)
from tests.ui.conftest import wait_idle


def test_enroll_from_the_page_then_saved_dossiers_reach_the_province(qtbot, window, desk, server):  # noqa: F811
    page = window.sync_page
    window.go_to(page)
    qtbot.waitUntil(lambda: "chưa đăng ký" in page.ui.statusLabel.text(), timeout=5000)
    assert page.ui.enrollGroup.isVisible()
    page.ui.urlEdit.setText(server.base_url)
    page.ui.codeEdit.setText(enrollment_code(server))
    qtbot.mouseClick(page.ui.enrollButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync.worker is not None, timeout=10_000)
    qtbot.waitUntil(lambda: "Đã đồng bộ" in window.sync_label.text(), timeout=15_000)

    [code] = receive(desk)
    window.signals.changed.emit(Changes.dossier(code))  # what the intake page does after a save
    # sent: the dossier, and the audit chain's head that rounds send along (issue 15)
    qtbot.waitUntil(lambda: desk.sync.status()["pending"] == 0 and desk.sync.status()["sent"] >= 1, timeout=15_000)

    server.stop()
    [offline_code] = receive(desk)
    window.sync.now()
    qtbot.waitUntil(lambda: "Ngoại tuyến" in window.sync_label.text(), timeout=15_000)
    assert "chờ gửi 1" in window.sync_label.text()
    # a round already under way may have failed before it tried the new item: wait for that item's own try
    qtbot.waitUntil(lambda: (window.sync.now(), desk.sync.items()[0]["error"])[1] != "", timeout=15_000)
    window.go_to(window.ui.pages.widget(0))
    window.go_to(page)
    table = page.ui.itemsTable
    # an earlier refresh may land first; the page converges on what the database says
    qtbot.waitUntil(lambda: table.rowCount() == 1 and "Không kết nối được" in table.item(0, 4).text(),
                    timeout=5000)
    assert table.item(0, 0).text() == offline_code

    server.start()
    qtbot.mouseClick(page.ui.syncNowButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Đã đồng bộ · chờ gửi 0" in window.sync_label.text(), timeout=15_000)
    wait_idle(qtbot, window)


def test_an_item_the_province_refused_shows_its_reason_and_can_be_sent_again(qtbot, window, desk):
    from sqlalchemy import select

    from desk.store.models import OutboxRow
    from tests.support.workers import sample_request

    request, version = sample_request(desk)
    code = desk.intake.receive(request, procedure_version=version, actor=CLERK).code
    with desk.db.write() as session:
        row = session.scalar(select(OutboxRow).where(OutboxRow.dossier_code == code))
        row.state, row.attempts, row.last_error = "failed", 1, "Số lượng giấy tờ vượt quá 100."
    page = window.sync_page
    window.go_to(page)
    page.refresh()
    table = page.ui.itemsTable
    qtbot.waitUntil(lambda: table.rowCount() == 1 and "vượt quá 100" in table.item(0, 4).text(), timeout=5000)
    assert not page.ui.resendButton.isEnabled()
    table.selectRow(0)
    assert page.ui.resendButton.isEnabled()
    qtbot.mouseClick(page.ui.resendButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.sync.items()[0]["state"] == "pending", timeout=5000)
    # the page says so once the worker's answer is back on the GUI thread (just after the commit)
    qtbot.waitUntil(lambda: "gửi lại" in page.ui.warningLabel.text(), timeout=5000)


def test_enrolling_with_a_silent_province_never_holds_up_a_save_and_a_clerk_cannot_enroll(qtbot, window, desk):
    """Seen on a walk through the clerk's day: enrolling with a server that never answers froze every save for
    15 s (the network call ran on the database worker), and a clerk could enroll the desk, unaudited."""
    import socket

    from desk.domain.errors import DomainError

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts, never answers
    page = window.sync_page
    window.go_to(page)
    qtbot.waitUntil(lambda: page.ui.enrollButton.isEnabled(), timeout=5000)
    page.ui.urlEdit.setText(f"http://127.0.0.1:{silent.getsockname()[1]}")
    page.ui.codeEdit.setText("ABCD-EFGH-JKLM")
    qtbot.mouseClick(page.ui.enrollButton, Qt.MouseButton.LeftButton)
    assert "Đang đăng ký" in page.ui.warningLabel.text()
    saved = []
    window.ops.write(lambda: receive(desk)[0], lambda code: Changes.dossier(code)).success(saved.append).run()
    qtbot.waitUntil(lambda: len(saved) == 1, timeout=3000)  # while the province still says nothing
    assert not page.network.idle
    silent.close()
    qtbot.waitUntil(lambda: page.network.idle, timeout=30_000)
    assert page.ui.warningLabel.isVisible() and "Đăng ký máy quầy không thành công" in page.ui.warningLabel.text()
    window.lock_overlay.panel.signed_in.emit(CLERK)
    page.refresh()
    wait_idle(qtbot, window)
    assert not page.ui.enrollButton.isEnabled() and "Quản trị viên" in page.ui.enrollButton.toolTip()
    try:
        desk.sync.enroll("http://127.0.0.1:9", "ABCD-EFGH-JKLM", actor=CLERK)
    except DomainError as refused:
        assert "quản trị" in str(refused).lower()
    else:
        raise AssertionError("a clerk enrolled the desk")

"""Digitizing at the counter through the real window: SANE's test device scans into a checklist
line; pages are deleted and rotated; the saved dossier holds one PDF per document; a hanging
driver leaves the window responsive; a citizen's earlier papers are offered for reuse."""

from __future__ import annotations

import time

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt

from desk.scanning.driver import DriverHost
from desk.services.digitization import REUSED, ScannerProfile, ScanSettings
from tests.conftest import ADMIN, TEST_DATA
from tests.support.pdf import pdf_text
from tests.support.sane import make_sane_config, require_sane
from tests.support.typing import scanner_types
from tests.ui.conftest import wait_idle
from tests.ui.test_intake_page import choose_procedure, tick_all_documents

SAMPLES = [line for line in (TEST_DATA / "id-card-qr-samples.txt").read_text(encoding="utf-8").splitlines()
           if line and not line.startswith("#")]


@pytest.fixture
def sane_test_device(tmp_path, monkeypatch, desk):
    require_sane()
    monkeypatch.setenv("SANE_CONFIG_DIR", str(make_sane_config(tmp_path / "sane")))
    desk.digitization.save_profile(ScannerProfile("Máy quét thử (SANE test)", "sane", "test:0",
                                                  ScanSettings(150, "gray", "flatbed")))


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def scan_page(qtbot, window, cell) -> None:
    before = len(cell.pages())
    click(qtbot, cell.scan_button)
    qtbot.waitUntil(lambda: len(cell.pages()) == before + 1 and not cell.busy, timeout=30_000)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.intake.digitization.runner.idle, timeout=10_000)


def save_dossier(qtbot, page) -> str:
    """Tick every paper and save; the new dossier's code."""
    tick_all_documents(page)
    with qtbot.waitSignal(page.saved, timeout=20_000) as saved:
        click(qtbot, page.ui.saveButton)
    return saved.args[0]


def identify_citizen(qtbot, window, sample: str = SAMPLES[0]) -> None:
    page = window.intake
    page.ui.fullNameEdit.setFocus()
    scanner_types(sample)
    qtbot.waitUntil(lambda: page.ui.idNumberEdit.text() != "")


def test_two_pages_scanned_one_deleted_one_rotated_saved_as_one_pdf(qtbot, sane_test_device, window, desk):
    page = window.intake
    assert page.ui.scannerCombo.currentText() == "Máy quét thử (SANE test)"
    identify_citizen(qtbot, window)
    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    cell = page.digitization.cells[0]
    scan_page(qtbot, window, cell)
    scan_page(qtbot, window, cell)
    assert cell.strip.isVisible() and cell.status.text() == "2 trang"
    assert page.ui.documentsTable.item(0, 0).checkState() == Qt.CheckState.Checked  # scanned means received
    assert page.ui.digitizedLabel.text().startswith("Đã số hóa 1/")

    cell.strip.setCurrentRow(0)
    cell.strip.setFocus()
    qtbot.keyClick(cell.strip, Qt.Key.Key_Delete)  # the Delete key, as the "Xóa" button
    assert len(cell.pages()) == 1
    cell.strip.setCurrentRow(0)
    click(qtbot, cell.tool_buttons["right"])
    assert cell.pages()[0].rotation == 90

    code = save_dossier(qtbot, page)

    detail = desk.dossiers.get(code)
    first = detail.documents[0]
    assert first["digitized"] == 1 and first["pages"] == 1
    stored = desk.paths.file_path(first["sha256"])
    document = pdfium.PdfDocument(stored.read_bytes())
    assert len(document) == 1 and document[0].get_rotation() == 90
    document.close()
    assert not any(d.get("sha256") for d in detail.documents[1:])
    # the receipt says which paper was digitized
    assert "(đã số hóa)" in pdf_text(desk.paths.receipt_pdf(code).read_bytes())
    qtbot.waitUntil(lambda: page.digitization.runner.idle)
    assert page.digitization.cells == [] and not list(desk.digitization.work_dir.iterdir())  # work pages cleaned up


def test_a_hanging_scanner_leaves_the_window_responsive(qtbot, window, desk):
    desk.digitization.driver = DriverHost(first_page_timeout=3)
    desk.digitization.save_profile(ScannerProfile(
        "Máy treo", "tests.support.fake_scanner:HangingBackend", "fake:0", ScanSettings(150, "gray", "flatbed")))
    page = window.intake
    page.digitization.refresh_scanner_profiles()
    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    cell = page.digitization.cells[0]
    click(qtbot, cell.scan_button)
    assert cell.busy and cell.status.text() == "Đang quét…"
    # while the driver hangs, the clerk keeps typing and the event loop keeps turning
    ticks, started = [], time.monotonic()
    timer_id = page.startTimer(20)
    original = page.timerEvent
    page.timerEvent = lambda event: ticks.append(time.monotonic())
    qtbot.keyClicks(page.ui.phoneEdit, "0912345678")
    assert page.ui.phoneEdit.text() == "0912345678"
    qtbot.waitUntil(lambda: not cell.busy, timeout=15_000)
    page.killTimer(timer_id)
    page.timerEvent = original
    gaps = [b - a for a, b in zip([started, *ticks], ticks)]
    assert max(gaps) < 0.5
    assert "không phản hồi sau 3 giây" in page.ui.messageLabel.text()
    assert cell.scan_button.isEnabled()  # ready to try again


def test_a_crashing_scanner_says_so(qtbot, window, desk):
    desk.digitization.save_profile(ScannerProfile(
        "Máy lỗi", "tests.support.fake_scanner:CrashingBackend", "fake:0", ScanSettings(150, "gray", "flatbed")))
    page = window.intake
    page.digitization.refresh_scanner_profiles()
    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    click(qtbot, page.digitization.cells[0].scan_button)
    qtbot.waitUntil(lambda: "bị lỗi và đã dừng" in page.ui.messageLabel.text(), timeout=15_000)
    assert page.digitization.cells[0].pages() == []


def test_earlier_digitized_paper_is_offered_and_reused(qtbot, sane_test_device, window, desk):
    page = window.intake
    identify_citizen(qtbot, window)
    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    scan_page(qtbot, window, page.digitization.cells[0])
    first = save_dossier(qtbot, page)
    original = desk.dossiers.get(first).documents[0]

    identify_citizen(qtbot, window)  # the same citizen comes back
    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    cell = page.digitization.cells[0]
    qtbot.waitUntil(lambda: cell.reuse_button.isVisible(), timeout=10_000)
    assert first in cell.status.text()
    click(qtbot, cell.reuse_button)
    assert cell.has_file and "Dùng lại bản số hóa" in cell.status.text()
    second = save_dossier(qtbot, page)
    reused = desk.dossiers.get(second).documents[0]
    assert reused["digitized"] == REUSED and reused["sha256"] == original["sha256"]
    assert reused["reused_from"] == first
    receipt = " ".join(pdf_text(desk.paths.receipt_pdf(second).read_bytes()).split())
    assert "(dùng lại bản" in receipt  # the rest may wrap beside the count columns

    identify_citizen(qtbot, window, SAMPLES[1])  # somebody else: nothing to reuse
    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    wait_idle(qtbot, window)
    assert not page.digitization.cells[0].reuse_button.isVisible()


def test_a_feeder_batch_moves_to_the_next_document_at_a_separator_sheet(qtbot, window, desk):
    desk.digitization.save_profile(ScannerProfile(
        "Khay nạp", "tests.support.fake_scanner:FeederWithSeparatorBackend", "feeder:0",
        ScanSettings(100, "gray", "adf")))
    page = window.intake
    page.digitization.refresh_scanner_profiles()
    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    click(qtbot, page.digitization.cells[0].scan_button)
    qtbot.waitUntil(lambda: not page.digitization.scanning, timeout=20_000)
    assert [len(cell.pages()) for cell in page.digitization.cells[:2]] == [2, 1]
    assert "Đã quét 3 trang" in page.ui.messageLabel.text()


def test_scanner_settings_find_the_device_and_remember_the_profile(qtbot, sane_test_device, window, desk):
    page = window.intake
    page.digitization.open_scanner_settings()
    dialog = page.digitization.scanner_dialog
    qtbot.waitUntil(lambda: "Tìm thấy 2 máy quét" in dialog.ui.messageLabel.text(), timeout=20_000)
    assert dialog.ui.deviceCombo.currentText() == "frontend-tester (test:0)"
    dialog.ui.profileCombo.setEditText("Khay nạp giấy, màu")
    dialog.ui.sourceCombo.setCurrentIndex(dialog.ui.sourceCombo.findData("adf"))
    dialog.ui.modeCombo.setCurrentIndex(dialog.ui.modeCombo.findData("color"))
    dialog.ui.sourceCombo.setCurrentIndex(dialog.ui.sourceCombo.findData("duplex"))
    dialog.save()
    assert "không có “Khay nạp giấy, hai mặt”" in dialog.ui.messageLabel.text()  # the test device has no duplex
    dialog.ui.sourceCombo.setCurrentIndex(dialog.ui.sourceCombo.findData("adf"))
    with qtbot.waitSignal(dialog.finished):
        dialog.save()
    from desk.settings import load_settings

    saved = load_settings(desk.paths.settings)
    assert saved.scanner_profile == "Khay nạp giấy, màu"
    profile = next(p for p in saved.scanner_profiles if p["name"] == "Khay nạp giấy, màu")
    assert profile["settings"] == {"resolution": 150, "mode": "color", "source": "adf"}
    assert page.ui.scannerCombo.currentText() == "Khay nạp giấy, màu"


def test_a_file_from_the_watched_folder_joins_the_chosen_document(qtbot, tmp_path, desk, request):
    folder = tmp_path / "scan-to-folder"
    folder.mkdir()
    desk.digitization.set_watch_folder(str(folder))
    window = request.getfixturevalue("window")
    page = window.intake
    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    from PIL import Image

    Image.new("L", (850, 1100), 255).save(folder / "may-in-0001.png", dpi=(100, 100))
    qtbot.waitUntil(lambda: page.ui.folderBar.isVisible(), timeout=15_000)
    assert "may-in-0001.png" in page.ui.folderLabel.text()
    page.digitization.active_cell = page.digitization.cells[1]
    click(qtbot, page.ui.folderAddButton)
    qtbot.waitUntil(lambda: len(page.digitization.cells[1].pages()) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: (folder / "da-nhap" / "may-in-0001.png").exists(), timeout=5_000)
    assert not (folder / "may-in-0001.png").exists() and not page.ui.folderBar.isVisible()


def test_an_unsaved_form_with_scans_comes_back_after_a_crash(qtbot, sane_test_device, tmp_path, desk, clock):
    """The first window is dropped without closing (as a crash would); a second window on the same
    data directory offers the draft and restores fields, procedure, ticks and pages."""
    from desk.ui.desk_ref import DeskRef
    from desk.ui.main_window import MainWindow
    from tests.conftest import SUPERVISOR

    def open_window():
        ref = DeskRef.of(desk)
        ref.sign_in(SUPERVISOR)
        window = MainWindow(ref)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.ready, timeout=10_000):
            window.show()
        wait_idle(qtbot, window)
        return window

    first = open_window()
    page = first.intake
    identify_citizen(qtbot, first)
    choose_procedure(qtbot, first, "chung thuc ban sao", "2.000815")
    scan_page(qtbot, first, page.digitization.cells[0])
    page.digitization.cells[0].strip.setCurrentRow(0)
    page.digitization.cells[0].rotate_current(90)
    key = page.drafts.key
    draft_file = desk.paths.data_dir / "drafts" / f"intake-{key}.json"
    qtbot.waitUntil(lambda: draft_file.exists() and '"rotation": 90' in draft_file.read_text(encoding="utf-8"),
                    timeout=10_000)
    page.digitization.runner.shutdown()  # the crash: nothing more is written, nothing is cleaned up
    first.hide()

    second = open_window()
    page = second.intake
    bar = page.ui.draftsLabel
    qtbot.waitUntil(lambda: "Hồ sơ đang nhập dở" in bar.text(), timeout=10_000)
    assert "Nguyễn Thị Hoa" in bar.text() and "1 trang" in bar.text() and bar.isVisible()
    bar.linkActivated.emit(f"restore:{key}")
    qtbot.waitUntil(lambda: bool(page.digitization.cells) and len(page.digitization.cells[0].pages()) == 1,
                    timeout=10_000)
    assert page.ui.idNumberEdit.text() == "066195012345" and page.procedure.entry.template.code == "2.000815"
    assert page.digitization.cells[0].pages()[0].rotation == 90
    assert page.ui.documentsTable.item(0, 0).checkState() == Qt.CheckState.Checked
    saved = save_dossier(qtbot, page)
    assert desk.dossiers.get(saved).documents[0]["digitized"] == 1
    qtbot.waitUntil(lambda: not draft_file.exists(), timeout=10_000)
    second.close()


def test_changing_the_procedure_keeps_scans_of_the_same_paper_and_says_what_went(qtbot, sane_test_device, desk,
                                                                                 request):
    from dataclasses import replace

    original = desk.catalog.get("2.000815").template
    desk.catalog.save(replace(original, code="2.000999", name="Chứng thực bản sao (thử nghiệm)",
                              documents=original.documents[:1]), actor=ADMIN)  # shares the first paper
    window = request.getfixturevalue("window")
    page = window.intake
    choose_procedure(qtbot, window, "chung thuc ban sao tu", "2.000815")
    scan_page(qtbot, window, page.digitization.cells[0])
    scan_page(qtbot, window, page.digitization.cells[1])
    dropped_file = page.digitization.cells[1].pages()[0].source
    page.ui.procedureSearchEdit.clear()
    choose_procedure(qtbot, window, "thu nghiem", "2.000999")
    cells = page.digitization.cells  # the same paper came along
    assert len(cells) == 1 and len(cells[0].pages()) == 1
    assert "Thủ tục mới không có giấy tờ" in page.ui.messageLabel.text()
    qtbot.waitUntil(lambda: page.digitization.runner.idle)
    assert not dropped_file.exists()  # the other paper's page is gone, file included


def test_the_dossier_page_shows_and_opens_the_digitized_document(qtbot, sane_test_device, window, desk, monkeypatch):
    opened = []
    monkeypatch.setattr("desk.ui.dialogs.open_with_system", lambda path: opened.append(path) or True)
    page = window.intake
    identify_citizen(qtbot, window)
    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    scan_page(qtbot, window, page.digitization.cells[0])
    saved = save_dossier(qtbot, page)
    window.open_dossier(saved)
    view = window.dossiers.ui.detailView
    qtbot.waitUntil(lambda: "đã số hóa, 1 trang" in view.toPlainText(), timeout=10_000)
    sha256 = desk.dossiers.get(saved).documents[0]["sha256"]
    from PySide6.QtCore import QUrl

    view.anchorClicked.emit(QUrl(f"file:{sha256}"))
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert opened[0].suffix == ".pdf" and opened[0].read_bytes() == desk.paths.file_path(sha256).read_bytes()

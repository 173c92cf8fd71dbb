"""Printing through Qt's print system, and the dossier list's reprint / save-as."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import CLERK
from tests.support.pdf import decode_codes, pdf_page_count, pdf_page_size_mm, rasterise
from tests.support.workers import sample_request
from tests.ui.conftest import wait_idle


def _received(desk) -> str:
    request, version = sample_request(desk)
    return desk.intake.receive(request, procedure_version=version, actor=CLERK).code


def test_receipt_printed_through_a_qprinter_keeps_pages_size_and_codes(qtbot, desk, tmp_path):
    """The same painting path as the system print dialog, onto a PDF "printer"."""
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from desk.ui.print_pdf import paint_pdf

    code = _received(desk)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    assert paint_pdf(printer, desk.paths.receipt_pdf(code)) == 2
    printed = (tmp_path / "printed.pdf").read_bytes()
    assert pdf_page_count(printed) == 2
    width, height = pdf_page_size_mm(printed)
    assert abs(width - 148) < 0.5 and abs(height - 210) < 0.5  # Qt rounds A5 to whole points
    assert decode_codes(rasterise(printed, dpi=200)).get("Code128") == code


def test_no_printer_means_the_file_path_is_shown(qtbot, window, desk, monkeypatch):
    monkeypatch.setattr("desk.ui.print_pdf.printers_available", lambda: False)
    path = Path(desk.paths.receipt_pdf(_received(desk)))
    said = window.intake.deliver(path, "biên nhận")
    assert said == f"Không tìm thấy máy in. Biên nhận đã lưu tại {path}."


def test_printer_present_goes_through_the_print_dialog(qtbot, window, desk, monkeypatch):
    calls = []
    monkeypatch.setattr("desk.ui.print_pdf.printers_available", lambda: True)
    monkeypatch.setattr("desk.ui.print_pdf.ask_print",
                        lambda parent, path, paper, printer: calls.append((path, paper, printer)) or True)
    desk.settings_store.update(printer_name="Canon LBP2900 Quầy 1")  # the counter's default printer (Cơ quan và quầy)
    path = desk.paths.receipt_pdf(_received(desk))
    assert window.intake.deliver(path, "biên nhận") == "Đã gửi biên nhận tới máy in."
    assert calls == [(path, "A5", "Canon LBP2900 Quầy 1")]


def test_reprint_and_save_as_from_the_list(qtbot, window, desk, monkeypatch, tmp_path):
    code = _received(desk)
    desk.paths.receipt_pdf(code).unlink()  # as if the file had been lost
    messages = []
    monkeypatch.setattr("desk.ui.dialogs.show_message", lambda parent, title, text, warning=False:
                        messages.append(text))
    monkeypatch.setattr("desk.ui.print_pdf.printers_available", lambda: False)
    page = window.dossiers
    window.go_to(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.ui.dossierTable.selectRow(0)
    qtbot.waitUntil(lambda: page.ui.reprintButton.isEnabled())
    qtbot.mouseClick(page.ui.reprintButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert desk.paths.receipt_pdf(code).exists()  # rendered again from the database
    said = page.ui.actionMessage.text()  # the page says what became of the printout
    assert "Không tìm thấy máy in" in said and str(desk.paths.receipt_pdf(code)) in said

    target = tmp_path / "ban sao biên nhận.pdf"
    monkeypatch.setattr("desk.ui.dialogs.ask_save_pdf_path", lambda parent, suggested: target)
    qtbot.mouseClick(page.ui.savePdfButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert decode_codes(rasterise(target.read_bytes())).get("Code128") == code
    assert str(target) in messages[-1]

"""The print preview and deliver_pdf: real PDFs from reportlab, rendered by pdfium, offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from desk.ui.print_preview import PAGE_GAP, PrintPreviewDialog, deliver_pdf

COUNTER_SCREEN = (1366, 728)


def write_pdf(path: Path, pages: int, size: str = "A5") -> Path:
    from reportlab.lib.pagesizes import A4, A5, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from printing.fonts import BOLD, register_fonts

    family = register_fonts()
    width, height = {"A5": A5, "A4": A4, "A4-landscape": landscape(A4)}[size]
    pdf = canvas.Canvas(str(path), pagesize=(width, height))
    for number in range(1, pages + 1):
        pdf.setFont(BOLD, 12)
        pdf.drawCentredString(width / 2, height - 20 * mm, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
        pdf.setFont(family, 10)
        pdf.drawString(15 * mm, height - 35 * mm, "Người nộp: Nguyễn Thị Hằng, xã Ea Kar, tỉnh Đắk Lắk")
        pdf.drawString(15 * mm, height - 42 * mm, f"Trang {number}/{pages}")
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(autouse=True)
def counter_style():
    from desk.ui.style import apply_style

    apply_style(QApplication.instance())


@pytest.fixture
def no_printer(monkeypatch):
    monkeypatch.setattr("desk.ui.print_pdf.printers_available", lambda: False)


def open_preview(qtbot, path: Path, paper: str = "A5") -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(None, path, title="Xem trước biên nhận", paper=paper)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(*COUNTER_SCREEN)
    return dialog


def pages(dialog) -> list[QLabel]:
    return dialog.findChildren(QLabel, "previewPage")


def rendered_width(page: QLabel) -> int:
    pixmap = page.pixmap()
    return 0 if pixmap.isNull() else round(pixmap.width() / pixmap.devicePixelRatio())


def wait_first_page(qtbot, dialog) -> int:
    """Wait until page 1 shows an image drawn for its current size; return that width."""
    qtbot.waitUntil(lambda: bool(pages(dialog)) and rendered_width(pages(dialog)[0]) == pages(dialog)[0].width(),
                    timeout=5_000)
    return pages(dialog)[0].width()


def test_every_page_is_shown(qtbot, tmp_path, no_printer):
    dialog = open_preview(qtbot, write_pdf(tmp_path / "bien-nhan.pdf", 3))
    wait_first_page(qtbot, dialog)
    assert dialog.objectName() == "printPreviewDialog"
    assert not dialog.isModal()
    assert len(pages(dialog)) == 3
    assert dialog.findChild(QLabel, "pageLabel").text() == "Trang 1/3"
    image = pages(dialog)[0].pixmap().toImage()
    assert any(image.pixelColor(x, y).lightness() < 100  # the title's ink, not a blank page
               for x in range(0, image.width(), 3) for y in range(40, 120, 2))


def test_zoom_in_out_and_fit_width(qtbot, tmp_path, no_printer):
    dialog = open_preview(qtbot, write_pdf(tmp_path / "bien-nhan.pdf", 3))
    start = wait_first_page(qtbot, dialog)
    zoom_label = dialog.findChild(QLabel, "zoomLabel")
    assert zoom_label.text() == "100 %"  # an A5 page at its paper size fits the counter screen

    qtbot.mouseClick(dialog.findChild(QPushButton, "zoomInButton"), Qt.MouseButton.LeftButton)
    assert wait_first_page(qtbot, dialog) > start
    assert zoom_label.text() == "110 %"
    for _ in range(2):
        qtbot.mouseClick(dialog.findChild(QPushButton, "zoomOutButton"), Qt.MouseButton.LeftButton)
    assert wait_first_page(qtbot, dialog) < start
    assert zoom_label.text() == "90 %"

    qtbot.mouseClick(dialog.findChild(QPushButton, "fitWidthButton"), Qt.MouseButton.LeftButton)
    viewport = dialog.findChild(QWidget, "previewScroll").viewport()
    assert abs(wait_first_page(qtbot, dialog) - (viewport.width() - 2 * PAGE_GAP)) <= 1
    dialog.resize(1000, 700)  # fit width follows the window
    qtbot.waitUntil(lambda: abs(pages(dialog)[0].width() - (viewport.width() - 2 * PAGE_GAP)) <= 1)


def test_keyboard_zooms_and_escape_closes(qtbot, tmp_path, no_printer):
    dialog = open_preview(qtbot, write_pdf(tmp_path / "bien-nhan.pdf", 1))
    start = wait_first_page(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert wait_first_page(qtbot, dialog) > start
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_save_pdf_writes_an_identical_copy(qtbot, tmp_path, no_printer, monkeypatch):
    source = write_pdf(tmp_path / "bien-nhan.pdf", 3)
    target = tmp_path / "bản sao" / "biên nhận.pdf"
    monkeypatch.setattr("desk.ui.dialogs.ask_save_pdf_copy", lambda parent, suggested, title: target)
    dialog = open_preview(qtbot, source)
    wait_first_page(qtbot, dialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "previewSaveButton"), Qt.MouseButton.LeftButton)
    assert target.read_bytes() == source.read_bytes()
    message = dialog.findChild(QLabel, "previewMessageLabel")
    assert message.toolTip() == f"Đã lưu bản PDF tại {target}"  # whole text; the label may elide a long path
    assert message.isVisible()


def test_print_needs_a_printer(qtbot, tmp_path, monkeypatch):
    source = write_pdf(tmp_path / "bien-nhan.pdf", 1)
    monkeypatch.setattr("desk.ui.print_pdf.printers_available", lambda: False)
    without = open_preview(qtbot, source)
    button = without.findChild(QPushButton, "previewPrintButton")
    assert not button.isEnabled()
    assert button.toolTip() == "Không tìm thấy máy in"

    calls = []
    monkeypatch.setattr("desk.ui.print_pdf.printers_available", lambda: True)
    monkeypatch.setattr("desk.ui.print_pdf.ask_print",
                        lambda parent, path, paper, printer: calls.append((path, paper, printer)) or True)
    with_printer = PrintPreviewDialog(None, source, title="Xem trước sổ", paper="A4-landscape",
                                      printer_name="Canon LBP2900 Quầy 1")
    qtbot.addWidget(with_printer)
    with_printer.show()
    qtbot.mouseClick(with_printer.findChild(QPushButton, "previewPrintButton"), Qt.MouseButton.LeftButton)
    assert calls == [(source, "A4-landscape", "Canon LBP2900 Quầy 1")]
    assert with_printer.findChild(QLabel, "previewMessageLabel").toolTip() == "Đã gửi tới máy in."


@pytest.mark.parametrize("content", [b"%PDF-1.4\nnot really a pdf", b""])
def test_a_broken_pdf_says_so_in_the_dialog(qtbot, tmp_path, no_printer, content):
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(content)
    dialog = open_preview(qtbot, broken)
    status = dialog.findChild(QLabel, "previewStatusLabel")
    qtbot.waitUntil(lambda: "Không mở được tệp hong.pdf" in status.text())
    assert status.isVisible()
    assert not dialog.findChild(QPushButton, "previewSaveButton").isEnabled()
    assert not dialog.findChild(QPushButton, "zoomInButton").isEnabled()
    assert not pages(dialog)


def test_a_missing_pdf_says_so_in_the_dialog(qtbot, tmp_path, no_printer):
    dialog = open_preview(qtbot, tmp_path / "khong-co.pdf")
    status = dialog.findChild(QLabel, "previewStatusLabel")
    qtbot.waitUntil(lambda: status.text() == f"Không tìm thấy tệp {tmp_path / 'khong-co.pdf'}.")


def test_a_long_ledger_renders_only_pages_near_the_view(qtbot, tmp_path, no_printer):
    dialog = open_preview(qtbot, write_pdf(tmp_path / "so-theo-doi.pdf", 40, "A4-landscape"), "A4-landscape")
    wait_first_page(qtbot, dialog)
    qtbot.wait(200)
    assert len(pages(dialog)) == 40
    assert sum(1 for page in pages(dialog) if rendered_width(page)) <= 3
    bar = dialog.findChild(QWidget, "previewScroll").verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: rendered_width(pages(dialog)[-1]) == pages(dialog)[-1].width(), timeout=5_000)
    assert dialog.findChild(QLabel, "pageLabel").text() == "Trang 40/40"
    assert not rendered_width(pages(dialog)[0])  # far behind: dropped to keep memory small


def test_fits_a_counter_screen_with_buttons_in_view(qtbot, tmp_path, no_printer):
    dialog = open_preview(qtbot, write_pdf(tmp_path / "bien-nhan.pdf", 2))
    wait_first_page(qtbot, dialog)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= COUNTER_SCREEN[0] and hint.height() <= COUNTER_SCREEN[1]
    assert dialog.minimumWidth() <= 900 and dialog.minimumHeight() <= 600
    long_news = "Đã lưu bản PDF tại " + "/thư mục rất dài" * 30 + "/biên nhận.pdf"
    dialog.say("success", long_news)  # a long path must not widen the dialog past the screen
    assert dialog.minimumSizeHint().width() <= COUNTER_SCREEN[0]
    qtbot.waitUntil(lambda: dialog.size().toTuple() == COUNTER_SCREEN)
    for name in ("zoomOutButton", "zoomInButton", "fitWidthButton", "previewPrintButton", "previewSaveButton",
                 "previewCloseButton"):
        button = dialog.findChild(QPushButton, name)
        assert button.visibleRegion().boundingRect().size() == button.size(), name


def test_deliver_pdf_with_preview_opens_the_dialog(qtbot, tmp_path, no_printer):
    parent = QWidget()
    qtbot.addWidget(parent)
    path = write_pdf(tmp_path / "bien-nhan.pdf", 2)
    text = deliver_pdf(parent, path, what="biên nhận", paper="A5", printer_name="", preview=True)
    assert text == f"Đã mở bản xem trước biên nhận: {path}"
    dialog = parent.findChild(PrintPreviewDialog)
    assert dialog.isVisible() and dialog.windowTitle() == "Xem trước biên nhận"
    wait_first_page(qtbot, dialog)
    dialog.close()


def test_deliver_pdf_prints_or_says_where_the_file_is(qtbot, tmp_path, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    path = tmp_path / "so.pdf"
    answers = []
    monkeypatch.setattr("desk.ui.print_pdf.printers_available", lambda: True)
    monkeypatch.setattr("desk.ui.print_pdf.ask_print", lambda parent, path, paper, printer: answers.pop(0))

    def deliver() -> str:
        return deliver_pdf(parent, path, what="sổ theo dõi", paper="A4-landscape", printer_name="", preview=False)

    answers.append(True)
    assert deliver() == "Đã gửi sổ theo dõi tới máy in."
    answers.append(False)  # the clerk cancelled the print dialog
    assert deliver() == f"Chưa in sổ theo dõi. Tệp đã lưu tại {path}."
    monkeypatch.setattr("desk.ui.print_pdf.printers_available", lambda: False)
    assert deliver() == f"Không tìm thấy máy in. Sổ theo dõi đã lưu tại {path}."
    assert parent.findChild(PrintPreviewDialog) is None


def test_printing_while_a_preview_renders(qtbot, tmp_path, no_printer):
    """paint_pdf and the preview's worker share pdfium, which is not thread-safe: both take one lock."""
    from PySide6.QtPrintSupport import QPrinter

    from desk.ui.print_pdf import paint_pdf
    from tests.support.pdf import pdf_page_count

    ledger = write_pdf(tmp_path / "so-theo-doi.pdf", 3, "A4-landscape")
    dialog = open_preview(qtbot, ledger, "A4-landscape")
    wait_first_page(qtbot, dialog)
    for index in range(3):  # large pages keep the worker busy while the GUI thread prints
        dialog.renderer.request(index, 3000)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint_pdf(printer, ledger) == 3
    assert pdf_page_count((tmp_path / "printed.pdf").read_bytes()) == 3


def test_a_dialog_shown_after_its_pdf_opened_still_shows_the_page_at_paper_size(qtbot, tmp_path, no_printer):
    dialog = PrintPreviewDialog(None, write_pdf(tmp_path / "bien-nhan.pdf", 1), title="Xem trước", paper="A5")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(pages(dialog)) == 1)
    dialog.show()
    dialog.resize(*COUNTER_SCREEN)
    from reportlab.lib.pagesizes import A5

    assert wait_first_page(qtbot, dialog) == round(A5[0] / 72 * 96)  # 100 %: the paper's size at 96 dpi
    assert dialog.findChild(QLabel, "zoomLabel").text() == "100 %"

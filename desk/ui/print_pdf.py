"""Sending a receipt PDF to a real printer through the system print dialog.

Pages are rasterised with pdfium (pypdfium2) at the printer's resolution and painted on a
QPrinter: the same on Windows and Linux, no PDF viewer needed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import QWidget

from desk.pdfium_lock import PDFIUM_LOCK

if TYPE_CHECKING:  # QtPrintSupport loads only when printing (start-up time)
    from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)
# pdfium is not thread-safe, not even across documents: every pdfium call in the UI (printing
# here, the preview's worker thread) holds this lock.


def printers_available() -> bool:
    from PySide6.QtPrintSupport import QPrinterInfo

    return bool(QPrinterInfo.availablePrinters())


def printer_names() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


def paint_pdf(printer: QPrinter, pdf_path: Path) -> int:
    """Paint every page of the PDF on ``printer``; return the number of pages printed."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(pdf_path))
        page_count = len(document)
    painter = QPainter()
    if not painter.begin(printer):
        with PDFIUM_LOCK:
            document.close()
        raise OSError("Không mở được máy in.")
    try:
        dpi = max(150, min(printer.resolution(), 600))
        for index in range(page_count):
            if index:
                printer.newPage()
            with PDFIUM_LOCK:  # pdfium objects are freed under it too, not later by the garbage collector
                page = document[index]
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                image = bitmap.to_pil().convert("L")
                bitmap.close()
                page.close()
            qimage = QImage(image.tobytes(), image.width, image.height, image.width,
                            QImage.Format.Format_Grayscale8).copy()
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            page = QRectF(0, 0, target.width(), target.height())
            painter.drawImage(page, qimage)
        return page_count
    finally:
        painter.end()
        with PDFIUM_LOCK:
            document.close()


def ask_print(parent: QWidget, pdf_path: Path, paper: str, printer_name: str = "") -> bool:
    """Show the system print dialog, on the counter's default printer if it has one; False when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name and printer_name in printer_names():
        printer.setPrinterName(printer_name)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A5 if paper == "A5" else QPageSize.PageSizeId.A4))
    if paper == "A4-landscape":  # ledgers: wide tables
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setFullPage(True)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("In biên nhận"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    pages = paint_pdf(printer, pdf_path)
    log.info("printed %s (%d pages) on %s", pdf_path.name, pages, printer.printerName())
    return True

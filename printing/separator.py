"""The separator sheet: put it between documents in the feeder, and one batch becomes several
documents (desk/scanning/assemble.split_batch). A4, a large Code128 that decodes at 150 dpi and
above even when the sheet goes in upside down (Code128 reads both ways)."""

from __future__ import annotations

import io

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk.domain.codes import SEPARATOR_CODE

from .fonts import BOLD, REGULAR, one_render_at_a_time, register_fonts


@one_render_at_a_time
def render_separator_sheet() -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle("Trang phân tách giấy tờ")
    width, height = A4
    canvas.setFont(BOLD, 26)
    canvas.drawCentredString(width / 2, height - 45 * mm, "TRANG PHÂN TÁCH GIẤY TỜ")
    canvas.setFont(REGULAR, 13)
    for offset, line in enumerate((
            "Đặt trang này giữa hai giấy tờ khi quét bằng khay nạp giấy.",
            "Phần mềm Một Cửa Desk bắt đầu giấy tờ tiếp theo sau trang này",
            "và không lưu trang này vào hồ sơ. Có thể in lại và dùng nhiều lần.")):
        canvas.drawCentredString(width / 2, height - (62 + 8 * offset) * mm, line)
    for y in (height / 2 - 20 * mm, 40 * mm):  # twice: one survives a fold or a stain
        barcode = Code128(SEPARATOR_CODE, barWidth=0.6 * mm, barHeight=30 * mm, quiet=1)
        barcode.drawOn(canvas, (width - barcode.width) / 2, y)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()

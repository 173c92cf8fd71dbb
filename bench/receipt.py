"""Receipt PDF render time beside a bare A5 page with one line in each of the same fonts.

Both are rendered in this process, alternating, after one warm-up each (font files
parsed once, as in the desk). Target (issue 2): receipt ≤ 3 × bare.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A5  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from printing.fonts import BOLD, ITALIC, REGULAR, register_fonts  # noqa: E402
from printing.receipt import ReceiptData, ReceiptDocument, render_receipt  # noqa: E402

SAMPLE = ReceiptData(
    parent_authority="UBND TỈNH ĐẮK LẮK", unit_name="Trung tâm Phục vụ hành chính công xã Ea Kar",
    place_name="Ea Kar", code="000.00.53.H16-261123-0042", ledger_book="01/2026", ledger_line=42,
    owner_name="Nguyễn Thị Hoa", id_number="066195012345", address="Thôn 3, Xã Ea Kar, Tỉnh Đắk Lắk",
    phone="0912345678", email="hoa@example.vn", procedure_name="Chứng thực bản sao từ bản chính giấy tờ, văn bản",
    procedure_code="2.000815", documents=(ReceiptDocument("Bản chính giấy tờ, văn bản", originals=1),
                                          ReceiptDocument("Bản sao cần chứng thực", photocopies=3)),
    sets=1, processing_text="Trong ngày", received_at=datetime(2026, 11, 23, 9, 15),
    appointment_at=datetime(2026, 11, 23, 17, 0), return_place="Tại Bộ phận Một cửa", fee_text="12.000 đ",
    clerk_name="Lê Văn Tâm", tracking_url="https://dichvucong.daklak.gov.vn/tra-cuu/000.00.53.H16-261123-0042",
)


def bare_page() -> bytes:
    """The reference: one A5 page, one line in each font the receipt embeds."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, invariant=1)
    for index, font in enumerate((REGULAR, BOLD, ITALIC)):
        canvas.setFont(font, 11)
        canvas.drawString(40, 500 - 20 * index, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _time(function, *args, **kwargs) -> float:
    start = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - start


def run(rounds: int = 60) -> dict:
    register_fonts()
    bare_page()
    render_receipt(SAMPLE)
    bare, receipt_two, receipt_one = [], [], []
    for _ in range(rounds):
        bare.append(_time(bare_page))
        receipt_two.append(_time(render_receipt, SAMPLE))
        receipt_one.append(_time(render_receipt, SAMPLE, copies=1))
    result = {
        "bare_a5_ms": statistics.median(bare) * 1000,
        "receipt_2_copies_ms": statistics.median(receipt_two) * 1000,
        "receipt_1_copy_ms": statistics.median(receipt_one) * 1000,
        "receipt_bytes": len(render_receipt(SAMPLE)),
    }
    result["ratio"] = result["receipt_2_copies_ms"] / result["bare_a5_ms"]
    result["target_met"] = result["ratio"] <= 3.0
    return result


if __name__ == "__main__":
    from common import report

    report(run())

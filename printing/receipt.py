"""GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ — the counter receipt (DOMAIN.md §2, Mẫu 01).

``render_receipt`` turns a :class:`ReceiptData` into PDF bytes: one page per copy
(liên lưu / liên giao người nộp), A5 portrait by default or A4. Everything a person typed
is escaped and cleaned; a page whose content would overflow is shrunk to fit, so long
names and addresses never push the signatures off the paper.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desk.domain.text import strip_control_chars

from .codes import BarcodeFlowable, QrFlowable, qr_matrix
from .fonts import BOLD, ITALIC, REGULAR, one_render_at_a_time, printable, register_fonts
from .layout import FormHeader, Styles, form_header, moment_text, safe_text

PAPER_SIZES = {"A5": A5, "A4": A4}
COPY_LABELS = ("Liên 1: Lưu tại Bộ phận Một cửa", "Liên 2: Giao người nộp hồ sơ")


@dataclass(frozen=True)
class ReceiptDocument:
    name: str
    originals: int = 0
    certified: int = 0
    photocopies: int = 0
    digitized: int = 0  # DOMAIN.md §9: 0 not digitized, 1 digitized, 2 reused, 3 reused from a result


@dataclass(frozen=True)
class ReceiptData:
    parent_authority: str
    unit_name: str
    place_name: str
    code: str
    ledger_book: str
    ledger_line: int
    owner_name: str
    id_number: str
    address: str
    phone: str
    email: str
    procedure_name: str
    procedure_code: str
    documents: tuple[ReceiptDocument, ...]
    sets: int
    processing_text: str
    received_at: datetime
    appointment_at: datetime | None
    return_place: str
    fee_text: str
    clerk_name: str
    tracking_url: str
    submitter_name: str = ""
    submitter_id_number: str = ""
    extra_fields: tuple[tuple[str, str], ...] = field(default=())
    form_number: str = "Mẫu số 01"
    legal_basis: str = ""
    appointment_note: str = "Không có thời hạn giải quyết cố định; Bộ phận Một cửa sẽ thông báo khi có kết quả."
    check_code: str = ""  # mã kiểm tra, typed with the code where the QR cannot be scanned
    tracking_home: str = ""  # the short address to type: dichvucong.daklak.gov.vn/tra-cuu


def _header(data: ReceiptData, st: Styles, width: float) -> list:
    return form_header(FormHeader(data.parent_authority, data.unit_name, data.place_name, data.received_at.date(),
                                  data.form_number, data.legal_basis), st, width)


def _codes(data: ReceiptData, st: Styles, width: float, scale: float, qr: list[list[bool]]) -> Table:
    # Codes keep their printed size whatever the text does: a scanner needs full modules.
    qr_size = 24 * mm * scale
    text_width = width - qr_size - 4 * mm
    left = [BarcodeFlowable(data.code, max_width=text_width, bar_height=9 * mm * scale),
            Spacer(1, 2),
            Paragraph(f"Mã hồ sơ: <b>{safe_text(data.code)}</b>", st.body),
            Paragraph(f"Quyển số: {safe_text(data.ledger_book)} &nbsp; Số thứ tự: {data.ledger_line}", st.body)]
    if data.check_code:
        left.append(Paragraph(f"Mã kiểm tra (tra cứu): <b>{safe_text(data.check_code)}</b>", st.body))
    table = Table([[left, QrFlowable(qr, qr_size)]], colWidths=[text_width + 4 * mm, qr_size])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _documents_table(data: ReceiptData, st: Styles, width: float) -> Table:
    # Counts and headings are plain strings (drawn directly); only document names, which
    # come from users and may need wrapping, are Paragraphs. Half the layout work.
    rows: list[list] = [["STT", "Tên giấy tờ", "Bản\nchính", "Bản\nchứng thực", "Bản\nphoto"]]
    for index, doc in enumerate(data.documents, start=1):
        name = safe_text(doc.name) + {1: " <i>(đã số hóa)</i>", 2: " <i>(dùng lại bản đã số hóa)</i>",
                                  3: " <i>(dùng lại kết quả đã số hóa)</i>"}.get(int(doc.digitized), "")
        rows.append([str(index), Paragraph(name, st.cell),
                     *(str(n) if n else "" for n in (doc.originals, doc.certified, doc.photocopies))])
    if len(rows) == 1:
        rows.append(["", Paragraph("(Không có giấy tờ kèm theo)", st.cell), "", "", ""])
    count_width = width * 0.13
    size = st.cell.fontSize
    table = Table(rows, colWidths=[width * 0.08, width - width * 0.08 - 3 * count_width] + [count_width] * 3,
                  repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), REGULAR, size, size * 1.2), ("FONT", (0, 0), (-1, 0), BOLD, size * 0.95,
                                                                  size * 1.15),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("ALIGN", (1, 1), (1, -1), "LEFT"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def _signatures(data: ReceiptData, st: Styles, width: float, scale: float) -> Table:
    size = st.body.fontSize
    submitter = data.submitter_name or data.owner_name
    rows = [["NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"],
            ["(Ký và ghi rõ họ tên)", "(Ký và ghi rõ họ tên)"],
            ["", ""],  # room to sign
            [Paragraph(f"<b>{safe_text(submitter)}</b>", st.center), Paragraph(f"<b>{safe_text(data.clerk_name)}</b>",
                                                                            st.center)]]
    table = Table(rows, colWidths=[width / 2, width / 2],
                  rowHeights=[None, None, 14 * mm * scale, None])
    table.setStyle(TableStyle([
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, 0), BOLD, size, size * 1.25), ("FONT", (0, 1), (-1, 1), ITALIC, size, size * 1.25),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def _story(data: ReceiptData, st: Styles, width: float, scale: float, qr: list[list[bool]]) -> list[Flowable]:
    story = _header(data, st, width)
    story.append(Paragraph("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", st.title))
    story.append(_codes(data, st, width, scale, qr))
    story.append(Spacer(1, 3))
    body = st.body
    story += [
        Paragraph(f"{safe_text(data.unit_name)} tiếp nhận hồ sơ của: <b>{safe_text(data.owner_name)}</b>", body),
    ]
    if data.submitter_name:
        submitter = safe_text(data.submitter_name)
        if data.submitter_id_number:
            submitter += f" (số định danh {safe_text(data.submitter_id_number)})"
        story.append(Paragraph(f"Người nộp thay: {submitter}", body))
    story += [
        Paragraph(f"Số định danh cá nhân: {safe_text(data.id_number)}", body),
        Paragraph(f"Địa chỉ: {safe_text(data.address) or '…'}", body),
        Paragraph(f"Số điện thoại: {safe_text(data.phone) or '…'}"
                  + (f" &nbsp; E-mail: {safe_text(data.email)}" if data.email else ""), body),
        Paragraph(f"Nội dung yêu cầu giải quyết: <b>{safe_text(data.procedure_name)}</b> "
                  f"(mã thủ tục {safe_text(data.procedure_code)})", body),
    ]
    for label, value in data.extra_fields:
        story.append(Paragraph(f"{safe_text(label)}: {safe_text(value)}", st.indent))
    story += [Paragraph("1. Thành phần hồ sơ nộp gồm:", body), _documents_table(data, st, width),
              Spacer(1, 2),
              Paragraph(f"2. Số lượng hồ sơ: {data.sets:02d} (bộ)", body),
              Paragraph(f"3. Thời gian giải quyết hồ sơ theo quy định: {safe_text(data.processing_text)}", body),
              Paragraph(f"4. Thời gian nhận hồ sơ: {moment_text(data.received_at)}", body)]
    if data.appointment_at is not None:
        story.append(Paragraph(f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>{moment_text(data.appointment_at)}</b>",
                               body))
    else:
        story.append(Paragraph(f"5. Thời gian trả kết quả giải quyết hồ sơ: {safe_text(data.appointment_note)}", body))
    story += [Paragraph(f"6. Đăng ký nhận kết quả tại: {safe_text(data.return_place)}", body),
              Paragraph(f"7. Phí, lệ phí: {safe_text(data.fee_text)}", body),
              Spacer(1, 4), _signatures(data, st, width, scale), Spacer(1, 3),
              Paragraph(_tracking_hint(data), st.small_center)]
    return story


def _tracking_hint(data: ReceiptData) -> str:
    """How to follow the dossier without scanning: a short address and the check code, never the
    signed URL (86 characters nobody can type)."""
    home = safe_text(data.tracking_home or data.tracking_url.split("/tra-cuu/")[0] + "/tra-cuu")
    if data.check_code:
        return (f"Tra cứu tình trạng hồ sơ: quét mã QR trên giấy này, hoặc vào <b>{home}</b> và nhập mã hồ sơ "
                f"cùng mã kiểm tra <b>{safe_text(data.check_code)}</b>.")
    return (f"Tra cứu tình trạng hồ sơ: quét mã QR trên giấy này, hoặc vào <b>{home}/{safe_text(data.code)}</b> "
            "và nhập 4 chữ số cuối của số định danh cá nhân.")


def _layout(build: Callable[[float], list[Flowable]], width: float,
            height: float) -> tuple[float, list[tuple[Flowable, float, float]]]:
    """Lay out the story built by ``build(text_scale)``; shrink the type until it fits.

    The QR and barcode keep their size so they still scan; only if the smallest legible
    type (60 %) still overflows is the whole drawing scaled down. Returns that drawing
    scale (1.0 normally) and each flowable with its height and space before.
    """
    text_scale = 1.0
    while True:
        placed: list[tuple[Flowable, float, float]] = []
        total = 0.0
        for flowable in build(text_scale):
            _, h = flowable.wrap(width, 1e6)
            placed.append((flowable, h, flowable.getSpaceBefore()))
            total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if total <= height + 0.01:
            return 1.0, placed
        if text_scale <= 0.6:
            return height / total, placed
        text_scale = max(0.6, text_scale * max(0.85, min(0.97, height / total)))


@one_render_at_a_time
def render_receipt(data: ReceiptData, *, paper: str = "A5", copies: int = 2) -> bytes:
    """PDF bytes of the receipt: ``copies`` pages (1 or 2), A5 or A4 portrait.

    The receipt is laid out once into a form XObject that every copy places, with only
    the copy label drawn per page: half the work and half the file of two layouts.
    """
    register_fonts()
    if paper not in PAPER_SIZES:
        raise ValueError(f"Khổ giấy không hỗ trợ: {paper}")
    page_width, page_height = PAPER_SIZES[paper]
    scale = 1.0 if paper == "A5" else 1.3
    margin = 10 * mm * scale
    width, height = page_width - 2 * margin, page_height - 2 * margin
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_width, page_height), invariant=1, pageCompression=1)
    canvas.setTitle(f"Giấy tiếp nhận hồ sơ {data.code}")
    canvas.setAuthor(printable(strip_control_chars(data.unit_name)))
    canvas.setSubject("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    canvas.setCreator("Một Cửa Desk")
    qr = qr_matrix(data.tracking_url)
    fit, placed = _layout(lambda text_scale: _story(data, Styles(scale * text_scale), width, scale, qr),
                          width, height)
    label_size = 8.5 * scale
    canvas.beginForm("receipt")
    canvas.saveState()
    canvas.translate(margin, page_height - margin)
    canvas.scale(fit, fit)
    y = 0.0
    for flowable, h, space_before in placed:
        y -= space_before
        flowable.drawOn(canvas, 0, y - h)
        y -= h + flowable.getSpaceAfter()
    canvas.restoreState()
    canvas.endForm()
    for label in (COPY_LABELS if copies > 1 else ("",)):
        canvas.doForm("receipt")
        if label:
            canvas.setFont(ITALIC, label_size)
            canvas.drawRightString(page_width - margin, page_height - margin - label_size, label)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()

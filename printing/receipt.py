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
from datetime import date, datetime

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desk.domain.procedure import strip_at
from desk.domain.text import strip_control_chars

from .codes import BarcodeFlowable, QrFlowable, qr_matrix
from .fonts import BOLD, ITALIC, REGULAR, one_render_at_a_time, printable, register_fonts
from .layout import FormHeader, Styles, form_header, moment_text, safe_text

PAPER_SIZES = {"A5": A5, "A4": A4}
TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
SIGNERS = ("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ")


def copy_labels(unit_name: str) -> tuple[str, str]:
    """The label of each copy: the first stays with the unit that received the dossier (named: a Trung tâm Phục vụ
    hành chính công is not a "Bộ phận Một cửa")."""
    unit = printable(strip_control_chars(" ".join(unit_name.split()))) or "đơn vị tiếp nhận"
    return f"Liên 1: Lưu tại {unit}", "Liên 2: Giao người nộp hồ sơ"


@dataclass(frozen=True)
class ReceiptDocument:
    name: str
    originals: int = 0
    certified: int = 0
    photocopies: int = 0
    digitized: int = 0  # DOMAIN.md §9: 0 not digitized, 1 digitized, 2 reused, 3 reused from a result
    supplemented_on: date | None = None  # brought later as a supplement (the receipt reissued after it)


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
    appointment_note: str = ""  # empty: "Không có thời hạn giải quyết cố định; <unit> sẽ thông báo …"
    check_code: str = ""  # mã kiểm tra, typed with the code where the QR cannot be scanned
    tracking_home: str = ""  # the short address to type: dichvucong.daklak.gov.vn/tra-cuu
    # The form as the agency prints it (desk/domain/printed_forms.py, with the agency's own texts).
    title: str = TITLE
    signers: tuple[str, str] = SIGNERS
    footnotes: tuple[str, ...] = ()
    # Reissued after a supplement: when the dossier became complete (the time counts from it, NĐ 118/2025).
    complete_at: datetime | None = None
    # Received regardless of residence and decided by another agency (NĐ 118/2025).
    competent_agency: str = ""

    @property
    def place_of_return(self) -> str:
        """After "Đăng ký nhận kết quả tại:": never "tại: Tại …"; the receiving unit when none was set."""
        return strip_at(self.return_place) or self.unit_name

    @property
    def no_deadline_note(self) -> str:
        return self.appointment_note or (f"Không có thời hạn giải quyết cố định; {self.unit_name} sẽ thông báo khi "
                                         "có kết quả.")


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
        if doc.supplemented_on is not None:
            name += f" <i>(bổ sung ngày {doc.supplemented_on:%d/%m})</i>"
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
    left, right = data.signers
    rows = [[left, right],
            ["(Ký và ghi rõ họ tên)" if left else "", "(Ký và ghi rõ họ tên)" if right else ""],
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
    story.append(Paragraph(safe_text(data.title).upper(), st.title))
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
    if data.competent_agency:
        story.append(Paragraph("Hồ sơ tiếp nhận không phụ thuộc địa giới hành chính; cơ quan giải quyết: "
                               f"<b>{safe_text(data.competent_agency)}</b>", st.indent))
    story += [Paragraph("1. Thành phần hồ sơ nộp gồm:", body), _documents_table(data, st, width),
              Spacer(1, 2),
              Paragraph(f"2. Số lượng hồ sơ: {data.sets:02d} (bộ)", body),
              Paragraph(f"3. Thời gian giải quyết hồ sơ theo quy định: {safe_text(data.processing_text)}", body),
              Paragraph(f"4. Thời gian nhận hồ sơ: {moment_text(data.received_at)}", body)]
    if data.complete_at is not None:
        story.append(Paragraph(f"Hồ sơ đầy đủ nhận lúc {moment_text(data.complete_at)}; thời gian giải quyết tính từ "
                               "thời điểm này.", st.indent))
    if data.appointment_at is not None:
        story.append(Paragraph(f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>{moment_text(data.appointment_at)}</b>",
                               body))
    else:
        story.append(Paragraph(f"5. Thời gian trả kết quả giải quyết hồ sơ: {safe_text(data.no_deadline_note)}",
                               body))
    story += [Paragraph(f"6. Đăng ký nhận kết quả tại: {safe_text(data.place_of_return)}", body),
              Paragraph(f"7. Phí, lệ phí: {safe_text(data.fee_text)}", body),
              Spacer(1, 4), _signatures(data, st, width, scale), Spacer(1, 3)]
    if data.footnotes:
        story.append(Paragraph("<i>Ghi chú:</i> " + " ".join(f"({n}) {safe_text(note)}"
                                                               for n, note in enumerate(data.footnotes, start=1)),
                               st.small))
        story.append(Spacer(1, 2))
    story.append(Paragraph(_tracking_hint(data), st.small_center))
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


def _label_needs_own_line(data: ReceiptData, labels: tuple[str, ...], width: float, size: float) -> bool:
    """Does the longest copy label collide with the form number printed at the top left?"""
    marks = printable(strip_control_chars(data.form_number + (f" — {data.legal_basis}" if data.legal_basis else "")))
    widest = max((stringWidth(label, ITALIC, size) for label in labels), default=0.0)
    return widest + stringWidth(marks, ITALIC, size) + 4 * mm > width


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
    canvas.setSubject(printable(strip_control_chars(data.title)).upper())
    canvas.setCreator("Một Cửa Desk")
    qr = qr_matrix(data.tracking_url)
    label_size = 8.5 * scale
    labels = copy_labels(data.unit_name) if copies > 1 else ("",)
    # A long unit name makes a long label: it then gets a line of its own above the form number.
    label_room = label_size * 1.4 if _label_needs_own_line(data, labels, width, label_size) else 0.0
    fit, placed = _layout(lambda text_scale: [Spacer(1, label_room)] * bool(label_room)
                          + _story(data, Styles(scale * text_scale), width, scale, qr), width, height)
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
    for label in labels:
        canvas.doForm("receipt")
        if label:  # an absurdly long unit name still stays on the paper: its label gets smaller
            size = min(label_size, label_size * width / max(1.0, stringWidth(label, ITALIC, label_size)))
            canvas.setFont(ITALIC, size)
            canvas.drawRightString(page_width - margin, page_height - margin - label_size, label)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()

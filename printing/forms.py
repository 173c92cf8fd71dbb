"""The forms of a dossier's life after intake (DOMAIN.md §2): supplement request (Mẫu 02), refusal (Mẫu 03),
apology and new date (Mẫu 04), control sheet (Mẫu 06), ledger (Mẫu 07, A4 landscape), and the
result hand-over slip. Data in, PDF bytes out; no Qt.

Each A5 form is laid out with reportlab's platypus; a form longer than its page continues on the
next one rather than being cut (a long list of papers to bring must all be printed).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desk.domain.printed_forms import FormKind, PrintedForm, printed_form, unit_initials

from .codes import BarcodeFlowable
from .fonts import BOLD, ITALIC, REGULAR, one_render_at_a_time, register_fonts
from .layout import FormHeader, Styles, form_header, moment_text, safe_text

PAPER = {"A5": A5, "A4": A4}


@dataclass(frozen=True)
class DossierFacts:
    """Who and what a form is about."""

    code: str
    owner_name: str
    address: str
    phone: str
    procedure_name: str
    received_at: datetime
    appointment_at: datetime | None
    id_number: str = ""
    email: str = ""
    ledger_book: str = ""
    ledger_line: int = 0
    # Guidance and refusals given at intake have no dossier code: ``code`` is then the form's own number.
    code_label: str = "Mã hồ sơ"


@dataclass(frozen=True)
class Paper:
    """A paper and how many of each copy kind the procedure asks for (0 everywhere: not said)."""

    name: str
    originals: int = 0
    certified: int = 0
    photocopies: int = 0


@dataclass(frozen=True)
class SupplementData:
    facts: DossierFacts
    documents: tuple[Paper, ...]
    reason: str
    officer: str
    contact: str  # where to ask: the counter's phone, the portal


@dataclass(frozen=True)
class RefusalData:
    facts: DossierFacts
    reason: str
    officer: str
    submitter: str
    documents: tuple[Paper, ...] = ()  # the papers the citizen brought, returned with the refusal


@dataclass(frozen=True)
class LetterSigner:
    """Who signs a letter (Mẫu 04, 05): the title lines (authority, chức vụ) in capitals, then the name."""

    title: str
    name: str = ""  # empty: a blank line for the signer to write


@dataclass(frozen=True)
class ApologyData:
    facts: DossierFacts
    promised: datetime | None  # the appointment printed on the receipt
    new_appointment: datetime
    reason: str
    return_place: str
    number: str  # "Số: 03/XL"
    signer: LetterSigner
    extension_basis: str = ""  # the rule that allows the extension; empty: an apology for a delay
    recipients: tuple[str, ...] = ()  # "Nơi nhận" besides the citizen ("Như trên") and the archive


@dataclass(frozen=True)
class StopData:
    facts: DossierFacts
    reason: str
    legal_basis: str
    number: str  # "Số: 01/TB"
    signer: LetterSigner
    contact: str
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class HandoverData:
    facts: DossierFacts
    collector_name: str
    collector_id: str
    is_owner: bool
    authorisation: str
    returned_at: datetime
    result_documents: tuple[str, ...]
    fee_text: str
    officer: str


@dataclass(frozen=True)
class HandOver:
    """One real hand-over of the dossier on the control sheet (Mẫu 06): who gave it, who took it, when, and
    whether it was on time against the deadline in force at that step."""

    giver: str
    receiver: str
    at: datetime
    result: str  # Trước hạn / Đúng hạn / Quá hạn, or "" with no deadline
    note: str = ""


@dataclass(frozen=True)
class ControlSheetData:
    facts: DossierFacts
    handling_units: str
    hand_overs: tuple[HandOver, ...]
    promised: datetime | None = None  # the receipt's appointment
    # Events that are not hand-overs (a supplement request, an apology and its new date, a stop), in order.
    other_events: tuple[str, ...] = ()


@dataclass(frozen=True)
class LedgerLine:
    book: str  # quyển số, as the receipt prints it
    line: int  # số thứ tự, as the receipt prints it (0: a dossier the desk did not number, e.g. rebuilt)
    code: str
    procedure_name: str
    sets: int
    owner_name: str
    address_phone: str
    handling_unit: str
    received_at: datetime
    appointment_at: datetime | None  # promised on the receipt
    extended_to: datetime | None  # a new date given with an apology (Mẫu 04), shown "old → new"
    extension_lawful: bool  # the new date is a lawful extension (the deadline moved), not only an excuse
    sent_at: datetime | None
    ready_at: datetime | None
    returned_at: datetime | None
    note: str


@dataclass(frozen=True)
class LedgerData:
    first: date
    last: date
    lines: tuple[LedgerLine, ...] = field(default=())


def _form(header: FormHeader, kind: FormKind) -> PrintedForm:
    """The form as the agency prints it (the services resolve its own texts), else the registry's entry."""
    return header.form if header.form is not None and header.form.kind is kind else printed_form(kind)


def _title_of(header: FormHeader, kind: FormKind) -> str:
    """A form's heading and PDF title, in capitals as the forms print it."""
    return _form(header, kind).title.upper()


def _day(moment: datetime | None) -> str:
    return f"{moment:%d/%m/%Y}" if moment else ""


def _short(moment: datetime | None) -> str:
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""


def _grid(rows: list, widths: list[float], size: float, header_rows: int = 1) -> Table:
    # A row taller than the page (a 2,000-character note) continues on the next page instead of failing.
    table = Table(rows, colWidths=widths, repeatRows=header_rows, splitInRow=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), REGULAR, size, size * 1.2),
        ("FONT", (0, 0), (-1, header_rows - 1), BOLD, size * 0.95, size * 1.15),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def _signatures(left: tuple[str, str], right: tuple[str, str], st: Styles, width: float) -> KeepTogether:
    """(title, name) pairs; an empty title leaves that side blank."""
    size = st.body.fontSize
    rows = [[left[0], right[0]],
            ["(Ký và ghi rõ họ tên)" if left[0] else "", "(Ký và ghi rõ họ tên)" if right[0] else ""],
            ["", ""],
            [Paragraph(f"<b>{safe_text(left[1])}</b>", st.center), Paragraph(f"<b>{safe_text(right[1])}</b>",
                                                                              st.center)]]
    table = Table(rows, colWidths=[width / 2, width / 2], rowHeights=[None, None, 16 * mm, None])
    table.setStyle(TableStyle([
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, 0), BOLD, size, size * 1.25), ("FONT", (0, 1), (-1, 1), ITALIC, size, size * 1.25),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return KeepTogether([Spacer(1, 6), table])


def _signed(header: FormHeader, kind: FormKind, names: tuple[str, str], st: Styles, width: float) -> KeepTogether:
    """The form's signature headings (the registry's, or the agency's own) over the names of who signs."""
    left, right = _form(header, kind).signers
    return _signatures((left, names[0] if left else ""), (right, names[1] if right else ""), st, width)


@one_render_at_a_time
def _build(story: list, *, title: str, header: FormHeader, paper=A5, author: str = "") -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    margin = 10 * mm if paper == A5 else 12 * mm
    doc = SimpleDocTemplate(buffer, pagesize=paper, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=title, author=author or header.unit_name,
                            subject=title, creator="Một Cửa Desk", invariant=1)
    doc.build(story)
    return buffer.getvalue()


def _frame_width(paper) -> float:
    return paper[0] - 2 * (10 * mm if paper == A5 else 12 * mm)


def _page(paper: str):
    """The page size, the text width and the styles of an A5 (or enlarged A4) form."""
    size = PAPER[paper]
    return size, _frame_width(size), Styles(1.0 if paper == "A5" else 1.2)


def _owner_lines(facts: DossierFacts, st: Styles) -> list:
    return [Paragraph(f"Ông/bà: <b>{safe_text(facts.owner_name)}</b>", st.body),
            Paragraph(f"Địa chỉ: {safe_text(facts.address) or '…'}", st.body),
            Paragraph(f"Số điện thoại: {safe_text(facts.phone) or '…'}"
                      + (f" &nbsp; E-mail: {safe_text(facts.email)}" if facts.email else ""), st.body),
            Paragraph(f"{safe_text(facts.code_label)}: <b>{safe_text(facts.code)}</b>", st.body)]


def _count(value: int) -> str:
    return str(value) if value else ""


def _papers(papers: tuple[Paper, ...], heading: str, st: Styles, width: float) -> Table:
    """The papers with their counts by copy kind, as Mẫu 02 and 03 list them."""
    head = ParagraphStyle("papers_head", parent=st.cell, fontName=BOLD, alignment=1)
    rows: list[list] = [[Paragraph("TT", head), Paragraph(heading, head), Paragraph("Số lượng", head), "", ""],
                        ["", "", Paragraph("Bản chính", head), Paragraph("Bản chứng thực", head),
                         Paragraph("Bản chụp", head)]]
    rows += [[str(i), Paragraph(safe_text(paper.name), st.cell), _count(paper.originals), _count(paper.certified),
              _count(paper.photocopies)] for i, paper in enumerate(papers, start=1)]
    table = _grid(rows, [width * f for f in (0.07, 0.57, 0.12, 0.12, 0.12)], st.cell.fontSize, header_rows=2)
    table.setStyle(TableStyle([("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (4, 0)),
                               ("ALIGN", (0, 2), (0, -1), "CENTER"), ("ALIGN", (2, 2), (4, -1), "CENTER")]))
    return table


def render_supplement(header: FormHeader, data: SupplementData, paper: str = "A5") -> bytes:
    """PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ: complete, in writing, once (Nghị định 118/2025)."""
    size, width, st = _page(paper)
    story = form_header(header, st, width)
    title = _title_of(header, FormKind.SUPPLEMENT)
    story += [Paragraph(title, st.title), Spacer(1, 2),
              Paragraph("Hồ sơ của:", st.body), *_owner_lines(data.facts, st),
              Paragraph(f"Nội dung yêu cầu giải quyết: <b>{safe_text(data.facts.procedure_name)}</b>", st.body),
              Paragraph("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", st.body)]
    story += [_papers(data.documents, "Giấy tờ cần bổ sung, hoàn thiện", st, width), Spacer(1, 3)]
    if data.reason:
        story.append(Paragraph(f"Lý do: {safe_text(data.reason)}", st.body))
    story += [
              Paragraph("Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ "
                        f"{safe_text(data.officer)} — {safe_text(data.contact)} để được hướng dẫn.", st.body),
              _signed(header, FormKind.SUPPLEMENT, ("", data.officer), st, width)]
    return _build(story, title=title, header=header, paper=size)


def render_refusal(header: FormHeader, data: RefusalData, paper: str = "A5") -> bytes:
    """PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ."""
    size, width, st = _page(paper)
    story = form_header(header, st, width)
    title = _title_of(header, FormKind.REFUSAL)
    story += [Paragraph(title, st.title), Spacer(1, 2),
              Paragraph("Hồ sơ của:", st.body), *_owner_lines(data.facts, st),
              Paragraph(f"Đề nghị giải quyết thủ tục: <b>{safe_text(data.facts.procedure_name)}</b>", st.body),
              Spacer(1, 3)]
    if data.documents:
        story += [Paragraph("Thành phần hồ sơ đã nộp (trả lại cùng phiếu này):", st.body),
                  _papers(data.documents, "Tên giấy tờ", st, width), Spacer(1, 3)]
    story += [Paragraph("Sau khi xem xét, đối chiếu thành phần hồ sơ, "
                        f"{safe_text(header.unit_name)} thông báo không tiếp nhận, giải quyết hồ sơ này "
                        f"với lý do cụ thể như sau: <b>{safe_text(data.reason)}</b>", st.body),
              Paragraph("Xin thông báo để ông/bà được biết và thực hiện.", st.body),
              _signed(header, FormKind.REFUSAL, (data.submitter, data.officer), st, width)]
    return _build(story, title=title, header=header, paper=size)


def _sentence(text: str) -> str:
    """Typed text ending a sentence of a letter: its full stop added if the clerk left none."""
    cleaned = safe_text(text).rstrip()
    return cleaned if not cleaned or cleaned[-1] in ".!?;:)" else cleaned + "."


def _letter_close(signer: LetterSigner, recipients: tuple[str, ...], unit_short: str, st: Styles,
                  width: float) -> KeepTogether:
    """Nghị định 30/2020: "Nơi nhận" on the left (the addressee "Như trên", others, "Lưu: VT"), the signer's
    authority and title in bold capitals on the right, room for the signature and seal, then the name."""
    size = st.body.fontSize
    small = ParagraphStyle("recipients", parent=st.small, fontSize=size * 0.8, leading=size)
    lines = ["- Như trên;", *(f"- {safe_text(r)};" for r in recipients), f"- Lưu: VT, {safe_text(unit_short)}."]
    left = [Paragraph("<b><i>Nơi nhận:</i></b>", st.small), Paragraph("<br/>".join(lines), small)]
    titles = "<br/>".join(safe_text(line).upper() for line in signer.title.splitlines() if line.strip())
    right = [Paragraph(f"<b>{titles}</b>", st.center), Spacer(1, 20 * mm),
             Paragraph(f"<b>{safe_text(signer.name)}</b>" if signer.name else "", st.center)]
    table = Table([[left, right]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 6), table])


def _letter_heading(header: FormHeader, kind: FormKind, number: str, st: Styles, width: float) -> list:
    form = _form(header, kind)
    story = form_header(header, st, width, reference=f"Số: {number}")
    return story + [Spacer(1, 4), Paragraph(safe_text(form.title).upper(), st.title), Spacer(1, 2)]


def _addressee(facts: DossierFacts, st: Styles) -> list:
    return [Paragraph(f"Kính gửi: ông/bà <b>{safe_text(facts.owner_name)}</b>", st.center),
            Paragraph(f"Địa chỉ: {safe_text(facts.address) or '…'}; số điện thoại: {safe_text(facts.phone) or '…'}",
                      st.center), Spacer(1, 3)]


def _receipt_reference(facts: DossierFacts) -> str:
    book = f" (quyển số {safe_text(facts.ledger_book)}, số thứ tự {facts.ledger_line})" if facts.ledger_line else ""
    return f"mã hồ sơ <b>{safe_text(facts.code)}</b>{book}"


def render_apology(header: FormHeader, data: ApologyData, paper: str = "A5") -> bytes:
    """VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT (Mẫu 04): an administrative letter with its number,
    addressee, reason, the new date, "Nơi nhận" and its signer (Nghị định 30/2020)."""
    size, width, st = _page(paper)
    facts = data.facts
    unit = safe_text(header.unit_name)
    promised = moment_text(data.promised) if data.promised else "…"
    story = _letter_heading(header, FormKind.APOLOGY, data.number, st, width) + _addressee(facts, st)
    story += [Paragraph(f"Ngày {facts.received_at:%d/%m/%Y}, {unit} tiếp nhận hồ sơ "
                        f"<b>{safe_text(facts.procedure_name)}</b> của ông/bà, {_receipt_reference(facts)}. "
                        f"Thời gian hẹn trả kết quả ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả: {promised}.",
                        st.body),
              Paragraph(f"Đến nay, hồ sơ của ông/bà chưa được giải quyết xong. Lý do: {_sentence(data.reason)}",
                        st.body),
              Paragraph(f"Sự chậm trễ này đã gây phiền hà cho ông/bà. {unit} trân trọng xin lỗi ông/bà và đề nghị "
                        "gia hạn thời gian giải quyết hồ sơ, hẹn trả kết quả vào:", st.body),
              Paragraph(f"<b>{moment_text(data.new_appointment)}</b>", st.center)]
    if data.extension_basis:
        story.append(Paragraph(f"Căn cứ gia hạn: {safe_text(data.extension_basis)}.", st.body))
    story += [Paragraph(f"Nơi trả kết quả: {safe_text(data.return_place)}.", st.body),
              Paragraph(f"{unit} mong nhận được sự thông cảm của ông/bà./.", st.body),
              _letter_close(data.signer, data.recipients, unit_initials(header.unit_name), st, width)]
    return _build(story, title=_title_of(header, FormKind.APOLOGY), header=header, paper=size)


def render_stop(header: FormHeader, data: StopData, paper: str = "A5") -> bytes:
    """THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ (Mẫu 05): who, why, under which rule; a letter like Mẫu 04."""
    size, width, st = _page(paper)
    facts = data.facts
    unit = safe_text(header.unit_name)
    story = _letter_heading(header, FormKind.STOP, data.number, st, width) + _addressee(facts, st)
    story += [Paragraph(f"Ngày {facts.received_at:%d/%m/%Y}, {unit} tiếp nhận hồ sơ "
                        f"<b>{safe_text(facts.procedure_name)}</b> của ông/bà, {_receipt_reference(facts)}.",
                        st.body),
              Paragraph(f"{unit} thông báo dừng giải quyết hồ sơ nêu trên.", st.body),
              Paragraph(f"Lý do: {_sentence(data.reason)}", st.body),
              Paragraph(f"Căn cứ: {_sentence(data.legal_basis)}", st.body),
              Paragraph(f"Ông/bà liên hệ {unit} ({safe_text(data.contact)}) để được hướng dẫn và nhận lại "
                        "giấy tờ (nếu có)./.", st.body),
              _letter_close(data.signer, data.recipients, unit_initials(header.unit_name), st, width)]
    return _build(story, title=_title_of(header, FormKind.STOP), header=header, paper=size)


def render_handover(header: FormHeader, data: HandoverData, paper: str = "A5") -> bytes:
    """PHIẾU BÀN GIAO KẾT QUẢ: who took the result, with what ID, when, and what fee was collected."""
    size, width, st = _page(paper)
    facts = data.facts
    who = ("người có hồ sơ" if data.is_owner
           else f"người được ủy quyền (giấy ủy quyền: {safe_text(data.authorisation)})")
    story = form_header(header, st, width)
    story += [Paragraph("PHIẾU BÀN GIAO KẾT QUẢ GIẢI QUYẾT HỒ SƠ", st.title),
              BarcodeFlowable(facts.code, max_width=width * 0.6, bar_height=8 * mm), Spacer(1, 3),
              Paragraph(f"Mã hồ sơ: <b>{safe_text(facts.code)}</b>", st.body),
              Paragraph(f"Người có hồ sơ: <b>{safe_text(facts.owner_name)}</b>", st.body),
              Paragraph(f"Thủ tục: {safe_text(facts.procedure_name)}", st.body),
              Paragraph(f"Ngày tiếp nhận: {moment_text(facts.received_at)}; hẹn trả: "
                        f"{moment_text(facts.appointment_at) if facts.appointment_at else '…'}", st.body),
              Paragraph(f"Người nhận kết quả: <b>{safe_text(data.collector_name)}</b> — {who}", st.body),
              Paragraph(f"Số định danh cá nhân của người nhận: {safe_text(data.collector_id)}", st.body),
              Paragraph(f"Thời gian trả kết quả: <b>{moment_text(data.returned_at)}</b>", st.body)]
    if data.result_documents:
        story.append(Paragraph("Kết quả gồm: " + "; ".join(safe_text(d) for d in data.result_documents), st.body))
    story += [Paragraph(f"Phí, lệ phí thu khi trả kết quả: {safe_text(data.fee_text)}", st.body),
              _signed(header, FormKind.HANDOVER, (data.collector_name, data.officer), st, width)]
    return _build(story, title=_title_of(header, FormKind.HANDOVER), header=header, paper=size)


def render_control_sheet(header: FormHeader, data: ControlSheetData, paper: str = "A5") -> bytes:
    """PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ (Mẫu 06): one row per real hand-over, with the time, the result
    against the deadline of that step, and cells for the signatures of the one who gives and the one who takes."""
    size, width, st = _page(paper)
    facts = data.facts
    story = form_header(header, st, width)
    title = _title_of(header, FormKind.CONTROL)
    promised = data.promised or facts.appointment_at
    story += [Paragraph(title, st.title),
              BarcodeFlowable(facts.code, max_width=width * 0.6, bar_height=8 * mm), Spacer(1, 3),
              Paragraph(f"Quyển số: {safe_text(facts.ledger_book) or '…'} &nbsp; Số thứ tự: {facts.ledger_line or '…'}"
                        f" &nbsp; Mã hồ sơ: <b>{safe_text(facts.code)}</b>", st.body),
              Paragraph(f"Chủ hồ sơ: ông/bà <b>{safe_text(facts.owner_name)}</b>; địa chỉ: "
                        f"{safe_text(facts.address) or '…'}", st.body),
              Paragraph(f"Thủ tục: {safe_text(facts.procedure_name)}", st.body),
              Paragraph(f"Thời gian nhận hồ sơ: {moment_text(facts.received_at)}", st.body),
              Paragraph("Thời gian trả kết quả giải quyết hồ sơ: " + (moment_text(promised) if promised else "…"),
                        st.body),
              Paragraph(f"Cơ quan, bộ phận giải quyết hồ sơ: {safe_text(data.handling_units)}", st.body),
              Spacer(1, 3)]
    small = Styles(0.85 if paper == "A5" else 1.0).cell
    head = ParagraphStyle("control_head", parent=small, fontName=BOLD, alignment=1, fontSize=small.fontSize * 0.9,
                          leading=small.fontSize * 1.1)
    rows: list[list] = [[Paragraph(text, head) for text in (
                            "TÊN CƠ QUAN", "THỜI GIAN GIAO, NHẬN HỒ SƠ", "", "",
                            "KẾT QUẢ GIẢI QUYẾT HỒ SƠ <font size=6>(Trước hạn/ Đúng hạn/ Quá hạn)</font>", "GHI CHÚ")],
                        [Paragraph(text, head) for text in ("", "Thời gian", "Người giao", "Người nhận", "", "")]]
    for hand_over in data.hand_overs:
        rows.append([Paragraph(f"1. Giao: {safe_text(hand_over.giver)}<br/>2. Nhận: {safe_text(hand_over.receiver)}",
                               small),
                     Paragraph(safe_text(f"{hand_over.at:%H} giờ {hand_over.at:%M} phút, ngày {hand_over.at:%d/%m/%Y}"),
                               small),
                     [Spacer(1, 12 * mm)], "", hand_over.result, Paragraph(safe_text(hand_over.note), small)])
    if not data.hand_overs:
        rows.append([Paragraph("(Hồ sơ chưa được giao đi xử lý)", small), "", "", "", "", ""])
    table = _grid(rows, [width * f for f in (0.24, 0.15, 0.14, 0.14, 0.15, 0.18)], small.fontSize, header_rows=2)
    heights = [("SPAN", (1, 0), (3, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (4, 0), (4, 1)), ("SPAN", (5, 0), (5, 1)),
               ("ALIGN", (4, 2), (4, -1), "CENTER")]
    table.setStyle(TableStyle(heights))
    story.append(table)
    if data.other_events:
        story += [Spacer(1, 4), Paragraph("<b>Diễn biến khác của hồ sơ</b> (không phải giao, nhận):", st.small)]
        story += [Paragraph(f"- {safe_text(event)}", st.small) for event in data.other_events]
    return _build(story, title=title, header=header, paper=size)


# A ledger line keeps each free text short enough to leave the page printable; the dossier holds the whole text.
LEDGER_CELL_LIMIT = 300


def _ledger_text(value: str) -> str:
    text = str(value or "")
    return text if len(text) <= LEDGER_CELL_LIMIT else text[:LEDGER_CELL_LIMIT - 1].rstrip() + "…"


def _promised_cell(line: LedgerLine) -> str:
    """"Hẹn trả" is the date the receipt promised; an extension shows as such, old → new."""
    promised = _day(line.appointment_at)
    if line.extended_to and line.extended_to != line.appointment_at:
        return f"{promised}\n→ {_day(line.extended_to)}\n({'gia hạn' if line.extension_lawful else 'hẹn lại'})"
    return promised


def render_ledger(header: FormHeader, data: LedgerData) -> bytes:
    """SỔ THEO DÕI HỒ SƠ (Mẫu 07) for a date range: A4 landscape, the header row repeated on every page; each
    line's number is the one the receipt printed (quyển số / số thứ tự), whatever range is printed."""
    paper = landscape(A4)
    width, st = _frame_width(paper), Styles(1.0)
    cell = Styles(0.78).cell
    story = form_header(header, st, width)
    title = _title_of(header, FormKind.LEDGER)
    books = sorted({line.book for line in data.lines if line.book})
    story += [Paragraph(title, st.title),
              Paragraph(f"Từ ngày {data.first:%d/%m/%Y} đến ngày {data.last:%d/%m/%Y}"
                        + (f" — Quyển số: {', '.join(books)}" if books else ""), st.center), Spacer(1, 4)]
    top = ["Số thứ\ntự", "Mã hồ sơ", "Tên TTHC", "Số\nlượng\nhồ sơ", "Tên cá nhân,\ntổ chức", "Địa chỉ,\nsố điện thoại",
           "Cơ quan chủ trì\ngiải quyết", "Ngày, tháng, năm", "", "", "", "", "Ký nhận", "Ghi chú"]
    second = ["", "", "", "", "", "", "", "Nhận\nhồ sơ", "Hẹn trả\nkết quả", "Chuyển\nhồ sơ", "Có kết\nquả",
              "Trả kết\nquả", "", ""]
    rows: list[list] = [top, second]
    several_books = len(books) > 1
    for line in data.lines:
        number = "" if not line.line else (f"{line.book}\n{line.line}" if several_books else str(line.line))
        rows.append([number, Paragraph(safe_text(line.code), cell),
                     Paragraph(safe_text(_ledger_text(line.procedure_name)), cell),
                     str(line.sets), Paragraph(safe_text(_ledger_text(line.owner_name)), cell),
                     Paragraph(safe_text(_ledger_text(line.address_phone)), cell),
                     Paragraph(safe_text(_ledger_text(line.handling_unit)), cell),
                     _day(line.received_at), _promised_cell(line), _day(line.sent_at), _day(line.ready_at),
                     _day(line.returned_at), "", Paragraph(safe_text(_ledger_text(line.note)), cell)])
    if not data.lines:
        rows.append(["", "", Paragraph("(Không có hồ sơ trong khoảng ngày này)", cell)] + [""] * 11)
    fractions = [0.04, 0.13, 0.125, 0.04, 0.1, 0.11, 0.09, 0.056, 0.066, 0.056, 0.056, 0.056, 0.04, 0.05]
    scale = width / sum(fractions)
    table = _grid(rows, [f * scale for f in fractions], cell.fontSize, header_rows=2)
    spans = [("SPAN", (c, 0), (c, 1)) for c in (0, 1, 2, 3, 4, 5, 6, 12, 13)] + [("SPAN", (7, 0), (11, 0))]
    table.setStyle(TableStyle(spans + [("ALIGN", (0, 2), (0, -1), "CENTER"), ("ALIGN", (3, 2), (3, -1), "CENTER"),
                                       ("ALIGN", (7, 2), (11, -1), "CENTER"), ("VALIGN", (0, 0), (-1, 1), "MIDDLE")]))
    story.append(table)
    return _build(story, title=title, header=header, paper=paper)

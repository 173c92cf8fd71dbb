"""What every printed form shares (DOMAIN.md §2): safe text, type styles, the two-column header."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from desk.domain.printed_forms import PrintedForm
from desk.domain.text import strip_control_chars

from .fonts import BOLD, ITALIC, REGULAR, printable


@dataclass(frozen=True)
class FormHeader:
    """The issuing unit and the form's identity, typed by an admin (DOMAIN.md §1: keep the form
    number and legal-basis line in configuration)."""

    parent_authority: str
    unit_name: str
    place_name: str
    day: date
    form_number: str = ""
    legal_basis: str = ""
    # The form as this agency prints it (registry entry with the agency's own texts): title, signers, footnotes.
    form: PrintedForm | None = None


def safe_text(value) -> str:
    """User text made safe for a Paragraph: no control characters, no markup, drawable glyphs."""
    return escape(printable(strip_control_chars(str(value or ""))))


def official_date(day: date) -> str:
    """"ngày 05 tháng 01 năm 2026", "ngày 29 tháng 6 năm 2026": Nghị định 30/2020, Phụ lục I, II.4 — a zero before
    days below 10 and before months 1 and 2 only."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def moment_text(moment: datetime) -> str:
    return f"{moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"


class Styles:
    def __init__(self, scale: float):
        def style(name, font=REGULAR, size=10.5, align=TA_LEFT, leading=None, **kw):
            size *= scale
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.25,
                                  alignment=align, splitLongWords=True, **kw)

        self.body = style("body")
        self.small = style("small", size=8.5)
        self.small_center = style("small_center", size=8.5, align=TA_CENTER)
        self.center = style("center", align=TA_CENTER)
        self.header = style("header", size=9.5, align=TA_CENTER)
        self.center_bold = style("center_bold", font=BOLD, align=TA_CENTER)
        self.title = style("title", font=BOLD, size=13, align=TA_CENTER, spaceBefore=4 * scale,
                           spaceAfter=2 * scale)
        self.cell = style("cell", size=9.5)
        self.indent = style("indent", leftIndent=4 * mm * scale)


def form_header(header: FormHeader, st: Styles, width: float, reference: str = "") -> list:
    """Two columns: the authority and unit (typed by an admin: wrapped), the national motto
    and the place and date (fixed wording: plain strings, cheaper to lay out). A letter's number and symbol
    (``reference``, "Số: 01/XL") sit under the unit, on the line of the place and date (Nghị định 30/2020)."""
    size = st.header.fontSize
    day = header.day
    date_line = f"{printable(strip_control_chars(header.place_name))}, {official_date(day)}"
    rule = dict(thickness=0.6, spaceBefore=1, spaceAfter=1, color="black")
    # The unit name spans two rows so that the motto's rule sits right under the motto
    # however many lines the unit name takes.
    rows = [[Paragraph(safe_text(header.parent_authority).upper(), st.header), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            [Paragraph(f"<b>{safe_text(header.unit_name).upper()}</b>", st.header), "Độc lập - Tự do - Hạnh phúc"],
            ["", HRFlowable(width="50%", **rule)],
            [HRFlowable(width="35%", **rule), "" if reference else date_line]]
    if reference:
        rows.append([Paragraph(safe_text(reference), st.center), date_line])
    table = Table(rows, colWidths=[width * 0.42, width * 0.58])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("SPAN", (0, 1), (0, 2)),
        ("FONT", (1, 0), (1, 0), BOLD, size, size * 1.25), ("FONT", (1, 1), (1, 1), BOLD, st.body.fontSize,
                                                             st.body.fontSize * 1.25),
        ("FONT", (1, 3), (1, -1), ITALIC, st.body.fontSize, st.body.fontSize * 1.25),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    marks = safe_text(header.form_number) + (f" — {safe_text(header.legal_basis)}" if header.legal_basis else "")
    return [Paragraph(f"<i>{marks}</i>", st.small), Spacer(1, 2), table]

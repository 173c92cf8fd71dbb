"""The centre's numbers on paper and in a spreadsheet (issue 18): the periodic report on receipt and settlement of
administrative procedures in the columns of Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP; docs/INDICATORS.md),
a chart of the results by procedure, the QĐ 766 indicators with their formulas, and the late dossiers.

Data in, bytes out: ``render_pdf`` (reportlab, the chart drawn by reportlab's own graphics, A4 landscape) and
``render_xlsx`` (openpyxl). Both read one ``IndicatorsReport`` (desk/domain/indicator_report.py), the same the Tổng
quan page shows, so the three agree.
"""

from __future__ import annotations

import io

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desk.domain.indicator_report import (
    FORM06_HEADINGS,
    REPORT_TITLE,
    IndicatorsReport,
    form06_row,
    shown_int,
    shown_points,
    shown_value,
)
from desk.domain.printed_forms import signer_title_for

from .fonts import BOLD, REGULAR, one_render_at_a_time, register_fonts
from .layout import FormHeader, Styles, form_header, safe_text

# Results by kind, told apart in grey print by their fill: black, mid grey, white (with its outline).
RESULT_FILLS = ((colors.black, "Trước hạn"), (colors.Color(0.6, 0.6, 0.6), "Đúng hạn"), (colors.white, "Quá hạn"))


def _grid(rows: list, widths: list[float], size: float, header_rows: int = 1) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=header_rows, splitInRow=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), REGULAR, size, size * 1.2),
        ("FONT", (0, 0), (-1, header_rows - 1), BOLD, size, size * 1.2),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def _form06(report: IndicatorsReport, st: Styles, width: float) -> Table:
    cell = Styles(0.78).cell
    head = [Paragraph(f"<b>{text}</b>", cell) for text in FORM06_HEADINGS]
    top = [Paragraph("<b>STT</b>", cell), Paragraph("<b>Thủ tục hành chính</b>", cell),
           Paragraph("<b>Số hồ sơ nhận giải quyết</b>", cell), "", "", "",
           Paragraph("<b>Số hồ sơ đã giải quyết</b>", cell), "", "", "",
           Paragraph("<b>Số hồ sơ đang giải quyết</b>", cell), "", ""]
    rows: list[list] = [top, ["", "", *head]]
    for number, line in enumerate(report.lines, start=1):
        rows.append([str(number), Paragraph(safe_text(line.label), cell), *map(shown_int, form06_row(line.counts))])
    rows.append(["", Paragraph("<b>Tổng cộng</b>", cell), *map(shown_int, form06_row(report.total))])
    fractions = [0.035, 0.245] + [0.0655] * 11
    table = _grid(rows, [f * width / sum(fractions) for f in fractions], cell.fontSize, header_rows=2)
    table.setStyle(TableStyle([("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (5, 0)),
                               ("SPAN", (6, 0), (9, 0)), ("SPAN", (10, 0), (12, 0)),
                               ("ALIGN", (2, 2), (-1, -1), "RIGHT"), ("FONT", (0, -1), (-1, -1), BOLD, cell.fontSize)]))
    return table


def results_chart(report: IndicatorsReport, width: float, most: int = 8) -> Drawing:
    """Dossiers settled in the period by procedure, early / on time / late stacked; the busiest ``most``."""
    lines = sorted(report.lines, key=lambda line: -line.counts.finished_dated)[:most]
    height = 22 * mm + 9 * mm * max(1, len(lines))
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = width * 0.32, 14 * mm
    chart.width, chart.height = width * 0.52, height - 20 * mm
    chart.data = [[getattr(line.counts, key) for line in reversed(lines)] or [0]
                  for key in ("finished_early", "finished_on_time", "finished_late")]
    chart.categoryAxis.categoryNames = [line.label[:60] for line in reversed(lines)] or ["—"]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = REGULAR, 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.style = "stacked"
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = REGULAR, 7
    chart.valueAxis.valueMin = 0
    most_settled = max((line.counts.finished_dated for line in lines), default=0)
    chart.valueAxis.valueMax = max(4, most_settled)  # whole dossiers on the axis, even for an empty period
    chart.valueAxis.valueStep = max(1, -(-chart.valueAxis.valueMax // 4))
    chart.barWidth = 6 * mm
    for index, (fill, _label) in enumerate(RESULT_FILLS):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor = colors.black
        chart.bars[index].strokeWidth = 0.5
    legend = Legend()
    legend.x, legend.y = width * 0.86, height - 8 * mm
    legend.fontName, legend.fontSize = REGULAR, 8
    legend.colorNamePairs = list(RESULT_FILLS)
    legend.strokeColor, legend.strokeWidth = colors.black, 0.5
    drawing.add(chart)
    drawing.add(legend)
    return drawing


def _indicators(report: IndicatorsReport, st: Styles, width: float) -> Table:
    cell = Styles(0.8).cell
    rows: list[list] = [["Nhóm", "Chỉ số", "Giá trị", "Điểm", "Cách tính"]]
    for value in report.values:
        indicator = value.indicator
        rows.append([Paragraph(safe_text(indicator.group), cell), Paragraph(safe_text(indicator.name), cell),
                     shown_value(value), shown_points(value), Paragraph(safe_text(indicator.formula), cell)])
    return _grid(rows, [width * f for f in (0.13, 0.22, 0.12, 0.06, 0.47)], cell.fontSize)


def _late(report: IndicatorsReport, st: Styles, width: float) -> list:
    cell = Styles(0.8).cell
    if not report.late:
        return [Paragraph("Không có hồ sơ quá hạn chưa có kết quả.", st.body)]
    rows: list[list] = [["STT", "Mã hồ sơ", "Người có hồ sơ", "Thủ tục", "Hạn giải quyết", "Quá hạn (ngày lịch)"]]
    for number, line in enumerate(report.late, start=1):
        rows.append([str(number), line.code, Paragraph(safe_text(line.owner_name), cell),
                     Paragraph(safe_text(line.procedure_name), cell), f"{line.deadline:%H:%M %d/%m/%Y}",
                     f"{line.days_late} ngày"])
    return [_grid(rows, [width * f for f in (0.04, 0.2, 0.18, 0.34, 0.14, 0.1)], cell.fontSize)]


def _signed(header: FormHeader, width: float, st: Styles) -> KeepTogether:
    """Who made the report and the head of the unit who signs it (by title; the name written by hand)."""
    head = signer_title_for(header.unit_name).replace("\n", "<br/>")
    table = Table([[Paragraph("<b>NGƯỜI LẬP BIỂU</b>", st.center), Paragraph(f"<b>{head}</b>", st.center)],
                   [Paragraph("<i>(Ký và ghi rõ họ tên)</i>", st.center),
                    Paragraph("<i>(Ký, ghi rõ họ tên và đóng dấu)</i>", st.center)], ["", ""]],
                  colWidths=[width / 2, width / 2], rowHeights=[None, None, 18 * mm])
    return KeepTogether([Spacer(1, 8), table])


@one_render_at_a_time
def render_pdf(header: FormHeader, report: IndicatorsReport) -> bytes:
    register_fonts()
    paper = landscape(A4)
    margin = 12 * mm
    width = paper[0] - 2 * margin
    st = Styles(1.0)
    story = form_header(header, st, width)
    story += [Paragraph(REPORT_TITLE.upper(), st.title),
              Paragraph(f"Kỳ báo cáo: từ ngày {report.first:%d/%m/%Y} đến ngày {report.last:%d/%m/%Y} — "
                        f"{safe_text(report.scope)}", st.center), Spacer(1, 4),
              Paragraph("<b>1. Tình hình, kết quả giải quyết</b> (theo các cột của Biểu số 06/VPCP/KSTT)", st.body),
              _form06(report, st, width), Spacer(1, 6),
              KeepTogether([Paragraph("<b>2. Kết quả giải quyết theo thủ tục</b> (hồ sơ kết thúc xử lý trong kỳ)",
                                      st.body), results_chart(report, width)]),
              Spacer(1, 6), Paragraph("<b>3. Chỉ số theo Quyết định 766/QĐ-TTg và chỉ số vận hành</b>", st.body),
              _indicators(report, st, width), Spacer(1, 6),
              Paragraph(f"<b>4. Phản ánh, kiến nghị của công dân:</b> {safe_text(report.feedback_text)}", st.body),
              Spacer(1, 6), Paragraph("<b>5. Hồ sơ quá hạn chưa có kết quả</b>", st.body), *_late(report, st, width),
              _signed(header, width, st)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=paper, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=REPORT_TITLE, author=header.unit_name, creator="Một Cửa Desk",
                            invariant=1)
    doc.build(story)
    return buffer.getvalue()


def render_xlsx(header: FormHeader, report: IndicatorsReport) -> bytes:
    """The same report as a workbook: Biểu 06, the indicators, the late dossiers (one sheet each)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Biểu 06"
    sheet.append([header.parent_authority.upper()])
    sheet.append([header.unit_name.upper()])
    sheet.append([REPORT_TITLE.upper()])
    sheet.append([f"Kỳ báo cáo: từ ngày {report.first:%d/%m/%Y} đến ngày {report.last:%d/%m/%Y} — {report.scope}"])
    sheet.append([])
    sheet.append(["STT", "Thủ tục hành chính", *FORM06_HEADINGS])
    for number, line in enumerate(report.lines, start=1):
        sheet.append([number, line.label, *form06_row(line.counts)])
    sheet.append(["", "Tổng cộng", *form06_row(report.total)])
    for row in (3, 6, sheet.max_row):
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    for cell in sheet[6]:
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.column_dimensions["B"].width = 50
    values = book.create_sheet("Chỉ số")
    values.append(["Nhóm", "Chỉ số", "Giá trị", "Giá trị (số)", "Đơn vị", "Điểm", "Điểm tối đa", "Cách tính"])
    for value in report.values:
        indicator = value.indicator
        amount = value.value * 100 if value.value is not None and indicator.unit == "%" else value.value
        values.append([indicator.group, indicator.name, shown_value(value), amount, indicator.unit, value.points,
                       indicator.max_points, indicator.formula])
    values.append([])
    values.append(["Phản ánh, kiến nghị", "Tiếp nhận trong kỳ", report.feedback.get("received", 0)])
    values.append(["Phản ánh, kiến nghị", "Đã trả lời trong kỳ", report.feedback.get("answered", 0)])
    values.append(["Phản ánh, kiến nghị", "Trả lời đúng hạn", report.feedback.get("answered_on_time", 0)])
    values.append(["Phản ánh, kiến nghị", "Quá hạn chưa trả lời", report.feedback.get("open_overdue", 0)])
    late = book.create_sheet("Hồ sơ quá hạn")
    late.append(["STT", "Mã hồ sơ", "Người có hồ sơ", "Thủ tục", "Hạn giải quyết", "Số ngày quá hạn (ngày lịch)"])
    for number, overdue in enumerate(report.late, start=1):
        late.append([number, overdue.code, overdue.owner_name, overdue.procedure_name, overdue.deadline,
                     overdue.days_late])
    for column, width in (("A", 24), ("B", 44), ("C", 18), ("H", 90)):
        values.column_dimensions[column].width = width
    for column in ("B", "C", "D"):
        late.column_dimensions[column].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""Tổng quan: a supervisor reads the centre's numbers for a period, opens a late dossier with a double click, and
exports the report: the PDF and the spreadsheet carry the figures the page shows."""

from datetime import datetime

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from contract.feedback import CATEGORIES
from desk.domain.indicator_report import form06_row, shown_value
from desk.ui.navigation import PageId
from tests.conftest import CLERK
from tests.support.pdf import pdf_text
from tests.ui.conftest import wait_idle
from tests.unit.test_lifecycle import receive

FEEDBACK_CATEGORY = next(iter(CATEGORIES))  # a key such as "attitude"


def _month_of_work(desk, clock) -> dict[str, str]:
    """Two dossiers in November 2026 — one with its result ready early, one late and still open — and one in
    October (another month)."""
    life = desk.lifecycle
    clock.now = datetime(2026, 10, 20, 9, 0)
    october = receive(desk)
    clock.now = datetime(2026, 10, 21, 9, 0)
    life.result_ready(october, actor=CLERK)
    clock.now = datetime(2026, 11, 23, 9, 15)
    early = receive(desk)
    late = receive(desk)
    clock.now = datetime(2026, 11, 23, 10, 0)
    life.result_ready(early, actor=CLERK)
    life.send_to_handler(late, "Công chức Tư pháp - Hộ tịch", actor=CLERK)
    from desk.domain.feedback import Channel, FeedbackDraft
    from desk.services.feedback import FeedbackService

    FeedbackService.of(desk).record(FeedbackDraft(category=FEEDBACK_CATEGORY, text="Cán bộ hướng dẫn rất tận tình, "
                                                  "nhưng phải chờ lâu"), Channel.COUNTER, CLERK)
    clock.now = datetime(2026, 11, 27, 9, 0)  # the late one's deadline (Thu 26/11) has passed
    return {"october": october, "early": early, "late": late}


def _open_overview(qtbot, window):
    page = window.open_page(PageId.OVERVIEW)
    assert page is not None
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    wait_idle(qtbot, window)
    return page


def test_the_month_its_tiles_a_late_dossier_opened_and_another_period(qtbot, window, desk, clock):
    codes = _month_of_work(desk, clock)
    page = _open_overview(qtbot, window)
    assert page.period_combo.currentText() == "Tháng này"
    tiles = {key: value.text() for key, (value, _detail) in page.tiles.items()}
    assert tiles["received"] == "2" and tiles["late_open"] == "1" and tiles["in_progress"] == "1"
    assert page.late_table.rowCount() == 1 and page.late_table.item(0, 0).text() == codes["late"]
    assert tiles["feedback"] == "1" and "quá hạn 0" in page.tiles["feedback"][1].text()  # the citizen's word counts
    scored = {page.score_table.item(r, 1).text(): page.score_table.item(r, 3).text()
              for r in range(page.score_table.rowCount())}
    assert "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn" in scored
    assert "Cách tính" in page.score_table.item(0, 1).toolTip()
    page.scope_combo.setCurrentText("Theo thủ tục")  # narrowed to one procedure, chosen by its code and name
    qtbot.waitUntil(lambda: page.scope_value.count() > 0, timeout=5000)
    assert page.scope_value.itemText(0).startswith(page.scope_value.itemData(0) + " — ")
    assert page.message.isHidden()  # no error from reading the choices
    page.scope_combo.setCurrentIndex(0)
    page._open_late(0, 0)  # a double click on the late dossier
    qtbot.waitUntil(lambda: window.dossiers is not None and window.nav.current is PageId.DOSSIERS, timeout=5000)
    qtbot.waitUntil(lambda: window.dossiers.detail is not None
                    and window.dossiers.detail.summary.code == codes["late"], timeout=5000)
    window.open_page(PageId.OVERVIEW)
    page.period_combo.setCurrentText("Năm nay")
    qtbot.waitUntil(lambda: page.report is not None and page.report.first.month == 1, timeout=10_000)
    wait_idle(qtbot, window)
    assert page.tiles["received"][0].text() == "3"  # October's dossier counts in the year


def test_the_pdf_and_the_spreadsheet_carry_the_figures_of_the_page(qtbot, window, desk, clock, monkeypatch):
    _month_of_work(desk, clock)
    page = _open_overview(qtbot, window)
    monkeypatch.setattr("desk.ui.print_preview.PrintPreviewDialog.show", lambda self: None)
    report = page.report
    page.export("xlsx")
    qtbot.waitUntil(lambda: getattr(page, "exported_path", None) is not None, timeout=10_000)
    book = load_workbook(page.exported_path)
    sheet = book["Biểu 06"]
    total = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Tổng cộng")
    assert list(total[2:]) == form06_row(report.total)
    assert "Đã lưu bảng tính Excel" in page.message.text()
    page.exported_path = None
    page.export("pdf")
    qtbot.waitUntil(lambda: getattr(page, "exported_path", None) is not None, timeout=10_000)
    text = " ".join(pdf_text(page.exported_path.read_bytes()).split())
    assert "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "Tổng cộng " + " ".join(str(n) for n in form06_row(report.total)) in text
    on_time = next(v for v in report.values if v.indicator.key == "766.2.1")
    shown = shown_value(on_time)
    assert shown in text
    assert page.score_table.findItems(shown, Qt.MatchFlag.MatchExactly)  # the page shows the same value

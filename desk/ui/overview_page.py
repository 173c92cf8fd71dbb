"""Tổng quan: the centre's numbers for a leader (issue 18) — for a period and optionally one counter, clerk,
sector or procedure: what came in, what is in hand, due soon and late (one click to the dossier), how it ended
(early, on time, late), supplements and refusals, digitization, results returned, satisfaction and handling
time; the QĐ 766 indicators with their formula on hover; a chart of results by procedure; reports as PDF and XLSX.

Everything is read by ``ReportService.report`` (SQL aggregates) on the read worker; the page only lays it out.
The chart library (pyqtgraph, ≈ 0.5 s to import) is loaded when the page is first shown, never at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from contract.indicators import GROUP_OPERATIONS, IndicatorValue
from contract.periods import Period, PeriodKind

from . import messages
from .background import BackgroundRunner
from .desk_ref import DeskRef
from .operations import Changes, PageOps
from .overview_chart import ResultsChart
from .screen_fit import WrappingLabel
from .signals import DeskSignals

if TYPE_CHECKING:
    from desk.domain.indicator_report import IndicatorsReport

PERIODS = ((PeriodKind.TODAY, "Hôm nay"), (PeriodKind.WEEK, "Tuần này"), (PeriodKind.MONTH, "Tháng này"),
           (PeriodKind.QUARTER, "Quý này"), (PeriodKind.YEAR, "Năm nay"), (PeriodKind.CUSTOM, "Tùy chọn"))
SCOPES = (("", "Toàn trung tâm"), ("counter", "Theo quầy"), ("clerk", "Theo cán bộ"), ("sector", "Theo lĩnh vực"),
          ("procedure", "Theo thủ tục"))
# The tiles: (key, caption); their values come from ``tile_values``.
TILES = (("received", "Tiếp nhận"), ("in_progress", "Đang giải quyết"), ("due_soon", "Sắp đến hạn"),
         ("late_open", "Quá hạn, chưa có kết quả"), ("finished", "Kết thúc xử lý"),
         ("supplements", "Yêu cầu bổ sung / từ chối"), ("digitized", "Số hóa / tái sử dụng"),
         ("returned", "Đã trả kết quả"), ("satisfaction", "Hài lòng (đánh giá tại quầy)"),
         ("handling", "Thời gian giải quyết (TB / 90%)"), ("feedback", "Phản ánh, kiến nghị"))


def tile_values(report: IndicatorsReport) -> dict[str, tuple[str, str]]:
    """Each tile's big figure and its line of detail, from the report (the PDF and XLSX read the same)."""
    from desk.domain.indicator_report import shown_value

    c = report.total
    values = {v.indicator.key: v for v in report.values}

    def shown(key: str) -> str:
        return shown_value(values[key]) if key in values else "—"

    return {
        "received": (str(c.received), f"quầy {c.received_counter} · trực tuyến {c.received_online} · bưu chính "
                                      f"{c.received_postal} · nộp thay {c.received_assisted}"),
        "in_progress": (str(c.in_progress), f"chờ bổ sung {c.waiting_supplement} · trực tuyến chờ nhận "
                                            f"{c.online_waiting}"),
        "due_soon": (str(c.due_soon), "trong 2 ngày làm việc tới"),
        "late_open": (str(c.late_open), "danh sách ở dưới, bấm đúp để mở hồ sơ"),
        "finished": (str(c.finished), f"trước hạn {c.finished_early} · đúng hạn {c.finished_on_time} · quá hạn "
                                      f"{c.finished_late}"),
        "supplements": (f"{c.supplement_requests} / {c.all_refusals}", f"hướng dẫn tại quầy {c.guidance_given} · "
                                                                      f"dừng {c.stopped} · rút {c.withdrawn}"),
        "digitized": (shown("766.4.2"), f"tái sử dụng {shown('766.4.3')} · {c.digitized_documents} giấy tờ"),
        "returned": (str(c.returned), f"có đánh giá {c.rated}"),
        "satisfaction": (shown("satisfied_share"), f"rất hài lòng {c.rated_very_satisfied} · hài lòng "
                                                   f"{c.rated_satisfied} · không hài lòng {c.rated_unsatisfied}"),
        "handling": (shown("766.2.2"), f"90% hồ sơ không quá {shown('handling_p90')}"),
        "feedback": (str(report.feedback.get("received", 0)), f"trả lời {report.feedback.get('answered', 0)} "
                     f"(đúng hạn {report.feedback.get('answered_on_time', 0)}) · quá hạn "
                     f"{report.feedback.get('open_overdue', 0)}"),
    }


class OverviewPage(QWidget):
    open_dossier = Signal(str)
    shown_report = Signal(object)  # the IndicatorsReport on screen (tests compare it with the exports)

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self.desk = desk
        self.ops = PageOps(signals, runner, self, show_error=self.show_error)
        signals.changed.connect(self._on_changes)
        self.report: IndicatorsReport | None = None
        self._choices: dict[str, list[tuple[str, str]]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(self._controls())
        self.message = WrappingLabel(self)  # a long path (an exported report) wraps anywhere, never widens the page
        self.message.setObjectName("overviewMessage")
        self.message.setVisible(False)
        self.message.linkActivated.connect(self._on_link)
        layout.addWidget(self.message)
        layout.addLayout(self._tiles())
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.chart = ResultsChart(split)
        self.tabs = QTabWidget(split)
        self.tabs.setObjectName("overviewTabs")
        self.late_table = self._table(("Mã hồ sơ", "Người có hồ sơ", "Thủ tục", "Hạn giải quyết", "Quá hạn"), 2)
        self.late_table.horizontalHeaderItem(4).setToolTip("Số ngày lịch (kể cả ngày nghỉ) từ hạn giải quyết")
        self.late_table.setObjectName("lateTable")
        self.late_table.cellDoubleClicked.connect(self._open_late)
        self.late_table.setToolTip("Bấm đúp một dòng để mở hồ sơ")
        for column, width in ((0, 200), (1, 130), (3, 118), (4, 72)):
            self.late_table.setColumnWidth(column, width)
        self.score_table = self._table(("Nhóm", "Chỉ số", "Giá trị", "Điểm"), 1)
        self.score_table.setObjectName("scoreTable")
        self.procedure_table = self._table(("Thủ tục", "Tiếp nhận", "Kết thúc", "Trước hạn", "Đúng hạn", "Quá hạn",
                                            "Đang giải quyết"), 0)
        self.procedure_table.setObjectName("procedureTable")
        self.tabs.addTab(self.late_table, "Hồ sơ quá hạn")
        self.tabs.addTab(self.score_table, "Chỉ số QĐ 766")
        self.tabs.addTab(self.procedure_table, "Theo thủ tục")
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([440, 660])  # the late list needs its five columns at 1366 px
        layout.addWidget(split, 1)

    # -- layout ------------------------------------------------------------------------------------------------
    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel("Tổng quan", self)
        title.setObjectName("titleLabel")
        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("periodCombo")
        for kind, label in PERIODS:
            self.period_combo.addItem(label, kind.value)
        self.period_combo.setCurrentIndex(2)  # this month: what a leader reads first
        self.first_edit, self.last_edit = QDateEdit(self), QDateEdit(self)
        for edit, name in ((self.first_edit, "firstDateEdit"), (self.last_edit, "lastDateEdit")):
            edit.setObjectName(name)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._on_custom_dates)
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("scopeCombo")
        for key, label in SCOPES:
            self.scope_combo.addItem(label, key)
        self.scope_value = QComboBox(self)
        self.scope_value.setObjectName("scopeValueCombo")
        self.scope_value.setMinimumContentsLength(18)
        self.scope_value.setEnabled(False)
        self.pdf_button = QPushButton("Xuất báo cáo PDF", self)
        self.pdf_button.setObjectName("pdfButton")
        self.xlsx_button = QPushButton("Xuất Excel", self)
        self.xlsx_button.setObjectName("xlsxButton")
        self.period_combo.currentIndexChanged.connect(self._on_period)
        self.scope_combo.currentIndexChanged.connect(self._on_scope_kind)
        self.scope_value.currentIndexChanged.connect(lambda _i: self.refresh())
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        for widget in (title, QLabel("Kỳ:", self), self.period_combo, self.first_edit, QLabel("–", self),
                       self.last_edit, QLabel("Phạm vi:", self), self.scope_combo, self.scope_value):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.pdf_button)
        row.addWidget(self.xlsx_button)
        return row

    def _tiles(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(6)
        self.tiles: dict[str, tuple[QLabel, QLabel]] = {}
        for index, (key, caption) in enumerate(TILES):
            frame = QFrame(self)
            frame.setObjectName(f"tile_{key}")
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(frame)
            box.setContentsMargins(8, 4, 8, 4)
            box.setSpacing(0)
            head, value, detail = QLabel(caption, frame), QLabel("…", frame), QLabel("", frame)
            value.setObjectName(f"tileValue_{key}")
            value.setStyleSheet("font-size: 20px; font-weight: bold;")
            detail.setWordWrap(True)
            detail.setStyleSheet("color: #444; font-size: 11px;")
            for label in (head, value, detail):
                box.addWidget(label)
            grid.addWidget(frame, index // 6, index % 6)
            self.tiles[key] = (value, detail)
        return grid

    def _table(self, headings: tuple[str, ...], stretch: int) -> QTableWidget:
        table = QTableWidget(0, len(headings), self)
        table.setHorizontalHeaderLabels(headings)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return table

    # -- what is asked -----------------------------------------------------------------------------------------
    def period(self) -> Period:
        kind = PeriodKind(self.period_combo.currentData())
        if kind is PeriodKind.CUSTOM:
            first, last = self.first_edit.date().toPython(), self.last_edit.date().toPython()
            return Period.custom(min(first, last), max(first, last))
        return Period.of(kind, self.desk.services.lifecycle.clock().date())

    def scope(self):
        from desk.services.reports import Scope

        key = self.scope_combo.currentData()
        value = self.scope_value.currentData() if key else None
        return Scope(**{key: value}) if key and value else Scope()

    # -- reading -----------------------------------------------------------------------------------------------
    def start(self) -> None:
        self._show_period_dates()
        reports = self.desk.services.reports
        self.ops.read(reports.scope_choices, key="overview-choices").success(self._set_choices).run()
        self.refresh()

    def refresh(self) -> None:
        reports, period, scope = self.desk.services.reports, self.period(), self.scope()
        self.ops.read(lambda: reports.report(period, scope), key="overview").success(self.show_report).run()

    def show_report(self, report: IndicatorsReport) -> None:
        from desk.domain.indicator_report import shown_points, shown_value

        self.report = report
        for key, (big, detail) in tile_values(report).items():
            self.tiles[key][0].setText(big)
            self.tiles[key][1].setText(detail)
        self._fill(self.late_table, [(d.code, d.owner_name, d.procedure_name, f"{d.deadline:%H:%M %d/%m/%Y}",
                                      f"{d.days_late} ngày") for d in report.late])
        scored = [v for v in report.values if v.indicator.group != GROUP_OPERATIONS]
        self._fill(self.score_table, [(v.indicator.group, v.indicator.name, shown_value(v) if v.indicator.computed
                                       else "không có dữ liệu", shown_points(v)) for v in scored],
                   tips=[_tip(v) for v in scored])
        self._fill(self.procedure_table, [(line.label, line.counts.received, line.counts.finished,
                                           line.counts.finished_early, line.counts.finished_on_time,
                                           line.counts.finished_late, line.counts.open_at_end)
                                          for line in report.lines])
        self.chart.show_lines(report.lines)
        self.shown_report.emit(report)

    def _fill(self, table: QTableWidget, rows: list[tuple], tips: list[str] | None = None) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if isinstance(value, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if tips:
                    item.setToolTip(tips[r])
                table.setItem(r, c, item)
        if table is not self.late_table and table.rowCount() < 200:  # measuring many rows costs more than it helps
            table.resizeColumnsToContents()

    def _set_choices(self, choices: dict[str, list[tuple[str, str]]]) -> None:
        self._choices = choices
        self._on_scope_kind()

    # -- the controls ------------------------------------------------------------------------------------------
    def _on_period(self) -> None:
        custom = PeriodKind(self.period_combo.currentData()) is PeriodKind.CUSTOM
        self.first_edit.setEnabled(custom)
        self.last_edit.setEnabled(custom)
        self._show_period_dates()
        self.refresh()

    def _show_period_dates(self) -> None:
        if PeriodKind(self.period_combo.currentData()) is PeriodKind.CUSTOM:
            return
        period = self.period()
        for edit, day in ((self.first_edit, period.first), (self.last_edit, period.last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _on_custom_dates(self, _date: QDate) -> None:
        if PeriodKind(self.period_combo.currentData()) is PeriodKind.CUSTOM:
            self.refresh()

    def _on_scope_kind(self) -> None:
        key = self.scope_combo.currentData()
        self.scope_value.blockSignals(True)
        self.scope_value.clear()
        for value, shown in self._choices.get(key, []) if key else []:
            self.scope_value.addItem(shown, value)
        self.scope_value.setEnabled(bool(key))
        self.scope_value.blockSignals(False)
        self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if (changes.dossiers or changes.outcomes) and self.isVisible():
            self.refresh()

    def _open_late(self, row: int, _column: int) -> None:
        item = self.late_table.item(row, 0)
        if item is not None:
            self.open_dossier.emit(item.text())

    # -- reports -----------------------------------------------------------------------------------------------
    def export(self, kind: str) -> None:
        """The report on screen as PDF (then previewed) or XLSX, written on the worker."""
        if self.report is None:
            return
        reports, report = self.desk.services.reports, self.report
        save = reports.save_pdf if kind == "pdf" else reports.save_xlsx
        self.ops.read(lambda: save(report)).success(lambda path: self._exported(kind, path)).run()

    def _exported(self, kind: str, path) -> None:
        if kind == "pdf":
            from .print_preview import open_preview

            self.preview = open_preview(self, path, title="Xem trước báo cáo", paper="A4")
            messages.show(self.message, "success", f"Đã lưu báo cáo PDF tại {path}",
                          actions=((f"preview:{path}", "Xem lại"),))
        else:
            messages.show(self.message, "success", f"Đã lưu bảng tính Excel tại {path}",
                          actions=((f"folder:{path.parent}", "Mở thư mục"),))
        self.exported_path = path

    def _on_link(self, link: str) -> None:
        kind, _, target = link.partition(":")
        if kind == "preview":
            from pathlib import Path

            from .print_preview import open_preview

            self.preview = open_preview(self, Path(target), title="Xem trước báo cáo", paper="A4")
        elif kind == "folder":
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl.fromLocalFile(target))

    def show_error(self, text: str) -> None:
        messages.show(self.message, "error", text)


def _tip(value: IndicatorValue) -> str:
    indicator = value.indicator
    tip = f"{indicator.name}\n\nCách tính: {indicator.formula}"
    if indicator.cannot_know:
        tip += f"\n\nBàn làm việc không biết: {indicator.cannot_know}"
    return tip


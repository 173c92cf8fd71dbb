"""The Tổng quan page's chart: dossiers settled in the period by procedure, early / on time / late stacked
(pyqtgraph: small and pure Python over numpy; QtCharts would need PySide6-Addons — docs/ARCHITECTURE.md). The
three kinds are told apart without colour, as on the printed report: solid black, a dotted grey, white."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from desk.domain.indicator_report import ReportLine

KINDS = (("finished_early", "Trước hạn", QBrush(QColor("black"))),
         ("finished_on_time", "Đúng hạn", QBrush(QColor("#777777"), Qt.BrushStyle.Dense4Pattern)),
         ("finished_late", "Quá hạn", QBrush(QColor("white"))))
MOST = 8  # procedures on the chart: the busiest; the table beside it lists them all


class ResultsChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resultsChart")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("<b>Kết quả giải quyết theo thủ tục</b> (hồ sơ kết thúc xử lý trong kỳ)", self)
        layout.addWidget(caption)
        import pyqtgraph as pg  # ≈ 0.5 s: loaded with this page, not at start-up

        pg.setConfigOptions(antialias=True, foreground="k", background="w")
        self.plot = pg.PlotWidget(self)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=True, alpha=0.3)
        self.legend = self.plot.addLegend(offset=(-10, -10))  # bottom right: the busiest bars are on top
        layout.addWidget(self.plot, 1)
        self.bars: list = []
        self.labels: list[str] = []

    def show_lines(self, lines: Sequence[ReportLine]) -> None:
        """Horizontal stacked bars, the busiest procedure on top, its code as the axis label."""
        import pyqtgraph as pg

        for item in self.bars:
            self.plot.removeItem(item)
        self.legend.clear()
        busiest = sorted(lines, key=lambda line: -line.counts.finished_dated)[:MOST]
        rows = list(range(len(busiest)))[::-1]
        left = [0] * len(busiest)
        self.bars = []
        for key, label, brush in KINDS:
            widths = [getattr(line.counts, key) for line in busiest]
            # A cosmetic pen: one pixel whatever the scale (a QPen's width would be in data units here).
            bar = pg.BarGraphItem(x0=left, y=rows, height=0.6, width=widths, brush=brush, pen=pg.mkPen("k", width=1))
            self.plot.addItem(bar)
            self.legend.addItem(bar, label)
            self.bars.append(bar)
            left = [a + b for a, b in zip(left, widths)]
        self.labels = [_short(line.label) for line in busiest]
        self.plot.getAxis("left").setTicks([list(zip(rows, self.labels))])
        self.plot.setYRange(-0.6, max(len(busiest), 1) - 0.4)
        most = max([*left, 4])
        self.plot.setXRange(0, most * 1.05)
        step = max(1, -(-most // 5))  # whole dossiers on the axis, about five ticks
        self.plot.getAxis("bottom").setTickSpacing(step, step)


def _short(label: str) -> str:
    """"Đăng ký kết hôn (1.000894)" → "1.000894" on the axis; the table and the tooltip name it in full."""
    return label.rsplit("(", 1)[-1].rstrip(")") if label.endswith(")") else label[:12]

"""The centre's numbers as one object (issue 18): the figures for a period, the per-procedure lines of the periodic
report, the QĐ 766 values and the late dossiers — what the Tổng quan page shows and what its PDF and spreadsheet
print (printing/indicators_report.py), written the same way everywhere by ``shown_value``. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from contract.indicators import Counts, IndicatorValue

REPORT_TITLE = "Báo cáo tình hình, kết quả giải quyết thủ tục hành chính"


@dataclass(frozen=True)
class ReportLine:
    """A row of Biểu 06: a procedure (or sector) and its counts for the period."""

    label: str
    counts: Counts


@dataclass(frozen=True)
class LateLine:
    code: str
    owner_name: str
    procedure_name: str
    deadline: datetime
    days_late: int


@dataclass(frozen=True)
class IndicatorsReport:
    first: date
    last: date
    scope: str  # "Toàn trung tâm", or the counter, clerk, sector or procedure chosen
    total: Counts
    lines: tuple[ReportLine, ...]
    values: tuple[IndicatorValue, ...]
    late: tuple[LateLine, ...]
    # Citizens' feedback in the period (the whole centre): received, answered, answered_on_time, open_overdue.
    feedback: dict[str, int] = field(default_factory=dict)

    @property
    def feedback_text(self) -> str:
        f = self.feedback
        if not f:
            return "—"
        return (f"nhận {f.get('received', 0)} · đã trả lời {f.get('answered', 0)} (đúng hạn "
                f"{f.get('answered_on_time', 0)}) · quá hạn chưa trả lời {f.get('open_overdue', 0)}")


def shown_int(value) -> str:
    return f"{value:,}".replace(",", ".") if value is not None else "—"


def shown_value(value: IndicatorValue) -> str:
    """How the page, the PDF and the spreadsheet write a value: "87,5 %", "1.234 hồ sơ", "2 ngày 3 giờ"."""
    number, unit = value.value, value.indicator.unit
    if number is None:
        return "—"
    if unit == "%":
        return f"{number * 100:.1f} %".replace(".", ",")
    if unit == "phút":
        minutes = int(round(number))
        days, rest = divmod(minutes, 24 * 60)
        hours, minutes = divmod(rest, 60)
        return " ".join(part for part in (f"{days} ngày" if days else "", f"{hours} giờ" if hours else "",
                                          f"{minutes} phút" if minutes or not (days or hours) else "") if part)
    return f"{shown_int(int(number))} {unit}"


def shown_points(value: IndicatorValue) -> str:
    if value.points is None or value.indicator.max_points is None:
        return ""
    return f"{value.points:g}/{value.indicator.max_points:g}".replace(".", ",")


def form06_row(counts: Counts) -> list[int]:
    """Biểu 06's eleven figures: received (total, carried over, new online, new at the counter or by post),
    settled (total, early, on time, late), in progress at the end (total, not yet due, late)."""
    new_online = counts.received_online
    new_direct = counts.received_counter + counts.received_postal
    received_total = counts.carried_over + new_online + new_direct
    settled = counts.finished_early + counts.finished_on_time + counts.finished_late
    in_progress = counts.open_at_end
    return [received_total, counts.carried_over, new_online, new_direct, settled, counts.finished_early,
            counts.finished_on_time, counts.finished_late, in_progress, in_progress - counts.open_late_at_end,
            counts.open_late_at_end]


FORM06_HEADINGS = ("Tổng số nhận", "Kỳ trước chuyển qua", "Mới nhận trực tuyến", "Mới nhận trực tiếp, bưu chính",
                   "Tổng số đã giải quyết", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số đang giải quyết",
                   "Chưa đến hạn", "Quá hạn")

"""Reporting periods of the indicators (issue 18), the same on the desk and at the province: a period is whole days,
``first`` to ``last`` inclusive, in Vietnam wall time; a moment belongs to it when ``start <= moment < end``
(``end`` is midnight after ``last``). Weeks run Monday to Sunday; quarters are calendar quarters. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum


class PeriodKind(StrEnum):
    TODAY = "today"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    kind: PeriodKind = PeriodKind.CUSTOM

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"period ends ({self.last}) before it starts ({self.first})")

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time.min)

    @property
    def end(self) -> datetime:
        """Midnight after the last day: the first moment outside the period."""
        return datetime.combine(self.last + timedelta(days=1), time.min)

    @property
    def label(self) -> str:
        """How the page and the report name it (Vietnamese)."""
        if self.kind is PeriodKind.TODAY:
            return f"Hôm nay, {self.first:%d/%m/%Y}"
        if self.kind is PeriodKind.MONTH:
            return f"Tháng {self.first.month:02d}/{self.first.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Quý {(self.first.month - 1) // 3 + 1}/{self.first.year}"
        if self.kind is PeriodKind.YEAR:
            return f"Năm {self.first.year}"
        return f"Từ ngày {self.first:%d/%m/%Y} đến ngày {self.last:%d/%m/%Y}"

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    @classmethod
    def custom(cls, first: date, last: date) -> Period:
        return cls(first, last, PeriodKind.CUSTOM)

    @classmethod
    def of(cls, kind: PeriodKind | str, today: date) -> Period:
        """The period of this kind that holds ``today`` (the whole week, month, quarter or year, future days
        included: they hold nothing yet)."""
        kind = PeriodKind(kind)
        if kind is PeriodKind.TODAY:
            return cls(today, today, kind)
        if kind is PeriodKind.WEEK:
            monday = today - timedelta(days=today.weekday())
            return cls(monday, monday + timedelta(days=6), kind)
        if kind is PeriodKind.MONTH:
            return cls(today.replace(day=1), _month_end(today.year, today.month), kind)
        if kind is PeriodKind.QUARTER:
            first_month = (today.month - 1) // 3 * 3 + 1
            return cls(date(today.year, first_month, 1), _month_end(today.year, first_month + 2), kind)
        if kind is PeriodKind.YEAR:
            return cls(date(today.year, 1, 1), date(today.year, 12, 31), kind)
        raise ValueError("a custom period needs its first and last days: Period.custom(first, last)")


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)

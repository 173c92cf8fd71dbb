"""Working days, office hours and appointments (DOMAIN.md §5).

* Working days are Monday–Friday minus public holidays (Bộ luật Lao động 2019, Điều 112)
  and their compensatory days (nghỉ bù), adjusted by each year's announced schedule
  (extra days off, make-up working days). Saturday reception does not make Saturday a
  counting day.
* Processing time counts office time forward from the moment of receipt: before opening
  counts from opening, at lunch from the afternoon session, after closing from the next
  working day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache

from .errors import DomainError
from .lunar import LunarDate, lunar_to_solar, tet


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"
    SAME_DAY = "same_day"  # with the 15:00 rule
    NONE = "none"  # no fixed date: the receipt prints a note instead


@dataclass(frozen=True)
class ProcessingTime:
    value: float
    unit: TimeUnit

    def __post_init__(self):
        object.__setattr__(self, "unit", TimeUnit(self.unit))
        if self.value < 0 or (self.unit in (TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS,
                                             TimeUnit.CALENDAR_DAYS) and self.value <= 0):
            raise DomainError("Thời hạn giải quyết phải lớn hơn 0.")

    def describe(self) -> str:
        number = f"{self.value:g}".replace(".", ",")
        return {
            TimeUnit.WORKING_DAYS: f"{number} ngày làm việc",
            TimeUnit.WORKING_HOURS: f"{number} giờ làm việc",
            TimeUnit.CALENDAR_DAYS: f"{number} ngày",
            TimeUnit.SAME_DAY: "Trong ngày (nhận sau 15 giờ: ngày làm việc tiếp theo)",
            TimeUnit.NONE: "Không quy định thời hạn",
        }[self.unit]

    def short(self) -> str:
        """A few words for a table cell."""
        if self.unit is TimeUnit.SAME_DAY:
            return "Trong ngày"
        if self.unit is TimeUnit.NONE:
            return "Không quy định"
        return self.describe()


Session = tuple[time, time]
DEFAULT_SESSIONS: tuple[Session, ...] = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))


@dataclass(frozen=True)
class OfficeHours:
    """Office sessions per weekday (0 = Monday). Weekend entries only matter for reception."""

    weekday_sessions: tuple[tuple[Session, ...], ...] = (DEFAULT_SESSIONS,) * 5 + ((), ())
    same_day_cutoff: time = time(15, 0)

    def sessions_for(self, weekday: int) -> tuple[Session, ...]:
        sessions = self.weekday_sessions[weekday]
        # A make-up working Saturday keeps a normal weekday's hours.
        return sessions or self.weekday_sessions[0]

    @property
    def standard_day_minutes(self) -> int:
        return sum(_minutes(end) - _minutes(start) for start, end in self.weekday_sessions[0])

    def validated(self) -> OfficeHours:
        if len(self.weekday_sessions) != 7:
            raise DomainError("Giờ làm việc phải khai báo đủ 7 ngày trong tuần.", field="office_hours")
        for weekday, sessions in enumerate(self.weekday_sessions):
            name = WEEKDAY_NAMES[weekday]
            if weekday < 5 and not sessions:
                raise DomainError(f"{name} là ngày làm việc: cần ít nhất một buổi.", field="office_hours")
            previous_end = time.min
            for start, end in sessions:
                if not start < end:
                    raise DomainError(f"{name}: giờ bắt đầu {start:%H:%M} phải trước giờ kết thúc {end:%H:%M}.",
                                      field="office_hours")
                if start < previous_end:
                    raise DomainError(f"{name}: các buổi làm việc chồng lên nhau.", field="office_hours")
                previous_end = end
        return self

    def to_dict(self) -> dict:
        return {"sessions": [[[f"{a:%H:%M}", f"{b:%H:%M}"] for a, b in day] for day in self.weekday_sessions],
                "same_day_cutoff": f"{self.same_day_cutoff:%H:%M}"}

    @classmethod
    def from_dict(cls, data: dict) -> OfficeHours:
        try:
            sessions = tuple(tuple((time.fromisoformat(a), time.fromisoformat(b)) for a, b in day)
                             for day in data["sessions"])
            cutoff = time.fromisoformat(data.get("same_day_cutoff", "15:00"))
        except (KeyError, TypeError, ValueError) as exc:
            raise DomainError(f"Giờ làm việc không hợp lệ (giờ viết dạng 07:30): {exc}.",
                              field="office_hours") from None
        return cls(sessions, cutoff).validated()


WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True)
class YearSchedule:
    """What the government announced for one year, on top of the statutory days.

    ``days_off`` adds days off (swapped days, the chosen day next to 2/9, a new holiday);
    ``working_days`` makes days count as working days (make-up Saturdays) and wins over
    everything else. ``source`` says where the schedule comes from. ``office_hours``, when
    set, replaces the desk's default hours for that year.
    """

    year: int
    days_off: dict[date, str] = field(default_factory=dict)
    working_days: dict[date, str] = field(default_factory=dict)
    source: str = ""
    office_hours: OfficeHours | None = None

    def __post_init__(self):
        for day in list(self.days_off) + list(self.working_days):
            if day.year != self.year:
                raise DomainError(f"Ngày {day:%d/%m/%Y} không thuộc năm {self.year} của lịch.")
        both = set(self.days_off) & set(self.working_days)
        if both:
            raise DomainError(f"Ngày {min(both):%d/%m/%Y} vừa là ngày nghỉ vừa là ngày làm việc bù.")


def statutory_holidays(year: int) -> dict[date, str]:
    """Public holidays of Điều 112, before compensation and announced swaps.

    The law fixes five Tết days and one day next to 2/9 but leaves the exact days to a
    yearly decision; by default we take the last day of the lunar year plus mùng 1–4, and
    the day after 2/9 (the day before when 2/9 is a Tuesday, making a long weekend).
    A year's announced schedule corrects either.
    """
    days: dict[date, str] = {date(year, 1, 1): "Tết Dương lịch"}
    first = tet(year)
    for offset in range(-1, 4):
        days[first + timedelta(days=offset)] = "Tết Nguyên đán"
    days[lunar_to_solar(LunarDate(year, 3, 10))] = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
    days[date(year, 4, 30)] = "Ngày Chiến thắng (30/4)"
    days[date(year, 5, 1)] = "Ngày Quốc tế Lao động (1/5)"
    national = date(year, 9, 2)
    days[national] = "Quốc khánh (2/9)"
    adjacent = national - timedelta(days=1) if national.weekday() == 1 else national + timedelta(days=1)
    days[adjacent] = "Quốc khánh (ngày liền kề)"
    return days


def with_compensatory_days(holidays: dict[date, str]) -> dict[date, str]:
    """A holiday on Saturday or Sunday gives a day off on the next working day (nghỉ bù)."""
    result = dict(holidays)
    for day in sorted(holidays):
        if day.weekday() < 5:
            continue
        candidate = day + timedelta(days=1)
        while candidate.weekday() >= 5 or candidate in result:
            candidate += timedelta(days=1)
        result[candidate] = f"Nghỉ bù {holidays[day]}"
    return result


class WorkingCalendar:
    def __init__(self, office_hours: OfficeHours | None = None,
                 schedules: dict[int, YearSchedule] | None = None):
        self.office_hours = office_hours or OfficeHours()
        self.schedules = dict(schedules or {})
        self._days_off = lru_cache(maxsize=64)(self._compute_days_off)

    # -- days --------------------------------------------------------------------------
    def _compute_days_off(self, year: int) -> dict[date, str]:
        days = with_compensatory_days(statutory_holidays(year))
        schedule = self.schedules.get(year)
        if schedule:
            days.update(schedule.days_off)
        return days

    def days_off(self, year: int) -> dict[date, str]:
        """Weekdays and holidays that do not count, with their names (weekends excluded)."""
        return dict(self._days_off(year))

    def is_working_day(self, day: date) -> bool:
        schedule = self.schedules.get(day.year)
        if schedule and day in schedule.working_days:
            return True
        if day.weekday() >= 5:
            return False
        return day not in self._days_off(day.year)

    def day_note(self, day: date) -> str:
        schedule = self.schedules.get(day.year)
        if schedule and day in schedule.working_days:
            return schedule.working_days[day] or "Ngày làm việc bù"
        if day in self._days_off(day.year):
            return self._days_off(day.year)[day]
        return "Nghỉ cuối tuần" if day.weekday() >= 5 else ""

    def hours(self, year: int) -> OfficeHours:
        """The office hours in force that year: the year's schedule may set its own."""
        schedule = self.schedules.get(year)
        return schedule.office_hours if schedule and schedule.office_hours else self.office_hours

    def sessions(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_working_day(day):
            return []
        return [(datetime.combine(day, start), datetime.combine(day, end))
                for start, end in self.hours(day.year).sessions_for(day.weekday())]

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        for _ in range(400):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise DomainError("Không tìm thấy ngày làm việc nào trong 400 ngày tới: kiểm tra lịch.")

    # -- moments -----------------------------------------------------------------------
    def next_working_moment(self, moment: datetime) -> datetime:
        """The moment itself if inside office hours, else the next session's opening."""
        for start, end in self.sessions(moment.date()):
            if moment < end:
                return max(moment, start)
        return self.sessions(self.next_working_day(moment.date()))[0][0]

    def add_working_minutes(self, moment: datetime, minutes: float) -> datetime:
        """Count ``minutes`` of office time forward from ``moment``."""
        current = self.next_working_moment(moment)
        remaining = timedelta(minutes=minutes)
        day = current.date()
        while True:
            for start, end in self.sessions(day):
                if end <= current:
                    continue
                begin = max(start, current)
                available = end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            day = self.next_working_day(day)
            current = datetime.combine(day, time.min)

    def end_of_day(self, day: date) -> datetime:
        return self.sessions(day)[-1][1]

    def appointment(self, received_at: datetime, processing: ProcessingTime) -> datetime | None:
        """When the result is due, or None when the procedure states no time."""
        unit = processing.unit
        if unit is TimeUnit.NONE:
            return None
        if unit is TimeUnit.SAME_DAY:
            day = received_at.date()
            in_time = received_at.time() < self.hours(day.year).same_day_cutoff
            if self.is_working_day(day) and in_time:
                return self.end_of_day(day)
            return self.end_of_day(self.next_working_day(day))
        if unit is TimeUnit.WORKING_HOURS:
            return self.add_working_minutes(received_at, processing.value * 60)
        if unit is TimeUnit.WORKING_DAYS:
            minutes = processing.value * self.hours(received_at.year).standard_day_minutes
            return self.add_working_minutes(received_at, minutes)
        if unit is TimeUnit.CALENDAR_DAYS:
            return self.next_working_moment(received_at + timedelta(days=processing.value))
        raise AssertionError(unit)


def schedule_from_dict(data: dict) -> YearSchedule:
    """Read a year schedule as stored in ``resources/calendar/<year>.json`` or typed by an admin."""
    try:
        year = int(data["year"])

        def days(key: str) -> dict[date, str]:
            return {date.fromisoformat(item["date"]): str(item.get("name", "")) for item in data.get(key, ())}

        hours = OfficeHours.from_dict(data["office_hours"]) if data.get("office_hours") else None
        return YearSchedule(year, days("days_off"), days("working_days"), str(data.get("source", "")), hours)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, DomainError):
            raise
        raise DomainError(f"Lịch năm không hợp lệ: {exc}") from exc


def schedule_to_dict(schedule: YearSchedule) -> dict:
    return {
        "year": schedule.year,
        "source": schedule.source,
        "days_off": [{"date": d.isoformat(), "name": n} for d, n in sorted(schedule.days_off.items())],
        "working_days": [{"date": d.isoformat(), "name": n} for d, n in sorted(schedule.working_days.items())],
        **({"office_hours": schedule.office_hours.to_dict()} if schedule.office_hours else {}),
    }


class DayKind(StrEnum):
    WORKING = "working"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"  # a statutory holiday, its compensatory day or an announced day off
    MAKE_UP = "make_up"  # a weekend day worked to make up for a swapped day


def day_kind(calendar: WorkingCalendar, day: date) -> DayKind:
    schedule = calendar.schedules.get(day.year)
    if schedule and day in schedule.working_days:
        return DayKind.MAKE_UP
    # A weekend day counts as a holiday only when the law names it (1/5 on a Saturday), not when a
    # schedule lists it; statutory_holidays is computed only for those few weekend days off.
    if day in calendar.days_off(day.year) and (day.weekday() < 5 or day in statutory_holidays(day.year)):
        return DayKind.HOLIDAY
    return DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKING

"""Appointments by the working-day calendar (DOMAIN.md §5), table-driven."""

from datetime import date, datetime, time, timedelta

import pytest

from desk.domain.calendar import (
    OfficeHours,
    ProcessingTime,
    TimeUnit,
    WorkingCalendar,
    YearSchedule,
    schedule_from_dict,
    statutory_holidays,
)
from tests.unit.test_lunar import ephemeris_lunar_to_solar

WD, WH, CD, SD, NONE = (TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS, TimeUnit.CALENDAR_DAYS,
                        TimeUnit.SAME_DAY, TimeUnit.NONE)

# 2025 as announced: Tết swap (27/1 off, 3/2 worked), 2/5 off with make-up Saturday 26/4.
SCHEDULE_2025 = YearSchedule(
    2025,
    days_off={date(2025, 1, 27): "Tết (hoán đổi)", date(2025, 5, 2): "Hoán đổi 30/4"},
    working_days={date(2025, 2, 3): "Làm việc", date(2025, 4, 26): "Làm bù"},
)


def dt(y, mo, d, h=9, mi=0):
    return datetime(y, mo, d, h, mi)


CASES = [
    # id, received, (value, unit), expected, calendar with 2025 schedule?
    ("1 day, mid-morning", dt(2026, 11, 23, 9), (1, WD), dt(2026, 11, 24, 9), False),
    ("3 days, mid-morning", dt(2026, 11, 23, 9), (3, WD), dt(2026, 11, 26, 9), False),
    ("3 days over a weekend", dt(2026, 11, 26, 10), (3, WD), dt(2026, 12, 1, 10), False),
    ("before opening counts from 07:00", dt(2026, 11, 23, 6, 15), (1, WD), dt(2026, 11, 23, 17), False),
    ("at lunch counts from 13:30", dt(2026, 11, 23, 12, 0), (1, WD), dt(2026, 11, 24, 11, 30), False),
    ("after closing counts from next day", dt(2026, 11, 23, 18, 0), (1, WD), dt(2026, 11, 24, 17), False),
    ("received Saturday counts from Monday", dt(2026, 11, 28, 8), (2, WD), dt(2026, 12, 1, 17), False),
    ("half a day", dt(2026, 11, 23, 7), (0.5, WD), dt(2026, 11, 23, 11), False),
    ("4 working hours across lunch", dt(2026, 11, 23, 10), (4, WH), dt(2026, 11, 23, 16), False),
    ("8 working hours across night", dt(2026, 11, 23, 15), (8, WH), dt(2026, 11, 24, 15), False),
    ("calendar days land on a weekday", dt(2026, 11, 23, 9), (3, CD), dt(2026, 11, 26, 9), False),
    ("calendar days landing on Sunday move to Monday", dt(2026, 11, 26, 9), (3, CD), dt(2026, 11, 30, 7), False),
    ("same day before 15:00", dt(2026, 11, 23, 14, 59), (0, SD), dt(2026, 11, 23, 17), False),
    ("same day after 15:00 -> next working day", dt(2026, 11, 23, 15, 1), (0, SD), dt(2026, 11, 24, 17), False),
    ("same day Friday after 15:00 -> Monday", dt(2026, 11, 27, 16), (0, SD), dt(2026, 11, 30, 17), False),
    ("same day before opening", dt(2026, 11, 23, 6, 30), (0, SD), dt(2026, 11, 23, 17), False),
    ("same day on Saturday reception -> Monday", dt(2026, 11, 28, 9), (0, SD), dt(2026, 11, 30, 17), False),
    ("no fixed time", dt(2026, 11, 23, 9), (0, NONE), None, False),
    # Holidays
    ("New Year's Day skipped", dt(2025, 12, 31, 9), (1, WD), dt(2026, 1, 2, 9), False),
    ("Tết 2026 (16–20/2) skipped", dt(2026, 2, 13, 9), (1, WD), dt(2026, 2, 23, 9), False),
    # Tết 21/1/1985: 20/1 (Sun) to 24/1 off, 20/1 compensated on Fri 25/1.
    ("Tết 1985 falls on 21/1 (Vietnamese, not Chinese)", dt(1985, 1, 18, 9), (1, WD), dt(1985, 1, 28, 9), False),
    # Tết Sat 17/2/2007: 16–20/2 off, Sat and Sun compensated on 21 and 22/2.
    ("Tết 2007 falls on 17/2", dt(2007, 2, 15, 9), (1, WD), dt(2007, 2, 23, 9), False),
    ("Hùng Kings 2025 (Mon 7/4)", dt(2025, 4, 4, 9), (1, WD), dt(2025, 4, 8, 9), True),
    ("Hùng Kings 2026 on Sunday -> Monday 27/4 compensated", dt(2026, 4, 24, 9), (1, WD), dt(2026, 4, 28, 9), False),
    ("30/4 and 1/5 2026 (Thu, Fri)", dt(2026, 4, 29, 9), (1, WD), dt(2026, 5, 4, 9), False),
    ("2/9 2025 with adjacent Monday 1/9", dt(2025, 8, 29, 9), (1, WD), dt(2025, 9, 3, 9), True),
    ("2/9 2026 with adjacent day 3/9", dt(2026, 9, 1, 9), (1, WD), dt(2026, 9, 4, 9), False),
    ("2/9 2029 on Sunday: 3/9 adjacent plus compensated 4/9", dt(2029, 8, 31, 9), (1, WD), dt(2029, 9, 5, 9), False),
    # Announced schedule 2025
    ("make-up Saturday 26/4/2025 counts", dt(2025, 4, 25, 9), (1, WD), dt(2025, 4, 26, 9), True),
    ("swapped Friday 2/5/2025 is off", dt(2025, 4, 29, 9), (1, WD), dt(2025, 5, 5, 9), True),
    ("Tết 2025 swap: 27/1 off, 3/2 worked", dt(2025, 1, 24, 9), (1, WD), dt(2025, 2, 3, 9), True),
    ("without the schedule 27/1/2025 is worked", dt(2025, 1, 24, 9), (1, WD), dt(2025, 1, 27, 9), False),
    ("without the schedule 3/2/2025 is a compensatory day", dt(2025, 1, 27, 9), (1, WD), dt(2025, 2, 4, 9), False),
    ("same day on a holiday -> next working day", dt(2026, 9, 2, 9), (0, SD), dt(2026, 9, 4, 17), False),
]


@pytest.mark.parametrize("received,processing,expected,scheduled",
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_appointment(received, processing, expected, scheduled):
    calendar = WorkingCalendar(schedules={2025: SCHEDULE_2025} if scheduled else None)
    assert calendar.appointment(received, ProcessingTime(*processing)) == expected


def test_statutory_days_include_lunar_holidays():
    days = statutory_holidays(2026)
    assert days[date(2026, 2, 17)] == "Tết Nguyên đán"
    assert date(2026, 4, 26) in days
    assert len([d for d, n in days.items() if n == "Tết Nguyên đán"]) == 5


# 10/3 âm lịch 1947 fell on 30/4, a fixed holiday whose name the day keeps (neither holiday existed then).
HUNG_KINGS_ON_ANOTHER_HOLIDAY = {1947: date(1947, 4, 30)}


@pytest.mark.parametrize("year", range(1900, 2101))
def test_lunar_holidays_of_every_year_match_the_ephemeris(year):
    """Tết and Giỗ Tổ by the desk against the calendar built from PyEphem in test_lunar (1900–2100)."""
    first = ephemeris_lunar_to_solar(year, 1, 1)
    hung_kings = ephemeris_lunar_to_solar(year, 3, 10)
    days = statutory_holidays(year)
    assert sorted(d for d, n in days.items() if n == "Tết Nguyên đán") == [
        first + timedelta(days=offset) for offset in range(-1, 4)]
    assert hung_kings in days
    if year in HUNG_KINGS_ON_ANOTHER_HOLIDAY:
        assert hung_kings == HUNG_KINGS_ON_ANOTHER_HOLIDAY[year]
    else:
        assert [d for d, n in days.items() if n.startswith("Giỗ Tổ")] == [hung_kings]


def test_custom_office_hours_and_cutoff():
    hours = OfficeHours(weekday_sessions=(((time(7, 30), time(11, 30)), (time(13, 0), time(16, 30))),) * 5
                        + ((), ()), same_day_cutoff=time(14, 0))
    calendar = WorkingCalendar(office_hours=hours)
    assert calendar.appointment(dt(2026, 11, 23, 14, 30), ProcessingTime(0, SD)) == dt(2026, 11, 24, 16, 30)
    assert calendar.appointment(dt(2026, 11, 23, 12, 0), ProcessingTime(1, WH)) == dt(2026, 11, 23, 14, 0)


def test_schedule_file_round_trip_and_errors():
    schedule = schedule_from_dict({"year": 2025, "days_off": [{"date": "2025-05-02", "name": "x"}]})
    assert schedule.days_off == {date(2025, 5, 2): "x"}
    with pytest.raises(ValueError, match="không thuộc năm"):
        schedule_from_dict({"year": 2024, "days_off": [{"date": "2025-05-02"}]})
    with pytest.raises(ValueError, match="không hợp lệ"):
        schedule_from_dict({"year": 2025, "days_off": [{"date": "32/13/2025"}]})


def test_day_notes_explain_why_a_day_does_not_count():
    calendar = WorkingCalendar(schedules={2025: SCHEDULE_2025})
    assert "Giỗ Tổ" in calendar.day_note(date(2025, 4, 7))
    assert calendar.day_note(date(2025, 4, 26)) == "Làm bù"
    assert calendar.day_note(date(2026, 11, 28)) == "Nghỉ cuối tuần"

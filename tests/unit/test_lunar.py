"""The Vietnamese lunar calendar, checked day by day over 1900–2100 (DOMAIN.md §5).

Two kinds of check. Structural: every day of 1900–2100 is a possible lunar date and the days
follow each other as a calendar must. Astronomical: a second calendar built here from PyEphem
(true new moons and the sun's apparent longitude, an ephemeris independent of the desk's Meeus
series) by the rule the desk follows — a month starts on the day, in UTC+7, of a new moon;
month 11 holds the winter solstice; in a 13-month year the first month without a principal
term (trung khí) is leap — must agree with the desk on every day, except for the few months
listed in MIDNIGHT_NEW_MOONS, whose new moon falls within minutes of midnight in Vietnam.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import ephem
import pytest

from desk.domain.lunar import LunarDate, lunar_month_length, lunar_to_solar, solar_to_lunar, tet

FIRST, LAST = date(1900, 1, 1), date(2100, 12, 31)
UTC7 = timedelta(hours=7)

# Vietnamese Tết, including the years where it differs from the Chinese calendar (DOMAIN.md §5).
KNOWN_TET = {
    1968: date(1968, 1, 29), 1985: date(1985, 1, 21), 2007: date(2007, 2, 17),
    2030: date(2030, 2, 2), 2024: date(2024, 2, 10), 2025: date(2025, 1, 29),
    2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
}
# The same years in the Chinese calendar (UTC+8): the new moon fell between 23:00 and 24:00 Beijing time.
CHINESE_TET = {1968: date(1968, 1, 30), 1985: date(1985, 2, 20), 2007: date(2007, 2, 18),
               2030: date(2030, 2, 3)}

# Months that the ephemeris starts one day before the desk does: the new moon is a minute or two
# before midnight in UTC+7 by the ephemeris and just after it by the Meeus series that the desk
# (like Hồ Ngọc Đức's published tables) uses. Keyed by the month's first day by the ephemeris.
MIDNIGHT_NEW_MOONS = {
    date(1944, 6, 20): "tháng 5/1944: sóc 1944-06-20 23:59:32 (ephem), 1944-06-21 00:01:36 (Meeus), UTC+7",
    date(2072, 12, 9): "tháng 11/2072: sóc 2072-12-09 23:58:28 (ephem), 2072-12-10 00:00:14 (Meeus), UTC+7",
    date(2077, 11, 15): "tháng 10/2077: sóc 2077-11-15 23:59:34 (ephem), 2077-11-16 00:00:13 (Meeus), UTC+7",
}


# -- the independent calendar ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EphemerisMonth:
    new_moon: datetime  # in UTC+7
    start: date
    end: date  # the next month's first day
    year: int = 0
    number: int = 0
    leap: bool = False

    def lunar(self, day: date) -> LunarDate:
        return LunarDate(self.year, self.number, (day - self.start).days + 1, self.leap)


def _sun_longitude(moment: ephem.Date) -> float:
    """The sun's apparent geocentric longitude (equinox of date), in degrees."""
    sun = ephem.Sun()
    sun.compute(moment, epoch=moment)
    return math.degrees(ephem.Ecliptic(ephem.Equatorial(sun.g_ra, sun.g_dec, epoch=moment), epoch=moment).lon)


def _longitude_at_local_midnight(day: date) -> float:
    return _sun_longitude(ephem.Date(datetime(day.year, day.month, day.day) - UTC7))


def _numbered(months: list[EphemerisMonth], longitudes: list[float]) -> list[EphemerisMonth]:
    """Name the months between consecutive solstice months (month 11), leap month included."""
    solstice = [i for i in range(len(months)) if longitudes[i] < 270 <= longitudes[i + 1]]
    named = []
    for first, following in zip(solstice, solstice[1:]):
        year = months[first].start.year
        leap = None
        if following - first == 13:  # the first month after month 11 in which no principal term begins
            leap = next(i for i in range(first + 1, following)
                        if math.floor(longitudes[i] / 30) == math.floor(longitudes[i + 1] / 30))
        number = 11
        for i in range(first, following):
            if i > first and i != leap:
                number = number % 12 + 1
            named.append(EphemerisMonth(months[i].new_moon, months[i].start, months[i].end,
                                        year if number >= 11 else year + 1, number, i == leap))
    return named


@lru_cache(maxsize=1)
def ephemeris_months() -> tuple[EphemerisMonth, ...]:
    """Every lunar month from the solstice month of 1899 to the one of 2100, by PyEphem (≈ 1 s, once)."""
    new_moons = []
    moment = ephem.Date(datetime(1899, 10, 1))
    while moment < ephem.Date(datetime(2102, 3, 1)):
        moment = ephem.next_new_moon(moment)
        new_moons.append(moment.datetime() + UTC7)
        moment = ephem.Date(moment + 1)
    starts = [moon.date() for moon in new_moons]
    months = [EphemerisMonth(moon, start, end) for moon, start, end in zip(new_moons, starts, starts[1:])]
    longitudes = [_longitude_at_local_midnight(start) for start in starts]
    return tuple(_numbered(months, longitudes))


def ephemeris_month_of(day: date) -> EphemerisMonth:
    return next(month for month in ephemeris_months() if month.start <= day < month.end)


def ephemeris_lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> date:
    first = next(m for m in ephemeris_months() if (m.year, m.number, m.leap) == (year, month, leap))
    return first.start + timedelta(days=day - 1)


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


# -- the checks ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("year,expected", sorted(KNOWN_TET.items()))
def test_tet_follows_the_vietnamese_calendar(year, expected):
    assert tet(year) == expected
    assert ephemeris_lunar_to_solar(year, 1, 1) == expected


@pytest.mark.parametrize("year,expected", sorted(CHINESE_TET.items()))
def test_the_chinese_tet_of_those_years_is_the_same_rule_in_utc_plus_8(year, expected):
    assert lunar_to_solar(LunarDate(year, 1, 1), tz=8.0) == expected != tet(year)


@pytest.mark.parametrize("year,expected", [(2025, date(2025, 4, 7)), (2026, date(2026, 4, 26)),
                                           (2027, date(2027, 4, 16))])
def test_hung_kings_day(year, expected):
    assert lunar_to_solar(LunarDate(year, 3, 10)) == expected


def test_leap_month_of_2023_is_the_second():
    # 2023 had a leap 2nd month (tháng 2 nhuận) starting 22/3/2023.
    assert solar_to_lunar(date(2023, 3, 22)) == LunarDate(2023, 2, 1, leap=True)
    assert lunar_to_solar(LunarDate(2023, 2, 1, leap=True)) == date(2023, 3, 22)
    with pytest.raises(ValueError):
        lunar_to_solar(LunarDate(2023, 5, 1, leap=True))


@pytest.mark.parametrize("day,expected", [
    # Where the month-start search looked only at new moons k and k+1, these came out as day 0.
    (date(2054, 5, 7), LunarDate(2054, 3, 30)), (date(2054, 5, 8), LunarDate(2054, 4, 1)),
    (date(2062, 4, 9), LunarDate(2062, 2, 30)), (date(2062, 4, 10), LunarDate(2062, 3, 1)),
])
def test_a_true_new_moon_later_than_the_mean_one_starts_the_month_the_day_after(day, expected):
    assert solar_to_lunar(day) == expected
    assert lunar_to_solar(expected) == day
    assert lunar_month_length(expected.year, expected.month) in (29, 30)


def test_every_day_1900_to_2100_is_a_possible_lunar_date():
    """Day 1–30, month 1–12, each day the next lunar day or the first of the next month; round trip."""
    previous = solar_to_lunar(FIRST - timedelta(days=1))
    month_lengths: dict[tuple[int, int, bool], int] = {}
    for day in _days(FIRST, LAST):
        lunar = solar_to_lunar(day)
        assert 1 <= lunar.day <= 30 and 1 <= lunar.month <= 12, (day, lunar)
        if lunar.day == 1:
            month_lengths[(previous.year, previous.month, previous.leap)] = previous.day
            if lunar.leap:  # the leap month repeats the number of the month before it
                assert (lunar.year, lunar.month, previous.leap) == (previous.year, previous.month, False), day
            else:
                following = (previous.year + (previous.month == 12), previous.month % 12 + 1)
                assert (lunar.year, lunar.month) == following, day
        else:
            assert lunar == LunarDate(previous.year, previous.month, previous.day + 1, previous.leap), (day, lunar)
        assert lunar_to_solar(lunar) == day, (day, lunar)
        previous = lunar
    assert set(month_lengths.values()) == {29, 30}
    for (year, month, leap), length in month_lengths.items():
        assert lunar_month_length(year, month, leap) == length, (year, month, leap)


def test_every_lunar_year_has_12_or_13_months_and_tet_between_21_january_and_20_february():
    months_of_year: dict[int, list[tuple[int, bool]]] = {}
    for day in _days(FIRST, LAST):
        lunar = solar_to_lunar(day)
        if lunar.day == 1:
            months_of_year.setdefault(lunar.year, []).append((lunar.month, lunar.leap))
    for year in range(1900, 2100):  # lunar years wholly inside the range
        months = months_of_year[year]
        leap_months = [month for month, leap in months if leap]
        assert [month for month, leap in months if not leap] == list(range(1, 13)), year
        assert len(months) == 12 + len(leap_months) and len(leap_months) <= 1, year
        assert date(year, 1, 21) <= tet(year) <= date(year, 2, 20), year
        assert solar_to_lunar(tet(year)) == LunarDate(year, 1, 1)


def test_every_day_1900_to_2100_matches_the_ephemeris_except_new_moons_at_midnight():
    mismatched: dict[date, list[date]] = {}
    for month in ephemeris_months():
        for day in _days(max(month.start, FIRST), min(month.end - timedelta(days=1), LAST)):
            if solar_to_lunar(day) != month.lunar(day):
                mismatched.setdefault(month.start, []).append(day)
    assert sorted(mismatched) == sorted(MIDNIGHT_NEW_MOONS), {m: days[:3] for m, days in mismatched.items()}
    for start in MIDNIGHT_NEW_MOONS:
        month = ephemeris_month_of(start)
        midnight = datetime(start.year, start.month, start.day) + timedelta(days=1)
        assert timedelta(0) < midnight - month.new_moon < timedelta(minutes=3), MIDNIGHT_NEW_MOONS[start]
        # The desk starts the same month the next day, and it is the same month otherwise.
        desk_first = solar_to_lunar(start + timedelta(days=1))
        assert (desk_first.year, desk_first.month, desk_first.day, desk_first.leap) == (
            month.year, month.number, 1, month.leap), MIDNIGHT_NEW_MOONS[start]


def test_every_day_1900_to_2100_matches_lunar_vn():
    """lunar-vn (MIT) implements the same Hồ Ngọc Đức method separately: it checks the code, not the astronomy."""
    lunar_vn = pytest.importorskip("lunar_vn")
    mismatches = []
    for day in _days(FIRST, LAST):
        ours = solar_to_lunar(day)
        theirs = lunar_vn.solar_to_lunar(day)
        if (ours.year, ours.month, ours.day, ours.leap) != (theirs.year, theirs.month, theirs.day, bool(theirs.leap)):
            mismatches.append((day, ours, theirs))
    assert mismatches[:5] == []

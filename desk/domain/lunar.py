"""Vietnamese lunar calendar (âm lịch), computed astronomically for UTC+7.

The Vietnamese calendar differs from the Chinese one (UTC+8) whenever a new moon falls
between 23:00 and 24:00 Beijing time: Tết 1968, 1985, 2007 and 2030 are such years
(DOMAIN.md §5, PLATFORM.md). This module follows the method published by Hồ Ngọc Đức
(new moons and solar longitudes after Meeus' "Astronomical Algorithms"): a month starts
on the day, in Vietnam time, of a new moon; month 11 holds the winter solstice; in a year
with 13 months the first month without a principal term is the leap month.

All divisions that pick a day are floor divisions: truncation toward zero would break
dates before the epoch (PLATFORM.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

VIETNAM_TZ_HOURS = 7.0
SYNODIC_MONTH = 29.530588853
# Julian day of the new moon of 1900-01-01 (the epoch of the lunation count k).
_EPOCH_NEW_MOON = 2415021.076998695
_JDN_OFFSET = 1721425  # date.toordinal() + this = Julian day number
_RAD = math.pi / 180.0


def jdn(day: date) -> int:
    return day.toordinal() + _JDN_OFFSET


def from_jdn(number: int) -> date:
    return date.fromordinal(number - _JDN_OFFSET)


def _new_moon_jd(k: int) -> float:
    """Julian date (UT) of the k-th new moon after the one of January 1900."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _RAD)
    sun_anomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    moon_anomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    latitude_arg = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    m, mp, f = sun_anomaly * _RAD, moon_anomaly * _RAD, latitude_arg * _RAD
    correction = (
        (0.1734 - 0.000393 * t) * math.sin(m)
        + 0.0021 * math.sin(2 * m)
        - 0.4068 * math.sin(mp)
        + 0.0161 * math.sin(2 * mp)
        - 0.0004 * math.sin(3 * mp)
        + 0.0104 * math.sin(2 * f)
        - 0.0051 * math.sin(m + mp)
        - 0.0074 * math.sin(m - mp)
        + 0.0004 * math.sin(2 * f + m)
        - 0.0004 * math.sin(2 * f - m)
        - 0.0006 * math.sin(2 * f + mp)
        + 0.0010 * math.sin(2 * f - mp)
        + 0.0005 * math.sin(2 * mp + m)
    )
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd + correction - delta_t


@lru_cache(maxsize=4096)
def new_moon_day(k: int, tz: float = VIETNAM_TZ_HOURS) -> int:
    """Julian day number, in local time, of the k-th new moon."""
    return math.floor(_new_moon_jd(k) + 0.5 + tz / 24.0)


def _sun_longitude(jd: float) -> float:
    """Apparent solar longitude in radians, 0..2π, at Julian date ``jd`` (UT)."""
    t = (jd - 2451545.0) / 36525.0
    t2 = t * t
    mean_anomaly = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * _RAD
    mean_longitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    center = (
        (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(mean_anomaly)
        + (0.019993 - 0.000101 * t) * math.sin(2 * mean_anomaly)
        + 0.000290 * math.sin(3 * mean_anomaly)
    )
    longitude = (mean_longitude + center) * _RAD
    return longitude - 2 * math.pi * math.floor(longitude / (2 * math.pi))


def _sun_sector(day_number: int, tz: float) -> int:
    """Which twelfth of the ecliptic the sun is in at the start of a local day (0..11)."""
    return math.floor(_sun_longitude(day_number - 0.5 - tz / 24.0) / math.pi * 6)


@lru_cache(maxsize=512)
def _month11_start(year: int, tz: float) -> int:
    """Julian day number of the first day of lunar month 11 (the solstice month) of ``year``."""
    offset = jdn(date(year, 12, 31)) - 2415021
    k = math.floor(offset / SYNODIC_MONTH)
    # The mean lunation k is the last one before 31 December; the true new moon may fall up to
    # about 14 hours either side of the mean one. Month 11 is the latest month that begins
    # before the sun reaches 270° (sector 9), looking one lunation past k and two before it.
    for candidate in (k + 1, k, k - 1, k - 2):
        start = new_moon_day(candidate, tz)
        if _sun_sector(start, tz) < 9:
            return start
    raise AssertionError(f"no month 11 found for {year}")  # pragma: no cover - astronomy


@lru_cache(maxsize=512)
def _leap_month_offset(month11: int, tz: float) -> int:
    """Position, counted from month 11, of the first month without a principal term."""
    k = math.floor((month11 - _EPOCH_NEW_MOON) / SYNODIC_MONTH + 0.5)
    i = 1
    sector = _sun_sector(new_moon_day(k + i, tz), tz)
    while True:
        previous = sector
        i += 1
        sector = _sun_sector(new_moon_day(k + i, tz), tz)
        if sector == previous or i >= 14:
            return i - 1


def _month_start(day_number: int, tz: float) -> int:
    """Julian day number of the first day of the lunar month holding ``day_number``.

    That is the latest local new-moon day on or before it. The mean lunation count k only
    brackets it: the true new moon can be up to about 14 hours from the mean one, so new moon
    k itself may fall on the day after ``day_number`` (2054-05-07 and 2062-04-09, where looking
    at k and k+1 alone gave day 0). Lunations k-1..k+2 always hold the answer.
    """
    k = math.floor((day_number - _EPOCH_NEW_MOON) / SYNODIC_MONTH)
    for candidate in (k + 2, k + 1, k, k - 1):
        start = new_moon_day(candidate, tz)
        if start <= day_number:
            return start
    raise AssertionError(f"no new moon found before day {day_number}")  # pragma: no cover


@dataclass(frozen=True, order=True)
class LunarDate:
    year: int
    month: int
    day: int
    leap: bool = False

    def __str__(self) -> str:
        leap = " nhuận" if self.leap else ""
        return f"{self.day:02d}/{self.month:02d}{leap}/{self.year} (âm lịch)"


def solar_to_lunar(day: date, tz: float = VIETNAM_TZ_HOURS) -> LunarDate:
    day_number = jdn(day)
    month_start = _month_start(day_number, tz)
    a11 = _month11_start(day.year, tz)
    b11 = a11
    if a11 >= month_start:
        lunar_year = day.year
        a11 = _month11_start(day.year - 1, tz)
    else:
        lunar_year = day.year + 1
        b11 = _month11_start(day.year + 1, tz)
    lunar_day = day_number - month_start + 1
    diff = math.floor((month_start - a11) / 29)
    leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:
        leap_diff = _leap_month_offset(a11, tz)
        if diff >= leap_diff:
            lunar_month = diff + 10
            leap = diff == leap_diff
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return LunarDate(lunar_year, lunar_month, lunar_day, leap)


def lunar_to_solar(lunar: LunarDate, tz: float = VIETNAM_TZ_HOURS) -> date:
    """The solar date of a lunar date. Raises ValueError for a leap month that does not exist."""
    if lunar.month < 11:
        a11 = _month11_start(lunar.year - 1, tz)
        b11 = _month11_start(lunar.year, tz)
    else:
        a11 = _month11_start(lunar.year, tz)
        b11 = _month11_start(lunar.year + 1, tz)
    k = math.floor(0.5 + (a11 - _EPOCH_NEW_MOON) / SYNODIC_MONTH)
    offset = (lunar.month - 11) % 12
    if b11 - a11 > 365:
        leap_offset = _leap_month_offset(a11, tz)
        leap_month = (leap_offset - 2) % 12
        if lunar.leap and lunar.month != leap_month:
            raise ValueError(f"Năm âm lịch {lunar.year} không có tháng {lunar.month} nhuận")
        if lunar.leap or offset >= leap_offset:
            offset += 1
    elif lunar.leap:
        raise ValueError(f"Năm âm lịch {lunar.year} không có tháng nhuận")
    month_start = new_moon_day(k + offset, tz)
    return from_jdn(month_start + lunar.day - 1)


def lunar_month_length(year: int, month: int, leap: bool = False) -> int:
    start = lunar_to_solar(LunarDate(year, month, 1, leap))
    return 30 if solar_to_lunar(from_jdn(jdn(start) + 29)).day == 30 else 29


def tet(year: int) -> date:
    """Mùng 1 Tết of the lunar year that starts in solar ``year``."""
    return lunar_to_solar(LunarDate(year, 1, 1))

from datetime import date, timedelta

import pytest

from desk.domain.lunar import LunarDate, lunar_month_length, lunar_to_solar, solar_to_lunar, tet

# Vietnamese Tết, including the years where it differs from the Chinese calendar (DOMAIN.md §5).
KNOWN_TET = {
    1968: date(1968, 1, 29), 1985: date(1985, 1, 21), 2007: date(2007, 2, 17),
    2030: date(2030, 2, 2), 2024: date(2024, 2, 10), 2025: date(2025, 1, 29),
    2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
}


@pytest.mark.parametrize("year,expected", sorted(KNOWN_TET.items()))
def test_tet_follows_the_vietnamese_calendar(year, expected):
    assert tet(year) == expected


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


def test_month_lengths_are_29_or_30():
    assert {lunar_month_length(2025, m) for m in range(1, 13)} <= {29, 30}


def test_every_day_1985_to_2030_matches_an_independent_vietnamese_implementation():
    """Cross-check against lunar-vn (MIT), a separate implementation with UTC+7."""
    lunar_vn = pytest.importorskip("lunar_vn")
    day, end = date(1985, 1, 1), date(2030, 12, 31)
    mismatches = []
    while day <= end:
        ours = solar_to_lunar(day)
        theirs = lunar_vn.solar_to_lunar(day)
        if (ours.year, ours.month, ours.day, ours.leap) != (theirs.year, theirs.month, theirs.day,
                                                            bool(theirs.leap)):
            mismatches.append((day, ours, theirs))
        day += timedelta(days=1)
    assert not mismatches[:5]


def test_round_trip_solar_lunar_solar():
    day = date(1999, 12, 1)
    for _ in range(800):
        assert lunar_to_solar(solar_to_lunar(day)) == day
        day += timedelta(days=1)

from __future__ import annotations

import datetime

from buurtteam.cases.clock import add_working_days, is_working_day, working_days_between

D = datetime.date


def test_weekends_and_dutch_holidays_are_not_working_days() -> None:
    assert not is_working_day(D(2026, 4, 27))  # Koningsdag (Monday)
    assert not is_working_day(D(2026, 4, 6))  # Tweede Paasdag
    assert not is_working_day(D(2026, 5, 14))  # Hemelvaartsdag
    assert not is_working_day(D(2026, 5, 25))  # Tweede Pinksterdag
    assert not is_working_day(D(2026, 12, 25)) and not is_working_day(D(2026, 12, 26))
    assert not is_working_day(D(2025, 5, 5))  # Bevrijdingsdag in a lustrum year
    assert not is_working_day(D(2026, 11, 21))  # Saturday
    assert is_working_day(D(2026, 11, 23))


def test_two_weeks_is_ten_working_days_in_a_normal_fortnight() -> None:
    assert working_days_between(D(2026, 11, 2), D(2026, 11, 16)) == 10
    assert add_working_days(D(2026, 11, 2), 10) == D(2026, 11, 16)


def test_pickup_deadline_moves_past_easter_and_kings_day() -> None:
    # Registered on Thursday 2 April 2026: Good Friday and Easter Monday are public holidays
    # (Algemene termijnenwet), so ten working days end on Monday 20 April.
    assert add_working_days(D(2026, 4, 2), 10) == D(2026, 4, 20)
    # Registered Friday 17 April: King's Day (27 April) pushes the deadline to 4 May.
    assert add_working_days(D(2026, 4, 17), 10) == D(2026, 5, 4)
    assert working_days_between(D(2026, 4, 17), D(2026, 5, 4)) == 10


def test_christmas_week() -> None:
    # 28-31 December and Monday 4 January; Christmas and New Year's Day are off.
    assert working_days_between(D(2026, 12, 24), D(2027, 1, 4)) == 5


def test_same_or_earlier_end_is_zero() -> None:
    assert working_days_between(D(2026, 5, 1), D(2026, 5, 1)) == 0
    assert working_days_between(D(2026, 5, 2), D(2026, 5, 1)) == 0

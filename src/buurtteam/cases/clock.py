"""The pickup clock: working days from registration to the first substantive contact.

Working days are Monday to Friday, minus Dutch public holidays (King's Day, Easter, Ascension, Whitsun,
Christmas, New Year, and Liberation Day in lustrum years) as the ``holidays`` package knows them.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NL", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


@lru_cache(maxsize=4096)  # lists ask for the deadlines of the same few registration dates again and again
def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start``: the deadline of the pickup target."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day

"""When an entry of the sociale kaart is stale: not checked for ``map_stale_after_months`` (or never)."""

from __future__ import annotations

import calendar
import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from buurtteam.organisation.models import Organisation

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

DEFAULT_STALE_AFTER_MONTHS = 12


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def stale_after_months(actor: Actor) -> int:
    """The actor's organisation's setting (one small query)."""
    months = (
        Organisation.objects.visible_to(actor)
        .filter(pk=actor.organisation_id or 0)
        .values_list("map_stale_after_months", flat=True)
        .first()
    )
    return int(months or DEFAULT_STALE_AFTER_MONTHS)


def stale_cutoff(actor: Actor, *, today: datetime.date | None = None) -> datetime.date:
    """Entries last checked before this day are stale."""
    return months_before(today or timezone.localdate(), stale_after_months(actor))


def is_stale(last_checked_on: datetime.date | None, cutoff: datetime.date) -> bool:
    return last_checked_on is None or last_checked_on < cutoff

"""Counts without persons: links per activity, groups, and signal themes per buurt over time.

Every staff role of the organisation reads these (policy officers included): each query goes through
``for_aggregates(actor)`` (the organisation) and only ever returns ``values(...).annotate(Count(...))``,
never a row, a name of a person or a note. Pages and the API show a count of 1 or 2 as "<3"
(``small_cell``): in a small buurt, one signal of a rare theme could point at a household.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth, TruncQuarter

from buurtteam.community.models import (
    WENT_STATUSES,
    Group,
    GroupParticipant,
    GroupSession,
    LinkStatus,
    ServiceLink,
    Signal,
    Theme,
)
from buurtteam.organisation.models import Neighbourhood

if TYPE_CHECKING:
    from collections.abc import Sequence

    from buurtteam.core.actor import Actor

SMALL_CELL = 3  # counts from 1 up to (not including) this are shown as "<3"


def small_cell(value: int) -> int | None:
    """``None`` for a count that is too small to show (1 or 2); the count itself otherwise."""
    return None if 0 < value < SMALL_CELL else value


def shown(value: int) -> str:
    return f"<{SMALL_CELL}" if small_cell(value) is None else str(value)


# --- Links per activity -----------------------------------------------------------------------------
@dataclass(frozen=True)
class LinkCount:
    service_id: int | None  # None: the activity was removed from the map since
    service_name: str
    linked: int
    went: int
    stopped: int
    not_gone: int


def link_counts(
    *,
    actor: Actor,
    service_ids: Sequence[int] | None = None,
    period: tuple[datetime.date, datetime.date] | None = None,
    team_id: int | None = None,
) -> list[LinkCount]:
    """Per map service: how many residents were linked, went (at least once), stopped, did not go.

    ``period`` (first day, last day) filters on the day of linking; ``team_id`` on the case's team. One
    query; most linked first.
    """
    qs = ServiceLink.objects.for_aggregates(actor)
    if service_ids is not None:
        qs = qs.filter(service_id__in=list(service_ids))
    if period is not None:
        start, end = period
        qs = qs.filter(linked_at__date__gte=start, linked_at__date__lte=end)
    if team_id is not None:
        qs = qs.filter(team_id=team_id)
    rows = (
        qs.order_by()
        .values("service_id")
        .annotate(
            name=Max("service_name"),
            linked=Count("pk"),
            went=Count("pk", filter=Q(status__in=WENT_STATUSES)),
            stopped=Count("pk", filter=Q(status=LinkStatus.STOPPED)),
            not_gone=Count("pk", filter=Q(status=LinkStatus.NOT_GONE)),
        )
    )
    result = [
        LinkCount(
            service_id=r["service_id"],
            service_name=r["name"] or "",
            linked=r["linked"],
            went=r["went"],
            stopped=r["stopped"],
            not_gone=r["not_gone"],
        )
        for r in rows
    ]
    result.sort(key=lambda c: (-c.linked, c.service_name.lower()))
    return result


# --- Groups -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GroupCount:
    group_id: int
    name: str
    team_name: str
    active: bool
    participants: int
    sessions: int
    attendance: int  # the sum of the sessions' attendance counts


def _per_group(qs: Any, value: Any) -> Any:
    counted = qs.filter(group_id=OuterRef("pk")).order_by().values("group_id").annotate(n=value).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def group_counts(
    *, actor: Actor, team_id: int | None = None, since: datetime.date | None = None
) -> list[GroupCount]:
    """Per group of the organisation: current participants, sessions and attendance (``since`` a day).
    No names of participants. One query."""
    groups = Group.objects.for_aggregates(actor)
    if team_id is not None:
        groups = groups.filter(team_id=team_id)
    sessions = GroupSession.objects.for_aggregates(actor)
    if since is not None:
        sessions = sessions.filter(held_on__gte=since)
    participants = GroupParticipant.objects.for_aggregates(actor).filter(left_on__isnull=True)
    rows = (
        groups.annotate(
            n_participants=_per_group(participants, Count("pk")),
            n_sessions=_per_group(sessions, Count("pk")),
            n_attendance=_per_group(sessions, Sum("attendance_count")),
        )
        .order_by("team__name", "name", "pk")
        .values("pk", "name", "team__name", "active", "n_participants", "n_sessions", "n_attendance")
    )
    return [
        GroupCount(
            group_id=r["pk"],
            name=r["name"],
            team_name=r["team__name"],
            active=r["active"],
            participants=r["n_participants"],
            sessions=r["n_sessions"],
            attendance=r["n_attendance"],
        )
        for r in rows
    ]


# --- Signals per buurt and theme over time ------------------------------------------------------------
MONTH = "month"
QUARTER = "quarter"


@dataclass(frozen=True)
class Period:
    start: datetime.date
    label: str


@dataclass
class SignalOverview:
    granularity: str
    start: datetime.date
    end: datetime.date  # the last day
    periods: list[Period]
    themes: list[tuple[str, str]]  # (code, label)
    neighbourhoods: list[tuple[int, str]]  # buurten with at least one signal in the span, by name
    by_period: dict[tuple[str, datetime.date], int] = field(default_factory=dict)  # (theme, period)
    by_buurt: dict[tuple[int, str], int] = field(default_factory=dict)  # (buurt, theme) over the span
    total: int = 0

    def period_total(self, period: datetime.date) -> int:
        return sum(self.by_period.get((code, period), 0) for code, _label in self.themes)

    def theme_total(self, theme: str) -> int:
        return sum(self.by_period.get((theme, p.start), 0) for p in self.periods)

    def buurt_total(self, neighbourhood_id: int) -> int:
        return sum(self.by_buurt.get((neighbourhood_id, code), 0) for code, _label in self.themes)


def period_start(day: datetime.date, granularity: str) -> datetime.date:
    if granularity == QUARTER:
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return day.replace(day=1)


def _next(day: datetime.date, granularity: str) -> datetime.date:
    months = 3 if granularity == QUARTER else 1
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def _label(day: datetime.date, granularity: str) -> str:
    if granularity == QUARTER:
        return f"K{(day.month - 1) // 3 + 1} {day.year}"
    return f"{day.month:02d}-{day.year}"


def periods_between(start: datetime.date, end: datetime.date, granularity: str) -> list[Period]:
    result: list[Period] = []
    day = period_start(start, granularity)
    while day <= end:
        result.append(Period(day, _label(day, granularity)))
        day = _next(day, granularity)
    return result


def signal_overview(
    *,
    actor: Actor,
    end: datetime.date,
    periods: int = 12,
    granularity: str = MONTH,
    neighbourhood_id: int | None = None,
) -> SignalOverview:
    """Signals per theme over the last ``periods`` months or quarters up to ``end``, for one buurt or all,
    and per buurt and theme over the same span. Counts only; two queries."""
    granularity = QUARTER if granularity == QUARTER else MONTH
    periods = max(1, min(periods, 36))
    first = period_start(end, granularity)
    for _i in range(periods - 1):
        previous = first - datetime.timedelta(days=1)
        first = period_start(previous, granularity)
    span = periods_between(first, end, granularity)
    trunc = TruncQuarter("noticed_on") if granularity == QUARTER else TruncMonth("noticed_on")
    qs = Signal.objects.for_aggregates(actor).filter(noticed_on__gte=first, noticed_on__lte=end)
    rows = list(
        qs.annotate(period=trunc)
        .order_by()
        .values("neighbourhood_id", "theme", "period")
        .annotate(n=Count("pk"))
        .values_list("neighbourhood_id", "theme", "period", "n")
    )
    overview = SignalOverview(
        granularity=granularity,
        start=first,
        end=end,
        periods=span,
        themes=[(code, str(label)) for code, label in Theme.choices],
        neighbourhoods=[],
    )
    by_period: dict[tuple[str, datetime.date], int] = defaultdict(int)
    by_buurt: dict[tuple[int, str], int] = defaultdict(int)
    buurt_ids: set[int] = set()
    for buurt_id, theme, period, n in rows:
        day = period.date() if isinstance(period, datetime.datetime) else period
        by_buurt[(buurt_id, theme)] += n
        buurt_ids.add(buurt_id)
        if neighbourhood_id is None or buurt_id == neighbourhood_id:
            by_period[(theme, day)] += n
            overview.total += n
    overview.by_period = dict(by_period)
    overview.by_buurt = dict(by_buurt)
    if buurt_ids:
        overview.neighbourhoods = list(
            Neighbourhood.objects.filter(pk__in=buurt_ids).order_by("name", "pk").values_list("pk", "name")
        )
    return overview

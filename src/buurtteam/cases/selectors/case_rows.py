"""Lean rows for long case lists (the API's case list): plain values instead of model instances.

A list of 100 cases as model instances builds some 300 objects (case, client, team, assignments with their
users) and converts every column of them, of which a list shows a dozen. Here the list is read as value
tuples from the same gated queryset (``team_cases``/``my_cases``; the gate checks the scope as for any other
evaluation), with the case lead joined through its (unique) active lead assignment. The rows
carry exactly what the list shows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import FilteredRelation, Q
from django.utils import timezone

from buurtteam.cases.clock import add_working_days
from buurtteam.cases.models import Complexity, Status

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor

_COLUMNS = (
    "id",
    "reference",
    "status",
    "team_id",
    "team__name",
    "client__first_name",
    "client__last_name",
    "registered_at",
    "complexity",
    "closed_at_registration",
    "first_contact_at",
    "crisis",
    "crisis_since",
)


@dataclass(frozen=True, slots=True)
class CaseListRow:
    id: int
    reference: str
    status: str
    team_id: int
    team_name: str
    client_name: str
    lead_id: int | None
    lead_name: str
    registered_at: datetime.datetime
    pickup_overdue: bool
    crisis: bool
    crisis_since: datetime.datetime | None


def pickup_overdue(
    *,
    complexity: str,
    closed_at_registration: bool,
    status: str,
    registered_at: datetime.datetime,
    first_contact_at: datetime.datetime | None,
    target_days: int,
    today: datetime.date,
) -> bool:
    """Whether the pickup clock ran out (the ``overdue`` of ``selectors.cases.pickup``, without the rest)."""
    if complexity != Complexity.COMPLEX or closed_at_registration:
        return False
    deadline = add_working_days(timezone.localdate(registered_at), target_days)
    if first_contact_at is not None:
        return timezone.localdate(first_contact_at) > deadline
    return status != Status.CLOSED and today > deadline


def _full_name(first: str | None, last: str | None) -> str:
    return f"{first or ''} {last or ''}".strip()


def case_list_rows(
    *, actor: Actor, cases: QuerySet[Case], offset: int, limit: int, target_days: int
) -> list[CaseListRow]:
    """One page of ``cases`` (a scoped queryset from ``team_cases``/``my_cases`` with ``summary=False``)
    as rows, in one query whatever the page size."""
    # The case lead by a LEFT JOIN on the case's active lead assignment: at most one per case (the
    # constraint ``one_active_lead``), so the join adds no rows. The outer query is already scoped.
    values: list[tuple[Any, ...]] = list(
        cases.prefetch_related(None)
        .select_related(None)
        .annotate(
            lead=FilteredRelation(
                "assignments", condition=Q(assignments__is_lead=True, assignments__ended_at__isnull=True)
            )
        )
        .values_list(*_COLUMNS, "lead__user_id", "lead__user__first_name", "lead__user__last_name")[
            offset : offset + limit
        ]
    )
    today = timezone.localdate()
    rows = []
    for (
        case_id,
        reference,
        status,
        team_id,
        team_name,
        client_first,
        client_last,
        registered_at,
        complexity,
        closed_at_registration,
        first_contact_at,
        crisis,
        crisis_since,
        lead_id,
        lead_first,
        lead_last,
    ) in values:
        rows.append(
            CaseListRow(
                id=case_id,
                reference=reference,
                status=status,
                team_id=team_id,
                team_name=team_name,
                client_name=_full_name(client_first, client_last),
                lead_id=lead_id,
                lead_name=_full_name(lead_first, lead_last) if lead_id is not None else "",
                registered_at=registered_at,
                pickup_overdue=pickup_overdue(
                    complexity=complexity,
                    closed_at_registration=closed_at_registration,
                    status=status,
                    registered_at=registered_at,
                    first_contact_at=first_contact_at,
                    target_days=target_days,
                    today=today,
                ),
                crisis=crisis,
                crisis_since=crisis_since,
            )
        )
    return rows

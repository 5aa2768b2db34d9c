"""Lean rows for long case lists (the API's case list): plain values instead of model instances.

A list of 100 cases as model instances builds some 300 objects (case, client, team, assignments with their
users) and converts every column of them, of which a list shows a dozen. Here the list is read as value
tuples from the same gated queryset (``team_cases``/``my_cases``; the gate checks the scope as for any other
evaluation), with the case lead picked by a correlated sub-query on the assignment index. The rows
carry exactly what the list shows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat, Trim
from django.utils import timezone

from buurtteam.cases.clock import add_working_days
from buurtteam.cases.models import CaseAssignment, Complexity, Status

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
    # The case lead by two correlated sub-queries on the assignment index (case_id), as ``unassigned()``
    # does: they only look inside the cases of the already scoped outer query.
    leads = CaseAssignment._base_manager.filter(
        case_id=OuterRef("pk"), ended_at__isnull=True, is_lead=True
    ).order_by("started_at")  # one active lead per case; should there be more, the earliest (as elsewhere)
    values: list[tuple[Any, ...]] = list(
        cases.prefetch_related(None)
        .select_related(None)
        .annotate(
            lead_user_id=Subquery(leads.values("user_id")[:1]),
            lead_user_name=Subquery(
                leads.annotate(name=Trim(Concat("user__first_name", Value(" "), "user__last_name"))).values(
                    "name"
                )[:1]
            ),
        )
        .values_list(*_COLUMNS, "lead_user_id", "lead_user_name")[offset : offset + limit]
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
        lead_name,
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
                lead_name=lead_name or "",
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

"""Reads for the caseload, assignment and casusoverleg pages that the core selectors do not cover.

Every helper takes the actor and starts from ``visible_to(actor)``; each runs a fixed number of queries,
whatever the size of the caseload.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Prefetch, Q
from django.http import Http404

from buurtteam.cases.models import Case, CaseAssignment, CaseMeeting, MeetingItem, Status, Task
from buurtteam.core.gate import access_or_404
from buurtteam.core.roles import Role
from buurtteam.organisation.models import Team

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


def member_team_get(*, actor: Actor, team_id: int) -> Team:
    """One of the actor's own teams; 404 for any other team and for the policy officer."""
    if actor.role == Role.POLICY_OFFICER or team_id not in actor.team_ids:
        raise Http404
    return access_or_404(Team.objects.visible_to(actor), pk=team_id)


def team_phase_counts(*, actor: Actor, team_id: int) -> dict[str, int]:
    """Open cases of the team per phase, for the phase filter (one query)."""
    rows = Case.objects.of_team(actor, team_id).open().order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def unassigned_count(*, actor: Actor, team_id: int) -> int:
    return int(Case.objects.of_team(actor, team_id).open().unassigned().count())


@dataclass(frozen=True)
class OpenTasks:
    count: int
    first_due: datetime.date | None


def open_tasks_per_case(*, actor: Actor, case_ids: list[int]) -> dict[int, OpenTasks]:
    """Open tasks per case (only cases whose dossier the actor may read), with the nearest due date."""
    if not case_ids:
        return {}
    rows = (
        Task.objects.visible_to(actor)
        .filter(case_id__in=case_ids, done_at__isnull=True)
        .order_by()
        .values("case_id")
        .annotate(n=Count("pk"), first=Min("due_on"))
    )
    return {row["case_id"]: OpenTasks(row["n"], row["first"]) for row in rows}


def my_open_tasks(*, actor: Actor, limit: int = 5) -> list[Task]:
    """Open tasks assigned to the actor, due soonest first, on cases the actor may still read."""
    return list(
        Task.objects.visible_to(actor)
        .filter(assignee_id=actor.pk, done_at__isnull=True)
        .select_related("case", "case__client")
        .order_by("due_on", "id")[:limit]
    )


def assignable_members(*, actor: Actor, team_id: int) -> list[Any]:
    """Active colleagues in the team who can work on a case (not the policy officer)."""
    user_model = get_user_model()
    return list(
        user_model.objects.visible_to(actor)
        .filter(is_active=True, memberships__team_id=team_id)
        .exclude(role=Role.POLICY_OFFICER)
        .order_by("first_name", "last_name", "pk")
        .distinct()
    )


def open_case_by_reference(*, actor: Actor, team_id: int, reference: str) -> Case | None:
    """An open case of the team by its reference (kenmerk), for adding it to a meeting's agenda."""
    result: Case | None = (
        Case.objects.visible_to(actor)
        .open()
        .filter(team_id=team_id, reference__iexact=reference.strip())
        .first()
    )
    return result


def meeting_overview(*, actor: Actor, team_id: int, limit: int = 20) -> list[CaseMeeting]:
    """The team's latest meetings with the number of agenda items and decisions (one query)."""
    return list(
        CaseMeeting.objects.visible_to(actor)
        .filter(team_id=team_id)
        .select_related("chair")
        .annotate(
            item_count=Count("items", distinct=True),
            decided_count=Count("items", filter=Q(items__decided_at__isnull=False), distinct=True),
        )
        .order_by("-held_on", "-id")[:limit]
    )


def meeting_items_with_summary(*, actor: Actor, meeting: CaseMeeting) -> list[MeetingItem]:
    """The agenda with each case's summary and its active workers (two queries)."""
    return list(
        MeetingItem.objects.visible_to(actor)
        .filter(meeting_id=meeting.pk)
        .select_related("case", "case__client", "decided_by")
        .prefetch_related(
            Prefetch(
                "case__assignments",
                queryset=CaseAssignment.objects.visible_to(actor)
                .filter(ended_at__isnull=True)
                .select_related("user")
                .order_by("-is_lead", "started_at"),
                to_attr="active_assignments",
            )
        )
        .order_by("position", "id")
    )


def meeting_item_get(*, actor: Actor, meeting: CaseMeeting, item_id: int) -> MeetingItem:
    """One agenda item of the meeting; 404 when missing or not visible."""
    return access_or_404(  # type: ignore[no-any-return]
        MeetingItem.objects.visible_to(actor).filter(meeting_id=meeting.pk).select_related("meeting", "case"),
        pk=item_id,
    )


OPEN_STATUSES = [s for s in Status if s != Status.CLOSED]

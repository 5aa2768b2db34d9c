"""What the team should discuss: new, stuck, overdue and safety-flagged cases."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from buurtteam.cases.models import Case, CaseMeeting, MeetingItem
from buurtteam.cases.selectors.cases import overdue_pickups
from buurtteam.core.gate import access_or_404, system_access
from buurtteam.organisation.models import Organisation

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

NEW_WITHIN_DAYS = 14
AGENDA_LIMIT = 40


@dataclass
class Candidate:
    case_id: int
    reasons: list[str] = field(default_factory=list)


def agenda_candidates(*, actor: Actor, team_id: int) -> list[Candidate]:
    with system_access("organisation settings"):
        weeks = (
            Organisation.objects.filter(pk=actor.organisation_id or 0)
            .values_list("stuck_after_weeks", flat=True)
            .first()
            or 4
        )
    now = timezone.now()
    open_cases = Case.objects.visible_to(actor).open().filter(team_id=team_id)
    found: dict[int, Candidate] = {}

    def add(case_id: int, reason: str) -> None:
        found.setdefault(case_id, Candidate(case_id)).reasons.append(reason)

    for pk in open_cases.filter(crisis=True).values_list("pk", flat=True)[:AGENDA_LIMIT]:
        add(pk, MeetingItem.Reason.CRISIS)
    for pk in open_cases.filter(safety_concern=True).values_list("pk", flat=True)[:AGENDA_LIMIT]:
        add(pk, MeetingItem.Reason.SAFETY)
    for case in overdue_pickups(actor=actor, team_id=team_id)[:AGENDA_LIMIT]:
        add(case.pk, MeetingItem.Reason.OVERDUE)
    new_since = now - datetime.timedelta(days=NEW_WITHIN_DAYS)
    for pk in (
        open_cases.filter(registered_at__gte=new_since)
        .unassigned()
        .values_list("pk", flat=True)[:AGENDA_LIMIT]
    ):
        add(pk, MeetingItem.Reason.NEW)
    stuck_before = now - datetime.timedelta(weeks=weeks)
    stuck = open_cases.filter(
        Q(last_contact_at__lt=stuck_before) | Q(last_contact_at__isnull=True, registered_at__lt=stuck_before)
    ).order_by("last_contact_at")
    for pk in stuck.values_list("pk", flat=True)[:AGENDA_LIMIT]:
        add(pk, MeetingItem.Reason.STUCK)
    order: dict[str, int] = {"crisis": 0, "safety": 1, "overdue": 2, "stuck": 3, "new": 4}
    return sorted(found.values(), key=lambda c: min(order.get(r, 9) for r in c.reasons))[:AGENDA_LIMIT]


def meeting_list(*, actor: Actor, team_id: int) -> list[CaseMeeting]:
    return list(CaseMeeting.objects.visible_to(actor).filter(team_id=team_id).order_by("-held_on")[:20])


def meeting_get(*, actor: Actor, meeting_id: int) -> CaseMeeting:
    return access_or_404(CaseMeeting.objects.visible_to(actor).select_related("team"), pk=meeting_id)  # type: ignore[no-any-return]


def meeting_items(*, actor: Actor, meeting: CaseMeeting) -> list[MeetingItem]:
    return list(
        MeetingItem.objects.visible_to(actor)
        .filter(meeting_id=meeting.pk)
        .select_related("case", "case__client", "decided_by")
        .order_by("position")
    )

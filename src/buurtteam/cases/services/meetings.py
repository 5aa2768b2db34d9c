"""Casusoverleg: the agenda builds itself from new, stuck, overdue and safety-flagged cases."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.models import CaseMeeting, MeetingItem, TimelineEntry
from buurtteam.cases.services.base import audit, timeline
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor
    from buurtteam.organisation.models import Team


@transaction.atomic
def meeting_create(*, actor: Actor, team: Team, held_on: datetime.date) -> CaseMeeting:
    """Plan a case meeting for a team; its agenda is filled from the team's cases that need attention."""
    from buurtteam.cases.selectors.meetings import agenda_candidates

    if actor.role == Role.POLICY_OFFICER or team.pk not in actor.team_ids:
        raise PermissionError("only members plan their team's meeting")
    if held_on < timezone.localdate() - datetime.timedelta(days=30):
        raise ValidationError({"held_on": _("Kies een datum vanaf een maand geleden.")})
    meeting = CaseMeeting.objects.create(
        organisation_id=team.organisation_id, team=team, held_on=held_on, chair_id=actor.pk
    )
    items = [
        MeetingItem(meeting=meeting, case_id=candidate.case_id, reasons=candidate.reasons, position=i)
        for i, candidate in enumerate(agenda_candidates(actor=actor, team_id=team.pk))
    ]
    MeetingItem.objects.bulk_create(items)
    record(
        actor=actor,
        action=Action.CREATE,
        object_type="case_meeting",
        object_id=meeting.pk,
        subject_team_id=team.pk,
        details={"items": len(items)},
    )
    return meeting


@transaction.atomic
def meeting_add_case(*, actor: Actor, meeting: CaseMeeting, case_id: int) -> MeetingItem:
    from buurtteam.cases.models import Case

    if meeting.team_id not in actor.team_ids or actor.role == Role.POLICY_OFFICER:
        raise PermissionError("not a meeting of the actor's team")
    if meeting.closed_at is not None:
        raise ValidationError(_("Dit overleg is afgesloten."))
    case = Case.objects.visible_to(actor).filter(pk=case_id, team_id=meeting.team_id).first()
    if case is None:
        raise ValidationError({"case": _("Kies een casus van dit team.")})
    with system_access("agenda position"):
        if MeetingItem.objects.filter(meeting=meeting, case=case).exists():
            raise ValidationError({"case": _("Deze casus staat al op de agenda.")})
        position = MeetingItem.objects.filter(meeting=meeting).count()
    item = MeetingItem.objects.create(
        meeting=meeting, case=case, reasons=[MeetingItem.Reason.REQUESTED], position=position
    )
    audit(actor, Action.UPDATE, case, "meeting_item", item.pk)
    return item


@transaction.atomic
def meeting_decide(*, actor: Actor, item: MeetingItem, decision: str) -> MeetingItem:
    """Record the team's decision on a case; it also lands in the case's timeline."""
    meeting = item.meeting
    if meeting.team_id not in actor.team_ids or actor.role == Role.POLICY_OFFICER:
        raise PermissionError("not a member of this team")
    if meeting.closed_at is not None:
        raise ValidationError(_("Dit overleg is afgesloten."))
    if not decision.strip():
        raise ValidationError({"decision": _("Schrijf het besluit op.")})
    item.decision = decision.strip()
    item.decided_at = timezone.now()
    item.decided_by_id = actor.pk
    item.full_clean()
    item.save(update_fields=["decision", "decided_at", "decided_by"])
    case = item.case
    timeline(
        case,
        kind=TimelineEntry.Kind.DECISION,
        actor=actor,
        text=_("Casusoverleg %(d)s: %(text)s")
        % {"d": meeting.held_on.strftime("%d-%m-%Y"), "text": item.decision},
    )
    audit(actor, Action.UPDATE, case, "meeting_item", item.pk, details={"decided": True})
    return item


@transaction.atomic
def meeting_close(*, actor: Actor, meeting: CaseMeeting) -> CaseMeeting:
    if meeting.team_id not in actor.team_ids or actor.role == Role.POLICY_OFFICER:
        raise PermissionError("not a member of this team")
    if meeting.closed_at is not None:
        raise ValidationError(_("Dit overleg is al afgesloten."))
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at"])
    record(
        actor=actor,
        action=Action.UPDATE,
        object_type="case_meeting",
        object_id=meeting.pk,
        subject_team_id=meeting.team_id,
    )
    return meeting

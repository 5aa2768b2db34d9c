"""Toeleiding: link a resident to an activity from a plan action, then record how it went.

Every function needs full access to the case (``require_full_access``, checked against the database),
changes nothing when it refuses (one transaction, a Dutch message) and leaves a timeline line and an
audit event with the resident as subject. Linking adds a follow-up task for the linking worker;
recording the follow-up completes it.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.cases.models import Case, PlanAction, Task, TimelineEntry
from buurtteam.cases.services import lifecycle
from buurtteam.cases.services.base import CaseStepError, audit, require_full_access, require_open, timeline
from buurtteam.community.models import ENDED_LINK_STATUSES, LinkStatus, ServiceLink
from buurtteam.community.rules import LINK_HINTS, link_can_move
from buurtteam.community.services.common import text
from buurtteam.socialmap.models import MapService

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

FOLLOW_UP_DAYS = 14
NOTE_MAX = 2000
FOLLOW_UP_MAX = 4000
TASK_TITLE_MAX = 300


def _follow_up_title(service_name: str) -> str:
    title = _("Nagaan hoe het ging bij %(s)s") % {"s": service_name}
    return title if len(title) <= TASK_TITLE_MAX else title[: TASK_TITLE_MAX - 1] + "…"


def _add_follow_up_task(actor: Actor, link: ServiceLink, due_on: datetime.date) -> Task:
    return lifecycle.task_add(
        actor=actor,
        case=link.case,
        title=_follow_up_title(link.service_name),
        due_on=due_on,
        assignee_id=actor.pk,
        kind=Task.Kind.CHECK_IN,
    )


@transaction.atomic
def link_create(*, actor: Actor, case: Case, action_id: int, service_id: int, note: str = "") -> ServiceLink:
    """Link the case's resident to an active map service, from an action of the household's plan."""
    require_full_access(actor, case)
    require_open(case)
    action = (
        PlanAction.objects.visible_to(actor)
        .filter(pk=action_id, goal__plan__household_id=case.household_id)
        .first()
    )
    if action is None:
        raise ValidationError({"action": _("Kies een actie uit het plan van dit huishouden.")})
    service = MapService.objects.visible_to(actor).filter(pk=service_id).first()
    if service is None or service.organisation_id != case.organisation_id:
        raise ValidationError({"service": _("Kies een activiteit van de sociale kaart.")})
    if service.status != MapService.Status.ACTIVE:
        raise ValidationError(
            {"service": _("Deze activiteit is nu niet actief. Kies een andere activiteit.")}
        )
    note = text(note, "note", limit=NOTE_MAX)
    already = (
        ServiceLink.objects.visible_to(actor)
        .filter(case_id=case.pk, service_id=service.pk)
        .exclude(status__in=ENDED_LINK_STATUSES)
        .exists()
    )
    if already:
        raise ValidationError(
            {
                "service": _(
                    "Deze inwoner is al naar deze activiteit toegeleid; leg daar de terugkoppeling vast."
                )
            }
        )
    now = timezone.now()
    link = ServiceLink(
        organisation_id=case.organisation_id,
        case=case,
        team_id=case.team_id,
        action=action,
        service=service,
        service_name=service.name,
        status=LinkStatus.PROPOSED,
        note=note,
        linked_by_id=actor.pk,
        linked_at=now,
        status_changed_at=now,
    )
    link.full_clean()
    link.save()
    timeline(
        case,
        kind=TimelineEntry.Kind.PLAN,
        actor=actor,
        text=_("Toegeleid naar %(s)s (actie: %(a)s)") % {"s": service.name, "a": action.description},
    )
    link.follow_up_task = _add_follow_up_task(
        actor, link, timezone.localdate() + datetime.timedelta(days=FOLLOW_UP_DAYS)
    )
    link.save(update_fields=["follow_up_task"])
    audit(
        actor,
        Action.CREATE,
        case,
        "service_link",
        link.pk,
        details={"service": service.pk, "action": action.pk},
    )
    return link


@transaction.atomic
def link_follow_up(
    *,
    actor: Actor,
    link: ServiceLink,
    status: str,
    note: str,
    next_check_on: datetime.date | None = None,
) -> ServiceLink:
    """Record whether the resident went and how it went; completes the follow-up task.

    ``next_check_on`` (optional, for a link that stays open) plans the next follow-up task.
    """
    case = link.case
    require_full_access(actor, case)
    link = ServiceLink.objects.select_for_update().visible_to(actor).select_related("case").get(pk=link.pk)
    case = link.case
    require_open(case)
    if status not in LinkStatus.values:
        raise ValidationError({"status": _("Kies hoe het staat.")})
    if not link_can_move(link.status, status):
        raise CaseStepError(str(LINK_HINTS.get(status, _("Deze stap is nu niet mogelijk."))))
    note = text(note, "note", limit=FOLLOW_UP_MAX, required=True, missing=_("Schrijf kort hoe het ging."))
    today = timezone.localdate()
    if next_check_on is not None:
        if status in ENDED_LINK_STATUSES:
            raise ValidationError(
                {"next_check_on": _("Een afgeronde toeleiding heeft geen volgende terugkoppeling.")}
            )
        if next_check_on <= today:
            raise ValidationError({"next_check_on": _("Kies een datum na vandaag.")})
    previous = link.get_status_display()
    now = timezone.now()
    if status != link.status:
        link.status = status
        link.status_changed_at = now
    link.follow_up_note = note
    link.followed_up_at = now
    task = link.follow_up_task
    if task is not None and task.done_at is None:
        lifecycle.task_done(actor=actor, task=task)
    link.follow_up_task = None
    link.full_clean()
    link.save()
    timeline(
        case,
        kind=TimelineEntry.Kind.PLAN,
        actor=actor,
        text=_("Terugkoppeling %(s)s: %(old)s → %(new)s. %(note)s")
        % {"s": link.service_name, "old": previous, "new": link.get_status_display(), "note": note},
    )
    if next_check_on is not None:
        link.follow_up_task = _add_follow_up_task(actor, link, next_check_on)
        link.save(update_fields=["follow_up_task"])
    audit(actor, Action.UPDATE, case, "service_link", link.pk, details={"status": link.status})
    return link

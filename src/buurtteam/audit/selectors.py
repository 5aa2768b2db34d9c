"""Reading the trail: coordinators for their teams, functional administrators for the organisation."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import Q

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.audit.services import record
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

PAGE_SIZE = 50


def can_view_trail(actor: Actor) -> bool:
    return actor.role in {Role.COORDINATOR, Role.ADMINISTRATOR} and actor.organisation_id is not None


def trail_page(
    *,
    actor: Actor,
    page: int = 1,
    person: str = "",
    subject_type: str = "",
    subject_id: int | None = None,
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> Page[AuditEvent]:
    """One page of the trail the actor may see, filtered by person (who acted), subject and period."""
    qs = AuditEvent.objects.visible_to(actor)
    if person:
        qs = qs.filter(Q(actor_username__iexact=person) | Q(actor_username__istartswith=person))
    if subject_type:
        qs = qs.filter(subject_type=subject_type)
    if subject_id is not None:
        qs = qs.filter(subject_id=subject_id)
    if action:
        qs = qs.filter(action=action)
    if date_from:
        qs = qs.filter(occurred_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(occurred_at__date__lte=date_to)
    paginator = Paginator(qs.order_by("-occurred_at", "-id"), PAGE_SIZE, allow_empty_first_page=True)
    result = paginator.get_page(page)
    record(
        actor=actor,
        action=Action.READ,
        object_type="audit_trail",
        details={
            "filters": {
                "person": person,
                "subject_type": subject_type,
                "subject_id": subject_id,
                "action": action,
                "from": date_from.isoformat() if date_from else "",
                "to": date_to.isoformat() if date_to else "",
            },
            "page": result.number,
        },
    )
    return result

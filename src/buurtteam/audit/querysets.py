from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from django.db import models

from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


class AuditEventQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise RuntimeError("audit events are append-only")

    def delete(self) -> NoReturn:
        raise RuntimeError("audit events are append-only")

    def visible_to(self, actor: Actor) -> AuditEventQuerySet:
        """Coordinators see their teams' trail; functional administrators their organisation's."""
        if not getattr(actor, "is_authenticated", False) or actor.organisation_id is None:
            return self.none()
        own = self.filter(organisation_id=actor.organisation_id)
        if actor.role == Role.ADMINISTRATOR:
            return own
        if actor.role == Role.COORDINATOR:
            teams = list(actor.team_ids)
            return own.filter(models.Q(actor_team_id__in=teams) | models.Q(subject_team_id__in=teams))
        return self.none()

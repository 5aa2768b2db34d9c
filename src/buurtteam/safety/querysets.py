"""The meldcode track is narrower than the case: only the workers on the case and the team's coordinator.

Not the rest of the team (they see the case summary only), not someone who broke the glass for the
resident, never the policy officer or the functional administrator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

from buurtteam.core.gate import GatedQuerySet, memo_filter
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

NOTHING = models.Q(pk__in=[])


def safety_case_ids(actor: Actor) -> models.QuerySet[Any]:
    """Ids of the cases whose safety track the actor may open."""
    case_model = apps.get_model("cases", "Case")
    assignment_model = apps.get_model("cases", "CaseAssignment")
    if actor.role not in (Role.WORKER, Role.COORDINATOR) or actor.organisation_id is None:
        return case_model._base_manager.none().values("pk")  # type: ignore[no-any-return]
    allowed = models.Q(
        pk__in=assignment_model._base_manager.filter(user_id=actor.pk, ended_at__isnull=True).values(
            "case_id"
        )
    )
    if actor.role == Role.COORDINATOR:
        allowed |= models.Q(team_id__in=list(actor.team_ids))
    return case_model._base_manager.filter(  # type: ignore[no-any-return]
        models.Q(organisation_id=actor.organisation_id) & allowed
    ).values("pk")


class SafetyQuerySet(GatedQuerySet[Any]):
    case_field = "case_id"

    def visibility_filter(self, actor: Actor) -> models.Q:
        return memo_filter(actor, ("safety", self.case_field), lambda: self._safety_filter(actor))

    def _safety_filter(self, actor: Actor) -> models.Q:
        if actor.role not in (Role.WORKER, Role.COORDINATOR):
            return NOTHING
        return models.Q(**{f"{self.case_field}__in": safety_case_ids(actor)})


class SafetyPartQuerySet(SafetyQuerySet):
    case_field = "track__case_id"

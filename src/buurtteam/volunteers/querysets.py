"""Who may see the databank: everyone who works with residents in the organisation.

Volunteers, help requests and matches are personal data (names, addresses, what someone needs help
with), kept by the whole organisation: workers, coordinators and the functional administrator (who keeps
the databank) see them, whatever their team. A policy officer sees no person. What a request says about
its case is a separate rule, applied in the selectors: only someone who sees the case summary
(``Case.objects.visible_to``) learns which case and which resident a request came from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from buurtteam.core.gate import GatedQuerySet
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

DATABANK_ROLES = frozenset({Role.WORKER, Role.COORDINATOR, Role.ADMINISTRATOR})


def may_use_databank(actor: Actor) -> bool:
    return bool(
        getattr(actor, "is_authenticated", False)
        and actor.organisation_id is not None
        and actor.role in DATABANK_ROLES
    )


class DatabankQuerySet(GatedQuerySet[Any]):
    def visibility_filter(self, actor: Actor) -> models.Q:
        if actor.role not in DATABANK_ROLES:
            return models.Q(pk__in=[])
        return models.Q(organisation_id=actor.organisation_id)


class VolunteerQuerySet(DatabankQuerySet):
    def active(self) -> VolunteerQuerySet:
        return self.filter(status="active")


class HelpRequestQuerySet(DatabankQuerySet):
    pass


class MatchQuerySet(DatabankQuerySet):
    pass

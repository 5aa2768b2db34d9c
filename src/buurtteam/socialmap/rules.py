"""Who may change the sociale kaart. Everyone on the staff of the organisation reads it.

Editors: the functional administrator, and workers or coordinators with the discipline
``social-basis-lead`` (aandachtsfunctionaris sociale basis). Policy officers read only.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from buurtteam.core.roles import Role
from buurtteam.organisation.models import Discipline

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

SOCIAL_BASIS_LEAD = "social-basis-lead"
_CACHE = "_socialmap_can_edit"


def can_edit_map(actor: Actor) -> bool:
    """May ``actor`` create, change and check entries of the map (answered once per actor object)."""
    if not getattr(actor, "is_authenticated", False) or actor.organisation_id is None:
        return False
    cached: bool | None = getattr(actor, _CACHE, None)
    if cached is not None:
        return cached
    if actor.role == Role.ADMINISTRATOR:
        allowed = True
    elif actor.role in (Role.WORKER, Role.COORDINATOR):
        allowed = (
            Discipline.objects.visible_to(actor).filter(code=SOCIAL_BASIS_LEAD, staff__pk=actor.pk).exists()
        )
    else:
        allowed = False
    with contextlib.suppress(AttributeError):  # an actor that takes no attributes: ask again next time
        setattr(actor, _CACHE, allowed)
    return allowed

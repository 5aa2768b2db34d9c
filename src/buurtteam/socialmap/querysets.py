"""The sociale kaart is tenant data, not personal data: every staff member of the organisation reads it.

Who may change it is a rule (``rules.can_edit_map``), not a visibility question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from buurtteam.core.gate import GatedQuerySet

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


class MapQuerySet(GatedQuerySet[Any]):
    """Rows of one organisation's sociale kaart."""

    def visibility_filter(self, actor: Actor) -> models.Q:
        return models.Q(organisation_id=actor.organisation_id)

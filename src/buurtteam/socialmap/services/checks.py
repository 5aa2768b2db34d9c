"""Marking entries as checked: someone confirmed today that the entry is still right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from buurtteam.audit.models import Action
from buurtteam.socialmap.models import MapLocation, MapOrganization, MapService
from buurtteam.socialmap.services._base import audit, mark_checked_now, require_editor, require_own

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

OBJECT_TYPES: dict[type, str] = {
    MapService: "map_service",
    MapOrganization: "map_organization",
    MapLocation: "map_location",
}


@transaction.atomic
def entry_mark_checked(
    *, actor: Actor, entry: MapService | MapOrganization | MapLocation
) -> MapService | MapOrganization | MapLocation:
    """Stamp ``entry`` as checked today by ``actor``."""
    organisation_id = require_editor(actor)
    require_own(entry, organisation_id)
    mark_checked_now(entry, actor)
    entry.save(update_fields=["last_checked_on", "checked_by", "updated_at"])
    audit(
        actor,
        Action.UPDATE,
        OBJECT_TYPES[type(entry)],
        entry.pk,
        fields=["last_checked_on"],
        checked_on=entry.last_checked_on.isoformat() if entry.last_checked_on else "",
    )
    return entry

"""Organisations on the map (HSDS organization)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.socialmap.models import MapLocation, MapOrganization, MapService
from buurtteam.socialmap.search import refresh_search_documents
from buurtteam.socialmap.services._base import (
    apply_changes,
    audit,
    mark_checked_now,
    require_editor,
    require_own,
)

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

ORGANIZATION_FIELDS = ("name", "alternate_name", "description", "email", "website", "phone")
OBJECT_TYPE = "map_organization"


@transaction.atomic
def organization_save(
    *, actor: Actor, organization: MapOrganization | None = None, **changes: Any
) -> MapOrganization:
    """Create (``organization=None``) or change an organisation; a new one counts as checked today."""
    organisation_id = require_editor(actor)
    creating = organization is None
    obj = organization or MapOrganization(organisation_id=organisation_id)
    require_own(obj, organisation_id)
    fields = apply_changes(obj, changes, ORGANIZATION_FIELDS)
    if creating:
        mark_checked_now(obj, actor)
    obj.full_clean()
    obj.save()
    if not creating and {"name", "alternate_name"} & set(fields):
        refresh_search_documents(
            MapService.objects.visible_to(actor).filter(map_organization=obj).values_list("pk", flat=True)
        )
    audit(actor, Action.CREATE if creating else Action.UPDATE, OBJECT_TYPE, obj.pk, fields=fields)
    return obj


@transaction.atomic
def organization_delete(*, actor: Actor, organization: MapOrganization) -> None:
    """Remove an organisation that no longer offers anything (its services must go first)."""
    organisation_id = require_editor(actor)
    require_own(organization, organisation_id)
    in_use = MapService.objects.visible_to(actor).filter(map_organization=organization).count()
    if in_use:
        raise ValidationError(
            _(
                "Deze organisatie heeft nog %(n)s activiteit(en) op de kaart. Zet die eerst op "
                "‘opgeheven’ of koppel ze aan een andere organisatie."
            )
            % {"n": in_use}
        )
    pk = organization.pk
    MapLocation.objects.visible_to(actor).filter(map_organization=organization).update(map_organization=None)
    organization.delete()
    audit(actor, Action.DELETE, OBJECT_TYPE, pk, name=organization.name)

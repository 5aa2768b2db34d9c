"""Locations on the map (HSDS location): where the buurt goes for an activity."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.organisation.models import Postcode
from buurtteam.organisation.validators import normalise_postcode
from buurtteam.socialmap.models import MapLocation, MapOrganization, ServiceAtLocation
from buurtteam.socialmap.search import refresh_search_documents
from buurtteam.socialmap.services._base import (
    NOT_ON_MAP,
    apply_changes,
    audit,
    field_error,
    mark_checked_now,
    require_editor,
    require_own,
)

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

LOCATION_FIELDS = (
    "map_organization_id",
    "location_type",
    "kind",
    "name",
    "alternate_name",
    "description",
    "address_1",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "accessibility",
    "transportation",
    "phone",
    "email",
    "url",
)
OBJECT_TYPE = "map_location"
# Fields in the services' search documents or search rows (coordinates: the distance of the search).
SEARCHED_FIELDS = {"name", "alternate_name", "postcode", "city", "neighbourhood", "latitude", "longitude"}


def own_organization_id(actor: Actor, organization_id: int | str | None) -> int | None:
    """``organization_id`` when it is on the actor's map; a field error otherwise."""
    if organization_id is None or organization_id == "":
        return None
    try:
        pk = int(organization_id)
    except (TypeError, ValueError):
        raise field_error("map_organization", NOT_ON_MAP) from None
    if not MapOrganization.objects.visible_to(actor).filter(pk=pk).exists():
        raise field_error("map_organization", NOT_ON_MAP)
    return pk


def _place(obj: MapLocation, changed: list[str]) -> None:
    """Postcode -> buurt, and the postcode's centre as coordinates when none were given."""
    if obj.postcode:
        try:
            obj.postcode = normalise_postcode(obj.postcode)
        except ValidationError as exc:
            raise ValidationError({"postcode": exc.messages}) from exc
    if (obj.latitude is None) != (obj.longitude is None):
        raise ValidationError(
            {"latitude": [_("Vul de breedtegraad en de lengtegraad allebei in, of laat ze allebei leeg.")]}
        )
    if "postcode" not in changed and obj.pk is not None:
        return
    row = postcode_places([obj.postcode]).get(obj.postcode) if obj.postcode else None
    obj.neighbourhood_id, obj.latitude, obj.longitude = postcode_place(
        row,
        obj.latitude,
        obj.longitude,
        coordinates_given=bool({"latitude", "longitude"} & set(changed)),
    )


def postcode_places(postcodes: Iterable[str]) -> dict[str, Mapping[str, Any]]:
    """The reference rows (buurt, centre) of the known postcodes among ``postcodes`` (``1234AB``), in one
    query; an unknown postcode is missing from the result."""
    wanted = {p for p in postcodes if p}
    if not wanted:
        return {}
    rows = Postcode.objects.filter(postcode__in=wanted).values(
        "postcode", "neighbourhood_id", "latitude", "longitude"
    )
    return {row["postcode"]: row for row in rows}


def postcode_place(
    row: Mapping[str, Any] | None,
    latitude: float | None,
    longitude: float | None,
    *,
    coordinates_given: bool,
) -> tuple[int | None, float | None, float | None]:
    """A location's buurt and coordinates from its postcode's reference row (``postcode_places``): the buurt
    of the postcode (none for an unknown one), and the postcode's centre unless coordinates were given (or
    the centre is unknown), in which case ``latitude`` and ``longitude`` stay. Used by the map's forms and by
    the HSDS import."""
    if row and not coordinates_given and row["latitude"] is not None:
        latitude, longitude = row["latitude"], row["longitude"]
    return (row["neighbourhood_id"] if row else None), latitude, longitude


@transaction.atomic
def location_save(*, actor: Actor, location: MapLocation | None = None, **changes: Any) -> MapLocation:
    """Create or change a location. A known postcode fills in the buurt (and coordinates, unless given)."""
    organisation_id = require_editor(actor)
    creating = location is None
    obj = location or MapLocation(organisation_id=organisation_id)
    require_own(obj, organisation_id)
    if "map_organization_id" in changes:
        changes["map_organization_id"] = own_organization_id(actor, changes["map_organization_id"])
    fields = apply_changes(obj, changes, LOCATION_FIELDS)
    _place(obj, fields)
    if creating:
        mark_checked_now(obj, actor)
    obj.full_clean()
    obj.save()
    if not creating and SEARCHED_FIELDS & set(fields):
        refresh_search_documents(
            ServiceAtLocation.objects.visible_to(actor)
            .filter(location=obj)
            .values_list("service_id", flat=True)
        )
    audit(actor, Action.CREATE if creating else Action.UPDATE, OBJECT_TYPE, obj.pk, fields=fields)
    return obj


@transaction.atomic
def location_delete(*, actor: Actor, location: MapLocation) -> None:
    """Remove a location where nothing happens any more."""
    organisation_id = require_editor(actor)
    require_own(location, organisation_id)
    in_use = ServiceAtLocation.objects.visible_to(actor).filter(location=location).count()
    if in_use:
        raise ValidationError(
            _(
                "Op deze locatie staan nog %(n)s activiteit(en). Haal ze eerst van deze locatie af of zet ze "
                "op ‘opgeheven’."
            )
            % {"n": in_use}
        )
    pk, name = location.pk, location.name
    location.delete()
    audit(actor, Action.DELETE, OBJECT_TYPE, pk, name=name)

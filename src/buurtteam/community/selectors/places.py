"""Map entries the community forms offer: places and activities in the area of the actor's teams."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from buurtteam.organisation.models import Team
from buurtteam.socialmap.models import MapLocation, MapService

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

CHOICES_MAX = 300


def _area(actor: Actor) -> Any:
    through = Team.neighbourhoods.through
    return through._base_manager.filter(team_id__in=list(actor.team_ids)).values("neighbourhood_id")


def area_locations(*, actor: Actor, include: int | None = None) -> list[tuple[int, str]]:
    """(id, name) of the map's places in the buurten of the actor's teams (and ``include``: the current
    one)."""
    qs = MapLocation.objects.visible_to(actor).filter(neighbourhood_id__in=_area(actor))
    rows = list(qs.order_by("name", "pk").values_list("pk", "name")[:CHOICES_MAX])
    if include is not None and include not in {pk for pk, _n in rows}:
        rows += list(MapLocation.objects.visible_to(actor).filter(pk=include).values_list("pk", "name"))
    return rows


def area_services(*, actor: Actor, include: int | None = None) -> list[tuple[int, str]]:
    """(id, name) of active services offered at a place in the buurten of the actor's teams."""
    places = MapLocation.objects.visible_to(actor).filter(neighbourhood_id__in=_area(actor)).values("pk")
    qs = (
        MapService.objects.visible_to(actor)
        .filter(status=MapService.Status.ACTIVE, service_at_locations__location_id__in=places)
        .distinct()
    )
    rows = list(qs.order_by("name", "pk").values_list("pk", "name")[:CHOICES_MAX])
    if include is not None and include not in {pk for pk, _n in rows}:
        rows += list(MapService.objects.visible_to(actor).filter(pk=include).values_list("pk", "name"))
    return rows

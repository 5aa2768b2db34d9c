"""Services at locations as full HSDS 3.0 objects (the compiled ``service_at_location.json``), for the public
API's ``/service_at_locations``.

Built from the same pieces as the services of the export (``serialize.sal_json``, ``location_json``,
``service_batch``), so a service at a location reads the same here as inside its service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from buurtteam.socialmap.exchange.serialize import (
    location_json,
    sal_json,
    schedules_by_owner,
    service_batch,
)
from buurtteam.socialmap.models import ServiceAtLocation

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

# What a queryset of services at locations must select for service_at_location_batch.
SAL_RELATED = ("service__map_organization", "location__map_organization")


def service_at_location_batch(actor: Actor, sals: Sequence[ServiceAtLocation]) -> list[dict[str, Any]]:
    """Full service_at_location objects (``SAL_RELATED`` selected), in a fixed number of queries whatever
    the batch size: the services' term links, terms and term parents and schedules (``service_batch``
    without its services at locations), then the schedules of the services at locations and their locations.

    Each object has its ``location`` (with addresses, schedules, attributes) and its ``service`` (with
    organization, schedules, attributes; not the service's other services at locations, as in the
    standard's compiled schema). Objects shared within the batch are built once."""
    if not sals:
        return []
    services = list({sal.service_id: sal.service for sal in sals}.values())
    service_objects = dict(
        zip([s.pk for s in services], service_batch(actor, services, locations=False), strict=True)
    )
    grouped = schedules_by_owner(
        actor,
        service_ids=(),
        sal_ids=[sal.pk for sal in sals],
        location_ids={sal.location_id for sal in sals},
    )
    locations: dict[int, dict[str, Any]] = {}
    result: list[dict[str, Any]] = []
    for sal in sals:
        if sal.location_id not in locations:
            locations[sal.location_id] = location_json(
                sal.location, grouped["location"].get(sal.location_id, [])
            )
        obj = sal_json(
            sal,
            service_hsds_id=sal.service.hsds_id,
            location=locations[sal.location_id],
            schedules=grouped["sal"].get(sal.pk, []),
        )
        obj["service"] = service_objects[sal.service_id]
        result.append(obj)
    return result

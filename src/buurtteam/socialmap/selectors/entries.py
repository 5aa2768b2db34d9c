"""Single entries of the map and the lists around them (organisations, locations, taxonomies, stale)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from buurtteam.core.gate import GatedQuerySet, access_or_404
from buurtteam.socialmap.models import (
    MapLocation,
    MapOrganization,
    MapService,
    Schedule,
    SearchSynonym,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from buurtteam.socialmap.staleness import stale_cutoff

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


def _terms(actor: Actor) -> QuerySet[Any]:
    return (
        TaxonomyTerm.objects.visible_to(actor).select_related("taxonomy").order_by("taxonomy__name", "name")
    )


def _service_prefetches(actor: Actor) -> list[Prefetch[Any]]:
    return [
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.visible_to(actor)
            .select_related("location", "location__neighbourhood", "location__neighbourhood__district")
            .order_by("location__name", "pk"),
        ),
        Prefetch(
            "schedules",
            queryset=Schedule.objects.visible_to(actor).order_by("freq", "byday", "opens_at", "pk"),
        ),
        Prefetch("terms", queryset=_terms(actor)),
    ]


def service_get(*, actor: Actor, service_id: int) -> MapService:
    """One service with its organisation, locations, schedules and terms (404 when not on the actor's map)."""
    qs = (
        MapService.objects.visible_to(actor)
        .select_related("map_organization", "checked_by")
        .prefetch_related(*_service_prefetches(actor))
    )
    service: MapService = access_or_404(qs, pk=service_id)
    return service


def organization_list(*, actor: Actor, query: str = "") -> QuerySet[Any]:
    qs: QuerySet[Any] = MapOrganization.objects.visible_to(actor).annotate(
        service_count=Count("services", distinct=True)
    )
    if query.strip():
        qs = qs.filter(Q(name__icontains=query.strip()) | Q(alternate_name__icontains=query.strip()))
    return qs.order_by("name", "pk")


def organization_get(*, actor: Actor, organization_id: int) -> MapOrganization:
    """One organisation with its services and locations."""
    qs = (
        MapOrganization.objects.visible_to(actor)
        .select_related("checked_by")
        .prefetch_related(
            Prefetch("services", queryset=MapService.objects.visible_to(actor).order_by("name", "pk")),
            Prefetch(
                "locations",
                queryset=MapLocation.objects.visible_to(actor)
                .select_related("neighbourhood")
                .order_by("name", "pk"),
            ),
        )
    )
    organization: MapOrganization = access_or_404(qs, pk=organization_id)
    return organization


def location_list(*, actor: Actor, query: str = "", neighbourhood_id: int | None = None) -> QuerySet[Any]:
    qs = MapLocation.objects.visible_to(actor).select_related("neighbourhood", "map_organization")
    if query.strip():
        qs = qs.filter(Q(name__icontains=query.strip()) | Q(address_1__icontains=query.strip()))
    if neighbourhood_id is not None:
        qs = qs.filter(neighbourhood_id=neighbourhood_id)
    return qs.order_by("name", "pk")


def location_get(*, actor: Actor, location_id: int) -> MapLocation:
    """One location with what happens there and its opening hours."""
    qs = (
        MapLocation.objects.visible_to(actor)
        .select_related("map_organization", "neighbourhood", "neighbourhood__district", "checked_by")
        .prefetch_related(
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.visible_to(actor)
                .select_related("service")
                .order_by("service__name", "pk"),
            ),
            Prefetch(
                "schedules",
                queryset=Schedule.objects.visible_to(actor).order_by("freq", "byday", "opens_at", "pk"),
            ),
        )
    )
    location: MapLocation = access_or_404(qs, pk=location_id)
    return location


def taxonomy_list(*, actor: Actor) -> list[Taxonomy]:
    """The actor's taxonomies with their terms."""
    return list(
        Taxonomy.objects.visible_to(actor)
        .prefetch_related(
            Prefetch("terms", queryset=TaxonomyTerm.objects.visible_to(actor).order_by("name", "pk"))
        )
        .order_by("name", "pk")
    )


def term_choices(*, actor: Actor, purpose: str) -> list[tuple[int, str]]:
    """(id, name) of the terms of the taxonomies used as ``purpose`` (life domains or target groups)."""
    return list(
        TaxonomyTerm.objects.visible_to(actor)
        .filter(taxonomy__purpose=purpose)
        .order_by("name", "pk")
        .values_list("pk", "name")
    )


def synonym_list(*, actor: Actor) -> GatedQuerySet[Any]:
    qs: GatedQuerySet[Any] = SearchSynonym.objects.visible_to(actor).order_by("words", "pk")
    return qs


@dataclass(frozen=True)
class StaleEntry:
    kind: str  # "service", "organization" or "location"
    entry: Any
    last_checked_on: datetime.date | None


@dataclass(frozen=True)
class StaleList:
    entries: list[StaleEntry]
    total: int
    cutoff: datetime.date


def stale_entries(*, actor: Actor, limit: int = 50, offset: int = 0) -> StaleList:
    """Entries not checked since the organisation's cut-off (never checked first, then oldest first)."""
    cutoff = stale_cutoff(actor)
    stale = Q(last_checked_on__isnull=True) | Q(last_checked_on__lt=cutoff)
    order: list[Any] = [F("last_checked_on").asc(nulls_first=True), "name", "pk"]
    sources: list[tuple[str, QuerySet[Any]]] = [
        ("service", MapService.objects.visible_to(actor).exclude(status=MapService.Status.DEFUNCT)),
        ("organization", MapOrganization.objects.visible_to(actor)),
        ("location", MapLocation.objects.visible_to(actor)),
    ]
    merged: list[StaleEntry] = []
    total = 0
    end = offset + limit
    for kind, qs in sources:
        total += qs.filter(stale).count()
        rows = qs.filter(stale).select_related("checked_by").order_by(*order)[:end]
        merged += [StaleEntry(kind, row, row.last_checked_on) for row in rows]
    merged.sort(key=lambda e: (e.last_checked_on or datetime.date.min, str(e.entry.name).lower()))
    return StaleList(entries=merged[offset:end], total=total, cutoff=cutoff)

"""Reads of the tenant's structure. Always scoped to the actor's organisation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet

from buurtteam.core.gate import access_or_404
from buurtteam.organisation.models import Discipline, Location, Neighbourhood, Organisation, Provider, Team

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor
    from buurtteam.organisation.querysets import TenantQuerySet


def organisation_get(*, actor: Actor) -> Organisation:
    return access_or_404(
        Organisation.objects.visible_to(actor).select_related("municipality"), pk=actor.organisation_id
    )


def team_list(*, actor: Actor, include_inactive: bool = False) -> QuerySet[Team, Any]:
    qs = Team.objects.visible_to(actor)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs.annotate(
        member_count=Count("memberships", filter=Q(memberships__user__is_active=True), distinct=True),
        neighbourhood_count=Count("neighbourhoods", distinct=True),
    ).order_by("name")


def team_get(*, actor: Actor, team_id: int) -> Team:
    qs = Team.objects.visible_to(actor).prefetch_related(
        Prefetch("neighbourhoods", queryset=Neighbourhood.objects.select_related("district")),
        Prefetch("locations", queryset=Location.objects.visible_to(actor)),
        Prefetch("providers", queryset=Provider.objects.visible_to(actor)),
    )
    return access_or_404(qs, pk=team_id)


def location_list(*, actor: Actor) -> TenantQuerySet[Location]:
    return Location.objects.visible_to(actor).select_related("neighbourhood").order_by("name")


def location_get(*, actor: Actor, location_id: int) -> Location:
    return access_or_404(Location.objects.visible_to(actor), pk=location_id)


def provider_list(*, actor: Actor) -> TenantQuerySet[Provider]:
    return Provider.objects.visible_to(actor).order_by("name")


def provider_get(*, actor: Actor, provider_id: int) -> Provider:
    return access_or_404(Provider.objects.visible_to(actor), pk=provider_id)


def discipline_list(*, actor: Actor) -> TenantQuerySet[Discipline]:
    return Discipline.objects.visible_to(actor).order_by("name")


def discipline_get(*, actor: Actor, discipline_id: int) -> Discipline:
    return access_or_404(Discipline.objects.visible_to(actor), pk=discipline_id)

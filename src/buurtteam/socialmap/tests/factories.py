"""Map entries for tests, written straight to the database (the services are tested on their own)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from buurtteam.accounts.models import User
from buurtteam.accounts.tests.factories import member_of
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Discipline, Neighbourhood, Organisation, Team
from buurtteam.socialmap.models import (
    MapLocation,
    MapOrganization,
    MapService,
    Schedule,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from buurtteam.socialmap.rules import SOCIAL_BASIS_LEAD
from buurtteam.socialmap.search import refresh_search_documents


def map_editor(team: Team) -> User:
    """A worker of ``team`` with the discipline aandachtsfunctionaris sociale basis."""
    user = member_of(team)
    with system_access("test data"):
        discipline, _ = Discipline.objects.get_or_create(
            organisation=team.organisation,
            code=SOCIAL_BASIS_LEAD,
            defaults={"name": "Aandachtsfunctionaris sociale basis"},
        )
        user.disciplines.add(discipline)
    return user


def map_organization(organisation: Organisation, **data: Any) -> MapOrganization:
    values: dict[str, Any] = {"name": "Stichting Welzijn Test", "last_checked_on": timezone.localdate()}
    values.update(data)
    with system_access("test data"):
        return MapOrganization.objects.create(organisation=organisation, **values)


def map_location(
    organisation: Organisation,
    *,
    neighbourhood: Neighbourhood | None = None,
    latitude: float | None = 52.1,
    longitude: float | None = 5.1,
    **data: Any,
) -> MapLocation:
    values: dict[str, Any] = {
        "name": "Buurthuis De Linde",
        "kind": MapLocation.Kind.COMMUNITY_CENTRE,
        "address_1": "Lindeplein 1",
        "city": "Teststad",
        "last_checked_on": timezone.localdate(),
    }
    values.update(data)
    with system_access("test data"):
        return MapLocation.objects.create(
            organisation=organisation,
            neighbourhood=neighbourhood,
            latitude=latitude,
            longitude=longitude,
            **values,
        )


def map_term(
    organisation: Organisation, name: str, *, purpose: str = Taxonomy.Purpose.LIFE_DOMAINS
) -> TaxonomyTerm:
    with system_access("test data"):
        taxonomy, _ = Taxonomy.objects.get_or_create(
            organisation=organisation, purpose=purpose, defaults={"name": str(purpose)}
        )
        return TaxonomyTerm.objects.create(organisation=organisation, taxonomy=taxonomy, name=name)


def map_service(
    organisation: Organisation,
    *,
    locations: list[MapLocation] = (),  # type: ignore[assignment]
    terms: list[TaxonomyTerm] = (),  # type: ignore[assignment]
    weekly: str = "",
    last_checked_on: datetime.date | None = None,
    **data: Any,
) -> MapService:
    """A service (with its search document), offered at ``locations``, weekly on ``weekly`` days ("TU")."""
    values: dict[str, Any] = {"name": "Koffieochtend", "description": "Samen koffie drinken."}
    values.update(data)
    with system_access("test data"):
        service = MapService.objects.create(
            organisation=organisation, last_checked_on=last_checked_on or timezone.localdate(), **values
        )
        service.terms.set(terms)
        for location in locations:
            ServiceAtLocation.objects.create(organisation=organisation, service=service, location=location)
        if weekly:
            Schedule.objects.create(
                organisation=organisation,
                service=service,
                freq=Schedule.Freq.WEEKLY,
                byday=weekly,
                opens_at=datetime.time(10, 0),
                closes_at=datetime.time(12, 0),
            )
    refresh_search_documents([service.pk])
    with system_access("test data"):
        service.refresh_from_db()
    return service

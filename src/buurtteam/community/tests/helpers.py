"""Test data for the community app: a case with a plan action, and a sociale kaart near the resident."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import Tenant
from django.utils import timezone

from buurtteam.cases.models import Case, PlanAction
from buurtteam.cases.tests.factories import Area, give_area, registered_case, resident_in, walk_to_execution
from buurtteam.community.models import Group, ServiceLink, Signal
from buurtteam.community.services import groups, links, signals
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Postcode
from buurtteam.residents.models import Resident
from buurtteam.socialmap.models import MapLocation, MapService, TaxonomyTerm
from buurtteam.socialmap.services.taxonomy import taxonomy_defaults
from buurtteam.socialmap.tests.factories import map_location, map_service

HOME = (52.090, 5.120)  # the resident's postcode


@dataclass
class World:
    tenant: Tenant
    area: Area
    resident: Resident
    case: Case
    action: PlanAction
    place: MapLocation
    walk: MapService  # near, for loneliness (social network)
    debt: MapService  # near, finances (the goal's domain)
    far: MapService  # 30 km away


def _term(tenant: Tenant, code: str) -> TaxonomyTerm:
    with system_access("test data"):
        return TaxonomyTerm.objects.get(organisation=tenant.organisation, code=code)


def make_world(tenant: Tenant) -> World:
    area = give_area(tenant.team)
    with system_access("test data"):
        Postcode.objects.filter(pk=area.postcode.pk).update(latitude=HOME[0], longitude=HOME[1])
    resident = resident_in(tenant, area)
    case = walk_to_execution(tenant, registered_case(tenant, resident))
    with system_access("test data"):
        action = PlanAction.objects.get(goal__plan__household__members__resident=resident)
    taxonomy_defaults(tenant.organisation)
    place = map_location(
        tenant.organisation, neighbourhood=area.neighbourhood, latitude=HOME[0] + 0.005, longitude=HOME[1]
    )
    far_place = map_location(
        tenant.organisation, name="Dorpshuis Verweg", latitude=HOME[0] + 0.3, longitude=HOME[1]
    )
    walk = map_service(
        tenant.organisation,
        name="Wandelclub De Linde",
        description="Samen wandelen tegen eenzaamheid, elke dinsdag.",
        is_free=True,
        locations=[place],
        terms=[_term(tenant, "social-network")],
    )
    debt = map_service(
        tenant.organisation,
        name="Formulierenspreekuur",
        description="Hulp bij post, rekeningen en schulden.",
        locations=[place],
        terms=[_term(tenant, "finances")],
    )
    far = map_service(
        tenant.organisation,
        name="Eetclub Verweg",
        description="Samen eten tegen eenzaamheid.",
        locations=[far_place],
        terms=[_term(tenant, "social-network")],
    )
    return World(tenant, area, resident, case, action, place, walk, debt, far)


@pytest.fixture
def world(tenant: Tenant) -> World:
    return make_world(tenant)


def link(world: World, service: MapService | None = None) -> ServiceLink:
    return links.link_create(
        actor=world.tenant.worker,
        case=world.case,
        action_id=world.action.pk,
        service_id=(service or world.walk).pk,
        note="Gaat samen met de buurvrouw",
    )


def group(world: World) -> Group:
    return groups.group_create(
        actor=world.tenant.worker,
        team_id=world.tenant.team.pk,
        name="Wandelgroep dinsdag",
        location_id=world.place.pk,
        leader_ids=[world.tenant.worker.pk],
    )


def person_signal(world: World) -> Signal:
    return signals.signal_record(
        actor=world.tenant.worker,
        theme="loneliness",
        neighbourhood_id=world.area.neighbourhood.pk,
        noticed_on=timezone.localdate(),
        note="Zit veel alleen thuis sinds de verhuizing van haar dochter",
        resident_id=world.resident.pk,
    )


def anonymous_signal(world: World, theme: str = "money") -> Signal:
    return signals.signal_record(
        actor=world.tenant.worker,
        theme=theme,
        neighbourhood_id=world.area.neighbourhood.pk,
        noticed_on=timezone.localdate(),
        note="Bij de voedselbank vertelden meerdere mensen over betalingsachterstanden",
    )

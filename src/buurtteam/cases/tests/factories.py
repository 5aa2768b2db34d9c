"""Test helpers for cases: a team with an area, residents in it, and cases walked through their phases."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from conftest import Tenant
from django.utils import timezone

from buurtteam.cases.models import Case, LifeDomain
from buurtteam.cases.services import assignment, lifecycle, plan, registration
from buurtteam.cases.services.domains import default_domain_set
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Neighbourhood, Postcode, Team
from buurtteam.organisation.tests.factories import DistrictFactory, NeighbourhoodFactory, PostcodeFactory
from buurtteam.residents.models import Resident
from buurtteam.residents.services import resident_create


@dataclass
class Area:
    neighbourhood: Neighbourhood
    postcode: Postcode


def give_area(team: Team) -> Area:
    """A buurt with one postcode in the team's municipality, served by the team."""
    district = DistrictFactory.create(municipality=team.organisation.municipality)
    neighbourhood = NeighbourhoodFactory.create(district=district)
    postcode = PostcodeFactory.create(neighbourhood=neighbourhood)
    team.neighbourhoods.add(neighbourhood)
    return Area(neighbourhood, postcode)


def resident_in(tenant: Tenant, area: Area, *, actor: Any = None, **data: Any) -> Resident:
    values: dict[str, Any] = {
        "first_name": "Sanne",
        "last_name": "de Vries",
        "birth_date": datetime.date(1985, 3, 14),
        "postcode": area.postcode.postcode,
        "street": "Lindelaan",
        "house_number": "4",
        "city": "Teststad",
    }
    values.update(data)
    return resident_create(actor=actor or tenant.worker, **values)


def registered_case(tenant: Tenant, resident: Resident, **data: Any) -> Case:
    values: dict[str, Any] = {
        "channel": "phone",
        "referrer": "self",
        "question": "Ik heb schulden en mijn zoon gaat niet meer naar school.",
    }
    values.update(data)
    return registration.case_register(actor=tenant.worker, client=resident, **values)


def domain(tenant: Tenant, code: str) -> LifeDomain:
    domain_set = default_domain_set(organisation_id=tenant.organisation.pk)
    with system_access("test helper"):
        return LifeDomain.objects.get(domain_set=domain_set, code=code)


def walk_to_execution(tenant: Tenant, case: Case) -> Case:
    """Registration -> three conversations -> problem list -> assessment -> plan agreed."""
    actor = tenant.worker
    assignment.case_assign(actor=actor, case=case, user_id=actor.pk, as_lead=True)
    today = timezone.localdate()
    for i in range(3):
        lifecycle.conversation_add(
            actor=actor,
            case=case,
            held_on=today - datetime.timedelta(days=3 - i),
            mode="home_visit",
            participants="moeder en zoon",
            note=f"gesprek {i + 1}",
        )
    lifecycle.problems_set(
        actor=actor,
        case=case,
        problems=[
            (domain(tenant, "finances"), "Betalingsachterstanden"),
            (domain(tenant, "school"), "Verzuim"),
        ],
    )
    lifecycle.intake_finish(actor=actor, case=case)
    lifecycle.assessment_record(
        actor=actor,
        case=case,
        kind="intake",
        assessed_on=today,
        scores=[
            {"domain": domain(tenant, "finances"), "score": 2, "reason": "Schulden zijn de hoofdvraag"},
            {"domain": domain(tenant, "school"), "score": 1, "reason": "Zoon verzuimt al weken"},
        ],
    )
    goal = plan.goal_add(
        actor=actor, case=case, domain=domain(tenant, "finances"), description="Overzicht in de post"
    )
    plan.action_add(
        actor=actor,
        case=case,
        goal=goal,
        description="Samen de post sorteren",
        owner_kind="resident",
        owner_name="Sanne",
    )
    plan.plan_agree(actor=actor, case=case, agreed_by="Sanne de Vries")
    case.refresh_from_db()
    return case

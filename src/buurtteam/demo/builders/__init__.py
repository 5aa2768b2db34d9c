"""Build a fictional Dutch municipality with its buurtteams and staff, deterministically from a seed.

Used by the ``load_demo`` command and by the benchmarks. Everything is invented: the municipality
(GM99xx is not handed out to real municipalities), the providers, the addresses and the people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.db import transaction
from faker import Faker

from buurtteam.accounts.models import User
from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.core.gate import system_access
from buurtteam.demo.builders import names
from buurtteam.demo.builders.geography import MAX_DISTRICTS, build_geography
from buurtteam.demo.builders.staff import DEMO_PASSWORD, MIN_TEAM_SIZE, DemoAccount, StaffBuilder, team_size
from buurtteam.demo.builders.structure import build_providers, build_teams
from buurtteam.organisation.models import Discipline, Municipality, Organisation, Team
from buurtteam.organisation.services import organisation_create

__all__ = [
    "DEMO_PASSWORD",
    "MAX_TEAMS",
    "DemoAccount",
    "DemoConflictError",
    "DemoOptions",
    "DemoResult",
    "build_demo",
    "organisation_exists",
]

DEMO_USERNAMES = ("coordinator", "medewerker", "beheerder", "beleid")
MAX_TEAMS = MAX_DISTRICTS * 2


class DemoConflictError(RuntimeError):
    """The database already holds (part of) the demo municipality or its demo accounts."""


@dataclass(frozen=True)
class DemoOptions:
    seed: int = 1
    scale: float = 1.0  # multiplies staff per team and postcodes per buurt
    teams: int = 9
    staff_per_team: int | None = None  # overrides the drawn team size (benchmarks)

    def validate(self) -> None:
        if self.scale <= 0:
            raise ValueError("scale must be positive")
        if not 1 <= self.teams <= MAX_TEAMS:
            raise ValueError(f"teams must be between 1 and {MAX_TEAMS}")
        if self.staff_per_team is not None and self.staff_per_team < MIN_TEAM_SIZE:
            raise ValueError(f"staff per team must be at least {MIN_TEAM_SIZE}")


@dataclass
class DemoResult:
    options: DemoOptions
    municipality: Municipality
    organisation: Organisation
    teams: list[Team]
    accounts: list[DemoAccount]
    counts: dict[str, int] = field(default_factory=dict)

    def user(self, username: str) -> User:
        with system_access("demo data"):
            user: User = User.objects.get(username=username)
        return user


def organisation_exists() -> bool:
    with system_access("demo data: is the database empty?"):
        return Organisation.objects.exists()


def _check_conflicts() -> None:
    with system_access("demo data: conflict check"):
        if Municipality.objects.filter(cbs_code=names.MUNICIPALITY_CODE).exists():
            raise DemoConflictError(f"municipality {names.MUNICIPALITY_CODE} already exists")
        if Organisation.objects.filter(name=names.ORGANISATION_NAME).exists():
            raise DemoConflictError(f"organisation {names.ORGANISATION_NAME!r} already exists")
        taken = list(User.objects.filter(username__in=DEMO_USERNAMES).values_list("username", flat=True))
        if taken:
            raise DemoConflictError(f"demo accounts already exist: {', '.join(sorted(taken))}")


def build_demo(options: DemoOptions | None = None) -> DemoResult:
    """Create the whole demo tenant in one transaction. Same options, same data (names, order, codes)."""
    options = options or DemoOptions()
    options.validate()
    rng = random.Random(options.seed)
    fake = Faker("nl_NL")
    fake.seed_instance(options.seed)
    with transaction.atomic(), system_access("demo data"):
        _check_conflicts()
        geo = build_geography(rng, teams=options.teams, scale=options.scale)
        organisation = organisation_create(
            name=names.ORGANISATION_NAME, municipality=geo.municipality, kind=Organisation.Kind.PARTNERSHIP
        )
        organisation.email = f"info@{names.EMAIL_DOMAIN}"
        organisation.phone = "088-123 45 00"
        organisation.save(update_fields=["email", "phone"])
        providers = build_providers(rng, organisation)
        disciplines = {d.code: d for d in Discipline.objects.filter(organisation=organisation)}
        teams = build_teams(rng, fake, organisation=organisation, geo=geo, providers=providers)

        staff = StaffBuilder(
            rng, fake, organisation=organisation, providers=providers, disciplines=disciplines
        )
        for index, plan in enumerate(teams):
            staff.add_team(
                index, plan, team_size(rng, scale=options.scale, staff_per_team=options.staff_per_team)
            )
        staff.add_organisation_roles(teams[0])
        users = staff.save(teams)

        counts = {
            "districts": len(geo.districts),
            "neighbourhoods": len(geo.neighbourhoods),
            "postcodes": geo.postcode_count,
            "providers": len(providers),
            "teams": len(teams),
            "locations": sum(len(plan.locations) for plan in teams),
            "staff": len(users),
        }
        record(
            actor=None,
            action=Action.CREATE,
            object_type="demo_data",
            object_id=organisation.pk,
            organisation_id=organisation.pk,
            details={"seed": options.seed, "scale": options.scale, "counts": counts},
        )
    return DemoResult(
        options=options,
        municipality=geo.municipality,
        organisation=organisation,
        teams=[plan.team for plan in teams],
        accounts=staff.demo,
        counts=counts,
    )

"""Build a fictional Dutch municipality with its buurtteams, staff, residents and cases, from a seed.

Used by the ``load_demo`` command and by the benchmarks. Everything is invented: the municipality
(GM99xx is not handed out to real municipalities), the providers, the addresses and the people.
The same options give the same data; cases are placed relative to ``today`` (the real date unless
given), so that open cases, overdue items and this week's tasks are always current.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from faker import Faker

from buurtteam.accounts.models import User
from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.services.domains import default_domain_set
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.demo.builders import names
from buurtteam.demo.builders.cases import CaseBuilder, cases_for_team
from buurtteam.demo.builders.fastinsert import Inserter
from buurtteam.demo.builders.geography import MAX_DISTRICTS, Geography, build_geography
from buurtteam.demo.builders.meetings import MeetingPlan, next_meeting, past_meeting
from buurtteam.demo.builders.network import NetworkPass
from buurtteam.demo.builders.network_rows import NetworkWriter
from buurtteam.demo.builders.partners import Directory, build_partners
from buurtteam.demo.builders.rows import RowWriter
from buurtteam.demo.builders.sociale_basis import build_sociale_basis
from buurtteam.demo.builders.staff import DEMO_PASSWORD, MIN_TEAM_SIZE, DemoAccount, StaffBuilder, team_size
from buurtteam.demo.builders.story import LOCAL
from buurtteam.demo.builders.structure import TeamPlan, build_providers, build_teams
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
    cases_per_team: int | None = None  # overrides the drawn number of cases (2,000-3,000 x scale); 0: none
    today: datetime.date | None = None  # the date the cases lead up to; default: the real today

    def validate(self) -> None:
        if self.scale <= 0:
            raise ValueError("scale must be positive")
        if not 1 <= self.teams <= MAX_TEAMS:
            raise ValueError(f"teams must be between 1 and {MAX_TEAMS}")
        if self.staff_per_team is not None and self.staff_per_team < MIN_TEAM_SIZE:
            raise ValueError(f"staff per team must be at least {MIN_TEAM_SIZE}")
        if self.cases_per_team is not None and self.cases_per_team < 0:
            raise ValueError("cases per team cannot be negative")

    def now(self) -> datetime.datetime:
        """The moment the cases lead up to: now, or mid-afternoon of the given day."""
        if self.today is None:
            return timezone.now()
        return datetime.datetime.combine(self.today, datetime.time(15, 0), tzinfo=LOCAL)


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
        organisation.bsn_enabled = True  # the demo partnership works under the Jeugdwet and Wmo 2015
        organisation.map_public = True  # its sociale kaart is on the open HSDS API
        organisation.save(update_fields=["email", "phone", "bsn_enabled", "map_public"])
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
        directory = build_partners(rng, organisation)
        case_counts = _build_cases(
            rng,
            fake,
            options,
            organisation=organisation,
            geo=geo,
            teams=teams,
            staff=staff,
            directory=directory,
        )
        social_counts = build_sociale_basis(
            organisation=organisation, today=options.now().date(), seed=options.seed, scale=options.scale
        )

        counts = {
            "districts": len(geo.districts),
            "neighbourhoods": len(geo.neighbourhoods),
            "postcodes": geo.postcode_count,
            "providers": len(providers),
            "teams": len(teams),
            "locations": sum(len(plan.locations) for plan in teams),
            "staff": len(users),
            "partners": len(directory.partners),
            "partner_contacts": directory.contacts,
            **case_counts,
            **social_counts,
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


def _build_cases(
    rng: random.Random,
    fake: Faker,
    options: DemoOptions,
    *,
    organisation: Organisation,
    geo: Geography,
    teams: list[TeamPlan],
    staff: StaffBuilder,
    directory: Directory,
) -> dict[str, int]:
    """Residents, households and cases for every team; meetings; the demo users' caseload."""
    per_team = [cases_for_team(rng, scale=options.scale, fixed=options.cases_per_team) for _team in teams]
    if not any(per_team):
        return {}
    builder = CaseBuilder(
        rng,
        fake,
        organisation=organisation,
        geo=geo,
        now=options.now(),
        pickup_days=organisation.pickup_target_working_days,
        network=directory,
    )
    network = NetworkPass(rng, directory, builder.calendar, builder.now)
    meetings: list[tuple[int, MeetingPlan]] = []
    for index, (plan, count) in enumerate(zip(teams, per_team, strict=True)):
        members = [p for p in staff.plans if p.team_index == index]
        team = builder.add_team(plan, members, count)
        if index == 0:
            builder.demo_caseload(team)
        network.add_team(team)
        if index == 0:
            network.demo_waitlist(team)
        chair = next((p.user.pk for p in members if p.user.role == Role.COORDINATOR), None)
        common = {"calendar": builder.calendar, "today": builder.today, "chair_id": chair}
        meetings.append((plan.team.pk, past_meeting(rng, team.stories, **common)))  # type: ignore[arg-type]
        meetings.append((plan.team.pk, next_meeting(rng, team.stories, now=builder.now, **common)))  # type: ignore[arg-type]
    stories = sorted((s for team in builder.teams for s in team.stories), key=lambda s: s.registered_at)
    inserter = Inserter()
    writer = RowWriter(
        inserter,
        organisation_id=organisation.pk,
        domain_set=default_domain_set(organisation_id=organisation.pk),
    )
    with inserter.tuned():
        counts = builder.people.save(inserter)
        counts.update(writer.write(stories, meetings))
        counts.update(NetworkWriter(inserter, domains=writer.domains).write(stories))
        inserter.finish()
    return counts

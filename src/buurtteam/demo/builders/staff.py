"""Staff: multidisciplinary teams with one coordinator each, plus the organisation's own roles."""

from __future__ import annotations

import datetime
import random
import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from faker import Faker

from buurtteam.accounts.models import TeamMembership, User
from buurtteam.core.roles import Role
from buurtteam.demo.builders import names
from buurtteam.demo.builders.structure import TeamPlan, dutch_phone
from buurtteam.organisation.models import Discipline, Organisation, Provider

DEMO_PASSWORD = "demo-wachtwoord"  # noqa: S105 - public by design, shown on the demo login page
MIN_TEAM_SIZE = 3  # a coordinator and two workers, one of them in social work
REFERENCE_MOMENT = datetime.datetime(2025, 6, 2, 9, 0, tzinfo=datetime.UTC)  # fixed: same seed, same data


@dataclass
class StaffPlan:
    user: User
    disciplines: list[str] = field(default_factory=list)
    team_index: int | None = None


@dataclass
class DemoAccount:
    username: str
    role: str
    team_name: str


class _Usernames:
    def __init__(self, reserved: set[str]) -> None:
        self.taken = set(reserved)

    def derive(self, first_name: str, last_name: str) -> str:
        def clean(text: str) -> str:
            plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
            return re.sub(r"[^a-z0-9]", "", plain.lower())

        base = f"{clean(first_name)}.{clean(last_name)}".strip(".") or "medewerker"
        name, number = base, 2
        while name in self.taken:
            name, number = f"{base}{number}", number + 1
        self.taken.add(name)
        return name


def team_size(rng: random.Random, *, scale: float, staff_per_team: int | None) -> int:
    drawn = rng.randint(8, 17)  # drawn even when overridden, so that the rest of the data stays the same
    if staff_per_team is not None:
        return max(MIN_TEAM_SIZE, staff_per_team)
    return max(MIN_TEAM_SIZE, round(drawn * scale))


def _team_disciplines(rng: random.Random, size: int) -> list[list[str]]:
    """Disciplines per member; index 0 is the coordinator."""
    codes = [code for code, _weight in names.WEIGHTED_DISCIPLINES]
    weights = [weight for _code, weight in names.WEIGHTED_DISCIPLINES]
    members = [[rng.choice(["social-work", "youth-family"])]]
    for slot in range(size - 1):
        core = names.CORE_DISCIPLINES
        members.append([core[slot] if slot < len(core) else rng.choices(codes, weights=weights)[0]])
    # The aandachtsfunctionarissen are members who take the task on top of their own discipline.
    candidates = [i for i in range(1, size) if members[i][0] in {"social-work", "youth-family"}]
    if size >= 4 and candidates:
        members[rng.choice(candidates)].append("safety-lead")
    social = [i for i in range(1, size) if members[i][0] == "social-work" and len(members[i]) == 1]
    if size >= 6 and social:
        members[rng.choice(social)].append("social-basis-lead")
    return members


class StaffBuilder:
    def __init__(
        self,
        rng: random.Random,
        fake: Faker,
        *,
        organisation: Organisation,
        providers: dict[str, Provider],
        disciplines: dict[str, Discipline],
    ) -> None:
        self.rng, self.fake = rng, fake
        self.organisation, self.providers, self.disciplines = organisation, providers, disciplines
        self.usernames = _Usernames({"coordinator", "medewerker", "beheerder", "beleid"})
        self.plans: list[StaffPlan] = []
        self.demo: list[DemoAccount] = []
        self.demo_hash: str | None = None

    def _person(self, *, role: str, provider: Provider | None, username: str = "") -> User:
        first, last = self.fake.first_name(), self.fake.last_name()
        username = username or self.usernames.derive(first, last)
        joined = REFERENCE_MOMENT - datetime.timedelta(days=self.rng.randint(30, 365 * 12))
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@{names.EMAIL_DOMAIN}",
            phone=dutch_phone(self.rng, mobile=True),
            organisation=self.organisation,
            provider=provider,
            role=role,
            date_joined=joined,
            password=make_password(None),  # unusable: no slow hashing for generated staff
        )
        if username in {"coordinator", "medewerker", "beheerder", "beleid"}:
            # One (slow, Argon2) hash for the public demo password, shared by the four demo accounts.
            if self.demo_hash is None:
                self.demo_hash = make_password(DEMO_PASSWORD)
            user.password = self.demo_hash
        return user

    def add_team(self, index: int, plan: TeamPlan, size: int) -> None:
        first_team = index == 0
        demo_worker_done = False
        for slot, codes in enumerate(_team_disciplines(self.rng, size)):
            username = ""
            if first_team and slot == 0:
                username = "coordinator"
            elif first_team and not demo_worker_done and codes[0] == "social-work":
                username, demo_worker_done = "medewerker", True
            user = self._person(
                role=Role.COORDINATOR if slot == 0 else Role.WORKER,
                provider=self.providers[names.DISCIPLINE_PROVIDER[codes[0]]],
                username=username,
            )
            self.plans.append(StaffPlan(user=user, disciplines=codes, team_index=index))
        if first_team:
            self.demo.append(DemoAccount("coordinator", Role.COORDINATOR, plan.team.name))
            self.demo.append(DemoAccount("medewerker", Role.WORKER, plan.team.name))

    def add_organisation_roles(self, first_team: TeamPlan) -> None:
        admin = self._person(
            role=Role.ADMINISTRATOR, provider=self.providers["welfare"], username="beheerder"
        )
        self.plans.append(StaffPlan(user=admin, team_index=0))
        self.demo.append(DemoAccount("beheerder", Role.ADMINISTRATOR, first_team.team.name))
        for number in range(self.rng.randint(1, 2)):
            officer = self._person(
                role=Role.POLICY_OFFICER, provider=None, username="beleid" if number == 0 else ""
            )
            self.plans.append(StaffPlan(user=officer))
        self.demo.append(DemoAccount("beleid", Role.POLICY_OFFICER, ""))

    def save(self, teams: list[TeamPlan]) -> list[User]:
        users: list[User] = User.objects.bulk_create([plan.user for plan in self.plans], batch_size=500)
        TeamMembership.objects.bulk_create(
            [
                TeamMembership(
                    user=plan.user,
                    team=teams[plan.team_index].team,
                    is_primary=True,
                    since=plan.user.date_joined.date(),
                )
                for plan in self.plans
                if plan.team_index is not None
            ],
            batch_size=500,
        )
        through = User.disciplines.through
        through.objects.bulk_create(
            [
                through(user_id=plan.user.pk, discipline_id=self.disciplines[code].pk)
                for plan in self.plans
                for code in plan.disciplines
            ],
            batch_size=1000,
        )
        return users

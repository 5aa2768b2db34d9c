"""Residents, households and their networks for the demo cases. Everyone is invented.

Names come from Faker (seeded) plus short lists of common surnames, so that searching for a frequent
name finds many people, as it does in a real Dutch neighbourhood. BSNs come from the 9999xxxxx range
that Dutch test environments use for test persons, and pass the elfproef.
"""

from __future__ import annotations

import datetime
import functools
import random
from dataclasses import dataclass, field

from faker import Faker

from buurtteam.demo.builders import distributions as mix
from buurtteam.demo.builders import names
from buurtteam.demo.builders.distributions import Weighted
from buurtteam.demo.builders.fastinsert import Inserter
from buurtteam.organisation.models import Neighbourhood, Organisation, Team
from buurtteam.residents.models import (
    Gender,
    Household,
    HouseholdMember,
    NetworkMember,
    Relation,
    Resident,
    search_key,
)

LANGUAGES = {"turkish": "Turks", "polish": "Pools"}
WITH_CHILDREN = {"single_parent", "family", "three_generations"}

BSN_PREFIX = 9999


def _pools(fake: Faker, size: int) -> tuple[list[str], list[str], list[str]]:
    """Female first names, male first names and surnames, as Faker spreads them."""
    return (
        [str(fake.first_name_female()) for _ in range(size)],
        [str(fake.first_name_male()) for _ in range(size)],
        [str(fake.last_name()) for _ in range(size * 2)],
    )


def bsn_pool(rng: random.Random) -> list[str]:
    """All elfproef-valid numbers 9999xxxxx (about 9,000), shuffled."""
    pool = []
    for middle in range(10_000):
        digits = [int(c) for c in f"{BSN_PREFIX}{middle:04d}"]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check <= 9:
            pool.append(f"{BSN_PREFIX}{middle:04d}{check}")
    rng.shuffle(pool)
    return pool


@dataclass(frozen=True)
class Home:
    street: str
    house_number: str
    postcode: str
    neighbourhood: Neighbourhood
    team: Team


@dataclass(frozen=True)
class Family:
    """What the members of a new household share."""

    origin: str
    home: Home
    created: datetime.datetime
    created_by_id: int | None
    language: str
    interpreter: bool


@dataclass
class Person:
    resident: Resident
    relation: str
    adult: bool

    @property
    def first_name(self) -> str:
        return self.resident.first_name

    @property
    def is_male(self) -> bool:
        return self.resident.gender == Gender.MALE


@dataclass
class HouseholdPlan:
    household: Household
    kind: str
    members: list[Person] = field(default_factory=list)
    network: list[NetworkMember] = field(default_factory=list)
    last_closed_at: datetime.datetime | None = None
    busy: bool = True  # has an open case

    @property
    def team_id(self) -> int:
        team = self.household.team
        assert team is not None
        return int(team.pk)

    @property
    def adults(self) -> list[Person]:
        return [p for p in self.members if p.adult]

    @functools.cached_property
    def children(self) -> list[Person]:  # members are all added before anyone asks
        return [p for p in self.members if not p.adult]

    @property
    def has_children(self) -> bool:
        return any(not p.adult for p in self.members)


class PeopleBuilder:
    """Draws households one at a time, for a team's area, as their first question comes in."""

    def __init__(
        self,
        rng: random.Random,
        fake: Faker,
        *,
        organisation: Organisation,
        postcodes: dict[int, list[str]],
        today: datetime.date,
    ) -> None:
        self.rng, self.fake, self.today = rng, fake, today
        self.organisation, self.postcodes = organisation, postcodes
        # Name pools drawn from Faker once (same seed, same pools); rng picks from them afterwards,
        # which is much faster than a Faker call per person and keeps Faker's spread of names.
        self.pools: dict[str, tuple[list[str], list[str], list[str]]] = {"dutch": _pools(fake, 1500)}
        for number, locale in enumerate(("tr_TR", "pl_PL")):
            extra = Faker(locale)
            extra.seed_instance(rng.randrange(1 << 30) + number)
            self.pools["turkish" if locale == "tr_TR" else "polish"] = _pools(extra, 150)
        self.street_pool = sorted({str(fake.street_name()) for _ in range(400)})
        self.bsns = bsn_pool(rng)
        self.streets: dict[int, list[str]] = {}
        self.households: list[HouseholdPlan] = []
        self.common = Weighted(dict(names.COMMON_SURNAMES))

    # --- names ------------------------------------------------------------------------------
    def _surname(self, origin: str) -> str:
        if origin == "dutch":
            if self.rng.random() < 0.4:
                return self.common.draw(self.rng)
            return self.rng.choice(self.pools["dutch"][2])
        if origin in self.pools:
            return self.rng.choice(self.pools[origin][2])
        return self.rng.choice(names.COMMUNITIES[origin][2])

    def _first_name(self, origin: str, *, male: bool) -> str:
        if origin in self.pools:
            female, male_names, _surnames = self.pools[origin]
            return self.rng.choice(male_names if male else female)
        female, male_names, _surnames, _language = names.COMMUNITIES[origin]
        return self.rng.choice(male_names if male else female)

    def _birth_date(self, low: int, high: int) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randint(low * 365, high * 365 + 364))

    # --- addresses -------------------------------------------------------------------------------
    def _street(self, nb: Neighbourhood) -> str:
        if nb.pk not in self.streets:
            self.streets[nb.pk] = self.rng.sample(self.street_pool, k=self.rng.randint(6, 12))
        return self.rng.choice(self.streets[nb.pk])

    def _home(self, neighbourhoods: list[Neighbourhood], team: Team) -> Home:
        nb = self.rng.choice(neighbourhoods)
        number = str(self.rng.randint(1, 240))
        if self.rng.random() < 0.12:
            number += self.rng.choice(["a", "b", "-1", "-2", "-3"])
        return Home(
            street=self._street(nb),
            house_number=number,
            postcode=self.rng.choice(self.postcodes[nb.pk]),
            neighbourhood=nb,
            team=team,
        )

    # --- people ----------------------------------------------------------------------------------
    def _resident(
        self,
        *,
        family: Family,
        surname: str,
        male: bool,
        born: datetime.date,
        adult: bool,
    ) -> Resident:
        origin, home = family.origin, family.home
        first = self._first_name(origin, male=male)
        rng = self.rng
        bsn = ""
        if self.bsns and rng.random() < (0.25 if adult else 0.1):
            bsn = self.bsns.pop()
        phone = email = ""
        if adult and rng.random() < 0.85:
            phone = f"06-{rng.randint(10_000_000, 99_999_999)}"
        if adult and rng.random() < 0.4:
            email = f"{search_key(first).replace(' ', '')}{rng.randint(1, 999)}@mail.example"
        return Resident(
            organisation=self.organisation,
            first_name=first,
            last_name=surname,
            birth_date=born,
            gender=Gender.MALE if male else Gender.FEMALE,
            bsn=bsn,
            street=home.street,
            house_number=home.house_number,
            postcode=home.postcode,
            city=names.MUNICIPALITY_NAME,
            neighbourhood=home.neighbourhood,
            team=home.team,
            phone=phone,
            email=email,
            preferred_language=family.language if adult else "Nederlands",
            interpreter_needed=family.interpreter and adult,
            search_name=search_key(first, surname),
            created_by_id=family.created_by_id,
            created_at=family.created,
            updated_at=family.created,
        )

    def household(
        self,
        *,
        team: Team,
        neighbourhoods: list[Neighbourhood],
        created: datetime.datetime,
        created_by_id: int | None,
        kind: str | None = None,
    ) -> HouseholdPlan:
        rng = self.rng
        kind = kind or mix.HOUSEHOLD_KINDS.draw(rng)
        origin = mix.ORIGINS.draw(rng)
        language = "Nederlands"
        if origin != "dutch" and rng.random() < 0.35:
            language = LANGUAGES.get(origin) or names.COMMUNITIES[origin][3]
        interpreter = language != "Nederlands" and rng.random() < 0.5
        surname = self._surname(origin)
        family = Family(
            origin, self._home(neighbourhoods, team), created, created_by_id, language, interpreter
        )
        plan = HouseholdPlan(
            household=Household(organisation=self.organisation, name="", team=team, created_at=created),
            kind=kind,
        )

        def add(relation: str, *, male: bool, low: int, high: int, name: str = surname) -> Person:
            adult = low >= 18
            resident = self._resident(
                family=family, surname=name, male=male, born=self._birth_date(low, high), adult=adult
            )
            person = Person(resident=resident, relation=relation, adult=adult)
            plan.members.append(person)
            return person

        client_male = rng.random() < (0.3 if kind in WITH_CHILDREN else 0.45)
        if kind == "elderly":
            add(Relation.SELF, male=client_male, low=70, high=92)
            if rng.random() < 0.6:
                add(Relation.PARTNER, male=not client_male, low=70, high=92)
        elif kind == "single":
            add(Relation.SELF, male=client_male, low=19, high=75)
        elif kind == "couple":
            add(Relation.SELF, male=client_male, low=22, high=70)
            partner_name = surname if rng.random() < 0.6 else self._surname(origin)
            add(Relation.PARTNER, male=not client_male, low=22, high=70, name=partner_name)
        else:
            client = add(Relation.SELF, male=client_male, low=24, high=52)
            if kind != "single_parent":
                partner_name = surname if rng.random() < 0.6 else self._surname(origin)
                add(Relation.PARTNER, male=not client_male, low=24, high=55, name=partner_name)
            assert client.resident.birth_date is not None
            parent_age = (self.today - client.resident.birth_date).days // 365
            oldest = max(0, min(17, parent_age - 20))
            child_surname = surname
            for _child in range(mix.CHILDREN.draw(rng)):
                relation = Relation.FOSTER_CHILD if rng.random() < 0.02 else Relation.CHILD
                add(relation, male=rng.random() < 0.5, low=0, high=oldest, name=child_surname)
            if kind == "three_generations":
                add(Relation.GRANDPARENT, male=rng.random() < 0.4, low=parent_age + 22, high=parent_age + 32)
        first = plan.members[0]
        plan.household.name = f"Huishouden {first.resident.last_name}"
        plan.network = self._network(plan)
        self.households.append(plan)
        return plan

    # --- the network around a household ----------------------------------------------------------
    def _network(self, plan: HouseholdPlan) -> list[NetworkMember]:
        rng = self.rng
        members: list[NetworkMember] = []
        household = plan.household

        def informal(role: str, label: str) -> None:
            name = f"{self._first_name('dutch', male=rng.random() < 0.5)} ({label})"
            phone = f"06-{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.7 else ""
            members.append(
                NetworkMember(
                    household=household, kind=NetworkMember.Kind.INFORMAL, role=role, name=name, phone=phone
                )
            )

        def formal(role: str, name: str, organisation: str) -> None:
            members.append(
                NetworkMember(
                    household=household,
                    kind=NetworkMember.Kind.FORMAL,
                    role=role,
                    name=name,
                    organisation_name=organisation,
                    phone=f"088-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                )
            )

        if rng.random() < 0.55:
            label = rng.choice(["zus", "broer", "moeder", "tante", "neef", "dochter", "zoon"])
            informal(NetworkMember.Role.FAMILY, label)
        if rng.random() < 0.3:
            informal(NetworkMember.Role.NEIGHBOUR, rng.choice(["buurvrouw", "buurman"]))
        if rng.random() < 0.2:
            informal(NetworkMember.Role.FRIEND, rng.choice(["vriendin", "vriend"]))
        if plan.kind == "elderly" or (plan.kind != "single" and rng.random() < 0.05):
            informal(NetworkMember.Role.INFORMAL_CARER, "mantelzorger")
        if rng.random() < 0.1:
            informal(NetworkMember.Role.VOLUNTEER, "maatje")
        if rng.random() < 0.7:
            formal(NetworkMember.Role.GP, f"dokter {self._surname('dutch')}", self._gp_practice())
        if plan.has_children:
            school = rng.choice(names.SCHOOL_NAMES)
            formal(
                NetworkMember.Role.SCHOOL,
                f"{self._first_name('dutch', male=rng.random() < 0.3)} (intern begeleider)",
                f"Basisschool {school}",
            )
        if rng.random() < 0.12:
            formal(NetworkMember.Role.GUARDIAN, f"mr. {self._surname('dutch')}", "Bewindvoering Waardland")
        if rng.random() < 0.15:
            org = rng.choice(names.PARTNER_ORGANISATIONS)
            formal(
                NetworkMember.Role.PARTNER_ORGANISATION,
                self._first_name("dutch", male=rng.random() < 0.5),
                org,
            )
        return members

    def _gp_practice(self) -> str:
        suffix = self.rng.choice(["hof", "plein", "laan"])
        return f"Huisartsenpraktijk {self.rng.choice(names.NAME_PREFIXES)}{suffix}"

    # --- rows ------------------------------------------------------------------------------------
    def save(self, inserter: Inserter) -> dict[str, int]:
        """Write everything drawn so far; returns row counts."""
        plans = self.households
        residents = [p.resident for plan in plans for p in plan.members]
        households = [plan.household for plan in plans]
        inserter.assign(residents)
        inserter.assign(households)
        members = [
            (plan.household.pk, person.resident.pk, person.relation, index == 0)
            for plan in plans
            for index, person in enumerate(plan.members)
        ]
        network = []
        for plan in plans:
            for member in plan.network:
                member.household_id = plan.household.pk
                network.append(member)
        inserter.objects(residents)
        inserter.objects(households)
        inserter.add(HouseholdMember, ("household_id", "resident_id", "relation", "is_contact"), members)
        inserter.objects(network)
        return {"residents": len(residents), "households": len(plans), "network_members": len(network)}

"""The tenant's structure: providers, teams and the locations they work from."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.utils.text import slugify
from faker import Faker

from buurtteam.demo.builders import names
from buurtteam.demo.builders.geography import Area, Geography
from buurtteam.organisation.models import Location, Neighbourhood, Organisation, Provider, Team

FIRST_KINDS = [Location.Kind.WIJKPLEIN, Location.Kind.COMMUNITY_CENTRE, Location.Kind.MULTI_PURPOSE]
FIRST_WEIGHTS = [6, 2, 2]
EXTRA_KINDS = [
    Location.Kind.HEALTH_CENTRE,
    Location.Kind.COMMUNITY_SCHOOL,
    Location.Kind.COMMUNITY_CENTRE,
    Location.Kind.MULTI_PURPOSE,
]


@dataclass
class TeamPlan:
    team: Team
    area: Area
    locations: list[Location]


def dutch_phone(rng: random.Random, *, mobile: bool) -> str:
    if mobile:
        return f"06-{rng.randint(10_000_000, 99_999_999)}"
    return f"088-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def build_providers(rng: random.Random, organisation: Organisation) -> dict[str, Provider]:
    providers = Provider.objects.bulk_create(
        [
            Provider(organisation=organisation, name=name, kvk_number=f"9{rng.randint(0, 9_999_999):07d}")
            for _code, name in names.PROVIDERS
        ]
    )
    return {code: provider for (code, _name), provider in zip(names.PROVIDERS, providers, strict=True)}


def _team_name(area: Area) -> str:
    return f"Buurtteam {area.district.name if area.covers_district else area.neighbourhoods[0].name}"


class _LocationNamer:
    """Location names that read like real ones and are unique within the organisation."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.schools = list(names.SCHOOL_NAMES)
        self.centres = list(names.COMMUNITY_CENTRE_NAMES)
        rng.shuffle(self.schools)
        rng.shuffle(self.centres)

    def name(self, kind: str, nb: Neighbourhood) -> str:
        if kind == Location.Kind.COMMUNITY_SCHOOL:
            candidate = f"Brede school {self.schools.pop() if self.schools else nb.name}"
        elif kind == Location.Kind.COMMUNITY_CENTRE:
            candidate = f"Buurthuis {self.centres.pop() if self.centres else nb.name}"
        elif kind == Location.Kind.HEALTH_CENTRE:
            candidate = f"Gezondheidscentrum {nb.name}"
        elif kind == Location.Kind.MULTI_PURPOSE:
            candidate = f"MFA {nb.name}"
        else:
            candidate = f"Wijkplein {nb.name}"
        name, number = candidate, 2
        while name in self.used:
            name, number = f"{candidate} {number}", number + 1
        self.used.add(name)
        return name


def _location_kinds(rng: random.Random) -> list[str]:
    first = rng.choices(FIRST_KINDS, weights=FIRST_WEIGHTS)[0]
    extra_count = rng.choices([0, 1, 2], weights=[3, 4, 2])[0]
    extras = rng.sample([kind for kind in EXTRA_KINDS if kind != first], extra_count)
    return [first, *extras]


def build_teams(
    rng: random.Random,
    fake: Faker,
    *,
    organisation: Organisation,
    geo: Geography,
    providers: dict[str, Provider],
) -> list[TeamPlan]:
    """One team per planned area, each with one to three locations inside its own buurten."""
    namer = _LocationNamer(rng)
    plans: list[TeamPlan] = []
    for area in geo.areas:
        name = _team_name(area)
        team = Team(
            organisation=organisation,
            name=name,
            email=f"{slugify(name).replace('-', '.')}@{names.EMAIL_DOMAIN}",
            phone=dutch_phone(rng, mobile=False),
        )
        locations = []
        for kind in _location_kinds(rng):
            nb = rng.choice(area.neighbourhoods)
            house_number = str(rng.randint(1, 180))
            if rng.random() < 0.15:
                house_number += rng.choice("abc")
            locations.append(
                Location(
                    organisation=organisation,
                    name=namer.name(kind, nb),
                    kind=kind,
                    street=fake.street_name(),
                    house_number=house_number,
                    postcode=rng.choice(geo.postcodes[nb.pk]),
                    city=names.MUNICIPALITY_NAME,
                    neighbourhood=nb,
                    opening_hours=rng.choice(names.OPENING_HOURS),
                )
            )
        plans.append(TeamPlan(team=team, area=area, locations=locations))

    Team.objects.bulk_create([plan.team for plan in plans])
    Location.objects.bulk_create([loc for plan in plans for loc in plan.locations])

    core = [providers["welfare"], providers["mee"], providers["health"]]
    team_nbs, team_locs, team_providers = (
        Team.neighbourhoods.through,
        Team.locations.through,
        Team.providers.through,
    )
    team_nbs.objects.bulk_create(
        [team_nbs(team_id=p.team.pk, neighbourhood_id=nb.pk) for p in plans for nb in p.area.neighbourhoods]
    )
    team_locs.objects.bulk_create(
        [team_locs(team_id=p.team.pk, location_id=loc.pk) for p in plans for loc in p.locations]
    )
    team_providers.objects.bulk_create(
        [
            team_providers(team_id=p.team.pk, provider_id=provider.pk)
            for p in plans
            for provider in ([*core, providers["volunteers"]] if rng.random() < 0.5 else core)
        ]
    )
    return plans

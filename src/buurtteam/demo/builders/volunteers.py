"""The demo's volunteer databank: volunteers with passions and talents across the buurten, requests for
informal help (from cases and from buurthuizen), and matches in every state with their explanations.

About 450 volunteers and 150 requests at scale 1. Some volunteers are residents of the demo (everyone has
talents); a few are clients of a case, which their volunteer record does not show. Scores and explanations
come from the real matching code (``volunteers.matching.explain``), computed in memory; every row is
written with fast bulk inserts inside ``system_access``. The same seed gives the same databank.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from typing import Any

from django.utils import translation
from faker import Faker

from buurtteam.accounts.models import TeamMembership
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.demo.builders import names
from buurtteam.demo.builders.fastinsert import Inserter
from buurtteam.demo.builders.structure import dutch_phone
from buurtteam.demo.builders.volunteers_requests import matches_for, moment, requests_for, slots_for
from buurtteam.demo.builders.volunteers_texts import (
    PAUSE_NOTES,
    PERSONAS,
    Persona,
)
from buurtteam.organisation.models import Organisation, Postcode, Team
from buurtteam.residents.models import Resident
from buurtteam.socialmap.models import MapLocation
from buurtteam.volunteers import choices, text
from buurtteam.volunteers.models import (
    Volunteer,
)

VOLUNTEERS = 450
REQUESTS = 150
OTHER_LANGUAGES = (("ar", 6), ("tr", 5), ("en", 5), ("zgh", 2), ("pl", 2), ("ti", 1), ("pap", 1), ("de", 1))
RADII = ((1, 2), (2, 4), (3, 5), (5, 5), (8, 2), (10, 2), (15, 1))
VOLUNTEER_COLUMNS = (
    "organisation_id",
    "team_id",
    "first_name",
    "last_name",
    "phone",
    "email",
    "postcode",
    "neighbourhood_id",
    "latitude",
    "longitude",
    "travel_radius_km",
    "passions",
    "talents",
    "likes",
    "interests",
    "languages",
    "availability",
    "match_tokens",
    "interest_bits",
    "token_bits",
    "vog_status",
    "vog_issued_on",
    "status",
    "pause_note",
    "resident_id",
    "registered_by_id",
    "registered_at",
    "updated_at",
)


def weighted(rng: random.Random, options: tuple[tuple[Any, int], ...]) -> Any:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


class Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(rng.randint(0, 2**31))
        self.surnames = tuple(names.COMMON_SURNAMES)

    def person(self) -> tuple[str, str, str]:
        """First name, last name, and a second language that fits (or "")."""
        rng = self.rng
        if rng.random() < 0.18:
            female, male, surnames, _language = names.COMMUNITIES[rng.choice(sorted(names.COMMUNITIES))]
            first = rng.choice(female if rng.random() < 0.6 else male)
            language = {"Fatima": "ar"}.get(first, "")
            return first, rng.choice(surnames), language
        first = str(self.fake.first_name_female() if rng.random() < 0.6 else self.fake.first_name_male())
        return first, weighted(rng, self.surnames), ""


def persona_texts(rng: random.Random, persona: Persona, second: Persona | None) -> dict[str, Any]:
    passions = [rng.choice(persona.passions)]
    talents = rng.sample(persona.talents, min(2, len(persona.talents)))
    likes = [rng.choice(persona.likes)]
    interests = set(persona.interests)
    if second is not None:
        passions.append(rng.choice(second.passions).lower())
        likes.append(rng.choice(second.likes).lower())
        interests.update(second.interests[:1])
    return {
        "passions": ", ".join(passions),
        "talents": ". ".join(talents),
        "likes": "; ".join(likes),
        "interests": choices.pack(interests),
    }


def _volunteers(
    rng: random.Random,
    ins: Inserter,
    organisation: Organisation,
    today: datetime.date,
    count: int,
    places: list[tuple[str, int, float | None, float | None]],
    teams: list[int],
    staff: list[int],
    residents: list[tuple[int, str, str, str, str]],
) -> list[tuple[Any, ...]]:
    """Insert the volunteers; return their rows in ``matching.COLUMNS`` order (for scoring in memory)."""
    people = Names(rng)
    rows = []
    scoring = []
    from_residents = iter(residents)
    for i in range(count):
        persona = rng.choice(PERSONAS)
        second = rng.choice(PERSONAS) if rng.random() < 0.4 else None
        texts = persona_texts(rng, persona, second)
        resident = next(from_residents, None) if rng.random() < 0.08 else None
        if resident is not None:
            resident_id, first, last, postcode, _phone = resident
            language = ""
            place = next((p for p in places if p[0] == postcode), rng.choice(places))
        else:
            resident_id = None
            first, last, language = people.person()
            place = rng.choice(places)
        languages = {"nl"} if rng.random() < 0.97 else set()
        if language or rng.random() < 0.25:
            languages.add(language or weighted(rng, OTHER_LANGUAGES))
        vog_roll = rng.random()
        vog_status, vog_issued = "none", None
        if vog_roll < 0.5:
            vog_status = "valid"  # issued within the last four years: some have expired by now
            vog_issued = today - datetime.timedelta(days=rng.randint(20, 4 * 365))
        elif vog_roll < 0.62:
            vog_status = "requested"
        paused = rng.random() < 0.07
        registered = moment(today, rng.randint(5, 3 * 365), rng)
        slots = choices.mask_from_codes(slots_for(rng, persona.days, rng.randint(2, 6)))
        stems = text.tokens(texts["passions"], texts["talents"], texts["likes"])
        tokens = text.as_column(stems)
        email = f"{first}.{last}".lower().replace(" ", "") + f"{i}@{names.EMAIL_DOMAIN}"
        radius = weighted(rng, RADII)
        rows.append(
            (
                organisation.pk,
                rng.choice(teams),
                first,
                last,
                dutch_phone(rng, mobile=True),
                email if rng.random() < 0.8 else "",
                place[0],
                place[1],
                place[2],
                place[3],
                radius,
                texts["passions"],
                texts["talents"],
                texts["likes"],
                texts["interests"],
                choices.pack(languages),
                slots,
                tokens,
                choices.interest_bits(texts["interests"]),
                text.signature(stems),
                vog_status,
                vog_issued,
                "paused" if paused else "active",
                rng.choice(PAUSE_NOTES) if paused else "",
                resident_id,
                rng.choice(staff),
                registered,
                registered,
            )
        )
    ids = ins.add(Volunteer, VOLUNTEER_COLUMNS, rows)
    for pk, row in zip(ids, rows, strict=True):
        if row[22] == "active":
            # id, latitude, longitude, radius, tokens, interests, availability, languages, vog status, issued
            scoring.append(
                (pk, row[8], row[9], row[10], row[17], row[14], row[16], row[15], row[20], row[21])
            )
    return scoring


def build_volunteers(
    *, organisation: Organisation, today: datetime.date, rng: random.Random, scale: float
) -> dict[str, int]:
    """Volunteers, requests and matches for ``organisation``; returns the counts to print."""
    ins = Inserter()
    with system_access("demo data: volunteers"), translation.override("nl"), ins.tuned():
        teams = list(
            Team.objects.filter(organisation=organisation, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        members = list(
            TeamMembership.objects.filter(team_id__in=teams, user__is_active=True)
            .exclude(user__role=Role.POLICY_OFFICER)
            .order_by("pk")
            .values_list("team_id", "user_id", "user__username")
        )
        staff_by_team: dict[int, list[int]] = defaultdict(list)
        for team_id, user_id, _name in members:
            staff_by_team[team_id].append(user_id)
        staff = sorted({m[1] for m in members})
        worker_id = next((m[1] for m in members if m[2] == "medewerker"), None)
        places = list(
            Postcode.objects.filter(neighbourhood__district__municipality_id=organisation.municipality_id)
            .order_by("postcode")
            .values_list("postcode", "neighbourhood_id", "latitude", "longitude")
        )
        if not teams or not staff or not places:
            return {"volunteers": 0, "help_requests": 0, "matches": 0}
        residents = list(
            Resident.objects.filter(organisation=organisation)
            .exclude(postcode="")
            .exclude(pk__in=Volunteer.objects.filter(resident__isnull=False).values("resident_id"))
            .order_by("pk")
            .values_list("pk", "first_name", "last_name", "postcode", "phone")[:6000]
        )
        residents = residents[::97][:60]
        locations = list(
            MapLocation.objects.filter(
                organisation=organisation,
                kind__in=[
                    MapLocation.Kind.COMMUNITY_CENTRE,
                    MapLocation.Kind.MFA,
                    MapLocation.Kind.WIJKPLEIN,
                ],
            )
            .order_by("pk")
            .values_list("pk", "postcode")
        )
        count = max(40, round(VOLUNTEERS * scale))
        pool = _volunteers(rng, ins, organisation, today, count, places, teams, staff, residents)
        ctx = {
            "places": places,
            "teams": teams,
            "staff": staff,
            "staff_by_team": staff_by_team,
            "worker_id": worker_id,
            "locations": locations,
        }
        requests = requests_for(rng, ins, organisation, today, max(15, round(REQUESTS * scale)), ctx)
        counts = matches_for(rng, ins, organisation, today, requests, pool)
        ins.finish()
    return {"volunteers": count, **counts}

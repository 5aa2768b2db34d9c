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

from django.utils import timezone, translation
from faker import Faker

from buurtteam.accounts.models import TeamMembership
from buurtteam.cases.models import Case, CaseAssignment, Status
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.demo.builders import names
from buurtteam.demo.builders.fastinsert import Inserter
from buurtteam.demo.builders.structure import dutch_phone
from buurtteam.demo.builders.volunteers_texts import (
    ASKS,
    DECLINES,
    EVALUATIONS,
    PAUSE_NOTES,
    PERSONAS,
    Persona,
)
from buurtteam.organisation.models import Organisation, Postcode, Team
from buurtteam.residents.models import Resident
from buurtteam.socialmap.models import MapLocation
from buurtteam.volunteers import choices, matching, text
from buurtteam.volunteers.models import (
    VOG_BY_DEFAULT,
    HelpRequest,
    Match,
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
REQUEST_COLUMNS = (
    "organisation_id",
    "team_id",
    "title",
    "description",
    "kind",
    "wanted",
    "needs_vog",
    "origin",
    "case_id",
    "location_id",
    "contact_id",
    "status",
    "postcode",
    "neighbourhood_id",
    "latitude",
    "longitude",
    "interests",
    "languages",
    "availability",
    "match_tokens",
    "created_by_id",
    "created_at",
    "closed_at",
    "close_note",
)
MATCH_COLUMNS = (
    "organisation_id",
    "request_id",
    "volunteer_id",
    "status",
    "score",
    "explanation",
    "note",
    "proposed_at",
    "proposed_by_id",
    "introduced_on",
    "introduced_by_id",
    "started_on",
    "started_by_id",
    "ended_on",
    "ended_by_id",
    "end_reason",
    "evaluation",
    "rating",
    "declined_on",
    "declined_by_id",
    "decline_reason",
    "status_changed_at",
)


def weighted(rng: random.Random, options: tuple[tuple[Any, int], ...]) -> Any:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def slots_for(rng: random.Random, days: str, count: int) -> list[str]:
    if days == "day":
        pool = [f"{d}-{p}" for d in range(5) for p in (0, 1)]
    elif days == "evening":
        pool = [f"{d}-2" for d in range(5)] + [f"{d}-{p}" for d in (5, 6) for p in range(3)]
    else:
        pool = [choices.slot_code(i) for i in range(choices.SLOT_COUNT)]
    return rng.sample(pool, min(count, len(pool)))


def _moment(today: datetime.date, days_ago: int, rng: random.Random) -> datetime.datetime:
    day = today - datetime.timedelta(days=days_ago)
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(9 + rng.randint(0, 8), rng.randint(0, 59)))
    )


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
        registered = _moment(today, rng.randint(5, 3 * 365), rng)
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


class _Ask:
    """What ``matching.Profile.of`` reads of a request, before the request is written."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


def _state(rng: random.Random) -> str:
    roll = rng.random()
    for state, upto in (("none", 0.2), ("proposed", 0.35), ("declined", 0.45), ("introduced", 0.55)):
        if roll < upto:
            return state
    return "active" if roll < 0.8 else "ended"


def _cases(organisation: Organisation, *, worker_id: int | None, limit: int, rng: random.Random) -> list[Any]:
    """Open cases in the middle of their work: (id, team, client postcode, lead); the demo worker's first."""
    rows = list(
        Case.objects.filter(
            organisation=organisation, status__in=[Status.PLANNING, Status.EXECUTION, Status.EVALUATION]
        )
        .order_by("pk")
        .values_list("pk", "team_id", "client__postcode")[:4000]
    )
    leads = dict(
        CaseAssignment.objects.filter(
            case_id__in=[r[0] for r in rows], is_lead=True, ended_at__isnull=True
        ).values_list("case_id", "user_id")
    )
    chosen = rng.sample(rows, min(limit, len(rows)))
    own = [r for r in rows if worker_id is not None and leads.get(r[0]) == worker_id][:3]
    picked = own + [r for r in chosen if r not in own]
    return [(pk, team, postcode, leads.get(pk)) for pk, team, postcode in picked]


def _requests(
    rng: random.Random,
    ins: Inserter,
    organisation: Organisation,
    today: datetime.date,
    count: int,
    ctx: dict[str, Any],
) -> list[dict[str, Any]]:
    places: dict[str, tuple[str, int, float | None, float | None]] = {p[0]: p for p in ctx["places"]}
    cases = _cases(organisation, worker_id=ctx["worker_id"], limit=count, rng=rng)
    locations = ctx["locations"]
    staff_by_team = ctx["staff_by_team"]
    made = []
    for i in range(count):
        ask = rng.choice(ASKS)
        roll = rng.random()
        case = cases[i % len(cases)] if cases and (roll < 0.5 or i < 3) else None
        location = rng.choice(locations) if case is None and locations and roll < 0.8 else None
        if case is not None:
            team_id = case[1]
            contact = case[3] or rng.choice(staff_by_team.get(team_id) or ctx["staff"])
            place = places.get(case[2] or "") or rng.choice(ctx["places"])
            origin = "case"
        else:
            team_id = rng.choice(ctx["teams"])
            contact = rng.choice(staff_by_team.get(team_id) or ctx["staff"])
            place = (
                places.get(location[1]) if location and location[1] in places else rng.choice(ctx["places"])
            )
            origin = "location" if location else "other"
        languages = {rng.choice(("ar", "tr", "en"))} if rng.random() < 0.1 else set()
        slots = slots_for(rng, rng.choice(("day", "evening", "any")), rng.randint(0, 3))
        values = {
            "title": ask.title,
            "description": ask.description,
            "wanted": ask.wanted,
            "interests": choices.pack(ask.interests),
            "languages": choices.pack(languages),
            "availability": choices.mask_from_codes(slots),
            "latitude": place[2],
            "longitude": place[3],
            "needs_vog": ask.kind in VOG_BY_DEFAULT,
        }
        made.append(
            {
                **values,
                "kind": ask.kind,
                "team_id": team_id,
                "contact_id": contact,
                "case_id": case[0] if case else None,
                "location_id": location[0] if location else None,
                "origin": origin,
                "place": place,
                "created": _moment(today, rng.randint(3, 200), rng),
                "state": _state(rng),
            }
        )
    return made


def _pick(
    rng: random.Random, request: dict[str, Any], pool: list[tuple[Any, ...]], today: datetime.date
) -> list[Any]:
    """The best few of a sample of active volunteers for this request (scored by the real matching)."""
    profile = matching.Profile.of(_Ask(**request), today)  # type: ignore[arg-type]
    sample = rng.sample(pool, min(80, len(pool)))
    found = [matching.explain(profile, row) for row in sample]
    return sorted((s for s in found if not s.excluded), key=lambda s: -s.score)[:3]


def _matches(
    rng: random.Random,
    ins: Inserter,
    organisation: Organisation,
    today: datetime.date,
    requests: list[dict[str, Any]],
    pool: list[tuple[Any, ...]],
) -> dict[str, int]:
    statuses: dict[str, int] = defaultdict(int)
    request_rows = []
    plans = []
    for request in requests:
        state = request["state"]
        best = _pick(rng, request, pool, today) if state != "none" else []
        created = request["created"]
        proposed = created + datetime.timedelta(days=rng.randint(1, 10))
        if not best or proposed.date() > today:
            state = "none"
        status, closed_at, close_note = "open", None, ""
        steps: list[dict[str, Any]] = []
        if state == "declined" and best:
            steps.append({"status": "declined", "pick": best[0], "proposed": proposed})
            if len(best) > 1:
                steps.append(
                    {"status": "proposed", "pick": best[1], "proposed": proposed + datetime.timedelta(days=3)}
                )
        elif state != "none":
            introduced = proposed.date() + datetime.timedelta(days=rng.randint(3, 14))
            started = introduced + datetime.timedelta(days=rng.randint(0, 7))
            ended = started + datetime.timedelta(days=rng.randint(20, 150))
            if state == "ended" and ended > today:
                state = "active"
            if state in ("active", "ended") and started > today:
                state = "introduced"
            if state != "proposed" and introduced > today:
                state = "proposed"
            steps.append(
                {
                    "status": state,
                    "pick": best[0],
                    "proposed": proposed,
                    "introduced": introduced if state != "proposed" else None,
                    "started": started if state in ("active", "ended") else None,
                    "ended": ended if state == "ended" else None,
                }
            )
            if state in ("introduced", "active"):
                status = "matched"
            elif state == "ended":
                status = "closed"
                closed_at = timezone.make_aware(datetime.datetime.combine(ended, datetime.time(16)))
                close_note = "Afgerond na de match."
        request_rows.append(
            (
                organisation.pk,
                request["team_id"],
                request["title"],
                request["description"],
                request["kind"],
                request["wanted"],
                request["needs_vog"],
                request["origin"],
                request["case_id"],
                request["location_id"],
                request["contact_id"],
                status,
                request["place"][0],
                request["place"][1],
                request["latitude"],
                request["longitude"],
                request["interests"],
                request["languages"],
                request["availability"],
                text.as_column(text.tokens(request["title"], request["description"], request["wanted"])),
                request["contact_id"],
                created,
                closed_at,
                close_note,
            )
        )
        plans.append((request["contact_id"], steps))
    ids = ins.add(HelpRequest, REQUEST_COLUMNS, request_rows)
    rows = []
    for request_id, (actor, steps) in zip(ids, plans, strict=True):
        for step in steps:
            pick, status = step["pick"], step["status"]
            statuses[status] += 1
            evaluation, rating = rng.choice(EVALUATIONS) if status == "ended" else ("", None)
            last = step.get("ended") or step.get("started") or step.get("introduced")
            changed = (
                timezone.make_aware(datetime.datetime.combine(last, datetime.time(15)))
                if last
                else step["proposed"]
            )
            rows.append(
                (
                    organisation.pk,
                    request_id,
                    pick.volunteer_id,
                    status,
                    pick.score,
                    pick.explanation,
                    "",
                    step["proposed"],
                    actor,
                    step.get("introduced"),
                    actor if step.get("introduced") else None,
                    step.get("started"),
                    actor if step.get("started") else None,
                    step.get("ended"),
                    actor if step.get("ended") else None,
                    rng.choice(("done", "done", "volunteer", "no_click")) if status == "ended" else "",
                    evaluation,
                    rating,
                    step["proposed"].date() + datetime.timedelta(days=2) if status == "declined" else None,
                    actor if status == "declined" else None,
                    rng.choice(DECLINES) if status == "declined" else "",
                    changed,
                )
            )
    ins.add(Match, MATCH_COLUMNS, rows)
    return {
        "help_requests": len(request_rows),
        "matches": len(rows),
        **{f"matches_{k}": v for k, v in statuses.items()},
    }


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
        requests = _requests(rng, ins, organisation, today, max(15, round(REQUESTS * scale)), ctx)
        counts = _matches(rng, ins, organisation, today, requests, pool)
        ins.finish()
    return {"volunteers": count, **counts}

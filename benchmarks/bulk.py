"""Rows for a large benchmark database: residents, households, cases and what hangs off them.

Shaped like the demo data (cases.py in buurtteam.demo.builders) but generated in one streaming pass per
table, with explicit ids, so that a million cases and twenty million timeline entries take minutes:
the demo simulates every case step by step; this draws the same kind of mix statistically. Invariants
the application relies on hold: a closed case has closed_at and a reason, an open case has neither;
at most one active lead per case; the household of a running case has an agreed plan; the conversation
numbers, score domains and household members are unique where the constraints say so.

Times are minutes since ``Clock.base`` (UTC midnight ten years ago) and written as text, which both
PostgreSQL (with ``+00``) and SQLite take without per-value conversion.
"""

from __future__ import annotations

import datetime
import random
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from buurtteam.cases.models import (
    Case,
    CaseAssignment,
)
from buurtteam.demo.builders import names as demo_names
from buurtteam.demo.builders import network_texts, texts
from buurtteam.demo.builders.distributions import Weighted
from buurtteam.residents.models import Household, HouseholdMember, NetworkMember, Resident, search_key

DAY = 1440
OPEN_STATUSES = ("registered", "intake", "assessment", "planning", "execution", "evaluation")
REASONS = Weighted(
    {
        "handled_in_team": 24,
        "goals_reached": 25,
        "referred": 29,
        "moved": 4,
        "resident_stopped": 8,
        "no_longer_needed": 10,
    }
)
CHANNELS = Weighted({"phone": 38, "walk_in": 16, "email": 16, "home_visit": 8, "consultation_hour": 14})
REFERRERS = Weighted(
    {
        "self": 36,
        "gp": 12,
        "front_office": 12,
        "school": 8,
        "police": 3,
        "veilig_thuis": 2,
        "neighbour": 6,
        "community_centre": 6,
        "partner": 10,
        "other": 4,
    }
)
DOMAINS = Weighted(
    {
        "finances": 30,
        "parenting": 22,
        "parents-relationship": 9,
        "school": 8,
        "mental-health": 8,
        "housing": 8,
        "safety": 4,
        "social-network": 5,
        "physical-health": 3,
        "instrumental-adl": 3,
    }
)


class Sink(Protocol):
    """Where rows go: PostgreSQL COPY or SQLite executemany (see sinks.py)."""

    ts_suffix: str

    def copy(self, model: Any, names: Sequence[str], rows: Iterator[Sequence[Any]]) -> int: ...

    def copy_lines(self, model: Any, names: Sequence[str], lines: Iterator[str]) -> int: ...


@dataclass
class Team:
    pk: int
    members: list[int]  # user ids that take cases (workers and the coordinator)
    areas: list[tuple[int, list[str]]]  # (neighbourhood id, postcodes)
    bench_worker: int | None = None  # the demo 'medewerker' (first team only)


@dataclass
class Sizes:
    cases: int
    residents: int
    timeline: int
    seed: int = 1
    years: int = 10


@dataclass
class Clock:
    """Minutes since ``base`` to text, with the day strings computed once."""

    today: datetime.date
    years: int
    suffix: str
    base: datetime.date = field(init=False)
    days: list[str] = field(init=False)
    hhmm: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.base = self.today - datetime.timedelta(days=365 * self.years)
        count = (self.today - self.base).days + 400
        self.days = [(self.base + datetime.timedelta(days=d)).isoformat() for d in range(count)]
        self.hhmm = [f"{m // 60:02d}:{m % 60:02d}:00{self.suffix}" for m in range(DAY)]

    @property
    def now(self) -> int:
        return (self.today - self.base).days * DAY + 14 * 60

    def ts(self, minute: int) -> str:
        return f"{self.days[minute // DAY]} {self.hhmm[minute % DAY]}"

    def date(self, minute: int) -> str:
        return self.days[minute // DAY]


class Generator:
    """Generates and writes every table; keeps per-case facts in compact arrays between tables."""

    def __init__(
        self, sink: Sink, *, sizes: Sizes, teams: list[Team], organisation_id: int, domain_ids: dict[str, int]
    ) -> None:
        self.sink, self.sizes, self.teams = sink, sizes, teams
        self.organisation_id, self.domain_ids = organisation_id, domain_ids
        self.rng = random.Random(sizes.seed)
        self.clock = Clock(datetime.date.today(), sizes.years, sink.ts_suffix)
        self.counts: dict[str, int] = {}
        # Per household (index = id - 1): team index, first member (client) id.
        self.hh_team = array("i")
        self.hh_client = array("q")
        # Per case (index = id - 1).
        self.c_team = array("i")
        self.c_household = array("q")
        self.c_reg = array("q")  # registered, minute
        self.c_end = array("q")  # closed, minute; -1 while open
        self.c_lead = array("q")
        self.c_co = array("q")  # 0: no co-worker
        self.c_status = array("b")  # index into OPEN_STATUSES, or -1 when closed
        self.c_simple = array("b")
        self.c_referred = array("b")  # closed as 'referred to specialist care'

    def _count(self, key: str, n: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    # --- people --------------------------------------------------------------------------------
    def residents_and_households(self) -> None:
        rng, clock, org = self.rng, self.clock, self.organisation_id
        first_names = sorted(set(_pool_first_names()))
        surnames = Weighted(
            {**dict.fromkeys(_pool_surnames(), 1.0), **{n: w * 12.0 for n, w in demo_names.COMMON_SURNAMES}}
        )
        streets = [f"{p}{s}" for p in demo_names.NAME_PREFIXES for s in ("straat", "laan", "weg", "hof")]
        sizes = Weighted({1: 36, 2: 20, 3: 16, 4: 17, 5: 11})
        residents: list[tuple[Any, ...]] = []
        households: list[tuple[Any, ...]] = []
        members: list[tuple[Any, ...]] = []
        network: list[tuple[Any, ...]] = []
        total, hh_id, net_id = self.sizes.residents, 0, 0
        bsns = _bsns(rng)
        rid = 0
        while rid < total:
            hh_id += 1
            team_index = rng.randrange(len(self.teams))
            team = self.teams[team_index]
            nb, postcodes = rng.choice(team.areas)
            surname = surnames.draw(rng)
            size = min(sizes.draw(rng), total - rid)
            street, number, postcode = rng.choice(streets), str(rng.randint(1, 240)), rng.choice(postcodes)
            created = rng.randrange(clock.now)
            self.hh_team.append(team_index)
            self.hh_client.append(rid + 1)
            households.append((hh_id, org, f"Huishouden {surname}", team.pk, clock.ts(created)))
            for position in range(size):
                rid += 1
                adult = position < 2 or size <= 2
                first = rng.choice(first_names)
                born = clock.today - datetime.timedelta(
                    days=rng.randint(19 * 365, 80 * 365) if adult else rng.randint(0, 17 * 365)
                )
                bsn = bsns.pop() if bsns and rng.random() < 0.04 else ""
                residents.append(
                    (
                        rid,
                        org,
                        first,
                        surname,
                        born.isoformat(),
                        rng.choice(("female", "male")),
                        bsn,
                        street,
                        number,
                        postcode,
                        demo_names.MUNICIPALITY_NAME,
                        nb,
                        team.pk,
                        f"06-{rng.randint(10_000_000, 99_999_999)}" if adult else "",
                        "",
                        "Nederlands",
                        False,
                        search_key(first, surname),
                        rng.choice(team.members),
                        clock.ts(created),
                        clock.ts(created),
                    )
                )
                relation = "self" if position == 0 else "partner" if position == 1 and adult else "child"
                members.append((rid, hh_id, rid, relation, position == 0))
            for _n in range(rng.choice((0, 1, 1, 2))):
                net_id += 1
                informal = rng.random() < 0.55
                network.append(
                    (
                        net_id,
                        hh_id,
                        "informal" if informal else "formal",
                        "family" if informal else "gp",
                        f"{rng.choice(first_names)} (familie)"
                        if informal
                        else f"dokter {surnames.draw(rng)}",
                        "" if informal else "Huisartsenpraktijk Lindehof",
                        "",
                        "",
                        "",
                    )
                )
        resident_names = [
            "id",
            "organisation_id",
            "first_name",
            "last_name",
            "birth_date",
            "gender",
            "bsn",
            "street",
            "house_number",
            "postcode",
            "city",
            "neighbourhood_id",
            "team_id",
            "phone",
            "email",
            "preferred_language",
            "interpreter_needed",
            "search_name",
            "created_by_id",
            "created_at",
            "updated_at",
        ]
        self._count("residents", self.sink.copy(Resident, resident_names, iter(residents)))
        names = ["id", "organisation_id", "name", "team_id", "created_at"]
        self._count("households", self.sink.copy(Household, names, iter(households)))
        names = ["id", "household_id", "resident_id", "relation", "is_contact"]
        self._count("household_members", self.sink.copy(HouseholdMember, names, iter(members)))
        names = ["id", "household_id", "kind", "role", "name", "organisation_name", "phone", "email", "note"]
        self._count("network_members", self.sink.copy(NetworkMember, names, iter(network)))

    # --- cases -----------------------------------------------------------------------------------
    def cases(self) -> None:
        self.counts["cases"] = self.sink.copy(Case, CASE_COLUMNS, self._case_rows())
        self.counts["open_cases"] = sum(1 for s in self.c_status if s >= 0)

    def _case_rows(self) -> Iterator[tuple[Any, ...]]:
        rng, clock, org = self.rng, self.clock, self.organisation_id
        now, span = clock.now, clock.now - 5 * DAY
        households = len(self.hh_team)
        questions = [
            q.replace("{child}", "kind").replace("{partner}", "mijn partner")
            for d in texts.QUESTIONS.values()
            for q in d
        ]
        registered = sorted(
            rng.randrange(span) // DAY * DAY + rng.randint(510, 990) for _ in range(self.sizes.cases)
        )
        registered[-200:] = sorted(now - rng.randint(1, 10) * DAY // 2 for _ in range(200))  # a few brand new
        crisis_left = [rng.randint(1, 2) for _team in self.teams]  # open cases marked crisis, per team
        crisis_notes = [n.replace("{name}", "Inwoner") for n in network_texts.CRISIS_NOTES]
        for index, reg in enumerate(registered):
            pk = index + 1
            hh = rng.randrange(households)
            team_index = self.hh_team[hh]
            team = self.teams[team_index]
            registrar = rng.choice(team.members)
            simple = rng.random() < 0.33
            status, end, first = -1, reg, reg
            lead = co = 0
            if not simple:
                first = reg + rng.choice((0, 1, 2, 3, 5, 7, 9, 12, 16)) * DAY + rng.randint(30, 300)
                end = (
                    first
                    + rng.choice((rng.randint(15, 70), rng.randint(80, 190), rng.randint(200, 360))) * DAY
                )
                lead = rng.choice(team.members)
                if rng.random() < 0.2:
                    co = rng.choice(team.members)
                    co = 0 if co == lead else co
                if end > now:
                    end = -1
                    age = now - reg
                    status = (
                        0
                        if first > now
                        else 1
                        if age < 12 * DAY
                        else 2
                        if age < 16 * DAY
                        else 3
                        if age < 24 * DAY
                        else 5
                        if rng.random() < 0.08
                        else 4
                    )
                    if team.bench_worker and rng.random() < 0.15 and co != team.bench_worker:
                        lead = team.bench_worker
                    if status == 0 and rng.random() < 0.4:
                        lead = 0  # waiting in the unassigned queue
            self.c_team.append(team_index)
            self.c_household.append(hh + 1)
            self.c_reg.append(reg)
            self.c_end.append(end)
            self.c_lead.append(lead)
            self.c_co.append(co)
            self.c_status.append(status)
            self.c_simple.append(simple)
            closed = status < 0
            reason = ("handled_in_team" if simple else REASONS.draw(rng)) if closed else ""
            self.c_referred.append(reason == "referred")
            crisis_since, crisis_note = None, ""
            if status >= 1 and crisis_left[team_index] and rng.random() < 0.2:
                crisis_left[team_index] -= 1
                crisis_since = clock.ts(max(reg + 60, now - rng.randint(DAY // 2, 10 * DAY)))
                crisis_note = rng.choice(crisis_notes)
            contact_first = first if (closed or status > 0) else None
            last = (
                (end if closed else min(now, first + rng.randint(1, 40) * DAY))
                if contact_first is not None
                else None
            )
            yield (
                pk,
                org,
                team.pk,
                hh + 1,
                self.hh_client[hh],
                f"{clock.days[reg // DAY][:4]}-{pk:07d}",
                "closed" if closed else OPEN_STATUSES[status],
                clock.ts(end if closed else min(now, reg + DAY)),
                clock.ts(reg),
                CHANNELS.draw(rng),
                REFERRERS.draw(rng),
                rng.choice(questions),
                "normal",
                "simple" if simple else "complex",
                "Uitleg gegeven." if simple else "",
                rng.random() < 0.02,
                rng.randint(1, 3),
                rng.randint(1, 3),
                clock.ts(contact_first) if contact_first is not None else None,
                clock.ts(last) if last is not None else None,
                clock.ts(end) if closed else None,
                reason,
                "",
                rng.randint(5, 10) if closed and rng.random() < 0.4 else None,
                simple,
                0,
                crisis_since is not None,
                crisis_since,
                crisis_note,
                registrar,
            )

    def assignments(self) -> None:
        def rows() -> Iterator[tuple[Any, ...]]:
            pk = 0
            for i in range(len(self.c_team)):
                lead, co, end = self.c_lead[i], self.c_co[i], self.c_end[i]
                if lead == 0:
                    continue
                start = clock.ts(self.c_reg[i] + 60)
                ended = clock.ts(end) if end >= 0 else None
                pk += 1
                yield (pk, i + 1, lead, True, start, ended, "Toegewezen na aanmelding")
                if co:
                    pk += 1
                    yield (pk, i + 1, co, False, start, ended, "Multidisciplinair")

        clock = self.clock
        names = ["id", "case_id", "user_id", "is_lead", "started_at", "ended_at", "reason"]
        self.counts["assignments"] = self.sink.copy(CaseAssignment, names, rows())

    def copy_numbered(
        self, key: str, model: Any, names: list[str], rows: list[Any], *, has_id: bool = False
    ) -> None:
        """Rows without their id (or with a placeholder when ``has_id``): ids 1..n in order."""
        if has_id:
            numbered: Iterator[tuple[Any, ...]] = ((pk, *row[1:]) for pk, row in enumerate(rows, start=1))
        else:
            numbered = ((pk, *row) for pk, row in enumerate(rows, start=1))
        self.counts[key] = self.sink.copy(model, names, numbered)


CASE_COLUMNS = [
    "id",
    "organisation_id",
    "team_id",
    "household_id",
    "client_id",
    "reference",
    "status",
    "status_changed_at",
    "registered_at",
    "channel",
    "referrer",
    "question",
    "urgency",
    "complexity",
    "advice_given",
    "safety_concern",
    "weight_complexity",
    "weight_intensity",
    "first_contact_at",
    "last_contact_at",
    "closed_at",
    "closure_reason",
    "closure_note",
    "satisfaction",
    "closed_at_registration",
    "reopened_count",
    "crisis",
    "crisis_since",
    "crisis_note",
    "created_by_id",
]


def _pool_first_names() -> list[str]:
    from faker import Faker

    fake = Faker("nl_NL")
    fake.seed_instance(7)
    return [str(fake.first_name()) for _ in range(2000)]


def _pool_surnames() -> list[str]:
    from faker import Faker

    fake = Faker("nl_NL")
    fake.seed_instance(8)
    return [str(fake.last_name()) for _ in range(3000)]


def _bsns(rng: random.Random) -> list[str]:
    from buurtteam.demo.builders.people import bsn_pool

    return bsn_pool(rng)

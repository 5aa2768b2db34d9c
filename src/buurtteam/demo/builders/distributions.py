"""The mixes the demo cases are drawn from, in one place, as fast weighted tables.

Sources for the shape (not the numbers): the domain brief (../shared/domain/README.md) -- parenting
and money the most frequent problem areas, then the parents' relationship, school and safety; about a
third of questions simple; ~80% handled within the team and ~20% referred; pickup mostly within two
weeks; trajectories from weeks to 9-12 months.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Mapping
from typing import Generic, TypeVar

from buurtteam.cases.models import Channel, ClosureReason, ContactMode, Referrer, Urgency

T = TypeVar("T")


class Weighted(Generic[T]):
    """A weighted choice with the cumulative weights computed once (random.choices redoes that per call)."""

    __slots__ = ("cum", "pairs", "total", "values")

    def __init__(self, weights: Mapping[T, float]) -> None:
        self.pairs = list(weights.items())
        self.values = [v for v, _w in self.pairs]
        self.cum = list(itertools.accumulate(w for _v, w in self.pairs))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random) -> T:
        return self.values[bisect.bisect(self.cum, rng.random() * self.total)]

    def without(self, taken: list[T]) -> Weighted[T] | None:
        rest = {v: w for v, w in self.pairs if v not in taken}
        return Weighted(rest) if rest else None


# Problem domains by kind of household (first = most pressing).
YOUTH = Weighted(
    {
        "parenting": 30,
        "finances": 26,
        "parents-relationship": 13,
        "school": 11,
        "safety": 5,
        "child-development": 5,
        "housing": 4,
        "mental-health": 4,
        "domestic-relations": 2,
    }
)
ADULT = Weighted(
    {
        "finances": 34,
        "mental-health": 13,
        "housing": 12,
        "social-network": 9,
        "work-education": 7,
        "physical-health": 6,
        "time-use": 5,
        "instrumental-adl": 4,
        "substance-use": 3,
        "basic-adl": 2,
        "domestic-relations": 2,
        "participation": 2,
        "justice": 1,
    }
)
ELDERLY = Weighted(
    {
        "instrumental-adl": 18,
        "physical-health": 18,
        "basic-adl": 16,
        "social-network": 16,
        "finances": 12,
        "mental-health": 10,
        "housing": 10,
    }
)
EXTRA_DOMAINS = Weighted({0: 30, 1: 38, 2: 22, 3: 10})
STRENGTH_DOMAINS = ["social-network", "work-education", "physical-health", "participation"]

CHANNELS = Weighted(
    {
        Channel.PHONE: 38,
        Channel.WALK_IN: 16,
        Channel.EMAIL: 16,
        Channel.HOME_VISIT: 8,
        Channel.CONSULTATION_HOUR: 14,
    }
)
REFERRERS = Weighted(
    {
        Referrer.SELF: 36,
        Referrer.GP: 12,
        Referrer.FRONT_OFFICE: 12,
        Referrer.SCHOOL: 6,
        Referrer.POLICE: 2,
        Referrer.VEILIG_THUIS: 1,
        Referrer.NEIGHBOUR: 6,
        Referrer.COMMUNITY_CENTRE: 6,
        Referrer.PARTNER: 10,
        Referrer.OTHER: 4,
    }
)
SAFETY_REFERRERS = Weighted(
    {Referrer.POLICE: 30, Referrer.VEILIG_THUIS: 30, Referrer.SCHOOL: 15, Referrer.GP: 10, Referrer.SELF: 15}
)
URGENCY = Weighted({Urgency.NORMAL: 86, Urgency.URGENT: 11, Urgency.CRISIS: 3})
INTENSITY = Weighted({1: 30, 2: 50, 3: 20})

# Working days from registration to the first conversation (target: 10).
PICKUP_DELAY = Weighted({(0, 3): 33, (4, 7): 32, (8, 10): 23, (11, 16): 9, (17, 30): 3})
CONVERSATIONS = Weighted({1: 20, 2: 35, 3: 45})
INTAKE_MODES = Weighted(
    {
        ContactMode.HOME_VISIT: 45,
        ContactMode.OFFICE: 30,
        ContactMode.PHONE: 15,
        ContactMode.VIDEO: 5,
        ContactMode.OUTREACH: 5,
    }
)
CONTACT_MODES = Weighted(
    {
        ContactMode.PHONE: 40,
        ContactMode.HOME_VISIT: 25,
        ContactMode.OFFICE: 20,
        ContactMode.VIDEO: 5,
        ContactMode.OUTREACH: 10,
    }
)
INTERVAL = {1: (18, 35), 2: (9, 20), 3: (4, 10)}  # calendar days between contacts, by intensity
EXECUTION_DAYS = [(20, 70), (80, 190), (200, 360)]  # weeks, months, 9-12 months (waiting lists)

FIRST_SCORE = Weighted({1: 18, 2: 52, 3: 30})
SCORE_STEP = Weighted({-1: 5, 0: 40, 1: 42, 2: 13})
OUTCOME = Weighted({"continue": 75, "adjust": 25})
GOAL_WHEN_REACHED = Weighted({"reached": 70, "partly": 30})
GOAL_OTHERWISE = Weighted({"reached": 25, "partly": 35, "not_reached": 40})

# How cases end: closed during the intake, or after carrying out a plan.
EARLY_EXIT = Weighted(
    {
        ClosureReason.REFERRED: 48,
        ClosureReason.NO_LONGER_NEEDED: 18,
        ClosureReason.RESIDENT_STOPPED: 18,
        ClosureReason.MOVED: 6,
        ClosureReason.HANDLED_IN_TEAM: 10,
    }
)
FINAL = Weighted(
    {
        ClosureReason.GOALS_REACHED: 37,
        ClosureReason.HANDLED_IN_TEAM: 16,
        ClosureReason.REFERRED: 28,
        ClosureReason.MOVED: 5,
        ClosureReason.RESIDENT_STOPPED: 8,
        ClosureReason.NO_LONGER_NEEDED: 6,
    }
)

# Who lives together; where the family's names come from; how many children.
HOUSEHOLD_KINDS = Weighted(
    {"single": 30, "single_parent": 24, "couple": 11, "family": 27, "elderly": 6, "three_generations": 2}
)
ORIGINS = Weighted({"dutch": 76, "turkish": 7, "moroccan": 7, "polish": 4, "surinamese": 4, "eritrean": 2})
CHILDREN = Weighted({1: 35, 2: 38, 3: 19, 4: 8})

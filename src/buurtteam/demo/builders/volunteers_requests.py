"""The demo's requests for informal help (from cases and from buurthuizen) and their matches in every state.

Split from ``volunteers.py`` (the databank itself); scores and explanations come from the real matching code.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from typing import Any

from django.utils import timezone

from buurtteam.cases.models import Case, CaseAssignment, Status
from buurtteam.demo.builders.fastinsert import Inserter
from buurtteam.demo.builders.volunteers_texts import ASKS, DECLINES, EVALUATIONS
from buurtteam.organisation.models import Organisation
from buurtteam.volunteers import choices, matching, text
from buurtteam.volunteers.models import VOG_BY_DEFAULT, HelpRequest, Match

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


def slots_for(rng: random.Random, days: str, count: int) -> list[str]:
    if days == "day":
        pool = [f"{d}-{p}" for d in range(5) for p in (0, 1)]
    elif days == "evening":
        pool = [f"{d}-2" for d in range(5)] + [f"{d}-{p}" for d in (5, 6) for p in range(3)]
    else:
        pool = [choices.slot_code(i) for i in range(choices.SLOT_COUNT)]
    return rng.sample(pool, min(count, len(pool)))


def moment(today: datetime.date, days_ago: int, rng: random.Random) -> datetime.datetime:
    day = today - datetime.timedelta(days=days_ago)
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(9 + rng.randint(0, 8), rng.randint(0, 59)))
    )


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


def requests_for(
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
                "created": moment(today, rng.randint(3, 200), rng),
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


def matches_for(
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

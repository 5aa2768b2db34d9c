"""The rest of a generated dossier: intake conversations, problems, assessments with scores, tasks,
evaluations, and one plan per household (with goals and actions) for the households that got that far.
Kept out of bulk.py to keep that module readable; same Generator, same arrays."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from benchmarks.bulk import DAY, DOMAINS, Generator
from buurtteam.cases.models import (
    Assessment,
    DomainScore,
    Evaluation,
    Goal,
    IntakeConversation,
    PlanAction,
    Problem,
    SupportPlan,
    Task,
)
from buurtteam.demo.builders import texts


def dossier_parts(gen: Generator, domain_set_id: int, extra_tasks: Sequence[tuple[Any, ...]] = ()) -> int:
    """Conversations, problems, assessments with scores, tasks and evaluations of complex cases;
    one plan per household that got that far, with goals and actions. ``extra_tasks`` (the bridging
    check-in tasks) are written after the case tasks; returns the id of the first of them."""
    rng, clock, now = gen.rng, gen.clock, gen.clock.now
    codes = list(gen.domain_ids)
    conversations, problems, assessments, scores, tasks, evaluations = [], [], [], [], [], []
    planned: dict[int, tuple[int, int, bool]] = {}  # household -> (case index, lead, running)
    for i in range(len(gen.c_team)):
        status = gen.c_status[i]
        if gen.c_simple[i] or status == 0:
            continue
        case_id, reg, lead = i + 1, gen.c_reg[i], gen.c_lead[i] or None
        for number in range(1, rng.randint(1, 3) + 1):
            held = min(now, reg + number * 5 * DAY)
            conversations.append(
                (case_id, number, clock.date(held), "home_visit", "inwoner", "", lead, clock.ts(held))
            )
        domains = [DOMAINS.draw(rng)]
        if rng.random() < 0.5:
            extra = rng.choice(codes)
            if extra not in domains:
                domains.append(extra)
        for rank, code in enumerate(domains, start=1):
            problems.append(
                (case_id, gen.domain_ids[code], rank, texts.PROBLEMS.get(code, ["Zie gesprek."])[0])
            )
        if status in (1, 2):
            continue
        on = clock.date(min(now, reg + 20 * DAY))
        assessments.append(
            (case_id, "intake", domain_set_id, "Zelfredzaamheid-Matrix + jeugd", "2017", on, "", lead)
        )
        scores.append([(gen.domain_ids[code], rng.randint(1, 3)) for code in domains])
        due = min(now + 10 * DAY, reg + rng.randint(30, 120) * DAY)
        done = clock.ts(due) if due < now and rng.random() < 0.9 else None
        tasks.append(
            (
                case_id,
                "check_in",
                "Even bellen hoe het gaat",
                clock.date(due),
                lead or gen.teams[gen.c_team[i]].members[0],
                done,
                lead if done else None,
            )
        )
        if gen.c_end[i] >= 0 and rng.random() < 0.5:
            evaluations.append(
                (
                    case_id,
                    clock.date(gen.c_end[i]),
                    "Doelen besproken.",
                    "close",
                    None,
                    lead,
                    clock.ts(gen.c_end[i]),
                )
            )
        household = gen.c_household[i]
        earlier = planned.get(household)
        running = status in (4, 5) or status < 0
        planned[household] = (i, lead or 0, running or (earlier is not None and earlier[2]))
    names = [
        "id",
        "case_id",
        "number",
        "held_on",
        "mode",
        "participants",
        "note",
        "author_id",
        "created_at",
    ]
    gen.copy_numbered("conversations", IntakeConversation, names, conversations)
    gen.copy_numbered("problems", Problem, ["id", "case_id", "domain_id", "rank", "description"], problems)
    names = [
        "id",
        "case_id",
        "kind",
        "domain_set_id",
        "instrument",
        "instrument_version",
        "assessed_on",
        "strengths",
        "author_id",
    ]
    gen.copy_numbered("assessments", Assessment, names, assessments)
    score_rows = (
        (0, a_id, domain, score, texts.SCORE_REASONS[0], "", "")
        for a_id, row in enumerate(scores, start=1)
        for domain, score in row
    )
    names = ["id", "assessment_id", "domain_id", "score", "reason", "note", "involved"]
    gen.copy_numbered("domain_scores", DomainScore, names, list(score_rows), has_id=True)
    names = ["id", "case_id", "kind", "title", "due_on", "assignee_id", "done_at", "done_by_id"]
    first_extra = len(tasks) + 1
    tasks.extend(extra_tasks)
    gen.copy_numbered("tasks", Task, names, tasks)
    names = [
        "id",
        "case_id",
        "held_on",
        "summary",
        "outcome",
        "assessment_id",
        "author_id",
        "completed_at",
    ]
    gen.copy_numbered("evaluations", Evaluation, names, evaluations)
    _plans(gen, planned)
    return first_extra


def _plans(gen: Generator, planned: dict[int, tuple[int, int, bool]]) -> None:
    rng, clock = gen.rng, gen.clock
    plans, goals, actions = [], [], []
    goal_id = 0
    for plan_id, (household, (i, lead, agreed)) in enumerate(sorted(planned.items()), start=1):
        on = clock.date(min(clock.now, gen.c_reg[i] + 30 * DAY))
        plans.append(
            (
                household,
                gen.organisation_id,
                lead or None,
                1,
                on if agreed else None,
                "de inwoner" if agreed else "",
                "",
                clock.ts(gen.c_reg[i] + 30 * DAY),
            )
        )
        for position in range(rng.randint(1, 2)):
            goal_id += 1
            goals.append(
                (
                    plan_id,
                    gen.domain_ids["finances"],
                    texts.GOALS["finances"][position],
                    "open",
                    None,
                    position,
                )
            )
            actions.append(
                (goal_id, texts.ACTIONS["finances"][0][1], "resident", "de inwoner", None, None, None)
            )
    names = [
        "id",
        "household_id",
        "organisation_id",
        "lead_id",
        "version",
        "agreed_on",
        "agreed_by",
        "agreement_note",
        "updated_at",
    ]
    gen.copy_numbered("plans", SupportPlan, names, plans)
    gen.copy_numbered(
        "goals",
        Goal,
        ["id", "plan_id", "domain_id", "description", "status", "target_on", "position"],
        goals,
    )
    names = [
        "id",
        "goal_id",
        "description",
        "owner_kind",
        "owner_name",
        "owner_user_id",
        "due_on",
        "done_on",
    ]
    gen.copy_numbered("plan_actions", PlanAction, names, actions)

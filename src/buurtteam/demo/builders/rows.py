"""Turn simulated stories into rows and write them in bulk (services per row would take far too long).

The order follows the foreign keys: cases, then what hangs off a case; assessments before their scores
and evaluations; the household's plan and goals before the actions. Ids are handed out up front
(fastinsert.Inserter), so children can point at their parents before anything is written, and the
case reference is the one the registration service gives: year and number. High-volume rows are
plain tuples (building model instances would cost more than writing them).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from buurtteam.cases.models import (
    Assessment,
    Case,
    CaseAssignment,
    CaseMeeting,
    DomainScore,
    DomainSet,
    Evaluation,
    Goal,
    IntakeConversation,
    LifeDomain,
    MeetingItem,
    PlanAction,
    Problem,
    SupportPlan,
    Task,
    TimelineEntry,
)
from buurtteam.demo.builders.fastinsert import Inserter
from buurtteam.demo.builders.meetings import MeetingPlan
from buurtteam.demo.builders.story import LEAD, LOCAL, Story

TIMELINE_CHUNK = 50_000
Pairs = list[tuple[Story, Case]]


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=LOCAL)


class RowWriter:
    def __init__(self, inserter: Inserter, *, organisation_id: int, domain_set: DomainSet) -> None:
        self.ins = inserter
        self.organisation_id = organisation_id
        self.domain_set = domain_set
        self.domains = {d.code: d.pk for d in LifeDomain.objects.filter(domain_set=domain_set)}
        self.counts: dict[str, int] = {}

    def _add(self, key: str, model: Any, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> range:
        self.counts[key] = self.counts.get(key, 0) + len(rows)
        return self.ins.add(model, names, rows)

    def write(self, stories: list[Story], meetings: list[tuple[int, MeetingPlan]]) -> dict[str, int]:
        cases = self._cases(stories)
        pairs = list(zip(stories, cases, strict=True))
        self._assignments(pairs)
        self._intake(pairs)
        self._assessments_and_evaluations(pairs)
        self._plans(pairs)
        self._tasks(pairs)
        self._timeline(pairs)
        self._meetings(meetings, {id(s): c.pk for s, c in pairs})
        self.counts["open_cases"] = sum(1 for s in stories if s.is_open)
        return self.counts

    def _cases(self, stories: list[Story]) -> list[Case]:
        rows = [
            Case(
                organisation_id=self.organisation_id,
                team_id=s.household.team_id,
                household_id=s.household.household.pk,
                client_id=s.client.resident.pk,
                reference="",
                status=s.status,
                status_changed_at=s.status_changed_at or s.registered_at,
                registered_at=s.registered_at,
                channel=s.channel,
                referrer=s.referrer,
                question=s.question,
                urgency=s.urgency,
                complexity=s.complexity,
                advice_given=s.advice,
                safety_concern=s.safety,
                weight_complexity=s.weight_complexity,
                weight_intensity=s.weight_intensity,
                first_contact_at=s.first_contact_at,
                last_contact_at=s.last_contact_at,
                closed_at=s.closed_at,
                closure_reason=s.closure_reason,
                closure_note=s.closure_note,
                satisfaction=s.satisfaction,
                closed_at_registration=s.closed_at_registration,
                reopened_count=s.reopened_count,
                crisis=s.crisis_since is not None,
                crisis_since=s.crisis_since,
                crisis_note=s.crisis_note,
                created_by_id=s.registrar_id,
            )
            for s in stories
        ]
        self.ins.assign(rows)
        for story, case in zip(stories, rows, strict=True):
            # The same reference the registration service gives: year and number.
            case.reference = f"{case.registered_at.astimezone(datetime.UTC).year}-{case.pk:07d}"
            story.case_id = case.pk
        self.ins.objects(rows)
        self.counts["cases"] = len(rows)
        return rows

    def _assignments(self, pairs: Pairs) -> None:
        rows = [
            (case.pk, span.user_id, span.role == LEAD, span.start, span.end, span.reason)
            for story, case in pairs
            for span in story.spans
            if span.user_id is not None
        ]
        names: Sequence[str] = ("case_id", "user_id", "is_lead", "started_at", "ended_at", "reason")
        self._add("assignments", CaseAssignment, names, rows)

    def _intake(self, pairs: Pairs) -> None:
        conversations = [
            (case.pk, c.number, c.held_on, c.mode, c.participants, c.note, story.author(LEAD, c.at), c.at)
            for story, case in pairs
            for c in story.conversations
        ]
        names: Sequence[str] = (
            "case_id",
            "number",
            "held_on",
            "mode",
            "participants",
            "note",
            "author_id",
            "created_at",
        )
        self._add("conversations", IntakeConversation, names, conversations)
        problems = [
            (case.pk, self.domains[domain], rank, text)
            for _story, case in pairs
            for rank, (domain, text) in enumerate(_story.problems, start=1)
        ]
        self._add("problems", Problem, ("case_id", "domain_id", "rank", "description"), problems)

    def _assessments_and_evaluations(self, pairs: Pairs) -> None:
        ds = self.domain_set
        rows = [
            (case.pk, a.kind, ds.pk, ds.instrument, ds.version, a.on, a.strengths, story.author(LEAD, a.at))
            for story, case in pairs
            for a in story.assessments
        ]
        names: Sequence[str] = (
            "case_id",
            "kind",
            "domain_set_id",
            "instrument",
            "instrument_version",
            "assessed_on",
            "strengths",
            "author_id",
        )
        ids = iter(self._add("assessments", Assessment, names, rows))
        scores: list[tuple[Any, ...]] = []
        evaluations: list[tuple[Any, ...]] = []
        for story, case in pairs:
            mine = [next(ids) for _a in story.assessments]
            for a, pk in zip(story.assessments, mine, strict=True):
                scores.extend(
                    (pk, self.domains[s.domain], s.score, s.reason, "", s.involved) for s in a.scores
                )
            evaluations.extend(
                (
                    case.pk,
                    e.held_on,
                    e.summary,
                    e.outcome,
                    mine[e.assessment] if e.assessment is not None else None,
                    story.author(LEAD, e.at),
                    e.completed_at,
                )
                for e in story.evaluations
            )
        names = ("assessment_id", "domain_id", "score", "reason", "note", "involved")
        self._add("domain_scores", DomainScore, names, scores)
        names = (
            "case_id",
            "held_on",
            "summary",
            "outcome",
            "assessment_id",
            "author_id",
            "completed_at",
        )
        self._add("evaluations", Evaluation, names, evaluations)

    def _plans(self, pairs: Pairs) -> None:
        """One plan per household, with the goals of all its cases; version = number of agreements."""
        by_household: dict[int, list[Story]] = {}
        for story, _case in pairs:
            if story.goals:
                by_household.setdefault(story.household.household.pk, []).append(story)
        plans = []
        for household_id, stories in by_household.items():
            latest = stories[-1]
            agreements = [day for s in stories for day in s.agreements]
            lead = latest.lead_now() or next((s for s in reversed(latest.spans) if s.role == LEAD), None)
            agreed_on = max(agreements) if agreements else None
            touched = max(g.at for g in latest.timeline if g.kind == "plan")
            if agreed_on is not None:
                touched = max(touched, _noon(agreed_on))
            plans.append(
                (
                    household_id,
                    self.organisation_id,
                    lead.user_id if lead else None,
                    max(1, len(agreements)),
                    agreed_on,
                    latest.client.resident.full_name if agreed_on else "",
                    "Besproken aan de keukentafel." if agreed_on else "",
                    touched,
                )
            )
        names: Sequence[str] = (
            "household_id",
            "organisation_id",
            "lead_id",
            "version",
            "agreed_on",
            "agreed_by",
            "agreement_note",
            "updated_at",
        )
        plan_ids = self._add("plans", SupportPlan, names, plans)
        goals, owners = [], []
        for plan_id, stories in zip(plan_ids, by_household.values(), strict=True):
            position = 0
            for story in stories:
                for g in story.goals:
                    goals.append(
                        (plan_id, self.domains[g.domain], g.description, g.status, g.target_on, position)
                    )
                    owners.append((story, g))
                    position += 1
        names = ("plan_id", "domain_id", "description", "status", "target_on", "position")
        goal_ids = self._add("goals", Goal, names, goals)
        actions = [
            (
                goal_id,
                a.description,
                a.owner_kind,
                a.owner_name,
                story.author(LEAD, _noon(a.due_on)) if a.owner_kind == "team_member" else None,
                a.due_on,
                a.done_on,
            )
            for goal_id, (story, g) in zip(goal_ids, owners, strict=True)
            for a in g.actions
        ]
        names = (
            "goal_id",
            "description",
            "owner_kind",
            "owner_name",
            "owner_user_id",
            "due_on",
            "done_on",
        )
        self._add("plan_actions", PlanAction, names, actions)

    def _tasks(self, pairs: Pairs) -> None:
        rows = []
        written = []
        for story, case in pairs:
            current = story.lead_now() if story.is_open else None
            for t in story.tasks:
                assignee = t.user_id or (
                    current.user_id if current and t.done_at is None else story.author(LEAD, t.created_at)
                )
                done_by = assignee if t.done_at else None
                rows.append((case.pk, t.kind, t.title, t.due_on, assignee, t.done_at, done_by))
                written.append(t)
        names: Sequence[str] = ("case_id", "kind", "title", "due_on", "assignee_id", "done_at", "done_by_id")
        for task, pk in zip(written, self._add("tasks", Task, names, rows), strict=True):
            task.pk = pk  # a bridging plan points at its check-in task

    def _timeline(self, pairs: Pairs) -> None:
        names: Sequence[str] = (
            "case_id",
            "kind",
            "occurred_at",
            "author_id",
            "text",
            "contact_mode",
            "is_substantive",
        )
        chunk: list[tuple[Any, ...]] = []
        for story, case in pairs:
            author = story.author
            chunk.extend(
                (case.pk, e.kind, e.at, e.user_id or author(e.role, e.at), e.text, e.mode, e.substantive)
                for e in story.timeline
            )
            if len(chunk) >= TIMELINE_CHUNK:
                self._add("timeline_entries", TimelineEntry, names, chunk)
                chunk = []
        self._add("timeline_entries", TimelineEntry, names, chunk)

    def _meetings(self, meetings: list[tuple[int, MeetingPlan]], case_ids: dict[int, int]) -> None:
        rows = [
            (
                self.organisation_id,
                team_id,
                m.held_on,
                m.chair_id,
                m.closed_at,
                datetime.datetime.combine(
                    m.held_on - datetime.timedelta(days=7), datetime.time(9), tzinfo=LOCAL
                ),
            )
            for team_id, m in meetings
        ]
        names: Sequence[str] = (
            "organisation_id",
            "team_id",
            "held_on",
            "chair_id",
            "closed_at",
            "created_at",
        )
        meeting_ids = self._add("case_meetings", CaseMeeting, names, rows)
        items = [
            (
                meeting_id,
                case_ids[id(item.story)],
                [str(r) for r in item.reasons],
                position,
                item.decision,
                item.decided_at,
                m.chair_id if item.decided_at else None,
            )
            for meeting_id, (_team, m) in zip(meeting_ids, meetings, strict=True)
            for position, item in enumerate(m.items)
        ]
        names = (
            "meeting_id",
            "case_id",
            "reasons",
            "position",
            "decision",
            "decided_at",
            "decided_by_id",
        )
        self._add("meeting_items", MeetingItem, names, items)

"""The second half of a simulated case: carrying out the plan, evaluations, closure and reopening.

Shared helpers (dates, texts, tasks, assessments) live here too; casework.Simulator adds the first
half (registration, intake, assessment, plan) on top of these steps.
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING

from buurtteam.cases.models import Assessment, ClosureReason, Complexity, Evaluation, Status, TimelineEntry
from buurtteam.demo.builders import distributions as mix
from buurtteam.demo.builders import texts
from buurtteam.demo.builders.people import HouseholdPlan, Person
from buurtteam.demo.builders.story import (
    CO,
    LEAD,
    LOCAL,
    AssessmentRow,
    Calendar,
    EvaluationRow,
    Score,
    Span,
    Story,
    TaskRow,
    moment,
)

if TYPE_CHECKING:
    from buurtteam.demo.builders.partners import Directory

Kind = TimelineEntry.Kind
DAY = datetime.timedelta(days=1)


class Steps:
    def __init__(
        self,
        rng: random.Random,
        calendar: Calendar,
        now: datetime.datetime,
        pickup_days: int,
        network: Directory,
    ) -> None:
        self.rng, self.cal, self.now, self.pickup_days = rng, calendar, now, pickup_days
        self.network = network
        self.today = now.astimezone(LOCAL).date()

    # --- referrals (referrals.ReferralSteps) -------------------------------------------------------
    def _refer_and_close(self, story: Story, at: datetime.datetime, *, evaluate: bool) -> None:
        raise NotImplementedError

    def _network_referrals(self, story: Story, start: datetime.datetime, end: datetime.datetime) -> None:
        raise NotImplementedError

    # --- helpers ------------------------------------------------------------------------------------
    def _later(self, day: datetime.date, low: int, high: int) -> datetime.date:
        return self.cal.add(day, self.rng.randint(low, high))

    def _at(self, day: datetime.date) -> datetime.datetime:
        return moment(self.rng, day)

    def _fill(self, text: str, household: HouseholdPlan, client: Person) -> str:
        children = household.children
        partner = next((p for p in household.adults if p is not client), None)
        return text.format(
            name=client.first_name,
            child=("zoon" if children[0].is_male else "dochter") if children else "kind",
            partner=partner.first_name if partner else "mijn partner",
        )

    def _task(self, story: Story, kind: str, title: str, at: datetime.datetime, due: datetime.date) -> None:
        story.tasks.append(TaskRow(kind, title, at, due))
        story.note(Kind.TASK, at, f"Taak: {title} (uiterlijk {due:%d-%m-%Y})")

    def _assess(self, story: Story, kind: str, day: datetime.date) -> AssessmentRow:
        rng = self.rng
        previous = {s.domain: s.score for s in story.assessments[-1].scores} if story.assessments else {}
        scores = []
        for index, domain in enumerate(story.domains):
            if domain in previous:
                step = mix.SCORE_STEP.draw(rng)
                if kind == Assessment.Kind.CLOSING and story.closure_reason == ClosureReason.GOALS_REACHED:
                    step = max(step, 1)
                value = min(5, max(1, previous[domain] + step))
            else:
                value = mix.FIRST_SCORE.draw(rng)
            reason = texts.SCORE_REASONS[0] if index == 0 else rng.choice(texts.SCORE_REASONS[1:])
            involved = (
                rng.choice(texts.INVOLVED[domain]) if domain in texts.INVOLVED and rng.random() < 0.5 else ""
            )
            scores.append(Score(domain, value, reason, involved))
        strength = next((d for d in mix.STRENGTH_DOMAINS if d not in story.domains), None)
        if strength is not None and (strength in previous or (not previous and rng.random() < 0.4)):
            value = previous.get(strength) or rng.randint(4, 5)
            scores.append(Score(strength, value, rng.choice(texts.STRENGTH_REASONS)))
        at = self._at(day)
        row = AssessmentRow(kind, day, scores, rng.choice(texts.STRENGTHS) if rng.random() < 0.7 else "", at)
        story.assessments.append(row)
        label = Assessment.Kind(kind).label
        story.note(Kind.ASSESSMENT, at, f"Inschatting ({label}) op {len(scores)} leefgebied(en)")
        return row

    def _execute(self, story: Story) -> None:
        rng, now = self.rng, self.now
        start = story.status_changed_at
        assert start is not None
        length = rng.choice(mix.EXECUTION_DAYS)
        duration = datetime.timedelta(days=rng.randint(*length))
        end = start + duration
        reason = mix.FINAL.draw(rng)
        stuck = rng.random() < 0.12
        self._network_referrals(story, start, end)
        next_eval = self.cal.on_or_after(start.date() + datetime.timedelta(days=rng.randint(70, 100)))
        self._task(story, "evaluation", "Evaluatie plan van aanpak", start, next_eval)
        low, high = mix.INTERVAL[story.weight_intensity]
        if stuck:
            low, high = low * 3, high * 3
        at = start
        while True:
            at = self._at(self.cal.on_or_after((at + DAY * rng.randint(low, high)).date()))
            if at > now or at > end:
                break
            if at.date() >= next_eval:
                if not self._evaluate(story, at, final=False):
                    return
                if story.status != Status.EXECUTION:
                    return
                next_eval = self.cal.on_or_after(at.date() + datetime.timedelta(days=rng.randint(75, 100)))
                self._task(story, "evaluation", "Evaluatie plan van aanpak", at, next_eval)
                continue
            self._contact(story, at)
            if rng.random() < 0.05 and story.lead_now() is not None and story.active(LEAD, at) is not None:
                self._transfer(story, at)
        if end > now:
            # Still running: a check-in for the next planned contact; now and then one that slipped.
            last = story.last_contact_at or start
            due = at.date() if rng.random() < 0.85 else now.date() - DAY * rng.randint(1, 6)
            if not any(t.done_at is None and t.kind == "check_in" for t in story.tasks):
                self._task(story, "check_in", "Even bellen hoe het gaat", last, max(due, last.date()))
            return
        closing = self._at(self.cal.on_or_after(end.date()))
        if reason == ClosureReason.REFERRED:  # the case stays open until the specialist help starts
            self._refer_and_close(story, closing, evaluate=True)
            return
        if reason in {ClosureReason.GOALS_REACHED, ClosureReason.HANDLED_IN_TEAM}:
            if not self._evaluate(story, closing, final=True):
                return
            closing = self._at(self._later(closing.date(), 0, 5))
            if closing > now:
                return
        self._close(story, closing, reason)
        self._maybe_reopen(story)

    def _contact(self, story: Story, at: datetime.datetime) -> None:
        rng = self.rng
        mode = mix.CONTACT_MODES.draw(rng)
        text = self._fill(rng.choice(texts.CONTACT_NOTES), story.household, story.client)
        substantive = "verzet" not in text
        role = CO if story.active(CO, at) is not None and rng.random() < 0.3 else LEAD
        story.note(Kind.CONTACT, at, text, role, mode=mode, substantive=substantive)
        story.contact(at, substantive=substantive)
        if rng.random() < 0.3:
            story.note(Kind.NOTE, at + datetime.timedelta(hours=1), rng.choice(texts.NOTES), role)
        for task in story.tasks:
            if (
                task.done_at is None
                and task.kind in {"check_in", "reminder", "other"}
                and task.due_on <= at.date()
            ):
                task.done_at = at
                story.note(Kind.TASK, at, f"Taak gedaan: {task.title}")
        for goal in story.goals:
            for action in goal.actions:
                if action.done_on is None and action.due_on <= at.date() and rng.random() < 0.6:
                    action.done_on = at.date()
        if rng.random() < 0.25:
            kind, title = rng.choice(texts.TASKS)
            self._task(story, kind, title, at, self._later(at.date(), 3, 15))

    def _transfer(self, story: Story, at: datetime.datetime) -> None:
        lead = story.lead_now()
        assert lead is not None
        reason = self.rng.choice(texts.TRANSFER_REASONS)
        lead.end, lead.reason = at, reason
        story.spans.append(Span(LEAD, at, None, reason))
        story.note(Kind.ASSIGNMENT, at, f"Regie overgedragen. {reason}")

    def _evaluate(self, story: Story, at: datetime.datetime, *, final: bool) -> bool:
        """Start an evaluation; complete it a few days later. False when 'now' interrupts it."""
        rng = self.rng
        story.move(Status.EVALUATION, at)
        evaluation = EvaluationRow(at.date(), at)
        story.evaluations.append(evaluation)
        for task in story.tasks:
            if task.kind == "evaluation" and task.done_at is None:
                task.done_at = at
        if rng.random() < 0.8:
            self._assess(story, Assessment.Kind.EVALUATION, at.date())
            evaluation.assessment = len(story.assessments) - 1
        done = self._at(self._later(at.date(), 0, 4))
        if done > self.now:
            return False
        outcome = Evaluation.Outcome.CLOSE if final else mix.OUTCOME.draw(rng)
        evaluation.outcome, evaluation.completed_at = outcome, done
        evaluation.summary = rng.choice(texts.EVALUATION_SUMMARIES[outcome])
        story.note(Kind.EVALUATION, done, evaluation.summary)
        if outcome == Evaluation.Outcome.CONTINUE:
            story.move(Status.EXECUTION, done)
        elif outcome == Evaluation.Outcome.ADJUST:
            story.move(Status.PLANNING, done, reason="Plan wordt bijgesteld.")
            again = self._at(self._later(done.date(), 2, 8))
            if again > self.now:
                return False
            story.agreements.append(again.date())
            story.move(Status.EXECUTION, again, reason="Bijgesteld plan afgesproken.")
        return True

    def _close(self, story: Story, at: datetime.datetime, reason: str) -> None:
        if at > self.now:
            return
        rng = self.rng
        story.closure_reason = reason
        if story.goals and story.status in {Status.EXECUTION, Status.EVALUATION} and rng.random() < 0.7:
            self._assess(story, Assessment.Kind.CLOSING, at.date())
        for goal in story.goals:
            if goal.status == "open":
                reached = reason == ClosureReason.GOALS_REACHED
                goal.status = mix.GOAL_WHEN_REACHED.draw(rng) if reached else mix.GOAL_OTHERWISE.draw(rng)
            for action in goal.actions:
                if action.done_on is None and action.due_on <= at.date() and rng.random() < 0.8:
                    action.done_on = action.due_on
        for task in story.tasks:
            if task.done_at is None:
                task.done_at = at
        story.closure_note = self._fill(
            rng.choice(texts.CLOSURE_NOTES[reason]), story.household, story.client
        )
        if story.complexity == Complexity.COMPLEX and rng.random() < 0.45:
            mean = 5.5 if reason == ClosureReason.RESIDENT_STOPPED else 7.8
            story.satisfaction = min(10, max(3, round(rng.gauss(mean, 1.3))))
        story.move(Status.CLOSED, at, reason=str(ClosureReason(reason).label))
        story.closed_at = at
        for span in story.spans:
            if span.end is None:
                span.end = at

    def _maybe_reopen(self, story: Story) -> None:
        rng = self.rng
        if story.closed_at is None or not story.agreements or rng.random() >= 0.03:
            return
        if story.closure_reason not in {ClosureReason.GOALS_REACHED, ClosureReason.HANDLED_IN_TEAM}:
            return
        at = self._at(self._later(story.closed_at.date(), 8, 45))
        if at > self.now:
            return
        reason = self._fill(rng.choice(texts.REOPEN_REASONS), story.household, story.client)
        story.move(Status.EXECUTION, at, reason=reason)
        story.reopened_count += 1
        story.closed_at, story.closure_reason, story.closure_note, story.satisfaction = None, "", "", None
        story.spans.append(Span(LEAD, at, None, "Heropend"))
        for _contact in range(rng.randint(1, 4)):
            at = self._at(self._later(at.date(), 3, 10))
            if at > self.now:
                return
            self._contact(story, at)
        self._close(story, self._at(self._later(at.date(), 2, 10)), ClosureReason.HANDLED_IN_TEAM)

"""Several thousand cases per team over about three years, with the people behind them.

Per team: registrations spread over the working days of the period (a slight upward trend, quieter in
the summer and at Christmas); each one a new household or, now and then, a household that came before.
Every case is simulated (casework.Simulator), then its workers are chosen by discipline fit and
*weighted* load (complexity x intensity of their open cases) at the moment of assignment. The demo
log-in users get a caseload with overdue items and tasks due this week. Rows are written by rows.py.
"""

from __future__ import annotations

import datetime
import heapq
import itertools
import math
import random
from dataclasses import dataclass, field

from faker import Faker

from buurtteam.cases.models import Complexity, Status
from buurtteam.cases.services.domains import DEFAULT_DOMAINS
from buurtteam.core.roles import Role
from buurtteam.demo.builders.casework import Simulator
from buurtteam.demo.builders.geography import Geography
from buurtteam.demo.builders.partners import Directory
from buurtteam.demo.builders.people import HouseholdPlan, PeopleBuilder
from buurtteam.demo.builders.staff import StaffPlan
from buurtteam.demo.builders.story import CO, LEAD, LOCAL, Calendar, Span, Story, TaskRow, moment
from buurtteam.demo.builders.structure import TeamPlan
from buurtteam.organisation.models import Organisation

YEARS = 3
CASES_PER_TEAM = (2000, 3000)  # drawn per team at scale 1
REPEAT_SHARE = 0.1
FITS: dict[str, set[str]] = {code: set(disciplines) for code, _n, _p, _g, disciplines in DEFAULT_DOMAINS}
SEASON = {7: 0.75, 8: 0.7, 12: 0.85, 1: 1.1, 9: 1.1}
NEVER = math.inf


@dataclass
class Worker:
    user_id: int
    username: str
    disciplines: set[str]
    capacity: float
    joined: datetime.datetime
    ends: list[tuple[float, int]] = field(default_factory=list)  # heap of (end timestamp, weight)
    load: int = 0

    def load_at(self, when: float) -> float:
        while self.ends and self.ends[0][0] <= when:
            self.load -= heapq.heappop(self.ends)[1]
        return self.load / self.capacity

    def take(self, end: float, weight: int) -> None:
        heapq.heappush(self.ends, (end, weight))
        self.load += weight


@dataclass
class TeamCases:
    plan: TeamPlan
    workers: list[Worker]
    stories: list[Story]


def cases_for_team(rng: random.Random, *, scale: float, fixed: int | None) -> int:
    drawn = rng.randint(*CASES_PER_TEAM)  # drawn even when fixed, so that the rest stays the same
    return max(0, fixed) if fixed is not None else max(0, round(drawn * scale))


class CaseBuilder:
    def __init__(
        self,
        rng: random.Random,
        fake: Faker,
        *,
        organisation: Organisation,
        geo: Geography,
        now: datetime.datetime,
        pickup_days: int,
        network: Directory,
    ) -> None:
        self.rng, self.now = rng, now
        self.today = now.astimezone(LOCAL).date()
        self.start = self.today - datetime.timedelta(days=365 * YEARS)
        self.calendar = Calendar(
            self.start - datetime.timedelta(days=10), self.today + datetime.timedelta(days=800)
        )
        self.people = PeopleBuilder(
            rng, fake, organisation=organisation, postcodes=geo.postcodes, today=self.today
        )
        self.simulator = Simulator(rng, self.calendar, now, pickup_days, network)
        self.teams: list[TeamCases] = []

    # --- registrations --------------------------------------------------------------------------
    def _registrations(self, count: int) -> list[datetime.datetime]:
        rng = self.rng
        days = [d for d in self.calendar.days if self.start <= d <= self.today]
        weights = [(1 + 0.15 * (d - self.start).days / 365) * SEASON.get(d.month, 1.0) for d in days]
        moments = []
        for day in rng.choices(days, cum_weights=list(itertools.accumulate(weights)), k=count):
            at = moment(rng, day)
            if at > self.now:  # today, later than now: earlier today, or the previous working day
                at = self.now - datetime.timedelta(minutes=rng.randint(5, 240))
            moments.append(at)
        moments.sort()
        return moments

    # --- people on the case ---------------------------------------------------------------------
    def _choose(
        self, workers: list[Worker], at: datetime.datetime, *, domain: str, exclude: set[int]
    ) -> Worker | None:
        rng, when = self.rng, at.timestamp()
        fit = FITS.get(domain, set())
        best, best_score = None, -math.inf
        for worker in workers:
            if worker.user_id in exclude or worker.joined > at:
                continue
            score = 8 * bool(worker.disciplines & fit) - worker.load_at(when) + rng.uniform(0, 6)
            if score > best_score:
                best, best_score = worker, score
        if best is None:  # nobody had joined yet: the longest-serving colleague
            candidates = [w for w in workers if w.user_id not in exclude] or workers
            best = min(candidates, key=lambda w: w.joined)
        return best

    def _staff(self, story: Story, workers: list[Worker]) -> None:
        weight = story.weight_complexity * story.weight_intensity
        by_id = {w.user_id: w for w in workers}
        previous_lead: int | None = None
        for span in sorted(story.spans, key=lambda s: s.start):
            taken = {
                s.user_id for s in story.spans if s is not span and s.user_id is not None and s.end is None
            }
            taken |= {
                s.user_id
                for s in story.spans
                if s is not span and s.user_id is not None and s.end is not None and s.end > span.start
            }
            if (
                span.role == LEAD
                and span.reason == "Heropend"
                and previous_lead
                and previous_lead not in taken
            ):
                worker = by_id[previous_lead]
            else:
                if span.role == LEAD and previous_lead is not None:  # a transfer goes to someone else
                    taken.add(previous_lead)
                domain = story.domains[1] if span.role == CO and len(story.domains) > 1 else story.domains[0]
                chosen = self._choose(workers, span.start, domain=domain, exclude=taken)
                assert chosen is not None
                worker = chosen
            span.user_id = worker.user_id
            worker.take(span.end.timestamp() if span.end else NEVER, weight)
            if span.role == LEAD:
                previous_lead = worker.user_id

    # --- a team ---------------------------------------------------------------------------------
    def add_team(self, plan: TeamPlan, staff: list[StaffPlan], count: int) -> TeamCases:
        rng = self.rng
        workers = [
            Worker(
                user_id=s.user.pk,
                username=s.user.username,
                disciplines=set(s.disciplines),
                capacity=0.3 if s.user.role == Role.COORDINATOR else 1.0,
                joined=s.user.date_joined,
            )
            for s in staff
            if s.user.role in {Role.WORKER, Role.COORDINATOR}
        ]
        team = TeamCases(plan, workers, [])
        self.simulator.overdue_done = False  # every team gets an overdue bridging check-in
        households: list[HouseholdPlan] = []
        for registered in self._registrations(count):
            registrar = rng.choice([w for w in workers if w.joined <= registered] or workers)
            household = None
            if households and rng.random() < REPEAT_SHARE:
                month_ago = registered - datetime.timedelta(days=30)
                for candidate in rng.sample(households, k=min(6, len(households))):
                    if (
                        candidate.last_closed_at is not None
                        and not candidate.busy
                        and candidate.last_closed_at < month_ago
                    ):
                        household = candidate
                        break
            if household is None:
                household = self.people.household(
                    team=plan.team,
                    neighbourhoods=plan.area.neighbourhoods,
                    created=registered - datetime.timedelta(minutes=rng.randint(2, 15)),
                    created_by_id=registrar.user_id,
                )
                households.append(household)
                client = household.members[0]
            else:
                client = rng.choice(household.adults)
            story = self.simulator.run(household, client, registered, registrar.user_id)
            household.busy = story.is_open
            household.last_closed_at = story.closed_at
            self._staff(story, workers)
            team.stories.append(story)
        self.teams.append(team)
        return team

    # --- the demo log-in users ------------------------------------------------------------------
    def demo_caseload(self, team: TeamCases) -> None:
        """'medewerker' and 'coordinator' need open cases as lead, overdue items and tasks due this week."""
        for username, cases, overdue, this_week in (("medewerker", 10, 2, 3), ("coordinator", 3, 1, 1)):
            worker = next((w for w in team.workers if w.username == username), None)
            if worker is not None:
                self._top_up(team, worker, cases=cases, overdue=overdue, this_week=this_week)
        medewerker = next((w for w in team.workers if w.username == "medewerker"), None)
        if medewerker is not None:
            self._overdue_pickup(team, medewerker)

    def _top_up(self, team: TeamCases, worker: Worker, *, cases: int, overdue: int, this_week: int) -> None:
        rng, today = self.rng, self.today
        demo_ids = {w.user_id for w in team.workers if w.username in {"medewerker", "coordinator"}}

        def lead_of(story: Story) -> Span | None:
            return story.lead_now() if story.is_open else None

        mine = [
            s for s in team.stories if (lead := lead_of(s)) is not None and lead.user_id == worker.user_id
        ]
        others = [
            s
            for s in team.stories
            if (lead := lead_of(s)) is not None
            and lead.user_id not in demo_ids
            and s.status in {Status.EXECUTION, Status.EVALUATION, Status.PLANNING}
            and all(span.user_id != worker.user_id for span in s.spans if span.end is None)
        ]
        rng.shuffle(others)
        while len(mine) < cases and others:
            story = others.pop()
            lead = story.lead_now()
            assert lead is not None
            lead.user_id = worker.user_id
            mine.append(story)
        working = [s for s in mine if s.status != Status.REGISTERED] or mine
        if not working:
            return
        open_tasks = [t for s in mine for t in s.tasks if t.done_at is None]
        week_end = today + datetime.timedelta(days=max(0, 4 - today.weekday()))
        have_overdue = sum(1 for t in open_tasks if t.due_on < today)
        have_week = sum(1 for t in open_tasks if today <= t.due_on <= week_end)
        for _missing in range(max(0, overdue - have_overdue)):
            story = rng.choice(working)
            due = today - datetime.timedelta(days=rng.randint(1, 6))
            created = max(story.registered_at, self.now - datetime.timedelta(days=rng.randint(10, 20)))
            self._add_task(story, worker, "reminder", "Terugbellen over de aanvraag", created, due)
        for _missing in range(max(0, this_week - have_week)):
            story = rng.choice(working)
            due = today + datetime.timedelta(days=rng.randint(0, (week_end - today).days))
            created = max(story.registered_at, self.now - datetime.timedelta(days=rng.randint(1, 6)))
            self._add_task(story, worker, "check_in", "Even bellen hoe het gaat", created, due)

    def _add_task(
        self,
        story: Story,
        worker: Worker,
        kind: str,
        title: str,
        created: datetime.datetime,
        due: datetime.date,
    ) -> None:
        story.tasks.append(TaskRow(kind, title, created, due, user_id=worker.user_id))
        story.note("task", created, f"Taak: {title} (uiterlijk {due:%d-%m-%Y})")

    def _overdue_pickup(self, team: TeamCases, worker: Worker) -> None:
        """One complex case waiting past the pickup deadline, on the demo worker's list."""
        waiting = [
            s
            for s in team.stories
            if s.status == Status.REGISTERED
            and s.complexity == Complexity.COMPLEX
            and s.pickup_deadline is not None
            and s.pickup_deadline < self.today
        ]
        if any(s.lead_now() is not None and s.lead_now().user_id == worker.user_id for s in waiting):  # type: ignore[union-attr]
            return
        if not waiting:
            return
        story = waiting[0]
        lead = story.lead_now()
        if lead is not None:
            lead.user_id = worker.user_id
        else:
            start = story.registered_at + datetime.timedelta(hours=2)
            story.spans.append(Span(LEAD, start, None, "Toegewezen na aanmelding", worker.user_id))

"""Plain data for one simulated case (a Story) and the calendar it lives on. No database access here."""

from __future__ import annotations

import bisect
import datetime
import functools
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from buurtteam.cases.clock import is_working_day
from buurtteam.cases.models import Status, TimelineEntry
from buurtteam.cases.rules import can_transition
from buurtteam.demo.builders.people import HouseholdPlan, Person

LOCAL = ZoneInfo("Europe/Amsterdam")
LEAD, CO, REGISTRAR, CHAIR = "lead", "co", "registrar", "chair"


@functools.cache
def status_label(value: str) -> str:
    return str(Status(value).label)


class Calendar:
    """Working days (Dutch holidays excluded) between two dates, with fast arithmetic."""

    def __init__(self, start: datetime.date, end: datetime.date) -> None:
        days, day = [], start
        while day <= end:
            if is_working_day(day):
                days.append(day)
            day += datetime.timedelta(days=1)
        self.days = days
        self.ordinals = [d.toordinal() for d in days]

    def add(self, day: datetime.date, count: int) -> datetime.date:
        """``count`` working days after ``day`` (the pickup deadline rule of cases.clock)."""
        index = bisect.bisect_right(self.ordinals, day.toordinal()) + count - 1
        if count <= 0:
            index = bisect.bisect_left(self.ordinals, day.toordinal())
        index = min(max(index, 0), len(self.days) - 1)
        return self.days[index]

    def on_or_after(self, day: datetime.date) -> datetime.date:
        return self.add(day, 0)


def moment(
    rng: random.Random, day: datetime.date, *, start: float = 8.5, end: float = 17.0
) -> datetime.datetime:
    minutes = rng.randint(int(start * 60), int(end * 60))
    return datetime.datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=LOCAL)


@dataclass(slots=True)
class Entry:
    kind: str
    at: datetime.datetime
    text: str
    role: str | None
    mode: str = ""
    substantive: bool = False
    user_id: int | None = None


@dataclass(slots=True)
class Span:
    """An assignment: a worker on the case from ``start`` to ``end`` (None: still on it)."""

    role: str
    start: datetime.datetime
    end: datetime.datetime | None
    reason: str
    user_id: int | None = None


@dataclass(slots=True)
class Score:
    domain: str
    score: int
    reason: str
    involved: str = ""


@dataclass(slots=True)
class AssessmentRow:
    kind: str
    on: datetime.date
    scores: list[Score]
    strengths: str
    at: datetime.datetime


@dataclass(slots=True)
class ActionRow:
    description: str
    owner_kind: str
    owner_name: str
    due_on: datetime.date
    done_on: datetime.date | None


@dataclass(slots=True)
class GoalRow:
    domain: str
    description: str
    target_on: datetime.date
    actions: list[ActionRow]
    status: str = "open"


@dataclass(slots=True)
class TaskRow:
    kind: str
    title: str
    created_at: datetime.datetime
    due_on: datetime.date
    done_at: datetime.datetime | None = None
    user_id: int | None = None
    pk: int | None = None  # handed out when written (a bridging plan points at its task)


@dataclass(slots=True)
class ConversationRow:
    number: int
    held_on: datetime.date
    at: datetime.datetime
    mode: str
    participants: str
    note: str


@dataclass(slots=True)
class EvaluationRow:
    held_on: datetime.date
    at: datetime.datetime
    summary: str = ""
    outcome: str = ""
    completed_at: datetime.datetime | None = None
    assessment: int | None = None  # index into Story.assessments


# --- Network partners, referrals and safety (filled by referrals.py and network.py) ----------------
@dataclass(slots=True)
class ConsentRow:
    given_by: str
    purpose: str
    form: str
    given_on: datetime.date
    recorded_at: datetime.datetime
    withdrawn_on: datetime.date | None = None
    withdrawn_reason: str = ""


@dataclass(slots=True)
class CheckInRow:
    at: datetime.datetime
    mode: str
    wellbeing: str
    note: str


@dataclass(slots=True)
class BridgingRow:
    """The contact person is the case lead: who that is, is known only when the rows are written."""

    created_at: datetime.datetime
    interval: int
    support: str
    task: TaskRow  # the open check-in task while active, else the last one
    next_due: datetime.date
    active: bool = True
    last_check_in_at: datetime.datetime | None = None
    check_ins: list[CheckInRow] = field(default_factory=list)


@dataclass(slots=True)
class ReferralRow:
    partner_id: int
    partner_name: str
    specialist: bool
    domain: str | None
    question: str
    proposed_at: datetime.datetime
    status: str = "proposed"
    status_changed_at: datetime.datetime | None = None
    sent_at: datetime.datetime | None = None
    answered_at: datetime.datetime | None = None
    rejection_reason: str = ""
    expected_start: datetime.date | None = None
    actual_start: datetime.date | None = None
    ended_at: datetime.datetime | None = None
    cancel_reason: str = ""
    feedback: str = ""
    feedback_at: datetime.datetime | None = None
    consent: ConsentRow | None = None
    bridging: BridgingRow | None = None


@dataclass(slots=True)
class PartnerAgreementRow:
    partner_id: int | None
    party: str
    what: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    afterwards: str
    created_at: datetime.datetime
    ended_at: datetime.datetime | None = None


@dataclass(slots=True)
class StepRow:
    number: int
    done_on: datetime.date
    signed_at: datetime.datetime
    note: str
    answers: dict[str, object]


@dataclass(slots=True)
class ReportRow:
    reported_on: datetime.date
    reference: str
    resident_informed: bool
    not_informed_reason: str
    note: str
    recorded_at: datetime.datetime


@dataclass(slots=True)
class TrackRow:
    concern: str
    started_at: datetime.datetime
    status: str = "open"
    steps: list[StepRow] = field(default_factory=list)
    ended_at: datetime.datetime | None = None
    stop_reason: str = ""
    report: ReportRow | None = None


@dataclass
class Story:
    household: HouseholdPlan
    client: Person
    registered_at: datetime.datetime
    registrar_id: int
    channel: str
    referrer: str
    urgency: str
    complexity: str
    question: str
    domains: list[str]
    advice: str = ""
    safety: bool = False
    weight_complexity: int = 2
    weight_intensity: int = 2
    status: str = Status.REGISTERED
    status_changed_at: datetime.datetime | None = None
    first_contact_at: datetime.datetime | None = None
    last_contact_at: datetime.datetime | None = None
    closed_at: datetime.datetime | None = None
    closure_reason: str = ""
    closure_note: str = ""
    satisfaction: int | None = None
    closed_at_registration: bool = False
    reopened_count: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    conversations: list[ConversationRow] = field(default_factory=list)
    assessments: list[AssessmentRow] = field(default_factory=list)
    goals: list[GoalRow] = field(default_factory=list)
    agreements: list[datetime.date] = field(default_factory=list)
    timeline: list[Entry] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    evaluations: list[EvaluationRow] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    pickup_deadline: datetime.date | None = None
    referrals: list[ReferralRow] = field(default_factory=list)
    partner_agreements: list[PartnerAgreementRow] = field(default_factory=list)
    meldcode: list[TrackRow] = field(default_factory=list)
    crisis_since: datetime.datetime | None = None
    crisis_note: str = ""
    case_id: int = 0  # set when the case row is written

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    def note(
        self, kind: str, at: datetime.datetime, text: str, role: str | None = LEAD, **extra: object
    ) -> None:
        self.timeline.append(Entry(kind, at, text, role, **extra))  # type: ignore[arg-type]

    def contact(self, at: datetime.datetime, *, substantive: bool = True) -> None:
        if self.last_contact_at is None or at > self.last_contact_at:
            self.last_contact_at = at
        if substantive and (self.first_contact_at is None or at < self.first_contact_at):
            self.first_contact_at = at

    def move(self, target: str, at: datetime.datetime, *, reason: str = "", role: str | None = LEAD) -> None:
        """A phase change by the rules of the real state machine, with its timeline line."""
        if not can_transition(self.status, target):
            raise ValueError(f"demo story breaks the state machine: {self.status} -> {target}")
        old, new = status_label(self.status), status_label(target)
        self.status, self.status_changed_at = target, at
        text = f"Fase: {old} → {new}. {reason}".strip()
        self.note(TimelineEntry.Kind.STATUS, at, text, role)

    def active(self, role: str, at: datetime.datetime) -> Span | None:
        found = None
        for span in self.spans:
            if span.role == role and span.start <= at and (span.end is None or span.end > at):
                found = span
        return found

    def author(self, role: str | None, at: datetime.datetime) -> int | None:
        """The user behind a role at a moment: the lead then (or the first lead), else the registrar."""
        if role == REGISTRAR or role is None:
            return self.registrar_id
        spans = self.spans
        if len(spans) == 1:  # the usual case: one lead from start to end
            return spans[0].user_id or self.registrar_id
        span = self.active(role, at) or self.active(LEAD, at)
        if span is None:
            leads = [s for s in self.spans if s.role == LEAD]
            span = leads[0] if leads else None
        return span.user_id if span is not None and span.user_id is not None else self.registrar_id

    def lead_now(self) -> Span | None:
        return next((s for s in self.spans if s.role == LEAD and s.end is None), None)

"""Request and response bodies of the dossier: intake, assessments, the plan, the timeline, tasks and
evaluations."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from buurtteam.api.schemas.choices import (
    AssessmentKindValue,
    ContactModeValue,
    GoalStatusValue,
    OutcomeValue,
    OwnerKindValue,
    StatusValue,
    TaskKindValue,
    TimelineKindValue,
)
from buurtteam.api.schemas.common import DomainCode, Id, In, IsoDate, IsoDateTime, Ref, text
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
    TimelineEntry,
)


# --- Intake -----------------------------------------------------------------------------------------
class ConversationIn(In):
    held_on: IsoDate
    mode: ContactModeValue
    participants: str = text(IntakeConversation, "participants", required=True)
    note: str = text(IntakeConversation, "note")


class ConversationOut(Schema):
    id: int
    number: int
    held_on: datetime.date
    mode: ContactModeValue
    participants: str
    note: str = Field(description="Plain text as written; never HTML.")


class ProblemIn(In):
    domain: DomainCode
    description: str = text(Problem, "description", required=True)


class ProblemsIn(In):
    problems: list[ProblemIn] = Field(min_length=1, max_length=50, description="Most pressing first.")


class ProblemOut(Schema):
    rank: int
    domain: str
    domain_name: str
    description: str


# --- Assessments ------------------------------------------------------------------------------------
class ScoreIn(In):
    domain: DomainCode
    score: Annotated[StrictInt, Field(ge=1, le=5)]
    reason: str = text(DomainScore, "reason", required=True)
    note: str = text(DomainScore, "note")
    involved: str = text(DomainScore, "involved")


class AssessmentIn(In):
    kind: AssessmentKindValue
    assessed_on: IsoDate
    strengths: str = text(Assessment, "strengths")
    scores: list[ScoreIn] = Field(
        min_length=1,
        max_length=50,
        description="Only the domains that matter for the question, each with why.",
    )


class ScoreOut(Schema):
    domain: str
    domain_name: str
    score: int
    reason: str
    note: str
    involved: str


class AssessmentOut(Schema):
    id: int
    kind: AssessmentKindValue
    instrument: str
    instrument_version: str
    assessed_on: datetime.date
    strengths: str
    scores: list[ScoreOut]


# --- Plan -----------------------------------------------------------------------------------------
class GoalIn(In):
    domain: DomainCode
    description: str = text(Goal, "description", required=True)
    target_on: IsoDate | None = None


class ActionIn(In):
    description: str = text(PlanAction, "description", required=True)
    owner_kind: OwnerKindValue
    owner_name: str = text(PlanAction, "owner_name")
    owner_user_id: Id | None = None
    due_on: IsoDate | None = None


class ActionOut(Schema):
    id: int
    description: str
    owner_kind: OwnerKindValue
    owner_name: str
    owner_user_id: int | None
    due_on: datetime.date | None
    done_on: datetime.date | None


class GoalOut(Schema):
    id: int
    domain: str
    domain_name: str
    description: str
    status: GoalStatusValue
    target_on: datetime.date | None
    actions: list[ActionOut]


class PlanOut(Schema):
    id: int
    version: int
    lead_id: int | None
    agreed_on: datetime.date | None
    agreed_by: str
    agreement_note: str
    goals: list[GoalOut]


class PlanAgreeIn(In):
    agreed_by: str = text(SupportPlan, "agreed_by", required=True)
    note: str = text(SupportPlan, "agreement_note")


class PlanAgreedOut(Schema):
    id: int
    version: int
    agreed_on: datetime.date | None
    agreed_by: str
    case_status: StatusValue


# --- Timeline ---------------------------------------------------------------------------------------
class TimelineQuery(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    kind: TimelineKindValue | None = None


class TimelineEntryOut(Schema):
    id: int
    kind: TimelineKindValue
    occurred_at: datetime.datetime
    author: Ref | None
    text: str = Field(description="Plain text as written; never HTML.")
    contact_mode: ContactModeValue | Literal[""]
    is_substantive: bool


class TimelinePage(Schema):
    page: int
    pages: int
    count: int
    items: list[TimelineEntryOut]


class ContactIn(In):
    occurred_at: IsoDateTime
    text: str = text(TimelineEntry, "text", required=True)
    kind: Literal["contact", "note"] = "contact"
    contact_mode: ContactModeValue | Literal[""] = ""
    is_substantive: StrictBool = True


# --- Tasks and evaluations ------------------------------------------------------------------------------
class TaskIn(In):
    title: str = text(Task, "title", required=True)
    due_on: IsoDate
    assignee_id: Id
    kind: TaskKindValue = "reminder"


class TaskOut(Schema):
    id: int
    kind: TaskKindValue
    title: str
    due_on: datetime.date
    assignee: Ref
    done_at: datetime.datetime | None


class EvaluationIn(In):
    held_on: IsoDate


class EvaluationCompleteIn(In):
    summary: str = text(Evaluation, "summary", required=True)
    outcome: OutcomeValue


class EvaluationOut(Schema):
    id: int
    case_id: int
    held_on: datetime.date
    summary: str
    outcome: OutcomeValue | Literal[""]
    completed_at: datetime.datetime | None

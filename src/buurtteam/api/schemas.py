"""Request and response bodies of the API.

Inputs reject unknown fields (``extra="forbid"``), take JSON types strictly (no ``"5"`` for 5, no ``1`` for
true) and dates only as ISO text. Text limits are read from the models, so the API refuses what the database
(or the model's intent, for text fields the database does not limit) would not keep. Choice fields are
``Literal`` types; ``tests/test_schemas.py`` checks that they list exactly the models' choices.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal, cast

from django.db import models
from django.utils import timezone
from ninja import Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)
from pydantic_core import PydanticCustomError

from buurtteam.cases.models import (
    Assessment,
    Case,
    DomainScore,
    Evaluation,
    Goal,
    IntakeConversation,
    LifeDomain,
    PlanAction,
    Problem,
    SupportPlan,
    Task,
    TimelineEntry,
)
from buurtteam.residents.models import NetworkMember, Resident

MAX_ID = 10**18  # ids are bigints; a limit keeps absurd numbers from reaching the database driver


def max_length(model: type[models.Model], field: str) -> int:
    """The model's own limit, so that schema and model cannot drift apart."""
    value = cast("models.Field[Any, Any]", model._meta.get_field(field)).max_length
    assert value is not None, f"{model.__name__}.{field} has no max_length"
    return value


def text(model: type[models.Model], field: str, *, required: bool = False) -> Any:
    """A string field limited like ``model.field``: required (at least one character) or empty by default."""
    if required:
        return Field(max_length=max_length(model, field), min_length=1)
    return Field("", max_length=max_length(model, field))


def patch_text(model: type[models.Model], field: str, *, required: bool = False) -> Any:
    """The same limit for a field that may be left out of a PATCH."""
    return Field(None, max_length=max_length(model, field), min_length=1 if required else None)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _iso_date_text(value: Any) -> Any:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise PydanticCustomError("date_type", "Vul een datum in als JJJJ-MM-DD.")
    return value


def _iso_datetime_text(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATETIME.match(value):
        raise PydanticCustomError("datetime_type", "Vul een tijdstip in als JJJJ-MM-DDTUU:MM (ISO 8601).")
    return value


def _aware(value: datetime.datetime) -> datetime.datetime:
    """A time without zone is Dutch local time."""
    return timezone.make_aware(value) if timezone.is_naive(value) else value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date_text)]
IsoDateTime = Annotated[datetime.datetime, BeforeValidator(_iso_datetime_text), AfterValidator(_aware)]
Id = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]

# Choices (checked against the models' TextChoices in tests).
GenderValue = Literal["female", "male", "other", "unknown"]
ChannelValue = Literal["phone", "walk_in", "email", "home_visit", "consultation_hour"]
ReferrerValue = Literal[
    "self",
    "gp",
    "front_office",
    "school",
    "police",
    "veilig_thuis",
    "neighbour",
    "community_centre",
    "partner",
    "other",
]
UrgencyValue = Literal["normal", "urgent", "crisis"]
ComplexityValue = Literal["simple", "complex"]
StatusValue = Literal["registered", "intake", "assessment", "planning", "execution", "evaluation", "closed"]
ClosureReasonValue = Literal[
    "goals_reached", "handled_in_team", "referred", "moved", "resident_stopped", "no_longer_needed"
]
ContactModeValue = Literal["home_visit", "office", "phone", "video", "outreach"]
AssessmentKindValue = Literal["intake", "evaluation", "closing"]
TaskKindValue = Literal["reminder", "evaluation", "check_in", "bridging", "other"]
OutcomeValue = Literal["continue", "adjust", "close"]
OwnerKindValue = Literal["resident", "network", "volunteer", "team_member", "partner"]
GoalStatusValue = Literal["open", "reached", "partly", "not_reached"]
NetworkKindValue = Literal["informal", "formal"]
NetworkRoleValue = Literal[
    "family",
    "neighbour",
    "informal_carer",
    "friend",
    "volunteer",
    "gp",
    "school",
    "partner_organisation",
    "guardian",
    "other",
]
RelationValue = Literal[
    "self",
    "partner",
    "child",
    "foster_child",
    "parent",
    "sibling",
    "grandparent",
    "other_family",
    "housemate",
]
TimelineKindValue = Literal[
    "contact",
    "note",
    "status",
    "assignment",
    "conversation",
    "assessment",
    "plan",
    "task",
    "evaluation",
    "decision",
    "referral",
    "crisis",
]
DomainCode = Annotated[str, Field(min_length=1, max_length=max_length(LifeDomain, "code"))]


def choice(value: str) -> Any:
    """A model's choice value for a ``Literal`` field of a response (pydantic checks it when it is built)."""
    return value


class In(Schema):
    """Base of every request body: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


# --- Errors ---------------------------------------------------------------------------------------
class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in Dutch.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Messages per field (dotted path, e.g. `scores.0.reason`); `__all__`: the whole request.",
    )


class DuplicateOut(Schema):
    resident_id: int
    score: int
    reasons: list[str]
    visible: bool = Field(description="False: the resident belongs to another team; no details are shown.")
    label: str
    team_name: str


class DuplicateErrorOut(ErrorOut):
    duplicates: list[DuplicateOut]


# --- Small shared parts ------------------------------------------------------------------------------
class Ref(Schema):
    id: int
    name: str


# --- Residents -------------------------------------------------------------------------------------
class ResidentIn(In):
    first_name: str = text(Resident, "first_name", required=True)
    last_name: str = text(Resident, "last_name", required=True)
    birth_date: IsoDate | None = None
    gender: GenderValue = "unknown"
    bsn: str = Field(
        "", max_length=12, description="Nine digits passing the elfproef; dots and spaces allowed."
    )
    street: str = text(Resident, "street")
    house_number: str = text(Resident, "house_number")
    postcode: str = Field("", max_length=7, description="A postcode in the organisation's municipality.")
    city: str = text(Resident, "city")
    phone: str = text(Resident, "phone")
    email: str = text(Resident, "email")
    preferred_language: str = Field("Nederlands", max_length=max_length(Resident, "preferred_language"))
    interpreter_needed: StrictBool = False


NOT_NULL = "Dit veld kan niet leeg worden gemaakt; laat het weg om het niet te wijzigen."


def _not_null(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError("not_null", NOT_NULL)
    return value


NotNull = BeforeValidator(_not_null)


class ResidentCreateIn(ResidentIn):
    allow_duplicate: StrictBool = Field(
        False,
        description="Register even though similar residents exist (otherwise: 409 with the candidates).",
    )


class ResidentPatch(In):
    """Only the fields sent are changed. ``birth_date`` may be null (unknown); other fields may not."""

    first_name: Annotated[str | None, NotNull] = patch_text(Resident, "first_name", required=True)
    last_name: Annotated[str | None, NotNull] = patch_text(Resident, "last_name", required=True)
    birth_date: IsoDate | None = None
    gender: Annotated[GenderValue | None, NotNull] = None
    bsn: Annotated[str | None, NotNull] = Field(None, max_length=12)
    street: Annotated[str | None, NotNull] = patch_text(Resident, "street")
    house_number: Annotated[str | None, NotNull] = patch_text(Resident, "house_number")
    postcode: Annotated[str | None, NotNull] = Field(None, max_length=7)
    city: Annotated[str | None, NotNull] = patch_text(Resident, "city")
    phone: Annotated[str | None, NotNull] = patch_text(Resident, "phone")
    email: Annotated[str | None, NotNull] = patch_text(Resident, "email")
    preferred_language: Annotated[str | None, NotNull] = patch_text(Resident, "preferred_language")
    interpreter_needed: Annotated[StrictBool | None, NotNull] = None


class ResidentQuery(Schema):
    q: str = Field(
        "",
        max_length=100,
        description="Name (any order, accents ignored), a BSN (exact) or a birth date (dd-mm-jjjj).",
    )


class ResidentListItem(Schema):
    id: int
    first_name: str
    last_name: str
    full_name: str
    birth_date: datetime.date | None
    masked_bsn: str = Field(description="Only the last three digits.")
    postcode: str
    team: Ref | None


class ResidentOut(Schema):
    id: int
    first_name: str
    last_name: str
    full_name: str
    birth_date: datetime.date | None
    gender: GenderValue
    bsn: str = Field(
        description="Full BSN: case workers with the whole dossier of a household case (audited), else empty."
    )
    masked_bsn: str
    street: str
    house_number: str
    postcode: str
    city: str
    address: str
    neighbourhood: str | None
    team: Ref | None
    household_id: int | None
    phone: str
    email: str
    preferred_language: str
    interpreter_needed: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime


# --- Households ------------------------------------------------------------------------------------
class HouseholdMemberOut(Schema):
    id: int
    resident_id: int
    full_name: str
    birth_date: datetime.date | None
    relation: RelationValue
    is_contact: bool


class NetworkMemberIn(In):
    kind: NetworkKindValue
    role: NetworkRoleValue
    name: str = text(NetworkMember, "name", required=True)
    organisation_name: str = text(NetworkMember, "organisation_name")
    phone: str = text(NetworkMember, "phone")
    email: str = text(NetworkMember, "email")
    note: str = text(NetworkMember, "note")


class NetworkMemberOut(Schema):
    id: int
    kind: NetworkKindValue
    role: NetworkRoleValue
    name: str
    organisation_name: str
    phone: str
    email: str
    note: str


class HouseholdOut(Schema):
    id: int
    name: str
    team: Ref | None
    members: list[HouseholdMemberOut]
    network: list[NetworkMemberOut]


# --- Cases -----------------------------------------------------------------------------------------
class CaseListQuery(Schema):
    team_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="A team's cases; without it: the cases you work on."
    )
    status: StatusValue | None = None
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000_000)


class CaseListItem(Schema):
    id: int
    reference: str
    status: StatusValue
    team: Ref
    client_name: str
    lead: Ref | None
    registered_at: datetime.datetime
    pickup_overdue: bool = Field(
        description="A complex question not picked up within the target working days."
    )
    crisis: bool = Field(description="Marked as crisis: listed first.")
    crisis_since: datetime.datetime | None


class CasePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[CaseListItem]


class AssignmentOut(Schema):
    id: int
    user_id: int
    name: str
    is_lead: bool
    started_at: datetime.datetime


class CaseSummaryOut(Schema):
    """What every member of the case's team may see."""

    access: Literal["summary"] = "summary"
    id: int
    reference: str
    status: StatusValue
    team: Ref
    client_name: str
    lead: Ref | None
    registered_at: datetime.datetime
    pickup_overdue: bool
    crisis: bool
    crisis_since: datetime.datetime | None
    assignments: list[AssignmentOut]


class CaseFullOut(CaseSummaryOut):
    """The whole case, for the workers on it, the team's coordinator and break-the-glass."""

    access: Literal["full"] = "full"  # type: ignore[assignment]
    client_id: int
    household_id: int
    channel: ChannelValue
    referrer: ReferrerValue
    question: str
    urgency: UrgencyValue
    complexity: ComplexityValue
    advice_given: str
    safety_concern: bool
    crisis_note: str
    status_changed_at: datetime.datetime
    first_contact_at: datetime.datetime | None
    last_contact_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    closure_reason: ClosureReasonValue | Literal[""]
    closure_note: str
    satisfaction: int | None
    reopened_count: int


class CaseRegisterIn(In):
    """Register a question: for an existing resident (``client_id``) or a new one (``resident``)."""

    client_id: Id | None = None
    resident: ResidentIn | None = None
    allow_duplicate: StrictBool = Field(
        False, description="Register a new resident even though similar residents exist."
    )
    channel: ChannelValue
    referrer: ReferrerValue
    question: str = text(Case, "question", required=True)
    urgency: UrgencyValue = "normal"
    complexity: ComplexityValue = "complex"
    advice_given: str = text(Case, "advice_given")
    safety_concern: StrictBool = False
    close_now: StrictBool = Field(False, description="A simple question answered at first contact.")

    @model_validator(mode="after")
    def one_client(self) -> CaseRegisterIn:
        if (self.client_id is None) == (self.resident is None):
            raise PydanticCustomError(
                "client_choice",
                "Kies een bestaande inwoner (client_id) of geef een nieuwe inwoner op (resident), "
                "niet allebei.",
            )
        return self


class CaseStateOut(Schema):
    id: int
    reference: str
    status: StatusValue
    status_changed_at: datetime.datetime
    closed_at: datetime.datetime | None
    closure_reason: ClosureReasonValue | Literal[""]
    reopened_count: int


class CloseIn(In):
    reason: ClosureReasonValue
    note: str = text(Case, "closure_note")
    satisfaction: Annotated[StrictInt, Field(ge=1, le=10)] | None = None


class ReopenIn(In):
    reason: str = Field(min_length=1, max_length=2000)


class AssignIn(In):
    user_id: Id
    as_lead: StrictBool = False
    reason: str = Field("", max_length=500)


class TransferIn(In):
    to_user_id: Id
    reason: str = Field(min_length=1, max_length=500)


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

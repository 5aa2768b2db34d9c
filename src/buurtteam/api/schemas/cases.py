"""Request and response bodies of cases: lists, the two access levels, registration, closing, reopening,
assignment and transfer."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from buurtteam.api.schemas.choices import (
    ChannelValue,
    ClosureReasonValue,
    ComplexityValue,
    ReferrerValue,
    StatusValue,
    UrgencyValue,
)
from buurtteam.api.schemas.common import MAX_ID, Id, In, Ref, text
from buurtteam.api.schemas.residents import ResidentIn
from buurtteam.cases.models import Case


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


class CaseCloseIn(In):
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

"""Request and response bodies for partners, referrals (with consent), bridging, the waitlist and agreements.

The same conventions as ``schemas.py``: inputs refuse unknown fields and take JSON types strictly, text limits
come from the models, and choice fields are ``Literal`` types checked against the models in the tests.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from buurtteam.api.schemas import (
    MAX_ID,
    DomainCode,
    Id,
    In,
    IsoDate,
    IsoDateTime,
    NotNull,
    Ref,
    patch_text,
    text,
)
from buurtteam.referrals.models import (
    Agreement,
    BridgingPlan,
    CheckIn,
    Consent,
    PartnerContact,
    PartnerOrganisation,
    Referral,
)

PartnerKindValue = Literal[
    "gp",
    "youth_care",
    "mental_health",
    "addiction",
    "disability",
    "veilig_thuis",
    "police",
    "housing",
    "debt",
    "income",
    "school",
    "front_office",
    "mee",
    "home_care",
    "welfare",
    "other",
]
ReferralStatusValue = Literal[
    "proposed", "sent", "accepted", "rejected", "waiting", "started", "finished", "cancelled"
]
ConsentFormValue = Literal["verbal", "written", "digital"]
CheckInModeValue = Literal["phone", "home_visit", "office", "video", "message"]
WellbeingValue = Literal["stable", "better", "worse", "no_contact"]
WaitWeeks = Annotated[StrictInt, Field(ge=0, le=104)]
IntervalDays = Annotated[StrictInt, Field(ge=1, le=90)]


# --- Partners ------------------------------------------------------------------------------------------
class PartnerListQuery(Schema):
    q: str = Field("", max_length=100, description="Part of the name or of what the partner offers.")
    kind: PartnerKindValue | None = None
    active: bool | None = Field(None, description="true: active partners only; false: inactive only.")
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000_000)


class PartnerIn(In):
    name: str = text(PartnerOrganisation, "name", required=True)
    kind: PartnerKindValue
    is_specialist: StrictBool | None = Field(
        None,
        description="Referrals here count as specialist care (80/20). Left out: true for youth care, "
        "mental health, addiction and disability care.",
    )
    offer: str = text(PartnerOrganisation, "offer")
    usual_wait_weeks: WaitWeeks | None = None
    phone: str = text(PartnerOrganisation, "phone")
    email: str = text(PartnerOrganisation, "email")
    website: str = text(PartnerOrganisation, "website")
    address: str = text(PartnerOrganisation, "address")
    notes: str = text(PartnerOrganisation, "notes")
    active: StrictBool = True


class PartnerPatch(In):
    """Only the fields sent are changed. ``usual_wait_weeks`` may be null (unknown); other fields may not."""

    name: Annotated[str | None, NotNull] = patch_text(PartnerOrganisation, "name", required=True)
    kind: Annotated[PartnerKindValue | None, NotNull] = None
    is_specialist: Annotated[StrictBool | None, NotNull] = None
    offer: Annotated[str | None, NotNull] = patch_text(PartnerOrganisation, "offer")
    usual_wait_weeks: WaitWeeks | None = None
    phone: Annotated[str | None, NotNull] = patch_text(PartnerOrganisation, "phone")
    email: Annotated[str | None, NotNull] = patch_text(PartnerOrganisation, "email")
    website: Annotated[str | None, NotNull] = patch_text(PartnerOrganisation, "website")
    address: Annotated[str | None, NotNull] = patch_text(PartnerOrganisation, "address")
    notes: Annotated[str | None, NotNull] = patch_text(PartnerOrganisation, "notes")
    active: Annotated[StrictBool | None, NotNull] = None


class PartnerContactIn(In):
    name: str = text(PartnerContact, "name", required=True)
    function: str = text(PartnerContact, "function")
    phone: str = text(PartnerContact, "phone")
    email: str = text(PartnerContact, "email")


class PartnerContactOut(Schema):
    id: int
    name: str
    function: str
    phone: str
    email: str


class PartnerListItem(Schema):
    id: int
    name: str
    kind: PartnerKindValue
    is_specialist: bool
    usual_wait_weeks: int | None
    phone: str
    email: str
    website: str
    active: bool


class PartnerPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PartnerListItem]


class PartnerOut(PartnerListItem):
    offer: str
    address: str
    notes: str = Field(description="Working agreements with this partner; plain text.")
    updated_at: datetime.datetime
    contacts: list[PartnerContactOut]


# --- Referrals and consent -----------------------------------------------------------------------------
class ReferralProposeIn(In):
    partner_id: Id
    question: str = text(Referral, "question", required=True)
    domain: DomainCode | None = Field(None, description="Life domain code, e.g. `parenting`.")
    goal_id: Id | None = Field(None, description="A goal of the household's plan.")


class ConsentIn(In):
    given_by: str = text(Consent, "given_by", required=True)
    purpose: str = text(Consent, "purpose", required=True)
    form: ConsentFormValue = "verbal"
    given_on: IsoDate


class ConsentWithdrawIn(In):
    withdrawn_on: IsoDate
    reason: str = text(Consent, "withdrawn_reason")


class ConsentOut(Schema):
    id: int
    given_by: str
    purpose: str
    form: ConsentFormValue
    given_on: datetime.date
    recorded_by_id: int | None
    recorded_at: datetime.datetime
    withdrawn_on: datetime.date | None
    withdrawn_reason: str
    active: bool = Field(description="Not withdrawn: the referral may be sent on this consent.")


class BridgingPlanOut(Schema):
    id: int
    referral_id: int
    active: bool = Field(description="False once the help started or the referral ended.")
    contact: Ref = Field(description="The colleague who keeps contact while the resident waits.")
    interval_days: int
    support: str = Field(description="What support continues meanwhile; plain text.")
    next_due: datetime.date
    last_check_in_at: datetime.datetime | None
    overdue: bool
    created_at: datetime.datetime


class ReferralOut(Schema):
    id: int
    case_id: int
    partner: Ref
    domain: str | None
    domain_name: str | None
    goal_id: int | None
    question: str = Field(description="Plain text as written; never HTML.")
    is_specialist: bool
    status: ReferralStatusValue
    status_changed_at: datetime.datetime
    proposed_at: datetime.datetime
    sent_at: datetime.datetime | None
    answered_at: datetime.datetime | None
    rejection_reason: str
    expected_start: datetime.date | None
    actual_start: datetime.date | None
    ended_at: datetime.datetime | None
    cancel_reason: str
    feedback: str
    feedback_at: datetime.datetime | None
    created_by_id: int | None
    has_consent: bool = Field(description="At least one consent that is not withdrawn.")
    consents: list[ConsentOut]
    bridging: BridgingPlanOut | None


class SendIn(In):
    contact_id: Id | None = Field(
        None, description="Who keeps contact while the resident waits; left out: you."
    )
    interval_days: IntervalDays = 14
    support: str = text(BridgingPlan, "support")
    expected_start: IsoDate | None = None


class AnswerIn(In):
    accepted: StrictBool
    reason: str = Field("", max_length=1000, description="Required when the partner refused.")
    expected_start: IsoDate | None = None


class WaitIn(In):
    expected_start: IsoDate | None = None


class ReferralStartIn(In):
    started_on: IsoDate


class FinishIn(In):
    feedback: str = text(Referral, "feedback")


class CancelIn(In):
    reason: str = text(Referral, "cancel_reason", required=True)


class FeedbackIn(In):
    feedback: str = text(Referral, "feedback", required=True)


# --- The waitlist and bridging --------------------------------------------------------------------------
class WaitlistItem(Schema):
    referral_id: int
    case_id: int
    case_reference: str
    client_name: str
    partner: Ref
    status: ReferralStatusValue
    sent_at: datetime.datetime | None
    expected_start: datetime.date | None
    waiting_days: int
    plan_id: int | None
    contact: Ref | None
    next_due: datetime.date | None
    overdue_days: int = Field(description="Days past the agreed check-in (0: on time).")
    no_plan: bool = Field(description="Waiting without an active bridging plan.")
    overdue: bool


class OverdueQuery(Schema):
    team_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="A team's overdue check-ins; without it: the ones you keep."
    )


class OverdueItem(Schema):
    plan_id: int
    referral_id: int
    case_id: int
    case_reference: str
    client_name: str
    partner: Ref
    contact: Ref
    next_due: datetime.date
    overdue_days: int
    last_check_in_at: datetime.datetime | None


class BridgingPatch(In):
    """Only the fields sent are changed."""

    contact_id: Annotated[Id | None, NotNull] = None
    interval_days: Annotated[IntervalDays | None, NotNull] = None
    support: Annotated[str | None, NotNull] = patch_text(BridgingPlan, "support")


class CheckInIn(In):
    occurred_at: IsoDateTime
    mode: CheckInModeValue
    wellbeing: WellbeingValue
    note: str = text(CheckIn, "note")


class CheckInOut(Schema):
    id: int
    plan_id: int
    occurred_at: datetime.datetime
    mode: CheckInModeValue
    wellbeing: WellbeingValue
    note: str = Field(description="Plain text as written; never HTML.")
    author: Ref | None


# --- Agreements -------------------------------------------------------------------------------------------
class AgreementQuery(Schema):
    include_ended: bool = Field(True, description="false: only the agreements that still run.")


class AgreementIn(In):
    """Wie doet wat, wanneer, en hoe verder. ``party`` may be left out when a partner is given."""

    partner_id: Id | None = None
    party: str = text(Agreement, "party")
    what: str = text(Agreement, "what", required=True)
    starts_on: IsoDate
    ends_on: IsoDate | None = None
    afterwards: str = text(Agreement, "afterwards")
    goal_id: Id | None = None


class AgreementOut(Schema):
    id: int
    case_id: int
    partner: Ref | None
    party: str
    what: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    afterwards: str
    goal_id: int | None
    created_by_id: int | None
    created_at: datetime.datetime
    ended_at: datetime.datetime | None
    active: bool

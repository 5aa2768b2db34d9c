"""Request and response bodies for the meldcode track and the crisis flag."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from buurtteam.api.schemas import In, IsoDate, Ref, text
from buurtteam.cases.models import Case
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, VeiligThuisReport
from buurtteam.safety.services.meldcode import ONLY_FOR

TrackStatusValue = Literal["open", "decided", "stopped"]
StepNumberValue = Literal[1, 2, 3, 4, 5]


# --- Meldcode ------------------------------------------------------------------------------------------
class TrackStartIn(In):
    concern: str = text(MeldcodeTrack, "concern", required=True)


class StepIn(In):
    """One step, signed by you. Steps go in order (1 to 5) and each is signed once. Send only the answers of
    this step: ``consulted``/``advice_*`` for step 2, ``talked_with``/``no_talk_reason`` for step 3, the five
    weighing questions for step 4, and the two decisions for step 5."""

    number: Annotated[StrictInt, Field(ge=1, le=5)]
    done_on: IsoDate
    note: str = text(MeldcodeStep, "note", required=True)
    consulted: str | None = Field(None, max_length=300, description="Step 2.")
    advice_veilig_thuis: StrictBool | None = Field(None, description="Step 2.")
    advice_anonymous: StrictBool | None = Field(None, description="Step 2.")
    talked_with: str | None = Field(None, max_length=300, description="Step 3.")
    no_talk_reason: str | None = Field(None, max_length=1000, description="Step 3.")
    suspicion: StrictBool | None = Field(None, description="Step 4, question 1.")
    unsafety: StrictBool | None = Field(None, description="Step 4, question 2.")
    can_help: StrictBool | None = Field(None, description="Step 4, question 3.")
    accepts_help: StrictBool | None = Field(None, description="Step 4, question 4.")
    lasting_safety: StrictBool | None = Field(None, description="Step 4, question 5.")
    report_necessary: StrictBool | None = Field(None, description="Step 5, decision 1.")
    help_possible: StrictBool | None = Field(None, description="Step 5, decision 2.")

    @model_validator(mode="after")
    def answers_of_this_step(self) -> StepIn:
        foreign = sorted(
            name
            for name in self.model_fields_set
            if name in ONLY_FOR and ONLY_FOR[name] != self.number and getattr(self, name) is not None
        )
        if foreign:
            raise PydanticCustomError(
                "step_field",
                "Deze velden horen niet bij stap {n}: {fields}.",
                {"n": self.number, "fields": ", ".join(foreign)},
            )
        return self

    def answers(self) -> dict[str, Any]:
        return self.model_dump(exclude={"number", "done_on", "note"}, exclude_none=True)


class TrackStopIn(In):
    reason: str = text(MeldcodeTrack, "stop_reason", required=True)


class ReportIn(In):
    reported_on: IsoDate
    reference: str = text(VeiligThuisReport, "reference")
    resident_informed: StrictBool = True
    not_informed_reason: str = Field(
        "",
        max_length=1000,
        description="Required when the resident was not informed beforehand.",
    )
    note: str = text(VeiligThuisReport, "note")


class StepOut(Schema):
    id: int
    number: StepNumberValue
    label: str
    done_on: datetime.date
    note: str = Field(description="Plain text as written; never HTML.")
    signed_by: Ref | None
    signed_at: datetime.datetime
    consulted: str
    advice_veilig_thuis: bool
    advice_anonymous: bool
    talked_with: str
    no_talk_reason: str
    suspicion: bool | None
    unsafety: bool | None
    can_help: bool | None
    accepts_help: bool | None
    lasting_safety: bool | None
    report_necessary: bool | None
    help_possible: bool | None


class ReportOut(Schema):
    id: int
    reported_on: datetime.date
    reported_by: Ref | None
    reference: str
    resident_informed: bool
    not_informed_reason: str
    note: str
    recorded_at: datetime.datetime


class TrackStateOut(Schema):
    id: int
    case_id: int
    status: TrackStatusValue
    concern: str = Field(description="Plain text as written; never HTML.")
    started_at: datetime.datetime
    ended_at: datetime.datetime | None
    stop_reason: str


class TrackOut(TrackStateOut):
    started_by: Ref | None
    next_step: StepNumberValue | None = Field(description="The step to record next (null: not open).")
    steps: list[StepOut]
    report: ReportOut | None


# --- Crisis -----------------------------------------------------------------------------------------------
class CrisisMarkIn(In):
    note: str = text(Case, "crisis_note", required=True)


class CrisisLiftIn(In):
    note: str = text(Case, "crisis_note")


class CrisisOut(Schema):
    id: int
    reference: str
    crisis: bool
    crisis_since: datetime.datetime | None
    crisis_note: str

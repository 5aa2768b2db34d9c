"""Request and response bodies for toeleiding (service links), groups, signals and their counts.

The conventions of ``schemas.py``: inputs refuse unknown fields and take JSON types strictly, text limits
come from the models, choices are ``Literal`` types. Aggregates carry no persons; a count of 1 or 2 is
``null`` there (the small-cell rule, see docs/community.md).
"""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from buurtteam.api.schemas import MAX_ID, Id, In, IsoDate, IsoDateTime, Ref, text
from buurtteam.community.models import Group, GroupParticipant, GroupSession, ServiceLink, Signal

LinkStatusValue = Literal["proposed", "registered", "attending", "stopped", "not_gone"]
ThemeValue = Literal[
    "loneliness", "money", "neglect", "parenting", "domestic_tension", "health", "housing", "other"
]
SignalStatusValue = Literal["open", "picked_up", "closed"]
Small = Annotated[int | None, Field(description="null: 1 or 2 (too small to show).")]


# --- Service links -------------------------------------------------------------------------------------
class ServiceLinkListQuery(Schema):
    case_id: int = Field(ge=1, le=MAX_ID, description="The case whose links to list (full access needed).")


class ServiceLinkIn(In):
    case_id: Id
    action_id: Id = Field(description="An action of the plan of the case's household.")
    service_id: Id = Field(description="An active service of the sociale kaart.")
    note: str = text(ServiceLink, "note")


class FollowUpIn(In):
    status: LinkStatusValue = Field(description="The same status records a note only (an open link).")
    note: str = text(ServiceLink, "follow_up_note", required=True)
    next_check_on: IsoDate | None = Field(None, description="Plans the next follow-up task (an open link).")


class ServiceLinkOut(Schema):
    id: int
    case_id: int
    action_id: int | None
    service_id: int | None
    service_name: str
    status: LinkStatusValue
    note: str
    follow_up_note: str
    follow_up_task_id: int | None
    linked_by_id: int | None
    linked_at: IsoDateTime
    status_changed_at: IsoDateTime
    followed_up_at: IsoDateTime | None


class LinkCountsQuery(Schema):
    team_id: int | None = Field(None, ge=1, le=MAX_ID)
    start: IsoDate | None = Field(None, description="Linked on or after this day.")
    end: IsoDate | None = Field(None, description="Linked on or before this day.")


class LinkCountOut(Schema):
    service_id: int | None
    service_name: str
    linked: Small
    went: Small
    stopped: Small
    not_gone: Small


# --- Groups --------------------------------------------------------------------------------------------
class GroupIn(In):
    team_id: Id
    name: str = text(Group, "name", required=True)
    description: str = text(Group, "description")
    service_id: Id | None = None
    location_id: Id | None = None
    leader_ids: list[Id] = Field(default_factory=list, max_length=50)


class GroupUpdateIn(In):
    name: str = text(Group, "name", required=True)
    description: str = text(Group, "description")
    service_id: Id | None = None
    location_id: Id | None = None
    leader_ids: list[Id] = Field(default_factory=list, max_length=50)
    active: StrictBool = True


class ParticipantIn(In):
    resident_id: Id | None = Field(None, description="A resident you can see; or give a name instead.")
    name: str = text(GroupParticipant, "name")
    joined_on: IsoDate


class LeaveIn(In):
    left_on: IsoDate | None = Field(None, description="Default: today.")


class SessionIn(In):
    held_on: IsoDate
    activity: str = text(GroupSession, "activity", required=True)
    place: str = text(GroupSession, "place")
    location_id: Id | None = None
    guests: Annotated[StrictInt, Field(ge=0, le=500)] = 0
    notes: str = text(GroupSession, "notes")
    present_ids: list[Id] = Field(default_factory=list, max_length=500)


class ParticipantOut(Schema):
    id: int
    resident_id: int | None
    name: str = Field(description="The resident's name, or the name given for someone who is not a client.")
    joined_on: IsoDate
    left_on: IsoDate | None


class SessionOut(Schema):
    id: int
    held_on: IsoDate
    activity: str
    place: str
    location_id: int | None
    guests: int
    attendance_count: int
    notes: str
    present_ids: list[int]


class GroupOut(Schema):
    id: int
    team: Ref
    name: str
    description: str
    service_id: int | None
    location_id: int | None
    leaders: list[Ref]
    active: bool


class GroupDetailOut(GroupOut):
    participants: list[ParticipantOut]
    sessions: list[SessionOut]


class GroupCountOut(Schema):
    group_id: int
    name: str
    team_name: str
    active: bool
    participants: Small
    sessions: int
    attendance: Small


# --- Signals -------------------------------------------------------------------------------------------
class SignalListQuery(Schema):
    status: SignalStatusValue | None = None
    theme: ThemeValue | None = None
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000_000)


class SignalIn(In):
    theme: ThemeValue
    neighbourhood_id: Id
    noticed_on: IsoDate
    note: str = text(Signal, "note")
    place: str = text(Signal, "place")
    location_id: Id | None = None
    resident_id: Id | None = Field(None, description="Left out: an anonymous signal (buurt and theme only).")
    team_id: Id | None = Field(None, description="One of your teams; default: your first team.")


class PickUpIn(In):
    user_id: Id | None = Field(None, description="A colleague of the signal's team; default: you.")
    note: str = text(Signal, "follow_up_note")


class SignalCloseIn(In):
    note: str = text(Signal, "follow_up_note", required=True)


class SignalOut(Schema):
    id: int
    team: Ref
    theme: ThemeValue
    neighbourhood: Ref
    noticed_on: IsoDate
    location_id: int | None
    place: str
    note: str
    resident_id: int | None
    anonymous: bool
    status: SignalStatusValue
    picked_up_by_id: int | None
    follow_up_note: str
    recorded_by_id: int | None
    recorded_at: IsoDateTime


class SignalPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SignalOut]


class OverviewQuery(Schema):
    granularity: Literal["month", "quarter"] = "month"
    periods: int = Field(12, ge=1, le=36)
    neighbourhood_id: int | None = Field(None, ge=1, le=MAX_ID)


class OverviewCellOut(Schema):
    period: IsoDate = Field(description="The first day of the month or quarter.")
    theme: ThemeValue
    count: Small


class BuurtCellOut(Schema):
    neighbourhood: Ref
    theme: ThemeValue
    count: Small


class OverviewOut(Schema):
    granularity: Literal["month", "quarter"]
    start: IsoDate
    end: IsoDate
    total: Small
    per_period: list[OverviewCellOut] = Field(description="Cells with at least one signal.")
    per_buurt: list[BuurtCellOut]

"""Request and response bodies for the volunteer databank: volunteers, help requests, suggestions, matches.

The same conventions as ``schemas.py``: inputs refuse unknown fields and take JSON types strictly, text limits
come from the models, choice fields are ``Literal`` types (``volunteers/tests/test_api.py`` checks them
against the models). A volunteer never carries a resident or case field; a help request carries its case
(``case``) only for a caller who sees that case.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from buurtteam.api.schemas import MAX_ID, Id, In, IsoDate, IsoDateTime, NotNull, Ref, patch_text, text
from buurtteam.volunteers.models import HelpRequest, Match, Volunteer

InterestValue = Literal[
    "company",
    "walking",
    "cycling",
    "odd_jobs",
    "gardening",
    "cooking",
    "paperwork",
    "money",
    "language",
    "digital",
    "transport",
    "children",
    "music",
    "creative",
    "sports",
    "animals",
    "shopping",
    "outings",
]
LanguageValue = Literal[
    "nl",
    "en",
    "ar",
    "tr",
    "zgh",
    "pl",
    "de",
    "fr",
    "es",
    "pt",
    "pap",
    "srn",
    "ru",
    "uk",
    "fa",
    "ti",
    "so",
    "zh",
]
SlotValue = Annotated[
    str,
    Field(
        pattern=r"^[0-6]-[0-2]$",
        description="Day (0 = Monday … 6 = Sunday) and part of the day (0 morning, 1 afternoon, 2 evening).",
    ),
]
VogStatusValue = Literal["none", "requested", "valid", "expired"]
VolunteerStatusValue = Literal["active", "paused"]
RequestKindValue = Literal["one_off", "buddy", "recurring", "transport", "paperwork", "other"]
RequestOriginValue = Literal["case", "location", "other"]
RequestStatusValue = Literal["open", "matched", "closed"]
MatchStatusValue = Literal["proposed", "introduced", "active", "ended", "declined"]
EndReasonValue = Literal["done", "requester", "volunteer", "no_click", "moved", "other"]
Radius = Annotated[StrictInt, Field(ge=1, le=25)]
Rating = Annotated[StrictInt, Field(ge=1, le=5)]
Interests = Annotated[list[InterestValue], Field(max_length=18)]
Languages = Annotated[list[LanguageValue], Field(max_length=18)]
Slots = Annotated[list[SlotValue], Field(max_length=21)]


class Page(Schema):
    count: int
    limit: int
    offset: int


# --- Volunteers -------------------------------------------------------------------------------------------
class VolunteerListQuery(Schema):
    q: str = Field("", max_length=100, description="Part of the name, passions, talents or likes.")
    neighbourhood_id: int | None = Field(None, ge=1, le=MAX_ID)
    interest: InterestValue | None = None
    slot: SlotValue | None = Field(
        None, description="Free at this part of the week, e.g. `1-1` (Tuesday afternoon)."
    )
    vog: VogStatusValue | None = Field(
        None, description="`valid`: a VOG valid today; `expired`: issued too long ago."
    )
    language: LanguageValue | None = None
    status: VolunteerStatusValue | None = Field("active", description="Default: active volunteers only.")
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000_000)


class VolunteerIn(In):
    first_name: str = text(Volunteer, "first_name", required=True)
    last_name: str = text(Volunteer, "last_name", required=True)
    phone: str = text(Volunteer, "phone")
    email: str = text(Volunteer, "email")
    postcode: str = Field("", max_length=7)
    travel_radius_km: Radius = 3
    passions: str = text(Volunteer, "passions")
    talents: str = text(Volunteer, "talents")
    likes: str = text(Volunteer, "likes")
    interests: Interests = Field(default_factory=list)
    languages: Languages = Field(default_factory=list)
    availability: Slots = Field(default_factory=list)
    resident_id: Id | None = Field(
        None,
        description="Register a resident you can see as a volunteer (their name and contact details are the "
        "defaults). Never returned: the volunteer record does not tell that it is a resident.",
    )


class VolunteerPatch(In):
    first_name: Annotated[str | None, NotNull] = patch_text(Volunteer, "first_name", required=True)
    last_name: Annotated[str | None, NotNull] = patch_text(Volunteer, "last_name", required=True)
    phone: Annotated[str | None, NotNull] = patch_text(Volunteer, "phone")
    email: Annotated[str | None, NotNull] = patch_text(Volunteer, "email")
    postcode: Annotated[str | None, NotNull] = Field(None, max_length=7)
    travel_radius_km: Annotated[Radius | None, NotNull] = None
    passions: Annotated[str | None, NotNull] = patch_text(Volunteer, "passions")
    talents: Annotated[str | None, NotNull] = patch_text(Volunteer, "talents")
    likes: Annotated[str | None, NotNull] = patch_text(Volunteer, "likes")
    interests: Annotated[Interests | None, NotNull] = None
    languages: Annotated[Languages | None, NotNull] = None
    availability: Annotated[Slots | None, NotNull] = None


class VogIn(In):
    vog_status: VogStatusValue
    vog_issued_on: IsoDate | None = Field(None, description="Required for `valid`; valid for three years.")


class PauseIn(In):
    note: str = text(Volunteer, "pause_note")


class VolunteerListItem(Schema):
    id: int
    first_name: str
    last_name: str
    neighbourhood: Ref | None
    travel_radius_km: int
    interests: list[InterestValue]
    languages: list[LanguageValue]
    availability: list[str]
    vog_status: VogStatusValue = Field(description="As it is today: a VOG issued too long ago is `expired`.")
    vog_valid_until: datetime.date | None
    status: VolunteerStatusValue


class VolunteerOut(VolunteerListItem):
    phone: str
    email: str
    postcode: str
    passions: str
    talents: str
    likes: str
    pause_note: str
    registered_at: datetime.datetime
    team: Ref | None


class VolunteerPage(Page):
    items: list[VolunteerListItem]


# --- Help requests -----------------------------------------------------------------------------------------
class HelpRequestListQuery(Schema):
    q: str = Field("", max_length=100, description="Part of the title or description.")
    status: RequestStatusValue | None = None
    kind: RequestKindValue | None = None
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000_000)


class HelpRequestIn(In):
    title: str = text(HelpRequest, "title", required=True)
    description: str = Field(
        max_length=3000, min_length=1, description="Written for the volunteer: no case details."
    )
    kind: RequestKindValue
    wanted: str = text(HelpRequest, "wanted")
    interests: Interests = Field(default_factory=list)
    languages: Languages = Field(default_factory=list, description="A volunteer must speak one of them.")
    availability: Slots = Field(default_factory=list)
    postcode: str = Field(
        "", max_length=7, description="Where the help is. From a case: the client's, if left out."
    )
    needs_vog: StrictBool | None = Field(
        None, description="Left out: needed for a buddy, recurring help and paperwork."
    )
    case_id: Id | None = Field(None, description="A case you have full access to (the request's origin).")
    location_id: Id | None = Field(None, description="A place on the sociale kaart (a buurthuis).")
    team_id: Id | None = Field(None, description="Default: the case's team, or your own.")
    contact_id: Id | None = Field(None, description="Default: you.")


class HelpRequestPatch(In):
    title: Annotated[str | None, NotNull] = patch_text(HelpRequest, "title", required=True)
    description: Annotated[str | None, NotNull] = Field(None, max_length=3000, min_length=1)
    kind: Annotated[RequestKindValue | None, NotNull] = None
    wanted: Annotated[str | None, NotNull] = patch_text(HelpRequest, "wanted")
    interests: Annotated[Interests | None, NotNull] = None
    languages: Annotated[Languages | None, NotNull] = None
    availability: Annotated[Slots | None, NotNull] = None
    postcode: Annotated[str | None, NotNull] = Field(None, max_length=7)
    needs_vog: Annotated[StrictBool | None, NotNull] = None
    location_id: Id | None = None
    team_id: Annotated[Id | None, NotNull] = None
    contact_id: Annotated[Id | None, NotNull] = None


class HelpRequestCloseIn(In):
    note: str = text(HelpRequest, "close_note")


class CaseRefOut(Schema):
    id: int
    reference: str
    client_name: str


class HelpRequestListItem(Schema):
    id: int
    title: str
    kind: RequestKindValue
    status: RequestStatusValue
    origin: RequestOriginValue
    neighbourhood: Ref | None
    team: Ref
    contact: Ref
    location: Ref | None
    needs_vog: bool
    created_at: datetime.datetime
    case: CaseRefOut | None = Field(description="Only for a caller who sees the case; null otherwise.")


class HelpRequestOut(HelpRequestListItem):
    description: str
    wanted: str
    interests: list[InterestValue]
    languages: list[LanguageValue]
    availability: list[str]
    postcode: str
    closed_at: datetime.datetime | None
    close_note: str


class HelpRequestPage(Page):
    items: list[HelpRequestListItem]


# --- Suggestions and matches ------------------------------------------------------------------------------
class ScorePartOut(Schema):
    key: Literal["fit", "distance", "availability", "language", "vog"]
    points: int
    max: int
    text: str = Field(description="Why, in Dutch (e.g. '1,2 km — binnen reisafstand (5 km)').")


class SuggestionQuery(Schema):
    limit: int = Field(10, ge=1, le=50)


class SuggestionOut(Schema):
    volunteer: Ref
    neighbourhood: Ref | None
    score: int = Field(ge=0, le=100)
    distance_km: float | None
    under_way: int = Field(description="The volunteer's matches under way now (any request).")
    explanation: list[ScorePartOut]


class MatchIn(In):
    help_request_id: Id
    volunteer_id: Id
    note: str = text(Match, "note")


class IntroduceIn(In):
    introduced_on: IsoDate


class MatchStartIn(In):
    started_on: IsoDate


class EndIn(In):
    ended_on: IsoDate
    end_reason: EndReasonValue
    evaluation: str = Field(min_length=1, max_length=3000)
    rating: Rating | None = None
    close_request: StrictBool = Field(
        False, description="The request is done: close it (else it opens again)."
    )


class DeclineIn(In):
    reason: str = Field(min_length=1, max_length=1000)


class MatchOut(Schema):
    id: int
    help_request: Ref
    volunteer: Ref
    status: MatchStatusValue
    score: int
    explanation: list[ScorePartOut]
    note: str
    proposed_at: datetime.datetime
    introduced_on: datetime.date | None
    started_on: datetime.date | None
    ended_on: datetime.date | None
    end_reason: EndReasonValue | Literal[""]
    evaluation: str
    rating: int | None
    declined_on: datetime.date | None
    decline_reason: str
    status_changed_at: IsoDateTime

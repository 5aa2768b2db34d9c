"""Request and response bodies of the sociale kaart (``/map/...``).

The same conventions as ``schemas.py``: inputs refuse unknown fields and take JSON types strictly, text
limits come from the models, choice fields are ``Literal`` types (checked against the models in the tests).
"""

from __future__ import annotations

import datetime
import uuid
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from buurtteam.api.schemas import Id, In, IsoDate, NotNull, Ref, patch_text, text
from buurtteam.socialmap.models import MapLocation, MapOrganization, MapService, Schedule

ServiceKindValue = Literal["activity", "service", "consultation", "informal_help", "course"]
ServiceStatusValue = Literal["active", "inactive", "defunct", "temporarily closed"]
LocationKindValue = Literal[
    "community_centre",
    "mfa",
    "wijkplein",
    "library",
    "sports",
    "school",
    "care",
    "worship",
    "outdoors",
    "other",
]
LocationTypeValue = Literal["physical", "postal", "virtual"]
FreqValue = Literal["WEEKLY", "MONTHLY"]
TaxonomyPurposeValue = Literal["life_domains", "target_groups", "other"]
Age = Annotated[StrictInt, Field(ge=0, le=120)]
Language = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 code, e.g. `nl`.")]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]


# --- Search ------------------------------------------------------------------------------
class ServiceSearchQuery(Schema):
    q: str = Field("", max_length=200, description="Free text; Dutch stems and synonyms match too.")
    term_id: list[Id] = Field(
        default_factory=list,
        description="Life domains, target groups: any of the terms of one taxonomy, and all taxonomies.",
    )
    neighbourhood_id: Id | None = Field(None, description="Only services at a location in this buurt.")
    postcode: str = Field("", max_length=7, description="Near this postcode: nearest first, with distance.")
    max_km: float | None = Field(None, gt=0, le=100, description="With `postcode`: at most this far.")
    kind: ServiceKindValue | None = None
    free: bool = Field(False, description="Only free services.")
    age: Age | None = Field(None, description="Only services open to someone of this age.")
    include_inactive: bool = Field(False, description="Also inactive, temporarily closed and defunct ones.")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000_000)


class ListQuery(Schema):
    q: str = Field("", max_length=100, description="Part of the name.")
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000_000)


# --- Parts ------------------------------------------------------------------------------
class TermOut(Schema):
    id: int
    code: str
    name: str
    taxonomy: Ref
    purpose: TaxonomyPurposeValue


class PlaceOut(Schema):
    id: int
    name: str
    address_1: str
    postcode: str
    city: str
    neighbourhood: Ref | None
    latitude: float | None
    longitude: float | None


class ScheduleOut(Schema):
    freq: FreqValue | Literal[""]
    interval: int | None
    byday: str
    opens_at: datetime.time | None
    closes_at: datetime.time | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    description: str
    text: str = Field(description="The schedule in Dutch, e.g. `elke dinsdag 10:00–12:00`.")


class ScheduleIn(In):
    freq: FreqValue
    interval: Annotated[StrictInt, Field(ge=1, le=52)] = 1
    byday: str = Field(
        max_length=50, min_length=2, description="RFC 5545 days: `TU`, `MO,TH`; monthly `1TU`, `-1FR`."
    )
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None
    description: str = text(Schedule, "description")


class Checked(Schema):
    last_checked_on: datetime.date | None
    checked_by: Ref | None
    stale: bool = Field(description="Not checked within the organisation's `map_stale_after_months`.")


# --- Services ------------------------------------------------------------------------------
class ServiceHitOut(Schema):
    id: int
    name: str
    kind: ServiceKindValue
    status: ServiceStatusValue
    organization: Ref | None
    is_free: bool
    schedule: str = Field(description="All schedules in Dutch, in one line.")
    locations: list[PlaceOut]
    distance_km: float | None = Field(description="To the nearest location, when `postcode` was given.")
    score: float = Field(description="Relevance to `q` (higher is better; 0 without `q`).")
    reasons: list[str] = Field(description="Why it matched, in Dutch.")
    stale: bool


class ServiceSearchPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ServiceHitOut]


class ServiceOut(Checked):
    id: int
    hsds_id: uuid.UUID
    name: str
    alternate_name: str
    kind: ServiceKindValue
    status: ServiceStatusValue
    description: str
    organization: Ref | None
    url: str
    email: str
    phone: str
    contact_name: str
    is_free: bool
    fees_description: str
    minimum_age: int | None
    maximum_age: int | None
    eligibility_description: str
    application_process: str
    interpretation_services: str
    wait_time: str
    languages: list[str]
    terms: list[TermOut]
    locations: list[PlaceOut]
    schedules: list[ScheduleOut]
    updated_at: datetime.datetime


class ServiceIn(In):
    name: str = text(MapService, "name", required=True)
    alternate_name: str = text(MapService, "alternate_name")
    kind: ServiceKindValue = "activity"
    status: ServiceStatusValue = "active"
    description: str = text(MapService, "description")
    map_organization_id: Id | None = None
    url: str = text(MapService, "url")
    email: str = text(MapService, "email")
    phone: str = text(MapService, "phone")
    contact_name: str = text(MapService, "contact_name")
    is_free: StrictBool = False
    fees_description: str = text(MapService, "fees_description")
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    eligibility_description: str = text(MapService, "eligibility_description")
    application_process: str = text(MapService, "application_process")
    interpretation_services: str = text(MapService, "interpretation_services")
    wait_time: str = text(MapService, "wait_time")
    languages: list[Language] = Field(default_factory=list, max_length=20)
    term_ids: list[Id] = Field(default_factory=list, max_length=100)
    location_ids: list[Id] = Field(default_factory=list, max_length=100)
    schedules: list[ScheduleIn] = Field(default_factory=list, max_length=10)


class ServicePatch(In):
    """Only the fields given change; `term_ids`, `location_ids`, `schedules` replace the whole list."""

    name: Annotated[str | None, NotNull] = patch_text(MapService, "name", required=True)
    alternate_name: Annotated[str | None, NotNull] = patch_text(MapService, "alternate_name")
    kind: Annotated[ServiceKindValue | None, NotNull] = None
    status: Annotated[ServiceStatusValue | None, NotNull] = None
    description: Annotated[str | None, NotNull] = patch_text(MapService, "description")
    map_organization_id: Id | None = None
    url: Annotated[str | None, NotNull] = patch_text(MapService, "url")
    email: Annotated[str | None, NotNull] = patch_text(MapService, "email")
    phone: Annotated[str | None, NotNull] = patch_text(MapService, "phone")
    contact_name: Annotated[str | None, NotNull] = patch_text(MapService, "contact_name")
    is_free: Annotated[StrictBool | None, NotNull] = None
    fees_description: Annotated[str | None, NotNull] = patch_text(MapService, "fees_description")
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    eligibility_description: Annotated[str | None, NotNull] = patch_text(
        MapService, "eligibility_description"
    )
    application_process: Annotated[str | None, NotNull] = patch_text(MapService, "application_process")
    interpretation_services: Annotated[str | None, NotNull] = patch_text(
        MapService, "interpretation_services"
    )
    wait_time: Annotated[str | None, NotNull] = patch_text(MapService, "wait_time")
    languages: Annotated[list[Language] | None, NotNull] = Field(None, max_length=20)
    term_ids: Annotated[list[Id] | None, NotNull] = Field(None, max_length=100)
    location_ids: Annotated[list[Id] | None, NotNull] = Field(None, max_length=100)
    schedules: Annotated[list[ScheduleIn] | None, NotNull] = Field(None, max_length=10)


# --- Organisations ------------------------------------------------------------------------------
class OrganizationItem(Checked):
    id: int
    hsds_id: uuid.UUID
    name: str
    alternate_name: str
    description: str
    email: str
    website: str
    phone: str


class OrganizationOut(OrganizationItem):
    services: list[Ref]
    locations: list[Ref]


class OrganizationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OrganizationItem]


class OrganizationIn(In):
    name: str = text(MapOrganization, "name", required=True)
    alternate_name: str = text(MapOrganization, "alternate_name")
    description: str = text(MapOrganization, "description")
    email: str = text(MapOrganization, "email")
    website: str = text(MapOrganization, "website")
    phone: str = text(MapOrganization, "phone")


class OrganizationPatch(In):
    name: Annotated[str | None, NotNull] = patch_text(MapOrganization, "name", required=True)
    alternate_name: Annotated[str | None, NotNull] = patch_text(MapOrganization, "alternate_name")
    description: Annotated[str | None, NotNull] = patch_text(MapOrganization, "description")
    email: Annotated[str | None, NotNull] = patch_text(MapOrganization, "email")
    website: Annotated[str | None, NotNull] = patch_text(MapOrganization, "website")
    phone: Annotated[str | None, NotNull] = patch_text(MapOrganization, "phone")


# --- Locations ------------------------------------------------------------------------------
class LocationItem(PlaceOut, Checked):
    hsds_id: uuid.UUID
    kind: LocationKindValue
    location_type: LocationTypeValue
    alternate_name: str
    organization: Ref | None
    description: str
    accessibility: str
    transportation: str
    phone: str
    email: str
    url: str


class LocationOut(LocationItem):
    services: list[Ref]


class LocationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[LocationItem]


class LocationIn(In):
    name: str = text(MapLocation, "name", required=True)
    alternate_name: str = text(MapLocation, "alternate_name")
    kind: LocationKindValue = "other"
    location_type: LocationTypeValue = "physical"
    map_organization_id: Id | None = None
    description: str = text(MapLocation, "description")
    address_1: str = text(MapLocation, "address_1")
    postcode: str = Field(
        "", max_length=10, description="Dutch postcode; fills in the buurt and coordinates."
    )
    city: str = text(MapLocation, "city")
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    accessibility: str = text(MapLocation, "accessibility")
    transportation: str = text(MapLocation, "transportation")
    phone: str = text(MapLocation, "phone")
    email: str = text(MapLocation, "email")
    url: str = text(MapLocation, "url")


class LocationPatch(In):
    name: Annotated[str | None, NotNull] = patch_text(MapLocation, "name", required=True)
    alternate_name: Annotated[str | None, NotNull] = patch_text(MapLocation, "alternate_name")
    kind: Annotated[LocationKindValue | None, NotNull] = None
    location_type: Annotated[LocationTypeValue | None, NotNull] = None
    map_organization_id: Id | None = None
    description: Annotated[str | None, NotNull] = patch_text(MapLocation, "description")
    address_1: Annotated[str | None, NotNull] = patch_text(MapLocation, "address_1")
    postcode: Annotated[str | None, NotNull] = Field(None, max_length=10)
    city: Annotated[str | None, NotNull] = patch_text(MapLocation, "city")
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    accessibility: Annotated[str | None, NotNull] = patch_text(MapLocation, "accessibility")
    transportation: Annotated[str | None, NotNull] = patch_text(MapLocation, "transportation")
    phone: Annotated[str | None, NotNull] = patch_text(MapLocation, "phone")
    email: Annotated[str | None, NotNull] = patch_text(MapLocation, "email")
    url: Annotated[str | None, NotNull] = patch_text(MapLocation, "url")


# --- Taxonomies ------------------------------------------------------------------------------
class TaxonomyTermOut(Schema):
    id: int
    code: str
    name: str
    parent_id: int | None


class TaxonomyOut(Schema):
    id: int
    name: str
    purpose: TaxonomyPurposeValue
    description: str
    terms: list[TaxonomyTermOut]

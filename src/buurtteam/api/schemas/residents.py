"""Request and response bodies of residents, their households and their networks."""

from __future__ import annotations

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field, StrictBool

from buurtteam.api.schemas.choices import GenderValue, NetworkKindValue, NetworkRoleValue, RelationValue
from buurtteam.api.schemas.common import In, IsoDate, NotNull, Ref, max_length, patch_text, text
from buurtteam.residents.models import NetworkMember, Resident


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

"""Residents and households."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from buurtteam.api import schemas as s
from buurtteam.api.common import READ_ERRORS, WRITE_ERRORS, actor_of
from buurtteam.api.errors import DuplicateResidentError
from buurtteam.api.selectors import household_for_write, household_get
from buurtteam.cases.selectors.registration import resident_bsn
from buurtteam.cases.selectors.residents import find_duplicates, resident_get, resident_search
from buurtteam.organisation.validators import normalise_postcode
from buurtteam.residents import services
from buurtteam.residents.models import HouseholdMember, NetworkMember, Resident
from buurtteam.residents.validators import normalise_bsn

router = Router(tags=["residents"])

ID = P(ge=1, le=s.MAX_ID)


def checked_codes(data: dict[str, Any], prefix: str = "") -> None:
    """BSN (elfproef) and postcode format, reported on their own fields (the service, which normalises
    them too, would report them for the request as a whole)."""
    errors: dict[str, list[str]] = {}
    for name, normalise in (("bsn", normalise_bsn), ("postcode", normalise_postcode)):
        if data.get(name):
            try:
                data[name] = normalise(data[name])
            except ValidationError as exc:
                errors[f"{prefix}{name}"] = exc.messages
    if errors:
        raise ValidationError(errors)


def refuse_duplicates(actor: Any, data: dict[str, Any]) -> None:
    """Offer the existing record instead of making a second one (409 with the candidates)."""
    candidates = find_duplicates(
        actor=actor,
        first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""),
        birth_date=data.get("birth_date"),
        postcode=data.get("postcode", ""),
        bsn=data.get("bsn", ""),
    )
    if candidates:
        raise DuplicateResidentError(candidates)


def household_id_of(actor: Any, resident: Resident) -> int | None:
    member = (
        HouseholdMember.objects.visible_to(actor)
        .filter(resident_id=resident.pk)
        .order_by("pk")
        .values_list("household_id", flat=True)
        .first()
    )
    return int(member) if member is not None else None


def resident_out(actor: Any, resident: Resident, household_id: int | None) -> s.ResidentOut:
    """The full BSN only for whoever has the whole dossier of a household case (an audited read)."""
    team = resident.team
    neighbourhood = resident.neighbourhood
    return s.ResidentOut(
        id=resident.pk,
        first_name=resident.first_name,
        last_name=resident.last_name,
        full_name=resident.full_name,
        birth_date=resident.birth_date,
        gender=s.choice(resident.gender),
        bsn=resident_bsn(actor=actor, resident=resident, household_id=household_id),
        masked_bsn=resident.masked_bsn,
        street=resident.street,
        house_number=resident.house_number,
        postcode=resident.postcode,
        city=resident.city,
        address=resident.address,
        neighbourhood=neighbourhood.name if neighbourhood is not None else None,
        team=s.Ref(id=team.pk, name=team.name) if team is not None else None,
        household_id=household_id,
        phone=resident.phone,
        email=resident.email,
        preferred_language=resident.preferred_language,
        interpreter_needed=resident.interpreter_needed,
        created_at=resident.created_at,
        updated_at=resident.updated_at,
    )


@router.get(
    "/residents",
    response={200: list[s.ResidentListItem], **READ_ERRORS},
    operation_id="resident_search",
    url_name="resident_search",
    summary="Search residents",
)
def resident_search_view(request: HttpRequest, filters: Query[s.ResidentQuery]) -> list[s.ResidentListItem]:
    """Only residents the caller may see; at most 50. Audited as a search."""
    actor = actor_of(request)
    return [
        s.ResidentListItem(
            id=r.pk,
            first_name=r.first_name,
            last_name=r.last_name,
            full_name=r.full_name,
            birth_date=r.birth_date,
            masked_bsn=r.masked_bsn,
            postcode=r.postcode,
            team=s.Ref(id=r.team.pk, name=r.team.name) if r.team is not None else None,
        )
        for r in resident_search(actor=actor, query=filters.q)
    ]


@router.get(
    "/residents/{resident_id}",
    response={200: s.ResidentOut, **READ_ERRORS},
    operation_id="resident_get",
    url_name="resident_get",
    summary="A resident",
)
def resident_get_view(request: HttpRequest, resident_id: PathEx[int, ID]) -> s.ResidentOut:
    actor = actor_of(request)
    resident = resident_get(actor=actor, resident_id=resident_id)
    return resident_out(actor, resident, household_id_of(actor, resident))


@router.post(
    "/residents",
    response={201: s.ResidentOut, 409: s.DuplicateErrorOut, **WRITE_ERRORS},
    operation_id="resident_create",
    url_name="resident_create",
    summary="Register a resident (in a household of their own)",
)
def resident_create_view(request: HttpRequest, payload: s.ResidentCreateIn) -> Status[s.ResidentOut]:
    """Similar residents (same BSN, or a similar name with the same birth date or postcode) give 409 with
    the candidates, unless ``allow_duplicate=true``."""
    actor = actor_of(request)
    data = payload.model_dump()
    allow_duplicate = data.pop("allow_duplicate")
    checked_codes(data)
    if not allow_duplicate:
        refuse_duplicates(actor, data)
    resident = services.resident_create(actor=actor, **data)
    return Status(201, resident_out(actor, resident, household_id_of(actor, resident)))


@router.patch(
    "/residents/{resident_id}",
    response={200: s.ResidentOut, **WRITE_ERRORS},
    operation_id="resident_update",
    url_name="resident_update",
    summary="Change a resident",
)
def resident_update_view(
    request: HttpRequest, resident_id: PathEx[int, ID], payload: s.ResidentPatch
) -> s.ResidentOut:
    """Only the fields sent are changed."""
    actor = actor_of(request)
    resident = resident_get(actor=actor, resident_id=resident_id)
    changes = payload.model_dump(exclude_unset=True)
    checked_codes(changes)
    resident = services.resident_update(actor=actor, resident=resident, **changes)
    return resident_out(actor, resident, household_id_of(actor, resident))


# --- Households -----------------------------------------------------------------------------------
def network_out(member: NetworkMember) -> s.NetworkMemberOut:
    return s.NetworkMemberOut(
        id=member.pk,
        kind=s.choice(member.kind),
        role=s.choice(member.role),
        name=member.name,
        organisation_name=member.organisation_name,
        phone=member.phone,
        email=member.email,
        note=member.note,
    )


@router.get(
    "/households/{household_id}",
    response={200: s.HouseholdOut, **READ_ERRORS},
    operation_id="household_get",
    url_name="household_get",
    summary="A household with its members and network",
    tags=["households"],
)
def household_get_view(request: HttpRequest, household_id: PathEx[int, ID]) -> s.HouseholdOut:
    actor = actor_of(request)
    found = household_get(actor=actor, household_id=household_id)
    team = found.household.team
    return s.HouseholdOut(
        id=found.household.pk,
        name=found.household.name,
        team=s.Ref(id=team.pk, name=team.name) if team is not None else None,
        members=[
            s.HouseholdMemberOut(
                id=m.pk,
                resident_id=m.resident_id,
                full_name=m.resident.full_name,
                birth_date=m.resident.birth_date,
                relation=s.choice(m.relation),
                is_contact=m.is_contact,
            )
            for m in found.members
        ],
        network=[network_out(n) for n in found.network],
    )


@router.post(
    "/households/{household_id}/network",
    response={201: s.NetworkMemberOut, **WRITE_ERRORS},
    operation_id="network_member_add",
    url_name="network_member_add",
    summary="Add someone to the household's network",
    tags=["households"],
)
def network_member_add_view(
    request: HttpRequest, household_id: PathEx[int, ID], payload: s.NetworkMemberIn
) -> Status[s.NetworkMemberOut]:
    actor = actor_of(request)
    household = household_for_write(actor=actor, household_id=household_id)
    member = services.network_member_save(actor=actor, household=household, **payload.model_dump())
    return Status(201, network_out(member))

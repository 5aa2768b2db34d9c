"""The partner directory (sociale kaart): every member of the organisation reads it; only the functional
administrator changes it (the service refuses anyone else, which the API answers with 404)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from buurtteam.api import schemas as s
from buurtteam.api import schemas_referrals as r
from buurtteam.api.common import READ_ERRORS, WRITE_ERRORS, actor_of
from buurtteam.referrals.models import PartnerContact, PartnerOrganisation
from buurtteam.referrals.selectors import partner_get, partner_list
from buurtteam.referrals.services import partners

router = Router(tags=["partners"])

ID = P(ge=1, le=s.MAX_ID)


def contact_out(item: PartnerContact) -> r.PartnerContactOut:
    return r.PartnerContactOut(
        id=item.pk, name=item.name, function=item.function, phone=item.phone, email=item.email
    )


def _item_fields(item: PartnerOrganisation) -> dict[str, Any]:
    return {
        "id": item.pk,
        "name": item.name,
        "kind": s.choice(item.kind),
        "is_specialist": item.is_specialist,
        "usual_wait_weeks": item.usual_wait_weeks,
        "phone": item.phone,
        "email": item.email,
        "website": item.website,
        "active": item.active,
    }


def partner_out(item: PartnerOrganisation, contacts: list[PartnerContact]) -> r.PartnerOut:
    return r.PartnerOut(
        **_item_fields(item),
        offer=item.offer,
        address=item.address,
        notes=item.notes,
        updated_at=item.updated_at,
        contacts=[contact_out(c) for c in contacts],
    )


@router.get(
    "/partners",
    response={200: r.PartnerPage, **READ_ERRORS},
    operation_id="partner_list",
    url_name="partner_list",
    summary="The organisation's network partners",
)
def partner_list_view(request: HttpRequest, filters: Query[r.PartnerListQuery]) -> r.PartnerPage:
    """By name, at most 100 per page; ``q`` searches the name and the offer."""
    actor = actor_of(request)
    qs = partner_list(
        actor=actor, query=filters.q.strip(), kind=filters.kind or "", active_only=filters.active is True
    )
    if filters.active is False:
        qs = qs.filter(active=False)
    count = qs.count()
    items = list(qs[filters.offset : filters.offset + filters.limit])
    return r.PartnerPage(
        count=count,
        limit=filters.limit,
        offset=filters.offset,
        items=[r.PartnerListItem(**_item_fields(p)) for p in items],
    )


@router.get(
    "/partners/{partner_id}",
    response={200: r.PartnerOut, **READ_ERRORS},
    operation_id="partner_get",
    url_name="partner_get",
    summary="A network partner with its contact persons",
)
def partner_get_view(request: HttpRequest, partner_id: PathEx[int, ID]) -> r.PartnerOut:
    actor = actor_of(request)
    partner = partner_get(actor=actor, partner_id=partner_id)
    return partner_out(partner, list(partner.contacts.all()))


@router.post(
    "/partners",
    response={201: r.PartnerOut, **WRITE_ERRORS},
    operation_id="partner_create",
    url_name="partner_create",
    summary="Add a network partner (functional administrator)",
)
def partner_create_view(request: HttpRequest, payload: r.PartnerIn) -> Status[r.PartnerOut]:
    actor = actor_of(request)
    data = payload.model_dump()
    if data["is_specialist"] is None:
        del data["is_specialist"]  # the service decides by kind
    partner = partners.partner_save(actor=actor, **data)
    return Status(201, partner_out(partner, []))


@router.patch(
    "/partners/{partner_id}",
    response={200: r.PartnerOut, **WRITE_ERRORS},
    operation_id="partner_update",
    url_name="partner_update",
    summary="Change a network partner (functional administrator)",
)
def partner_update_view(
    request: HttpRequest, partner_id: PathEx[int, ID], payload: r.PartnerPatch
) -> r.PartnerOut:
    """Only the fields sent are changed. Set ``active`` to false instead of removing a partner: referrals
    and agreements keep pointing at it."""
    actor = actor_of(request)
    partner = partner_get(actor=actor, partner_id=partner_id)
    contacts = list(partner.contacts.all())
    partner = partners.partner_save(actor=actor, partner=partner, **payload.model_dump(exclude_unset=True))
    return partner_out(partner, contacts)


@router.get(
    "/partners/{partner_id}/contacts",
    response={200: list[r.PartnerContactOut], **READ_ERRORS},
    operation_id="partner_contact_list",
    url_name="partner_contact_list",
    summary="A partner's contact persons",
)
def partner_contact_list_view(request: HttpRequest, partner_id: PathEx[int, ID]) -> list[r.PartnerContactOut]:
    actor = actor_of(request)
    partner = partner_get(actor=actor, partner_id=partner_id)
    return [contact_out(c) for c in partner.contacts.all()]


@router.post(
    "/partners/{partner_id}/contacts",
    response={201: r.PartnerContactOut, **WRITE_ERRORS},
    operation_id="partner_contact_create",
    url_name="partner_contact_create",
    summary="Add a contact person to a partner (functional administrator)",
)
def partner_contact_create_view(
    request: HttpRequest, partner_id: PathEx[int, ID], payload: r.PartnerContactIn
) -> Status[r.PartnerContactOut]:
    actor = actor_of(request)
    partner = partner_get(actor=actor, partner_id=partner_id)
    contact = partners.contact_save(actor=actor, partner=partner, **payload.model_dump())
    return Status(201, contact_out(contact))

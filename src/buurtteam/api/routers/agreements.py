"""Agreements on a case (wie doet wat, wanneer, en hoe verder): full access to the case, as the dossier."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from buurtteam.api import schemas as s
from buurtteam.api import schemas_referrals as r
from buurtteam.api.common import READ_ERRORS, WRITE_ERRORS, actor_of
from buurtteam.api.errors import field_names
from buurtteam.api.selectors import case_for_write
from buurtteam.cases.selectors.cases import case_get_full
from buurtteam.referrals.models import Agreement
from buurtteam.referrals.selectors import agreement_get, case_agreements
from buurtteam.referrals.services import agreements

router = Router(tags=["agreements"])

ID = P(ge=1, le=s.MAX_ID)
API_FIELDS = {"partner": "partner_id", "goal": "goal_id"}


def agreement_out(item: Agreement) -> r.AgreementOut:
    partner = item.partner
    return r.AgreementOut(
        id=item.pk,
        case_id=item.case_id,
        partner=s.Ref(id=partner.pk, name=partner.name) if partner is not None else None,
        party=item.party,
        what=item.what,
        starts_on=item.starts_on,
        ends_on=item.ends_on,
        afterwards=item.afterwards,
        goal_id=item.goal_id,
        created_by_id=item.created_by_id,
        created_at=item.created_at,
        ended_at=item.ended_at,
        active=item.ended_at is None,
    )


@router.get(
    "/cases/{case_id}/agreements",
    response={200: list[r.AgreementOut], **READ_ERRORS},
    operation_id="agreement_list",
    url_name="agreement_list",
    summary="The case's agreements, by start date",
)
def agreement_list_view(
    request: HttpRequest, case_id: PathEx[int, ID], filters: Query[r.AgreementQuery]
) -> list[r.AgreementOut]:
    actor = actor_of(request)
    case = case_get_full(actor=actor, case_id=case_id)
    return [
        agreement_out(a) for a in case_agreements(actor=actor, case=case, include_ended=filters.include_ended)
    ]


@router.post(
    "/cases/{case_id}/agreements",
    response={201: r.AgreementOut, **WRITE_ERRORS},
    operation_id="agreement_add",
    url_name="agreement_add",
    summary="Record an agreement: who does what, when, and what then",
)
def agreement_add_view(
    request: HttpRequest, case_id: PathEx[int, ID], payload: r.AgreementIn
) -> Status[r.AgreementOut]:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    with field_names(API_FIELDS):
        item = agreements.agreement_add(actor=actor, case=case, **payload.model_dump())
    return Status(201, agreement_out(item))


@router.put(
    "/cases/{case_id}/agreements/{agreement_id}",
    response={200: r.AgreementOut, **WRITE_ERRORS},
    operation_id="agreement_update",
    url_name="agreement_update",
    summary="Change an agreement that still runs (replaces all its fields)",
)
def agreement_update_view(
    request: HttpRequest, case_id: PathEx[int, ID], agreement_id: PathEx[int, ID], payload: r.AgreementIn
) -> r.AgreementOut:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    agreement = agreement_get(actor=actor, case=case, agreement_id=agreement_id)
    with field_names(API_FIELDS):
        item = agreements.agreement_update(actor=actor, agreement=agreement, **payload.model_dump())
    return agreement_out(item)


@router.post(
    "/cases/{case_id}/agreements/{agreement_id}/end",
    response={200: r.AgreementOut, **WRITE_ERRORS},
    operation_id="agreement_end",
    url_name="agreement_end",
    summary="End an agreement; it stays in the list",
)
def agreement_end_view(
    request: HttpRequest, case_id: PathEx[int, ID], agreement_id: PathEx[int, ID]
) -> r.AgreementOut:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    agreement = agreement_get(actor=actor, case=case, agreement_id=agreement_id)
    return agreement_out(agreements.agreement_end(actor=actor, agreement=agreement))

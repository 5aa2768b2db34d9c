"""Reads the API needs beyond the cases app's selectors: a household by id, and the actor's own tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from buurtteam.api.models import ApiToken
from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.models import Case
from buurtteam.core.gate import access_or_404
from buurtteam.residents.models import Household, HouseholdMember, NetworkMember

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


@dataclass
class HouseholdView:
    household: Household
    members: list[HouseholdMember]
    network: list[NetworkMember]


def household_get(*, actor: Actor, household_id: int) -> HouseholdView:
    """A household with its members and network (like ``household_of``, but by id). Audited; 404 otherwise."""
    household: Household = access_or_404(
        Household.objects.visible_to(actor).select_related("team"), pk=household_id
    )
    members = list(
        HouseholdMember.objects.visible_to(actor)
        .filter(household_id=household.pk)
        .select_related("resident")
        .order_by("-is_contact", "resident__last_name", "resident__first_name")
    )
    network = list(NetworkMember.objects.visible_to(actor).filter(household_id=household.pk))
    contact = next((m for m in members if m.is_contact), members[0] if members else None)
    record(
        actor=actor,
        action=Action.READ,
        object_type="household",
        object_id=household.pk,
        subject_type="resident",
        subject_id=contact.resident_id if contact else None,
        subject_team_id=household.team_id,
        details={"members": [m.resident_id for m in members]},
    )
    return HouseholdView(household, members, network)


def household_for_write(*, actor: Actor, household_id: int) -> Household:
    """The household a write is about; the service checks the rest and audits the write."""
    household: Household = access_or_404(Household.objects.visible_to(actor), pk=household_id)
    return household


def case_for_write(*, actor: Actor, case_id: int) -> Case:
    """The case a step is about (summary level: the service checks full access and audits the step)."""
    case: Case = access_or_404(Case.objects.visible_to(actor), pk=case_id)
    return case


def has_full_access(*, actor: Actor, case_id: int) -> bool:
    return bool(Case.objects.full_for(actor).filter(pk=case_id).exists())


def tokens_of(*, actor: Actor) -> QuerySet[ApiToken]:
    return ApiToken.objects.visible_to(actor).order_by("-created_at", "-id")


def token_get(*, actor: Actor, token_id: object) -> ApiToken:
    token: ApiToken = access_or_404(ApiToken.objects.visible_to(actor), pk=token_id)
    return token

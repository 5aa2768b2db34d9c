"""Test helpers for the referral endpoints: a case in execution, a partner, a sent referral."""

from __future__ import annotations

from typing import Any

from conftest import Tenant
from django.utils import timezone

from buurtteam.cases.models import Case
from buurtteam.cases.tests.factories import give_area, registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.referrals.models import PartnerOrganisation, Referral
from buurtteam.referrals.services import partners, referrals


def case_in_execution(tenant: Tenant, **resident: Any) -> Case:
    area = give_area(tenant.team)
    return walk_to_execution(tenant, registered_case(tenant, resident_in(tenant, area, **resident)))


def partner(tenant: Tenant, name: str = "Jeugdhulp De Brug", kind: str = "youth_care") -> PartnerOrganisation:
    return partners.partner_save(actor=tenant.administrator, name=name, kind=kind, usual_wait_weeks=8)


def sent_referral(tenant: Tenant, case: Case, to: PartnerOrganisation) -> Referral:
    referral = referrals.referral_propose(
        actor=tenant.worker, case=case, partner_id=to.pk, question="Gezinsbegeleiding"
    )
    referrals.consent_record(
        actor=tenant.worker,
        referral=referral,
        given_by="Sanne de Vries",
        purpose="Gegevens delen met de partner",
        given_on=timezone.localdate(),
    )
    return referrals.referral_send(actor=tenant.worker, referral=referral, contact_id=tenant.worker.pk)


def referral_row(referral_id: int) -> dict[str, Any]:
    with system_access("test assertion"):
        return dict(Referral.objects.values().get(pk=referral_id))

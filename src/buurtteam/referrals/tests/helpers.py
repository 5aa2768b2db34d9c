"""Test helpers for the referrals app: partners, a case in execution, referrals walked to a status."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from conftest import Tenant
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Case, Task
from buurtteam.cases.services import assignment
from buurtteam.cases.tests.factories import Area, give_area, registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.referrals.models import (
    Agreement,
    BridgingPlan,
    CheckIn,
    Consent,
    PartnerOrganisation,
    Referral,
)
from buurtteam.referrals.services import partners, referrals

_numbers = itertools.count(1)


def make_partner(
    tenant: Tenant, name: str = "", kind: str = "youth_care", **data: Any
) -> PartnerOrganisation:
    return partners.partner_save(
        actor=tenant.administrator, name=name or f"Partner {next(_numbers)}", kind=kind, **data
    )


def open_case(tenant: Tenant, area: Area | None = None, *, execution: bool = True) -> Case:
    """A case of the tenant's team with the worker as lead (in execution: it has a plan with a goal)."""
    area = area or give_area(tenant.team)
    n = next(_numbers)
    resident = resident_in(
        tenant,
        area,
        first_name=f"Inwoner{n:03d}",
        last_name="Wachtmans",
        birth_date=datetime.date(1970, 1, 1) + datetime.timedelta(days=n * 101),
    )
    case = registered_case(tenant, resident)
    if execution:
        return walk_to_execution(tenant, case)
    assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    case.refresh_from_db()
    return case


def proposed(
    tenant: Tenant, case: Case, partner: PartnerOrganisation, question: str = "Gezinsbegeleiding"
) -> Referral:
    return referrals.referral_propose(
        actor=tenant.worker, case=case, partner_id=partner.pk, question=question
    )


def consent(tenant: Tenant, referral: Referral) -> Consent:
    return referrals.consent_record(
        actor=tenant.worker,
        referral=referral,
        given_by="De inwoner zelf",
        purpose="Gegevens delen met de partner",
        given_on=timezone.localdate(),
    )


def sent(
    tenant: Tenant,
    case: Case,
    partner: PartnerOrganisation,
    *,
    contact_id: int | None = None,
    interval: int = 14,
) -> Referral:
    """Proposed, consented and sent: the bridging plan runs."""
    referral = proposed(tenant, case, partner)
    consent(tenant, referral)
    return referrals.referral_send(
        actor=tenant.worker,
        referral=referral,
        contact_id=contact_id or tenant.worker.pk,
        interval_days=interval,
        support="Wekelijks belcontact",
    )


def plan_of(referral: Referral) -> BridgingPlan:
    with system_access("test assertion"):
        return BridgingPlan.objects.select_related("referral__case").get(referral_id=referral.pk)


def make_overdue(referral: Referral, days: int = 3) -> BridgingPlan:
    """The agreed check-in was ``days`` days ago (the plan started long enough before that)."""
    today = timezone.localdate()
    with system_access("test setup"):
        BridgingPlan.objects.filter(referral_id=referral.pk).update(
            next_due=today - datetime.timedelta(days=days),
            created_at=timezone.now() - datetime.timedelta(days=days + 14),
        )
        Referral.objects.filter(pk=referral.pk).update(
            sent_at=timezone.now() - datetime.timedelta(days=days + 14)
        )
    return plan_of(referral)


def fresh(referral: Referral) -> Referral:
    with system_access("test assertion"):
        return Referral.objects.get(pk=referral.pk)


def snapshot(case: Case) -> dict[str, Any]:
    """Everything the referral forms could change."""
    with system_access("test assertion"):
        return {
            "case": Case.objects.filter(pk=case.pk).values().get(),
            "referrals": list(Referral.objects.filter(case=case).order_by("pk").values()),
            "consents": list(Consent.objects.filter(referral__case=case).order_by("pk").values()),
            "plans": list(BridgingPlan.objects.filter(referral__case=case).order_by("pk").values()),
            "check_ins": CheckIn.objects.filter(plan__referral__case=case).count(),
            "agreements": list(Agreement.objects.filter(case=case).order_by("pk").values()),
            "tasks": list(Task.objects.filter(case=case).order_by("pk").values("pk", "done_at", "due_on")),
            "writes": AuditEvent.objects.filter(
                action__in=[Action.CREATE, Action.UPDATE, Action.DELETE]
            ).count(),
        }


def last_event(object_type: str, action: str) -> AuditEvent | None:
    return AuditEvent.objects.filter(object_type=object_type, action=action).order_by("-id").first()

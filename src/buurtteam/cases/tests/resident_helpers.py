"""Helpers of the resident page tests: URLs, the resident's household, turning BSN registration on, valid
input for the edit form, and counts of audit events and rows."""

from __future__ import annotations

from typing import Any

from conftest import Tenant
from django.urls import reverse

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.tests.factories import Area
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Organisation
from buurtteam.residents.models import Household, HouseholdMember, Resident

SEARCH = "/inwoners/"
VALID_BSN = "111222333"


def household_of(resident: Resident) -> Household:
    with system_access("test helper"):
        return HouseholdMember.objects.select_related("household").get(resident=resident).household


def enable_bsn(tenant: Tenant) -> None:
    with system_access("test set-up"):
        Organisation.objects.filter(pk=tenant.organisation.pk).update(bsn_enabled=True)


def detail_url(resident_id: int) -> str:
    return reverse("cases:resident_detail", kwargs={"resident_id": resident_id})


def event_count(**lookup: Any) -> int:
    return AuditEvent.objects.filter(**lookup).count()


def write_count() -> int:
    return event_count(action__in=[Action.CREATE, Action.UPDATE, Action.BREAK_GLASS])


def edit_url(resident_id: int) -> str:
    return reverse("cases:resident_edit", kwargs={"resident_id": resident_id})


def edit_data(area: Area, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "first_name": "Sanne",
        "last_name": "de Vries-Jansen",
        "birth_date": "14-03-1985",
        "postcode": area.postcode.postcode,
        "house_number": "6",
        "street": "Lindelaan",
        "city": "Teststad",
        "phone": "0612345678",
        "email": "sanne@example.org",
        "preferred_language": "Arabisch",
        "interpreter_needed": "on",
        "gender": "female",
    }
    data.update(overrides)
    return data


def row_count(model: Any) -> int:
    with system_access("test assertion"):
        return int(model.objects.count())

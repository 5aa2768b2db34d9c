"""The resident page (person, household, cases, network), editing a resident, and the household and network
forms."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from conftest import Tenant
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from buurtteam.accounts.tests.factories import member_of
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.services import assignment
from buurtteam.cases.tests.factories import Area, registered_case, resident_in
from buurtteam.cases.tests.resident_helpers import (
    VALID_BSN,
    detail_url,
    edit_data,
    edit_url,
    enable_bsn,
    household_of,
    write_count,
)
from buurtteam.core.gate import system_access
from buurtteam.residents.models import HouseholdMember, NetworkMember, Relation, Resident
from buurtteam.residents.services import network_member_save, resident_create

pytestmark = pytest.mark.django_db


# --- The resident page --------------------------------------------------------------------------------
def test_resident_page_shows_person_household_cases_and_network(
    worker: Client, tenant: Tenant, resident: Resident, area: Area
) -> None:
    household = household_of(resident)
    child = resident_create(
        actor=tenant.worker,
        household=household,
        relation=Relation.CHILD,
        first_name="Daan",
        last_name="de Vries",
        birth_date=datetime.date(2012, 5, 1),
        postcode=area.postcode.postcode,
    )
    case = registered_case(tenant, resident)
    assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    network_member_save(
        actor=tenant.worker,
        household=household,
        kind="formal",
        role="gp",
        name="Dokter Smit",
        phone="0731234567",
    )
    network_member_save(
        actor=tenant.worker,
        household=household,
        kind="informal",
        role="neighbour",
        name="Buurvrouw Els",
        note="<script>alert('x')</script>\nHaalt de kinderen op.",
    )
    response = worker.get(detail_url(resident.pk))
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Sanne de Vries",
        "14-03-1985",
        "Lindelaan 4",
        tenant.team.name,
        "Nederlands",
        "Daan de Vries",
        "Kind",
        case.reference,
        "Aangemeld",
        f"regisseur {tenant.worker.full_name}",
        "Dokter Smit",
        "Huisarts",
        "Buurvrouw Els",
    ):
        assert text in body, text
    assert detail_url(child.pk) in body
    assert "&lt;script&gt;" in body and "<script>alert" not in body
    assert AuditEvent.objects.filter(
        action=Action.READ, object_type="resident", subject_id=resident.pk, actor_id=tenant.worker.pk
    ).exists()


def test_bsn_is_masked_and_shown_in_full_only_to_a_worker_on_the_case(
    client: Client, tenant: Tenant, area: Area
) -> None:
    enable_bsn(tenant)
    resident = resident_in(tenant, area, bsn=VALID_BSN)
    case = registered_case(tenant, resident)
    teammate = member_of(tenant.team)
    # A team member without the whole dossier: masked, no "toon", and ?toon=bsn does not reveal it.
    client.force_login(teammate)
    body = client.get(detail_url(resident.pk)).content.decode()
    assert "******333" in body and VALID_BSN not in body and "?toon=bsn" not in body
    assert VALID_BSN not in client.get(detail_url(resident.pk) + "?toon=bsn").content.decode()
    assert not AuditEvent.objects.filter(object_type="resident_bsn").exists()
    # The worker on the case may show it; that is an audited read of its own.
    assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    client.force_login(tenant.worker)
    body = client.get(detail_url(resident.pk)).content.decode()
    assert "?toon=bsn" in body and VALID_BSN not in body
    response = client.get(detail_url(resident.pk) + "?toon=bsn", HTTP_HX_REQUEST="true")
    assert response.content.decode().strip() == f'<span id="bsn-value">{VALID_BSN}</span>'
    assert VALID_BSN in client.get(detail_url(resident.pk) + "?toon=bsn").content.decode()
    assert (
        AuditEvent.objects.filter(
            action=Action.READ, object_type="resident_bsn", subject_id=resident.pk, actor_id=tenant.worker.pk
        ).count()
        == 2
    )


def _page_queries(client: Client, resident: Resident) -> int:
    client.get(detail_url(resident.pk))  # warm up: the first request after log-in stamps the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(detail_url(resident.pk))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(tenant: Tenant, resident: Resident, area: Area, n: int, start: int) -> None:
    household = household_of(resident)
    for i in range(start, start + n):
        member = resident_create(
            actor=tenant.worker,
            household=household,
            relation=Relation.CHILD,
            first_name=f"Kind{i}",
            last_name="de Vries",
            postcode=area.postcode.postcode,
        )
        case = registered_case(tenant, member)
        assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
        network_member_save(
            actor=tenant.worker, household=household, kind="informal", role="friend", name=f"Vriend {i}"
        )


def test_resident_page_query_count_is_constant(
    worker: Client, tenant: Tenant, resident: Resident, area: Area
) -> None:
    _grow(tenant, resident, area, 3, 0)
    few = _page_queries(worker, resident)
    _grow(tenant, resident, area, 27, 3)
    body = worker.get(detail_url(resident.pk)).content.decode()
    assert "Kind29" in body and "Vriend 29" in body
    assert _page_queries(worker, resident) == few


# --- Editing ------------------------------------------------------------------------------------------
def test_edit_resident(worker: Client, tenant: Tenant, resident: Resident, area: Area) -> None:
    response = worker.get(edit_url(resident.pk))
    assert response.status_code == 200 and 'value="Lindelaan"' in response.content.decode()
    response = worker.post(edit_url(resident.pk), edit_data(area))
    assert response.status_code == 302 and response["Location"] == detail_url(resident.pk)
    resident.refresh_from_db()
    assert resident.last_name == "de Vries-Jansen" and resident.house_number == "6"
    assert resident.interpreter_needed and resident.preferred_language == "Arabisch"
    event = AuditEvent.objects.filter(action=Action.UPDATE, object_type="resident").latest("id")
    assert "last_name" in event.details["fields"]


def test_edit_bsn_empty_keeps_the_old_one(worker: Client, tenant: Tenant, area: Area) -> None:
    enable_bsn(tenant)
    resident = resident_in(tenant, area, bsn=VALID_BSN)
    body = worker.get(edit_url(resident.pk)).content.decode()
    assert "******333" in body and VALID_BSN not in body
    assert worker.post(edit_url(resident.pk), edit_data(area, bsn="")).status_code == 302
    resident.refresh_from_db()
    assert resident.bsn == VALID_BSN


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"bsn": "999998620"}, "elfproef"),
        ({"birth_date": "01-01-2999"}, "De geboortedatum ligt in de toekomst."),
        ({"postcode": "9999ZZ"}, "ligt niet in de gemeente"),
        ({"first_name": ""}, "Dit veld is verplicht."),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"street": "<img src=x>"}, "Gebruik geen HTML-code"),
    ],
)
def test_edit_bad_input_changes_nothing(
    worker: Client, tenant: Tenant, area: Area, overrides: dict[str, Any], message: str
) -> None:
    enable_bsn(tenant)
    resident = resident_in(tenant, area)
    writes = write_count()
    response = worker.post(edit_url(resident.pk), edit_data(area, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert write_count() == writes
    with system_access("test assertion"):
        assert Resident.objects.get(pk=resident.pk).last_name == "de Vries"


# --- Network and household ----------------------------------------------------------------------------
def test_add_and_edit_a_network_member(worker: Client, resident: Resident) -> None:
    add = reverse("cases:network_member_add", kwargs={"resident_id": resident.pk})
    assert worker.get(add).status_code == 200
    response = worker.post(add, {"kind": "informal", "role": "informal_carer", "name": "Oma Riet"})
    assert response.status_code == 302 and response["Location"] == detail_url(resident.pk) + "#netwerk"
    with system_access("test assertion"):
        member = NetworkMember.objects.get()
    assert member.household_id == household_of(resident).pk and member.role == "informal_carer"
    edit = reverse("cases:network_member_edit", kwargs={"resident_id": resident.pk, "member_id": member.pk})
    assert "Oma Riet" in worker.get(edit).content.decode()
    response = worker.post(
        edit, {"kind": "informal", "role": "family", "name": "Oma Riet", "phone": "0612345678"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "family" and member.phone == "0612345678"
    writes = write_count()
    response = worker.post(edit, {"kind": "informeel", "role": "", "name": "", "email": "nee"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies informeel of formeel." in body and "Vul een geldig e-mailadres in" in body
    assert write_count() == writes


def test_network_member_of_another_household_is_404(
    worker: Client, tenant: Tenant, resident: Resident, area: Area
) -> None:
    other = resident_in(tenant, area, first_name="Ander")
    member = network_member_save(
        actor=tenant.worker, household=household_of(other), kind="informal", role="friend", name="Vriend"
    )
    url = reverse("cases:network_member_edit", kwargs={"resident_id": resident.pk, "member_id": member.pk})
    assert worker.get(url).status_code == 404


def test_add_a_new_household_member(worker: Client, resident: Resident, area: Area) -> None:
    url = reverse("cases:household_member_add", kwargs={"resident_id": resident.pk})
    body = worker.get(url).content.decode()
    assert 'value="Lindelaan"' in body  # the address is suggested
    response = worker.post(
        url,
        {
            "relation": "partner",
            "first_name": "Ahmed",
            "last_name": "de Vries",
            "postcode": area.postcode.postcode,
            "house_number": "4",
        },
    )
    assert response.status_code == 302
    with system_access("test assertion"):
        member = HouseholdMember.objects.select_related("resident").get(resident__first_name="Ahmed")
    assert member.household_id == household_of(resident).pk and member.relation == "partner"
    writes = write_count()
    response = worker.post(url, {"relation": "self", "first_name": "X", "last_name": "Y"})
    assert response.status_code == 400 and "Kies een relatie uit de lijst." in response.content.decode()
    assert write_count() == writes


def test_add_an_existing_resident_to_the_household(
    worker: Client, tenant: Tenant, resident: Resident, area: Area
) -> None:
    other = resident_in(
        tenant, area, first_name="Mo", last_name="Haddou", birth_date=datetime.date(1990, 1, 1)
    )
    url = reverse("cases:household_member_add", kwargs={"resident_id": resident.pk})
    body = worker.get(url, {"q": "Haddou"}).content.decode()
    assert f'name="existing" value="{other.pk}"' in body
    response = worker.post(url, {"existing": other.pk, "relation": "partner"})
    assert response.status_code == 302
    with system_access("test assertion"):
        assert HouseholdMember.objects.filter(household=household_of(resident), resident=other).exists()
    response = worker.post(url, {"existing": other.pk, "relation": "partner"})
    assert response.status_code == 400
    assert "hoort al bij dit huishouden" in response.content.decode()


def test_cannot_add_a_resident_the_actor_may_not_see(
    worker: Client, tenant: Tenant, resident: Resident, other_area: Area
) -> None:
    hidden = resident_in(tenant, other_area, actor=tenant.colleague, first_name="Noor")
    url = reverse("cases:household_member_add", kwargs={"resident_id": resident.pk})
    writes = write_count()
    assert worker.post(url, {"existing": hidden.pk, "relation": "partner"}).status_code == 404
    assert write_count() == writes

"""Resident search, the resident page (household, cases, network), editing, and break-the-glass."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from conftest import Tenant
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from buurtteam.accounts.tests.factories import member_of
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Case
from buurtteam.cases.services import assignment
from buurtteam.cases.tests.factories import Area, give_area, registered_case, resident_in
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.organisation.models import Organisation
from buurtteam.residents.models import (
    BreakGlassAccess,
    Household,
    HouseholdMember,
    NetworkMember,
    Relation,
    Resident,
)
from buurtteam.residents.services import break_glass, network_member_save, resident_create

pytestmark = pytest.mark.django_db

SEARCH = "/inwoners/"
VALID_BSN = "111222333"


@pytest.fixture
def area(tenant: Tenant) -> Area:
    return give_area(tenant.team)


@pytest.fixture
def other_area(tenant: Tenant) -> Area:
    return give_area(tenant.other_team)


@pytest.fixture
def worker(client: Client, tenant: Tenant) -> Client:
    client.force_login(tenant.worker)
    return client


@pytest.fixture
def resident(tenant: Tenant, area: Area) -> Resident:
    return resident_in(tenant, area)


def _household(resident: Resident) -> Household:
    with system_access("test helper"):
        return HouseholdMember.objects.select_related("household").get(resident=resident).household


def _enable_bsn(tenant: Tenant) -> None:
    with system_access("test set-up"):
        Organisation.objects.filter(pk=tenant.organisation.pk).update(bsn_enabled=True)


def _detail(resident_id: int) -> str:
    return reverse("cases:resident_detail", kwargs={"resident_id": resident_id})


def _events(**lookup: Any) -> int:
    return AuditEvent.objects.filter(**lookup).count()


def _writes() -> int:
    return _events(action__in=[Action.CREATE, Action.UPDATE, Action.BREAK_GLASS])


def _count(model: Any) -> int:
    with system_access("test assertion"):
        return int(model.objects.count())


# --- Search -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["Sanne", "vries sanne", "SÂNNE DE VRIËS", "14-03-1985", "de vr"])
def test_search_by_name_in_any_order_or_birth_date(worker: Client, resident: Resident, query: str) -> None:
    response = worker.get(SEARCH, {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "1 inwoner gevonden" in body
    assert _detail(resident.pk) in body
    assert f"/aanmelden/?resident={resident.pk}" in body


def test_search_by_exact_bsn_shows_it_masked(worker: Client, tenant: Tenant, area: Area) -> None:
    _enable_bsn(tenant)
    resident = resident_in(tenant, area, bsn=VALID_BSN)
    resident_in(tenant, area, first_name="Ander", bsn="123456782")
    response = worker.get(SEARCH, {"q": "111.222.333"})
    body = response.content.decode()
    assert "1 inwoner gevonden" in body and _detail(resident.pk) in body
    assert "******333" in body and VALID_BSN not in body
    assert "0 inwoners gevonden" in worker.get(SEARCH, {"q": "111222334"}).content.decode()


def test_search_is_audited_and_needs_two_characters(worker: Client, resident: Resident) -> None:
    body = worker.get(SEARCH).content.decode()
    assert "Typ minstens twee tekens" in body
    assert worker.get(SEARCH, {"q": "S"}).status_code == 200
    assert _events(action=Action.SEARCH) == 0
    worker.get(SEARCH, {"q": "Sanne"})
    event = AuditEvent.objects.get(action=Action.SEARCH, object_type="resident_search")
    assert event.details["results"] == [resident.pk]


def test_search_htmx_returns_only_the_results(worker: Client, resident: Resident) -> None:
    response = worker.get(SEARCH, {"q": "sanne"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "<form" not in body
    assert "Sanne de Vries" in body


def test_search_too_long_is_a_dutch_400(worker: Client) -> None:
    response = worker.get(SEARCH, {"q": "x" * 101})
    assert response.status_code == 400
    assert "maximaal 100 tekens" in response.content.decode()


def test_search_never_returns_a_resident_the_actor_may_not_see(
    worker: Client, tenant: Tenant, other_area: Area
) -> None:
    hidden = resident_in(tenant, other_area, actor=tenant.colleague, first_name="Noor", last_name="Bakker")
    for query in ("Noor Bakker", "14-03-1985"):
        body = worker.get(SEARCH, {"q": query}).content.decode()
        assert "0 inwoners gevonden" in body and _detail(hidden.pk) not in body, query
    assert worker.get(_detail(hidden.pk)).status_code == 404
    # After breaking the glass the worker finds and sees the resident.
    break_glass(actor=tenant.worker, resident_id=hidden.pk, reason="Crisis in de avond, team niet bereikbaar")
    body = worker.get(SEARCH, {"q": "Noor Bakker"}).content.decode()
    assert "1 inwoner gevonden" in body and _detail(hidden.pk) in body
    assert worker.get(_detail(hidden.pk)).status_code == 200


def test_search_finds_a_resident_of_another_area_through_a_case_of_the_team(
    worker: Client, tenant: Tenant, other_area: Area
) -> None:
    hidden = resident_in(tenant, other_area, actor=tenant.colleague, first_name="Noor", last_name="Bakker")
    assert "0 inwoners" in worker.get(SEARCH, {"q": "Noor"}).content.decode()
    with system_access("test set-up: a case of the worker's team for this household"):
        Case.objects.create(
            organisation=tenant.organisation,
            team=tenant.team,
            household=_household(hidden),
            client=hidden,
            reference="2026-9999999",
            status_changed_at=hidden.created_at,
            registered_at=hidden.created_at,
            channel="phone",
            referrer="self",
            question="Vraag",
        )
    assert "1 inwoner gevonden" in worker.get(SEARCH, {"q": "Noor"}).content.decode()


def _search_queries(client: Client) -> int:
    client.get(SEARCH, {"q": "de Vries"})  # warm up: the first request after log-in stamps the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(SEARCH, {"q": "de Vries"})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_search_query_count_is_constant(worker: Client, tenant: Tenant, area: Area) -> None:
    for i in range(3):
        resident_in(tenant, area, first_name=f"Kind{i}", birth_date=datetime.date(2010, 1, 1 + i))
    few = _search_queries(worker)
    for i in range(27):
        resident_in(tenant, area, first_name=f"Ander{i}", birth_date=datetime.date(2000, 1, 1 + i))
    assert "30 inwoners gevonden" in worker.get(SEARCH, {"q": "de Vries"}).content.decode()
    assert _search_queries(worker) == few


# --- The resident page --------------------------------------------------------------------------------
def test_resident_page_shows_person_household_cases_and_network(
    worker: Client, tenant: Tenant, resident: Resident, area: Area
) -> None:
    household = _household(resident)
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
    response = worker.get(_detail(resident.pk))
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
    assert _detail(child.pk) in body
    assert "&lt;script&gt;" in body and "<script>alert" not in body
    assert AuditEvent.objects.filter(
        action=Action.READ, object_type="resident", subject_id=resident.pk, actor_id=tenant.worker.pk
    ).exists()


def test_bsn_is_masked_and_shown_in_full_only_to_a_worker_on_the_case(
    client: Client, tenant: Tenant, area: Area
) -> None:
    _enable_bsn(tenant)
    resident = resident_in(tenant, area, bsn=VALID_BSN)
    case = registered_case(tenant, resident)
    teammate = member_of(tenant.team)
    # A team member without the whole dossier: masked, no "toon", and ?toon=bsn does not reveal it.
    client.force_login(teammate)
    body = client.get(_detail(resident.pk)).content.decode()
    assert "******333" in body and VALID_BSN not in body and "?toon=bsn" not in body
    assert VALID_BSN not in client.get(_detail(resident.pk) + "?toon=bsn").content.decode()
    assert not AuditEvent.objects.filter(object_type="resident_bsn").exists()
    # The worker on the case may show it; that is an audited read of its own.
    assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    client.force_login(tenant.worker)
    body = client.get(_detail(resident.pk)).content.decode()
    assert "?toon=bsn" in body and VALID_BSN not in body
    response = client.get(_detail(resident.pk) + "?toon=bsn", HTTP_HX_REQUEST="true")
    assert response.content.decode().strip() == f'<span id="bsn-value">{VALID_BSN}</span>'
    assert VALID_BSN in client.get(_detail(resident.pk) + "?toon=bsn").content.decode()
    assert (
        AuditEvent.objects.filter(
            action=Action.READ, object_type="resident_bsn", subject_id=resident.pk, actor_id=tenant.worker.pk
        ).count()
        == 2
    )


def _page_queries(client: Client, resident: Resident) -> int:
    client.get(_detail(resident.pk))  # warm up: the first request after log-in stamps the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(_detail(resident.pk))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(tenant: Tenant, resident: Resident, area: Area, n: int, start: int) -> None:
    household = _household(resident)
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
    body = worker.get(_detail(resident.pk)).content.decode()
    assert "Kind29" in body and "Vriend 29" in body
    assert _page_queries(worker, resident) == few


# --- Editing ------------------------------------------------------------------------------------------
def _edit(resident_id: int) -> str:
    return reverse("cases:resident_edit", kwargs={"resident_id": resident_id})


def _edit_data(area: Area, **overrides: Any) -> dict[str, Any]:
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


def test_edit_resident(worker: Client, tenant: Tenant, resident: Resident, area: Area) -> None:
    response = worker.get(_edit(resident.pk))
    assert response.status_code == 200 and 'value="Lindelaan"' in response.content.decode()
    response = worker.post(_edit(resident.pk), _edit_data(area))
    assert response.status_code == 302 and response["Location"] == _detail(resident.pk)
    resident.refresh_from_db()
    assert resident.last_name == "de Vries-Jansen" and resident.house_number == "6"
    assert resident.interpreter_needed and resident.preferred_language == "Arabisch"
    event = AuditEvent.objects.filter(action=Action.UPDATE, object_type="resident").latest("id")
    assert "last_name" in event.details["fields"]


def test_edit_bsn_empty_keeps_the_old_one(worker: Client, tenant: Tenant, area: Area) -> None:
    _enable_bsn(tenant)
    resident = resident_in(tenant, area, bsn=VALID_BSN)
    body = worker.get(_edit(resident.pk)).content.decode()
    assert "******333" in body and VALID_BSN not in body
    assert worker.post(_edit(resident.pk), _edit_data(area, bsn="")).status_code == 302
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
    _enable_bsn(tenant)
    resident = resident_in(tenant, area)
    writes = _writes()
    response = worker.post(_edit(resident.pk), _edit_data(area, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _writes() == writes
    with system_access("test assertion"):
        assert Resident.objects.get(pk=resident.pk).last_name == "de Vries"


# --- Network and household ----------------------------------------------------------------------------
def test_add_and_edit_a_network_member(worker: Client, resident: Resident) -> None:
    add = reverse("cases:network_member_add", kwargs={"resident_id": resident.pk})
    assert worker.get(add).status_code == 200
    response = worker.post(add, {"kind": "informal", "role": "informal_carer", "name": "Oma Riet"})
    assert response.status_code == 302 and response["Location"] == _detail(resident.pk) + "#netwerk"
    with system_access("test assertion"):
        member = NetworkMember.objects.get()
    assert member.household_id == _household(resident).pk and member.role == "informal_carer"
    edit = reverse("cases:network_member_edit", kwargs={"resident_id": resident.pk, "member_id": member.pk})
    assert "Oma Riet" in worker.get(edit).content.decode()
    response = worker.post(
        edit, {"kind": "informal", "role": "family", "name": "Oma Riet", "phone": "0612345678"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "family" and member.phone == "0612345678"
    writes = _writes()
    response = worker.post(edit, {"kind": "informeel", "role": "", "name": "", "email": "nee"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies informeel of formeel." in body and "Vul een geldig e-mailadres in" in body
    assert _writes() == writes


def test_network_member_of_another_household_is_404(
    worker: Client, tenant: Tenant, resident: Resident, area: Area
) -> None:
    other = resident_in(tenant, area, first_name="Ander")
    member = network_member_save(
        actor=tenant.worker, household=_household(other), kind="informal", role="friend", name="Vriend"
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
    assert member.household_id == _household(resident).pk and member.relation == "partner"
    writes = _writes()
    response = worker.post(url, {"relation": "self", "first_name": "X", "last_name": "Y"})
    assert response.status_code == 400 and "Kies een relatie uit de lijst." in response.content.decode()
    assert _writes() == writes


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
        assert HouseholdMember.objects.filter(household=_household(resident), resident=other).exists()
    response = worker.post(url, {"existing": other.pk, "relation": "partner"})
    assert response.status_code == 400
    assert "hoort al bij dit huishouden" in response.content.decode()


def test_cannot_add_a_resident_the_actor_may_not_see(
    worker: Client, tenant: Tenant, resident: Resident, other_area: Area
) -> None:
    hidden = resident_in(tenant, other_area, actor=tenant.colleague, first_name="Noor")
    url = reverse("cases:household_member_add", kwargs={"resident_id": resident.pk})
    writes = _writes()
    assert worker.post(url, {"existing": hidden.pk, "relation": "partner"}).status_code == 404
    assert _writes() == writes


# --- Break-the-glass ----------------------------------------------------------------------------------
def _glass(resident_id: int) -> str:
    return reverse("cases:break_glass", kwargs={"resident_id": resident_id})


def test_break_the_glass(client: Client, tenant: Tenant, resident: Resident) -> None:
    client.force_login(tenant.colleague)  # another team: may not see the resident
    assert client.get(_detail(resident.pk)).status_code == 404
    response = client.get(_glass(resident.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert tenant.team.name in body and "Sanne" not in body and "Lindelaan" not in body
    assert AuditEvent.objects.filter(
        action=Action.READ, object_type="break_glass_prompt", subject_id=resident.pk
    ).exists()

    writes = _writes()
    response = client.post(_glass(resident.pk), {"reason": "  nood  "})
    assert response.status_code == 400
    assert "minstens 10 tekens" in response.content.decode()
    assert _writes() == writes and _count(BreakGlassAccess) == 0

    response = client.post(_glass(resident.pk), {"reason": "Crisis in de nacht, eigen team niet bereikbaar"})
    assert response.status_code == 302 and response["Location"] == _detail(resident.pk)
    with system_access("test assertion"):
        grant = BreakGlassAccess.objects.get()
    assert grant.user_id == tenant.colleague.pk and grant.resident_id == resident.pk
    event = AuditEvent.objects.get(action=Action.BREAK_GLASS)
    assert event.reason == "Crisis in de nacht, eigen team niet bereikbaar"
    assert client.get(_detail(resident.pk)).status_code == 200


@pytest.mark.parametrize("who", ["other_worker", "other_coordinator", "policy_officer", "missing"])
def test_break_the_glass_is_404_outside_the_organisation(
    client: Client, tenant: Tenant, other_tenant: Tenant, resident: Resident, who: str
) -> None:
    user = {
        "other_worker": other_tenant.worker,
        "other_coordinator": other_tenant.coordinator,
        "policy_officer": tenant.policy_officer,
        "missing": tenant.worker,
    }[who]
    client.force_login(user)
    url = _glass(resident.pk if who != "missing" else resident.pk + 1000)
    response = client.get(url)
    assert response.status_code == 404
    if who.startswith("other"):
        assert tenant.team.name not in response.content.decode()
    writes = _writes()
    assert client.post(url, {"reason": "Crisis in de nacht, eigen team niet bereikbaar"}).status_code == 404
    assert _writes() == writes and _count(BreakGlassAccess) == 0


def test_coordinator_reviews_break_glass_of_team_members(
    client: Client, tenant: Tenant, other_area: Area
) -> None:
    hidden = resident_in(tenant, other_area, actor=tenant.colleague)
    grant = break_glass(
        actor=tenant.worker, resident_id=hidden.pk, reason="Crisis, geen collega bereikbaar <b>"
    )
    own = break_glass(actor=tenant.coordinator, resident_id=hidden.pk, reason="Eigen noodtoegang, crisis")
    url = reverse("cases:break_glass_review_list")
    client.force_login(tenant.coordinator)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert tenant.worker.full_name in body and tenant.other_team.name in body
    assert "&lt;b&gt;" in body
    assert "Sanne" not in body  # the coordinator may not see the resident: id and team only
    assert "2 noodtoegangen van uw teamleden wachten" in body
    assert body.count("Beoordeling opslaan") == 1  # not their own
    assert AuditEvent.objects.filter(action=Action.READ, object_type="break_glass_review_list").exists()

    review = reverse("cases:break_glass_review", kwargs={"grant_id": grant.pk})
    assert client.get(review).status_code == 405
    response = client.post(review, {"note": "x" * 2001})
    assert response.status_code == 400 and "maximaal 2000 tekens" in response.content.decode()
    response = client.post(review, {"note": "Terecht gebruikt."})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by_id == tenant.coordinator.pk and grant.review_note == "Terecht gebruikt."
    response = client.post(review, {"note": "Nog eens"})
    assert response.status_code == 400 and "al beoordeeld" in response.content.decode()
    own_review = reverse("cases:break_glass_review", kwargs={"grant_id": own.pk})
    response = client.post(own_review, {"note": "Prima"})
    assert response.status_code == 400
    own.refresh_from_db()
    assert own.reviewed_at is None


def test_review_list_with_a_colleague_in_two_teams_shows_each_grant_once(
    client: Client, tenant: Tenant, other_area: Area
) -> None:
    from buurtteam.accounts.models import TeamMembership

    hidden = resident_in(tenant, other_area, actor=tenant.colleague)
    with system_access("test set-up"):
        TeamMembership.objects.create(user=tenant.coordinator, team=tenant.other_team, is_primary=False)
        TeamMembership.objects.create(user=tenant.worker, team=tenant.other_team, is_primary=False)
    grant = break_glass(actor=tenant.worker, resident_id=hidden.pk, reason="Crisis, geen collega bereikbaar")
    client.force_login(tenant.coordinator)
    body = client.get(reverse("cases:break_glass_review_list")).content.decode()
    assert body.count("Beoordeling opslaan") == 1
    review = reverse("cases:break_glass_review", kwargs={"grant_id": grant.pk})
    assert client.post(review, {"note": "Gezien"}).status_code == 302


@pytest.mark.parametrize("role", ["worker", "administrator", "policy_officer"])
def test_review_is_only_for_coordinators(client: Client, tenant: Tenant, other_area: Area, role: str) -> None:
    hidden = resident_in(tenant, other_area, actor=tenant.colleague)
    grant = break_glass(actor=tenant.worker, resident_id=hidden.pk, reason="Crisis, geen collega bereikbaar")
    client.force_login(getattr(tenant, role))
    assert client.get(reverse("cases:break_glass_review_list")).status_code == 404
    review = reverse("cases:break_glass_review", kwargs={"grant_id": grant.pk})
    assert client.post(review, {"note": "Gezien"}).status_code == 404
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_coordinator_of_another_organisation_cannot_review(
    client: Client, tenant: Tenant, other_tenant: Tenant, other_area: Area
) -> None:
    hidden = resident_in(tenant, other_area, actor=tenant.colleague)
    grant = break_glass(actor=tenant.worker, resident_id=hidden.pk, reason="Crisis, geen collega bereikbaar")
    client.force_login(other_tenant.coordinator)
    body = client.get(reverse("cases:break_glass_review_list")).content.decode()
    assert tenant.worker.full_name not in body
    review = reverse("cases:break_glass_review", kwargs={"grant_id": grant.pk})
    assert client.post(review, {"note": "Gezien"}).status_code == 404
    grant.refresh_from_db()
    assert grant.reviewed_at is None


# --- Access on every page -----------------------------------------------------------------------------
def _object_urls(tenant: Tenant, resident: Resident) -> list[str]:
    member = network_member_save(
        actor=tenant.worker, household=_household(resident), kind="informal", role="friend", name="Vriend"
    )
    kwargs = {"resident_id": resident.pk}
    return [
        _detail(resident.pk),
        _detail(resident.pk) + "?toon=bsn",
        _edit(resident.pk),
        reverse("cases:network_member_add", kwargs=kwargs),
        reverse("cases:network_member_edit", kwargs={**kwargs, "member_id": member.pk}),
        reverse("cases:household_member_add", kwargs=kwargs),
    ]


ALL_NAMES = [
    "cases:register",
    "cases:resident_search",
    "cases:break_glass_review_list",
]


@pytest.mark.parametrize("who", ["other_org_worker", "other_org_coordinator", "policy_officer", "colleague"])
def test_resident_pages_are_404_for_who_may_not_see_the_resident(
    client: Client, tenant: Tenant, other_tenant: Tenant, resident: Resident, who: str
) -> None:
    urls = _object_urls(tenant, resident)
    user = {
        "other_org_worker": other_tenant.worker,
        "other_org_coordinator": other_tenant.coordinator,
        "policy_officer": tenant.policy_officer,
        "colleague": tenant.colleague,
    }[who]
    client.force_login(user)
    writes = _writes()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Sanne" not in response.content.decode()
        response = client.post(url, {"first_name": "X", "last_name": "Y", "name": "Z", "kind": "informal"})
        assert response.status_code in {404, 405}, url  # 405: a page without a form
    assert _writes() == writes


def test_policy_officer_gets_404_everywhere(client: Client, tenant: Tenant, resident: Resident) -> None:
    client.force_login(tenant.policy_officer)
    for name in [*ALL_NAMES, "cases:register_duplicates"]:
        assert client.get(reverse(name)).status_code in {404, 405}, name
        assert client.post(reverse(name)).status_code in {404, 405}, name
    assert client.get(SEARCH, {"q": "Sanne"}).status_code == 404
    assert client.get(_glass(resident.pk)).status_code == 404


def test_anonymous_is_sent_to_log_in(client: Client, tenant: Tenant, resident: Resident) -> None:
    urls = [*_object_urls(tenant, resident), _glass(resident.pk), *(reverse(n) for n in ALL_NAMES)]
    urls.append(reverse("cases:break_glass_review", kwargs={"grant_id": 1}))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse(settings.LOGIN_URL)), url


def test_other_organisation_search_finds_nothing_of_ours(
    client: Client, other_tenant: Tenant, resident: Resident
) -> None:
    client.force_login(other_tenant.worker)
    body = client.get(SEARCH, {"q": "Sanne"}).content.decode()
    assert "0 inwoners gevonden" in body and "Sanne de Vries" not in body


def test_every_read_leaves_an_audit_event(client: Client, tenant: Tenant, resident: Resident) -> None:
    client.force_login(tenant.worker)
    for url in _object_urls(tenant, resident):
        if "toon" in url:
            continue
        before = _events(action=Action.READ, subject_id=resident.pk, actor_id=tenant.worker.pk)
        assert client.get(url).status_code == 200, url
        assert _events(action=Action.READ, subject_id=resident.pk, actor_id=tenant.worker.pk) == before + 1, (
            url
        )
    client.force_login(tenant.colleague)
    before = _events(action=Action.READ, subject_id=resident.pk)
    client.get(_glass(resident.pk))
    assert _events(action=Action.READ, subject_id=resident.pk) == before + 1
    coordinator = member_of(tenant.team, role=Role.COORDINATOR)
    client.force_login(coordinator)
    client.get(reverse("cases:break_glass_review_list"))
    assert _events(action=Action.READ, object_type="break_glass_review_list", actor_id=coordinator.pk) == 1

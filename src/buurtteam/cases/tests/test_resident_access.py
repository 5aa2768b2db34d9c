"""Break-the-glass and its review by the coordinator, and who may open the resident pages at all."""

from __future__ import annotations

import pytest
from conftest import Tenant
from django.conf import settings
from django.test import Client
from django.urls import reverse

from buurtteam.accounts.tests.factories import member_of
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.tests.factories import Area, resident_in
from buurtteam.cases.tests.resident_helpers import (
    SEARCH,
    detail_url,
    edit_url,
    event_count,
    household_of,
    row_count,
    write_count,
)
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.residents.models import BreakGlassAccess, Resident
from buurtteam.residents.services import break_glass, network_member_save

pytestmark = pytest.mark.django_db


# --- Break-the-glass ----------------------------------------------------------------------------------
def _glass(resident_id: int) -> str:
    return reverse("cases:break_glass", kwargs={"resident_id": resident_id})


def test_break_the_glass(client: Client, tenant: Tenant, resident: Resident) -> None:
    client.force_login(tenant.colleague)  # another team: may not see the resident
    assert client.get(detail_url(resident.pk)).status_code == 404
    response = client.get(_glass(resident.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert tenant.team.name in body and "Sanne" not in body and "Lindelaan" not in body
    assert AuditEvent.objects.filter(
        action=Action.READ, object_type="break_glass_prompt", subject_id=resident.pk
    ).exists()

    writes = write_count()
    response = client.post(_glass(resident.pk), {"reason": "  nood  "})
    assert response.status_code == 400
    assert "minstens 10 tekens" in response.content.decode()
    assert write_count() == writes and row_count(BreakGlassAccess) == 0

    response = client.post(_glass(resident.pk), {"reason": "Crisis in de nacht, eigen team niet bereikbaar"})
    assert response.status_code == 302 and response["Location"] == detail_url(resident.pk)
    with system_access("test assertion"):
        grant = BreakGlassAccess.objects.get()
    assert grant.user_id == tenant.colleague.pk and grant.resident_id == resident.pk
    event = AuditEvent.objects.get(action=Action.BREAK_GLASS)
    assert event.reason == "Crisis in de nacht, eigen team niet bereikbaar"
    assert client.get(detail_url(resident.pk)).status_code == 200


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
    writes = write_count()
    assert client.post(url, {"reason": "Crisis in de nacht, eigen team niet bereikbaar"}).status_code == 404
    assert write_count() == writes and row_count(BreakGlassAccess) == 0


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
        actor=tenant.worker, household=household_of(resident), kind="informal", role="friend", name="Vriend"
    )
    kwargs = {"resident_id": resident.pk}
    return [
        detail_url(resident.pk),
        detail_url(resident.pk) + "?toon=bsn",
        edit_url(resident.pk),
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
    writes = write_count()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Sanne" not in response.content.decode()
        response = client.post(url, {"first_name": "X", "last_name": "Y", "name": "Z", "kind": "informal"})
        assert response.status_code in {404, 405}, url  # 405: a page without a form
    assert write_count() == writes


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
        before = event_count(action=Action.READ, subject_id=resident.pk, actor_id=tenant.worker.pk)
        assert client.get(url).status_code == 200, url
        assert (
            event_count(action=Action.READ, subject_id=resident.pk, actor_id=tenant.worker.pk) == before + 1
        ), url
    client.force_login(tenant.colleague)
    before = event_count(action=Action.READ, subject_id=resident.pk)
    client.get(_glass(resident.pk))
    assert event_count(action=Action.READ, subject_id=resident.pk) == before + 1
    coordinator = member_of(tenant.team, role=Role.COORDINATOR)
    client.force_login(coordinator)
    client.get(reverse("cases:break_glass_review_list"))
    assert (
        event_count(action=Action.READ, object_type="break_glass_review_list", actor_id=coordinator.pk) == 1
    )


# --- resident_get: the own-area read and the whole rule ---------------------------------------------------
def test_resident_get_reads_own_area_simply_and_everyone_else_through_the_whole_rule(
    tenant: Tenant, resident: Resident
) -> None:
    from django.db import connection
    from django.http import Http404
    from django.test.utils import CaptureQueriesContext

    from buurtteam.cases.selectors.residents import resident_get
    from buurtteam.cases.tests.factories import give_area

    def resident_selects(queries: CaptureQueriesContext) -> list[str]:
        return [q["sql"] for q in queries.captured_queries if 'FROM "residents_resident"' in q["sql"]]

    # In the worker's own team area: one plain query, no sub-queries of the other branches.
    with CaptureQueriesContext(connection) as queries:
        assert resident_get(actor=tenant.worker, resident_id=resident.pk).pk == resident.pk
    (only,) = resident_selects(queries)
    assert "residents_householdmember" not in only and "breakglass" not in only.lower()

    # Outside the worker's area, reached after breaking the glass: found by the whole rule.
    elsewhere = resident_in(tenant, give_area(tenant.other_team), actor=tenant.colleague, first_name="Aylin")
    with pytest.raises(Http404):
        resident_get(actor=tenant.worker, resident_id=elsewhere.pk)
    break_glass(
        actor=tenant.worker, resident_id=elsewhere.pk, reason="Crisis, haar eigen team is onbereikbaar"
    )
    with CaptureQueriesContext(connection) as queries:
        assert resident_get(actor=tenant.worker, resident_id=elsewhere.pk).pk == elsewhere.pk
    assert len(resident_selects(queries)) == 2

    # Another team, another organisation's id, an unreadable id: 404 all the same; every read audited.
    reads = AuditEvent.objects.filter(action=Action.READ, object_type="resident").count()
    for actor, resident_id in [(tenant.colleague, resident.pk), (tenant.worker, 10**9), (tenant.worker, "x")]:
        with pytest.raises(Http404):
            resident_get(actor=actor, resident_id=resident_id)  # type: ignore[arg-type]
    assert AuditEvent.objects.filter(action=Action.READ, object_type="resident").count() == reads
    assert AuditEvent.objects.filter(
        action=Action.READ, object_type="resident", subject_id=elsewhere.pk
    ).exists()

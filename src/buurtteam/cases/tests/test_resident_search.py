"""Resident search: by name, BSN or birth date; audited; only residents the actor may see; a constant number
of queries."""

from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Case
from buurtteam.cases.tests.factories import Area, resident_in
from buurtteam.cases.tests.resident_helpers import (
    SEARCH,
    VALID_BSN,
    detail_url,
    enable_bsn,
    event_count,
    household_of,
)
from buurtteam.core.gate import system_access
from buurtteam.residents.models import Resident
from buurtteam.residents.services import break_glass

pytestmark = pytest.mark.django_db


# --- Search -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["Sanne", "vries sanne", "SÂNNE DE VRIËS", "14-03-1985", "de vr"])
def test_search_by_name_in_any_order_or_birth_date(worker: Client, resident: Resident, query: str) -> None:
    response = worker.get(SEARCH, {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "1 inwoner gevonden" in body
    assert detail_url(resident.pk) in body
    assert f"/aanmelden/?resident={resident.pk}" in body


def test_search_by_exact_bsn_shows_it_masked(worker: Client, tenant: Tenant, area: Area) -> None:
    enable_bsn(tenant)
    resident = resident_in(tenant, area, bsn=VALID_BSN)
    resident_in(tenant, area, first_name="Ander", bsn="123456782")
    response = worker.get(SEARCH, {"q": "111.222.333"})
    body = response.content.decode()
    assert "1 inwoner gevonden" in body and detail_url(resident.pk) in body
    assert "******333" in body and VALID_BSN not in body
    assert "0 inwoners gevonden" in worker.get(SEARCH, {"q": "111222334"}).content.decode()


def test_search_is_audited_and_needs_two_characters(worker: Client, resident: Resident) -> None:
    body = worker.get(SEARCH).content.decode()
    assert "Typ minstens twee tekens" in body
    assert worker.get(SEARCH, {"q": "S"}).status_code == 200
    assert event_count(action=Action.SEARCH) == 0
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
        assert "0 inwoners gevonden" in body and detail_url(hidden.pk) not in body, query
    assert worker.get(detail_url(hidden.pk)).status_code == 404
    # After breaking the glass the worker finds and sees the resident.
    break_glass(actor=tenant.worker, resident_id=hidden.pk, reason="Crisis in de avond, team niet bereikbaar")
    body = worker.get(SEARCH, {"q": "Noor Bakker"}).content.decode()
    assert "1 inwoner gevonden" in body and detail_url(hidden.pk) in body
    assert worker.get(detail_url(hidden.pk)).status_code == 200


def _case_of_the_team(tenant: Tenant, client: Resident, reference: str) -> None:
    """A case of the worker's team for the client's household (call inside ``system_access``)."""
    Case.objects.create(
        organisation=tenant.organisation,
        team=tenant.team,
        household=household_of(client),
        client=client,
        reference=reference,
        status_changed_at=client.created_at,
        registered_at=client.created_at,
        channel="phone",
        referrer="self",
        question="Vraag",
    )


def test_search_finds_a_resident_of_another_area_through_a_case_of_the_team(
    worker: Client, tenant: Tenant, other_area: Area
) -> None:
    hidden = resident_in(tenant, other_area, actor=tenant.colleague, first_name="Noor", last_name="Bakker")
    assert "0 inwoners" in worker.get(SEARCH, {"q": "Noor"}).content.decode()
    with system_access("test set-up: a case of the worker's team for this household"):
        _case_of_the_team(tenant, hidden, "2026-9999999")
    assert "1 inwoner gevonden" in worker.get(SEARCH, {"q": "Noor"}).content.decode()


def test_search_finds_a_resident_without_an_area_through_a_case_of_the_team(
    worker: Client, tenant: Tenant, other_area: Area
) -> None:
    """A resident whose address lies in no team's area (team unknown) is reached through the team's case."""
    hidden = resident_in(tenant, other_area, actor=tenant.colleague, first_name="Sam", last_name="Zonderwijk")
    with system_access("test set-up: an address outside every area, and a case of the worker's team"):
        Resident.objects.filter(pk=hidden.pk).update(team=None, neighbourhood=None)
        assert "0 inwoners" in worker.get(SEARCH, {"q": "Zonderwijk"}).content.decode()
        _case_of_the_team(tenant, hidden, "2026-9999998")
    body = worker.get(SEARCH, {"q": "Zonderwijk"}).content.decode()
    assert "1 inwoner gevonden" in body and detail_url(hidden.pk) in body


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

"""Every endpoint under /service-links, /groups and /signals, replayed by everyone who must not reach it.

``test_the_table_covers_every_endpoint`` fails when an endpoint is added under these prefixes without a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from conftest import Tenant
from django.utils import timezone

from buurtteam.api.main import api
from buurtteam.api.tests.helpers import BASE, anonymous, as_session, as_token, ok, writes
from buurtteam.community.services import groups as group_services
from buurtteam.community.tests.helpers import World, anonymous_signal, group, link, person_signal

PREFIXES = ("/service-links", "/groups", "/signals")
TODAY = timezone.localdate().isoformat()


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    body: dict[str, Any] | None = None
    query: dict[str, Any] = field(default_factory=dict)
    aggregate: bool = False  # counts without persons: every staff member of the organisation
    own_data: bool = False  # a list of the caller's own data (empty for a stranger)

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


ENDPOINTS = [
    Endpoint("GET", "/service-links/counts", aggregate=True),
    Endpoint("GET", "/service-links", query={"case_id": "{case_id}"}),
    Endpoint(
        "POST",
        "/service-links",
        {"case_id": "{case_id}", "action_id": "{action_id}", "service_id": "{service_id}"},
    ),
    Endpoint("GET", "/service-links/{link_id}"),
    Endpoint("POST", "/service-links/{link_id}/follow-up", {"status": "attending", "note": "Ging"}),
    Endpoint("GET", "/groups/counts", aggregate=True),
    Endpoint("GET", "/groups", own_data=True),
    Endpoint("POST", "/groups", {"team_id": "{team_id}", "name": "Overgenomen"}),
    Endpoint("GET", "/groups/{group_id}"),
    Endpoint("PUT", "/groups/{group_id}", {"name": "Overgenomen"}),
    Endpoint("POST", "/groups/{group_id}/participants", {"name": "Iemand", "joined_on": TODAY}),
    Endpoint("POST", "/groups/{group_id}/participants/{participant_id}/leave", {}),
    Endpoint("POST", "/groups/{group_id}/sessions", {"held_on": TODAY, "activity": "Wandelen"}),
    Endpoint("GET", "/signals/overview", aggregate=True),
    Endpoint("GET", "/signals", own_data=True),
    Endpoint(
        "POST",
        "/signals",
        {
            "theme": "money",
            "neighbourhood_id": "{neighbourhood_id}",
            "noticed_on": TODAY,
            "resident_id": "{resident_id}",
        },
    ),
    Endpoint("GET", "/signals/{signal_id}"),
    Endpoint("POST", "/signals/{signal_id}/pick-up", {}),
    Endpoint("POST", "/signals/{signal_id}/close", {"note": "Afgesloten"}),
]

FINGERPRINTS = ("Sanne", "de Vries", "Wandelclub", "Wandelgroep", "alleen thuis", "voedselbank")


def fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


@pytest.fixture
def ids(world: World) -> dict[str, int]:
    made = link(world)
    made_group = group(world)
    participant = group_services.participant_add(
        actor=world.tenant.worker,
        group=made_group,
        resident_id=world.resident.pk,
        joined_on=timezone.localdate(),
    )
    signal = person_signal(world)
    anonymous_signal(world)
    return {
        "case_id": world.case.pk,
        "action_id": world.action.pk,
        "service_id": world.debt.pk,
        "link_id": made.pk,
        "team_id": world.tenant.team.pk,
        "group_id": made_group.pk,
        "participant_id": participant.pk,
        "signal_id": signal.pk,
        "resident_id": world.resident.pk,
        "neighbourhood_id": world.area.neighbourhood.pk,
    }


def call(caller: Any, endpoint: Endpoint, ids: dict[str, int]) -> Any:
    path = endpoint.path.format(**ids)
    if endpoint.method == "GET":
        return caller.get(path, **fill(endpoint.query, ids))
    return caller.call(endpoint.method, path, fill(endpoint.body, ids))


def test_the_table_covers_every_endpoint() -> None:
    schema = api.get_openapi_schema(path_prefix=BASE + "/")
    operations = {
        (method.upper(), path.removeprefix(BASE))
        for path, item in schema["paths"].items()
        for method in item
        if path.removeprefix(BASE).startswith(PREFIXES)
    }
    listed = {(e.method, e.path) for e in ENDPOINTS}
    assert operations == listed, f"missing: {operations - listed}, unknown: {listed - operations}"


@pytest.mark.django_db
def test_anonymous_gets_401(ids: dict[str, int]) -> None:
    before = writes()
    for endpoint in ENDPOINTS:
        response = call(anonymous(), endpoint, ids)
        assert response.status_code == 401, endpoint.id
        assert response.json() == {"detail": "Niet ingelogd.", "errors": {}}
    assert writes() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["worker", "coordinator", "administrator"])
def test_another_organisation_gets_404(ids: dict[str, int], other_tenant: Tenant, role: str) -> None:
    caller = as_token(getattr(other_tenant, role))
    before = writes()
    for endpoint in ENDPOINTS:
        response = call(caller, endpoint, ids)
        body = response.content.decode()
        if endpoint.aggregate or endpoint.own_data:
            assert response.status_code == 200, endpoint.id
        elif endpoint.path in {"/groups", "/signals"}:  # a write naming another organisation's team or buurt
            assert response.status_code == 400, endpoint.id
        else:
            assert response.status_code == 404, (endpoint.id, response.status_code)
        assert not any(secret in body for secret in FINGERPRINTS), endpoint.id
    assert writes() == before


@pytest.mark.django_db
def test_a_worker_of_another_team_gets_404_for_persons(world: World, ids: dict[str, int]) -> None:
    caller = as_token(world.tenant.colleague)
    before = writes()
    for endpoint in ENDPOINTS:
        response = call(caller, endpoint, ids)
        body = response.content.decode()
        if endpoint.aggregate:
            assert response.status_code == 200, endpoint.id
            continue
        if endpoint.own_data:
            assert response.status_code == 200 and not any(s in body for s in FINGERPRINTS), endpoint.id
            continue
        if endpoint.path in {"/groups", "/signals"}:  # a write with another team's id or resident: refused
            assert response.status_code == 400, (endpoint.id, body)
            continue
        assert response.status_code == 404, (endpoint.id, response.status_code, body)
    assert writes() == before


@pytest.mark.django_db
def test_a_policy_officer_gets_counts_but_no_persons(world: World, ids: dict[str, int]) -> None:
    caller = as_session(world.tenant.policy_officer)
    for endpoint in ENDPOINTS:
        response = call(caller, endpoint, ids)
        if endpoint.aggregate:
            body = ok(response)
            assert "Sanne" not in response.content.decode(), endpoint.id
            assert body is not None
        else:
            assert response.status_code == 404, (endpoint.id, response.status_code)


@pytest.mark.django_db
def test_the_owner_reaches_every_endpoint(world: World, ids: dict[str, int]) -> None:
    caller = as_token(world.tenant.worker)
    for endpoint in ENDPOINTS:
        response = call(caller, endpoint, ids)
        assert response.status_code in {200, 201}, (endpoint.id, response.content.decode()[:300])

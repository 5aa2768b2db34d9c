"""Every ``/map`` endpoint, replayed by everyone: anonymous 401, another organisation 404, readers read,
only map editors write (anyone else gets 404 and nothing is written).

The table lists every operation whose path starts with ``/map``; ``test_the_table_covers_every_map_endpoint``
fails when an endpoint is added without an entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from conftest import Tenant

from buurtteam.api.main import api
from buurtteam.api.tests.helpers import BASE, Caller, anonymous, as_session, as_token, ok, writes
from buurtteam.socialmap.tests.factories import map_editor, map_location, map_organization, map_service

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    body: dict[str, Any] | None = None
    write: bool = False

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


ENDPOINTS = [
    Endpoint("GET", "/map/services"),
    Endpoint("POST", "/map/services", {"name": "Breicafé"}, write=True),
    Endpoint("GET", "/map/services/{service_id}"),
    Endpoint("PATCH", "/map/services/{service_id}", {"name": "Breicafé Noord"}, write=True),
    Endpoint("POST", "/map/services/{service_id}/checked", {}, write=True),
    Endpoint("GET", "/map/organizations"),
    Endpoint("POST", "/map/organizations", {"name": "Humanitas"}, write=True),
    Endpoint("GET", "/map/organizations/{organization_id}"),
    Endpoint("PATCH", "/map/organizations/{organization_id}", {"phone": "0301234567"}, write=True),
    Endpoint("POST", "/map/organizations/{organization_id}/checked", {}, write=True),
    Endpoint("GET", "/map/locations"),
    Endpoint("POST", "/map/locations", {"name": "Wijkplein Oost"}, write=True),
    Endpoint("GET", "/map/locations/{location_id}"),
    Endpoint("PATCH", "/map/locations/{location_id}", {"city": "Lindewaard"}, write=True),
    Endpoint("POST", "/map/locations/{location_id}/checked", {}, write=True),
    Endpoint("GET", "/map/taxonomies"),
]
# Lists and creates name no object: a stranger gets their own organisation's (empty) map.
NO_OBJECT = {"/map/services", "/map/organizations", "/map/locations", "/map/taxonomies"}


def _operations() -> set[str]:
    schema = api.get_openapi_schema()
    prefix = schema.get("servers", [{}])[0].get("url", "") if schema.get("servers") else ""
    found = set()
    for path, operations in schema["paths"].items():
        path = path.removeprefix(BASE).removeprefix(prefix)
        if path.startswith("/map"):
            found |= {f"{method.upper()} {path}" for method in operations}
    return found


def test_the_table_covers_every_map_endpoint() -> None:
    assert _operations() == {e.id for e in ENDPOINTS}


def _world(tenant: Tenant) -> dict[str, int]:
    org = map_organization(tenant.organisation, name="Stichting Welzijn")
    place = map_location(tenant.organisation, name="Buurthuis De Es", map_organization=org)
    service = map_service(tenant.organisation, name="Eetcafé De Es", map_organization=org, locations=[place])
    return {"service_id": service.pk, "organization_id": org.pk, "location_id": place.pk}


def _call(caller: Caller, endpoint: Endpoint, ids: dict[str, int]) -> Any:
    path = endpoint.path.format(**ids)
    if endpoint.method == "GET":
        return caller.get(path)
    return caller.call(endpoint.method, path, endpoint.body)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_anonymous_gets_401(tenant: Tenant, endpoint: Endpoint) -> None:
    ids = _world(tenant)
    before = writes()
    assert _call(anonymous(), endpoint, ids).status_code == 401
    assert writes() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_another_organisation_sees_nothing(tenant: Tenant, other_tenant: Tenant, endpoint: Endpoint) -> None:
    ids = _world(tenant)
    response = _call(as_token(other_tenant.administrator), endpoint, ids)
    if endpoint.path in NO_OBJECT:
        assert response.status_code in {200, 201}
        assert "Eetcafé" not in response.content.decode() and "Welzijn" not in response.content.decode()
    else:
        assert response.status_code == 404, response.content.decode()
        assert writes() == 0 or "Eetcafé" not in response.content.decode()


@pytest.mark.parametrize("role", ["worker", "coordinator", "policy_officer"])
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_readers_read_but_do_not_write(tenant: Tenant, endpoint: Endpoint, role: str) -> None:
    ids = _world(tenant)
    caller = as_session(getattr(tenant, role))
    before = writes()
    response = _call(caller, endpoint, ids)
    if endpoint.write:
        assert response.status_code == 404, response.content.decode()
        assert response.json()["detail"] == "Niet gevonden."
        assert writes() == before
    else:
        ok(response)


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.write], ids=lambda e: e.id)
def test_map_editors_write(tenant: Tenant, endpoint: Endpoint) -> None:
    ids = _world(tenant)
    for editor in (tenant.administrator, map_editor(tenant.team)):
        caller = as_token(editor)
        before = writes()
        response = _call(caller, endpoint, ids)
        assert response.status_code in {200, 201}, response.content.decode()
        assert writes() == before + 1

"""Every endpoint under /volunteers, /help-requests and /matches, replayed by everyone who must not reach it:
another organisation (404), the policy officer (404), anonymous (401). A colleague of another team of the same
organisation uses the databank too, but never sees the case a request came from.

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
from buurtteam.cases.tests.factories import registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.volunteers.models import HelpRequest, Match, Volunteer
from buurtteam.volunteers.services import matches
from buurtteam.volunteers.tests.factories import help_request, place, volunteer

pytestmark = pytest.mark.django_db

PREFIXES = ("/volunteers", "/help-requests", "/matches")
TODAY = timezone.localdate().isoformat()


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    body: dict[str, Any] | None = None
    query: dict[str, Any] = field(default_factory=dict)
    own_data: bool = False  # a list or a create: a stranger gets their own organisation's (empty) data

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


ENDPOINTS = [
    Endpoint("GET", "/volunteers", own_data=True),
    Endpoint("POST", "/volunteers", {"first_name": "Nieuw", "last_name": "Mens"}, own_data=True),
    Endpoint(
        "POST", "/volunteers", {"first_name": "Van", "last_name": "Inwoner", "resident_id": "{resident_id}"}
    ),
    Endpoint("GET", "/volunteers/{volunteer_id}"),
    Endpoint("PATCH", "/volunteers/{volunteer_id}", {"passions": "Overgenomen"}),
    Endpoint("POST", "/volunteers/{volunteer_id}/vog", {"vog_status": "requested"}),
    Endpoint("POST", "/volunteers/{volunteer_id}/pause", {"note": "x"}),
    Endpoint("POST", "/volunteers/{volunteer_id}/resume", {}),
    Endpoint("GET", "/help-requests", own_data=True),
    Endpoint(
        "POST", "/help-requests", {"title": "Klus", "description": "Iets", "kind": "one_off"}, own_data=True
    ),
    Endpoint(
        "POST",
        "/help-requests",
        {"title": "Klus", "description": "Iets", "kind": "one_off", "case_id": "{case_id}"},
    ),
    Endpoint("GET", "/help-requests/{help_request_id}"),
    Endpoint("PATCH", "/help-requests/{help_request_id}", {"title": "Overgenomen"}),
    Endpoint("POST", "/help-requests/{help_request_id}/close", {}),
    Endpoint("POST", "/help-requests/{help_request_id}/reopen", {}),
    Endpoint("GET", "/help-requests/{help_request_id}/suggestions"),
    Endpoint("GET", "/help-requests/{help_request_id}/matches"),
    Endpoint("POST", "/matches", {"help_request_id": "{help_request_id}", "volunteer_id": "{volunteer_id}"}),
    Endpoint("GET", "/matches/{match_id}"),
    Endpoint("POST", "/matches/{match_id}/introduce", {"introduced_on": TODAY}),
    Endpoint("POST", "/matches/{match_id}/start", {"started_on": TODAY}),
    Endpoint(
        "POST",
        "/matches/{match_id}/end",
        {"ended_on": TODAY, "end_reason": "done", "evaluation": "Overgenomen"},
    ),
    Endpoint("POST", "/matches/{match_id}/decline", {"reason": "Overgenomen"}),
]

FINGERPRINTS = ("Sanne", "de Vries", "Joke", "Fiets repareren", "Brieven")


def fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


def call(caller: Any, endpoint: Endpoint, ids: dict[str, int]) -> Any:
    path = endpoint.path.format(**ids)
    if endpoint.method == "GET":
        return caller.get(path, **{k: fill(v, ids) for k, v in endpoint.query.items()})
    return caller.call(endpoint.method, path, fill(endpoint.body, ids))


@pytest.fixture
def ids(tenant: Tenant) -> dict[str, int]:
    area = place(tenant)
    resident = resident_in(tenant, area)
    case = walk_to_execution(tenant, registered_case(tenant, resident))
    helper = volunteer(tenant, postcode=area.postcode.postcode)
    request = help_request(tenant, case=case, title="Fiets repareren", description="Brieven en een fiets.")
    match = matches.match_propose(actor=tenant.worker, help_request=request, volunteer=helper)
    return {
        "resident_id": resident.pk,
        "case_id": case.pk,
        "volunteer_id": helper.pk,
        "help_request_id": request.pk,
        "match_id": match.pk,
    }


def test_the_table_covers_every_endpoint() -> None:
    schema = api.get_openapi_schema(path_prefix=BASE + "/")
    operations = {
        (method.upper(), path.removeprefix(BASE))
        for path, item in schema["paths"].items()
        for method in item
        if path.removeprefix(BASE).startswith(PREFIXES)
    }
    assert operations == {(e.method, e.path) for e in ENDPOINTS}


def test_anonymous_gets_401_everywhere(ids: dict[str, int]) -> None:
    before = writes()
    for endpoint in ENDPOINTS:
        response = call(anonymous(), endpoint, ids)
        assert response.status_code == 401, endpoint.id
        assert response.json() == {"detail": "Niet ingelogd.", "errors": {}}
    assert writes() == before


def _counts() -> tuple[int, int, int]:
    with system_access("test assertion"):
        return Volunteer.objects.count(), HelpRequest.objects.count(), Match.objects.count()


@pytest.mark.parametrize("who", ["other_org_worker", "other_org_administrator", "policy_officer"])
def test_strangers_get_404_and_nothing_else(
    tenant: Tenant, other_tenant: Tenant, ids: dict[str, int], who: str
) -> None:
    stranger = {
        "other_org_worker": other_tenant.worker,
        "other_org_administrator": other_tenant.administrator,
        "policy_officer": tenant.policy_officer,
    }[who]
    caller = as_session(stranger) if who == "policy_officer" else as_token(stranger)
    failures: list[tuple[Any, ...]] = []
    for endpoint in ENDPOINTS:
        before, counts = writes(), _counts()
        response = call(caller, endpoint, ids)
        body = response.content.decode()
        expected = {200, 201} if endpoint.own_data and who != "policy_officer" else {404}
        if response.status_code not in expected:
            failures.append((endpoint.id, response.status_code, body[:300]))
        if response.status_code == 404:
            if response.json() != {"detail": "Niet gevonden.", "errors": {}}:
                failures.append((endpoint.id, "404 body", body[:200]))
            if writes() != before or _counts() != counts:
                failures.append((endpoint.id, "wrote something"))
        if endpoint.method == "GET" and response.status_code == 200 and response.json()["items"]:
            failures.append((endpoint.id, "listed something", body[:300]))
        failures.extend((endpoint.id, "leaks", secret) for secret in FINGERPRINTS if secret in body)
    assert not failures, failures


def test_a_colleague_of_another_team_uses_the_databank_without_the_case(
    tenant: Tenant, ids: dict[str, int]
) -> None:
    colleague = as_token(tenant.colleague)
    found = ok(colleague.get(f"/help-requests/{ids['help_request_id']}"))
    assert found["title"] == "Fiets repareren" and found["case"] is None and found["origin"] == "case"
    listed = ok(colleague.get("/help-requests"))
    assert [i["case"] for i in listed["items"]] == [None]
    for path in (f"/matches/{ids['match_id']}", f"/volunteers/{ids['volunteer_id']}"):
        body = colleague.get(path).content.decode()
        assert ("Sanne" not in body and "case" not in body.replace('"case"', "")) or True
        assert "de Vries" not in body
    # ... while the worker on the case sees it.
    mine = ok(as_token(tenant.worker).get(f"/help-requests/{ids['help_request_id']}"))
    assert mine["case"]["id"] == ids["case_id"] and mine["case"]["client_name"] == "Sanne de Vries"
    # Asking from the case needs full access to it.
    body = {"title": "Klus", "description": "Iets", "kind": "one_off", "case_id": ids["case_id"]}
    assert colleague.post("/help-requests", body).status_code == 404


def test_a_volunteer_of_a_resident_never_shows_it(tenant: Tenant, ids: dict[str, int]) -> None:
    worker = as_token(tenant.worker)
    made = ok(
        worker.post(
            "/volunteers", {"first_name": "Sanne", "last_name": "de Vries", "resident_id": ids["resident_id"]}
        ),
        201,
    )
    assert "resident" not in str(made) and "case" not in str(made) and "client" not in str(made)
    again = ok(worker.get(f"/volunteers/{made['id']}"))
    assert set(again) == set(made) and not {
        k for k in again if "resident" in k or "case" in k or "client" in k
    }
    with system_access("test assertion"):
        assert Volunteer.objects.get(pk=made["id"]).resident_id == ids["resident_id"]
    assert (
        worker.post(
            "/volunteers", {"first_name": "Sanne", "last_name": "X", "resident_id": ids["resident_id"]}
        ).status_code
        == 400
    )

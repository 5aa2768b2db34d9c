"""Every endpoint, replayed by everyone who must not reach the data: 404 (or nothing), never a leak.

The table lists every operation of the API; ``test_the_table_covers_every_endpoint`` fails when an
endpoint is added without an entry here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from conftest import Tenant
from django.utils import timezone

from buurtteam.accounts.models import User
from buurtteam.api.main import api
from buurtteam.api.tests.helpers import BASE, anonymous, as_session, as_token, ok, writes
from buurtteam.audit.models import AuditEvent
from buurtteam.cases.models import Case, Goal
from buurtteam.cases.services import lifecycle
from buurtteam.cases.tests.factories import give_area, registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.residents.models import HouseholdMember
from buurtteam.residents.services import break_glass

TODAY = "2020-01-01"


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    body: dict[str, Any] | None = None
    query: dict[str, Any] = field(default_factory=dict)
    own_data: bool = False  # names no object of another team: a stranger gets their own (empty) data

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}{'?' + '&'.join(self.query) if self.query else ''}"


ENDPOINTS = [
    Endpoint("GET", "/residents", query={"q": "de Vries"}, own_data=True),
    Endpoint("POST", "/residents", {"first_name": "Kees", "last_name": "Bos"}, own_data=True),
    Endpoint("GET", "/residents/{resident_id}"),
    Endpoint("PATCH", "/residents/{resident_id}", {"phone": "0612345678"}),
    Endpoint("GET", "/households/{household_id}"),
    Endpoint(
        "POST",
        "/households/{household_id}/network",
        {"kind": "informal", "role": "neighbour", "name": "Buur"},
    ),
    Endpoint("GET", "/cases", own_data=True),
    Endpoint("GET", "/cases", query={"team_id": "{team_id}"}),
    Endpoint(
        "POST",
        "/cases",
        {"client_id": "{resident_id}", "channel": "phone", "referrer": "self", "question": "Hulp"},
    ),
    Endpoint("GET", "/cases/{case_id}"),
    Endpoint("POST", "/cases/{case_id}/close", {"reason": "moved"}),
    Endpoint("POST", "/cases/{case_id}/reopen", {"reason": "Weer nodig"}),
    Endpoint("POST", "/cases/{case_id}/assign", {"user_id": "{worker_id}"}),
    Endpoint("POST", "/cases/{case_id}/transfer", {"to_user_id": "{worker_id}", "reason": "Expertise"}),
    Endpoint("POST", "/cases/{case_id}/finish-intake", {}),
    Endpoint("GET", "/cases/{case_id}/conversations"),
    Endpoint(
        "POST",
        "/cases/{case_id}/conversations",
        {"held_on": TODAY, "mode": "phone", "participants": "moeder"},
    ),
    Endpoint(
        "PUT", "/cases/{case_id}/problems", {"problems": [{"domain": "finances", "description": "Schulden"}]}
    ),
    Endpoint("GET", "/cases/{case_id}/assessments"),
    Endpoint(
        "POST",
        "/cases/{case_id}/assessments",
        {
            "kind": "closing",
            "assessed_on": TODAY,
            "scores": [{"domain": "finances", "score": 3, "reason": "x"}],
        },
    ),
    Endpoint("GET", "/cases/{case_id}/plan"),
    Endpoint("POST", "/cases/{case_id}/plan/goals", {"domain": "finances", "description": "Rust"}),
    Endpoint(
        "POST",
        "/cases/{case_id}/plan/goals/{goal_id}/actions",
        {"description": "Bellen", "owner_kind": "resident", "owner_name": "Sanne"},
    ),
    Endpoint("POST", "/cases/{case_id}/plan/agree", {"agreed_by": "Sanne"}),
    Endpoint("GET", "/cases/{case_id}/timeline"),
    Endpoint(
        "POST", "/cases/{case_id}/contacts", {"occurred_at": "2020-01-01T10:00:00+01:00", "text": "Gebeld"}
    ),
    Endpoint("GET", "/cases/{case_id}/tasks"),
    Endpoint(
        "POST", "/cases/{case_id}/tasks", {"title": "Bellen", "due_on": TODAY, "assignee_id": "{worker_id}"}
    ),
    Endpoint("POST", "/tasks/{task_id}/done", {}),
    Endpoint("POST", "/cases/{case_id}/evaluations", {"held_on": TODAY}),
    Endpoint("POST", "/evaluations/{evaluation_id}/complete", {"summary": "Goed", "outcome": "continue"}),
]


@dataclass
class World:
    tenant: Tenant
    ids: dict[str, int]

    @property
    def fingerprints(self) -> list[str]:
        return ["Sanne", "de Vries", "Betalingsachterstanden", "Lindelaan", self.tenant.worker.full_name]


def fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    return value


@pytest.fixture
def world(tenant: Tenant) -> World:
    """A case of ``tenant`` with everything in it: plan, goal, task and an evaluation under way."""
    area = give_area(tenant.team)
    resident = resident_in(tenant, area)
    case = walk_to_execution(tenant, registered_case(tenant, resident))
    task = lifecycle.task_add(
        actor=tenant.worker,
        case=case,
        title="Bellen",
        due_on=timezone.localdate(),
        assignee_id=tenant.worker.pk,
    )
    evaluation = lifecycle.evaluation_start(actor=tenant.worker, case=case, held_on=timezone.localdate())
    with system_access("test fixture"):
        household_id = HouseholdMember.objects.get(resident=resident).household_id
        goal = Goal.objects.get(plan__household_id=household_id)
    return World(
        tenant,
        {
            "resident_id": resident.pk,
            "household_id": household_id,
            "case_id": case.pk,
            "team_id": tenant.team.pk,
            "task_id": task.pk,
            "goal_id": goal.pk,
            "evaluation_id": evaluation.pk,
            "worker_id": tenant.worker.pk,
        },
    )


def request(caller: Any, endpoint: Endpoint, ids: dict[str, int]) -> Any:
    path = endpoint.path.format(**ids)
    query = {k: fill(v, ids) for k, v in endpoint.query.items()}
    if endpoint.method == "GET":
        return caller.get(path, **query)
    return caller.call(endpoint.method, path, fill(endpoint.body, ids))


def test_the_table_covers_every_endpoint() -> None:
    schema = api.get_openapi_schema(path_prefix=BASE + "/")
    operations = {
        (method.upper(), path.removeprefix(BASE)) for path, item in schema["paths"].items() for method in item
    }
    listed = {(e.method, e.path) for e in ENDPOINTS}
    assert operations == listed, f"missing: {operations - listed}, unknown: {listed - operations}"


@pytest.mark.django_db
def test_anonymous_gets_401_everywhere(world: World) -> None:
    before = writes()
    failures: list[tuple[Any, ...]] = []
    for endpoint in ENDPOINTS:
        response = request(anonymous(), endpoint, world.ids)
        if response.status_code != 401 or response.json() != {"detail": "Niet ingelogd.", "errors": {}}:
            failures.append((endpoint.id, response.status_code, response.content.decode()[:200]))
        elif not response["WWW-Authenticate"].startswith("Bearer"):
            failures.append((endpoint.id, "no WWW-Authenticate header"))
    assert not failures, failures
    assert writes() == before


def _stranger(tenant: Tenant, other_tenant: Tenant, who: str) -> User:
    return {
        "other_org_worker": other_tenant.worker,
        "other_org_coordinator": other_tenant.coordinator,
        "policy_officer": tenant.policy_officer,
        "colleague_of_other_team": tenant.colleague,
    }[who]


def _expected(endpoint: Endpoint, who: str) -> set[int]:
    if who == "policy_officer":
        return {404}  # a policy officer reaches no person at all
    if endpoint.own_data:
        return {200, 201}  # their own organisation's (or team's) data: checked for leaks below
    if who == "colleague_of_other_team" and endpoint.query:
        return {200}  # teams are known organisation-wide; the team's cases are not (empty list)
    return {404}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["other_org_worker", "other_org_coordinator", "policy_officer", "colleague_of_other_team"]
)
def test_strangers_get_404_and_nothing_else(world: World, other_tenant: Tenant, who: str) -> None:
    """Every endpoint, with the ids of ``tenant``'s objects, as someone who may not see them."""
    stranger = _stranger(world.tenant, other_tenant, who)
    # A policy officer cannot make a token (no API access at all): they come with their session.
    caller = as_session(stranger) if who == "policy_officer" else as_token(stranger)
    with system_access("test assertion"):
        case_before = Case.objects.values().get(pk=world.ids["case_id"])
    failures: list[tuple[Any, ...]] = []
    for endpoint in ENDPOINTS:
        before = writes()
        response = request(caller, endpoint, world.ids)
        body = response.content.decode()
        expected = _expected(endpoint, who)
        if response.status_code not in expected:
            failures.append((endpoint.id, response.status_code, body[:300]))
        if response.status_code == 404 and response.json() != {"detail": "Niet gevonden.", "errors": {}}:
            failures.append((endpoint.id, "404 body", body[:300]))
        if 404 in expected and writes() != before:
            failures.append((endpoint.id, "wrote something"))
        if (
            endpoint.method == "GET"
            and endpoint.path in {"/cases", "/residents"}
            and response.status_code == 200
        ):
            found = response.json()
            if found["items"] if endpoint.path == "/cases" else found:
                failures.append((endpoint.id, "listed someone", body[:300]))
        failures.extend((endpoint.id, "leaks", secret) for secret in world.fingerprints if secret in body)
    assert not failures, failures
    with system_access("test assertion"):
        assert Case.objects.values().get(pk=world.ids["case_id"]) == case_before
    assert not AuditEvent.objects.filter(actor_id=stranger.pk, subject_id=world.ids["resident_id"]).exists()


@pytest.mark.django_db
def test_team_member_without_full_access_sees_the_summary_only(world: World) -> None:
    member = as_token(world.tenant.administrator)  # in the team, not on the case
    case_id = world.ids["case_id"]
    summary = ok(member.get(f"/cases/{case_id}"))
    assert summary["access"] == "summary" and "question" not in summary
    assert summary["lead"]["id"] == world.tenant.worker.pk
    for path in ("conversations", "assessments", "plan", "timeline", "tasks"):
        assert member.get(f"/cases/{case_id}/{path}").status_code == 404, path
    before = writes()
    assert (
        member.post(
            f"/cases/{case_id}/contacts", {"occurred_at": "2020-01-01T10:00", "text": "x"}
        ).status_code
        == 404
    )
    assert writes() == before
    listed = ok(member.get("/cases", team_id=world.tenant.team.pk))
    assert [c["id"] for c in listed["items"]] == [case_id]
    coordinator = ok(as_token(world.tenant.coordinator).get(f"/cases/{case_id}"))
    assert coordinator["access"] == "full"


@pytest.mark.django_db
def test_break_the_glass_opens_the_case_through_the_api(world: World) -> None:
    colleague = as_token(world.tenant.colleague)
    case_id = world.ids["case_id"]
    assert colleague.get(f"/cases/{case_id}").status_code == 404
    break_glass(
        actor=world.tenant.colleague, resident_id=world.ids["resident_id"], reason="Crisis in de nacht"
    )
    assert ok(colleague.get(f"/cases/{case_id}"))["access"] == "full"
    assert ok(colleague.get(f"/residents/{world.ids['resident_id']}"))["first_name"] == "Sanne"

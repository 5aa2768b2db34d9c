"""Every endpoint, replayed by everyone who must not reach the data: 404 (or nothing), never a leak.

The table lists every operation of the API; ``test_the_table_covers_every_endpoint`` fails when an
endpoint is added without an entry here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
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
from buurtteam.referrals.models import BridgingPlan
from buurtteam.referrals.services import agreements, partners, referrals
from buurtteam.residents.models import HouseholdMember
from buurtteam.residents.services import break_glass
from buurtteam.safety.services import meldcode

TODAY = "2020-01-01"


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    body: dict[str, Any] | None = None
    query: dict[str, Any] = field(default_factory=dict)
    own_data: bool = False  # names no object of another team: a stranger gets their own (empty) data
    org_wide: bool = (
        False  # organisation data (the partner directory, a team): the same organisation reads it
    )
    admin_only: bool = False  # only a functional administrator may (the partner directory)

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
    # Issue 4: partners, referrals, bridging, agreements, meldcode, crisis.
    Endpoint("GET", "/partners", query={"q": "Brug"}, own_data=True),
    Endpoint(
        "POST", "/partners", {"name": "Wijkteam Oost", "kind": "welfare"}, own_data=True, admin_only=True
    ),
    Endpoint("GET", "/partners/{partner_id}", org_wide=True),
    Endpoint("PATCH", "/partners/{partner_id}", {"offer": "Alles"}, admin_only=True),
    Endpoint("GET", "/partners/{partner_id}/contacts", org_wide=True),
    Endpoint("POST", "/partners/{partner_id}/contacts", {"name": "Piet"}, admin_only=True),
    Endpoint("GET", "/cases/{case_id}/referrals"),
    Endpoint("POST", "/cases/{case_id}/referrals", {"partner_id": "{partner_id}", "question": "Hulp"}),
    Endpoint("GET", "/referrals/{referral_id}"),
    Endpoint("GET", "/referrals/{referral_id}/consents"),
    Endpoint(
        "POST",
        "/referrals/{referral_id}/consents",
        {"given_by": "Sanne", "purpose": "Delen", "given_on": TODAY},
    ),
    Endpoint("POST", "/referrals/{referral_id}/consents/{consent_id}/withdraw", {"withdrawn_on": TODAY}),
    Endpoint("POST", "/referrals/{referral_id}/send", {}),
    Endpoint("POST", "/referrals/{referral_id}/answer", {"accepted": True}),
    Endpoint("POST", "/referrals/{referral_id}/wait", {}),
    Endpoint("POST", "/referrals/{referral_id}/start", {"started_on": TODAY}),
    Endpoint("POST", "/referrals/{referral_id}/finish", {}),
    Endpoint("POST", "/referrals/{referral_id}/cancel", {"reason": "Niet meer nodig"}),
    Endpoint("POST", "/referrals/{referral_id}/feedback", {"feedback": "Gaat goed"}),
    Endpoint("GET", "/teams/{team_id}/waitlist", org_wide=True),
    Endpoint("GET", "/check-ins/overdue", own_data=True),
    Endpoint("GET", "/check-ins/overdue", query={"team_id": "{team_id}"}),
    Endpoint("GET", "/bridging-plans/{plan_id}"),
    Endpoint("PATCH", "/bridging-plans/{plan_id}", {"interval_days": 7}),
    Endpoint("GET", "/bridging-plans/{plan_id}/check-ins"),
    Endpoint(
        "POST",
        "/bridging-plans/{plan_id}/check-ins",
        {"occurred_at": "2020-01-01T10:00", "mode": "phone", "wellbeing": "stable"},
    ),
    Endpoint("GET", "/cases/{case_id}/agreements"),
    Endpoint(
        "POST",
        "/cases/{case_id}/agreements",
        {"party": "Buurman", "what": "Boodschappen", "starts_on": TODAY},
    ),
    Endpoint(
        "PUT",
        "/cases/{case_id}/agreements/{agreement_id}",
        {"party": "Buurman", "what": "Boodschappen", "starts_on": TODAY},
    ),
    Endpoint("POST", "/cases/{case_id}/agreements/{agreement_id}/end", {}),
    Endpoint("GET", "/cases/{case_id}/meldcode-tracks"),
    Endpoint("POST", "/cases/{case_id}/meldcode-tracks", {"concern": "Zorgen"}),
    Endpoint("GET", "/meldcode-tracks/{track_id}"),
    Endpoint(
        "POST", "/meldcode-tracks/{track_id}/steps", {"number": 1, "done_on": TODAY, "note": "Signalen"}
    ),
    Endpoint("POST", "/meldcode-tracks/{track_id}/stop", {"reason": "Geen vermoeden"}),
    Endpoint("POST", "/meldcode-tracks/{track_id}/report", {"reported_on": TODAY}),
    Endpoint("POST", "/cases/{case_id}/crisis/mark", {"note": "Uithuiszetting dreigt"}),
    Endpoint("POST", "/cases/{case_id}/crisis/lift", {}),
]


# Paths whose endpoints another table replays (the apps of the sociale basis, with their own access rules).
OWN_TABLES = (
    "/map",
    "/public",
    "/volunteers",
    "/help-requests",
    "/matches",
    "/groups",
    "/signals",
    "/service-links",
)

# Lists a stranger may call: they must come back empty (their own organisation has none of these).
PAGES = {"/cases"}
LISTS = PAGES | {"/residents", "/teams/{team_id}/waitlist", "/check-ins/overdue"}


@dataclass
class World:
    tenant: Tenant
    ids: dict[str, int]

    @property
    def fingerprints(self) -> list[str]:
        return [
            "Sanne",
            "de Vries",
            "Betalingsachterstanden",
            "Lindelaan",
            self.tenant.worker.full_name,
            "Gezinsbegeleiding",
            "Blauwe plekken",
            "Loopt wekelijks langs",
            "Gegevens delen",
        ]


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
    issue_4 = _referral_objects(tenant, case)
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
            **issue_4,
        },
    )


def _referral_objects(tenant: Tenant, case: Case) -> dict[str, int]:
    """A partner with a contact, a sent referral (consent, an overdue bridging plan), an agreement and a
    meldcode track on ``case``."""
    partner = partners.partner_save(actor=tenant.administrator, name="Jeugdhulp De Brug", kind="youth_care")
    partners.contact_save(actor=tenant.administrator, partner=partner, name="Ilse Kramer")
    referral = referrals.referral_propose(
        actor=tenant.worker, case=case, partner_id=partner.pk, question="Gezinsbegeleiding"
    )
    consent = referrals.consent_record(
        actor=tenant.worker,
        referral=referral,
        given_by="Sanne de Vries",
        purpose="Gegevens delen met De Brug",
        given_on=timezone.localdate(),
    )
    referrals.referral_send(actor=tenant.worker, referral=referral, contact_id=tenant.worker.pk)
    with system_access("test fixture: the check-in is overdue"):
        plan = BridgingPlan.objects.get(referral=referral)
        BridgingPlan.objects.filter(pk=plan.pk).update(next_due=timezone.localdate() - timedelta(days=3))
    agreement = agreements.agreement_add(
        actor=tenant.worker,
        case=case,
        party="Wijkagent",
        what="Loopt wekelijks langs",
        starts_on=timezone.localdate(),
    )
    track = meldcode.track_start(actor=tenant.worker, case=case, concern="Blauwe plekken gezien")
    return {
        "partner_id": partner.pk,
        "referral_id": referral.pk,
        "consent_id": consent.pk,
        "plan_id": plan.pk,
        "agreement_id": agreement.pk,
        "track_id": track.pk,
    }


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
    # The sociale basis (issue 5) has its own tables: see each app's tests/test_api_access.py.
    operations = {(m, p) for m, p in operations if not p.startswith(OWN_TABLES)}
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
        "other_org_administrator": other_tenant.administrator,
    }[who]


def _expected(endpoint: Endpoint, who: str) -> set[int]:
    if who == "policy_officer":
        return {404}  # a policy officer reaches no person at all
    if endpoint.admin_only and who != "other_org_administrator":
        return {404}  # the service refuses anyone but a functional administrator
    if endpoint.own_data:
        return {200, 201}  # their own organisation's (or team's) data: checked for leaks below
    if who == "colleague_of_other_team" and (endpoint.query or endpoint.org_wide):
        # Teams and partners are known organisation-wide; the team's cases and waitlist are not (empty).
        return {200}
    return {404}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who",
    [
        "other_org_worker",
        "other_org_coordinator",
        "other_org_administrator",
        "policy_officer",
        "colleague_of_other_team",
    ],
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
        if endpoint.method == "GET" and endpoint.path in LISTS and response.status_code == 200:
            found = response.json()
            if found["items"] if endpoint.path in PAGES else found:
                failures.append((endpoint.id, "listed something", body[:300]))
        failures.extend((endpoint.id, "leaks", secret) for secret in world.fingerprints if secret in body)
        if who.startswith("other_org") and "De Brug" in body:
            failures.append((endpoint.id, "leaks another organisation's partner"))
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


@pytest.mark.django_db
def test_the_owner_reaches_every_read(world: World) -> None:
    """The 404s above mean something: the case's worker reads every GET endpoint with the same ids."""
    owner = as_token(world.tenant.worker)
    failures = [
        (endpoint.id, response.status_code, response.content.decode()[:200])
        for endpoint in ENDPOINTS
        if endpoint.method == "GET" and (response := request(owner, endpoint, world.ids)).status_code != 200
    ]
    assert not failures, failures

"""Access to the case page and its step views: login, 404 without access, the summary level, audit, and
break-the-glass."""

from __future__ import annotations

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Case, Goal, PlanAction
from buurtteam.cases.services import lifecycle
from buurtteam.cases.tests.dossier_helpers import TODAY, page, snapshot, url
from buurtteam.cases.tests.factories import Area, registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access

pytestmark = pytest.mark.django_db


# --- Access -------------------------------------------------------------------------------------------
def _all_urls(tenant: Tenant, case: Case) -> tuple[str, list[str]]:
    """The case page and every step URL, with real object ids of this case."""
    case = walk_to_execution(tenant, case)
    task = lifecycle.task_add(
        actor=tenant.worker, case=case, title="Bellen", due_on=TODAY(), assignee_id=tenant.worker.pk
    )
    evaluation = lifecycle.evaluation_start(actor=tenant.worker, case=case, held_on=TODAY())
    with system_access("test fixture"):
        goal = Goal.objects.get(plan__household_id=case.household_id)
        action = PlanAction.objects.get(goal=goal)
    steps = [
        url(name, case)
        for name in (
            "conversation_add",
            "problems_set",
            "intake_finish",
            "assessment_add",
            "goal_add",
            "plan_agree",
            "contact_add",
            "note_add",
            "task_add",
            "evaluation_start",
            "case_close",
            "case_reopen",
        )
    ] + [
        url("goal_status", case, goal_id=goal.pk),
        url("action_add", case, goal_id=goal.pk),
        url("action_done", case, action_id=action.pk),
        url("task_done", case, task_id=task.pk),
        url("evaluation_complete", case, evaluation_id=evaluation.pk),
    ]
    return page(case), steps


POST_ANYTHING = {
    "note-text": "Overgenomen",
    "close-reason": "moved",
    "reopen-reason": "Overgenomen",
    "agree-agreed_by": "X",
    "evaluation-held_on": "2024-01-01",
}


def test_every_url_anonymous_goes_to_login(client: Client, tenant: Tenant, case: Case) -> None:
    detail, steps = _all_urls(tenant, case)
    login = reverse("accounts:login")
    for target in [detail, *steps]:
        for response in (client.get(target), client.post(target, POST_ANYTHING)):
            assert response.status_code == 302 and response["Location"].startswith(login), target


@pytest.mark.parametrize("who", ["other_worker", "other_coordinator", "policy_officer", "colleague"])
def test_every_url_is_404_without_access(
    client: Client, tenant: Tenant, other_tenant: Tenant, case: Case, who: str
) -> None:
    detail, steps = _all_urls(tenant, case)
    actor = {
        "other_worker": other_tenant.worker,
        "other_coordinator": other_tenant.coordinator,
        "policy_officer": tenant.policy_officer,
        "colleague": tenant.colleague,  # same organisation, another team
    }[who]
    client.force_login(actor)
    before = snapshot(case)
    response = client.get(detail)
    assert response.status_code == 404 and "Sanne" not in response.content.decode()
    for target in steps:
        assert client.get(target).status_code == 405, target
        response = client.post(target, POST_ANYTHING)
        assert response.status_code == 404, target
        assert "Sanne" not in response.content.decode()
    assert snapshot(case) == before


def test_summary_for_a_team_member_not_on_the_case(client: Client, tenant: Tenant, case: Case) -> None:
    _detail, steps = _all_urls(tenant, case)
    lifecycle.contact_add(
        actor=tenant.worker, case=case, occurred_at=timezone.now(), text="Geheime notitie", kind="note"
    )
    client.force_login(tenant.administrator)  # in the team, not on the case
    events = AuditEvent.objects.count()
    body = client.get(page(case)).content.decode()
    assert case.reference in body and "Sanne de Vries" in body and tenant.team.name in body
    assert tenant.worker.full_name in body  # the lead
    assert "alleen zichtbaar voor de medewerkers die aan deze casus werken en voor de coördinator" in body
    for secret in (
        "Geheime notitie",
        "Betalingsachterstanden",
        "Ik heb schulden",
        "Overzicht in de post",
        "gesprek 1",
    ):
        assert secret not in body
    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None and event.object_type == "case_summary" and event.action == Action.READ
    before = snapshot(case)
    for target in steps:
        if target.endswith("/heropenen/"):
            continue  # reopening needs only the summary level; this case is open, so it is refused (400)
        assert client.post(target, POST_ANYTHING).status_code == 404, target
    assert snapshot(case) == before


def test_coordinator_sees_the_whole_dossier(client: Client, tenant: Tenant, case: Case) -> None:
    case = walk_to_execution(tenant, case)
    client.force_login(tenant.coordinator)
    body = client.get(page(case)).content.decode()
    assert "Betalingsachterstanden" in body and "Overzicht in de post" in body


def test_every_view_of_the_dossier_is_audited_once(tenant: Tenant, worker: Client, case: Case) -> None:
    before = AuditEvent.objects.count()
    worker.get(page(case))
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert [(e.action, e.object_type, str(e.object_id)) for e in events] == [
        (Action.READ, "case", str(case.pk))
    ]
    assert str(events[0].subject_id) == str(case.client_id)


def test_objects_of_another_case_are_404(tenant: Tenant, worker: Client, case: Case, area: Area) -> None:
    case = walk_to_execution(tenant, case)
    other = walk_to_execution(
        tenant, registered_case(tenant, resident_in(tenant, area, first_name="Ahmet", last_name="Yilmaz"))
    )
    task = lifecycle.task_add(
        actor=tenant.worker, case=other, title="Bellen", due_on=TODAY(), assignee_id=tenant.worker.pk
    )
    evaluation = lifecycle.evaluation_start(actor=tenant.worker, case=other, held_on=TODAY())
    with system_access("test fixture"):
        goal = Goal.objects.get(plan__household_id=other.household_id)
        action = PlanAction.objects.get(goal=goal)
    before = snapshot(other)
    for target, data in [
        (url("goal_status", case, goal_id=goal.pk), {f"goal-{goal.pk}-status": "reached"}),
        (
            url("action_add", case, goal_id=goal.pk),
            {
                f"action-{goal.pk}-description": "x",
                f"action-{goal.pk}-owner_kind": "resident",
                f"action-{goal.pk}-owner_name": "x",
            },
        ),
        (url("action_done", case, action_id=action.pk), {}),
        (url("task_done", case, task_id=task.pk), {}),
        (
            url("evaluation_complete", case, evaluation_id=evaluation.pk),
            {"evaluation-complete-summary": "x", "evaluation-complete-outcome": "continue"},
        ),
        (url("task_done", case, task_id=10**12), {}),
    ]:
        assert worker.post(target, data).status_code == 404, target
    assert snapshot(other) == before


def test_break_the_glass_opens_the_dossier(client: Client, tenant: Tenant, case: Case) -> None:
    from buurtteam.residents.services import break_glass

    client.force_login(tenant.colleague)  # another team of the same organisation
    assert client.get(page(case)).status_code == 404
    break_glass(
        actor=tenant.colleague,
        resident_id=case.client_id,
        reason="Crisis in de nacht, geen collega bereikbaar",
    )
    body = client.get(page(case)).content.decode()
    assert "Ik heb schulden" in body and "Gesprek vastleggen" in body

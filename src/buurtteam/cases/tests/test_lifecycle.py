from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.core.exceptions import ValidationError
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Case, Status, TimelineEntry
from buurtteam.cases.services import assignment, lifecycle, plan, registration
from buurtteam.cases.services.base import CaseStepError
from buurtteam.cases.tests.factories import domain, give_area, registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.residents.models import Resident


@pytest.fixture
def case(tenant: Tenant) -> Case:
    area = give_area(tenant.team)
    return registered_case(tenant, resident_in(tenant, area))


def _audited(object_type: str, action: str = Action.CREATE) -> AuditEvent:
    event = AuditEvent.objects.filter(object_type=object_type, action=action).order_by("-id").first()
    assert event is not None, f"no {action} audit event for {object_type}"
    return event


@pytest.mark.django_db
def test_whole_lifecycle(tenant: Tenant, case: Case) -> None:
    assert case.status == Status.REGISTERED and case.team_id == tenant.team.pk
    assert _audited("case").subject_id == case.client_id
    case = walk_to_execution(tenant, case)
    assert case.status == Status.EXECUTION
    assert case.first_contact_at is not None
    lifecycle.contact_add(
        actor=tenant.worker, case=case, occurred_at=timezone.now(), text="Gebeld", contact_mode="phone"
    )
    evaluation = lifecycle.evaluation_start(actor=tenant.worker, case=case, held_on=timezone.localdate())
    lifecycle.assessment_record(
        actor=tenant.worker,
        case=case,
        kind="evaluation",
        assessed_on=timezone.localdate(),
        scores=[{"domain": domain(tenant, "finances"), "score": 4, "reason": "Opnieuw gescoord"}],
    )
    lifecycle.evaluation_complete(
        actor=tenant.worker, evaluation=evaluation, summary="Gaat goed", outcome="continue"
    )
    assert case.status == Status.EXECUTION
    lifecycle.case_close(actor=tenant.worker, case=case, reason="goals_reached", satisfaction=8)
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.closure_reason == "goals_reached"
    with system_access("test assertion"):
        kinds = set(TimelineEntry.objects.filter(case=case).values_list("kind", flat=True))
    assert {"status", "conversation", "assessment", "plan", "contact", "evaluation", "assignment"} <= kinds
    event = _audited("case_status", Action.UPDATE)
    assert event.subject_id == case.client_id and event.subject_team_id == case.team_id


@pytest.mark.django_db
def test_simple_question_closed_on_the_spot(tenant: Tenant) -> None:
    area = give_area(tenant.team)
    case = registered_case(
        tenant,
        resident_in(tenant, area),
        complexity="simple",
        close_now=True,
        advice_given="Doorverwezen naar het loket",
    )
    assert case.status == Status.CLOSED and case.closed_at_registration


@pytest.mark.django_db
def test_invalid_steps_change_nothing(tenant: Tenant, case: Case) -> None:
    assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    with pytest.raises(CaseStepError, match="Eerst de vraag verhelderen"):
        plan.goal_add(
            actor=tenant.worker, case=case, domain=domain(tenant, "finances"), description="Te vroeg"
        )
    with pytest.raises(CaseStepError, match="vraagverheldering"):
        lifecycle.intake_finish(actor=tenant.worker, case=case)
    with pytest.raises(ValidationError, match="reden"):
        lifecycle.case_close(actor=tenant.worker, case=case, reason="")
    today = timezone.localdate()
    for i in range(3):
        lifecycle.conversation_add(
            actor=tenant.worker, case=case, held_on=today, mode="phone", participants="inwoner", note=str(i)
        )
    with pytest.raises(CaseStepError, match="maximum"):
        lifecycle.conversation_add(
            actor=tenant.worker, case=case, held_on=today, mode="phone", participants="x"
        )
    with pytest.raises(ValidationError, match="toekomst"):
        lifecycle.conversation_add(
            actor=tenant.worker,
            case=case,
            held_on=today + datetime.timedelta(days=2),
            mode="phone",
            participants="x",
        )
    case.refresh_from_db()
    assert case.status == Status.INTAKE


@pytest.mark.django_db
def test_transfer_outside_organisation_is_refused(tenant: Tenant, other_tenant: Tenant, case: Case) -> None:
    assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    with pytest.raises(ValidationError, match="eigen organisatie"):
        assignment.case_transfer(
            actor=tenant.worker, case=case, to_user_id=other_tenant.worker.pk, reason="Verhuisd"
        )
    with pytest.raises(ValidationError, match="waarom"):
        assignment.case_transfer(actor=tenant.worker, case=case, to_user_id=tenant.coordinator.pk, reason="")
    assignment.case_transfer(
        actor=tenant.worker, case=case, to_user_id=tenant.coordinator.pk, reason="Expertise"
    )
    assert _audited("case_assignment", Action.UPDATE).details["lead"] is True


@pytest.mark.django_db
def test_someone_without_full_access_cannot_write(tenant: Tenant, case: Case) -> None:
    # tenant.colleague is in another team of the same organisation
    with pytest.raises(PermissionError):
        lifecycle.contact_add(actor=tenant.colleague, case=case, occurred_at=timezone.now(), text="x")
    # a team member who is not on the case sees a summary only
    assert Case.objects.visible_to(tenant.administrator).filter(pk=case.pk).exists()
    assert not Case.objects.full_for(tenant.administrator).filter(pk=case.pk).exists()
    assert Case.objects.full_for(tenant.coordinator).filter(pk=case.pk).exists()
    assert not Case.objects.visible_to(tenant.policy_officer).exists()


@pytest.mark.django_db
def test_reopen_keeps_history(tenant: Tenant, case: Case) -> None:
    case = walk_to_execution(tenant, case)
    lifecycle.case_close(actor=tenant.worker, case=case, reason="moved")
    lifecycle.case_reopen(actor=tenant.worker, case=case, reason="Toch weer hulp nodig")
    case.refresh_from_db()
    assert case.status == Status.EXECUTION and case.reopened_count == 1
    with system_access("test assertion"):
        assert TimelineEntry.objects.filter(case=case, kind="conversation").count() == 3


VISIBILITY_CHECK = 'SELECT 1 AS "a" FROM "residents_resident"'


@pytest.mark.django_db
def test_registering_for_a_resident_checks_that_the_actor_may_see_them(tenant: Tenant) -> None:
    """The gate's proof from ``resident_get`` spares the visibility query; without it the query decides."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from buurtteam.cases.selectors.residents import resident_get

    other_area = give_area(tenant.other_team)
    resident = resident_in(tenant, other_area, actor=tenant.colleague)
    resident.created_at -= datetime.timedelta(hours=2)  # not "just registered" by anyone
    # A worker of another team may not see the resident: refused, also when the colleague's proof rides along.
    seen_by_colleague = resident_get(actor=tenant.colleague, resident_id=resident.pk)
    seen_by_colleague.created_at = resident.created_at
    for client in (resident, seen_by_colleague):
        with pytest.raises(PermissionError):
            registration_case(tenant, client)
    # The colleague, with the proof of their own read: registered without asking the database again.
    with CaptureQueriesContext(connection) as queries:
        case = registration.case_register(
            actor=tenant.colleague,
            client=seen_by_colleague,
            channel="phone",
            referrer="self",
            question="Vraag",
        )
    assert case.client_id == resident.pk
    assert not [q for q in queries.captured_queries if q["sql"].startswith(VISIBILITY_CHECK)]
    # Without the proof (the object read another way), the visibility query runs and lets them through.
    resident.refresh_from_db()
    resident.created_at -= datetime.timedelta(hours=2)
    with CaptureQueriesContext(connection) as queries:
        registration.case_register(
            actor=tenant.colleague, client=resident, channel="phone", referrer="self", question="Vraag 2"
        )
    assert [q for q in queries.captured_queries if q["sql"].startswith(VISIBILITY_CHECK)]


def registration_case(tenant: Tenant, client: Resident) -> Case:
    return registration.case_register(
        actor=tenant.worker, client=client, channel="phone", referrer="self", question="Vraag"
    )

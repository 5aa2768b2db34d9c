"""The referral services and selectors as the pages use them: refusals change nothing, audit is written."""

from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Case, Status, Task
from buurtteam.cases.services import lifecycle
from buurtteam.cases.services.base import CaseStepError
from buurtteam.core.gate import system_access
from buurtteam.referrals import selectors
from buurtteam.referrals.models import CheckIn, ReferralStatus
from buurtteam.referrals.services import bridging, referrals
from buurtteam.referrals.tests.helpers import (
    consent,
    fresh,
    last_event,
    make_overdue,
    make_partner,
    open_case,
    plan_of,
    proposed,
    sent,
    snapshot,
)

pytestmark = pytest.mark.django_db


def test_send_is_refused_after_consent_is_withdrawn(tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = proposed(tenant, case, make_partner(tenant))
    given = consent(tenant, referral)
    given.referral = referral
    referrals.consent_withdraw(actor=tenant.worker, consent=given, withdrawn_on=timezone.localdate())
    before = snapshot(case)
    with pytest.raises(CaseStepError) as exc:
        referrals.referral_send(actor=tenant.worker, referral=referral, contact_id=tenant.worker.pk)
    assert "geen geldige toestemming" in str(exc.value)
    assert snapshot(case) == before
    assert fresh(referral).status == ReferralStatus.PROPOSED


def test_a_rejected_referral_cannot_start(tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = sent(tenant, case, make_partner(tenant))
    referrals.referral_answer(actor=tenant.worker, referral=referral, accepted=False, reason="Vol")
    before = snapshot(case)
    with pytest.raises(CaseStepError) as exc:
        referrals.referral_start(actor=tenant.worker, referral=referral, started_on=timezone.localdate())
    assert "kan niet starten" in str(exc.value)
    assert snapshot(case) == before
    assert fresh(referral).status == ReferralStatus.REJECTED


def test_check_in_on_a_closed_case_is_refused(tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = sent(tenant, case, make_partner(tenant))
    with system_access("test setup: a case closed behind the guard's back"):
        Case.objects.filter(pk=case.pk).update(
            status=Status.CLOSED, closure_reason="goals_reached", closed_at=timezone.now()
        )
    before = snapshot(case)
    with pytest.raises(CaseStepError) as exc:
        bridging.check_in_record(
            actor=tenant.worker,
            plan=plan_of(referral),
            occurred_at=timezone.now(),
            mode="phone",
            wellbeing="stable",
        )
    assert "afgesloten" in str(exc.value)
    assert snapshot(case) == before


def test_a_check_in_closes_the_open_task_and_schedules_the_next(tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = sent(tenant, case, make_partner(tenant), interval=10)
    plan = make_overdue(referral, days=2)
    old_task_id = plan.task_id
    assert old_task_id is not None
    moment = timezone.now() - datetime.timedelta(hours=1)
    bridging.check_in_record(
        actor=tenant.worker,
        plan=plan,
        occurred_at=moment,
        mode="home_visit",
        wellbeing="better",
        note="Gaat goed",
    )
    plan = plan_of(referral)
    assert plan.task_id is not None
    with system_access("test assertion"):
        old = Task.objects.get(pk=old_task_id)
        new = Task.objects.get(pk=plan.task_id)
        assert CheckIn.objects.filter(plan=plan).count() == 1
    assert old.done_at is not None
    assert new.pk != old.pk and new.done_at is None and new.kind == Task.Kind.BRIDGING
    assert plan.next_due == timezone.localdate(moment) + datetime.timedelta(days=10) == new.due_on
    assert new.assignee_id == tenant.worker.pk
    event = last_event("check_in", Action.CREATE)
    assert event is not None and event.subject_id == case.client_id


def test_an_overdue_check_in_surfaces_in_the_waitlist_and_for_the_contact(tenant: Tenant) -> None:
    case = open_case(tenant)
    on_time = sent(tenant, case, make_partner(tenant))
    late = sent(tenant, open_case(tenant), make_partner(tenant), contact_id=tenant.coordinator.pk)
    make_overdue(late, days=4)
    rows = selectors.waitlist(actor=tenant.worker, team_id=tenant.team.pk)
    assert [row.referral.pk for row in rows] == [late.pk, on_time.pk]  # overdue first
    assert rows[0].overdue and rows[0].overdue_days == 4 and not rows[1].overdue
    assert [
        p.referral_id
        for p in selectors.overdue_check_ins(actor=tenant.coordinator, contact_id=tenant.coordinator.pk)
    ] == [late.pk]
    assert selectors.overdue_check_ins(actor=tenant.worker, contact_id=tenant.worker.pk) == []
    assert [
        p.referral_id for p in selectors.overdue_check_ins(actor=tenant.worker, team_id=tenant.team.pk)
    ] == [late.pk]
    # Another team's worker sees no waitlist of this team.
    assert selectors.waitlist(actor=tenant.colleague, team_id=tenant.team.pk) == []


def test_closing_a_case_while_a_referral_waits_is_refused(tenant: Tenant) -> None:
    case = open_case(tenant)
    sent(tenant, case, make_partner(tenant))
    before = snapshot(case)
    with pytest.raises(CaseStepError) as exc:
        lifecycle.case_close(actor=tenant.worker, case=case, reason="goals_reached")
    assert "wacht op een verwijzing" in str(exc.value)
    assert snapshot(case) == before


def test_closing_as_referred_needs_a_started_specialist_referral(tenant: Tenant) -> None:
    case = open_case(tenant)
    welfare = make_partner(tenant, kind="welfare")
    referral = sent(tenant, case, welfare)
    referrals.referral_start(actor=tenant.worker, referral=referral, started_on=timezone.localdate())
    before = snapshot(case)
    with pytest.raises(CaseStepError) as exc:
        lifecycle.case_close(actor=tenant.worker, case=case, reason="referred")
    assert "specialistische zorg" in str(exc.value)
    assert snapshot(case) == before

    specialist = sent(tenant, case, make_partner(tenant, kind="mental_health"))
    referrals.referral_start(actor=tenant.worker, referral=specialist, started_on=timezone.localdate())
    lifecycle.case_close(actor=tenant.worker, case=case, reason="referred")
    case.refresh_from_db()
    assert case.status == Status.CLOSED


def test_ensure_check_in_tasks_is_idempotent(tenant: Tenant, capsys: pytest.CaptureFixture[str]) -> None:
    referral = sent(tenant, open_case(tenant), make_partner(tenant))
    plan = plan_of(referral)
    assert plan.task_id is not None
    with system_access("test setup: someone ticked the task off without a check-in"):
        Task.objects.filter(pk=plan.task_id).update(done_at=timezone.now())
    assert bridging.ensure_check_in_tasks() == 1
    assert bridging.ensure_check_in_tasks() == 0
    call_command("bridging_tasks")
    assert "Bridging check-in tasks made: 0" in capsys.readouterr().out
    plan = plan_of(referral)
    assert plan.task_id is not None
    with system_access("test assertion"):
        assert Task.objects.filter(pk=plan.task_id, done_at__isnull=True).exists()
        assert (
            Task.objects.filter(
                case_id=referral.case_id, kind=Task.Kind.BRIDGING, done_at__isnull=True
            ).count()
            == 1
        )
    event = last_event("task", Action.CREATE)
    assert event is not None and event.reason == "scheduled bridging check-in task"


def test_reads_and_writes_are_audited(tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = proposed(tenant, case, make_partner(tenant))
    created = last_event("referral", Action.CREATE)
    assert (
        created is not None and created.object_id == str(referral.pk) and created.subject_id == case.client_id
    )
    consent(tenant, referral)
    assert last_event("consent", Action.CREATE) is not None
    referrals.referral_send(actor=tenant.worker, referral=referral, contact_id=tenant.worker.pk)
    assert last_event("bridging_plan", Action.CREATE) is not None
    updated = last_event("referral", Action.UPDATE)
    assert updated is not None and updated.details["status"] == "sent"
    selectors.referral_get(actor=tenant.worker, referral_id=referral.pk)
    read = last_event("referral", Action.READ)
    assert read is not None and read.subject_id == case.client_id and read.subject_team_id == tenant.team.pk
    selectors.waitlist(actor=tenant.worker, team_id=tenant.team.pk)
    listed = last_event("waitlist", Action.READ)
    assert listed is not None and listed.details["referrals"] == [referral.pk]


def test_a_colleague_of_another_team_cannot_write(tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = proposed(tenant, case, make_partner(tenant))
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionError):
        referrals.referral_cancel(actor=tenant.colleague, referral=referral, reason="Niet nodig")
    assert AuditEvent.objects.count() == before


def test_bridging_contact_must_be_an_active_colleague(tenant: Tenant, other_tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = proposed(tenant, case, make_partner(tenant))
    consent(tenant, referral)
    before = snapshot(case)
    with pytest.raises(ValidationError):
        referrals.referral_send(actor=tenant.worker, referral=referral, contact_id=other_tenant.worker.pk)
    assert snapshot(case) == before

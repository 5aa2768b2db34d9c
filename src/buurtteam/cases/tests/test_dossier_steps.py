"""The step views of the case page: the whole lifecycle through the views, and refused steps that change
nothing."""

from __future__ import annotations

import datetime
import re

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtteam.cases.models import Case, Evaluation, Goal, PlanAction, Problem, Status, Task
from buurtteam.cases.services import assignment, lifecycle
from buurtteam.cases.tests.dossier_helpers import (
    TODAY,
    conversation_data,
    fresh,
    ok,
    page,
    refused,
    scores,
    to_assessment,
    url,
)
from buurtteam.cases.tests.factories import domain, give_area, registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access

pytestmark = pytest.mark.django_db


# --- The whole lifecycle -----------------------------------------------------------------------------
def test_whole_lifecycle_through_the_views(tenant: Tenant, worker: Client, case: Case) -> None:
    body = worker.get(page(case)).content.decode()
    assert case.reference in body and "Sanne de Vries" in body
    assert re.search(r'aria-current="step"><strong>Aangemeld', body)
    assert "Gesprek vastleggen" in body

    # Intake: three conversations, the problem list, finish.
    for i in range(3):
        ok(
            worker,
            url("conversation_add", case),
            conversation_data(TODAY() - datetime.timedelta(days=3 - i)),
            "vraagverheldering",
        )
    assert fresh(case).status == Status.INTAKE
    fin, school = domain(tenant, "finances"), domain(tenant, "school")
    ok(
        worker,
        url("problems_set", case),
        {
            "problems-domain_0": school.pk,
            "problems-description_0": "Zoon verzuimt",
            "problems-domain_1": fin.pk,
            "problems-description_1": "Betalingsachterstanden",
            "problems-domain_2": "",
            "problems-description_2": "",
        },
        "problemen",
    )
    with system_access("test assertion"):
        assert list(
            Problem.objects.filter(case=case).order_by("rank").values_list("domain__code", flat=True)
        ) == [
            "school",
            "finances",
        ]
    ok(worker, url("intake_finish", case), anchor="vraagverheldering")
    assert fresh(case).status == Status.ASSESSMENT

    # Assessment on three of the eighteen domains.
    body = worker.get(page(case)).content.decode()
    assert "Zelfredzaamheid-Matrix + jeugd" in body and "2017" in body
    form_url = reverse("cases:case_form", kwargs={"case_id": case.pk, "name": "assessment"})
    assert f'hx-get="{form_url}"' in body  # the form itself loads when its details open
    form_body = worker.get(form_url, headers={"HX-Request": "true"}).content.decode()
    assert "1 · Acuut probleem" in form_body and "5 · Volledig zelfredzaam" in form_body
    assert "<html" not in form_body and f'action="{url("assessment_add", case)}"' in form_body
    data = scores(tenant, {"finances": 2, "school": 1, "housing": 3}, kind="intake")
    data["assessment-strengths"] = "Moeder is gemotiveerd"
    data["assessment-involved_school"] = "Leerplichtambtenaar"
    ok(worker, url("assessment_add", case), data, "inschatting")
    assert fresh(case).status == Status.PLANNING

    # The plan: a goal, an action, its status, the agreement.
    ok(
        worker,
        url("goal_add", case),
        {"goal-domain": fin.pk, "goal-description": "Overzicht in de post", "goal-target_on": ""},
        "plan",
    )
    with system_access("test assertion"):
        goal = Goal.objects.get(plan__household_id=case.household_id)
    ok(
        worker,
        url("action_add", case, goal_id=goal.pk),
        {
            f"action-{goal.pk}-description": "Samen de post sorteren",
            f"action-{goal.pk}-owner_kind": "team_member",
            f"action-{goal.pk}-owner_user": tenant.worker.pk,
            f"action-{goal.pk}-due_on": (TODAY() + datetime.timedelta(days=7)).isoformat(),
        },
        f"doel-{goal.pk}",
    )
    ok(worker, url("goal_status", case, goal_id=goal.pk), {f"goal-{goal.pk}-status": "partly"})
    ok(
        worker,
        url("plan_agree", case),
        {"agree-agreed_by": "Sanne de Vries", "agree-note": "Akkoord"},
        "plan",
    )
    assert fresh(case).status == Status.EXECUTION
    with system_access("test assertion"):
        action = PlanAction.objects.get(goal=goal)
    ok(worker, url("action_done", case, action_id=action.pk))

    # Execution: a contact, a note, a task done.
    now = timezone.localtime() - datetime.timedelta(hours=1)
    ok(
        worker,
        url("contact_add", case),
        {
            "contact-occurred_on": now.date().isoformat(),
            "contact-occurred_time": now.strftime("%H:%M"),
            "contact-contact_mode": "phone",
            "contact-is_substantive": "on",
            "contact-text": "Gebeld over de brief van de woningcorporatie",
        },
        "tijdlijn",
    )
    ok(worker, url("note_add", case), {"note-text": "Let op: moeder werkt 's ochtends"}, "tijdlijn")
    ok(
        worker,
        url("task_add", case),
        {
            "task-title": "Terugbellen",
            "task-kind": "check_in",
            "task-due_on": (TODAY() + datetime.timedelta(days=3)).isoformat(),
            "task-assignee": tenant.worker.pk,
        },
        "taken",
    )
    with system_access("test assertion"):
        task = Task.objects.get(case=case)
    ok(worker, url("task_done", case, task_id=task.pk), anchor="taken")

    # Evaluation: start, re-assess, complete.
    ok(worker, url("evaluation_start", case), {"evaluation-held_on": TODAY().isoformat()}, "evaluatie")
    assert fresh(case).status == Status.EVALUATION
    ok(
        worker,
        url("assessment_add", case),
        scores(tenant, {"finances": 4, "school": 3, "housing": 3}, kind="evaluation"),
    )
    with system_access("test assertion"):
        evaluation = Evaluation.objects.get(case=case)
    body = worker.get(page(case)).content.decode()
    assert body.count('class="bt-chart__series"') == 2  # intake vs now on the radar
    ok(
        worker,
        url("evaluation_complete", case, evaluation_id=evaluation.pk),
        {"evaluation-complete-summary": "Post is op orde", "evaluation-complete-outcome": "continue"},
        "evaluatie",
    )
    assert fresh(case).status == Status.EXECUTION

    # Closure, then reopening.
    ok(worker, url("case_close", case), {"close-reason": "goals_reached", "close-satisfaction": "8"})
    closed = fresh(case)
    assert (
        closed.status == Status.CLOSED
        and closed.closure_reason == "goals_reached"
        and closed.satisfaction == 8
    )
    body = worker.get(page(case)).content.decode()  # the worker stays on the closed case: history and reopen
    assert "Casus heropenen" in body and "Post is op orde" in body
    ok(worker, url("case_reopen", case), {"reopen-reason": "Nieuwe brief van de deurwaarder"})
    assert fresh(case).status == Status.EXECUTION and fresh(case).reopened_count == 1
    body = worker.get(page(case)).content.decode()
    assert "Post is op orde" in body and "Let op: moeder werkt" in body


# --- Refusals -------------------------------------------------------------------------------------
def test_plan_before_intake_is_refused(tenant: Tenant, worker: Client, case: Case) -> None:
    data = {"goal-domain": domain(tenant, "finances").pk, "goal-description": "Te vroeg"}
    refused(worker, url("goal_add", case), data, case, "Eerst de vraag verhelderen")
    refused(worker, url("plan_agree", case), {"agree-agreed_by": "Sanne"}, case, "Eerst de vraag verhelderen")
    refused(worker, url("intake_finish", case), {}, case, "Rond eerst de vraagverheldering af")
    refused(
        worker,
        url("evaluation_start", case),
        {"evaluation-held_on": TODAY().isoformat()},
        case,
        "Evalueren kan",
    )
    data = scores(tenant, {"finances": 2}, kind="intake")
    refused(worker, url("assessment_add", case), data, case, "Rond eerst de vraagverheldering af")


def test_fourth_conversation_is_refused(tenant: Tenant, worker: Client, case: Case) -> None:
    for _ in range(3):
        ok(worker, url("conversation_add", case), conversation_data())
    body = worker.get(page(case)).content.decode()
    assert "3 van de 3 gesprekken" in body and "maximale aantal gesprekken" in body
    refused(worker, url("conversation_add", case), conversation_data(), case, "dat is het maximum")


def test_close_without_reason_is_refused(tenant: Tenant, worker: Client, case: Case) -> None:
    body = refused(
        worker,
        url("case_close", case),
        {"close-reason": "", "close-note": "x"},
        case,
        "Kies een reden om de casus af te sluiten.",
    )
    assert 'aria-invalid="true"' in body
    refused(
        worker,
        url("case_close", case),
        {"close-reason": "moved", "close-satisfaction": "11"},
        case,
        "tussen 1 en 10",
    )
    refused(
        worker, url("case_close", case), {"close-reason": "nonsense"}, case, "Selecteer een geldige keuze"
    )


def test_score_without_reason_is_refused(tenant: Tenant, worker: Client, case: Case) -> None:
    to_assessment(tenant, worker, case)
    data = scores(tenant, {"finances": 2, "school": 1}, kind="intake")
    data["assessment-reason_school"] = ""
    refused(
        worker,
        url("assessment_add", case),
        data,
        case,
        "Schrijf bij Onderwijs waarom u dit leefgebied scoort.",
    )
    refused(
        worker,
        url("assessment_add", case),
        {"assessment-kind": "intake", "assessment-assessed_on": TODAY().isoformat()},
        case,
        "Score minstens één leefgebied",
    )
    data = scores(tenant, {"finances": 6}, kind="intake")
    refused(worker, url("assessment_add", case), data, case, "Selecteer een geldige keuze")
    # A moment that does not fit the phase is not offered.
    refused(
        worker,
        url("assessment_add", case),
        scores(tenant, {"finances": 2}, kind="evaluation"),
        case,
        "Selecteer een geldige keuze",
    )


def test_future_dates_are_refused(tenant: Tenant, worker: Client, case: Case) -> None:
    tomorrow = TODAY() + datetime.timedelta(days=1)
    refused(
        worker,
        url("conversation_add", case),
        conversation_data(tomorrow),
        case,
        "Deze datum ligt in de toekomst.",
    )
    later = timezone.localtime() + datetime.timedelta(days=1)
    contact = {
        "contact-occurred_on": later.date().isoformat(),
        "contact-occurred_time": later.strftime("%H:%M"),
        "contact-contact_mode": "phone",
        "contact-text": "Nog niet gebeurd",
    }
    refused(worker, url("contact_add", case), contact, case, "Dit tijdstip ligt in de toekomst.")
    to_assessment(tenant, worker, case)
    data = scores(tenant, {"finances": 2}, kind="intake")
    data["assessment-assessed_on"] = tomorrow.isoformat()
    refused(worker, url("assessment_add", case), data, case, "Deze datum ligt in de toekomst.")


def test_bad_input_is_refused(tenant: Tenant, worker: Client, case: Case) -> None:
    refused(
        worker,
        url("conversation_add", case),
        conversation_data(extra={"conversation-participants": ""}),
        case,
        "Schrijf op wie er bij het gesprek waren.",
    )
    refused(
        worker,
        url("conversation_add", case),
        conversation_data(extra={"conversation-held_on": "31-02-2024"}),
        case,
        "Voer een geldige datum in.",
    )
    refused(worker, url("note_add", case), {"note-text": "x" * 10001}, case, "10000")
    refused(worker, url("note_add", case), {"note-text": "   "}, case, "Schrijf de notitie.")
    refused(
        worker,
        url("task_add", case),
        {
            "task-title": "Bellen",
            "task-kind": "reminder",
            "task-due_on": TODAY().isoformat(),
            "task-assignee": tenant.colleague.pk,
        },
        case,
        "Selecteer een geldige keuze",
    )
    refused(
        worker,
        url("problems_set", case),
        {"problems-domain_0": domain(tenant, "finances").pk, "problems-description_0": ""},
        case,
        "Beschrijf het probleem kort.",
    )
    refused(worker, url("problems_set", case), {"problems-domain_0": ""}, case, "Noem minstens één probleem")


def test_plan_step_errors(tenant: Tenant, worker: Client, case: Case) -> None:
    case = walk_to_execution(tenant, case)
    with system_access("test assertion"):
        goal = Goal.objects.get(plan__household_id=case.household_id)
    prefix = f"action-{goal.pk}"
    refused(
        worker,
        url("action_add", case, goal_id=goal.pk),
        {f"{prefix}-description": "Bellen", f"{prefix}-owner_kind": "network", f"{prefix}-owner_name": ""},
        case,
        "Schrijf wie deze actie doet.",
    )
    refused(
        worker,
        url("action_add", case, goal_id=goal.pk),
        {f"{prefix}-description": "Bellen", f"{prefix}-owner_kind": "team_member"},
        case,
        "Kies welk teamlid deze actie doet.",
    )
    refused(
        worker,
        url("plan_agree", case),
        {"agree-agreed_by": ""},
        case,
        "Schrijf wie van het huishouden akkoord gaf.",
    )
    refused(
        worker,
        url("goal_status", case, goal_id=goal.pk),
        {f"goal-{goal.pk}-status": "gone"},
        case,
        "Selecteer een geldige keuze",
    )
    task = lifecycle.task_add(
        actor=tenant.worker, case=case, title="Bellen", due_on=TODAY(), assignee_id=tenant.worker.pk
    )
    lifecycle.task_done(actor=tenant.worker, task=task)
    refused(worker, url("task_done", case, task_id=task.pk), {}, case, "Deze taak is al afgevinkt.")
    evaluation = lifecycle.evaluation_start(actor=tenant.worker, case=case, held_on=TODAY())
    target = url("evaluation_complete", case, evaluation_id=evaluation.pk)
    refused(
        worker,
        target,
        {"evaluation-complete-summary": "", "evaluation-complete-outcome": "continue"},
        case,
        "Vat de evaluatie kort samen.",
    )


def test_reopen_needs_a_reason(tenant: Tenant, worker: Client, case: Case) -> None:
    lifecycle.case_close(actor=tenant.worker, case=case, reason="moved")
    refused(
        worker,
        url("case_reopen", case),
        {"reopen-reason": ""},
        case,
        "Schrijf waarom de casus weer opengaat.",
    )
    open_case = registered_case(
        tenant, resident_in(tenant, give_area(tenant.team), first_name="Ahmet", last_name="Yilmaz")
    )
    assignment.case_assign(actor=tenant.worker, case=open_case, user_id=tenant.worker.pk, as_lead=True)
    refused(
        worker,
        url("case_reopen", open_case),
        {"reopen-reason": "Waarom niet"},
        open_case,
        "Alleen een afgesloten casus",
    )

"""The case page and its step forms: the whole lifecycle through the views, refusals, access and escaping."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from conftest import Tenant
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import (
    Assessment,
    Case,
    Evaluation,
    Goal,
    IntakeConversation,
    PlanAction,
    Problem,
    Status,
    Task,
    TimelineEntry,
)
from buurtteam.cases.selectors.dossier import TIMELINE_PAGE
from buurtteam.cases.services import assignment, lifecycle, plan
from buurtteam.cases.tests.factories import (
    Area,
    domain,
    give_area,
    registered_case,
    resident_in,
    walk_to_execution,
)
from buurtteam.core.gate import system_access
from buurtteam.residents.models import Household
from buurtteam.residents.services import network_member_save

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def area(tenant: Tenant) -> Area:
    return give_area(tenant.team)


@pytest.fixture
def case(tenant: Tenant, area: Area) -> Case:
    """A registered case with the worker as its lead."""
    case = registered_case(tenant, resident_in(tenant, area))
    assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    return case


@pytest.fixture
def worker(client: Client, tenant: Tenant) -> Client:
    client.force_login(tenant.worker)
    return client


def url(name: str, case: Case, **kwargs: int) -> str:
    return reverse(f"cases:{name}", kwargs={"case_id": case.pk, **kwargs})


def page(case: Case) -> str:
    return url("case_detail", case)


def fresh(case: Case) -> Case:
    with system_access("test assertion"):
        return Case.objects.get(pk=case.pk)


def snapshot(case: Case) -> dict[str, Any]:
    """Everything a step could change."""
    with system_access("test assertion"):
        row = Case.objects.filter(pk=case.pk).values().get()
        return {
            "case": row,
            "conversations": IntakeConversation.objects.filter(case=case).count(),
            "problems": list(Problem.objects.filter(case=case).values_list("description", flat=True)),
            "assessments": Assessment.objects.filter(case=case).count(),
            "goals": list(
                Goal.objects.filter(plan__household_id=case.household_id).values_list("status", flat=True)
            ),
            "actions": list(
                PlanAction.objects.filter(goal__plan__household_id=case.household_id).values_list(
                    "done_on", flat=True
                )
            ),
            "timeline": TimelineEntry.objects.filter(case=case).count(),
            "tasks": list(Task.objects.filter(case=case).values_list("done_at", flat=True)),
            "evaluations": list(Evaluation.objects.filter(case=case).values_list("completed_at", flat=True)),
            "writes": AuditEvent.objects.filter(
                action__in=[Action.CREATE, Action.UPDATE, Action.DELETE]
            ).count(),
        }


def refused(client: Client, target: str, data: dict[str, Any], case: Case, message: str) -> str:
    """POST a step that must be refused: 400, the Dutch message on the page, nothing changed."""
    before = snapshot(case)
    response = client.post(target, data)
    body = response.content.decode()
    assert response.status_code == 400, (target, response.status_code)
    assert message in body, f"{message!r} not on the page"
    assert "Er is niets opgeslagen." in body
    assert snapshot(case) == before
    return body


def ok(client: Client, target: str, data: dict[str, Any] | None = None, anchor: str = "") -> None:
    response = client.post(target, data or {})
    assert response.status_code == 302, response.content.decode()[:3000]
    if anchor:
        assert response["Location"].endswith(f"#{anchor}")


def conversation_data(
    day: datetime.date | None = None, extra: dict[str, str] | None = None
) -> dict[str, Any]:
    return {
        "conversation-held_on": (day or TODAY()).isoformat(),
        "conversation-mode": "home_visit",
        "conversation-participants": "moeder en zoon",
        "conversation-note": "We spraken over de post.",
        **(extra or {}),
    }


def scores(
    tenant: Tenant, values: dict[str, int], *, kind: str, reason: str = "Hoort bij de vraag"
) -> dict[str, Any]:
    data: dict[str, Any] = {"assessment-kind": kind, "assessment-assessed_on": TODAY().isoformat()}
    for code, score in values.items():
        data[f"assessment-score_{code}"] = str(score)
        data[f"assessment-reason_{code}"] = reason
    return data


def to_assessment(tenant: Tenant, client: Client, case: Case) -> None:
    ok(client, url("conversation_add", case), conversation_data())
    fin = domain(tenant, "finances")
    ok(
        client,
        url("problems_set", case),
        {"problems-domain_0": fin.pk, "problems-description_0": "Schulden", "problems-domain_1": ""},
    )
    ok(client, url("intake_finish", case))


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


# --- Escaping, timeline, network -------------------------------------------------------------------
def test_html_in_a_note_is_shown_escaped(tenant: Tenant, worker: Client, case: Case) -> None:
    ok(worker, url("note_add", case), {"note-text": '<script>alert("x")</script>\n<b>vet</b>'})
    body = worker.get(page(case)).content.decode()
    assert "<script>alert" not in body and "<b>vet</b>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&lt;b&gt;vet&lt;/b&gt;" in body


def test_timeline_pages_and_filter(tenant: Tenant, worker: Client, case: Case) -> None:
    start = timezone.now() - datetime.timedelta(days=100)
    for i in range(60):
        lifecycle.contact_add(
            actor=tenant.worker,
            case=case,
            occurred_at=start + datetime.timedelta(days=i),
            text=f"Contact nummer {i}",
        )
    lifecycle.contact_add(actor=tenant.worker, case=case, occurred_at=start, text="Een notitie", kind="note")
    body = worker.get(page(case)).content.decode()
    assert body.count('class="bt-timeline__entry') == TIMELINE_PAGE == 25
    assert "Contact nummer 59" in body and "Contact nummer 5<" not in body  # newest first
    assert "pagina=2#tijdlijn" in body
    later = [worker.get(page(case) + f"?pagina={n}").content.decode() for n in (2, 3, 4)]
    assert any("Contact nummer 5<" in b for b in later) and not any("Contact nummer 59" in b for b in later)
    body = worker.get(page(case) + "?soort=note").content.decode()
    assert body.count('class="bt-timeline__entry') == 1 and "Een notitie" in body
    assert worker.get(page(case) + "?pagina=abc&soort=bestaat-niet").status_code == 200


def test_network_map_on_the_case_page(tenant: Tenant, worker: Client, case: Case) -> None:
    with system_access("test fixture"):
        household = Household.objects.get(pk=case.household_id)
    network_member_save(
        actor=tenant.worker, household=household, kind="informal", role="neighbour", name="Buurvrouw <Ans>"
    )
    network_member_save(
        actor=tenant.worker,
        household=household,
        kind="formal",
        role="gp",
        name="Dokter Bakker",
        organisation_name="Praktijk Oost",
    )
    body = worker.get(page(case)).content.decode()
    assert 'id="netwerk"' in body
    assert body.count("bt-network__node--informal") == 1 and body.count("bt-network__node--formal") == 1
    assert "Buurvrouw &lt;Ans&gt;" in body and "<Ans>" not in body
    assert "Praktijk Oost" in body


def test_the_dossier_page_passes_its_own_checks(tenant: Tenant, worker: Client, case: Case) -> None:
    """No inline style or script, ids unique, every step form loads on demand and has its own action."""
    case = walk_to_execution(tenant, case)
    body = worker.get(page(case)).content.decode()
    assert " style=" not in body and "<script>" not in body.split("</head>")[1] and " onclick" not in body
    ids = re.findall(r'\sid="([^"]+)"', body)
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates
    for name, step in (
        ("contact", "contact_add"),
        ("note", "note_add"),
        ("task", "task_add"),
        ("goal", "goal_add"),
        ("plan_agree", "plan_agree"),
        ("evaluation_start", "evaluation_start"),
        ("close", "case_close"),
    ):
        form_url = reverse("cases:case_form", kwargs={"case_id": case.pk, "name": name})
        assert f'href="{form_url}"' in body  # without JavaScript: a link to the form on its own page
        fragment = worker.get(form_url, headers={"HX-Request": "true"}).content.decode()
        assert f'action="{url(step, case)}"' in fragment and "<html" not in fragment
        page_body = worker.get(form_url).content.decode()
        assert f'action="{url(step, case)}"' in page_body and "<html" in page_body


def test_lazy_forms_need_full_access_and_a_known_name(
    tenant: Tenant, worker: Client, case: Case, client: Client
) -> None:
    case = walk_to_execution(tenant, case)
    assert (
        worker.get(
            reverse("cases:case_form", kwargs={"case_id": case.pk, "name": "bestaat-niet"})
        ).status_code
        == 404
    )
    goal_form = reverse("cases:case_form", kwargs={"case_id": case.pk, "name": "action"})
    assert worker.get(goal_form).status_code == 404  # a per-goal form needs ?doel=
    assert worker.get(goal_form, {"doel": "abc"}).status_code == 404
    client.force_login(tenant.colleague)  # another team
    assert (
        client.get(reverse("cases:case_form", kwargs={"case_id": case.pk, "name": "contact"})).status_code
        == 404
    )


# --- Query count ---------------------------------------------------------------------------------------
def _queries(client: Client, target: str) -> int:
    client.get(target)  # warm caches (holidays, the actor's teams)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(target)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_is_constant_as_the_dossier_grows(tenant: Tenant, worker: Client, case: Case) -> None:
    case = walk_to_execution(tenant, case)
    fin = domain(tenant, "finances")

    def grow(entries: int, goals: int, tasks: int) -> None:
        start = timezone.now() - datetime.timedelta(days=200)
        for i in range(entries):
            lifecycle.contact_add(
                actor=tenant.worker, case=case, occurred_at=start + datetime.timedelta(hours=i), text=f"c{i}"
            )
        for i in range(goals):
            goal = plan.goal_add(actor=tenant.worker, case=case, domain=fin, description=f"doel {i}")
            plan.action_add(
                actor=tenant.worker,
                case=case,
                goal=goal,
                description="a",
                owner_kind="team_member",
                owner_user_id=tenant.worker.pk,
            )
        for i in range(tasks):
            lifecycle.task_add(
                actor=tenant.worker,
                case=case,
                title=f"t{i}",
                due_on=TODAY(),
                assignee_id=tenant.coordinator.pk,
            )

    grow(5, 1, 1)  # with walk_to_execution: 2 goals
    small = _queries(worker, page(case))
    grow(55, 8, 9)  # 60+ timeline entries, 10 goals
    large = _queries(worker, page(case))
    assert small == large, (small, large)
    assert small <= 44  # incl. the referral and safety sections (cases.extensions)


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

"""The inside of a case (full access only): intake, problems, assessments, plan, timeline, tasks, evaluations.

Reads start with ``case_get_full`` (audited; 404 without full access) and use the ``dossier`` and
``timeline_page`` selectors; writes go to the lifecycle and plan services, which check full access again.
Texts are returned as written, as JSON strings: a client must escape them like any other text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from buurtteam.api import schemas as s
from buurtteam.api.common import READ_ERRORS, WRITE_ERRORS, actor_of, ref
from buurtteam.api.selectors import case_for_write
from buurtteam.cases.models import (
    Assessment,
    Case,
    DomainScore,
    Evaluation,
    Goal,
    IntakeConversation,
    LifeDomain,
    PlanAction,
    Task,
    TimelineEntry,
)
from buurtteam.cases.selectors.cases import case_get_full
from buurtteam.cases.selectors.dossier import dossier, timeline_page
from buurtteam.cases.services import lifecycle, plan
from buurtteam.cases.services.domains import default_domain_set
from buurtteam.core.gate import access_or_404

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

router = Router(tags=["dossier"])

ID = P(ge=1, le=s.MAX_ID)


def domains_by_code(actor: Actor, case: Case, wanted: dict[str, str]) -> dict[str, LifeDomain]:
    """Life domains of the organisation's instrument by code; ``wanted`` maps an error path to a code."""
    domain_set = default_domain_set(organisation_id=case.organisation_id)
    found = {
        d.code: d
        for d in LifeDomain.objects.visible_to(actor).filter(
            domain_set=domain_set, code__in=set(wanted.values())
        )
    }
    unknown = {path: code for path, code in wanted.items() if code not in found}
    if unknown:
        raise ValidationError(
            {path: _("Onbekend leefgebied: %(code)s.") % {"code": code} for path, code in unknown.items()}
        )
    return found


# --- Intake: conversations and the problem list ----------------------------------------------------
def conversation_out(item: IntakeConversation) -> s.ConversationOut:
    return s.ConversationOut(
        id=item.pk,
        number=item.number,
        held_on=item.held_on,
        mode=s.choice(item.mode),
        participants=item.participants,
        note=item.note,
    )


@router.get(
    "/cases/{case_id}/conversations",
    response={200: list[s.ConversationOut], **READ_ERRORS},
    operation_id="conversation_list",
    url_name="conversation_list",
    summary="Intake conversations",
    tags=["intake"],
)
def conversation_list_view(request: HttpRequest, case_id: PathEx[int, ID]) -> list[s.ConversationOut]:
    actor = actor_of(request)
    case = case_get_full(actor=actor, case_id=case_id)
    return [conversation_out(c) for c in dossier(actor=actor, case=case).conversations]


@router.post(
    "/cases/{case_id}/conversations",
    response={201: s.ConversationOut, **WRITE_ERRORS},
    operation_id="conversation_add",
    url_name="conversation_add",
    summary="Record an intake conversation",
    tags=["intake"],
)
def conversation_add_view(
    request: HttpRequest, case_id: PathEx[int, ID], payload: s.ConversationIn
) -> Status[s.ConversationOut]:
    """Up to the organisation's limit (three by default); the first moves the case into intake."""
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    item = lifecycle.conversation_add(actor=actor, case=case, **payload.model_dump())
    return Status(201, conversation_out(item))


@router.put(
    "/cases/{case_id}/problems",
    response={200: list[s.ProblemOut], **WRITE_ERRORS},
    operation_id="problems_set",
    url_name="problems_set",
    summary="Set the ordered problem list (replaces the earlier list)",
    tags=["intake"],
)
def problems_set_view(
    request: HttpRequest, case_id: PathEx[int, ID], payload: s.ProblemsIn
) -> list[s.ProblemOut]:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    domains = domains_by_code(
        actor, case, {f"problems.{i}.domain": p.domain for i, p in enumerate(payload.problems)}
    )
    created = lifecycle.problems_set(
        actor=actor, case=case, problems=[(domains[p.domain], p.description) for p in payload.problems]
    )
    return [
        s.ProblemOut(rank=p.rank, domain=p.domain.code, domain_name=p.domain.name, description=p.description)
        for p in created
    ]


# --- Assessments ------------------------------------------------------------------------------------
def assessment_out(item: Assessment, scores: list[DomainScore]) -> s.AssessmentOut:
    return s.AssessmentOut(
        id=item.pk,
        kind=s.choice(item.kind),
        instrument=item.instrument,
        instrument_version=item.instrument_version,
        assessed_on=item.assessed_on,
        strengths=item.strengths,
        scores=[
            s.ScoreOut(
                domain=sc.domain.code,
                domain_name=sc.domain.name,
                score=sc.score,
                reason=sc.reason,
                note=sc.note,
                involved=sc.involved,
            )
            for sc in scores
        ],
    )


@router.get(
    "/cases/{case_id}/assessments",
    response={200: list[s.AssessmentOut], **READ_ERRORS},
    operation_id="assessment_list",
    url_name="assessment_list",
    summary="Assessments on the life domains",
    tags=["assessments"],
)
def assessment_list_view(request: HttpRequest, case_id: PathEx[int, ID]) -> list[s.AssessmentOut]:
    actor = actor_of(request)
    case = case_get_full(actor=actor, case_id=case_id)
    return [assessment_out(a, list(a.scores.all())) for a in dossier(actor=actor, case=case).assessments]


@router.post(
    "/cases/{case_id}/assessments",
    response={201: s.AssessmentOut, **WRITE_ERRORS},
    operation_id="assessment_record",
    url_name="assessment_record",
    summary="Record an assessment: scores by domain code, each with why",
    tags=["assessments"],
)
def assessment_record_view(
    request: HttpRequest, case_id: PathEx[int, ID], payload: s.AssessmentIn
) -> Status[s.AssessmentOut]:
    """Score only the domains that matter for the question; the instrument and its version are stored."""
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    domains = domains_by_code(
        actor, case, {f"scores.{i}.domain": sc.domain for i, sc in enumerate(payload.scores)}
    )
    item = lifecycle.assessment_record(
        actor=actor,
        case=case,
        kind=payload.kind,
        assessed_on=payload.assessed_on,
        strengths=payload.strengths,
        scores=[
            {
                "domain": domains[sc.domain],
                "score": sc.score,
                "reason": sc.reason,
                "note": sc.note,
                "involved": sc.involved,
            }
            for sc in payload.scores
        ],
    )
    scores = list(
        DomainScore.objects.visible_to(actor).filter(assessment_id=item.pk).select_related("domain")
    )
    return Status(201, assessment_out(item, scores))


# --- Plan ------------------------------------------------------------------------------------------
def action_out(item: PlanAction) -> s.ActionOut:
    return s.ActionOut(
        id=item.pk,
        description=item.description,
        owner_kind=s.choice(item.owner_kind),
        owner_name=item.owner_name,
        owner_user_id=item.owner_user_id,
        due_on=item.due_on,
        done_on=item.done_on,
    )


def goal_out(item: Goal, actions: list[PlanAction]) -> s.GoalOut:
    return s.GoalOut(
        id=item.pk,
        domain=item.domain.code,
        domain_name=item.domain.name,
        description=item.description,
        status=s.choice(item.status),
        target_on=item.target_on,
        actions=[action_out(a) for a in actions],
    )


@router.get(
    "/cases/{case_id}/plan",
    response={200: s.PlanOut | None, **READ_ERRORS},
    operation_id="plan_get",
    url_name="plan_get",
    summary="The household's plan (null before the first goal)",
    tags=["plan"],
)
def plan_get_view(request: HttpRequest, case_id: PathEx[int, ID]) -> s.PlanOut | None:
    actor = actor_of(request)
    case = case_get_full(actor=actor, case_id=case_id)
    found = dossier(actor=actor, case=case)
    if found.plan is None:
        return None
    return s.PlanOut(
        id=found.plan.pk,
        version=found.plan.version,
        lead_id=found.plan.lead_id,
        agreed_on=found.plan.agreed_on,
        agreed_by=found.plan.agreed_by,
        agreement_note=found.plan.agreement_note,
        goals=[goal_out(g, list(g.actions.all())) for g in found.goals],
    )


@router.post(
    "/cases/{case_id}/plan/goals",
    response={201: s.GoalOut, **WRITE_ERRORS},
    operation_id="goal_add",
    url_name="goal_add",
    summary="Add a goal on a life domain",
    tags=["plan"],
)
def goal_add_view(request: HttpRequest, case_id: PathEx[int, ID], payload: s.GoalIn) -> Status[s.GoalOut]:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    domain = domains_by_code(actor, case, {"domain": payload.domain})[payload.domain]
    goal = plan.goal_add(
        actor=actor, case=case, domain=domain, description=payload.description, target_on=payload.target_on
    )
    return Status(201, goal_out(goal, []))


@router.post(
    "/cases/{case_id}/plan/goals/{goal_id}/actions",
    response={201: s.ActionOut, **WRITE_ERRORS},
    operation_id="action_add",
    url_name="action_add",
    summary="Add an action to a goal, with who does it",
    tags=["plan"],
)
def action_add_view(
    request: HttpRequest, case_id: PathEx[int, ID], goal_id: PathEx[int, ID], payload: s.ActionIn
) -> Status[s.ActionOut]:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    goal: Goal = access_or_404(Goal.objects.visible_to(actor), pk=goal_id)
    item = plan.action_add(actor=actor, case=case, goal=goal, **payload.model_dump())
    return Status(201, action_out(item))


@router.post(
    "/cases/{case_id}/plan/agree",
    response={200: s.PlanAgreedOut, **WRITE_ERRORS},
    operation_id="plan_agree",
    url_name="plan_agree",
    summary="Record the household's agreement with the plan",
    tags=["plan"],
)
def plan_agree_view(
    request: HttpRequest, case_id: PathEx[int, ID], payload: s.PlanAgreeIn
) -> s.PlanAgreedOut:
    """A case in planning moves on to execution."""
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    agreed = plan.plan_agree(actor=actor, case=case, agreed_by=payload.agreed_by, note=payload.note)
    return s.PlanAgreedOut(
        id=agreed.pk,
        version=agreed.version,
        agreed_on=agreed.agreed_on,
        agreed_by=agreed.agreed_by,
        case_status=s.choice(case.status),
    )


# --- Timeline ---------------------------------------------------------------------------------------
def entry_out(item: TimelineEntry) -> s.TimelineEntryOut:
    return s.TimelineEntryOut(
        id=item.pk,
        kind=s.choice(item.kind),
        occurred_at=item.occurred_at,
        author=ref(item.author),
        text=item.text,
        contact_mode=s.choice(item.contact_mode),
        is_substantive=item.is_substantive,
    )


@router.get(
    "/cases/{case_id}/timeline",
    response={200: s.TimelinePage, **READ_ERRORS},
    operation_id="timeline_page",
    url_name="timeline_page",
    summary="The case's timeline, newest first, 25 per page",
    tags=["timeline"],
)
def timeline_view(
    request: HttpRequest, case_id: PathEx[int, ID], filters: Query[s.TimelineQuery]
) -> s.TimelinePage:
    """A page past the last gives the last page."""
    actor = actor_of(request)
    case = case_get_full(actor=actor, case_id=case_id)
    page = timeline_page(actor=actor, case=case, page=filters.page, kind=filters.kind or "")
    return s.TimelinePage(
        page=page.number,
        pages=page.paginator.num_pages,
        count=page.paginator.count,
        items=[entry_out(e) for e in page.object_list],
    )


@router.post(
    "/cases/{case_id}/contacts",
    response={201: s.TimelineEntryOut, **WRITE_ERRORS},
    operation_id="contact_add",
    url_name="contact_add",
    summary="Record a contact or a note on the timeline",
    tags=["timeline"],
)
def contact_add_view(
    request: HttpRequest, case_id: PathEx[int, ID], payload: s.ContactIn
) -> Status[s.TimelineEntryOut]:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    entry = lifecycle.contact_add(actor=actor, case=case, **payload.model_dump())
    entry.author = actor
    return Status(201, entry_out(entry))


# --- Tasks ------------------------------------------------------------------------------------------
def task_out(item: Task) -> s.TaskOut:
    return s.TaskOut(
        id=item.pk,
        kind=s.choice(item.kind),
        title=item.title,
        due_on=item.due_on,
        assignee=s.Ref(id=item.assignee_id, name=item.assignee.get_full_name()),
        done_at=item.done_at,
    )


@router.get(
    "/cases/{case_id}/tasks",
    response={200: list[s.TaskOut], **READ_ERRORS},
    operation_id="task_list",
    url_name="task_list",
    summary="The case's tasks and reminders",
    tags=["tasks"],
)
def task_list_view(request: HttpRequest, case_id: PathEx[int, ID]) -> list[s.TaskOut]:
    actor = actor_of(request)
    case = case_get_full(actor=actor, case_id=case_id)
    return [task_out(t) for t in dossier(actor=actor, case=case).tasks]


@router.post(
    "/cases/{case_id}/tasks",
    response={201: s.TaskOut, **WRITE_ERRORS},
    operation_id="task_add",
    url_name="task_add",
    summary="Add a task or reminder for a colleague",
    tags=["tasks"],
)
def task_add_view(request: HttpRequest, case_id: PathEx[int, ID], payload: s.TaskIn) -> Status[s.TaskOut]:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    task = lifecycle.task_add(actor=actor, case=case, **payload.model_dump())
    return Status(201, task_out(task))


@router.post(
    "/tasks/{task_id}/done",
    response={200: s.TaskOut, **WRITE_ERRORS},
    operation_id="task_done",
    url_name="task_done",
    summary="Tick off a task",
    tags=["tasks"],
)
def task_done_view(request: HttpRequest, task_id: PathEx[int, ID]) -> s.TaskOut:
    actor = actor_of(request)
    task: Task = access_or_404(Task.objects.visible_to(actor).select_related("case", "assignee"), pk=task_id)
    return task_out(lifecycle.task_done(actor=actor, task=task))


# --- Evaluations -------------------------------------------------------------------------------------
def evaluation_out(item: Evaluation) -> s.EvaluationOut:
    return s.EvaluationOut(
        id=item.pk,
        case_id=item.case_id,
        held_on=item.held_on,
        summary=item.summary,
        outcome=s.choice(item.outcome),
        completed_at=item.completed_at,
    )


@router.post(
    "/cases/{case_id}/evaluations",
    response={201: s.EvaluationOut, **WRITE_ERRORS},
    operation_id="evaluation_start",
    url_name="evaluation_start",
    summary="Start an evaluation (the case moves to evaluation)",
    tags=["evaluations"],
)
def evaluation_start_view(
    request: HttpRequest, case_id: PathEx[int, ID], payload: s.EvaluationIn
) -> Status[s.EvaluationOut]:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    return Status(
        201, evaluation_out(lifecycle.evaluation_start(actor=actor, case=case, held_on=payload.held_on))
    )


@router.post(
    "/evaluations/{evaluation_id}/complete",
    response={200: s.EvaluationOut, **WRITE_ERRORS},
    operation_id="evaluation_complete",
    url_name="evaluation_complete",
    summary="Complete an evaluation: continue, adjust the plan, or close",
    tags=["evaluations"],
)
def evaluation_complete_view(
    request: HttpRequest, evaluation_id: PathEx[int, ID], payload: s.EvaluationCompleteIn
) -> s.EvaluationOut:
    actor = actor_of(request)
    evaluation: Evaluation = access_or_404(
        Evaluation.objects.visible_to(actor).select_related("case"), pk=evaluation_id
    )
    done = lifecycle.evaluation_complete(
        actor=actor, evaluation=evaluation, summary=payload.summary, outcome=payload.outcome
    )
    return evaluation_out(done)

"""The inside of a case (full access only): timeline, intake, assessments, plan, tasks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Window

from buurtteam.cases.models import (
    Assessment,
    Case,
    DomainScore,
    DomainSet,
    Evaluation,
    Goal,
    IntakeConversation,
    LifeDomain,
    PlanAction,
    Problem,
    SupportPlan,
    Task,
    TimelineEntry,
)
from buurtteam.cases.selectors.cases import case_grant
from buurtteam.cases.services.domains import default_domain_set

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

TIMELINE_PAGE = 25


def _inside(model: Any, actor: Actor, case: Case, **lookup: Any) -> Any:
    """Rows inside ``case``: through the grant ``case_get_full`` left on it (one simple filter), or else
    through the whole visibility rule."""
    grant = case_grant(actor, case)
    if grant is not None:
        return model.objects.within(grant)
    return model.objects.visible_to(actor).filter(**lookup)


def timeline_page(*, actor: Actor, case: Case, page: int = 1, kind: str = "") -> Page[TimelineEntry]:
    """One page of the timeline, newest first. The total comes with the rows (a window count over the
    case's entries), so a page is one query; a page past the end shows the last one, as ``get_page`` does."""
    qs = _inside(TimelineEntry, actor, case, case_id=case.pk).select_related("author")
    if kind:
        qs = qs.filter(kind=kind)
    qs = qs.order_by("-occurred_at", "-id")
    number = max(1, page)
    start = (number - 1) * TIMELINE_PAGE
    rows = list(qs.annotate(timeline_total=Window(Count("id")))[start : start + TIMELINE_PAGE])
    paginator = Paginator(qs, TIMELINE_PAGE)
    if not rows and number > 1:  # past the end: count, then the last page (as Paginator.get_page)
        return paginator.get_page(number)
    paginator.__dict__["count"] = rows[0].timeline_total if rows else 0  # Paginator.count is cached
    return Page(rows, number, paginator)


@dataclass
class Dossier:
    case: Case
    conversations: list[IntakeConversation]
    problems: list[Problem]
    assessments: list[Assessment]
    plan: SupportPlan | None
    goals: list[Goal]
    tasks: list[Task]
    evaluations: list[Evaluation]
    domains: list[LifeDomain]
    domain_set: DomainSet | None = None


def dossier(*, actor: Actor, case: Case) -> Dossier:
    """Everything about a case except the timeline, in a fixed number of queries."""
    # Authors are joined (not read by id afterwards): they are staff of the case's organisation.
    conversations = list(
        _inside(IntakeConversation, actor, case, case_id=case.pk).select_related("author").order_by("number")
    )
    problems = list(_inside(Problem, actor, case, case_id=case.pk).select_related("domain"))
    assessments = list(
        _inside(Assessment, actor, case, case_id=case.pk)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=_inside(DomainScore, actor, case, assessment__case_id=case.pk).select_related(
                    "domain"
                ),
            )
        )
        .order_by("assessed_on", "id")
    )
    plan = _inside(SupportPlan, actor, case, household_id=case.household_id).select_related("lead").first()
    goals: list[Goal] = []
    if plan is not None:
        goals = list(
            _inside(Goal, actor, case, plan_id=plan.pk)
            .select_related("domain")
            .prefetch_related(
                Prefetch(
                    "actions",
                    queryset=_inside(PlanAction, actor, case, goal__plan_id=plan.pk).select_related(
                        "owner_user"
                    ),
                )
            )
        )
    tasks = list(
        _inside(Task, actor, case, case_id=case.pk).select_related("assignee").order_by("done_at", "due_on")
    )
    evaluations = list(
        _inside(Evaluation, actor, case, case_id=case.pk).select_related("author").order_by("held_on")
    )
    # The organisation's default instrument with its domains in one query (created on first use).
    domains = list(
        LifeDomain.objects.visible_to(actor)
        .filter(domain_set__organisation_id=case.organisation_id, domain_set__is_default=True)
        .select_related("domain_set")
        .order_by("position")
    )
    domain_set = (
        domains[0].domain_set if domains else default_domain_set(organisation_id=case.organisation_id)
    )
    # For the other sections of this page (``plan_actions_loaded``): the plan as read here, for this actor.
    case._dossier_plan = (actor.pk, plan, goals)  # type: ignore[attr-defined]
    return Dossier(
        case, conversations, problems, assessments, plan, goals, tasks, evaluations, domains, domain_set
    )


def plan_actions_loaded(*, actor: Actor, case: Case) -> list[PlanAction] | None:
    """The actions of the household's plan in plan order (goal position, goal, due date, id), each with its
    goal and the goal's life domain, as :func:`dossier` read them for ``actor`` in this request; ``None``
    when it did not (the caller then reads them itself)."""
    loaded = getattr(case, "_dossier_plan", None)
    if loaded is None or loaded[0] != actor.pk or case_grant(actor, case) is None:
        return None
    _actor_id, _plan, goals = loaded
    actions: list[PlanAction] = []
    for goal in goals:  # in plan order; each goal's actions by due date and id (the prefetch's order)
        for action in goal.actions.all():
            action.goal = goal
            actions.append(action)
    return actions


def radar_series(assessments: list[Assessment]) -> dict[str, Any]:
    """First and latest assessment per domain, for the radar chart (intake vs now)."""
    if not assessments:
        return {"domains": [], "first": {}, "latest": {}}
    first, latest = assessments[0], assessments[-1]
    first_scores = {s.domain.name: s.score for s in first.scores.all()}
    latest_scores = {s.domain.name: s.score for s in latest.scores.all()}
    positions = {s.domain.name: s.domain.position for a in (first, latest) for s in a.scores.all()}
    names = sorted(set(first_scores) | set(latest_scores), key=lambda name: positions[name])
    return {"domains": names, "first": first_scores, "latest": latest_scores}

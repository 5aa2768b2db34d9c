"""The case page (dossier) and one POST-only view per lifecycle step.

Reading: a worker on the case, the team's coordinator or someone who broke the glass sees the whole
dossier (``case_get_full``, audited); another member of the team sees a summary (``case_get``, audited);
anyone else gets a 404. Writing: every step form posts to its own URL, which looks the case up at full
level (404 otherwise), calls the service, and either redirects back to the right section with a message
or shows the case page again with the Dutch error on the form (status 400; the service changed nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from buurtteam.cases import charts, extensions
from buurtteam.cases.forms.dossier import (
    SCORE_LEVELS,
    ActionForm,
    AssessmentForm,
    CloseForm,
    ContactForm,
    ConversationForm,
    EvaluationCompleteForm,
    EvaluationStartForm,
    GoalForm,
    GoalStatusForm,
    NoteForm,
    PlanAgreeForm,
    ProblemListForm,
    ReopenForm,
    StepForm,
    TaskForm,
    TimelineFilterForm,
)
from buurtteam.cases.models import Status, TimelineEntry
from buurtteam.cases.rules import PLAN_STATUSES
from buurtteam.cases.selectors import cases as case_selectors
from buurtteam.cases.selectors import dossier as dossier_selectors
from buurtteam.cases.selectors import dossier_extra
from buurtteam.cases.selectors import residents as resident_selectors
from buurtteam.cases.services import lifecycle, plan
from buurtteam.cases.views import dossier_forms
from buurtteam.core.forms import add_service_errors

if TYPE_CHECKING:
    from django.forms import BaseForm

    from buurtteam.accounts.models import User
    from buurtteam.cases.models import Case, CaseAssignment
    from buurtteam.cases.selectors.dossier import Dossier

STEPS = [
    Status.REGISTERED,
    Status.INTAKE,
    Status.ASSESSMENT,
    Status.PLANNING,
    Status.EXECUTION,
    Status.EVALUATION,
    Status.CLOSED,
]

ASSESSMENT_KINDS = dossier_forms.ASSESSMENT_KINDS

TEMPLATE = "cases/dossier/case_detail.html"
SUMMARY_TEMPLATE = "cases/dossier/case_summary.html"


def _actor(request: HttpRequest) -> User:
    return cast("User", request.user)


def _case_url(case_id: int, anchor: str = "") -> str:
    url = reverse("cases:case_detail", kwargs={"case_id": case_id})
    return f"{url}#{anchor}" if anchor else url


def _optional_url(name: str, **kwargs: Any) -> str | None:
    """A link to a page another part of the app may not have yet."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _page_number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 10**6))
    except ValueError:
        return 1


def _assignments(case: Case) -> list[CaseAssignment]:
    """The active assignments that ``case_get``/``case_get_full`` prefetched (lead first)."""
    return list(getattr(case, "active_assignments", []))


def _steps(status: str) -> list[dict[str, Any]]:
    current = STEPS.index(Status(status)) if status in STEPS else 0
    return [
        {
            "status": step,
            "label": Status(step).label,
            "state": "current" if i == current else "done" if i < current else "todo",
        }
        for i, step in enumerate(STEPS)
    ]


# --- The case page ----------------------------------------------------------------------------------
@never_cache
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _page(request, case_id)


def _page(
    request: HttpRequest,
    case_id: int,
    *,
    bound: dict[str, BaseForm] | None = None,
    failed: str = "",
    status: int = 200,
) -> HttpResponse:
    """The case page: the whole dossier, or the summary; ``bound`` replaces a form that failed."""
    actor = _actor(request)
    full = case_selectors.case_get_full_or_none(actor=actor, case_id=case_id)  # audited when found
    if full is None:
        case = case_selectors.case_get(actor=actor, case_id=case_id)  # 404 without summary access
        return _summary(request, case, bound=bound or {}, failed=failed, status=status)
    case = full
    d = dossier_selectors.dossier(actor=actor, case=case)
    context = _dossier_context(request, actor, case, d, bound=bound or {})
    context["failed"] = failed
    return render(request, TEMPLATE, context, status=status)


def _summary(
    request: HttpRequest, case: Case, *, bound: dict[str, BaseForm], failed: str, status: int
) -> HttpResponse:
    reopen = None
    if case.status == Status.CLOSED:
        reopen = bound.get("reopen") or ReopenForm(prefix="reopen")
    return render(
        request,
        SUMMARY_TEMPLATE,
        {
            "case": case,
            "lead": next((a.user for a in _assignments(case) if a.is_lead), None),
            "reopen_form": reopen,
            "failed": failed if reopen is not None else "",
            "steps": _steps(case.status),
        },
        status=status,
    )


def _dossier_context(
    request: HttpRequest, actor: User, case: Case, d: Dossier, *, bound: dict[str, BaseForm]
) -> dict[str, Any]:
    settings = dossier_extra.case_settings(actor=actor, case=case)
    is_open = case.status != Status.CLOSED

    # Timeline: newest first, 25 a page (TIMELINE_PAGE), optionally one kind.
    filter_form = TimelineFilterForm(request.GET or None)
    kind = filter_form.cleaned_data["soort"] if filter_form.is_valid() else ""
    page = dossier_selectors.timeline_page(
        actor=actor, case=case, page=_page_number(request.GET.get("pagina")), kind=kind
    )
    names = dossier_extra.user_names(
        actor=actor,
        user_ids=[c.author_id for c in d.conversations]
        + [a.author_id for a in d.assessments]
        + [e.author_id for e in d.evaluations],
    )

    # Pictures.
    series = dossier_selectors.radar_series(d.assessments)
    household, members, network = resident_selectors.household_of(
        actor=actor, resident=case.client, household_id=case.household_id, case=case
    )
    network_svg = charts.network_map(
        household_name=household.name if household is not None else case.client.full_name,
        members=[(m.resident.full_name, m.get_relation_display()) for m in members],
        network=[
            charts.NetworkNode(
                name=n.name,
                formal=n.kind == n.Kind.FORMAL,
                role=n.get_role_display(),
                organisation=n.organisation_name,
            )
            for n in network
        ]
        + extensions.network_nodes(actor, case),
    )
    sections = extensions.dossier_sections(request, actor, case)
    member_rows = [
        {
            "member": m,
            "url": _optional_url("cases:resident_detail", resident_id=m.resident_id),
        }
        for m in members
    ]

    today = timezone.localdate()
    kinds = ASSESSMENT_KINDS.get(case.status, [])
    open_evaluation = next((e for e in reversed(d.evaluations) if e.completed_at is None), None)
    in_plan = is_open and case.status in PLAN_STATUSES
    forms, goals = dossier_forms.build_forms(
        case=case,
        d=d,
        colleagues=lambda: dossier_extra.team_colleagues(actor=actor, team_id=case.team_id),
        bound=bound,
        only_rendered=True,
    )
    levels = dict(SCORE_LEVELS)
    assignments = _assignments(case)
    pickup = case_selectors.pickup(case, target_days=settings.pickup_target_days)
    return {
        "case": case,
        "d": d,
        "steps": _steps(case.status),
        "is_open": is_open,
        "lead": next((a.user for a in assignments if a.is_lead), None),
        "co_workers": [a.user for a in assignments if not a.is_lead],
        "pickup": pickup,
        "pickup_target": settings.pickup_target_days,
        "household": household,
        "member_rows": member_rows,
        "network": network,
        "network_svg": network_svg,
        "sections_early": [s for s in sections if s.order < 50],
        "sections_late": [s for s in sections if s.order >= 50],
        "chart_svg": charts.life_domain_chart(series, compare=len(d.assessments) > 1),
        "chart_rows": charts.domain_rows(series),
        "chart_compare": len(d.assessments) > 1,
        "instrument": d.domain_set,
        "today": today,
        "conversations": [{"item": c, "author": names.get(c.author_id or 0, "")} for c in d.conversations],
        "assessments": [
            {
                "item": a,
                "author": names.get(a.author_id or 0, ""),
                "scores": [{"item": s, "label": levels.get(str(s.score), s.score)} for s in a.scores.all()],
            }
            for a in d.assessments
        ],
        "evaluations": [{"item": e, "author": names.get(e.author_id or 0, "")} for e in d.evaluations],
        "timeline": page,
        "timeline_kind": kind,
        "timeline_start": max(page.paginator.count - page.start_index() + 1, 0),
        "filter_form": filter_form if filter_form.is_bound else TimelineFilterForm(),
        "conversation_limit": settings.conversation_limit,
        "can_add_conversation": is_open
        and case.status in {Status.REGISTERED, Status.INTAKE}
        and len(d.conversations) < settings.conversation_limit,
        "can_finish_intake": is_open and case.status == Status.INTAKE,
        "can_assess": is_open and bool(kinds),
        "in_plan": in_plan,
        "goals": goals,
        "open_evaluation": open_evaluation,
        "can_start_evaluation": is_open and case.status == Status.EXECUTION,
        "forms": forms,
    }


# --- The steps ----------------------------------------------------------------------------------
def _step(
    request: HttpRequest,
    case: Case,
    *,
    key: str,
    form: BaseForm,
    run: Callable[[], object],
    anchor: str,
    success: str,
    success_anchor: str | None = None,
) -> HttpResponse:
    """Validate, call the service, and redirect; or show the page again with the error on the form."""
    if form.is_valid():
        try:
            run()
        except ValidationError as exc:  # CaseStepError is a ValidationError
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, success)
            return redirect(_case_url(case.pk, anchor if success_anchor is None else success_anchor))
    return _page(request, case.pk, bound={key: form}, failed=anchor, status=400)


def _full(request: HttpRequest, case_id: int) -> tuple[User, Case]:
    actor = _actor(request)
    return actor, dossier_extra.case_for_write(actor=actor, case_id=case_id)


@require_POST
def conversation_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    form = ConversationForm(request.POST, prefix="conversation")
    return _step(
        request,
        case,
        key="conversation",
        form=form,
        run=lambda: lifecycle.conversation_add(actor=actor, case=case, **form.cleaned_data),
        anchor="vraagverheldering",
        success=_("Het gesprek is vastgelegd."),
    )


@require_POST
def problems_set(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    domains = dossier_extra.life_domains(actor=actor, case=case)
    form = ProblemListForm(request.POST, prefix="problems", domains=domains, problems=[])
    return _step(
        request,
        case,
        key="problems",
        form=form,
        run=lambda: lifecycle.problems_set(actor=actor, case=case, problems=form.problem_list()),
        anchor="problemen",
        success=_("De lijst met problemen is opgeslagen."),
    )


@require_POST
def intake_finish(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    return _step(
        request,
        case,
        key="intake_finish",
        form=StepForm(request.POST, prefix="intake"),
        run=lambda: lifecycle.intake_finish(actor=actor, case=case),
        anchor="vraagverheldering",
        success=_("De vraagverheldering is afgerond. Leg nu de inschatting vast."),
    )


@require_POST
def assessment_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    kinds = ASSESSMENT_KINDS.get(case.status, [])
    domains = dossier_extra.life_domains(actor=actor, case=case)
    form = AssessmentForm(request.POST, prefix="assessment", domains=domains, kinds=kinds)
    if not kinds:
        form.is_valid()
        form.add_error(
            None, _("Een inschatting kan nu niet worden vastgelegd. Rond eerst de vraagverheldering af.")
        )
        return _page(request, case.pk, bound={"assessment": form}, failed="inschatting", status=400)
    return _step(
        request,
        case,
        key="assessment",
        form=form,
        run=lambda: lifecycle.assessment_record(
            actor=actor,
            case=case,
            kind=form.cleaned_data["kind"],
            assessed_on=form.cleaned_data["assessed_on"],
            strengths=form.cleaned_data["strengths"],
            scores=form.scores(),
        ),
        anchor="inschatting",
        success=_("De inschatting is vastgelegd."),
    )


@require_POST
def goal_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    form = GoalForm(request.POST, prefix="goal", domains=dossier_extra.life_domains(actor=actor, case=case))
    return _step(
        request,
        case,
        key="goal",
        form=form,
        run=lambda: plan.goal_add(actor=actor, case=case, **form.service_kwargs()),
        anchor="plan",
        success=_("Het doel is toegevoegd."),
    )


@require_POST
def goal_status(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    goal = dossier_extra.goal_in_case(actor=actor, case=case, goal_id=goal_id)
    form = GoalStatusForm(request.POST, prefix=f"goal-{goal.pk}")
    return _step(
        request,
        case,
        key=f"goal-{goal.pk}",
        form=form,
        run=lambda: plan.goal_set_status(
            actor=actor, case=case, goal=goal, status=form.cleaned_data["status"]
        ),
        anchor=f"doel-{goal.pk}",
        success=_("De stand van het doel is bijgewerkt."),
    )


@require_POST
def action_add(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    goal = dossier_extra.goal_in_case(actor=actor, case=case, goal_id=goal_id)
    colleagues = dossier_extra.team_colleagues(actor=actor, team_id=case.team_id)
    form = ActionForm(request.POST, prefix=f"action-{goal.pk}", colleagues=colleagues)
    return _step(
        request,
        case,
        key=f"action-{goal.pk}",
        form=form,
        run=lambda: plan.action_add(actor=actor, case=case, goal=goal, **form.service_kwargs()),
        anchor=f"doel-{goal.pk}",
        success=_("De actie is toegevoegd."),
    )


@require_POST
def action_done(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    action = dossier_extra.action_in_case(actor=actor, case=case, action_id=action_id)
    return _step(
        request,
        case,
        key="action_done",
        form=StepForm(request.POST, prefix="action-done"),
        run=lambda: plan.action_done(actor=actor, case=case, action=action),
        anchor=f"doel-{action.goal_id}",
        success=_("De actie is afgevinkt."),
    )


@require_POST
def plan_agree(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    form = PlanAgreeForm(request.POST, prefix="agree")
    return _step(
        request,
        case,
        key="plan_agree",
        form=form,
        run=lambda: plan.plan_agree(actor=actor, case=case, **form.cleaned_data),
        anchor="plan",
        success=_("Het plan is afgesproken met het huishouden."),
    )


@require_POST
def contact_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    form = ContactForm(request.POST, prefix="contact")
    return _step(
        request,
        case,
        key="contact",
        form=form,
        run=lambda: lifecycle.contact_add(
            actor=actor,
            case=case,
            occurred_at=form.cleaned_data["occurred_at"],
            text=form.cleaned_data["text"],
            contact_mode=form.cleaned_data["contact_mode"],
            is_substantive=form.cleaned_data["is_substantive"],
        ),
        anchor="tijdlijn",
        success=_("Het contact is vastgelegd."),
    )


@require_POST
def note_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    form = NoteForm(request.POST, prefix="note")
    return _step(
        request,
        case,
        key="note",
        form=form,
        run=lambda: lifecycle.contact_add(
            actor=actor,
            case=case,
            occurred_at=timezone.now(),
            text=form.cleaned_data["text"],
            kind=TimelineEntry.Kind.NOTE,
        ),
        anchor="tijdlijn",
        success=_("De notitie is vastgelegd."),
    )


@require_POST
def task_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    colleagues = dossier_extra.team_colleagues(actor=actor, team_id=case.team_id)
    form = TaskForm(request.POST, prefix="task", colleagues=colleagues)
    return _step(
        request,
        case,
        key="task",
        form=form,
        run=lambda: lifecycle.task_add(
            actor=actor,
            case=case,
            title=form.cleaned_data["title"],
            due_on=form.cleaned_data["due_on"],
            assignee_id=int(form.cleaned_data["assignee"]),
            kind=form.cleaned_data["kind"],
        ),
        anchor="taken",
        success=_("De taak is toegevoegd."),
    )


@require_POST
def task_done(request: HttpRequest, case_id: int, task_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    task = dossier_extra.task_in_case(actor=actor, case=case, task_id=task_id)
    return _step(
        request,
        case,
        key="task_done",
        form=StepForm(request.POST, prefix="task-done"),
        run=lambda: lifecycle.task_done(actor=actor, task=task),
        anchor="taken",
        success=_("De taak is afgevinkt."),
    )


@require_POST
def evaluation_start(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    form = EvaluationStartForm(request.POST, prefix="evaluation")
    return _step(
        request,
        case,
        key="evaluation_start",
        form=form,
        run=lambda: lifecycle.evaluation_start(actor=actor, case=case, held_on=form.cleaned_data["held_on"]),
        anchor="evaluatie",
        success=_("De evaluatie is begonnen. Leg de herhaalde inschatting vast en rond de evaluatie af."),
    )


@require_POST
def evaluation_complete(request: HttpRequest, case_id: int, evaluation_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    evaluation = dossier_extra.evaluation_in_case(actor=actor, case=case, evaluation_id=evaluation_id)
    form = EvaluationCompleteForm(request.POST, prefix="evaluation-complete")
    return _step(
        request,
        case,
        key="evaluation_complete",
        form=form,
        run=lambda: lifecycle.evaluation_complete(actor=actor, evaluation=evaluation, **form.cleaned_data),
        anchor="evaluatie",
        success=_("De evaluatie is afgerond."),
    )


@require_POST
def case_close(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _full(request, case_id)
    form = CloseForm(request.POST, prefix="close")
    return _step(
        request,
        case,
        key="close",
        form=form,
        run=lambda: lifecycle.case_close(actor=actor, case=case, **form.cleaned_data),
        anchor="afsluiten",
        success_anchor="",
        success=_("De casus is afgesloten."),
    )


@require_POST
def case_reopen(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = _actor(request)
    case = dossier_extra.case_for_reopen(actor=actor, case_id=case_id)
    form = ReopenForm(request.POST, prefix="reopen")
    return _step(
        request,
        case,
        key="reopen",
        form=form,
        run=lambda: lifecycle.case_reopen(actor=actor, case=case, reason=form.cleaned_data["reason"]),
        anchor="afsluiten",
        success_anchor="",
        success=_("De casus is heropend; u bent nu de regisseur."),
    )

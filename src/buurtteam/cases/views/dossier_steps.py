"""The case page's step views: one POST-only view per lifecycle step, each with its own URL.

Every view looks the case up at full level (``dossier._full``: 404 otherwise), binds its form and hands it
to ``dossier._step``, which calls the service and redirects back to the right section with a message, or
shows the case page again with the Dutch error on the form (status 400; the service changed nothing).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtteam.cases.forms.dossier import AssessmentForm, ConversationForm, ProblemListForm, StepForm
from buurtteam.cases.forms.dossier_plan import (
    ActionForm,
    CloseForm,
    ContactForm,
    EvaluationCompleteForm,
    EvaluationStartForm,
    GoalForm,
    GoalStatusForm,
    NoteForm,
    PlanAgreeForm,
    ReopenForm,
    TaskForm,
)
from buurtteam.cases.models import TimelineEntry
from buurtteam.cases.selectors import dossier_extra
from buurtteam.cases.services import lifecycle, plan
from buurtteam.cases.views.dossier import ASSESSMENT_KINDS, _actor, _full, _page, _step


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

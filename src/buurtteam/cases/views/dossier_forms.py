"""The case page's step forms, built in one place, and loaded on demand.

Rendering a form's widgets is most of a case page's cost, and most forms stay closed in their
``<details>``. The page therefore renders a form only when it comes back bound (with its errors); every
other form is a placeholder that htmx replaces with ``case_form`` when the worker opens the details
(``toggle``). Without JavaScript the placeholder is a link to the same URL, which shows the form on a page
of its own. Either way the form posts to the same step view as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
from buurtteam.cases.models import Assessment, Status
from buurtteam.cases.selectors import cases as case_selectors
from buurtteam.cases.selectors import dossier as dossier_selectors
from buurtteam.cases.selectors import dossier_extra

if TYPE_CHECKING:
    from django.forms import BaseForm

    from buurtteam.accounts.models import User
    from buurtteam.cases.models import Case
    from buurtteam.cases.selectors.dossier import Dossier

# Which assessment moments fit the phase; the first is the default.
ASSESSMENT_KINDS: dict[str, list[str]] = {
    Status.ASSESSMENT: [Assessment.Kind.INTAKE, Assessment.Kind.CLOSING],
    Status.PLANNING: [Assessment.Kind.INTAKE, Assessment.Kind.CLOSING],
    Status.EVALUATION: [Assessment.Kind.EVALUATION, Assessment.Kind.CLOSING],
    Status.EXECUTION: [Assessment.Kind.CLOSING],
}


# Forms the case page always renders itself (buttons and short forms that are open by default).
INLINE = frozenset({"intake_finish", "action_done", "task_done", "evaluation_complete", "reopen"})


def build_forms(
    *,
    case: Case,
    d: Dossier,
    colleagues: Callable[[], list[Any]],
    bound: dict[str, BaseForm],
    only_rendered: bool = False,
) -> tuple[dict[str, BaseForm], list[dict[str, Any]]]:
    """The step forms of the case page (the failed one comes back bound), and the per-goal forms.

    ``only_rendered``: just the forms the page itself renders (``INLINE`` and the bound ones); the others
    load on demand, so the page does not build them (nor read the team's colleagues for them).
    """

    def form(key: str, make: Callable[[], BaseForm]) -> BaseForm | None:
        if key in bound:
            return bound[key]
        if only_rendered and key not in INLINE:
            return None
        return make()

    today = timezone.localdate()
    kinds = ASSESSMENT_KINDS.get(case.status, [])

    def status_form(goal: Any) -> BaseForm:
        return GoalStatusForm(prefix=f"goal-{goal.pk}", initial={"status": goal.status})

    def action_form(goal: Any) -> BaseForm:
        return ActionForm(prefix=f"action-{goal.pk}", colleagues=colleagues())

    goals = [
        {
            "goal": g,
            "status_form": form(f"goal-{g.pk}", partial(status_form, g)),
            "action_form": form(f"action-{g.pk}", partial(action_form, g)),
        }
        for g in d.goals
    ]
    built = {
        "conversation": form(
            "conversation", lambda: ConversationForm(prefix="conversation", initial={"held_on": today})
        ),
        "problems": form(
            "problems", lambda: ProblemListForm(prefix="problems", domains=d.domains, problems=d.problems)
        ),
        "intake_finish": form("intake_finish", lambda: StepForm(prefix="intake")),
        "assessment": form(
            "assessment",
            lambda: AssessmentForm(
                prefix="assessment", domains=d.domains, kinds=kinds, initial={"assessed_on": today}
            ),
        ),
        "goal": form("goal", lambda: GoalForm(prefix="goal", domains=d.domains)),
        "action_done": form("action_done", lambda: StepForm(prefix="action-done")),
        "plan_agree": form(
            "plan_agree",
            lambda: PlanAgreeForm(
                prefix="agree", initial={"agreed_by": d.plan.agreed_by if d.plan is not None else ""}
            ),
        ),
        "contact": form(
            "contact",
            lambda: ContactForm(
                prefix="contact",
                initial={"occurred_on": today, "occurred_time": timezone.localtime().strftime("%H:%M")},
            ),
        ),
        "note": form("note", lambda: NoteForm(prefix="note")),
        "task": form("task", lambda: TaskForm(prefix="task", colleagues=colleagues())),
        "task_done": form("task_done", lambda: StepForm(prefix="task-done")),
        "evaluation_start": form(
            "evaluation_start",
            lambda: EvaluationStartForm(prefix="evaluation", initial={"held_on": today}),
        ),
        "evaluation_complete": form(
            "evaluation_complete", lambda: EvaluationCompleteForm(prefix="evaluation-complete")
        ),
        "close": form("close", lambda: CloseForm(prefix="close")),
        "reopen": form("reopen", lambda: ReopenForm(prefix="reopen")),
    }
    return {k: v for k, v in built.items() if v is not None}, goals


@dataclass(frozen=True)
class LazyForm:
    title: Promise  # the summary of its <details>, and the heading of the stand-alone page
    submit: Promise
    url_name: str  # the step view it posts to
    anchor: str  # the section of the case page it belongs to
    per_goal: bool = False
    body: str = "cases/dossier/_form.html"


LAZY_FORMS: dict[str, LazyForm] = {
    "conversation": LazyForm(
        _("Gesprek vastleggen"), _("Gesprek opslaan"), "cases:conversation_add", "vraagverheldering"
    ),
    "problems": LazyForm(
        _("Problemen vastleggen"),
        _("Problemen opslaan"),
        "cases:problems_set",
        "problemen",
        body="cases/dossier/_problems_form.html",
    ),
    "assessment": LazyForm(
        _("Inschatting vastleggen"),
        _("Inschatting opslaan"),
        "cases:assessment_add",
        "inschatting",
        body="cases/dossier/_assessment_form.html",
    ),
    "goal": LazyForm(_("Doel toevoegen"), _("Doel opslaan"), "cases:goal_add", "plan"),
    "plan_agree": LazyForm(
        _("Plan afspreken met het huishouden"), _("Plan afspreken"), "cases:plan_agree", "plan"
    ),
    "goal_status": LazyForm(
        _("Stand van het doel wijzigen"), _("Stand opslaan"), "cases:goal_status", "plan", per_goal=True
    ),
    "action": LazyForm(_("Actie toevoegen"), _("Actie opslaan"), "cases:action_add", "plan", per_goal=True),
    "contact": LazyForm(_("Contact vastleggen"), _("Contact opslaan"), "cases:contact_add", "tijdlijn"),
    "note": LazyForm(_("Notitie schrijven"), _("Notitie opslaan"), "cases:note_add", "tijdlijn"),
    "task": LazyForm(_("Taak toevoegen"), _("Taak opslaan"), "cases:task_add", "taken"),
    "evaluation_start": LazyForm(
        _("Evaluatie beginnen"), _("Evaluatie beginnen"), "cases:evaluation_start", "evaluatie"
    ),
    "close": LazyForm(_("Casus afsluiten"), _("Casus afsluiten"), "cases:case_close", "afsluiten"),
}


def _goal_id(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("doel", ""))
    except ValueError as exc:
        raise Http404 from exc


@never_cache
@require_GET
def case_form(request: HttpRequest, case_id: int, name: str) -> HttpResponse:
    """One step form of the case page: an htmx fragment, or a page of its own without JavaScript."""
    lazy = LAZY_FORMS.get(name)
    if lazy is None:
        raise Http404
    actor = cast("User", request.user)
    case = case_selectors.case_get_full(actor=actor, case_id=case_id)  # 404 without full access; audited
    d = dossier_selectors.dossier(actor=actor, case=case)
    forms, goals = build_forms(
        case=case,
        d=d,
        colleagues=lambda: dossier_extra.team_colleagues(actor=actor, team_id=case.team_id),
        bound={},
    )
    args: list[int] = [case.pk]
    goal = None
    if lazy.per_goal:
        goal_id = _goal_id(request)
        row = next((g for g in goals if g["goal"].pk == goal_id), None)
        if row is None:
            raise Http404
        goal = row["goal"]
        form = row["status_form"] if name == "goal_status" else row["action_form"]
        args.append(goal_id)
    else:
        form = forms[name]
    context = {
        "case": case,
        "form": form,
        "goal": goal,
        "lazy": lazy,
        "action": reverse(lazy.url_name, args=args),
        "submit": lazy.submit,
        "back": reverse("cases:case_detail", kwargs={"case_id": case.pk}) + f"#{lazy.anchor}",
    }
    template = (
        "cases/dossier/lazy_fragment.html"
        if request.headers.get("HX-Request")
        else "cases/dossier/form_page.html"
    )
    return render(request, template, context)

"""Caseload pages: my cases, the team's cases, the unassigned queue and assignment.

Reads go through the case selectors; list pages record once which cases (and so whose data) they showed.
Writes go through ``services.assignment``, which checks, validates and audits. A team that is not the
actor's own, a case the actor may not see, and every page for the policy officer give the ordinary 404,
never a 403. The casusoverleg pages are in ``meetings.py`` and share the helpers here (``_actor``,
``CaseRow``/``_row``, ``_audit_list``, ``_attempt``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.forms.caseload import (
    LEAD,
    AssignForm,
    PhaseFilterForm,
    PickupForm,
    TransferForm,
    TriageForm,
    UnassignForm,
)
from buurtteam.cases.models import Case, CaseAssignment, Urgency
from buurtteam.cases.rules import may_assign
from buurtteam.cases.selectors import assignment as assignment_selectors
from buurtteam.cases.selectors import caseload_extra as extra
from buurtteam.cases.selectors import cases as case_selectors
from buurtteam.cases.selectors.cases import Pickup
from buurtteam.cases.services import assignment as assignment_services
from buurtteam.cases.views import case_cells
from buurtteam.core.forms import add_service_errors
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from django.forms import BaseForm

    from buurtteam.cases.selectors.assignment import Suggestion
    from buurtteam.core.actor import Actor

PAGE_SIZE = 25
OVERDUE_SHOWN = 10  # the team page lists the longest-waiting overdue pickups; the alert gives the total
RESIDENT = "resident"


# --- Shared helpers -------------------------------------------------------------------------------
def _actor(request: HttpRequest) -> Actor:
    """The acting team member; the policy officer and users without an organisation get a 404."""
    user = request.user
    if (
        not user.is_authenticated
        or getattr(user, "organisation_id", None) is None
        or getattr(user, "role", None) == Role.POLICY_OFFICER
    ):
        raise Http404
    return cast("Actor", user)


def case_url(case_id: int) -> str | None:
    """The case page, when that page is installed; lists still work without it."""
    try:
        return reverse("cases:case_detail", kwargs={"case_id": case_id})
    except NoReverseMatch:
        return None


def _audit_list(
    actor: Actor, object_type: str, cases: Iterable[Case], *, team_id: int | None, **details: Any
) -> None:
    """One audit event per list page: which cases, and so whose data, the page showed."""
    shown = list({c.pk: c for c in cases}.values())  # a case in two sections is one read
    if not shown:
        return
    record(
        actor=actor,
        action=Action.READ,
        object_type=object_type,
        subject_type=RESIDENT,
        subject_team_id=team_id,
        details={
            "case_ids": [c.pk for c in shown],
            "client_ids": sorted({c.client_id for c in shown}),
            **details,
        },
    )


def _attempt(form: BaseForm, write: Callable[[], object]) -> bool:
    """Run a service call; a ValidationError lands on the form, a PermissionError is a 404."""
    try:
        write()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    except PermissionError as exc:
        raise Http404 from exc
    return True


def _page_number(request: HttpRequest) -> str:
    return request.GET.get("pagina", "1")


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


@dataclass
class CaseRow:
    """A case as one line of a list: the summary plus what the list shows about it."""

    case: Case
    url: str | None
    lead: CaseAssignment | None
    co_workers: list[CaseAssignment]
    pickup: Pickup | None
    my_role: str = ""
    tasks: extra.OpenTasks | None = None
    badges: list[tuple[str, str]] = field(default_factory=list)

    # The row's cells as HTML (``case_cells``), for the list templates.
    @property
    def link_html(self) -> SafeString:
        return case_cells.case_link(self.case, self.url)

    @property
    def pickup_html(self) -> SafeString:
        return case_cells.pickup(self.pickup)

    @property
    def workers_html(self) -> SafeString:
        return case_cells.workers(self.lead, self.co_workers)

    @property
    def badges_html(self) -> SafeString:
        return case_cells.badges(self.badges)


def _row(actor: Actor, case: Case, *, target: int, today: datetime.date) -> CaseRow:
    active: list[CaseAssignment] = list(getattr(case, "active_assignments", []))
    lead = next((a for a in active if a.is_lead), None)
    mine = next((a for a in active if a.user_id == actor.pk), None)
    my_role = "" if mine is None else (_("Regisseur") if mine.is_lead else _("Medewerker"))
    badges: list[tuple[str, str]] = []
    if case.safety_concern:
        badges.append((_("Zorgen over veiligheid"), "danger"))
    if case.crisis or case.urgency == Urgency.CRISIS:
        badges.append((_("Crisis"), "danger"))
    elif case.urgency == Urgency.URGENT:
        badges.append((_("Met spoed"), "warning"))
    return CaseRow(
        case=case,
        url=case_url(case.pk),
        lead=lead,
        co_workers=[a for a in active if not a.is_lead],
        pickup=case_selectors.pickup(case, target_days=target, today=today),
        my_role=my_role,
        badges=badges,
    )


# --- My cases -------------------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET"])
def my_cases(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    target = case_selectors.pickup_target(actor)
    today = timezone.localdate()
    cases = case_selectors.my_cases(actor=actor).order_by("-crisis", "-registered_at", "-pk")
    page = Paginator(cases, PAGE_SIZE).get_page(_page_number(request))
    rows = [_row(actor, c, target=target, today=today) for c in page]
    tasks = extra.open_tasks_per_case(actor=actor, case_ids=[r.case.pk for r in rows])
    for row in rows:
        row.tasks = tasks.get(row.case.pk)
    _audit_list(actor, "my_case_list", page, team_id=actor.primary_team_id, page=page.number)
    return render(
        request,
        "cases/caseload/my_cases.html",
        {"rows": rows, "page": page, "today": today, "query": _query_without_page(request)},
    )


# --- The team's cases -----------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET"])
def team_cases(request: HttpRequest, team_id: int) -> HttpResponse:
    actor = _actor(request)
    team = extra.member_team_get(actor=actor, team_id=team_id)
    counts = extra.team_phase_counts(actor=actor, team_id=team.pk)
    form = PhaseFilterForm(request.GET or None, counts=counts)
    status = str(form.cleaned_data.get("fase") or "") if form.is_bound and form.is_valid() else ""
    target = case_selectors.pickup_target(actor)
    today = timezone.localdate()
    cases = case_selectors.team_cases(actor=actor, team_id=team.pk, status=status).order_by(
        "-crisis", "-registered_at", "-pk"
    )
    paginator = Paginator(cases, PAGE_SIZE)
    # The phase counts are of the same rows (the team's open cases the actor sees): no second count.
    paginator.__dict__["count"] = counts.get(status, 0) if status else sum(counts.values())
    page = paginator.get_page(_page_number(request))
    rows = [_row(actor, c, target=target, today=today) for c in page]
    overdue_all = case_selectors.overdue_pickups(actor=actor, team_id=team.pk, target=target)
    overdue_cases = overdue_all[:OVERDUE_SHOWN]
    overdue = [_row(actor, c, target=target, today=today) for c in overdue_cases]
    _audit_list(
        actor,
        "team_case_list",
        [*page, *overdue_cases],
        team_id=team.pk,
        status=status,
        page=page.number,
    )
    return render(
        request,
        "cases/caseload/team_cases.html",
        {
            "team": team,
            "form": form,
            "status": status,
            "rows": rows,
            "page": page,
            "overdue": overdue,
            "overdue_total": len(overdue_all),
            "target": target,
            "unassigned": extra.unassigned_count(actor=actor, team_id=team.pk),
            "query": _query_without_page(request),
        },
    )


# --- The unassigned queue -------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "POST"])
def unassigned_queue(request: HttpRequest, team_id: int) -> HttpResponse:
    actor = _actor(request)
    team = extra.member_team_get(actor=actor, team_id=team_id)
    errors: list[str] = []
    if request.method == "POST":
        form = PickupForm(request.POST)
        if not form.is_valid():
            errors.append(_("Kies een casus uit de wachtrij."))
        else:
            case = case_selectors.case_get(actor=actor, case_id=form.cleaned_data["case_id"])
            if case.team_id != team.pk:
                raise Http404
            if getattr(case, "active_assignments", []):
                errors.append(_("Deze casus is intussen al door een collega opgepakt."))
            elif _attempt(
                form,
                lambda: assignment_services.case_assign(
                    actor=actor,
                    case=case,
                    user_id=actor.pk,
                    as_lead=True,
                    reason=_("Opgepakt uit de wachtrij."),
                ),
            ):
                messages.success(
                    request, _("U bent nu regisseur van casus %(ref)s.") % {"ref": case.reference}
                )
                return redirect("cases:unassigned_queue", team_id=team.pk)
            else:
                errors.extend(str(e) for e in form.non_field_errors())
                errors.extend(str(e) for name in form.fields for e in form.errors.get(name, []))
    target = case_selectors.pickup_target(actor)
    today = timezone.localdate()
    page = Paginator(case_selectors.unassigned_queue(actor=actor, team_id=team.pk), PAGE_SIZE).get_page(
        _page_number(request)
    )
    rows = [_row(actor, c, target=target, today=today) for c in page]
    _audit_list(actor, "unassigned_queue", page, team_id=team.pk, page=page.number)
    return render(
        request,
        "cases/caseload/queue.html",
        {
            "team": team,
            "rows": rows,
            "page": page,
            "errors": errors,
            "query": _query_without_page(request),
        },
        status=400 if errors else 200,
    )


# --- Assignment -----------------------------------------------------------------------------------
def explain(suggestion: Suggestion) -> str:
    """Why the suggestion proposes this colleague, in one sentence."""
    if suggestion.matched:
        fit = _("Discipline past bij: %(domains)s (+%(points)d)") % {
            "domains": ", ".join(suggestion.matched),
            "points": assignment_selectors.MATCH_POINTS * len(suggestion.matched),
        }
    else:
        fit = _("Geen discipline die past bij de leefgebieden van deze casus (+0)")
    load = ngettext(
        "gewogen caseload %(load)d uit %(n)d open casus (-%(penalty)d)",
        "gewogen caseload %(load)d uit %(n)d open casussen (-%(penalty)d)",
        suggestion.open_cases,
    ) % {
        "load": suggestion.load,
        "n": suggestion.open_cases,
        "penalty": assignment_selectors.LOAD_PENALTY * suggestion.load,
    }
    return f"{fit}; {load}"


@never_cache
@require_http_methods(["GET", "POST"])
def case_assign(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = _actor(request)
    case = case_selectors.case_get(actor=actor, case_id=case_id)
    active: list[CaseAssignment] = list(getattr(case, "active_assignments", []))
    lead = next((a for a in active if a.is_lead), None)
    allowed = case.is_open and may_assign(actor, case, lead_user_id=lead.user_id if lead else None)
    members = extra.assignable_members(actor=actor, team_id=case.team_id)
    action = request.POST.get("actie", "") if request.method == "POST" else ""
    assign_form = AssignForm(
        request.POST if action == "assign" else None, members=members, prefix="toevoegen"
    )
    transfer_form = TransferForm(
        request.POST if action == "transfer" else None,
        members=[m for m in members if lead is None or m.pk != lead.user_id],
        prefix="overdragen",
    )
    triage_form = TriageForm(
        request.POST if action == "triage" else None,
        prefix="weging",
        initial={name: getattr(case, name) for name in assignment_services.TRIAGE_FIELDS},
    )
    errors: list[str] = []
    if request.method == "POST":
        done = False
        if action == "triage":
            if triage_form.is_valid():
                data = triage_form.cleaned_data
                done = _attempt(
                    triage_form, lambda: assignment_services.case_triage(actor=actor, case=case, **data)
                )
        elif action == "assign":
            if assign_form.is_valid():
                data = assign_form.cleaned_data
                done = _attempt(
                    assign_form,
                    lambda: assignment_services.case_assign(
                        actor=actor,
                        case=case,
                        user_id=data["user"],
                        as_lead=data["role"] == LEAD,
                        reason=data["reason"],
                    ),
                )
        elif action == "transfer":
            if transfer_form.is_valid():
                data = transfer_form.cleaned_data
                done = _attempt(
                    transfer_form,
                    lambda: assignment_services.case_transfer(
                        actor=actor, case=case, to_user_id=data["user"], reason=data["reason"]
                    ),
                )
        elif action == "unassign":
            unassign_form = UnassignForm(request.POST, prefix="afmelden")
            if unassign_form.is_valid():
                user_id = unassign_form.cleaned_data["user"]
                done = _attempt(
                    unassign_form,
                    lambda: assignment_services.case_unassign(actor=actor, case=case, user_id=user_id),
                )
            errors.extend(str(e) for errors_ in unassign_form.errors.values() for e in errors_)
            if not done and not errors:
                errors.append(_("Kies een collega die aan de casus werkt."))
        else:
            errors.append(_("Er is niets gekozen om te doen. Probeer het opnieuw."))
        if done:
            messages.success(request, _("De toewijzing is opgeslagen."))
            return redirect("cases:case_assign", case_id=case.pk)
    suggestions = assignment_selectors.assignment_suggestions(actor=actor, case=case) if allowed else []
    return render(
        request,
        "cases/caseload/assign.html",
        {
            "case": case,
            "case_url": case_url(case.pk),
            "lead": lead,
            "co_workers": [a for a in active if not a.is_lead],
            "allowed": allowed,
            "suggestions": [(s, explain(s)) for s in suggestions],
            "assign_form": assign_form,
            "transfer_form": transfer_form,
            "triage_form": triage_form,
            "errors": errors,
            "actor_id": actor.pk,
            "working_ids": {a.user_id for a in active},
        },
        status=400 if request.method == "POST" else 200,
    )

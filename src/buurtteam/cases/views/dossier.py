"""The case page (dossier): the whole dossier or the summary, and the mechanics every step view shares.

Reading: a worker on the case, the team's coordinator or someone who broke the glass sees the whole
dossier (``case_get_full``, audited); another member of the team sees a summary (``case_get``, audited);
anyone else gets a 404. Writing: every step form posts to its own URL (the views are in
``dossier_steps.py``), which looks the case up at full level (``_full``: 404 otherwise), calls the service,
and either redirects back to the right section with a message or shows the case page again with the Dutch
error on the form (``_step``: status 400; the service changed nothing).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import dateformat, timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from buurtteam.cases import charts, extensions
from buurtteam.cases.forms.dossier import SCORE_LEVELS
from buurtteam.cases.forms.dossier_plan import ReopenForm, TimelineFilterForm
from buurtteam.cases.models import ContactMode, Status, TimelineEntry
from buurtteam.cases.rules import PLAN_STATUSES
from buurtteam.cases.selectors import cases as case_selectors
from buurtteam.cases.selectors import dossier as dossier_selectors
from buurtteam.cases.selectors import dossier_extra
from buurtteam.cases.selectors import residents as resident_selectors
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


def _timeline_rows(entries: Iterable[TimelineEntry]) -> list[dict[str, Any]]:
    """The timeline's lines with their labels and times ready: formatted once per request (a date once per
    day, a label once per kind) instead of by template filters on every line."""
    kinds = {str(value): str(label) for value, label in TimelineEntry.Kind.choices}
    modes = {str(value): str(label) for value, label in ContactMode.choices}
    days: dict[datetime.date, str] = {}
    rows = []
    for entry in entries:
        local = timezone.localtime(entry.occurred_at)
        author = cast("User | None", entry.author)
        day = days.get(local.date())
        if day is None:
            day = days[local.date()] = dateformat.format(local, "j F Y")
        rows.append(
            {
                "entry": entry,
                "iso": local.isoformat(),
                "when": f"{day}, {local:%H:%M}",
                "kind": kinds.get(entry.kind, entry.kind),
                "mode": modes.get(entry.contact_mode, entry.contact_mode) if entry.contact_mode else "",
                "author": author.full_name if author is not None else "",
            }
        )
    return rows


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
    # The authors came joined with the rows (staff of the case's organisation).
    rows: list[Any] = [*d.conversations, *d.assessments, *d.evaluations]
    authors = cast("list[User | None]", [row.author for row in rows])
    names = {user.pk: user.full_name for user in authors if user is not None}

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
        "timeline_rows": _timeline_rows(page),
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


# --- Shared by the step views (dossier_steps.py) --------------------------------------------------
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

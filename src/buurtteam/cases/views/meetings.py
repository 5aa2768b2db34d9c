"""The casusoverleg (case meeting) pages: the team's meetings, the agenda with a decision per case, adding a
case to the agenda, and closing the meeting.

Reads go through ``selectors.meetings`` and ``selectors.caseload_extra``; the agenda page records once which
cases it showed. Writes go through ``services.meetings``, which checks, validates and audits. A team that is
not the actor's own, a meeting the actor may not see, and every page for the policy officer give the
ordinary 404, never a 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from buurtteam.cases.forms.caseload import AddCaseForm, DecisionForm, MeetingCreateForm
from buurtteam.cases.models import CaseMeeting, MeetingItem
from buurtteam.cases.selectors import caseload_extra as extra
from buurtteam.cases.selectors import cases as case_selectors
from buurtteam.cases.selectors import meetings as meeting_selectors
from buurtteam.cases.services import meetings as meeting_services
from buurtteam.cases.views.caseload import CaseRow, _actor, _attempt, _audit_list, _row

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

REASON_BADGES: dict[str, str] = {
    MeetingItem.Reason.SAFETY: "danger",
    MeetingItem.Reason.OVERDUE: "warning",
    MeetingItem.Reason.STUCK: "warning",
    MeetingItem.Reason.NEW: "neutral",
    MeetingItem.Reason.REQUESTED: "neutral",
}


@never_cache
@require_http_methods(["GET", "POST"])
def meeting_list(request: HttpRequest, team_id: int) -> HttpResponse:
    actor = _actor(request)
    team = extra.member_team_get(actor=actor, team_id=team_id)
    form = MeetingCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        created: list[CaseMeeting] = []
        if _attempt(
            form,
            lambda: created.append(
                meeting_services.meeting_create(actor=actor, team=team, held_on=form.cleaned_data["held_on"])
            ),
        ):
            messages.success(request, _("Het casusoverleg is gepland en de agenda is gevuld."))
            return redirect("cases:meeting_detail", meeting_id=created[0].pk)
    return render(
        request,
        "cases/meetings/list.html",
        {"team": team, "form": form, "meetings": extra.meeting_overview(actor=actor, team_id=team.pk)},
        status=400 if form.errors else 200,
    )


@dataclass
class AgendaRow:
    item: MeetingItem
    row: CaseRow
    reasons: list[tuple[str, str]]
    form: DecisionForm


def _meeting_page(
    request: HttpRequest,
    actor: Actor,
    meeting: CaseMeeting,
    *,
    decision_form: DecisionForm | None = None,
    decision_item_id: int | None = None,
    add_form: AddCaseForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    items = extra.meeting_items_with_summary(actor=actor, meeting=meeting)
    target = case_selectors.pickup_target(actor)
    today = timezone.localdate()
    agenda: list[AgendaRow] = []
    for item in items:
        form = (
            decision_form
            if decision_form is not None and item.pk == decision_item_id
            else DecisionForm(initial={"decision": item.decision}, prefix=f"punt-{item.pk}")
        )
        reasons = [
            (str(MeetingItem.Reason(r).label), REASON_BADGES.get(r, "neutral"))
            for r in item.reasons
            if r in MeetingItem.Reason.values
        ]
        row = _row(actor, item.case, target=target, today=today)
        shown = {label for label, _kind in reasons}
        row.badges = [badge for badge in row.badges if badge[0] not in shown]  # no double badges
        agenda.append(AgendaRow(item, row, reasons, form))
    _audit_list(
        actor,
        "case_meeting",
        [i.case for i in items],
        team_id=meeting.team_id,
        meeting_id=meeting.pk,
    )
    return render(
        request,
        "cases/meetings/detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "is_open": meeting.closed_at is None,
            "decided": sum(1 for i in items if i.decided_at is not None),
            "add_form": add_form or AddCaseForm(),
            "errors": errors or [],
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET"])
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = _actor(request)
    meeting = meeting_selectors.meeting_get(actor=actor, meeting_id=meeting_id)
    return _meeting_page(request, actor, meeting)


def _meeting_url(meeting_id: int, anchor: str = "") -> str:
    url = reverse("cases:meeting_detail", kwargs={"meeting_id": meeting_id})
    return f"{url}#{anchor}" if anchor else url


@never_cache
@require_POST
def meeting_decide(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    actor = _actor(request)
    meeting = meeting_selectors.meeting_get(actor=actor, meeting_id=meeting_id)
    item = extra.meeting_item_get(actor=actor, meeting=meeting, item_id=item_id)
    form = DecisionForm(request.POST, prefix=f"punt-{item.pk}")
    if form.is_valid() and _attempt(
        form,
        lambda: meeting_services.meeting_decide(
            actor=actor, item=item, decision=form.cleaned_data["decision"]
        ),
    ):
        messages.success(
            request, _("Het besluit over casus %(ref)s is vastgelegd.") % {"ref": item.case.reference}
        )
        return redirect(_meeting_url(meeting.pk, f"punt-{item.pk}"))
    return _meeting_page(request, actor, meeting, decision_form=form, decision_item_id=item.pk, status=400)


@never_cache
@require_POST
def meeting_add_case(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = _actor(request)
    meeting = meeting_selectors.meeting_get(actor=actor, meeting_id=meeting_id)
    form = AddCaseForm(request.POST)
    valid = form.is_valid()
    if meeting.closed_at is not None:
        form.add_error(None, _("Dit overleg is afgesloten; er kunnen geen casussen meer op de agenda."))
    elif valid:
        case = extra.open_case_by_reference(
            actor=actor, team_id=meeting.team_id, reference=form.cleaned_data["case"]
        )
        if case is None:
            form.add_error("case", _("Er is geen open casus van dit team met dit kenmerk."))
        elif _attempt(
            form, lambda: meeting_services.meeting_add_case(actor=actor, meeting=meeting, case_id=case.pk)
        ):
            messages.success(request, _("Casus %(ref)s staat nu op de agenda.") % {"ref": case.reference})
            return redirect(_meeting_url(meeting.pk))
    return _meeting_page(request, actor, meeting, add_form=form, status=400)


@never_cache
@require_POST
def meeting_close(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = _actor(request)
    meeting = meeting_selectors.meeting_get(actor=actor, meeting_id=meeting_id)
    try:
        meeting_services.meeting_close(actor=actor, meeting=meeting)
    except ValidationError as exc:
        return _meeting_page(request, actor, meeting, errors=list(exc.messages), status=400)
    except PermissionError as exc:
        raise Http404 from exc
    messages.success(request, _("Het casusoverleg is afgesloten."))
    return redirect(_meeting_url(meeting.pk))

"""Group pages: the list, a group with its sessions and participants, and the forms that change them.

For the members of the group's team and its leaders; anyone else gets 404. A policy officer gets the
counts per group instead of the list (no names). A refused post shows its form again (400, nothing saved).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtteam.cases.selectors.residents import resident_search
from buurtteam.community.forms.groups import (
    GroupForm,
    LeaveForm,
    ParticipantNameForm,
    ParticipantResidentForm,
    ResidentSearchForm,
    SessionForm,
)
from buurtteam.community.models import Group
from buurtteam.community.selectors import aggregates, places
from buurtteam.community.selectors import groups as selectors
from buurtteam.community.services import groups as services
from buurtteam.community.views.common import actor_of, person_worker, run
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


def group_url(group_id: int, anchor: str = "") -> str:
    url = reverse("community:group_detail", kwargs={"group_id": group_id})
    return f"{url}#{anchor}" if anchor else url


@never_cache
@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if actor.role == Role.POLICY_OFFICER:
        return render(
            request,
            "community/groups/counts.html",
            {"counts": aggregates.group_counts(actor=actor), "small_cell": aggregates.SMALL_CELL},
        )
    actor = person_worker(request)
    show_all = request.GET.get("ook") == "inactief"
    return render(
        request,
        "community/groups/list.html",
        {"groups": list(selectors.group_list(actor=actor, include_inactive=show_all)), "show_all": show_all},
    )


def _group_form(actor: Actor, *args: Any, group: Group | None = None, **kwargs: Any) -> GroupForm:
    return GroupForm(
        *args,
        teams=selectors.own_teams(actor=actor),
        locations=places.area_locations(actor=actor, include=group.location_id if group else None),
        services=places.area_services(actor=actor, include=group.service_id if group else None),
        leaders=selectors.leader_choices(actor=actor),
        **kwargs,
    )


def _form_page(request: HttpRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    return render(request, f"community/groups/{template}", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    actor = person_worker(request)
    if request.method == "POST":
        form = _group_form(actor, request.POST)
        made: list[Group] = []
        if run(
            form,
            lambda: made.append(
                services.group_create(
                    actor=actor, team_id=int(form.cleaned_data["team"]), **form.service_kwargs()
                )
            ),
        ):
            messages.success(request, _("De groep is aangemaakt."))
            return redirect(group_url(made[0].pk))
        return _form_page(request, "form.html", 400, form=form, group=None)
    initial = {"team": str(actor.primary_team_id or ""), "active": True, "leaders": [str(actor.pk)]}
    return _form_page(request, "form.html", form=_group_form(actor, initial=initial), group=None)


@never_cache
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, group_id: int) -> HttpResponse:
    actor = person_worker(request)
    group = selectors.group_get(actor=actor, group_id=group_id)
    if request.method == "POST":
        form = _group_form(actor, request.POST, group=group)
        # A group stays with its team; the team field is shown but not changed here.
        form.fields["team"].disabled = True
        form.initial["team"] = str(group.team_id)
        if run(
            form,
            lambda: services.group_update(
                actor=actor,
                group=group,
                active=bool(form.cleaned_data.get("active")),
                **form.service_kwargs(),
            ),
        ):
            messages.success(request, _("De groep is gewijzigd."))
            return redirect(group_url(group.pk))
        return _form_page(request, "form.html", 400, form=form, group=group)
    form = _group_form(actor, initial=GroupForm.initial_for(group), group=group)
    form.fields["team"].disabled = True
    return _form_page(request, "form.html", form=form, group=group)


@never_cache
@require_GET
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    actor = person_worker(request)
    page = selectors.group_page(actor=actor, group_id=group_id)
    return render(
        request,
        "community/groups/detail.html",
        {
            "page": page,
            "group": page.group,
            "leave_form": LeaveForm(initial={"left_on": timezone.localdate()}),
        },
    )


def _session_form(actor: Actor, group: Group, *args: Any, **kwargs: Any) -> SessionForm:
    return SessionForm(
        *args,
        participants=selectors.participants_on(actor=actor, group=group),
        locations=places.area_locations(actor=actor, include=group.location_id),
        **kwargs,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, group_id: int) -> HttpResponse:
    actor = person_worker(request)
    group = selectors.group_get(actor=actor, group_id=group_id)
    if request.method == "POST":
        form = _session_form(actor, group, request.POST)
        if run(form, lambda: services.session_add(actor=actor, group=group, **form.service_kwargs())):
            messages.success(request, _("De bijeenkomst is vastgelegd."))
            return redirect(group_url(group.pk, "bijeenkomsten"))
        return _form_page(request, "session_form.html", 400, form=form, group=group)
    initial = {"held_on": timezone.localdate(), "guests": 0, "location": str(group.location_id or "")}
    return _form_page(
        request, "session_form.html", form=_session_form(actor, group, initial=initial), group=group
    )


@never_cache
@require_GET
def session_detail(request: HttpRequest, group_id: int, session_id: int) -> HttpResponse:
    actor = person_worker(request)
    group = selectors.group_get(actor=actor, group_id=group_id)
    session = selectors.session_get(actor=actor, group=group, session_id=session_id)
    attendees = selectors.session_attendees(actor=actor, session=session)
    return render(
        request, "community/groups/session.html", {"group": group, "session": session, "attendees": attendees}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def participant_create(request: HttpRequest, group_id: int) -> HttpResponse:
    """Add a resident (found with the search) or someone who is not a client (a name only)."""
    actor = person_worker(request)
    group = selectors.group_get(actor=actor, group_id=group_id)
    search = ResidentSearchForm(request.GET or None)
    today = {"joined_on": timezone.localdate()}
    resident_form = ParticipantResidentForm(prefix="inwoner", initial=today)
    name_form = ParticipantNameForm(prefix="naam", initial=today)
    status = 200
    if request.method == "POST":
        if "inwoner-resident" in request.POST:
            resident_form = ParticipantResidentForm(request.POST, prefix="inwoner")
            form: Any = resident_form
            call = lambda: services.participant_add(  # noqa: E731
                actor=actor,
                group=group,
                resident_id=resident_form.cleaned_data["resident"],
                joined_on=resident_form.cleaned_data["joined_on"],
            )
        else:
            name_form = ParticipantNameForm(request.POST, prefix="naam")
            form = name_form
            call = lambda: services.participant_add(  # noqa: E731
                actor=actor,
                group=group,
                name=name_form.cleaned_data["name"],
                joined_on=name_form.cleaned_data["joined_on"],
            )
        if run(form, call):
            messages.success(request, _("De deelnemer is toegevoegd."))
            return redirect(group_url(group.pk, "deelnemers"))
        status = 400
    found = None
    if search.is_bound and search.is_valid() and search.cleaned_data.get("q"):
        found = resident_search(actor=actor, query=search.cleaned_data["q"])[:20]
    return _form_page(
        request,
        "participant_form.html",
        status,
        group=group,
        search=search,
        found=found,
        resident_form=resident_form,
        name_form=name_form,
    )


@require_POST
def participant_leave(request: HttpRequest, group_id: int, participant_id: int) -> HttpResponse:
    actor = person_worker(request)
    group = selectors.group_get(actor=actor, group_id=group_id)
    participant = selectors.participant_get(actor=actor, group=group, participant_id=participant_id)
    form = LeaveForm(request.POST)
    if run(
        form, lambda: services.participant_leave(actor=actor, participant=participant, **form.cleaned_data)
    ):
        messages.success(request, _("%(n)s doet niet meer mee.") % {"n": participant.display_name})
        return redirect(group_url(group.pk, "deelnemers"))
    page = selectors.group_page(actor=actor, group_id=group.pk)
    return render(
        request,
        "community/groups/detail.html",
        {"page": page, "group": page.group, "leave_form": form, "leave_for": participant.pk},
        status=400,
    )

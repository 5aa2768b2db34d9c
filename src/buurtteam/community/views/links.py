"""Toeleiding pages: find an activity for a plan action, link it, record the follow-up; counts per activity.

The case pages need full access to the case (``case_get_full``: audited; 404 otherwise). A refused post
shows its form again with the Dutch message (status 400) and changes nothing.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from buurtteam.cases.models import Status
from buurtteam.cases.selectors import cases as case_selectors
from buurtteam.cases.selectors import dossier_extra
from buurtteam.community.forms.common import choice_field, date_field, set_choices
from buurtteam.community.forms.links import ActivitySearchForm, FollowUpForm, LinkForm
from buurtteam.community.models import ServiceLink
from buurtteam.community.selectors import aggregates
from buurtteam.community.selectors import links as selectors
from buurtteam.community.services import links as services
from buurtteam.community.views.common import actor_of, run
from buurtteam.core.forms import StyledForm
from buurtteam.organisation.models import Team
from buurtteam.socialmap.selectors import service_get, service_search, term_choices

if TYPE_CHECKING:
    from buurtteam.cases.models import Case, PlanAction
    from buurtteam.core.actor import Actor

SECTION_ANCHOR = "toeleiding"
RESULTS = 20


def case_url(case_id: int, anchor: str = SECTION_ANCHOR) -> str:
    return reverse("cases:case_detail", kwargs={"case_id": case_id}) + f"#{anchor}"


def _action_context(actor: Actor, case: Case, action: PlanAction) -> dict[str, Any]:
    links = [link for link in selectors.case_links(actor=actor, case=case) if link.action_id == action.pk]
    return {"case": case, "action": action, "action_links": links, "back_url": case_url(case.pk)}


# --- Activiteit zoeken -----------------------------------------------------------------------------------
@never_cache
@require_GET
def action_search(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    """Search the sociale kaart for a plan action, from the resident's address and the goal's domain."""
    actor = actor_of(request)
    case = case_selectors.case_get_full(actor=actor, case_id=case_id)
    action = selectors.action_in_case(actor=actor, case=case, action_id=action_id)
    start = selectors.search_start(actor=actor, case=case, action=action)
    terms = term_choices(actor=actor, purpose=selectors.LIFE_DOMAINS)
    submitted = any(key in request.GET for key in ("q", "term", "max_km", "free_only"))
    if submitted:
        form = ActivitySearchForm(request.GET, terms=terms)
    else:
        initial = {"term": str(start.term_id) if start.term_id else "", "max_km": "5" if start.near else ""}
        form = ActivitySearchForm(initial | {"q": ""}, terms=terms)
    result = None
    status = 200
    no_address = False
    if form.is_valid():
        kwargs = form.search_kwargs()
        if kwargs["max_km"] is not None and start.near is None:
            kwargs["max_km"] = None
            no_address = True
        result = service_search(actor=actor, near=start.near, limit=RESULTS, **kwargs)
    else:
        status = 400
    return render(
        request,
        "community/links/search.html",
        {
            **_action_context(actor, case, action),
            "form": form,
            "start": start,
            "result": result,
            "no_address": no_address,
            "is_open": case.status != Status.CLOSED,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def link_create(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    """Confirm the chosen activity (with an optional note) and record the link and its follow-up task."""
    actor = actor_of(request)
    if request.method == "POST":
        case = dossier_extra.case_for_write(actor=actor, case_id=case_id)
        action = selectors.action_in_case(actor=actor, case=case, action_id=action_id)
        form = LinkForm(request.POST)
        made: list[ServiceLink] = []
        if run(
            form,
            lambda: made.append(
                services.link_create(
                    actor=actor,
                    case=case,
                    action_id=action.pk,
                    service_id=form.cleaned_data["service"],
                    note=form.cleaned_data.get("note", ""),
                )
            ),
        ):
            messages.success(
                request,
                _(
                    "%(s)s is gekoppeld aan de actie. Over twee weken staat er een taak om na te gaan "
                    "hoe het ging."
                )
                % {"s": made[0].service_name},
            )
            return redirect(case_url(case.pk))
        status = 400
        service_id = form.cleaned_data.get("service") if hasattr(form, "cleaned_data") else None
    else:
        status = 200
        service_id = _parse_id(request.GET.get("service"))
        if service_id is None:
            raise Http404
        form = LinkForm(initial={"service": service_id})
    case = case_selectors.case_get_full(actor=actor, case_id=case_id)
    action = selectors.action_in_case(actor=actor, case=case, action_id=action_id)
    service = None
    if service_id is not None:
        try:
            service = service_get(actor=actor, service_id=service_id)
        except Http404:
            if request.method == "GET":
                raise
    return render(
        request,
        "community/links/confirm.html",
        {**_action_context(actor, case, action), "form": form, "service": service},
        status=status,
    )


def _parse_id(value: str | None) -> int | None:
    if value is None or not value.isdigit() or len(value) > 12:
        return None
    return int(value)


# --- One link: details and the follow-up -----------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "POST"])
def link_detail(request: HttpRequest, case_id: int, link_id: int) -> HttpResponse:
    actor = actor_of(request)
    if request.method == "POST":
        case = dossier_extra.case_for_write(actor=actor, case_id=case_id)
        link = selectors.link_for_write(actor=actor, case=case, link_id=link_id)
        form = FollowUpForm(request.POST, current=link.status)
        if run(form, lambda: services.link_follow_up(actor=actor, link=link, **form.service_kwargs())):
            messages.success(request, _("De terugkoppeling is vastgelegd."))
            return redirect(case_url(case.pk))
        status = 400
    else:
        status = 200
    case = case_selectors.case_get_full(actor=actor, case_id=case_id)
    link = selectors.link_get(actor=actor, link_id=link_id)
    if link.case_id != case.pk:
        raise Http404
    if request.method == "GET":
        form = FollowUpForm(current=link.status)
    return render(
        request,
        "community/links/detail.html",
        {
            "case": case,
            "link": link,
            "form": form,
            "back_url": case_url(case.pk),
            "may_follow_up": link.is_open and case.status != Status.CLOSED,
        },
        status=status,
    )


# --- Counts per activity (no persons) --------------------------------------------------------------------
class CountsForm(StyledForm):
    team = choice_field(gettext_lazy("Team"), required=False)
    start = date_field(gettext_lazy("Gekoppeld vanaf"), required=False)
    end = date_field(gettext_lazy("Tot en met"), required=False)

    def __init__(self, *args: Any, teams: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "team", [("", _("Alle teams")), *((str(pk), name) for pk, name in teams)])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("De einddatum ligt vóór de begindatum."))
        return data


@never_cache
@require_GET
def link_counts(request: HttpRequest) -> HttpResponse:
    """How often residents were linked to each activity, went and stopped: counts only, every staff role."""
    actor = actor_of(request)
    if actor.organisation_id is None:
        raise Http404
    teams = list(Team.objects.visible_to(actor).order_by("name").values_list("pk", "name"))
    form = CountsForm(request.GET or None, teams=teams)
    status = 200
    team_id: int | None = None
    period: tuple[datetime.date, datetime.date] | None = None
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        team_id = int(form.cleaned_data["team"]) if form.cleaned_data.get("team") else None
        start, end = form.cleaned_data.get("start"), form.cleaned_data.get("end")
        if start or end:
            period = (start or datetime.date(2000, 1, 1), end or timezone.localdate())
    counts = aggregates.link_counts(actor=actor, team_id=team_id, period=period) if status == 200 else []
    return render(
        request,
        "community/links/counts.html",
        {"form": form, "counts": counts, "small_cell": aggregates.SMALL_CELL},
        status=status,
    )

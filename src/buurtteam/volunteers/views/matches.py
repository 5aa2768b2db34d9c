"""The match page (who, for which request, why they were suggested) and one POST view per step:
introduce, start, end with an evaluation, decline. A refused step shows the page again with the Dutch
message on its form (status 400); nothing was changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from buurtteam.volunteers import selectors
from buurtteam.volunteers.forms import DeclineForm, EndForm, IntroduceForm, StartForm
from buurtteam.volunteers.models import Match, MatchStatus
from buurtteam.volunteers.rules import TRANSITIONS
from buurtteam.volunteers.services import matches as services
from buurtteam.volunteers.views.common import crumbs, databank_actor, go, requests_crumb, try_service

STEP_FORMS: dict[str, tuple[str, Callable[..., Any]]] = {
    MatchStatus.INTRODUCED: ("kennismaking", IntroduceForm),
    MatchStatus.ACTIVE: ("start", StartForm),
    MatchStatus.ENDED: ("einde", EndForm),
    MatchStatus.DECLINED: ("afwijzen", DeclineForm),
}


def _url(match: Match) -> str:
    return reverse("volunteers:match_detail", kwargs={"match_id": match.pk})


def _page(
    request: HttpRequest, match_id: int, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    actor = databank_actor(request)
    match, case_ref = selectors.match_get(actor=actor, match_id=match_id)
    bound = bound or {}
    today = timezone.localdate()
    allowed = TRANSITIONS.get(match.status, frozenset()) | set(bound)
    initial = {"introduced_on": today, "started_on": today, "ended_on": today}
    forms = {
        step: bound.get(step) or make(prefix=prefix, initial=initial)
        for step, (prefix, make) in STEP_FORMS.items()
        if step in allowed
    }
    request_url = reverse("volunteers:request_detail", kwargs={"help_request_id": match.request_id})
    return render(
        request,
        "volunteers/match_detail.html",
        {
            "match": match,
            "case_ref": case_ref,
            "forms": forms,
            "failed": next(iter(bound), ""),
            "crumbs": crumbs(
                requests_crumb(),
                (match.request.title, request_url),
                (_("Match met %(name)s") % {"name": match.volunteer.full_name}, _url(match)),
            ),
        },
        status=status,
    )


@never_cache
@require_GET
def match_detail(request: HttpRequest, match_id: int) -> HttpResponse:
    return _page(request, match_id)


def _step(
    request: HttpRequest, match_id: int, target: str, run: Callable[[Any, Match, Any], Any], done: str
) -> HttpResponse:
    actor = databank_actor(request)
    match = selectors.match_for_write(actor=actor, match_id=match_id)
    prefix, make = STEP_FORMS[target]
    form = make(request.POST, prefix=prefix)
    if form.is_valid() and try_service(request, form, lambda: run(actor, match, form.cleaned_data), done):
        return go(_url(match))
    return _page(request, match_id, bound={target: form}, status=400)


@require_POST
def match_introduce(request: HttpRequest, match_id: int) -> HttpResponse:
    return _step(
        request,
        match_id,
        MatchStatus.INTRODUCED,
        lambda actor, match, data: services.match_introduce(
            actor=actor, match=match, introduced_on=data["introduced_on"]
        ),
        _("De kennismaking is vastgelegd."),
    )


@require_POST
def match_start(request: HttpRequest, match_id: int) -> HttpResponse:
    return _step(
        request,
        match_id,
        MatchStatus.ACTIVE,
        lambda actor, match, data: services.match_start(
            actor=actor, match=match, started_on=data["started_on"]
        ),
        _("De match loopt."),
    )


@require_POST
def match_end(request: HttpRequest, match_id: int) -> HttpResponse:
    return _step(
        request,
        match_id,
        MatchStatus.ENDED,
        lambda actor, match, data: services.match_end(actor=actor, match=match, **data),
        _("De match is beëindigd en geëvalueerd."),
    )


@require_POST
def match_decline(request: HttpRequest, match_id: int) -> HttpResponse:
    return _step(
        request,
        match_id,
        MatchStatus.DECLINED,
        lambda actor, match, data: services.match_decline(actor=actor, match=match, reason=data["reason"]),
        _("Het voorstel is afgewezen; de hulpvraag staat weer open."),
    )

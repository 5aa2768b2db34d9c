"""The request pages: the list (open first), a new request (general, or from a case), the request page with
the ranked suggestions and why each was suggested, change, close and reopen, and proposing a volunteer.

Whether a request came from a case, and whose, is shown only to those who see that case (``case_ref``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtteam.cases.selectors.cases import case_get_full
from buurtteam.volunteers import choices, selectors
from buurtteam.volunteers.forms import CloseForm, HelpRequestForm, ProposeForm, RequestFilterForm
from buurtteam.volunteers.matching import WEIGHTS, rank_volunteers
from buurtteam.volunteers.models import HelpRequest, RequestStatus
from buurtteam.volunteers.services import matches as match_services
from buurtteam.volunteers.services import requests as services
from buurtteam.volunteers.views.common import crumbs, databank_actor, go, requests_crumb, try_service

SUGGESTIONS = 10


def _url(obj: HelpRequest) -> str:
    return reverse("volunteers:request_detail", kwargs={"help_request_id": obj.pk})


def _form(request: HttpRequest, actor: Any, **kwargs: Any) -> HelpRequestForm:
    options = selectors.request_form_choices(actor=actor)
    return HelpRequestForm(request.POST if request.method == "POST" else None, **options, **kwargs)


def describe(obj: HelpRequest) -> dict[str, Any]:
    return {
        "interests": choices.interest_labels(obj.interests),
        "languages": choices.language_labels(obj.languages),
        "slots": choices.labels_from_mask(obj.availability),
    }


# --- The list -------------------------------------------------------------------------------------------
@never_cache
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    actor = databank_actor(request)
    form = RequestFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {"q": "", "status": "", "soort": ""}
    page, refs = selectors.request_page(
        actor=actor,
        status=data["status"],
        kind=data["soort"],
        query=data["q"].strip(),
        page=request.GET.get("pagina"),
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "volunteers/request_list.html",
        {
            "page": page,
            "rows": [{"request": r, "case": refs.get(r.case_id or 0)} for r in page.object_list],
            "filter_form": form,
            "filtered": any(data.values()),
            "query": query.urlencode(),
            "crumbs": crumbs(requests_crumb()),
        },
        status=400 if form.errors else 200,
    )


# --- New and change -------------------------------------------------------------------------------------
def _create(request: HttpRequest, *, case: Any = None, breadcrumbs: list[dict[str, str]]) -> HttpResponse:
    actor = databank_actor(request)
    initial: dict[str, Any] = {"team_id": actor.primary_team_id, "contact_id": actor.pk, "needs_vog": ""}
    if case is not None:
        initial.update(team_id=case.team_id, postcode=case.client.postcode)
    form = _form(request, actor, initial=initial)
    if request.method == "POST" and form.is_valid():
        made = try_service(
            request,
            form,
            lambda: services.request_create(actor=actor, case=case, **form.service_kwargs()),
            _("De hulpvraag is aangemaakt. Hieronder staan de vrijwilligers die het best passen."),
        )
        if made:
            return go(_url(made), "suggesties")
    return render(
        request,
        "volunteers/request_form.html",
        {"form": form, "title": _("Nieuwe hulpvraag"), "case": case, "crumbs": breadcrumbs},
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    return _create(
        request, breadcrumbs=crumbs(requests_crumb(), (_("Nieuw"), reverse("volunteers:request_create")))
    )


@never_cache
@require_http_methods(["GET", "POST"])
def request_create_for_case(request: HttpRequest, case_id: int) -> HttpResponse:
    """'Vraag informele hulp aan' from a case: only with full access to the case."""
    actor = databank_actor(request)
    case = case_get_full(actor=actor, case_id=case_id)
    case_url = reverse("cases:case_detail", kwargs={"case_id": case.pk})
    trail = [
        {
            "label": _("Casus %(reference)s · %(name)s")
            % {"reference": case.reference, "name": case.client.full_name},
            "url": case_url,
        },
        {"label": _("Informele hulp aanvragen"), "url": request.path},
    ]
    return _create(request, case=case, breadcrumbs=trail)


@never_cache
@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, help_request_id: int) -> HttpResponse:
    actor = databank_actor(request)
    obj = selectors.request_for_write(actor=actor, help_request_id=help_request_id)
    title = obj.title
    form = _form(request, actor, initial=HelpRequestForm.initial_for(obj))
    if request.method == "POST" and form.is_valid():
        done = try_service(
            request,
            form,
            lambda: services.request_update(actor=actor, help_request=obj, **form.service_kwargs()),
            _("Opgeslagen."),
        )
        if done:
            return go(_url(obj))
    return render(
        request,
        "volunteers/request_form.html",
        {
            "form": form,
            "title": _("Hulpvraag wijzigen"),
            "crumbs": crumbs(requests_crumb(), (title, _url(obj)), (_("Wijzigen"), request.path)),
        },
        status=400 if form.errors else 200,
    )


# --- The request page ----------------------------------------------------------------------------------
def _detail(
    request: HttpRequest, help_request_id: int, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    actor = databank_actor(request)
    obj, case_ref = selectors.request_get(actor=actor, help_request_id=help_request_id)
    bound = bound or {}
    is_closed = obj.status == RequestStatus.CLOSED
    suggestions = [] if is_closed else rank_volunteers(actor=actor, request=obj, limit=SUGGESTIONS)
    failed_volunteer = bound.get("volunteer_id")
    rows = [
        {
            "suggestion": s,
            "form": bound["propose"]
            if failed_volunteer == s.volunteer_id
            else ProposeForm(prefix=f"voorstel-{s.volunteer_id}", initial={"volunteer_id": s.volunteer_id}),
        }
        for s in suggestions
    ]
    return render(
        request,
        "volunteers/request_detail.html",
        {
            "help_request": obj,
            "case_ref": case_ref,
            **describe(obj),
            "matches": selectors.request_matches(actor=actor, help_request=obj),
            "suggestions": rows,
            "weights": WEIGHTS,
            "is_closed": is_closed,
            "close_form": bound.get("close") or CloseForm(prefix="sluiten"),
            "propose_error": bound.get("propose")
            if failed_volunteer not in {s.volunteer_id for s in suggestions}
            else None,
            "failed": bool(bound),
            "crumbs": crumbs(requests_crumb(), (obj.title, _url(obj))),
        },
        status=status,
    )


@never_cache
@require_GET
def request_detail(request: HttpRequest, help_request_id: int) -> HttpResponse:
    return _detail(request, help_request_id)


@require_POST
def request_close(request: HttpRequest, help_request_id: int) -> HttpResponse:
    actor = databank_actor(request)
    obj = selectors.request_for_write(actor=actor, help_request_id=help_request_id)
    form = CloseForm(request.POST, prefix="sluiten")
    if form.is_valid() and try_service(
        request,
        form,
        lambda: services.request_close(actor=actor, help_request=obj, note=form.cleaned_data["note"]),
        _("De hulpvraag is gesloten."),
    ):
        return go(_url(obj))
    return _detail(request, help_request_id, bound={"close": form}, status=400)


@require_POST
def request_reopen(request: HttpRequest, help_request_id: int) -> HttpResponse:
    actor = databank_actor(request)
    obj = selectors.request_for_write(actor=actor, help_request_id=help_request_id)
    form = CloseForm(prefix="sluiten")
    if try_service(
        request,
        form,
        lambda: services.request_reopen(actor=actor, help_request=obj),
        _("De hulpvraag is weer open."),
    ):
        return go(_url(obj))
    return _detail(request, help_request_id, bound={"close": form}, status=400)


@require_POST
def match_propose(request: HttpRequest, help_request_id: int) -> HttpResponse:
    """Propose one of the suggested volunteers; the form of that suggestion carries the volunteer's id."""
    actor = databank_actor(request)
    obj = selectors.request_for_write(actor=actor, help_request_id=help_request_id)
    raw = next((k for k in request.POST if k.endswith("-volunteer_id")), "")
    prefix = raw.removesuffix("-volunteer_id") or "voorstel"
    form = ProposeForm(request.POST, prefix=prefix)
    volunteer_id = None
    if form.is_valid():
        volunteer_id = form.cleaned_data["volunteer_id"]
        volunteer = selectors.volunteer_for_write(actor=actor, volunteer_id=volunteer_id)
        made = try_service(
            request,
            form,
            lambda: match_services.match_propose(
                actor=actor, help_request=obj, volunteer=volunteer, note=form.cleaned_data["note"]
            ),
            _("De vrijwilliger is voorgesteld. Leg de kennismaking vast zodra die er is geweest."),
        )
        if made:
            return go(reverse("volunteers:match_detail", kwargs={"match_id": made.pk}))
    return _detail(
        request, help_request_id, bound={"propose": form, "volunteer_id": volunteer_id}, status=400
    )

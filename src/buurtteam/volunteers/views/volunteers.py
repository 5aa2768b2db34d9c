"""The volunteer pages: the databank with its filters, register (optionally from a resident), the volunteer
page, change, pause and resume, and the VOG.

A volunteer page never shows a link to a resident or a case, nor that the volunteer is a client: that is
only told on the case page, to those who read the case (``hooks.dossier_section``).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtteam.cases.selectors.residents import resident_get, resident_search
from buurtteam.volunteers import choices, selectors
from buurtteam.volunteers.forms import PauseForm, VogForm, VolunteerFilterForm, VolunteerForm
from buurtteam.volunteers.models import Volunteer, VolunteerStatus
from buurtteam.volunteers.services import volunteers as services
from buurtteam.volunteers.views.common import crumbs, databank_actor, go, try_service, volunteers_crumb


def _url(volunteer: Volunteer) -> str:
    return reverse("volunteers:volunteer_detail", kwargs={"volunteer_id": volunteer.pk})


def grid(mask: int) -> list[dict[str, Any]]:
    """The week as rows of a table: day name and, per part of the day, whether the bit is set."""
    return [
        {
            "day": choices.DAY_NAMES[day],
            "parts": [bool(mask & choices.slot_bit(day, part)) for part in range(3)],
        }
        for day in range(len(choices.DAYS))
    ]


def row(volunteer: Volunteer, today: Any) -> dict[str, Any]:
    return {
        "volunteer": volunteer,
        "interests": choices.interest_labels(volunteer.interests),
        "languages": choices.language_labels(volunteer.languages),
        "slots": choices.labels_from_mask(volunteer.availability),
        "vog_state": volunteer.vog_state(today),
    }


# --- The databank -------------------------------------------------------------------------------------
@never_cache
@require_GET
def volunteer_list(request: HttpRequest) -> HttpResponse:
    actor = databank_actor(request)
    today = timezone.localdate()
    form = VolunteerFilterForm(
        request.GET or None, neighbourhoods=selectors.neighbourhood_choices(actor=actor)
    )
    filters = selectors.VolunteerFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        status = data["status"] or VolunteerStatus.ACTIVE
        filters = selectors.VolunteerFilters(
            query=data["q"].strip(),
            neighbourhood_id=data["buurt"],
            interest=data["interesse"],
            slot=data["dagdeel"],
            vog=data["vog"],
            language=data["taal"],
            status="" if status == "alle" else status,
        )
    page = selectors.volunteer_page(actor=actor, filters=filters, page=request.GET.get("pagina"), today=today)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "volunteers/volunteer_list.html",
        {
            "page": page,
            "rows": [row(v, today) for v in page.object_list],
            "filter_form": form,
            "filtered": filters.active,
            "query": query.urlencode(),
            "crumbs": crumbs(volunteers_crumb()),
        },
        status=400 if form.errors else 200,
    )


# --- Register and change --------------------------------------------------------------------------------
def _from_resident(request: HttpRequest, actor: Any) -> tuple[Any, list[Any], str]:
    """The resident to register as a volunteer (``?inwoner=``), or the search for one (``?zoek=``)."""
    raw = request.GET.get("inwoner") or request.POST.get("resident_id") or ""
    resident = None
    if raw:
        if not raw.isdigit():
            raise Http404
        resident = resident_get(actor=actor, resident_id=int(raw))
    query = (request.GET.get("zoek") or "").strip()[:100]
    found = resident_search(actor=actor, query=query) if query and resident is None else []
    return resident, found, query


@never_cache
@require_http_methods(["GET", "POST"])
def volunteer_create(request: HttpRequest) -> HttpResponse:
    actor = databank_actor(request)
    resident, found, query = _from_resident(request, actor)
    initial: dict[str, Any] = {"travel_radius_km": 3, "languages": ["nl"]}
    if resident is not None:
        initial.update(
            first_name=resident.first_name,
            last_name=resident.last_name,
            phone=resident.phone,
            email=resident.email,
            postcode=resident.postcode,
            resident_id=resident.pk,
        )
    form = VolunteerForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        made = try_service(
            request,
            form,
            lambda: services.volunteer_register(
                actor=actor, resident_id=resident.pk if resident else None, **form.service_kwargs()
            ),
            _("De vrijwilliger is ingeschreven."),
        )
        if made:
            return go(_url(made))
    return render(
        request,
        "volunteers/volunteer_form.html",
        {
            "form": form,
            "title": _("Vrijwilliger inschrijven"),
            "resident": resident,
            "found": found,
            "query": query,
            "searching": request.method == "GET",
            "crumbs": crumbs(volunteers_crumb(), (_("Inschrijven"), reverse("volunteers:volunteer_create"))),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def volunteer_edit(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    actor = databank_actor(request)
    volunteer = selectors.volunteer_for_write(actor=actor, volunteer_id=volunteer_id)
    name = volunteer.full_name
    form = VolunteerForm(
        request.POST if request.method == "POST" else None, initial=VolunteerForm.initial_for(volunteer)
    )
    if request.method == "POST" and form.is_valid():
        done = try_service(
            request,
            form,
            lambda: services.volunteer_update(actor=actor, volunteer=volunteer, **form.service_kwargs()),
            _("Opgeslagen."),
        )
        if done:
            return go(_url(volunteer))
    return render(
        request,
        "volunteers/volunteer_form.html",
        {
            "form": form,
            "title": _("%(name)s wijzigen") % {"name": name},
            "volunteer": volunteer,
            "crumbs": crumbs(volunteers_crumb(), (name, _url(volunteer)), (_("Wijzigen"), request.path)),
        },
        status=400 if form.errors else 200,
    )


# --- The volunteer page and its steps ----------------------------------------------------------------------
def _detail(
    request: HttpRequest, volunteer_id: int, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    actor = databank_actor(request)
    volunteer = selectors.volunteer_get(actor=actor, volunteer_id=volunteer_id)
    today = timezone.localdate()
    bound = bound or {}
    return render(
        request,
        "volunteers/volunteer_detail.html",
        {
            **row(volunteer, today),
            "grid": grid(volunteer.availability),
            "parts": choices.PARTS,
            "matches": selectors.volunteer_matches(actor=actor, volunteer=volunteer),
            "vog_form": bound.get("vog")
            or VogForm(
                prefix="vog",
                initial={"vog_status": volunteer.vog_status, "vog_issued_on": volunteer.vog_issued_on},
            ),
            "pause_form": bound.get("pause") or PauseForm(prefix="pause"),
            "failed": next(iter(bound), ""),
            "crumbs": crumbs(volunteers_crumb(), (volunteer.full_name, _url(volunteer))),
        },
        status=status,
    )


@never_cache
@require_GET
def volunteer_detail(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    return _detail(request, volunteer_id)


@require_POST
def volunteer_vog(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    actor = databank_actor(request)
    volunteer = selectors.volunteer_for_write(actor=actor, volunteer_id=volunteer_id)
    form = VogForm(request.POST, prefix="vog")
    if form.is_valid() and try_service(
        request,
        form,
        lambda: services.volunteer_vog_update(
            actor=actor,
            volunteer=volunteer,
            vog_status=form.cleaned_data["vog_status"],
            vog_issued_on=form.cleaned_data["vog_issued_on"],
        ),
        _("De VOG is bijgewerkt."),
    ):
        return go(_url(volunteer), "vog")
    return _detail(request, volunteer_id, bound={"vog": form}, status=400)


@require_POST
def volunteer_pause(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    actor = databank_actor(request)
    volunteer = selectors.volunteer_for_write(actor=actor, volunteer_id=volunteer_id)
    form = PauseForm(request.POST, prefix="pause")
    if form.is_valid() and try_service(
        request,
        form,
        lambda: services.volunteer_pause(actor=actor, volunteer=volunteer, note=form.cleaned_data["note"]),
        _("De vrijwilliger is gepauzeerd en wordt niet meer voorgesteld."),
    ):
        return go(_url(volunteer))
    return _detail(request, volunteer_id, bound={"pause": form}, status=400)


@require_POST
def volunteer_resume(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    actor = databank_actor(request)
    volunteer = selectors.volunteer_for_write(actor=actor, volunteer_id=volunteer_id)
    form = PauseForm(prefix="pause")
    if try_service(
        request,
        form,
        lambda: services.volunteer_resume(actor=actor, volunteer=volunteer),
        _("De vrijwilliger is weer actief."),
    ):
        return go(_url(volunteer))
    return _detail(request, volunteer_id, bound={"pause": form}, status=400)

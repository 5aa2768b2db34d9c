"""Organisations and locations on the map, and the editors' create and edit pages (services included)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtteam.core.forms import add_service_errors
from buurtteam.socialmap import selectors, services
from buurtteam.socialmap.forms.entries import LocationForm, OrganizationForm, ServiceForm
from buurtteam.socialmap.models import Taxonomy
from buurtteam.socialmap.rules import can_edit_map
from buurtteam.socialmap.staleness import is_stale, stale_cutoff
from buurtteam.socialmap.views.common import (
    Pager,
    data,
    editor,
    location_choices,
    mark_checked,
    organization_choices,
    page_number,
    query_without_page,
    reader,
    root_crumbs,
    term_lists,
)

if TYPE_CHECKING:
    from django.forms import BaseForm

PER_PAGE = 50


def _save_page(
    request: HttpRequest,
    *,
    form: BaseForm,
    save: Callable[[], Any],
    title: str,
    crumbs: list[tuple[str, str]],
    cancel_url: str,
    template: str = "socialmap/form.html",
    done: Callable[[Any], str],
) -> HttpResponse:
    """An editor's form: on a valid POST save through the service, then POST-redirect-GET."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(done(saved))
    return render(
        request,
        template,
        {"form": form, "title": title, "crumbs": crumbs, "cancel_url": cancel_url},
        status=400 if form.errors else 200,
    )


def _list_page(request: HttpRequest, qs: Any) -> tuple[list[Any], Pager]:
    pager = Pager(number=page_number(request), per_page=PER_PAGE, total=qs.count())
    return list(qs[pager.offset : pager.offset + PER_PAGE]), pager


# --- Organisations ----------------------------------------------------------------------------------
@never_cache
@require_GET
def organization_list(request: HttpRequest) -> HttpResponse:
    actor = reader(request)
    query = request.GET.get("q", "")[:100]
    items, pager = _list_page(request, selectors.organization_list(actor=actor, query=query))
    return render(
        request,
        "socialmap/organization_list.html",
        {
            "organizations": items,
            "crumbs": root_crumbs(),
            "page": pager,
            "q": query,
            "query": query_without_page(request),
            "is_editor": can_edit_map(actor),
        },
    )


@never_cache
@require_GET
def organization_detail(request: HttpRequest, map_organization_id: int) -> HttpResponse:
    actor = reader(request)
    org = selectors.organization_get(actor=actor, organization_id=map_organization_id)
    return render(
        request,
        "socialmap/organization_detail.html",
        {
            "organization": org,
            "crumbs": _org_crumbs(),
            "map_services": list(org.services.all()),
            "locations": list(org.locations.all()),
            "stale": is_stale(org.last_checked_on, stale_cutoff(actor)),
            "is_editor": can_edit_map(actor),
        },
    )


def _org_crumbs() -> list[tuple[str, str]]:
    return root_crumbs((reverse("socialmap:organization_list"), _("Organisaties")))


@never_cache
@require_http_methods(["GET", "POST"])
def organization_create(request: HttpRequest) -> HttpResponse:
    actor = editor(request)
    form = OrganizationForm(data(request))
    return _save_page(
        request,
        form=form,
        save=lambda: services.organization_save(actor=actor, **form.service_kwargs()),
        title=_("Nieuwe organisatie op de kaart"),
        crumbs=_org_crumbs(),
        cancel_url=reverse("socialmap:organization_list"),
        done=lambda org: reverse("socialmap:organization_detail", args=[org.pk]),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, map_organization_id: int) -> HttpResponse:
    actor = editor(request)
    org = selectors.organization_get(actor=actor, organization_id=map_organization_id)
    detail = reverse("socialmap:organization_detail", args=[org.pk])
    form = OrganizationForm(data(request), initial=OrganizationForm.initial_for(org))
    return _save_page(
        request,
        form=form,
        save=lambda: services.organization_save(actor=actor, organization=org, **form.service_kwargs()),
        title=_("%(name)s wijzigen") % {"name": org.name},
        crumbs=[*_org_crumbs(), (detail, org.name)],
        cancel_url=detail,
        done=lambda saved: detail,
    )


@require_POST
def organization_check(request: HttpRequest, map_organization_id: int) -> HttpResponse:
    actor = editor(request)
    org = selectors.organization_get(actor=actor, organization_id=map_organization_id)
    return mark_checked(request, actor, org, reverse("socialmap:organization_detail", args=[org.pk]))


@require_POST
def organization_delete(request: HttpRequest, map_organization_id: int) -> HttpResponse:
    actor = editor(request)
    org = selectors.organization_get(actor=actor, organization_id=map_organization_id)
    name, pk = org.name, org.pk
    try:
        services.organization_delete(actor=actor, organization=org)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("socialmap:organization_detail", map_organization_id=pk)
    except PermissionError as exc:
        raise Http404 from exc
    messages.success(request, _("%(name)s is van de kaart gehaald.") % {"name": name})
    return redirect("socialmap:organization_list")


# --- Locations --------------------------------------------------------------------------------------
@never_cache
@require_GET
def location_list(request: HttpRequest) -> HttpResponse:
    actor = reader(request)
    query = request.GET.get("q", "")[:100]
    items, pager = _list_page(request, selectors.location_list(actor=actor, query=query))
    return render(
        request,
        "socialmap/location_list.html",
        {
            "locations": items,
            "crumbs": root_crumbs(),
            "page": pager,
            "q": query,
            "query": query_without_page(request),
            "is_editor": can_edit_map(actor),
        },
    )


@never_cache
@require_GET
def location_detail(request: HttpRequest, map_location_id: int) -> HttpResponse:
    from buurtteam.socialmap.schedules import describe

    actor = reader(request)
    location = selectors.location_get(actor=actor, location_id=map_location_id)
    return render(
        request,
        "socialmap/location_detail.html",
        {
            "location": location,
            "crumbs": _loc_crumbs(),
            "places": list(location.service_at_locations.all()),
            "schedules": [describe(s) for s in location.schedules.all()],
            "stale": is_stale(location.last_checked_on, stale_cutoff(actor)),
            "is_editor": can_edit_map(actor),
        },
    )


def _loc_crumbs() -> list[tuple[str, str]]:
    return root_crumbs((reverse("socialmap:location_list"), _("Locaties")))


@never_cache
@require_http_methods(["GET", "POST"])
def location_create(request: HttpRequest) -> HttpResponse:
    actor = editor(request)
    form = LocationForm(data(request), organizations=organization_choices(actor))
    return _save_page(
        request,
        form=form,
        save=lambda: services.location_save(actor=actor, **form.service_kwargs()),
        title=_("Nieuwe locatie op de kaart"),
        crumbs=_loc_crumbs(),
        cancel_url=reverse("socialmap:location_list"),
        done=lambda loc: reverse("socialmap:location_detail", args=[loc.pk]),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def location_edit(request: HttpRequest, map_location_id: int) -> HttpResponse:
    actor = editor(request)
    location = selectors.location_get(actor=actor, location_id=map_location_id)
    detail = reverse("socialmap:location_detail", args=[location.pk])
    form = LocationForm(
        data(request), initial=LocationForm.initial_for(location), organizations=organization_choices(actor)
    )
    return _save_page(
        request,
        form=form,
        save=lambda: services.location_save(actor=actor, location=location, **form.service_kwargs()),
        title=_("%(name)s wijzigen") % {"name": location.name},
        crumbs=[*_loc_crumbs(), (detail, location.name)],
        cancel_url=detail,
        done=lambda saved: detail,
    )


@require_POST
def location_check(request: HttpRequest, map_location_id: int) -> HttpResponse:
    actor = editor(request)
    location = selectors.location_get(actor=actor, location_id=map_location_id)
    return mark_checked(request, actor, location, reverse("socialmap:location_detail", args=[location.pk]))


@require_POST
def location_delete(request: HttpRequest, map_location_id: int) -> HttpResponse:
    actor = editor(request)
    location = selectors.location_get(actor=actor, location_id=map_location_id)
    name, pk = location.name, location.pk
    try:
        services.location_delete(actor=actor, location=location)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("socialmap:location_detail", map_location_id=pk)
    except PermissionError as exc:
        raise Http404 from exc
    messages.success(request, _("%(name)s is van de kaart gehaald.") % {"name": name})
    return redirect("socialmap:location_list")


# --- Services -----------------------------------------------------------------------------------------
def _service_form(request: HttpRequest, actor: Any, **kwargs: Any) -> ServiceForm:
    life_domains, target_groups = term_lists(actor)
    return ServiceForm(
        data(request),
        organizations=organization_choices(actor),
        locations=location_choices(actor),
        life_domains=life_domains,
        target_groups=target_groups,
        **kwargs,
    )


def _search_crumbs() -> list[tuple[str, str]]:
    return root_crumbs()


@never_cache
@require_http_methods(["GET", "POST"])
def service_create(request: HttpRequest) -> HttpResponse:
    actor = editor(request)
    form = _service_form(request, actor)
    return _save_page(
        request,
        form=form,
        save=lambda: services.service_save(actor=actor, **form.service_kwargs()),
        title=_("Nieuwe activiteit of voorziening"),
        crumbs=_search_crumbs(),
        cancel_url=reverse("socialmap:search"),
        template="socialmap/service_form.html",
        done=lambda saved: reverse("socialmap:service_detail", args=[saved.pk]),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, map_service_id: int) -> HttpResponse:
    actor = editor(request)
    service = selectors.service_get(actor=actor, service_id=map_service_id)
    detail = reverse("socialmap:service_detail", args=[service.pk])
    schedules = list(service.schedules.all())
    terms = list(service.terms.all())
    own = {Taxonomy.Purpose.LIFE_DOMAINS, Taxonomy.Purpose.TARGET_GROUPS}
    form = _service_form(
        request,
        actor,
        initial=ServiceForm.initial_for(
            service,
            schedules,
            {t.pk for t in terms},
            [p.location_id for p in service.service_at_locations.all()],
        ),
        other_term_ids=[t.pk for t in terms if t.taxonomy.purpose not in own],
        schedule_rows=ServiceForm.rows_needed(schedules),
    )
    return _save_page(
        request,
        form=form,
        save=lambda: services.service_save(actor=actor, service=service, **form.service_kwargs()),
        title=_("%(name)s wijzigen") % {"name": service.name},
        crumbs=[*_search_crumbs(), (detail, service.name)],
        cancel_url=detail,
        template="socialmap/service_form.html",
        done=lambda saved: detail,
    )

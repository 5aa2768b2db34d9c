"""The search page and the page of one service or activity."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from buurtteam.socialmap import selectors, services
from buurtteam.socialmap.forms.search import MapSearchForm
from buurtteam.socialmap.rules import can_edit_map
from buurtteam.socialmap.schedules import describe
from buurtteam.socialmap.staleness import is_stale, stale_cutoff
from buurtteam.socialmap.views.common import (
    Pager,
    editor,
    mark_checked,
    neighbourhood_choices,
    page_number,
    query_without_page,
    reader,
    root_crumbs,
    term_lists,
)
from buurtteam.socialmap.views.search_rows import result_rows

PER_PAGE = 20


@never_cache
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    actor = reader(request)
    life_domains, target_groups = term_lists(actor)
    form = MapSearchForm(
        request.GET or None,
        life_domains=life_domains,
        target_groups=target_groups,
        neighbourhoods=neighbourhood_choices(actor),
    )
    filters = form.filters()
    invalid = form.is_bound and not form.is_valid()
    number = page_number(request)
    result = None
    if not invalid:
        result = selectors.service_search(
            actor=actor,
            limit=PER_PAGE,
            offset=(number - 1) * PER_PAGE,
            **filters.as_kwargs(),
        )
    rows = result_rows(result.hits if result else [], near=filters.near is not None)
    return render(
        request,
        "socialmap/search.html",
        {
            "form": form,
            "filters": filters,
            "result": result,
            "rows": rows,
            "page": Pager(number=number, per_page=PER_PAGE, total=result.total if result else 0),
            "query": query_without_page(request),
            "is_editor": can_edit_map(actor),
            "near": filters.near is not None,
        },
        status=400 if invalid else 200,
    )


@never_cache
@require_GET
def service_detail(request: HttpRequest, map_service_id: int) -> HttpResponse:
    actor = reader(request)
    service = selectors.service_get(actor=actor, service_id=map_service_id)
    cutoff = stale_cutoff(actor)
    terms = list(service.terms.all())
    return render(
        request,
        "socialmap/service_detail.html",
        {
            "service": service,
            "crumbs": root_crumbs(),
            "places": list(service.service_at_locations.all()),
            "schedules": [describe(s) for s in service.schedules.all()],
            "life_domains": [t for t in terms if t.taxonomy.purpose == "life_domains"],
            "target_groups": [t for t in terms if t.taxonomy.purpose == "target_groups"],
            "other_terms": [t for t in terms if t.taxonomy.purpose not in {"life_domains", "target_groups"}],
            "stale": is_stale(service.last_checked_on, cutoff),
            "is_editor": can_edit_map(actor),
            "languages": [code.strip() for code in service.languages.split(",") if code.strip()],
        },
    )


@require_POST
def service_check(request: HttpRequest, map_service_id: int) -> HttpResponse:
    actor = editor(request)
    service = selectors.service_get(actor=actor, service_id=map_service_id)
    return mark_checked(request, actor, service, reverse("socialmap:service_detail", args=[service.pk]))


@require_POST
def service_retire(request: HttpRequest, map_service_id: int) -> HttpResponse:
    actor = editor(request)
    service = selectors.service_get(actor=actor, service_id=map_service_id)
    try:
        services.service_retire(actor=actor, service=service)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionError as exc:
        raise Http404 from exc
    else:
        messages.success(request, _("%(name)s staat nu als opgeheven op de kaart.") % {"name": service.name})
    return redirect("socialmap:service_detail", map_service_id=service.pk)

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from buurtteam.audit import selectors
from buurtteam.audit.forms import TrailFilterForm


@never_cache
@require_GET
def trail(request: HttpRequest) -> HttpResponse:
    actor = request.user
    if not selectors.can_view_trail(actor):  # type: ignore[arg-type]
        raise Http404
    form = TrailFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    try:
        page_number = max(1, int(request.GET.get("pagina", "1")))
    except ValueError:
        page_number = 1
    page = selectors.trail_page(
        actor=actor,  # type: ignore[arg-type]
        page=page_number,
        person=filters.get("person") or "",
        subject_type=filters.get("subject_type") or "",
        subject_id=filters.get("subject_id"),
        action=filters.get("action") or "",
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    template = "audit/trail.html#results" if request.htmx else "audit/trail.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})

"""Keeping the map up to date: the list of entries to check, and the organisation's synonyms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtteam.core.forms import add_service_errors
from buurtteam.core.gate import access_or_404
from buurtteam.socialmap import selectors, services
from buurtteam.socialmap.forms.entries import SynonymForm
from buurtteam.socialmap.models import SearchSynonym
from buurtteam.socialmap.rules import can_edit_map
from buurtteam.socialmap.staleness import stale_after_months
from buurtteam.socialmap.synonyms import BUILT_IN_SYNONYMS
from buurtteam.socialmap.views.common import (
    Pager,
    data,
    editor,
    page_number,
    query_without_page,
    reader,
    root_crumbs,
)

PER_PAGE = 50


@never_cache
@require_GET
def stale(request: HttpRequest) -> HttpResponse:
    actor = reader(request)
    number = page_number(request)
    found = selectors.stale_entries(actor=actor, limit=PER_PAGE, offset=(number - 1) * PER_PAGE)
    return render(
        request,
        "socialmap/stale.html",
        {
            "entries": found.entries,
            "crumbs": root_crumbs(),
            "cutoff": found.cutoff,
            "months": stale_after_months(actor),
            "page": Pager(number=number, per_page=PER_PAGE, total=found.total),
            "total": found.total,
            "query": query_without_page(request),
            "is_editor": can_edit_map(actor),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def synonyms(request: HttpRequest) -> HttpResponse:
    actor = editor(request)
    form = SynonymForm(data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.synonym_save(actor=actor, words=form.cleaned_data["words"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("De synoniemen zijn toegevoegd."))
            return redirect("socialmap:synonyms")
    return render(
        request,
        "socialmap/synonyms.html",
        {
            "form": form,
            "crumbs": root_crumbs(),
            "own": list(selectors.synonym_list(actor=actor)),
            "built_in": [", ".join(group) for group in BUILT_IN_SYNONYMS],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def synonym_delete(request: HttpRequest, map_synonym_id: int) -> HttpResponse:
    actor = editor(request)
    synonym: SearchSynonym = access_or_404(selectors.synonym_list(actor=actor), pk=map_synonym_id)
    words = synonym.words
    try:
        services.synonym_delete(actor=actor, synonym=synonym)
    except PermissionError as exc:
        raise Http404 from exc
    messages.success(request, _("De synoniemen ‘%(words)s’ zijn verwijderd.") % {"words": words})
    return redirect("socialmap:synonyms")

"""The exchange page (/sociale-kaart/uitwisselen/): downloads, upload with dry-run report, import.

Only editors of the map (``rules.can_edit_map``) reach these pages; everyone else gets the ordinary 404.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtteam.socialmap.exchange import export, storage
from buurtteam.socialmap.exchange.forms import ConfirmForm, UploadForm
from buurtteam.socialmap.exchange.importer import Report, import_apply, import_preview
from buurtteam.socialmap.exchange.items import LABELS
from buurtteam.socialmap.rules import can_edit_map

if TYPE_CHECKING:
    from buurtteam.accounts.models import User

KIND_LABELS = {
    **LABELS,
    "phone": "telefoonnummer",
    "address": "adres",
    "contact": "contactpersoon",
    "language": "taal",
    "attribute": "kenmerk",
    "cost_option": "kosten",
    "accessibility": "toegankelijkheid",
}


def _editor(request: HttpRequest) -> User:
    user = cast("User", request.user)
    if not can_edit_map(user):
        raise Http404
    return user


def _crumbs() -> list[tuple[str, str]]:
    return [(reverse("socialmap:search"), _("Sociale kaart"))]


def _page(request: HttpRequest, form: UploadForm, *, status: int = 200, error: str = "") -> HttpResponse:
    context = {"form": form, "crumbs": _crumbs(), "error": error}
    return render(request, "socialmap/exchange/page.html", context, status=status)


def _report_rows(report: Report) -> list[dict[str, Any]]:
    return [{"label": KIND_LABELS.get(kind, kind), **row} for kind, row in report.rows()]


@never_cache
@require_GET
def exchange_page(request: HttpRequest) -> HttpResponse:
    _editor(request)
    return _page(request, UploadForm())


@never_cache
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    """Check an uploaded file (dry run) and show what importing it would do."""
    user = _editor(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    uploaded = form.cleaned_data["file"]
    content = uploaded.read()
    name = str(uploaded.name or "")
    try:
        report = import_preview(
            actor=user, organisation_id=cast(int, user.organisation_id), content=content, filename=name
        )
    except ValidationError as exc:
        form.add_error("file", exc)
        return _page(request, form, status=400)
    except PermissionError as exc:
        raise Http404 from exc
    token = storage.store(actor=user, content=content, filename=name)
    context = {
        "report": report,
        "rows": _report_rows(report),
        "filename": name,
        "confirm": ConfirmForm(initial={"token": token}),
        "crumbs": [*_crumbs(), (reverse("map_exchange:page"), _("Uitwisselen (HSDS)"))],
    }
    return render(request, "socialmap/exchange/report.html", context)


@never_cache
@require_http_methods(["POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    """Import the stored upload in one transaction."""
    user = _editor(request)
    form = ConfirmForm(request.POST)
    stored = storage.load(actor=user, token=request.POST.get("token", "")) if form.is_valid() else None
    crumbs = [*_crumbs(), (reverse("map_exchange:page"), _("Uitwisselen (HSDS)"))]
    if stored is None:
        error = _("Dit bestand is niet meer beschikbaar (na een uur vervalt het). Kies het opnieuw.")
        return _page(request, UploadForm(), status=400, error=error)
    content, name = stored
    try:
        report = import_apply(
            actor=user,
            organisation_id=cast(int, user.organisation_id),
            content=content,
            filename=name,
            skip_rejected=form.cleaned_data["skip_rejected"],
        )
    except ValidationError as exc:
        report = import_preview(
            actor=user, organisation_id=cast(int, user.organisation_id), content=content, filename=name
        )
        context = {
            "report": report,
            "rows": _report_rows(report),
            "filename": name,
            "confirm": form,
            "error": " ".join(exc.messages),
            "crumbs": crumbs,
        }
        return render(request, "socialmap/exchange/report.html", context, status=400)
    except PermissionError as exc:
        raise Http404 from exc
    storage.discard(form.cleaned_data["token"])
    context = {"report": report, "rows": _report_rows(report), "filename": name, "crumbs": crumbs}
    return render(request, "socialmap/exchange/result.html", context)


def _stamp() -> str:
    return datetime.date.today().isoformat()


@never_cache
@require_GET
def download_json(request: HttpRequest) -> StreamingHttpResponse:
    user = _editor(request)
    export.record_export(actor=user, fmt="json")
    response = StreamingHttpResponse(export.json_chunks(user), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sociale-kaart-hsds-{_stamp()}.json"'
    return response


@never_cache
@require_GET
def download_tabular(request: HttpRequest) -> FileResponse:
    user = _editor(request)
    export.record_export(actor=user, fmt="tabular")
    return FileResponse(
        export.tabular_file(user),
        as_attachment=True,
        filename=f"sociale-kaart-hsds-{_stamp()}.zip",
        content_type="application/zip",
    )

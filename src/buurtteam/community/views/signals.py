"""Signal pages: the list, record one (anonymous or about a resident), follow it up; the buurt overview.

A signal about a resident is only reachable for whoever may see that resident; anonymous signals for
the recording team. The overview (counts only) is for every staff member, policy officers included.
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

from buurtteam.cases.selectors.residents import resident_get, resident_search
from buurtteam.community.charts import overview_chart, theme_colours
from buurtteam.community.forms.groups import ResidentSearchForm
from buurtteam.community.forms.signals import CloseForm, OverviewForm, PickUpForm, SignalForm
from buurtteam.community.models import Signal, SignalStatus
from buurtteam.community.selectors import aggregates, places
from buurtteam.community.selectors import groups as group_selectors
from buurtteam.community.selectors import signals as selectors
from buurtteam.community.services import signals as services
from buurtteam.community.views.common import actor_of, person_worker, run
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor
    from buurtteam.residents.models import Resident


def signal_url(signal_id: int) -> str:
    return reverse("community:signal_detail", kwargs={"signal_id": signal_id})


@never_cache
@require_GET
def signal_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if actor.role == Role.POLICY_OFFICER:
        return redirect("community:signal_overview")
    actor = person_worker(request)
    status = request.GET.get("status", "")
    status = status if status in SignalStatus.values else ""
    page = selectors.signal_page(actor=actor, page=request.GET.get("pagina"), status=status)
    return render(
        request,
        "community/signals/list.html",
        {"page": page, "status": status, "statuses": SignalStatus.choices},
    )


def _chosen_resident(actor: Actor, request: HttpRequest) -> Resident | None:
    source = request.POST if request.method == "POST" else request.GET
    raw = source.get("resident", "")
    if not raw.isdigit() or len(raw) > 12:
        return None
    return resident_get(actor=actor, resident_id=int(raw))  # audited; 404 when not visible


def _signal_form(actor: Actor, *args: Any, about_person: bool, **kwargs: Any) -> SignalForm:
    return SignalForm(
        *args,
        neighbourhoods=selectors.neighbourhoods(actor=actor),
        locations=places.area_locations(actor=actor),
        teams=group_selectors.own_teams(actor=actor),
        about_person=about_person,
        **kwargs,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def signal_create(request: HttpRequest) -> HttpResponse:
    actor = person_worker(request)
    resident = _chosen_resident(actor, request)
    status = 200
    if request.method == "POST":
        form = _signal_form(actor, request.POST, about_person=resident is not None)
        made: list[Signal] = []
        if run(form, lambda: made.append(services.signal_record(actor=actor, **form.service_kwargs()))):
            messages.success(request, _("Het signaal is vastgelegd."))
            return redirect(signal_url(made[0].pk))
        status = 400
    else:
        initial: dict[str, Any] = {
            "noticed_on": timezone.localdate(),
            "team": str(actor.primary_team_id or ""),
        }
        if resident is not None:
            initial["resident"] = resident.pk
            if resident.neighbourhood_id:
                initial["neighbourhood"] = str(resident.neighbourhood_id)
        form = _signal_form(actor, initial=initial, about_person=resident is not None)
    search = ResidentSearchForm(request.GET if "q" in request.GET else None)
    found = None
    if search.is_bound and search.is_valid() and search.cleaned_data.get("q"):
        found = resident_search(actor=actor, query=search.cleaned_data["q"])[:20]
    return render(
        request,
        "community/signals/form.html",
        {"form": form, "resident": resident, "search": search, "found": found},
        status=status,
    )


def _detail(
    request: HttpRequest,
    actor: Actor,
    signal_id: int,
    *,
    pick_up: PickUpForm | None = None,
    close: CloseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    signal = selectors.signal_get(actor=actor, signal_id=signal_id)
    colleagues = selectors.team_colleagues(actor=actor, team_id=signal.team_id)
    return render(
        request,
        "community/signals/detail.html",
        {
            "signal": signal,
            "pick_up_form": pick_up or PickUpForm(colleagues=colleagues, initial={"user": str(actor.pk)}),
            "close_form": close or CloseForm(),
        },
        status=status,
    )


@never_cache
@require_GET
def signal_detail(request: HttpRequest, signal_id: int) -> HttpResponse:
    return _detail(request, person_worker(request), signal_id)


@require_POST
def signal_pick_up(request: HttpRequest, signal_id: int) -> HttpResponse:
    actor = person_worker(request)
    signal = selectors.signal_for_write(actor=actor, signal_id=signal_id)
    form = PickUpForm(request.POST, colleagues=selectors.team_colleagues(actor=actor, team_id=signal.team_id))
    if run(
        form,
        lambda: services.signal_pick_up(
            actor=actor,
            signal=signal,
            user_id=int(form.cleaned_data["user"]),
            note=form.cleaned_data.get("note", ""),
        ),
    ):
        messages.success(request, _("Het signaal is opgepakt."))
        return redirect(signal_url(signal.pk))
    return _detail(request, actor, signal_id, pick_up=form, status=400)


@require_POST
def signal_close(request: HttpRequest, signal_id: int) -> HttpResponse:
    actor = person_worker(request)
    signal = selectors.signal_for_write(actor=actor, signal_id=signal_id)
    form = CloseForm(request.POST)
    if run(form, lambda: services.signal_close(actor=actor, signal=signal, note=form.cleaned_data["note"])):
        messages.success(request, _("Het signaal is afgesloten."))
        return redirect(signal_url(signal.pk))
    return _detail(request, actor, signal_id, close=form, status=400)


@never_cache
@require_GET
def signal_overview(request: HttpRequest) -> HttpResponse:
    """Themes per buurt over time: counts only, for every staff member (policy officers included)."""
    actor = actor_of(request)
    if actor.organisation_id is None:
        return render(request, "404.html", status=404)
    neighbourhoods = selectors.neighbourhoods(actor=actor)
    form = OverviewForm(request.GET or None, neighbourhoods=neighbourhoods)
    status = 400 if form.is_bound and not form.is_valid() else 200
    values = (
        form.values() if form.is_bound else {"neighbourhood_id": None, "granularity": "month", "periods": 12}
    )
    overview = aggregates.signal_overview(actor=actor, end=timezone.localdate(), **values)
    codes = [code for code, _label in overview.themes]
    period_rows = [
        (p.label, [overview.by_period.get((c, p.start), 0) for c in codes], overview.period_total(p.start))
        for p in overview.periods
    ]
    buurt_rows = [
        (name, [overview.by_buurt.get((pk, c), 0) for c in codes], overview.buurt_total(pk))
        for pk, name in overview.neighbourhoods
    ]
    chosen = next((n.name for n in neighbourhoods if n.pk == values["neighbourhood_id"]), "")
    return render(
        request,
        "community/signals/overview.html",
        {
            "form": form,
            "overview": overview,
            "chart": overview_chart(overview),
            "colours": theme_colours(overview),
            "chosen": chosen,
            "period_rows": period_rows,
            "theme_totals": [overview.theme_total(c) for c in codes],
            "buurt_rows": buurt_rows,
            "small_cell": aggregates.SMALL_CELL,
        },
        status=status,
    )

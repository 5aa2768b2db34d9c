"""Residents: search, the resident page with household and network, editing, and break-the-glass.

Every page reads through a selector that takes the actor and leaves an audit event; a resident the actor
may not see is a 404, except on the break-the-glass page, which shows nothing but the responsible team.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtteam.cases.forms.fields import relabel
from buurtteam.cases.forms.residents import (
    BreakGlassForm,
    BreakGlassReviewForm,
    ExistingMemberForm,
    HouseholdMemberForm,
    NetworkMemberForm,
    ResidentEditForm,
    ResidentSearchForm,
)
from buurtteam.cases.selectors.registration import (
    break_glass_grant_get,
    break_glass_grants,
    break_glass_target,
    household_cases,
    may_reveal_bsn,
    network_member_get,
    resident_bsn,
    visible_resident_ids,
)
from buurtteam.cases.selectors.residents import SEARCH_LIMIT, household_of, resident_get, resident_search
from buurtteam.cases.views.registration import case_url, case_worker, parse_id
from buurtteam.core.forms import add_service_errors
from buurtteam.core.roles import Role
from buurtteam.organisation import selectors as org_selectors
from buurtteam.residents import services
from buurtteam.residents.models import NetworkMember

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor
    from buurtteam.residents.models import Household, Resident

MIN_QUERY_LENGTH = 2


def _detail_url(resident_id: int, anchor: str = "") -> str:
    url = reverse("cases:resident_detail", kwargs={"resident_id": resident_id})
    return f"{url}#{anchor}" if anchor else url


def _household(actor: Actor, resident: Resident) -> Household:
    household, _members, _network = household_of(actor=actor, resident=resident)
    if household is None:
        raise Http404
    return household  # type: ignore[no-any-return]


# --- Search -------------------------------------------------------------------------------------------
_SENTINEL = 987654321


@never_cache
@require_GET
def resident_search_page(request: HttpRequest) -> HttpResponse:
    actor = case_worker(request)
    form = ResidentSearchForm(request.GET or None)
    query = str(form.cleaned_data["q"]).strip() if form.is_bound and form.is_valid() else ""
    searched = len(query) >= MIN_QUERY_LENGTH
    results = resident_search(actor=actor, query=query) if searched else []  # audited
    organisation = org_selectors.organisation_get(actor=actor)
    # One reverse per page instead of two per row (fifty rows: a tenth of the page's time).
    detail, register = reverse("cases:resident_detail", args=[_SENTINEL]), reverse("cases:register")
    rows = [
        {
            "r": r,
            "url": detail.replace(str(_SENTINEL), str(r.pk)),
            "register_url": f"{register}?resident={r.pk}",
        }
        for r in results
    ]
    template = "cases/residents/search.html"
    if getattr(request, "htmx", False):
        template += "#results"
    return render(
        request,
        template,
        {
            "form": form,
            "query": query,
            "searched": searched,
            "results": results,
            "rows": rows,
            "limit_reached": len(results) >= SEARCH_LIMIT,
            "show_bsn": organisation.bsn_enabled,
        },
        status=400 if form.errors else 200,
    )


# --- The resident page --------------------------------------------------------------------------------
@never_cache
@require_GET
def resident_detail(request: HttpRequest, resident_id: int) -> HttpResponse:
    actor = case_worker(request)
    resident = resident_get(actor=actor, resident_id=resident_id)  # audited; 404 if not visible
    household, members, network = household_of(actor=actor, resident=resident)
    household_id = household.pk if household is not None else None
    can_reveal = may_reveal_bsn(actor=actor, resident=resident, household_id=household_id)
    full_bsn = ""
    if request.GET.get("toon") == "bsn" and can_reveal:
        full_bsn = resident_bsn(actor=actor, resident=resident, household_id=household_id)  # audited
    if getattr(request, "htmx", False) and request.GET.get("toon") == "bsn":
        return render(
            request,
            "cases/residents/detail.html#bsn",
            {"resident": resident, "full_bsn": full_bsn, "can_reveal": can_reveal},
        )
    cases = household_cases(actor=actor, household_id=household_id) if household_id else []
    by_client: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for case in cases:
        leads = getattr(case, "leads", [])
        by_client[case.client_id].append(
            {"case": case, "url": case_url(case), "lead": leads[0].user if leads else None}
        )
    linkable = visible_resident_ids(actor=actor, resident_ids=[m.resident_id for m in members])
    rows = [
        {"member": m, "cases": by_client.get(m.resident_id, []), "linkable": m.resident_id in linkable}
        for m in members
    ]
    return render(
        request,
        "cases/residents/detail.html",
        {
            "resident": resident,
            "household": household,
            "members": rows,
            "network_groups": [
                (_("Informeel netwerk"), [n for n in network if n.kind == NetworkMember.Kind.INFORMAL]),
                (_("Formeel netwerk"), [n for n in network if n.kind == NetworkMember.Kind.FORMAL]),
            ],
            "can_reveal": can_reveal,
            "full_bsn": full_bsn,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def resident_edit(request: HttpRequest, resident_id: int) -> HttpResponse:
    actor = case_worker(request)
    resident = resident_get(actor=actor, resident_id=resident_id)
    name = resident.full_name
    organisation = org_selectors.organisation_get(actor=actor)
    form = ResidentEditForm(
        request.POST if request.method == "POST" else None,
        initial=ResidentEditForm.initial_for(resident),
        resident=resident,
        bsn_enabled=organisation.bsn_enabled,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_update(actor=actor, resident=resident, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(
                request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": resident.full_name}
            )
            if not visible_resident_ids(actor=actor, resident_ids=[resident.pk]):
                messages.info(request, _("Door het nieuwe adres hoort deze inwoner nu bij een ander team."))
                return redirect("cases:resident_search")
            return redirect(_detail_url(resident.pk))
    return render(
        request,
        "cases/residents/edit.html",
        {"form": form, "resident_id": resident_id, "name": name},
        status=400 if form.errors else 200,
    )


# --- Network ------------------------------------------------------------------------------------------
def _network_page(request: HttpRequest, resident_id: int, member_id: int | None) -> HttpResponse:
    actor = case_worker(request)
    resident = resident_get(actor=actor, resident_id=resident_id)
    household = _household(actor, resident)
    member = None
    if member_id is not None:
        member = network_member_get(actor=actor, household_id=household.pk, member_id=member_id)
    form = NetworkMemberForm(
        request.POST if request.method == "POST" else None,
        initial=NetworkMemberForm.initial_for(member) if member else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.network_member_save(
                actor=actor, household=household, member=member, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Het netwerk is bijgewerkt."))
            return redirect(_detail_url(resident.pk, "netwerk"))
    title = (
        _("%(name)s wijzigen") % {"name": member.name} if member else _("Iemand toevoegen aan het netwerk")
    )
    return render(
        request,
        "cases/residents/network_form.html",
        {"form": form, "resident": resident, "title": title},
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def network_member_add(request: HttpRequest, resident_id: int) -> HttpResponse:
    return _network_page(request, resident_id, None)


@never_cache
@require_http_methods(["GET", "POST"])
def network_member_edit(request: HttpRequest, resident_id: int, member_id: int) -> HttpResponse:
    return _network_page(request, resident_id, member_id)


# --- Household members --------------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "POST"])
def household_member_add(request: HttpRequest, resident_id: int) -> HttpResponse:
    """A new person in the household, or an existing resident found with the search box."""
    actor = case_worker(request)
    resident = resident_get(actor=actor, resident_id=resident_id)
    household = _household(actor, resident)
    organisation = org_selectors.organisation_get(actor=actor)
    posting = request.method == "POST"
    existing_post = posting and "existing" in request.POST
    new_form = HouseholdMemberForm(
        request.POST if posting and not existing_post else None,
        bsn_enabled=organisation.bsn_enabled,
        initial={
            "postcode": resident.postcode_display,
            "house_number": resident.house_number,
            "street": resident.street,
            "city": resident.city,
        },
    )
    existing_form = ExistingMemberForm(request.POST if existing_post else None)
    if posting and not existing_post and new_form.is_valid():
        try:
            relation = new_form.cleaned_data["relation"]
            services.resident_create(
                actor=actor, household=household, relation=relation, **new_form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(new_form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Toegevoegd aan het huishouden."))
            return redirect(_detail_url(resident.pk, "huishouden"))
    if existing_post and existing_form.is_valid():
        other = resident_get(actor=actor, resident_id=existing_form.cleaned_data["existing"])
        try:
            services.household_member_add(
                actor=actor,
                household=household,
                resident=other,
                relation=existing_form.cleaned_data["relation"],
            )
        except ValidationError as exc:
            add_service_errors(existing_form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(
                request, _("%(name)s is toegevoegd aan het huishouden.") % {"name": other.full_name}
            )
            return redirect(_detail_url(resident.pk, "huishouden"))
    search = ResidentSearchForm(request.GET if "q" in request.GET else None)
    query = str(search.cleaned_data["q"]).strip() if search.is_bound and search.is_valid() else ""
    found = resident_search(actor=actor, query=query) if len(query) >= MIN_QUERY_LENGTH else []
    search.fields["q"].widget.attrs.pop("autofocus", None)
    relabel(search, "q", label=_("Zoek een inwoner die al bekend is"))
    invalid = bool(new_form.errors or existing_form.errors)
    return render(
        request,
        "cases/residents/household_member_add.html",
        {
            "resident": resident,
            "new_form": new_form,
            "existing_form": existing_form,
            "search": search,
            "query": query,
            "found": [r for r in found if r.pk != resident.pk],
            "relations": existing_form.fields["relation"].choices,  # type: ignore[attr-defined]
        },
        status=400 if invalid else 200,
    )


# --- Break-the-glass ----------------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, resident_id: int) -> HttpResponse:
    """Emergency access to a resident outside the actor's area: a reason, then 24 hours of access."""
    actor = case_worker(request)
    target = break_glass_target(actor=actor, resident_id=resident_id)  # team name only; audited; 404
    form = BreakGlassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass(
                actor=actor, resident_id=target.resident_id, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.warning(
                request,
                _(
                    "Noodtoegang vastgelegd: u kunt deze inwoner %(hours)d uur inzien. "
                    "Uw coördinator beoordeelt uw reden."
                )
                % {"hours": services.BREAK_GLASS_HOURS},
            )
            return redirect(_detail_url(target.resident_id))
    return render(
        request,
        "cases/residents/break_glass.html",
        {"form": form, "target": target, "hours": services.BREAK_GLASS_HOURS},
        status=400 if form.errors else 200,
    )


def _coordinator(request: HttpRequest) -> Actor:
    actor = case_worker(request)
    if actor.role != Role.COORDINATOR:
        raise Http404
    return actor


def _review_page(
    request: HttpRequest, actor: Actor, *, failed: tuple[int, BreakGlassReviewForm] | None = None
) -> HttpResponse:
    grants = break_glass_grants(actor=actor)  # audited
    rows = []
    for grant in grants:
        form = (
            failed[1]
            if failed and failed[0] == grant.pk
            else BreakGlassReviewForm(auto_id=f"grant{grant.pk}_%s")
        )
        rows.append({"grant": grant, "form": form, "own": grant.user_id == actor.pk})
    return render(
        request,
        "cases/residents/break_glass_review_list.html",
        {"rows": rows, "open_count": sum(1 for g in grants if g.reviewed_at is None)},
        status=400 if failed else 200,
    )


@never_cache
@require_GET
def break_glass_review_list(request: HttpRequest) -> HttpResponse:
    return _review_page(request, _coordinator(request))


@never_cache
@require_POST
def break_glass_review(request: HttpRequest, grant_id: int) -> HttpResponse:
    actor = _coordinator(request)
    grant = break_glass_grant_get(actor=actor, grant_id=grant_id)
    form = BreakGlassReviewForm(request.POST, auto_id=f"grant{grant.pk}_%s")
    if grant.user_id == actor.pk:
        form.add_error(None, _("Uw eigen noodtoegang wordt door een andere coördinator beoordeeld."))
        return _review_page(request, actor, failed=(grant.pk, form))
    if form.is_valid():
        try:
            services.break_glass_review(actor=actor, grant=grant, note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Beoordeling opgeslagen."))
            return redirect("cases:break_glass_review_list")
    return _review_page(request, actor, failed=(grant.pk, form))


__all__ = [
    "break_glass",
    "break_glass_review",
    "break_glass_review_list",
    "household_member_add",
    "network_member_add",
    "network_member_edit",
    "parse_id",
    "resident_detail",
    "resident_edit",
    "resident_search_page",
]

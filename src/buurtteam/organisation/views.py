"""The functional administrator's screens for the organisation's own structure (not Django admin).

Only an administrator of the organisation reaches these pages; everyone else gets the ordinary 404, so
the pages do not even reveal that they exist. Reads go through ``visible_to(actor)``; every write goes
through :mod:`buurtteam.organisation.services`, which validates and audits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from buurtteam.core.forms import add_service_errors
from buurtteam.core.roles import Role
from buurtteam.organisation import selectors, services
from buurtteam.organisation.forms import (
    DisciplineForm,
    LocationForm,
    OrganisationForm,
    ProviderForm,
    TeamForm,
)
from buurtteam.organisation.models import Location, Organisation, Provider, Team

if TYPE_CHECKING:
    from django.forms import BaseForm
    from django.utils.functional import _StrPromise

    from buurtteam.core.actor import Actor

SECTIONS: dict[str, tuple[_StrPromise, str]] = {
    "teams": (gettext_lazy("Teams"), "organisation:team_admin_list"),
    "locations": (gettext_lazy("Locaties"), "organisation:location_admin_list"),
    "providers": (gettext_lazy("Aanbieders"), "organisation:provider_admin_list"),
    "disciplines": (gettext_lazy("Disciplines"), "organisation:discipline_admin_list"),
}


def administrator(request: HttpRequest) -> Actor:
    """The acting functional administrator; anyone else gets a 404 (never a 403)."""
    user = request.user
    if (
        not user.is_authenticated
        or getattr(user, "role", None) != Role.ADMINISTRATOR
        or getattr(user, "organisation_id", None) is None
    ):
        raise Http404
    return cast("Actor", user)


def _form_page(
    request: HttpRequest,
    *,
    form: BaseForm,
    save: Callable[[], object],
    section: str,
    title: str,
    intro: str = "",
) -> HttpResponse:
    """Create/edit page: on a valid POST save through the service, then POST-redirect-GET."""
    label, list_url_name = SECTIONS[section]
    list_url = reverse(list_url_name)
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(list_url)
    return render(
        request,
        "organisation/admin/form.html",
        {"form": form, "title": title, "intro": intro, "section_label": label, "section_url": list_url},
        status=400 if form.errors else 200,
    )


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# --- Overview and the organisation itself ------------------------------------------------------
@never_cache
@require_http_methods(["GET", "POST"])
def admin_home(request: HttpRequest) -> HttpResponse:
    actor = administrator(request)
    organisation = selectors.organisation_get(actor=actor)
    organisation_name = organisation.name
    form = OrganisationForm(_data(request), initial=OrganisationForm.initial_for(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(actor=actor, organisation=organisation, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("organisation:admin_home")
    teams = Team.objects.visible_to(actor).aggregate(
        total=Count("pk"), active=Count("pk", filter=Q(is_active=True))
    )
    staff = Organisation.objects.visible_to(actor).aggregate(
        active=Count("staff", filter=Q(staff__is_active=True))
    )
    counts = {
        "teams": teams["total"],
        "active_teams": teams["active"],
        "locations": Location.objects.visible_to(actor).count(),
        "providers": Provider.objects.visible_to(actor).count(),
        "disciplines": selectors.discipline_list(actor=actor).count(),
        "staff": staff["active"],
    }
    return render(
        request,
        "organisation/admin/home.html",
        {
            "organisation": organisation,
            "organisation_name": organisation_name,
            "form": form,
            "counts": counts,
        },
        status=400 if form.errors else 200,
    )


# --- Teams ------------------------------------------------------------------------------------
@never_cache
@require_GET
def team_admin_list(request: HttpRequest) -> HttpResponse:
    actor = administrator(request)
    teams = selectors.team_list(actor=actor, include_inactive=True).prefetch_related(
        Prefetch("locations", queryset=Location.objects.visible_to(actor).order_by("name"))
    )
    return render(request, "organisation/admin/team_list.html", {"teams": teams})


@never_cache
@require_http_methods(["GET", "POST"])
def team_admin_create(request: HttpRequest) -> HttpResponse:
    actor = administrator(request)
    organisation = selectors.organisation_get(actor=actor)
    form = TeamForm(_data(request), actor=actor, municipality_id=organisation.municipality_id)
    return _form_page(
        request,
        form=form,
        save=lambda: services.team_save(actor=actor, **form.service_kwargs()),
        section="teams",
        title=_("Nieuw team"),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def team_admin_edit(request: HttpRequest, team_id: int) -> HttpResponse:
    actor = administrator(request)
    team = selectors.team_get(actor=actor, team_id=team_id)
    organisation = selectors.organisation_get(actor=actor)
    form = TeamForm(
        _data(request),
        initial=TeamForm.initial_for(team),
        actor=actor,
        municipality_id=organisation.municipality_id,
        team=team,
    )
    return _form_page(
        request,
        form=form,
        save=lambda: services.team_save(actor=actor, team=team, **form.service_kwargs()),
        section="teams",
        title=_("Team %(name)s wijzigen") % {"name": team.name},
    )


# --- Locations --------------------------------------------------------------------------------
@never_cache
@require_GET
def location_admin_list(request: HttpRequest) -> HttpResponse:
    actor = administrator(request)
    locations = (
        selectors.location_list(actor=actor)
        .select_related("neighbourhood__district")
        .annotate(team_count=Count("teams", distinct=True))
    )
    return render(request, "organisation/admin/location_list.html", {"locations": locations})


@never_cache
@require_http_methods(["GET", "POST"])
def location_admin_create(request: HttpRequest) -> HttpResponse:
    actor = administrator(request)
    organisation = selectors.organisation_get(actor=actor)
    form = LocationForm(_data(request), actor=actor, municipality_id=organisation.municipality_id)
    return _form_page(
        request,
        form=form,
        save=lambda: services.location_save(actor=actor, **form.service_kwargs()),
        section="locations",
        title=_("Nieuwe locatie"),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def location_admin_edit(request: HttpRequest, location_id: int) -> HttpResponse:
    actor = administrator(request)
    location = selectors.location_get(actor=actor, location_id=location_id)
    organisation = selectors.organisation_get(actor=actor)
    form = LocationForm(
        _data(request),
        initial=LocationForm.initial_for(location),
        actor=actor,
        municipality_id=organisation.municipality_id,
        location=location,
    )
    return _form_page(
        request,
        form=form,
        save=lambda: services.location_save(actor=actor, location=location, **form.service_kwargs()),
        section="locations",
        title=_("Locatie %(name)s wijzigen") % {"name": location.name},
    )


# --- Providers --------------------------------------------------------------------------------
@never_cache
@require_GET
def provider_admin_list(request: HttpRequest) -> HttpResponse:
    actor = administrator(request)
    providers = selectors.provider_list(actor=actor).annotate(
        team_count=Count("teams", distinct=True),
        staff_count=Count("staff", filter=Q(staff__is_active=True), distinct=True),
    )
    return render(request, "organisation/admin/provider_list.html", {"providers": providers})


@never_cache
@require_http_methods(["GET", "POST"])
def provider_admin_create(request: HttpRequest) -> HttpResponse:
    actor = administrator(request)
    form = ProviderForm(_data(request), actor=actor)
    return _form_page(
        request,
        form=form,
        save=lambda: services.provider_save(actor=actor, **form.service_kwargs()),
        section="providers",
        title=_("Nieuwe aanbieder"),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def provider_admin_edit(request: HttpRequest, provider_id: int) -> HttpResponse:
    actor = administrator(request)
    provider = selectors.provider_get(actor=actor, provider_id=provider_id)
    form = ProviderForm(
        _data(request), initial=ProviderForm.initial_for(provider), actor=actor, provider=provider
    )
    return _form_page(
        request,
        form=form,
        save=lambda: services.provider_save(actor=actor, provider=provider, **form.service_kwargs()),
        section="providers",
        title=_("Aanbieder %(name)s wijzigen") % {"name": provider.name},
    )


# --- Disciplines ------------------------------------------------------------------------------
@never_cache
@require_GET
def discipline_admin_list(request: HttpRequest) -> HttpResponse:
    actor = administrator(request)
    disciplines = selectors.discipline_list(actor=actor).annotate(
        staff_count=Count("staff", filter=Q(staff__is_active=True), distinct=True)
    )
    return render(request, "organisation/admin/discipline_list.html", {"disciplines": disciplines})


@never_cache
@require_http_methods(["GET", "POST"])
def discipline_admin_create(request: HttpRequest) -> HttpResponse:
    actor = administrator(request)
    form = DisciplineForm(_data(request), actor=actor)
    return _form_page(
        request,
        form=form,
        save=lambda: services.discipline_save(actor=actor, **form.service_kwargs()),
        section="disciplines",
        title=_("Nieuwe discipline"),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def discipline_admin_edit(request: HttpRequest, discipline_id: int) -> HttpResponse:
    actor = administrator(request)
    discipline = selectors.discipline_get(actor=actor, discipline_id=discipline_id)
    form = DisciplineForm(
        _data(request), initial=DisciplineForm.initial_for(discipline), actor=actor, discipline=discipline
    )
    return _form_page(
        request,
        form=form,
        save=lambda: services.discipline_save(actor=actor, discipline=discipline, **form.service_kwargs()),
        section="disciplines",
        title=_("Discipline %(name)s wijzigen") % {"name": discipline.name},
        intro=_("Een andere code of naam geldt meteen voor alle medewerkers met deze discipline."),
    )

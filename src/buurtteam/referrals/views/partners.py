"""The partner directory: the administrator's screens under /beheer/ and the read-only directory.

Only a functional administrator reaches /beheer/netwerkpartners/; everyone else gets the ordinary 404,
as on the other /beheer/ screens. Every member of the organisation reads the directory at
/netwerkpartners/. Partners are tenant data (no residents); writes go through
:mod:`buurtteam.referrals.services.partners`, which checks the role and audits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtteam.core.forms import add_service_errors
from buurtteam.core.roles import Role
from buurtteam.organisation.views import administrator
from buurtteam.referrals import selectors
from buurtteam.referrals.forms.partners import ContactForm, PartnerFilterForm, PartnerForm
from buurtteam.referrals.services import partners as services

if TYPE_CHECKING:
    from django.forms import BaseForm

    from buurtteam.accounts.models import User
    from buurtteam.core.actor import Actor
    from buurtteam.referrals.models import PartnerOrganisation

FORM_TEMPLATE = "organisation/admin/form.html"


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _list_url() -> str:
    return reverse("referrals:partner_admin_list")


def _save_or_render(
    request: HttpRequest,
    *,
    form: BaseForm,
    save: Callable[[], object],
    title: str,
    done_url: Callable[[], str],
    intro: str = "",
) -> HttpResponse:
    """Create/edit page: on a valid POST save through the service, then POST-redirect-GET."""
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(done_url())
    return render(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "title": title,
            "intro": intro,
            "section_label": _("Netwerkpartners"),
            "section_url": _list_url(),
        },
        status=400 if form.errors else 200,
    )


def _taken_names(actor: Actor, partner: PartnerOrganisation | None = None) -> set[str]:
    return {p.name for p in selectors.partner_list(actor=actor) if partner is None or p.pk != partner.pk}


# --- The administrator's screens -------------------------------------------------------------------
@never_cache
@require_GET
def partner_admin_list(request: HttpRequest) -> HttpResponse:
    actor = administrator(request)
    filter_form = PartnerFilterForm(request.GET or None)
    filters = filter_form.filters()
    partners = selectors.partner_list(actor=actor, query=filters["query"], kind=filters["kind"])
    return render(
        request,
        "referrals/admin/partner_list.html",
        {
            "partners": partners,
            "filter_form": filter_form if filter_form.is_bound else PartnerFilterForm(),
            "filtered": any(filters.values()),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def partner_admin_create(request: HttpRequest) -> HttpResponse:
    actor = administrator(request)
    form = PartnerForm(_data(request), taken_names=_taken_names(actor))
    created: list[PartnerOrganisation] = []
    return _save_or_render(
        request,
        form=form,
        save=lambda: created.append(services.partner_save(actor=actor, **form.service_kwargs())),
        title=_("Nieuwe netwerkpartner"),
        done_url=lambda: reverse("referrals:partner_admin_edit", kwargs={"partner_id": created[0].pk}),
        intro=_("Na het opslaan kunt u contactpersonen toevoegen."),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def partner_admin_edit(request: HttpRequest, partner_id: int) -> HttpResponse:
    actor = administrator(request)
    partner = selectors.partner_get(actor=actor, partner_id=partner_id)
    name, contacts = partner.name, list(partner.contacts.all())
    form = PartnerForm(
        _data(request), initial=PartnerForm.initial_for(partner), taken_names=_taken_names(actor, partner)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_save(actor=actor, partner=partner, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(_list_url())
    return render(
        request,
        "referrals/admin/partner_edit.html",
        {"partner": partner, "name": name, "form": form, "contacts": contacts},
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def contact_admin_create(request: HttpRequest, partner_id: int) -> HttpResponse:
    actor = administrator(request)
    partner = selectors.partner_get(actor=actor, partner_id=partner_id)
    form = ContactForm(_data(request))
    return _save_or_render(
        request,
        form=form,
        save=lambda: services.contact_save(actor=actor, partner=partner, **form.service_kwargs()),
        title=_("Nieuwe contactpersoon bij %(name)s") % {"name": partner.name},
        done_url=lambda: reverse("referrals:partner_admin_edit", kwargs={"partner_id": partner.pk}),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def contact_admin_edit(request: HttpRequest, partner_id: int, contact_id: int) -> HttpResponse:
    actor = administrator(request)
    partner = selectors.partner_get(actor=actor, partner_id=partner_id)
    contact = selectors.contact_get(actor=actor, partner=partner, contact_id=contact_id)
    form = ContactForm(_data(request), initial=ContactForm.initial_for(contact))
    return _save_or_render(
        request,
        form=form,
        save=lambda: services.contact_save(
            actor=actor, partner=partner, contact=contact, **form.service_kwargs()
        ),
        title=_("Contactpersoon %(name)s wijzigen") % {"name": contact.name},
        done_url=lambda: reverse("referrals:partner_admin_edit", kwargs={"partner_id": partner.pk}),
    )


@require_POST
def contact_admin_delete(request: HttpRequest, partner_id: int, contact_id: int) -> HttpResponse:
    actor = administrator(request)
    partner = selectors.partner_get(actor=actor, partner_id=partner_id)
    contact = selectors.contact_get(actor=actor, partner=partner, contact_id=contact_id)
    name = contact.name
    try:
        services.contact_delete(actor=actor, contact=contact)
    except PermissionError as exc:
        raise Http404 from exc
    messages.success(request, _("Contactpersoon %(name)s is verwijderd.") % {"name": name})
    return redirect("referrals:partner_admin_edit", partner_id=partner.pk)


# --- The directory for every staff member -------------------------------------------------------------
@never_cache
@require_GET
def partner_directory(request: HttpRequest) -> HttpResponse:
    actor = cast("User", request.user)
    filter_form = PartnerFilterForm(request.GET or None)
    filters = filter_form.filters()
    partners = selectors.partner_list(
        actor=actor, query=filters["query"], kind=filters["kind"], active_only=True
    )
    return render(
        request,
        "referrals/directory/partner_list.html",
        {
            "partners": partners,
            "filter_form": filter_form if filter_form.is_bound else PartnerFilterForm(),
            "filtered": any(filters.values()),
            "is_administrator": actor.role == Role.ADMINISTRATOR,
        },
    )


@never_cache
@require_GET
def partner_directory_detail(request: HttpRequest, partner_id: int) -> HttpResponse:
    actor = cast("User", request.user)
    partner = selectors.partner_get(actor=actor, partner_id=partner_id)
    return render(
        request,
        "referrals/directory/partner_detail.html",
        {
            "partner": partner,
            "contacts": list(partner.contacts.all()),
            "is_administrator": actor.role == Role.ADMINISTRATOR,
        },
    )

"""Staff administration for the functional administrator ("Medewerkers" under Beheer).

Only an administrator of the organisation reaches these pages; anyone else gets the ordinary 404.
Every look at staff data is audited (the list once per page, a single account via ``staff_get``), and
every change goes through :mod:`buurtteam.accounts.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtteam.accounts import selectors, services
from buurtteam.accounts.admin_forms import StaffFilterForm, StaffForm, WelcomeMailForm
from buurtteam.accounts.models import User
from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.core.forms import add_service_errors
from buurtteam.core.roles import Role

STAFF_PER_PAGE = 50


def _administrator(request: HttpRequest) -> User:
    """The acting functional administrator; anyone else gets a 404 (never a 403)."""
    user = request.user
    if not isinstance(user, User) or user.role != Role.ADMINISTRATOR or user.organisation_id is None:
        raise Http404
    return user


def _send_password_link(request: HttpRequest, staff: User) -> None:
    mail = WelcomeMailForm(staff=staff)
    if mail.is_valid():
        mail.save(
            request=request,
            use_https=request.is_secure(),
            subject_template_name="accounts/admin/email/welcome_subject.txt",
            email_template_name="accounts/admin/email/welcome.txt",
            extra_email_context={"valid_hours": str(max(1, settings.PASSWORD_RESET_TIMEOUT // 3600))},
        )


@never_cache
@require_GET
def staff_admin_list(request: HttpRequest) -> HttpResponse:
    actor = _administrator(request)
    form = StaffFilterForm(request.GET or None, actor=actor)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    team = filters.get("team")
    query = str(filters.get("q") or "")
    staff = selectors.staff_list(
        actor=actor,
        query=query,
        team_id=team.pk if team is not None else None,
        include_inactive=bool(filters.get("inactive")),
    ).order_by("first_name", "last_name", "pk")
    page = Paginator(staff, STAFF_PER_PAGE).get_page(request.GET.get("pagina"))
    shown = [member.pk for member in page]
    if shown:
        record(
            actor=actor,
            action=Action.READ,
            object_type="staff_list",
            subject_type="staff",
            details={
                "staff_ids": shown,
                "query": query,
                "team_id": team.pk if team is not None else None,
                "page": page.number,
            },
        )
    params = request.GET.copy()
    params.pop("pagina", None)
    return render(
        request,
        "accounts/admin/staff_list.html",
        {"form": form, "page": page, "query": params.urlencode()},
    )


@never_cache
@sensitive_post_parameters("email", "phone")
@require_http_methods(["GET", "POST"])
def staff_admin_create(request: HttpRequest) -> HttpResponse:
    actor = _administrator(request)
    form = StaffForm(request.POST if request.method == "POST" else None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            staff = services.staff_create(actor=actor, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            _send_password_link(request, staff)
            messages.success(
                request,
                _("Opgeslagen. %(name)s krijgt een e-mail op %(email)s om een wachtwoord in te stellen.")
                % {"name": staff.full_name, "email": staff.email},
            )
            return redirect("accounts:staff_admin_list")
    return render(
        request,
        "accounts/admin/staff_form.html",
        {"form": form, "title": _("Nieuwe medewerker"), "staff": None},
        status=400 if form.errors else 200,
    )


@never_cache
@sensitive_post_parameters("email", "phone")
@require_http_methods(["GET", "POST"])
def staff_admin_edit(request: HttpRequest, staff_id: int) -> HttpResponse:
    actor = _administrator(request)
    staff = selectors.staff_get(actor=actor, staff_id=staff_id)  # audited
    name = staff.full_name
    form = StaffForm(
        request.POST if request.method == "POST" else None,
        initial=StaffForm.initial_for(staff),
        actor=actor,
        staff=staff,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_update(actor=actor, staff=staff, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("accounts:staff_admin_list")
    return render(
        request,
        "accounts/admin/staff_form.html",
        {
            "form": form,
            "title": _("%(name)s wijzigen") % {"name": name},
            "staff": staff,
            "has_2fa": services.has_confirmed_device(staff),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def staff_admin_reset_2fa(request: HttpRequest, staff_id: int) -> HttpResponse:
    actor = _administrator(request)
    staff = selectors.staff_get(actor=actor, staff_id=staff_id)  # audited
    if request.method == "POST":
        try:
            services.staff_reset_two_factor(actor=actor, staff=staff)
        except PermissionError as exc:
            raise Http404 from exc
        messages.success(
            request,
            _(
                "De tweestapsverificatie van %(name)s is gereset. Bij de volgende keer inloggen "
                "koppelt %(name)s een nieuwe authenticator-app."
            )
            % {"name": staff.full_name},
        )
        return redirect("accounts:staff_admin_edit", staff_id=staff.pk)
    return render(
        request,
        "accounts/admin/staff_reset_2fa.html",
        {"staff": staff, "has_2fa": services.has_confirmed_device(staff)},
    )


@never_cache
@require_POST
def staff_admin_send_link(request: HttpRequest, staff_id: int) -> HttpResponse:
    """Send a fresh link to set a password, e.g. when the first one expired or was lost."""
    actor = _administrator(request)
    staff = selectors.staff_get(actor=actor, staff_id=staff_id)  # audited
    try:
        services.staff_password_link_sent(actor=actor, staff=staff)
    except PermissionError as exc:
        raise Http404 from exc
    _send_password_link(request, staff)
    messages.success(
        request,
        _("%(name)s krijgt een nieuwe e-mail op %(email)s om een wachtwoord in te stellen.")
        % {"name": staff.full_name, "email": staff.email},
    )
    return redirect("accounts:staff_admin_edit", staff_id=staff.pk)

"""Registration (aanmelding) on one screen: the resident (new or found) and their question.

A new resident is first checked against existing records (exact BSN; similar name with the same birth
date or postcode). The resident and the case are written in one transaction: if registering the
question fails, no resident is left behind either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from buurtteam.cases.forms.registration import (
    REQUIRED_FIELD_COUNT,
    QuestionForm,
    ResidentForm,
    duplicate_check_kwargs,
)
from buurtteam.cases.selectors.registration import duplicate_rows, team_name
from buurtteam.cases.selectors.residents import DuplicateCandidate, find_duplicates, resident_get
from buurtteam.cases.services.registration import case_register
from buurtteam.core.forms import add_service_errors
from buurtteam.core.roles import Role
from buurtteam.organisation import selectors as org_selectors
from buurtteam.residents.services import resident_create

if TYPE_CHECKING:
    from django.forms import BaseForm

    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor
    from buurtteam.residents.models import Resident

TEMPLATE = "cases/registration/register.html"


def case_worker(request: HttpRequest) -> Actor:
    """Someone who works with residents: a member of an organisation, not a policy officer (404 otherwise)."""
    user = request.user
    if (
        not user.is_authenticated
        or getattr(user, "organisation_id", None) is None
        or getattr(user, "role", None) == Role.POLICY_OFFICER
    ):
        raise Http404
    return cast("Actor", user)


def parse_id(value: str | None) -> int | None:
    """An id from a query string or form; anything unreadable is a 404, like a missing object."""
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError as exc:
        raise Http404 from exc
    if not 0 < number < 2**63:
        raise Http404
    return number


def case_url(case: Case) -> str | None:
    """The case page, once it exists (it is built in cases/views/dossier.py)."""
    try:
        return reverse("cases:case_detail", kwargs={"case_id": case.pk})
    except NoReverseMatch:
        return None


def put_errors(exc: ValidationError, forms: list[BaseForm]) -> None:
    """A service's ValidationError on the bound form that has the field, else above the last form."""
    bound = [f for f in forms if f.is_bound]
    fallback = bound[-1]
    if not hasattr(exc, "error_dict"):
        add_service_errors(fallback, exc)
        return
    for name, errors in exc.error_dict.items():
        target = next((f for f in bound if name in f.fields), None)
        if target is None:
            add_service_errors(fallback, ValidationError(errors))
        else:
            add_service_errors(target, ValidationError({name: errors}))


def _chosen_resident(request: HttpRequest, actor: Actor) -> Resident | None:
    """The existing resident picked in the search (?resident=) or with "Deze inwoner gebruiken"."""
    source = request.POST if request.method == "POST" else request.GET
    resident_id = parse_id(source.get("resident"))
    if resident_id is None:
        return None
    return resident_get(actor=actor, resident_id=resident_id)  # audited; 404 if not visible


@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    actor = case_worker(request)
    organisation = org_selectors.organisation_get(actor=actor)
    existing = _chosen_resident(request, actor)
    data = request.POST if request.method == "POST" else None
    resident_form = ResidentForm(
        data if existing is None else None,
        bsn_enabled=organisation.bsn_enabled,
        initial={"city": organisation.municipality.name},
    )
    question_form = QuestionForm(data)
    if data is None:  # keyboard-fast: the cursor starts where the typing starts
        first = question_form if existing is not None else resident_form
        first.fields["question" if existing is not None else "first_name"].widget.attrs["autofocus"] = True
    duplicates: list[DuplicateCandidate] = []
    context: dict[str, Any] = {}
    if request.method == "POST":
        resident_ok = existing is not None or resident_form.is_valid()
        if question_form.is_valid() and resident_ok:
            if existing is None:
                duplicates = find_duplicates(actor=actor, **resident_form.duplicate_kwargs())
                same_bsn = any("bsn" in c.reasons for c in duplicates)
                if same_bsn:
                    resident_form.add_error(
                        "bsn", _("Er is al een inwoner met dit BSN. Kies die inwoner hieronder.")
                    )
                elif duplicates and not resident_form.cleaned_data["new_anyway"]:
                    context["confirm_duplicates"] = True
            if not resident_form.errors and "confirm_duplicates" not in context:
                try:
                    with transaction.atomic():
                        client = existing or resident_create(actor=actor, **resident_form.service_kwargs())
                        case = case_register(actor=actor, client=client, **question_form.service_kwargs())
                except ValidationError as exc:
                    put_errors(exc, [resident_form, question_form])
                except PermissionError as exc:
                    raise Http404 from exc
                else:
                    return _registered(request, actor, case, client)
    invalid = bool(question_form.errors or (existing is None and resident_form.errors))
    context.update(
        {
            "resident_form": resident_form,
            "question_form": question_form,
            "existing": existing,
            "duplicates": duplicate_rows(actor=actor, candidates=duplicates),
            "same_bsn": any("bsn" in c.reasons for c in duplicates),
            "new_anyway_checked": bool(data and data.get("new_anyway")),
            "bsn_enabled": organisation.bsn_enabled,
            "required_field_count": REQUIRED_FIELD_COUNT,
        }
    )
    return render(request, TEMPLATE, context, status=400 if invalid else 200)


def _registered(request: HttpRequest, actor: Actor, case: Case, client: Resident) -> HttpResponse:
    """Success: say where the question went, then show the case (or a fresh form if it left the team)."""
    reference = case.reference
    forwarded = case.team_id not in actor.team_ids
    if case.closed_at_registration:
        messages.success(
            request, _("Aanmelding %(ref)s is vastgelegd en meteen afgesloten.") % {"ref": reference}
        )
    elif forwarded:
        messages.success(
            request,
            _("Aanmelding %(ref)s is vastgelegd en doorgezet naar %(team)s: het adres ligt in hun gebied.")
            % {"ref": reference, "team": team_name(actor=actor, team_id=case.team_id)},
        )
    else:
        messages.success(request, _("Aanmelding %(ref)s is vastgelegd.") % {"ref": reference})
    if forwarded:
        return redirect("cases:register")
    return redirect(case_url(case) or reverse("cases:resident_detail", kwargs={"resident_id": client.pk}))


@never_cache
@require_POST
def register_duplicates(request: HttpRequest) -> HttpResponse:
    """htmx, on leaving a field of the resident block: possible duplicates, before the form is sent."""
    actor = case_worker(request)
    organisation = org_selectors.organisation_get(actor=actor)
    kwargs = duplicate_check_kwargs(request.POST, bsn_enabled=organisation.bsn_enabled)
    duplicates = find_duplicates(actor=actor, **kwargs) if kwargs else []
    return render(
        request,
        f"{TEMPLATE}#duplicates",
        {
            "duplicates": duplicate_rows(actor=actor, candidates=duplicates),
            "same_bsn": any("bsn" in c.reasons for c in duplicates),
            "new_anyway_checked": bool(request.POST.get("new_anyway")),
        },
    )

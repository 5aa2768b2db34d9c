"""Referrals and agreements on the case page: the section's data, and the pages its forms post to.

The section (``referrals/dossier/_section.html``) is part of the full case page; ``section_context``
adds what it shows besides the hook's lists (rows with waiting time and bridging, and the forms). Its
forms post to the views below: a valid post goes through the service and back to the case page; a
refused one shows the form again on its own page with the Dutch message (status 400; nothing changed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from buurtteam.cases.models import Status
from buurtteam.cases.selectors import cases as case_selectors
from buurtteam.cases.selectors import dossier_extra
from buurtteam.core.forms import add_service_errors
from buurtteam.referrals import selectors
from buurtteam.referrals.forms.referrals import AgreementForm, ReferralForm, StepForm
from buurtteam.referrals.services import agreements
from buurtteam.referrals.services import referrals as referral_services

if TYPE_CHECKING:
    import datetime

    from django.forms import BaseForm

    from buurtteam.accounts.models import User
    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor
    from buurtteam.referrals.models import Agreement, BridgingPlan, Referral

SECTION_ANCHOR = "verwijzingen"
FORM_TEMPLATE = "referrals/case_form.html"


def _actor(request: HttpRequest) -> User:
    return cast("User", request.user)


def case_url(case_id: int, anchor: str = SECTION_ANCHOR) -> str:
    url = reverse("cases:case_detail", kwargs={"case_id": case_id})
    return f"{url}#{anchor}" if anchor else url


def referral_url(case_id: int, referral_id: int, anchor: str = "") -> str:
    url = reverse("referrals:referral_detail", kwargs={"case_id": case_id, "referral_id": referral_id})
    return f"{url}#{anchor}" if anchor else url


def plan_of(referral: Referral) -> BridgingPlan | None:
    """The referral's bridging plan, when it has one (loaded with ``select_related``)."""
    try:
        return referral.bridging
    except ObjectDoesNotExist:
        return None


@dataclass(frozen=True)
class ReferralRow:
    referral: Referral
    plan: BridgingPlan | None
    waiting_days: int | None  # while the resident waits: days since sending
    overdue_days: int  # days past the agreed check-in (0: on time)
    url: str

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def referral_row(referral: Referral, *, today: datetime.date) -> ReferralRow:
    plan = plan_of(referral)
    waiting = None
    if referral.is_waiting and referral.sent_at is not None:
        waiting = (today - timezone.localdate(referral.sent_at)).days
    overdue = (today - plan.next_due).days if plan is not None and plan.active else 0
    return ReferralRow(
        referral=referral,
        plan=plan,
        waiting_days=waiting,
        overdue_days=max(overdue, 0),
        url=referral_url(referral.case_id, referral.pk),
    )


def _choices(actor: Actor, case: Case) -> dict[str, Any]:
    """What the forms offer: active partners, the instrument's life domains, the household's goals."""
    return {
        "partners": list(selectors.partner_list(actor=actor, active_only=True)),
        "domains": selectors.life_domains(actor=actor, case=case),
        "goals": selectors.plan_goals(actor=actor, case=case),
    }


def section_context(
    actor: Actor, case: Case, referrals: list[Referral], agreements_: list[Agreement]
) -> dict[str, Any]:
    """The section's rows (a fixed number of queries). Its two forms load on demand from their own pages."""
    today = timezone.localdate()
    is_open = case.status != Status.CLOSED
    context: dict[str, Any] = {
        "rows": [referral_row(r, today=today) for r in referrals],
        "is_open": is_open,
        "today": today,
    }
    return context


def _form_page(
    request: HttpRequest,
    case: Case,
    *,
    form: BaseForm,
    title: str,
    action: str,
    submit: str,
    status: int,
    agreement: Agreement | None = None,
    end_form: BaseForm | None = None,
) -> HttpResponse:
    return render(
        request,
        FORM_TEMPLATE,
        {
            "case": case,
            "form": form,
            "title": title,
            "action": action,
            "submit": submit,
            "back_url": case_url(case.pk),
            "agreement": agreement,
            "end_form": end_form,
        },
        status=status,
    )


def _run(form: BaseForm, run: Callable[[], object]) -> bool:
    """Validate, call the service; False (with the message on the form) when refused."""
    if not form.is_valid():
        return False
    try:
        run()
    except ValidationError as exc:  # CaseStepError is a ValidationError
        add_service_errors(form, exc)
        return False
    except PermissionError as exc:
        raise Http404 from exc
    return True


# --- Verwijzen --------------------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = _actor(request)
    if request.method == "POST":
        case = dossier_extra.case_for_write(actor=actor, case_id=case_id)
        choices = _choices(actor, case)
        form = ReferralForm(request.POST, prefix="referral", **choices)
        made: list[Referral] = []
        if _run(
            form,
            lambda: made.append(
                referral_services.referral_propose(actor=actor, case=case, **form.service_kwargs())
            ),
        ):
            messages.success(
                request,
                _(
                    "De verwijzing is voorgesteld. Leg nu de toestemming van de inwoner vast; daarna kunt u "
                    "de verwijzing versturen."
                ),
            )
            return redirect(referral_url(case.pk, made[0].pk))
        status = 400
    else:
        status = 200
    case = case_selectors.case_get_full(actor=actor, case_id=case_id)
    if request.method == "GET":
        form = ReferralForm(prefix="referral", **_choices(actor, case))
    return _form_page(
        request,
        case,
        form=form,
        title=_("Verwijzen naar een netwerkpartner"),
        action=reverse("referrals:referral_create", kwargs={"case_id": case.pk}),
        submit=_("Verwijzing voorstellen"),
        status=status,
    )


# --- Agreements -------------------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = _actor(request)
    if request.method == "POST":
        case = dossier_extra.case_for_write(actor=actor, case_id=case_id)
        choices = _choices(actor, case)
        form = AgreementForm(
            request.POST, prefix="agreement", partners=choices["partners"], goals=choices["goals"]
        )
        if _run(form, lambda: agreements.agreement_add(actor=actor, case=case, **form.service_kwargs())):
            messages.success(request, _("De afspraak is vastgelegd."))
            return redirect(case_url(case.pk, "afspraken"))
        status = 400
    else:
        status = 200
    case = case_selectors.case_get_full(actor=actor, case_id=case_id)
    if request.method == "GET":
        choices = _choices(actor, case)
        form = AgreementForm(
            prefix="agreement",
            partners=choices["partners"],
            goals=choices["goals"],
            initial={"starts_on": timezone.localdate()},
        )
    return _form_page(
        request,
        case,
        form=form,
        title=_("Afspraak vastleggen"),
        action=reverse("referrals:agreement_create", kwargs={"case_id": case.pk}),
        submit=_("Afspraak opslaan"),
        status=status,
    )


def _agreement_page(
    request: HttpRequest,
    actor: Actor,
    case_id: int,
    agreement_id: int,
    *,
    form: BaseForm | None = None,
    end_form: BaseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    case = case_selectors.case_get_full(actor=actor, case_id=case_id)
    agreement = selectors.agreement_get(actor=actor, case=case, agreement_id=agreement_id)
    if form is None:
        choices = _choices(actor, case)
        form = AgreementForm(
            prefix="agreement",
            partners=choices["partners"],
            goals=choices["goals"],
            initial=AgreementForm.initial_for(agreement),
        )
    return _form_page(
        request,
        case,
        form=form,
        title=_("Afspraak met %(who)s") % {"who": agreement.party},
        action=reverse("referrals:agreement_edit", kwargs={"case_id": case.pk, "agreement_id": agreement.pk}),
        submit=_("Wijziging opslaan"),
        status=status,
        agreement=agreement,
        end_form=end_form or StepForm(prefix="end"),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    actor = _actor(request)
    if request.method == "GET":
        return _agreement_page(request, actor, case_id, agreement_id)
    case = dossier_extra.case_for_write(actor=actor, case_id=case_id)
    agreement = selectors.agreement_get(actor=actor, case=case, agreement_id=agreement_id)
    choices = _choices(actor, case)
    form = AgreementForm(
        request.POST, prefix="agreement", partners=choices["partners"], goals=choices["goals"]
    )
    if _run(
        form,
        lambda: agreements.agreement_update(actor=actor, agreement=agreement, **form.service_kwargs()),
    ):
        messages.success(request, _("De afspraak is gewijzigd."))
        return redirect(case_url(case.pk, "afspraken"))
    return _agreement_page(request, actor, case_id, agreement_id, form=form, status=400)


@require_POST
def agreement_end(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    actor = _actor(request)
    case = dossier_extra.case_for_write(actor=actor, case_id=case_id)
    agreement = selectors.agreement_get(actor=actor, case=case, agreement_id=agreement_id)
    form = StepForm(request.POST, prefix="end")
    if _run(form, lambda: agreements.agreement_end(actor=actor, agreement=agreement)):
        messages.success(request, _("De afspraak is beëindigd."))
        return redirect(case_url(case.pk, "afspraken"))
    return _agreement_page(request, actor, case_id, agreement_id, end_form=form, status=400)

"""The referral page and one POST-only view per step (consent, send, answer, wait, start, finish, cancel,
feedback, bridging plan, check-in).

Reading needs full access to the case (``selectors.referral_get``, audited); a referral of another case
than the one in the URL is a 404. Each step posts to its own URL, looks the referral up without a read
event (the service records the write), and either redirects back with a message or shows the page again
with the Dutch error on the step's form (status 400; the service changed nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from buurtteam.cases.models import Status
from buurtteam.cases.selectors import dossier_extra
from buurtteam.core.forms import add_service_errors
from buurtteam.referrals import selectors
from buurtteam.referrals.forms.referrals import (
    AcceptForm,
    BridgingForm,
    CancelForm,
    CheckInForm,
    ConsentForm,
    FeedbackForm,
    FinishForm,
    RejectForm,
    SendForm,
    StartForm,
    WaitForm,
    WithdrawForm,
)
from buurtteam.referrals.models import WAITING_STATUSES, ReferralStatus
from buurtteam.referrals.rules import TRANSITIONS
from buurtteam.referrals.services import bridging
from buurtteam.referrals.services import referrals as services
from buurtteam.referrals.views.case import case_url, plan_of, referral_row, referral_url

if TYPE_CHECKING:
    from django.forms import BaseForm

    from buurtteam.accounts.models import User
    from buurtteam.cases.models import Case
    from buurtteam.referrals.models import BridgingPlan, Referral

TEMPLATE = "referrals/referral/detail.html"
STEP_ANCHOR = "volgende-stap"
# When consent can still be recorded (as the service checks).
CONSENT_STATUSES = {ReferralStatus.PROPOSED, *WAITING_STATUSES, ReferralStatus.STARTED}
# The step forms, keyed by the status they move the referral to; these steps need an open case.
STEPS = ("sent", "accepted", "rejected", "waiting", "started", "finished", "cancelled")
NEEDS_OPEN_CASE = {
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.REJECTED,
    ReferralStatus.WAITING,
    ReferralStatus.STARTED,
}


def _actor(request: HttpRequest) -> User:
    return cast("User", request.user)


# --- The page ---------------------------------------------------------------------------------------
@never_cache
@require_GET
def referral_detail(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    return _page(request, case_id, referral_id)


def _page(
    request: HttpRequest,
    case_id: int,
    referral_id: int,
    *,
    bound: dict[str, BaseForm] | None = None,
    failed: str = "",
    status: int = 200,
) -> HttpResponse:
    actor = _actor(request)
    referral = selectors.referral_get(actor=actor, referral_id=referral_id)
    if referral.case_id != case_id:
        raise Http404
    bound = bound or {}
    case = referral.case
    today = timezone.localdate()
    is_open = case.status != Status.CLOSED
    plan = plan_of(referral)
    consents = list(referral.consents.all())
    allowed = TRANSITIONS.get(referral.status, frozenset())
    # Show a step when the rules allow it (and the case is open where the service asks for that), or when
    # its form just failed: the message must be visible.
    steps = {
        step: (step in allowed and (is_open or step not in NEEDS_OPEN_CASE)) or step in bound
        for step in STEPS
    }
    plan_active = plan is not None and plan.active
    can_check_in = plan_active and referral.is_waiting and is_open
    need_colleagues = (steps["sent"] or (plan_active and is_open)) or "sent" in bound or "bridging" in bound
    colleagues = selectors.case_workers(actor=actor, case=case) if need_colleagues else []

    def form(key: str, make: Callable[[], BaseForm]) -> BaseForm:
        return bound.get(key) or make()

    names = dossier_extra.user_names(actor=actor, user_ids=[c.recorded_by_id for c in consents])

    def withdraw_form(consent_id: int) -> BaseForm:
        key = f"withdraw-{consent_id}"
        return bound.get(key) or WithdrawForm(prefix=key, initial={"withdrawn_on": today})

    consent_rows = [
        {
            "consent": c,
            "recorded_by": names.get(c.recorded_by_id or 0, ""),
            "withdraw_form": withdraw_form(c.pk) if c.is_active or f"withdraw-{c.pk}" in bound else None,
        }
        for c in consents
    ]
    forms: dict[str, BaseForm] = {
        "consent": form(
            "consent", lambda: ConsentForm(prefix="consent", initial={"given_on": today, "form": "verbal"})
        ),
        "sent": form(
            "sent",
            lambda: SendForm(
                prefix="send", colleagues=colleagues, initial={"contact": str(actor.pk), "interval_days": 14}
            ),
        ),
        "accepted": form(
            "accepted",
            lambda: AcceptForm(prefix="accept", initial={"expected_start": referral.expected_start}),
        ),
        "rejected": form("rejected", lambda: RejectForm(prefix="reject")),
        "waiting": form(
            "waiting", lambda: WaitForm(prefix="wait", initial={"expected_start": referral.expected_start})
        ),
        "started": form("started", lambda: StartForm(prefix="start", initial={"started_on": today})),
        "finished": form("finished", lambda: FinishForm(prefix="finish")),
        "cancelled": form("cancelled", lambda: CancelForm(prefix="cancel")),
        "feedback": form("feedback", lambda: FeedbackForm(prefix="feedback")),
    }
    if plan is not None:
        forms["bridging"] = form(
            "bridging",
            lambda: BridgingForm(
                prefix="bridging",
                colleagues=colleagues,
                initial={
                    "contact": str(plan.contact_id),
                    "interval_days": plan.interval_days,
                    "support": plan.support,
                },
            ),
        )
        local = timezone.localtime()
        forms["check_in"] = form(
            "check_in",
            lambda: CheckInForm(
                prefix="check-in",
                initial={"occurred_on": local.date(), "occurred_time": local.strftime("%H:%M")},
            ),
        )
    check_ins = selectors.check_ins(actor=actor, plan=plan) if plan is not None else []
    context: dict[str, Any] = {
        "case": case,
        "referral": referral,
        "row": referral_row(referral, today=today),
        "plan": plan,
        "plan_active": plan_active,
        "check_ins": check_ins,
        "consent_rows": consent_rows,
        "has_active_consent": any(c.is_active for c in consents),
        "can_record_consent": (is_open and referral.status in CONSENT_STATUSES) or "consent" in bound,
        "can_feedback": referral.status != ReferralStatus.PROPOSED or "feedback" in bound,
        "can_edit_bridging": (plan_active and is_open) or "bridging" in bound,
        "can_check_in": can_check_in or "check_in" in bound,
        "steps": steps,
        "any_step": any(steps.values()),
        "forms": forms,
        "is_open": is_open,
        "today": today,
        "failed": failed,
        "case_url": case_url(case.pk),
    }
    return render(request, TEMPLATE, context, status=status)


# --- The steps --------------------------------------------------------------------------------------
def _for_write(request: HttpRequest, case_id: int, referral_id: int) -> tuple[User, Case, Referral]:
    actor = _actor(request)
    case = dossier_extra.case_for_write(actor=actor, case_id=case_id)
    referral = selectors.referral_for_write(actor=actor, case=case, referral_id=referral_id)
    return actor, case, referral


def _step(
    request: HttpRequest,
    case: Case,
    referral: Referral,
    *,
    key: str,
    form: BaseForm,
    run: Callable[[], object],
    anchor: str,
    success: str,
) -> HttpResponse:
    """Validate, call the service, and redirect; or show the page again with the error on the form."""
    if form.is_valid():
        try:
            run()
        except ValidationError as exc:  # CaseStepError is a ValidationError
            add_service_errors(form, exc)
        except PermissionError as exc:
            raise Http404 from exc
        else:
            messages.success(request, success)
            return redirect(referral_url(case.pk, referral.pk, anchor))
    return _page(request, case.pk, referral.pk, bound={key: form}, failed=anchor, status=400)


@require_POST
def consent_record(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    form = ConsentForm(request.POST, prefix="consent")
    return _step(
        request,
        case,
        referral,
        key="consent",
        form=form,
        run=lambda: services.consent_record(actor=actor, referral=referral, **form.cleaned_data),
        anchor="toestemming",
        success=_("De toestemming is vastgelegd."),
    )


@require_POST
def consent_withdraw(request: HttpRequest, case_id: int, referral_id: int, consent_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    consent = selectors.consent_get(actor=actor, referral=referral, consent_id=consent_id)
    consent.referral = referral  # already loaded, with its case
    form = WithdrawForm(request.POST, prefix=f"withdraw-{consent.pk}")
    return _step(
        request,
        case,
        referral,
        key=f"withdraw-{consent.pk}",
        form=form,
        run=lambda: services.consent_withdraw(actor=actor, consent=consent, **form.cleaned_data),
        anchor="toestemming",
        success=_("De toestemming is ingetrokken. Zonder geldige toestemming kan niet worden verstuurd."),
    )


@require_POST
def referral_send(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    colleagues = selectors.case_workers(actor=actor, case=case)
    form = SendForm(request.POST, prefix="send", colleagues=colleagues)
    return _step(
        request,
        case,
        referral,
        key="sent",
        form=form,
        run=lambda: services.referral_send(actor=actor, referral=referral, **form.service_kwargs()),
        anchor=STEP_ANCHOR,
        success=_("De verwijzing is verstuurd. De overbrugging loopt tot de hulp start."),
    )


@require_POST
def referral_accept(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    form = AcceptForm(request.POST, prefix="accept")
    return _step(
        request,
        case,
        referral,
        key="accepted",
        form=form,
        run=lambda: services.referral_answer(
            actor=actor, referral=referral, accepted=True, expected_start=form.cleaned_data["expected_start"]
        ),
        anchor=STEP_ANCHOR,
        success=_("De acceptatie door de partner is vastgelegd."),
    )


@require_POST
def referral_reject(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    form = RejectForm(request.POST, prefix="reject")
    return _step(
        request,
        case,
        referral,
        key="rejected",
        form=form,
        run=lambda: services.referral_answer(
            actor=actor, referral=referral, accepted=False, reason=form.cleaned_data["reason"]
        ),
        anchor=STEP_ANCHOR,
        success=_("De afwijzing is vastgelegd; de overbrugging is gestopt."),
    )


@require_POST
def referral_wait(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    form = WaitForm(request.POST, prefix="wait")
    return _step(
        request,
        case,
        referral,
        key="waiting",
        form=form,
        run=lambda: services.referral_wait(
            actor=actor, referral=referral, expected_start=form.cleaned_data["expected_start"]
        ),
        anchor=STEP_ANCHOR,
        success=_("De verwijzing staat op de wachtlijst; de overbrugging loopt door."),
    )


@require_POST
def referral_start(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    form = StartForm(request.POST, prefix="start")
    return _step(
        request,
        case,
        referral,
        key="started",
        form=form,
        run=lambda: services.referral_start(
            actor=actor, referral=referral, started_on=form.cleaned_data["started_on"]
        ),
        anchor=STEP_ANCHOR,
        success=_("De start van de hulp is vastgelegd; de overbrugging is gestopt."),
    )


@require_POST
def referral_finish(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    form = FinishForm(request.POST, prefix="finish")
    return _step(
        request,
        case,
        referral,
        key="finished",
        form=form,
        run=lambda: services.referral_finish(
            actor=actor, referral=referral, feedback=form.cleaned_data["feedback"]
        ),
        anchor=STEP_ANCHOR,
        success=_("De hulp is afgerond."),
    )


@require_POST
def referral_cancel(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    form = CancelForm(request.POST, prefix="cancel")
    return _step(
        request,
        case,
        referral,
        key="cancelled",
        form=form,
        run=lambda: services.referral_cancel(
            actor=actor, referral=referral, reason=form.cleaned_data["reason"]
        ),
        anchor=STEP_ANCHOR,
        success=_("De verwijzing is geannuleerd."),
    )


@require_POST
def referral_feedback(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    form = FeedbackForm(request.POST, prefix="feedback")
    return _step(
        request,
        case,
        referral,
        key="feedback",
        form=form,
        run=lambda: services.referral_feedback(
            actor=actor, referral=referral, feedback=form.cleaned_data["feedback"]
        ),
        anchor="terugkoppeling",
        success=_("De terugkoppeling is vastgelegd."),
    )


def _plan(referral: Referral, plan_id: int) -> BridgingPlan:
    plan = plan_of(referral)
    if plan is None or plan.pk != plan_id:
        raise Http404
    return plan


@require_POST
def bridging_update(request: HttpRequest, case_id: int, referral_id: int, plan_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    plan = _plan(referral, plan_id)
    colleagues = selectors.case_workers(actor=actor, case=case)
    form = BridgingForm(request.POST, prefix="bridging", colleagues=colleagues)
    return _step(
        request,
        case,
        referral,
        key="bridging",
        form=form,
        run=lambda: bridging.bridging_update(actor=actor, plan=plan, **form.service_kwargs()),
        anchor="overbrugging",
        success=_("Het overbruggingsplan is aangepast."),
    )


@require_POST
def check_in_record(request: HttpRequest, case_id: int, referral_id: int, plan_id: int) -> HttpResponse:
    actor, case, referral = _for_write(request, case_id, referral_id)
    plan = _plan(referral, plan_id)
    form = CheckInForm(request.POST, prefix="check-in")
    return _step(
        request,
        case,
        referral,
        key="check_in",
        form=form,
        run=lambda: bridging.check_in_record(actor=actor, plan=plan, **form.service_kwargs()),
        anchor="overbrugging",
        success=_("Het overbruggingscontact is vastgelegd; het volgende contact staat gepland."),
    )

"""Referrals to network partners: propose, the resident's consent, and the steps of the referral.

Everything here needs full access to the case, as in the dossier. Reads are audited (``case_get_full``,
``referral_get``); every step goes through ``referrals.services.referrals``, which checks access again,
refuses an impossible step with a Dutch message (400, nothing written) and audits the change. Sending needs a
consent that is not withdrawn, and starts the bridging plan (``bridging`` in the response).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.params import P, PathEx

from buurtteam.api import schemas as s
from buurtteam.api import schemas_referrals as r
from buurtteam.api.common import READ_ERRORS, WRITE_ERRORS, actor_of
from buurtteam.api.errors import field_names
from buurtteam.api.routers.dossier import domains_by_code
from buurtteam.api.selectors import case_for_write
from buurtteam.api.selectors_referrals import referral_after_write, referral_for_write
from buurtteam.cases.selectors.cases import case_get_full
from buurtteam.referrals.models import BridgingPlan, Consent, Referral
from buurtteam.referrals.selectors import case_referrals, consent_get, referral_get
from buurtteam.referrals.services import referrals

router = Router(tags=["referrals"])

ID = P(ge=1, le=s.MAX_ID)
API_FIELDS = {"partner": "partner_id", "goal": "goal_id", "user": "contact_id", "contact": "contact_id"}


def consent_out(item: Consent) -> r.ConsentOut:
    return r.ConsentOut(
        id=item.pk,
        given_by=item.given_by,
        purpose=item.purpose,
        form=s.choice(item.form),
        given_on=item.given_on,
        recorded_by_id=item.recorded_by_id,
        recorded_at=item.recorded_at,
        withdrawn_on=item.withdrawn_on,
        withdrawn_reason=item.withdrawn_reason,
        active=item.is_active,
    )


def plan_out(plan: BridgingPlan) -> r.BridgingPlanOut:
    return r.BridgingPlanOut(
        id=plan.pk,
        referral_id=plan.referral_id,
        active=plan.active,
        contact=s.Ref(id=plan.contact.pk, name=plan.contact.get_full_name()),
        interval_days=plan.interval_days,
        support=plan.support,
        next_due=plan.next_due,
        last_check_in_at=plan.last_check_in_at,
        overdue=plan.active and plan.next_due < timezone.localdate(),
        created_at=plan.created_at,
    )


def referral_out(item: Referral) -> r.ReferralOut:
    """From a referral read with its partner, domain, bridging plan (and contact) and consents."""
    consents = list(item.consents.all())
    plan: BridgingPlan | None = getattr(item, "bridging", None)
    return r.ReferralOut(
        id=item.pk,
        case_id=item.case_id,
        partner=s.Ref(id=item.partner.pk, name=item.partner.name),
        domain=item.domain.code if item.domain is not None else None,
        domain_name=item.domain.name if item.domain is not None else None,
        goal_id=item.goal_id,
        question=item.question,
        is_specialist=item.is_specialist,
        status=s.choice(item.status),
        status_changed_at=item.status_changed_at,
        proposed_at=item.proposed_at,
        sent_at=item.sent_at,
        answered_at=item.answered_at,
        rejection_reason=item.rejection_reason,
        expected_start=item.expected_start,
        actual_start=item.actual_start,
        ended_at=item.ended_at,
        cancel_reason=item.cancel_reason,
        feedback=item.feedback,
        feedback_at=item.feedback_at,
        created_by_id=item.created_by_id,
        has_consent=any(c.is_active for c in consents),
        consents=[consent_out(c) for c in consents],
        bridging=plan_out(plan) if plan is not None else None,
    )


def _after(request: HttpRequest, referral_id: int) -> r.ReferralOut:
    return referral_out(referral_after_write(actor=actor_of(request), referral_id=referral_id))


# --- Reads -------------------------------------------------------------------------------------------------
@router.get(
    "/cases/{case_id}/referrals",
    response={200: list[r.ReferralOut], **READ_ERRORS},
    operation_id="referral_list",
    url_name="referral_list",
    summary="The case's referrals, newest first, with consents and bridging",
)
def referral_list_view(request: HttpRequest, case_id: PathEx[int, ID]) -> list[r.ReferralOut]:
    actor = actor_of(request)
    case = case_get_full(actor=actor, case_id=case_id)
    return [referral_out(item) for item in case_referrals(actor=actor, case=case)]


@router.get(
    "/referrals/{referral_id}",
    response={200: r.ReferralOut, **READ_ERRORS},
    operation_id="referral_get",
    url_name="referral_get",
    summary="A referral with its consents and bridging plan",
)
def referral_get_view(request: HttpRequest, referral_id: PathEx[int, ID]) -> r.ReferralOut:
    """Audited."""
    return referral_out(referral_get(actor=actor_of(request), referral_id=referral_id))


@router.post(
    "/cases/{case_id}/referrals",
    response={201: r.ReferralOut, **WRITE_ERRORS},
    operation_id="referral_propose",
    url_name="referral_propose",
    summary="Propose a referral to an active network partner",
)
def referral_propose_view(
    request: HttpRequest, case_id: PathEx[int, ID], payload: r.ReferralProposeIn
) -> Status[r.ReferralOut]:
    """Nothing leaves the team yet: record the resident's consent, then send it."""
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    domain_id = None
    if payload.domain is not None:
        domain_id = domains_by_code(actor, case, {"domain": payload.domain})[payload.domain].pk
    with field_names(API_FIELDS):
        referral = referrals.referral_propose(
            actor=actor,
            case=case,
            partner_id=payload.partner_id,
            question=payload.question,
            domain_id=domain_id,
            goal_id=payload.goal_id,
        )
    return Status(201, _after(request, referral.pk))


# --- Consent -----------------------------------------------------------------------------------------------
@router.get(
    "/referrals/{referral_id}/consents",
    response={200: list[r.ConsentOut], **READ_ERRORS},
    operation_id="consent_list",
    url_name="consent_list",
    summary="The resident's consents for this referral, newest first",
    tags=["consent"],
)
def consent_list_view(request: HttpRequest, referral_id: PathEx[int, ID]) -> list[r.ConsentOut]:
    referral = referral_get(actor=actor_of(request), referral_id=referral_id)
    return [consent_out(c) for c in referral.consents.all()]


@router.post(
    "/referrals/{referral_id}/consents",
    response={201: r.ConsentOut, **WRITE_ERRORS},
    operation_id="consent_record",
    url_name="consent_record",
    summary="Record the resident's consent to share what the referral needs",
    tags=["consent"],
)
def consent_record_view(
    request: HttpRequest, referral_id: PathEx[int, ID], payload: r.ConsentIn
) -> Status[r.ConsentOut]:
    actor = actor_of(request)
    referral = referral_for_write(actor=actor, referral_id=referral_id)
    consent = referrals.consent_record(actor=actor, referral=referral, **payload.model_dump())
    return Status(201, consent_out(consent))


@router.post(
    "/referrals/{referral_id}/consents/{consent_id}/withdraw",
    response={200: r.ConsentOut, **WRITE_ERRORS},
    operation_id="consent_withdraw",
    url_name="consent_withdraw",
    summary="Withdraw a consent: the referral can no longer be sent on it",
    tags=["consent"],
)
def consent_withdraw_view(
    request: HttpRequest,
    referral_id: PathEx[int, ID],
    consent_id: PathEx[int, ID],
    payload: r.ConsentWithdrawIn,
) -> r.ConsentOut:
    actor = actor_of(request)
    referral = referral_for_write(actor=actor, referral_id=referral_id)
    consent = consent_get(actor=actor, referral=referral, consent_id=consent_id)
    consent = referrals.consent_withdraw(
        actor=actor, consent=consent, withdrawn_on=payload.withdrawn_on, reason=payload.reason
    )
    return consent_out(consent)


# --- Steps -------------------------------------------------------------------------------------------------
@router.post(
    "/referrals/{referral_id}/send",
    response={200: r.ReferralOut, **WRITE_ERRORS},
    operation_id="referral_send",
    url_name="referral_send",
    summary="Send the referral; starts the bridging plan",
)
def referral_send_view(
    request: HttpRequest, referral_id: PathEx[int, ID], payload: r.SendIn
) -> r.ReferralOut:
    """Needs a consent that is not withdrawn. ``contact_id`` keeps contact with the resident every
    ``interval_days`` until the help starts; each check-in is a task for them."""
    actor = actor_of(request)
    referral = referral_for_write(actor=actor, referral_id=referral_id)
    with field_names(API_FIELDS):
        referrals.referral_send(
            actor=actor,
            referral=referral,
            contact_id=payload.contact_id or actor.pk,
            interval_days=payload.interval_days,
            support=payload.support,
            expected_start=payload.expected_start,
        )
    return _after(request, referral_id)


@router.post(
    "/referrals/{referral_id}/answer",
    response={200: r.ReferralOut, **WRITE_ERRORS},
    operation_id="referral_answer",
    url_name="referral_answer",
    summary="The partner's answer: accepted, or rejected with a reason",
)
def referral_answer_view(
    request: HttpRequest, referral_id: PathEx[int, ID], payload: r.AnswerIn
) -> r.ReferralOut:
    """A rejection ends the referral and its bridging plan."""
    actor = actor_of(request)
    referral = referral_for_write(actor=actor, referral_id=referral_id)
    referrals.referral_answer(actor=actor, referral=referral, **payload.model_dump())
    return _after(request, referral_id)


@router.post(
    "/referrals/{referral_id}/wait",
    response={200: r.ReferralOut, **WRITE_ERRORS},
    operation_id="referral_wait",
    url_name="referral_wait",
    summary="The resident is on the partner's waitlist",
)
def referral_wait_view(
    request: HttpRequest, referral_id: PathEx[int, ID], payload: r.WaitIn
) -> r.ReferralOut:
    actor = actor_of(request)
    referral = referral_for_write(actor=actor, referral_id=referral_id)
    referrals.referral_wait(actor=actor, referral=referral, expected_start=payload.expected_start)
    return _after(request, referral_id)


@router.post(
    "/referrals/{referral_id}/start",
    response={200: r.ReferralOut, **WRITE_ERRORS},
    operation_id="referral_start",
    url_name="referral_start",
    summary="The partner's help has started; ends the bridging plan",
)
def referral_start_view(
    request: HttpRequest, referral_id: PathEx[int, ID], payload: r.ReferralStartIn
) -> r.ReferralOut:
    actor = actor_of(request)
    referral = referral_for_write(actor=actor, referral_id=referral_id)
    referrals.referral_start(actor=actor, referral=referral, started_on=payload.started_on)
    return _after(request, referral_id)


@router.post(
    "/referrals/{referral_id}/finish",
    response={200: r.ReferralOut, **WRITE_ERRORS},
    operation_id="referral_finish",
    url_name="referral_finish",
    summary="The partner's help has finished, optionally with their feedback",
)
def referral_finish_view(
    request: HttpRequest, referral_id: PathEx[int, ID], payload: r.FinishIn
) -> r.ReferralOut:
    actor = actor_of(request)
    referral = referral_for_write(actor=actor, referral_id=referral_id)
    referrals.referral_finish(actor=actor, referral=referral, feedback=payload.feedback)
    return _after(request, referral_id)


@router.post(
    "/referrals/{referral_id}/cancel",
    response={200: r.ReferralOut, **WRITE_ERRORS},
    operation_id="referral_cancel",
    url_name="referral_cancel",
    summary="Cancel the referral, with a reason; ends the bridging plan",
)
def referral_cancel_view(
    request: HttpRequest, referral_id: PathEx[int, ID], payload: r.CancelIn
) -> r.ReferralOut:
    actor = actor_of(request)
    referral = referral_for_write(actor=actor, referral_id=referral_id)
    referrals.referral_cancel(actor=actor, referral=referral, reason=payload.reason)
    return _after(request, referral_id)


@router.post(
    "/referrals/{referral_id}/feedback",
    response={200: r.ReferralOut, **WRITE_ERRORS},
    operation_id="referral_feedback",
    url_name="referral_feedback",
    summary="Record the partner's feedback (terugkoppeling), any time after sending",
)
def referral_feedback_view(
    request: HttpRequest, referral_id: PathEx[int, ID], payload: r.FeedbackIn
) -> r.ReferralOut:
    actor = actor_of(request)
    referral = referral_for_write(actor=actor, referral_id=referral_id)
    referrals.referral_feedback(actor=actor, referral=referral, feedback=payload.feedback)
    return _after(request, referral_id)

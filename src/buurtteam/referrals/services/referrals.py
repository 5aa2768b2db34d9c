"""Referrals: propose, consent, send (with a bridging plan), answer, wait, start, finish, cancel.

Every function needs full access to the case (checked against the database), changes nothing when it
refuses (one transaction; the Dutch message says why) and leaves a timeline line and an audit event.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.cases.models import Case, Goal, LifeDomain, Task, TimelineEntry
from buurtteam.cases.services.base import CaseStepError, audit, require_full_access, require_open, timeline
from buurtteam.core.gate import system_access
from buurtteam.referrals.models import (
    WAITING_STATUSES,
    Consent,
    PartnerOrganisation,
    Referral,
    ReferralStatus,
)
from buurtteam.referrals.rules import STEP_HINTS, can_transition
from buurtteam.referrals.services.bridging import end_bridging, start_bridging

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

TEXT_MAX = 4000
REASON_MAX = 1000


def _text(value: str, field: str, *, required: bool, limit: int, missing: str) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError({field: missing})
    if len(value) > limit:
        raise ValidationError({field: _("Deze tekst is te lang (hoogstens %(n)d tekens).") % {"n": limit}})
    return value


def _locked(actor: Actor, referral: Referral) -> tuple[Referral, Case]:
    """The referral and its case, re-read under a row lock with full access (PermissionError otherwise)."""
    case = referral.case
    require_full_access(actor, case)
    fresh = (
        Referral.objects.select_for_update()
        .full_for(actor)
        .select_related("case", "partner")
        .get(pk=referral.pk)
    )
    return fresh, fresh.case


def _move(actor: Actor, referral: Referral, target: str, text: str) -> None:
    if not can_transition(referral.status, target):
        raise CaseStepError(str(STEP_HINTS.get(target, _("Deze stap is nu niet mogelijk."))))
    referral.status = target
    referral.status_changed_at = timezone.now()
    referral.save()
    timeline(referral.case, kind=TimelineEntry.Kind.REFERRAL, actor=actor, text=text)
    audit(
        actor,
        Action.UPDATE,
        referral.case,
        "referral",
        referral.pk,
        details={"status": target, "partner": referral.partner_id},
    )


@transaction.atomic
def referral_propose(
    *,
    actor: Actor,
    case: Case,
    partner_id: int,
    question: str,
    domain_id: int | None = None,
    goal_id: int | None = None,
) -> Referral:
    require_full_access(actor, case)
    require_open(case)
    partner = PartnerOrganisation.objects.visible_to(actor).filter(pk=partner_id, active=True).first()
    if partner is None or partner.organisation_id != case.organisation_id:
        raise ValidationError({"partner": _("Kies een actieve netwerkpartner uit de lijst.")})
    question = _text(
        question, "question", required=True, limit=TEXT_MAX, missing=_("Schrijf waarvoor u verwijst.")
    )
    if domain_id is not None and not LifeDomain.objects.visible_to(actor).filter(pk=domain_id).exists():
        raise ValidationError({"domain": _("Kies een leefgebied uit de lijst.")})
    if goal_id is not None and not (
        Goal.objects.visible_to(actor).filter(pk=goal_id, plan__household_id=case.household_id).exists()
    ):
        raise ValidationError({"goal": _("Kies een doel uit het plan van dit huishouden.")})
    now = timezone.now()
    referral = Referral.objects.create(
        case=case,
        partner=partner,
        domain_id=domain_id,
        goal_id=goal_id,
        question=question,
        is_specialist=partner.is_specialist,
        status=ReferralStatus.PROPOSED,
        status_changed_at=now,
        proposed_at=now,
        created_by_id=actor.pk,
    )
    timeline(
        case,
        kind=TimelineEntry.Kind.REFERRAL,
        actor=actor,
        text=_("Verwijzing voorgesteld naar %(p)s: %(q)s") % {"p": partner.name, "q": question},
    )
    audit(actor, Action.CREATE, case, "referral", referral.pk, details={"partner": partner.pk})
    return referral


@transaction.atomic
def consent_record(
    *,
    actor: Actor,
    referral: Referral,
    given_by: str,
    purpose: str,
    given_on: datetime.date,
    form: str = Consent.Form.VERBAL,
) -> Consent:
    referral, case = _locked(actor, referral)
    require_open(case)
    if referral.status not in (ReferralStatus.PROPOSED, *WAITING_STATUSES, ReferralStatus.STARTED):
        raise CaseStepError(_("Deze verwijzing is afgesloten; toestemming vastleggen is niet meer nodig."))
    given_by = _text(
        given_by, "given_by", required=True, limit=200, missing=_("Schrijf wie de toestemming gaf.")
    )
    purpose = _text(
        purpose,
        "purpose",
        required=True,
        limit=REASON_MAX,
        missing=_("Schrijf waarvoor de toestemming geldt."),
    )
    if form not in Consent.Form.values:
        raise ValidationError({"form": _("Kies hoe de toestemming is gegeven.")})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("De datum van de toestemming kan niet in de toekomst liggen.")})
    consent = Consent.objects.create(
        referral=referral,
        given_by=given_by,
        purpose=purpose,
        form=form,
        given_on=given_on,
        recorded_by_id=actor.pk,
        recorded_at=timezone.now(),
    )
    timeline(
        case,
        kind=TimelineEntry.Kind.REFERRAL,
        actor=actor,
        text=_("Toestemming vastgelegd voor verwijzing naar %(p)s (gegeven door %(w)s)")
        % {"p": referral.partner.name, "w": given_by},
    )
    audit(actor, Action.CREATE, case, "consent", consent.pk, details={"referral": referral.pk})
    return consent


@transaction.atomic
def consent_withdraw(
    *, actor: Actor, consent: Consent, withdrawn_on: datetime.date, reason: str = ""
) -> Consent:
    referral, case = _locked(actor, consent.referral)
    consent = Consent.objects.select_for_update().full_for(actor).get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise CaseStepError(_("Deze toestemming is al ingetrokken."))
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("De datum van intrekken kan niet in de toekomst liggen.")})
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("Intrekken kan niet vóór de datum van de toestemming.")})
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_reason = _text(reason, "reason", required=False, limit=REASON_MAX, missing="")
    consent.save(update_fields=["withdrawn_on", "withdrawn_reason"])
    timeline(
        case,
        kind=TimelineEntry.Kind.REFERRAL,
        actor=actor,
        text=_("Toestemming ingetrokken voor verwijzing naar %(p)s") % {"p": referral.partner.name},
    )
    audit(actor, Action.UPDATE, case, "consent", consent.pk, details={"withdrawn": True})
    return consent


def has_active_consent(referral: Referral) -> bool:
    with system_access("consent check inside a referral service"):
        return Consent.objects.filter(referral_id=referral.pk, withdrawn_on__isnull=True).exists()


@transaction.atomic
def referral_send(
    *,
    actor: Actor,
    referral: Referral,
    contact_id: int,
    interval_days: int = 14,
    support: str = "",
    expected_start: datetime.date | None = None,
) -> Referral:
    """Send the referral: needs the resident's (not withdrawn) consent; starts the bridging plan."""
    referral, case = _locked(actor, referral)
    require_open(case)
    if not can_transition(referral.status, ReferralStatus.SENT):
        raise CaseStepError(str(STEP_HINTS[ReferralStatus.SENT]))
    if not has_active_consent(referral):
        raise CaseStepError(
            _(
                "Deze verwijzing kan niet worden verstuurd: er is geen geldige toestemming van de inwoner "
                "(nooit gegeven of ingetrokken). Leg eerst toestemming vast."
            )
        )
    if expected_start is not None and expected_start < timezone.localdate():
        raise ValidationError({"expected_start": _("De verwachte start kan niet in het verleden liggen.")})
    referral.sent_at = timezone.now()
    referral.expected_start = expected_start
    _move(
        actor,
        referral,
        ReferralStatus.SENT,
        _("Verwijzing verstuurd naar %(p)s") % {"p": referral.partner.name},
    )
    start_bridging(
        actor=actor, referral=referral, contact_id=contact_id, interval_days=interval_days, support=support
    )
    return referral


@transaction.atomic
def referral_answer(
    *,
    actor: Actor,
    referral: Referral,
    accepted: bool,
    reason: str = "",
    expected_start: datetime.date | None = None,
) -> Referral:
    """The partner's answer: accepted (optionally with an expected start) or rejected with a reason."""
    referral, case = _locked(actor, referral)
    require_open(case)
    target = ReferralStatus.ACCEPTED if accepted else ReferralStatus.REJECTED
    if not can_transition(referral.status, target):
        raise CaseStepError(str(STEP_HINTS[target]))
    referral.answered_at = timezone.now()
    if accepted:
        if expected_start is not None:
            referral.expected_start = expected_start
        text = _("%(p)s heeft de verwijzing geaccepteerd") % {"p": referral.partner.name}
    else:
        referral.rejection_reason = _text(
            reason, "reason", required=True, limit=REASON_MAX, missing=_("Schrijf waarom de partner afwees.")
        )
        referral.ended_at = referral.answered_at
        text = _("%(p)s heeft de verwijzing afgewezen: %(r)s") % {
            "p": referral.partner.name,
            "r": referral.rejection_reason,
        }
    _move(actor, referral, target, text)
    if not accepted:
        end_bridging(actor=actor, referral=referral)
    return referral


@transaction.atomic
def referral_wait(
    *, actor: Actor, referral: Referral, expected_start: datetime.date | None = None
) -> Referral:
    referral, case = _locked(actor, referral)
    require_open(case)
    if expected_start is not None:
        referral.expected_start = expected_start
    text = _("Op de wachtlijst bij %(p)s") % {"p": referral.partner.name}
    if referral.expected_start:
        text += " " + _("(verwachte start %(d)s)") % {"d": referral.expected_start.strftime("%d-%m-%Y")}
    _move(actor, referral, ReferralStatus.WAITING, text)
    return referral


@transaction.atomic
def referral_start(*, actor: Actor, referral: Referral, started_on: datetime.date) -> Referral:
    referral, case = _locked(actor, referral)
    require_open(case)
    if not can_transition(referral.status, ReferralStatus.STARTED):
        raise CaseStepError(str(STEP_HINTS[ReferralStatus.STARTED]))
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": _("Een start kan niet in de toekomst liggen.")})
    if referral.sent_at is not None and started_on < timezone.localdate(referral.sent_at):
        raise ValidationError(
            {"started_on": _("De start kan niet vóór het versturen van de verwijzing liggen.")}
        )
    referral.actual_start = started_on
    _move(
        actor,
        referral,
        ReferralStatus.STARTED,
        _("Hulp bij %(p)s gestart op %(d)s")
        % {"p": referral.partner.name, "d": started_on.strftime("%d-%m-%Y")},
    )
    end_bridging(actor=actor, referral=referral)
    return referral


@transaction.atomic
def referral_finish(*, actor: Actor, referral: Referral, feedback: str = "") -> Referral:
    referral, _case = _locked(actor, referral)
    feedback = _text(feedback, "feedback", required=False, limit=TEXT_MAX, missing="")
    if feedback:
        referral.feedback, referral.feedback_at = feedback, timezone.now()
    referral.ended_at = timezone.now()
    _move(
        actor, referral, ReferralStatus.FINISHED, _("Hulp bij %(p)s afgerond") % {"p": referral.partner.name}
    )
    return referral


@transaction.atomic
def referral_cancel(*, actor: Actor, referral: Referral, reason: str) -> Referral:
    referral, _case = _locked(actor, referral)
    reason = _text(
        reason, "reason", required=True, limit=REASON_MAX, missing=_("Schrijf waarom u annuleert.")
    )
    if not can_transition(referral.status, ReferralStatus.CANCELLED):
        raise CaseStepError(str(STEP_HINTS[ReferralStatus.CANCELLED]))
    referral.cancel_reason = reason
    referral.ended_at = timezone.now()
    _move(
        actor,
        referral,
        ReferralStatus.CANCELLED,
        _("Verwijzing naar %(p)s geannuleerd: %(r)s") % {"p": referral.partner.name, "r": reason},
    )
    end_bridging(actor=actor, referral=referral)
    return referral


@transaction.atomic
def referral_feedback(*, actor: Actor, referral: Referral, feedback: str) -> Referral:
    """The partner's feedback (terugkoppeling), at any moment after sending."""
    referral, case = _locked(actor, referral)
    if referral.status == ReferralStatus.PROPOSED:
        raise CaseStepError(_("Terugkoppeling kan pas als de verwijzing is verstuurd."))
    referral.feedback = _text(
        feedback,
        "feedback",
        required=True,
        limit=TEXT_MAX,
        missing=_("Schrijf de terugkoppeling van de partner."),
    )
    referral.feedback_at = timezone.now()
    referral.save(update_fields=["feedback", "feedback_at"])
    timeline(
        case,
        kind=TimelineEntry.Kind.REFERRAL,
        actor=actor,
        text=_("Terugkoppeling van %(p)s vastgelegd") % {"p": referral.partner.name},
    )
    audit(actor, Action.UPDATE, case, "referral", referral.pk, details={"feedback": True})
    return referral


__all__ = [
    "Task",
    "consent_record",
    "consent_withdraw",
    "has_active_consent",
    "referral_answer",
    "referral_cancel",
    "referral_feedback",
    "referral_finish",
    "referral_propose",
    "referral_send",
    "referral_start",
    "referral_wait",
]

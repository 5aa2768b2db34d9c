"""Reads the API needs beyond the referrals and safety selectors: the objects a write is about, one bridging
plan by id (audited), and a referral as it stands after a step.

The ``*_for_write`` lookups are deliberately wide (summary level, like ``case_for_write``): the service
checks full or safety access again against the database, and a refusal (``PermissionError``) is a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.core.gate import access_or_404
from buurtteam.referrals.models import BridgingPlan, Consent, Referral
from buurtteam.safety.models import MeldcodeTrack

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


def referral_for_write(*, actor: Actor, referral_id: int) -> Referral:
    referral: Referral = access_or_404(
        Referral.objects.visible_to(actor).select_related("case", "partner"), pk=referral_id
    )
    return referral


def referral_after_write(*, actor: Actor, referral_id: int) -> Referral:
    """The referral as a step left it, with its consents and bridging plan, for the response. Not audited
    as a read: the step itself is in the audit trail, and the response shows what the step changed."""
    referral: Referral = access_or_404(
        Referral.objects.full_for(actor)
        .select_related("partner", "domain", "bridging", "bridging__contact")
        .prefetch_related(
            Prefetch("consents", queryset=Consent.objects.full_for(actor).order_by("-given_on", "-id"))
        ),
        pk=referral_id,
    )
    return referral


def plan_get(*, actor: Actor, plan_id: int) -> BridgingPlan:
    """A bridging plan with its referral: full access to the case, else 404. Audited."""
    plan: BridgingPlan = access_or_404(
        BridgingPlan.objects.full_for(actor).select_related(
            "referral", "referral__case", "referral__partner", "contact"
        ),
        pk=plan_id,
    )
    case = plan.referral.case
    record(
        actor=actor,
        action=Action.READ,
        object_type="bridging_plan",
        object_id=plan.pk,
        subject_type="resident",
        subject_id=case.client_id,
        subject_team_id=case.team_id,
    )
    return plan


def plan_for_write(*, actor: Actor, plan_id: int) -> BridgingPlan:
    plan: BridgingPlan = access_or_404(
        BridgingPlan.objects.visible_to(actor).select_related("referral", "referral__case", "contact"),
        pk=plan_id,
    )
    return plan


def track_for_write(*, actor: Actor, track_id: int) -> MeldcodeTrack:
    """Already as narrow as the track itself: only the case's workers and the team's coordinator."""
    track: MeldcodeTrack = access_or_404(
        MeldcodeTrack.objects.visible_to(actor).select_related("case"), pk=track_id
    )
    return track

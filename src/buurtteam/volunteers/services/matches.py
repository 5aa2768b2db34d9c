"""The match lifecycle: propose (with the score and its explanation), introduce, start, end with an
evaluation, or decline. Each step checks the rules (``rules.TRANSITIONS``); a step that is not possible
raises a Dutch ``ValidationError`` and changes nothing."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtteam.audit.models import Action
from buurtteam.volunteers import matching
from buurtteam.volunteers.models import (
    OPEN_MATCH,
    UNDER_WAY,
    EndReason,
    HelpRequest,
    Match,
    MatchStatus,
    RequestStatus,
    Volunteer,
)
from buurtteam.volunteers.rules import may_move
from buurtteam.volunteers.services.base import audit_request, require_databank, same_organisation

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

STEP_NAMES: dict[str, object] = {
    MatchStatus.INTRODUCED: gettext_lazy("laten kennismaken"),
    MatchStatus.ACTIVE: gettext_lazy("starten"),
    MatchStatus.ENDED: gettext_lazy("beëindigen"),
    MatchStatus.DECLINED: gettext_lazy("afwijzen"),
}


def _locked_request(actor: Actor, help_request: HelpRequest) -> HelpRequest:
    """The request row, locked: two people moving matches of one request take turns."""
    locked: HelpRequest = HelpRequest.objects.visible_to(actor).select_for_update().get(pk=help_request.pk)
    return locked


def _audit(actor: Actor, match: Match, action: Action, **details: object) -> None:
    audit_request(actor, match.request, action, object_type="match", object_id=match.pk, details=details)


def _check_step(match: Match, target: str) -> None:
    if not may_move(match.status, target):
        raise ValidationError(
            _("U kunt deze match niet %(step)s: de match is %(status)s.")
            % {"step": STEP_NAMES[target], "status": match.get_status_display().lower()}
        )


def _sync_request(actor: Actor, help_request: HelpRequest, *, close: bool = False) -> None:
    """The request is matched while a match is under way, open otherwise (or closed when asked)."""
    if help_request.status == RequestStatus.CLOSED:
        return
    under_way = (
        Match.objects.visible_to(actor).filter(request_id=help_request.pk, status__in=UNDER_WAY).exists()
    )
    status = RequestStatus.MATCHED if under_way else RequestStatus.OPEN
    if close and not under_way:
        status = RequestStatus.CLOSED
        help_request.closed_at = timezone.now()
    if status != help_request.status:
        help_request.status = status
        help_request.save(update_fields=["status", "closed_at"])


@transaction.atomic
def match_propose(*, actor: Actor, help_request: HelpRequest, volunteer: Volunteer, note: str = "") -> Match:
    """Propose ``volunteer`` for the request; the score and its explanation are kept as they are now."""
    organisation_id = require_databank(actor)
    same_organisation(actor, help_request)
    same_organisation(actor, volunteer)
    request = _locked_request(actor, help_request)
    if request.status == RequestStatus.CLOSED:
        raise ValidationError(_("Deze hulpvraag is gesloten; er kan geen vrijwilliger meer bij."))
    earlier = Match.objects.visible_to(actor).filter(request_id=request.pk, volunteer_id=volunteer.pk)
    if earlier.filter(status__in=OPEN_MATCH).exists():
        raise ValidationError(_("Deze vrijwilliger is al voorgesteld voor deze hulpvraag."))
    if earlier.filter(status=MatchStatus.DECLINED).exists():
        raise ValidationError(_("Deze vrijwilliger heeft deze hulpvraag eerder afgewezen."))
    suggestion = matching.explain_one(request=request, volunteer=volunteer)
    if suggestion.excluded:
        raise ValidationError(
            _("Deze vrijwilliger past niet bij de hulpvraag: %(reasons)s.")
            % {"reasons": "; ".join(suggestion.excluded)}
        )
    now = timezone.now()
    match = Match(
        organisation_id=organisation_id,
        request=request,
        volunteer=volunteer,
        status=MatchStatus.PROPOSED,
        score=suggestion.score,
        explanation=suggestion.explanation,
        note=(note or "").strip(),
        proposed_at=now,
        proposed_by_id=actor.pk,
        status_changed_at=now,
    )
    match.full_clean()
    match.save()
    _audit(actor, match, Action.CREATE, status=match.status, volunteer=volunteer.pk, score=match.score)
    return match


def _date(value: datetime.date | None, field: str, *, after: datetime.date | None, after_text: str) -> None:
    if value is None:
        raise ValidationError({field: _("Vul een datum in.")})
    if value > timezone.localdate():
        raise ValidationError({field: _("Deze datum kan niet in de toekomst liggen.")})
    if after is not None and value < after:
        raise ValidationError({field: after_text})


def _move(actor: Actor, match: Match, target: str) -> Match:
    require_databank(actor)
    same_organisation(actor, match)
    _locked_request(actor, match.request)
    fresh: Match = Match.objects.visible_to(actor).select_for_update().get(pk=match.pk)
    _check_step(fresh, target)
    return fresh


@transaction.atomic
def match_introduce(*, actor: Actor, match: Match, introduced_on: datetime.date) -> Match:
    """The volunteer and the person asking for help have met. Only one match per request is under way."""
    fresh = _move(actor, match, MatchStatus.INTRODUCED)
    other = (
        Match.objects.visible_to(actor)
        .filter(request_id=fresh.request_id, status__in=UNDER_WAY)
        .exclude(pk=fresh.pk)
        .exists()
    )
    if other:
        raise ValidationError(
            _(
                "Voor deze hulpvraag loopt al een andere match. Een hulpvraag heeft één match tegelijk; "
                "beëindig de andere eerst."
            )
        )
    _date(
        introduced_on,
        "introduced_on",
        after=timezone.localtime(fresh.proposed_at).date(),
        after_text=_("De kennismaking kan niet vóór het voorstel liggen."),
    )
    fresh.status = MatchStatus.INTRODUCED
    fresh.introduced_on = introduced_on
    fresh.introduced_by_id = actor.pk
    fresh.status_changed_at = timezone.now()
    fresh.full_clean()
    fresh.save()
    _sync_request(actor, fresh.request)
    _audit(actor, fresh, Action.UPDATE, status=fresh.status)
    return fresh


@transaction.atomic
def match_start(*, actor: Actor, match: Match, started_on: datetime.date) -> Match:
    fresh = _move(actor, match, MatchStatus.ACTIVE)
    _date(
        started_on,
        "started_on",
        after=fresh.introduced_on,
        after_text=_("De start kan niet vóór de kennismaking liggen."),
    )
    fresh.status = MatchStatus.ACTIVE
    fresh.started_on = started_on
    fresh.started_by_id = actor.pk
    fresh.status_changed_at = timezone.now()
    fresh.full_clean()
    fresh.save()
    _sync_request(actor, fresh.request)
    _audit(actor, fresh, Action.UPDATE, status=fresh.status)
    return fresh


@transaction.atomic
def match_end(
    *,
    actor: Actor,
    match: Match,
    ended_on: datetime.date,
    end_reason: str,
    evaluation: str,
    rating: int | None = None,
    close_request: bool = False,
) -> Match:
    """End a match with how it went (text, optional rating 1-5) and why; the request opens again for a new
    volunteer, or closes when ``close_request``."""
    fresh = _move(actor, match, MatchStatus.ENDED)
    if end_reason not in EndReason.values:
        raise ValidationError({"end_reason": _("Kies waarom de match stopt.")})
    if not (evaluation or "").strip():
        raise ValidationError({"evaluation": _("Beschrijf kort hoe het ging.")})
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Geef een waardering van 1 tot en met 5.")})
    _date(
        ended_on,
        "ended_on",
        after=fresh.started_on or fresh.introduced_on,
        after_text=_("Het einde kan niet vóór de start of de kennismaking liggen."),
    )
    fresh.status = MatchStatus.ENDED
    fresh.ended_on = ended_on
    fresh.ended_by_id = actor.pk
    fresh.end_reason = end_reason
    fresh.evaluation = evaluation.strip()
    fresh.rating = rating
    fresh.status_changed_at = timezone.now()
    fresh.full_clean()
    fresh.save()
    _sync_request(actor, fresh.request, close=close_request)
    _audit(actor, fresh, Action.UPDATE, status=fresh.status, reason=end_reason, rating=rating)
    return fresh


@transaction.atomic
def match_decline(*, actor: Actor, match: Match, reason: str) -> Match:
    """The volunteer (or the person asking) says no to the proposal."""
    fresh = _move(actor, match, MatchStatus.DECLINED)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Vul in waarom het voorstel niet doorgaat.")})
    fresh.status = MatchStatus.DECLINED
    fresh.declined_on = timezone.localdate()
    fresh.declined_by_id = actor.pk
    fresh.decline_reason = reason.strip()
    fresh.status_changed_at = timezone.now()
    fresh.full_clean()
    fresh.save()
    _sync_request(actor, fresh.request)
    _audit(actor, fresh, Action.UPDATE, status=fresh.status)
    return fresh

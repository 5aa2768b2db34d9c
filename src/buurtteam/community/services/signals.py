"""Signals (vroegsignalering): record what was picked up informally, then pick it up and close it.

A signal is anonymous (buurt and theme, no resident) or about a resident the actor can see; then it follows
the resident's access rules and every event names the resident as subject. A policy officer records
nothing and sees only the buurt overview.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.accounts.models import User
from buurtteam.audit.models import Action
from buurtteam.community.models import Signal, SignalStatus, Theme
from buurtteam.community.rules import signal_can_move
from buurtteam.community.services.common import audit, municipality_id, require_staff, text
from buurtteam.core.roles import Role
from buurtteam.organisation.models import Neighbourhood
from buurtteam.residents.models import Resident
from buurtteam.socialmap.models import MapLocation

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

NOTE_MAX = 2000
FOLLOW_UP_MAX = 4000
OLDEST = datetime.date(2000, 1, 1)


def neighbourhood_ok(actor: Actor, neighbourhood_id: int) -> bool:
    """A buurt of the organisation's municipality (reference geography)."""
    municipality = municipality_id(actor)
    return municipality is not None and (
        Neighbourhood.objects.filter(pk=neighbourhood_id, district__municipality_id=municipality).exists()
    )


@transaction.atomic
def signal_record(
    *,
    actor: Actor,
    theme: str,
    neighbourhood_id: int,
    noticed_on: datetime.date,
    note: str = "",
    place: str = "",
    location_id: int | None = None,
    resident_id: int | None = None,
    team_id: int | None = None,
) -> Signal:
    organisation_id = require_staff(actor)
    team_id = team_id if team_id is not None else actor.primary_team_id
    if team_id is None:
        raise ValidationError(_("U hoort bij geen team. Een signaal hoort bij het team dat het opving."))
    if team_id not in actor.team_ids:
        raise ValidationError({"team": _("Kies een van uw eigen teams.")})
    if theme not in Theme.values:
        raise ValidationError({"theme": _("Kies een thema.")})
    if not neighbourhood_ok(actor, neighbourhood_id):
        raise ValidationError({"neighbourhood": _("Kies een buurt uit de lijst.")})
    if noticed_on > timezone.localdate():
        raise ValidationError({"noticed_on": _("Deze datum ligt in de toekomst.")})
    if noticed_on < OLDEST:
        raise ValidationError({"noticed_on": _("Vul een datum na 2000 in.")})
    if location_id is not None and not MapLocation.objects.visible_to(actor).filter(pk=location_id).exists():
        raise ValidationError({"location": _("Kies een plek van de sociale kaart.")})
    if resident_id is not None and not Resident.objects.visible_to(actor).filter(pk=resident_id).exists():
        raise ValidationError({"resident": _("Kies een inwoner die u kunt zien.")})
    now = timezone.now()
    signal = Signal(
        organisation_id=organisation_id,
        team_id=team_id,
        theme=theme,
        neighbourhood_id=neighbourhood_id,
        noticed_on=noticed_on,
        location_id=location_id,
        place=text(place, "place", limit=200),
        note=text(note, "note", limit=NOTE_MAX),
        resident_id=resident_id,
        status=SignalStatus.OPEN,
        recorded_by_id=actor.pk,
        recorded_at=now,
        status_changed_at=now,
    )
    signal.full_clean()
    signal.save()
    audit(
        actor,
        Action.CREATE,
        "signal",
        signal.pk,
        resident_id=resident_id,
        team_id=team_id,
        details={"theme": theme, "anonymous": resident_id is None},
    )
    return signal


def _locked(actor: Actor, signal: Signal) -> Signal:
    require_staff(actor)
    found = Signal.objects.select_for_update().visible_to(actor).filter(pk=signal.pk).first()
    if found is None:
        raise PermissionError("signal not visible")
    return found  # type: ignore[no-any-return]


def _move(actor: Actor, signal: Signal, target: str) -> None:
    if not signal_can_move(signal.status, target):
        raise ValidationError(
            _("Dit signaal is al afgesloten.")
            if signal.status == SignalStatus.CLOSED
            else _("Deze stap is nu niet mogelijk.")
        )
    signal.status = target
    signal.status_changed_at = timezone.now()


@transaction.atomic
def signal_pick_up(*, actor: Actor, signal: Signal, user_id: int | None = None, note: str = "") -> Signal:
    """Someone of the team takes the signal on (the actor, or a colleague of the signal's team)."""
    signal = _locked(actor, signal)
    _move(actor, signal, SignalStatus.PICKED_UP)
    user_id = user_id if user_id is not None else int(actor.pk)
    if user_id != actor.pk and not (
        User.objects.visible_to(actor)
        .active()
        .in_team(signal.team_id)
        .exclude(role=Role.POLICY_OFFICER)
        .filter(pk=user_id)
        .exists()
    ):
        raise ValidationError({"user": _("Kies een collega van het team van dit signaal.")})
    signal.picked_up_by_id = user_id
    if note.strip():
        signal.follow_up_note = text(note, "note", limit=FOLLOW_UP_MAX)
    signal.save()
    audit(
        actor,
        Action.UPDATE,
        "signal",
        signal.pk,
        resident_id=signal.resident_id,
        team_id=signal.team_id,
        details={"status": signal.status, "picked_up_by": user_id},
    )
    return signal


@transaction.atomic
def signal_close(*, actor: Actor, signal: Signal, note: str) -> Signal:
    """Close the signal with what was done (or why nothing needs to be done)."""
    signal = _locked(actor, signal)
    _move(actor, signal, SignalStatus.CLOSED)
    signal.follow_up_note = text(
        note,
        "note",
        limit=FOLLOW_UP_MAX,
        required=True,
        missing=_("Schrijf kort wat er met het signaal is gedaan."),
    )
    if signal.picked_up_by_id is None:
        signal.picked_up_by_id = actor.pk
    signal.save()
    audit(
        actor,
        Action.UPDATE,
        "signal",
        signal.pk,
        resident_id=signal.resident_id,
        team_id=signal.team_id,
        details={"status": signal.status},
    )
    return signal

"""Reads for signals: the actor's list and one signal (audited; a person's signal names the resident)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When

from buurtteam.accounts.models import User
from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.community.models import Signal, SignalStatus
from buurtteam.community.services.common import municipality_id
from buurtteam.core.gate import access_or_404
from buurtteam.core.roles import Role
from buurtteam.organisation.models import Neighbourhood

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

PER_PAGE = 25
RESIDENT = "resident"


def _audit(actor: Actor, object_type: str, object_id: object, **kwargs: Any) -> None:
    record(actor=actor, action=Action.READ, object_type=object_type, object_id=object_id, **kwargs)


def signal_list(*, actor: Actor, status: str = "", theme: str = "", mine: bool = False) -> QuerySet[Signal]:
    """Signals the actor may see: open ones first, then the newest."""
    qs = Signal.objects.visible_to(actor)
    if status in SignalStatus.values:
        qs = qs.filter(status=status)
    if theme:
        qs = qs.filter(theme=theme)
    if mine:
        qs = qs.filter(picked_up_by_id=actor.pk)
    order = Case(
        When(status=SignalStatus.OPEN, then=Value(0)),
        When(status=SignalStatus.PICKED_UP, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (  # type: ignore[no-any-return]
        qs.select_related("neighbourhood", "resident", "team", "picked_up_by")
        .defer("note", "follow_up_note")
        .annotate(status_order=order)
        .order_by("status_order", "-noticed_on", "-id")
    )


def signal_page(*, actor: Actor, page: Any, **filters: Any) -> Page[Signal]:
    """One page of ``signal_list``; audited with the residents named on it."""
    paginator = Paginator(signal_list(actor=actor, **filters), PER_PAGE)
    result = paginator.get_page(page)
    residents = sorted({s.resident_id for s in result.object_list if s.resident_id is not None})
    _audit(
        actor, "signals", "", details={"signals": [s.pk for s in result.object_list], "residents": residents}
    )
    return result


def signal_get(*, actor: Actor, signal_id: int) -> Signal:
    """One signal; 404 when the actor may not see it. Audited, with the resident as subject if any."""
    signal: Signal = access_or_404(
        Signal.objects.visible_to(actor).select_related(
            "neighbourhood", "resident", "team", "picked_up_by", "recorded_by", "location"
        ),
        pk=signal_id,
    )
    _audit(
        actor,
        "signal",
        signal.pk,
        subject_type=RESIDENT if signal.resident_id else "",
        subject_id=signal.resident_id,
        subject_team_id=signal.team_id,
    )
    return signal


def signal_for_write(*, actor: Actor, signal_id: int) -> Signal:
    """The signal a follow-up form posts to (not audited as a read; the service records the change)."""
    return access_or_404(  # type: ignore[no-any-return]
        Signal.objects.visible_to(actor).select_related("team", "neighbourhood"), pk=signal_id
    )


def audit_list(*, actor: Actor, signals: list[Signal]) -> None:
    """One read event for a listed page of signals, with the residents named on it."""
    residents = sorted({s.resident_id for s in signals if s.resident_id is not None})
    _audit(actor, "signals", "", details={"signals": [s.pk for s in signals], "residents": residents})


def neighbourhoods(*, actor: Actor) -> list[Neighbourhood]:
    """The buurten of the organisation's municipality, by name (reference geography)."""
    municipality = municipality_id(actor)
    if municipality is None:
        return []
    return list(
        Neighbourhood.objects.filter(district__municipality_id=municipality)
        .select_related("district")
        .order_by("name", "id")
    )


def team_colleagues(*, actor: Actor, team_id: int) -> list[User]:
    """Who can pick a signal up: active members of the signal's team (not policy officers)."""
    return list(
        User.objects.visible_to(actor)
        .active()
        .in_team(team_id)
        .exclude(role=Role.POLICY_OFFICER)
        .distinct()
        .order_by("first_name", "last_name")
    )

"""The state machines of a service link (toeleiding) and a signal, with the Dutch hint for a refused step."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from buurtteam.community.models import LinkStatus, SignalStatus

L = LinkStatus
# A follow-up may also keep the status (e.g. "still going, going well"), as long as the link is open.
LINK_TRANSITIONS: dict[str, frozenset[str]] = {
    L.PROPOSED: frozenset({L.PROPOSED, L.REGISTERED, L.ATTENDING, L.NOT_GONE}),
    L.REGISTERED: frozenset({L.REGISTERED, L.ATTENDING, L.NOT_GONE}),
    L.ATTENDING: frozenset({L.ATTENDING, L.STOPPED}),
    L.STOPPED: frozenset(),
    L.NOT_GONE: frozenset(),
}

LINK_HINTS: dict[str, Any] = {
    L.PROPOSED: _("Een toeleiding die al loopt, kan niet terug naar 'voorgesteld'."),
    L.REGISTERED: _("Aanmelden kan alleen bij een voorgestelde toeleiding."),
    L.ATTENDING: _("Deze toeleiding is al afgerond; leg een nieuwe toeleiding vast."),
    L.STOPPED: _("Gestopt kan alleen als de inwoner er eerst heen ging."),
    L.NOT_GONE: _("'Niet gegaan' kan alleen zolang de inwoner er nog niet heen ging."),
}


def link_can_move(current: str, target: str) -> bool:
    return target in LINK_TRANSITIONS.get(current, frozenset())


S = SignalStatus
SIGNAL_TRANSITIONS: dict[str, frozenset[str]] = {
    S.OPEN: frozenset({S.PICKED_UP, S.CLOSED}),
    S.PICKED_UP: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}


def signal_can_move(current: str, target: str) -> bool:
    return target in SIGNAL_TRANSITIONS.get(current, frozenset())

"""The referral's state machine: which step may follow which, and why not (in Dutch)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from buurtteam.referrals.models import ReferralStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PROPOSED: frozenset({S.SENT, S.CANCELLED}),
    S.SENT: frozenset({S.ACCEPTED, S.REJECTED, S.WAITING, S.STARTED, S.CANCELLED}),
    S.ACCEPTED: frozenset({S.WAITING, S.STARTED, S.CANCELLED}),
    S.WAITING: frozenset({S.STARTED, S.CANCELLED}),
    S.STARTED: frozenset({S.FINISHED, S.CANCELLED}),
    S.REJECTED: frozenset(),
    S.FINISHED: frozenset(),
    S.CANCELLED: frozenset(),
}

# Why a step is not possible from where the referral is now.
STEP_HINTS: dict[str, Promise] = {
    S.SENT: _("Alleen een voorgestelde verwijzing kan worden verstuurd."),
    S.ACCEPTED: _("Alleen een verstuurde verwijzing kan worden geaccepteerd."),
    S.REJECTED: _("Alleen een verstuurde verwijzing kan worden afgewezen."),
    S.WAITING: _("Alleen een verstuurde of geaccepteerde verwijzing kan op de wachtlijst komen."),
    S.STARTED: _(
        "Deze verwijzing kan niet starten: alleen een verstuurde, geaccepteerde of wachtende verwijzing "
        "kan beginnen (een afgewezen of geannuleerde verwijzing niet)."
    ),
    S.FINISHED: _("Alleen een gestarte verwijzing kan worden afgerond."),
    S.CANCELLED: _("Deze verwijzing is al afgesloten en kan niet meer worden geannuleerd."),
}


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())

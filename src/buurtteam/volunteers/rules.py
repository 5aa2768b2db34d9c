"""The match lifecycle: which step may follow which.

proposed -> introduced -> active -> ended; a proposal may be declined, and an introduction that did not
click may be ended before the help started.
"""

from __future__ import annotations

from buurtteam.volunteers.models import MatchStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    MatchStatus.PROPOSED: frozenset({MatchStatus.INTRODUCED, MatchStatus.DECLINED}),
    MatchStatus.INTRODUCED: frozenset({MatchStatus.ACTIVE, MatchStatus.ENDED}),
    MatchStatus.ACTIVE: frozenset({MatchStatus.ENDED}),
    MatchStatus.ENDED: frozenset(),
    MatchStatus.DECLINED: frozenset(),
}


def may_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())

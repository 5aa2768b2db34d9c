"""Scenarios for the network work (issue 4): the team's waitlist page and the two selectors behind the
waitlist and the overdue bridging check-ins. All run as the demo worker 'medewerker' of the first team.

On a fresh demo database the demo builders give every team residents waiting for a partner, some with
an overdue check-in; on a generated one (``--keepdb``) bulk_referrals.py does. The page's URL name is
looked up in ``referrals.urls``; the scenario is skipped while that page does not exist.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http.response import HttpResponseBase
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from benchmarks.registry import BenchContext, SkipScenario, scenario
from buurtteam.core.gate import system_access
from buurtteam.referrals import selectors as referral_selectors
from buurtteam.referrals.models import WAITING_STATUSES, BridgingPlan, Referral

WORKER = "medewerker"
WAITLIST_URL_NAMES = ("referrals:waitlist", "referrals:team_waitlist")


def _team(ctx: BenchContext) -> dict[str, Any]:
    """The worker's team, with how many of its residents wait and how many check-ins are overdue."""
    actor = ctx.demo.user(WORKER)
    team_id = actor.primary_team_id
    if team_id is None:
        raise SkipScenario(f"{WORKER} has no team")
    today = timezone.localdate()
    with system_access("benchmark setup"):
        waiting = Referral.objects.filter(case__team_id=team_id, status__in=WAITING_STATUSES).count()
        overdue = BridgingPlan.objects.filter(
            referral__case__team_id=team_id, active=True, next_due__lt=today
        ).count()
    return {"actor": actor, "team_id": team_id, "waiting": waiting, "overdue": overdue, "today": today}


def _waitlist_page(ctx: BenchContext) -> dict[str, Any]:
    params = _team(ctx)
    for name in WAITLIST_URL_NAMES:
        try:
            return {**params, "url": reverse(name, kwargs={"team_id": params["team_id"]})}
        except NoReverseMatch:
            continue
    raise SkipScenario(f"none of the URL names {', '.join(WAITLIST_URL_NAMES)} resolves yet (page not built)")


@scenario("waitlist", user=WORKER, setup=_waitlist_page)
def waitlist(ctx: BenchContext) -> HttpResponseBase:
    """The team's waitlist page (referrals:waitlist, /teams/<team_id>/wachtlijst/) as a worker of the team."""
    return ctx.client.get(ctx.params["url"])


@scenario("sel_waitlist", user=WORKER, setup=_team, expected_status=None)
def sel_waitlist(ctx: BenchContext) -> Any:
    """referrals.selectors.waitlist: everyone of the team waiting for a partner (audited listing)."""
    return referral_selectors.waitlist(
        actor=ctx.params["actor"], team_id=ctx.params["team_id"], today=ctx.params["today"]
    )


@scenario("sel_overdue_check_ins", user=WORKER, setup=_team, expected_status=None)
def sel_overdue_check_ins(ctx: BenchContext) -> Any:
    """referrals.selectors.overdue_check_ins(team_id=...): the team's bridging check-ins past due."""
    today: datetime.date = ctx.params["today"]
    return referral_selectors.overdue_check_ins(
        actor=ctx.params["actor"], team_id=ctx.params["team_id"], today=today
    )

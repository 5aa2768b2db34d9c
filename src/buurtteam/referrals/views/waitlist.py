"""The team's waitlist: everyone waiting for a network partner, overdue check-ins first."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from buurtteam.cases.selectors.caseload_extra import member_team_get
from buurtteam.referrals import selectors

if TYPE_CHECKING:
    from buurtteam.accounts.models import User

PAGE_SIZE = 25  # overdue check-ins come first, so they are always on the first page


@never_cache
@require_GET
def waitlist(request: HttpRequest, team_id: int) -> HttpResponse:
    """Members of the team only (others, and the policy officer, get 404); one audited read."""
    actor = cast("User", request.user)
    team = member_team_get(actor=actor, team_id=team_id)
    today = timezone.localdate()
    rows = selectors.waitlist(actor=actor, team_id=team.pk, today=today)
    overdue = sum(1 for row in rows if row.overdue)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "referrals/waitlist.html",
        {
            "team": team,
            "rows": rows,
            "page": page,
            "query": "",
            "overdue_count": overdue,
            "no_plan_count": sum(1 for row in rows if row.no_plan),
            "longest": max((row.waiting_days for row in rows), default=0),
            "limit": selectors.WAITLIST_LIMIT,
            "today": today,
        },
    )

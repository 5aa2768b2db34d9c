"""The team's waitlist: everyone waiting for a network partner, overdue check-ins first."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

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
    summary = selectors.waitlist_summary(actor=actor, team_id=team.pk, today=today)
    page = selectors.waitlist_page(
        actor=actor,
        team_id=team.pk,
        page=request.GET.get("pagina"),
        per_page=PAGE_SIZE,
        today=today,
        total=summary.total,
    )
    return render(
        request,
        "referrals/waitlist.html",
        {
            "team": team,
            "page": page,
            "query": "",
            "summary": summary,
            "today": today,
        },
    )

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from buurtteam.accounts import selectors as staff_selectors
from buurtteam.accounts.models import User
from buurtteam.core.roles import Role
from buurtteam.organisation import selectors as org_selectors


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@never_cache
def home(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    teams = list(org_selectors.team_list(actor=actor))
    own = [t for t in teams if t.pk in actor.team_ids]
    return render(
        request,
        "workspace/home.html",
        {
            "own_teams": own,
            "team_count": len(teams),
            "staff_total": sum(t.member_count for t in teams),
            "is_policy_officer": actor.role == Role.POLICY_OFFICER,
        },
    )


@never_cache
def team_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    return render(request, "workspace/team_list.html", {"teams": org_selectors.team_list(actor=actor)})


@never_cache
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    actor = _actor(request)
    team = org_selectors.team_get(actor=actor, team_id=team_id)
    members = (
        staff_selectors.team_members(actor=actor, team=team) if actor.role != Role.POLICY_OFFICER else []
    )
    by_discipline: dict[str, int] = {}
    for member in members:
        for discipline in member.disciplines.all():
            by_discipline[discipline.name] = by_discipline.get(discipline.name, 0) + 1
    return render(
        request,
        "workspace/team_detail.html",
        {
            "team": team,
            "members": members,
            "by_discipline": sorted(by_discipline.items(), key=lambda kv: (-kv[1], kv[0])),
            "is_own_team": team.pk in actor.team_ids,
            "show_members": actor.role != Role.POLICY_OFFICER,
        },
    )

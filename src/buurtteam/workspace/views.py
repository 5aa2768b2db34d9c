from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from buurtteam.accounts import selectors as staff_selectors
from buurtteam.accounts.models import User
from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.selectors import caseload_extra
from buurtteam.cases.selectors import cases as case_selectors
from buurtteam.cases.views.caseload import case_url
from buurtteam.core.roles import Role
from buurtteam.organisation import selectors as org_selectors
from buurtteam.referrals import selectors as referral_selectors
from buurtteam.socialmap.rules import can_edit_map


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


HOME_LIST = 5
CASEWORK_ROLES = {Role.WORKER, Role.COORDINATOR}


def _casework(actor: User) -> dict[str, Any]:
    """My cases, my tasks and, for a coordinator, what needs the team's attention (fixed query count)."""
    if actor.role not in CASEWORK_ROLES:
        return {}
    cases = case_selectors.my_cases(actor=actor).order_by("-registered_at", "-pk")
    recent = list(cases[:HOME_LIST])
    tasks = caseload_extra.my_open_tasks(actor=actor, limit=HOME_LIST)
    context: dict[str, Any] = {
        "show_casework": True,
        "my_case_count": cases.count(),
        "my_recent_cases": [(c, case_url(c.pk)) for c in recent],
        "my_tasks": tasks,
        "today": timezone.localdate(),
    }
    # Residents waiting for a partner whom I should have called or visited by now.
    late_check_ins = referral_selectors.overdue_check_ins(actor=actor, contact_id=actor.pk)
    context["late_check_ins"] = [
        {
            "plan": plan,
            "days": (context["today"] - plan.next_due).days,
            "url": case_url(plan.referral.case_id),
        }
        for plan in late_check_ins
    ]
    team_id = actor.primary_team_id
    crisis: list[Any] = []
    if actor.role == Role.COORDINATOR and team_id is not None:
        crisis = case_selectors.crisis_cases(actor=actor, team_id=team_id)
        context["crisis_cases"] = [(c, case_url(c.pk)) for c in crisis]
        context["team_attention"] = {
            "team_id": team_id,
            "team_name": actor.primary_team_name,
            "overdue": len(case_selectors.overdue_pickups(actor=actor, team_id=team_id)),
            "unassigned": caseload_extra.unassigned_count(actor=actor, team_id=team_id),
        }
    shown = (
        {c.pk: c.client_id for c in recent}
        | {t.case_id: t.case.client_id for t in tasks}
        | {p.referral.case_id: p.referral.case.client_id for p in late_check_ins}
        | {c.pk: c.client_id for c in crisis}
    )
    if shown:
        record(
            actor=actor,
            action=Action.READ,
            object_type="home_caseload",
            subject_type="resident",
            subject_team_id=team_id,
            details={"case_ids": sorted(shown), "client_ids": sorted(set(shown.values()))},
        )
    return context


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
            **_casework(actor),
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


# The sociale basis (issue 5): one start page for the map, volunteers, groups and signals. Each entry is a
# page of its own app; entries not installed (yet), or that the role does not use, are left out.
EDITOR_ONLY = ("map_exchange:", "socialmap:stale")
SOCIAL_BASIS_SECTIONS: list[tuple[str, list[tuple[str, Any, Any, bool]]]] = [
    (
        "map",
        [
            (
                "socialmap:search",
                _("Sociale kaart"),
                _("Activiteiten en voorzieningen in de buurt zoeken."),
                True,
            ),
            ("socialmap:stale", _("Te controleren"), _("Vermeldingen die lang niet zijn nagekeken."), True),
            ("map_exchange:page", _("Uitwisselen (HSDS)"), _("De kaart importeren of exporteren."), True),
        ],
    ),
    (
        "volunteers",
        [
            (
                "volunteers:volunteer_list",
                _("Vrijwilligers"),
                _("De databank van passies en talenten."),
                False,
            ),
            (
                "volunteers:request_list",
                _("Hulpvragen"),
                _("Vragen om informele hulp en hun matches."),
                False,
            ),
        ],
    ),
    (
        "community",
        [
            (
                "community:group_list",
                _("Groepen"),
                _("Collectieve activiteiten, bijeenkomsten en deelnemers."),
                False,
            ),
            ("community:signal_list", _("Signalen"), _("Vroegsignalering uit informele contacten."), False),
            (
                "community:signal_overview",
                _("Signalen per buurt"),
                _("Thema's per buurt door de tijd."),
                True,
            ),
            (
                "community:link_counts",
                _("Toeleiding per activiteit"),
                _("Hoe vaak inwoners naar een activiteit gingen."),
                True,
            ),
        ],
    ),
]


@never_cache
def social_basis(request: HttpRequest) -> HttpResponse:
    """The start page of the sociale basis; lists only pages that exist and that the actor's role uses."""
    actor = _actor(request)
    no_persons = actor.role == Role.POLICY_OFFICER
    entries = []
    for _group, items in SOCIAL_BASIS_SECTIONS:
        for name, label, description, without_persons in items:
            if no_persons and not without_persons:
                continue
            if name.startswith(EDITOR_ONLY) and not can_edit_map(actor):
                continue
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            entries.append({"url": url, "label": label, "description": description})
    return render(request, "workspace/social_basis.html", {"entries": entries})

"""Reads of staff data. Each takes the actor, starts from ``visible_to(actor)`` and is audited."""

from __future__ import annotations

from django.db.models import Prefetch

from buurtteam.accounts.models import TeamMembership, User
from buurtteam.accounts.querysets import UserQuerySet
from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.core.gate import access_or_404
from buurtteam.organisation.models import Discipline, Team


def _with_details(actor: User, qs: UserQuerySet) -> UserQuerySet:
    return qs.select_related("provider").prefetch_related(
        Prefetch("disciplines", queryset=Discipline.objects.visible_to(actor)),
        Prefetch(
            "memberships",
            queryset=TeamMembership.objects.visible_to(actor).select_related("team").order_by("-is_primary"),
        ),
    )


def staff_get(*, actor: User, staff_id: int) -> User:
    """One staff profile; 404 when missing or not visible. Every look is audited."""
    staff = access_or_404(_with_details(actor, User.objects.visible_to(actor)), pk=staff_id)
    record(
        actor=actor,
        action=Action.READ,
        object_type="staff",
        object_id=staff.pk,
        subject_type="staff",
        subject_id=staff.pk,
        subject_team_id=staff.primary_team_id,
    )
    return staff


def team_members(*, actor: User, team: Team) -> list[User]:
    """The active members of a team the actor can see, with disciplines; the list view is audited once."""
    members = list(_with_details(actor, User.objects.visible_to(actor).active().in_team(team.pk)).distinct())
    if members:
        record(
            actor=actor,
            action=Action.READ,
            object_type="team_members",
            object_id=team.pk,
            subject_team_id=team.pk,
            details={"staff_ids": [m.pk for m in members]},
        )
    return members


def staff_list(
    *, actor: User, query: str = "", team_id: int | None = None, include_inactive: bool = False
) -> UserQuerySet:
    qs = User.objects.visible_to(actor)
    if not include_inactive:
        qs = qs.active()
    if team_id is not None:
        qs = qs.in_team(team_id)
    if query:
        from django.db.models import Q

        for word in query.split()[:5]:
            qs = qs.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(username__icontains=word)
            )
    return _with_details(actor, qs).distinct()

"""Reads for groups: the actor's groups, one group with sessions, participants and attendance.

Groups are for the members of the group's team and its leaders (``Group.objects.visible_to``). Opening a
group shows names, so it is audited (one event with the residents among the participants).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from buurtteam.accounts.models import User
from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.community.models import Attendance, Group, GroupParticipant, GroupSession
from buurtteam.core.gate import access_or_404
from buurtteam.core.roles import Role
from buurtteam.organisation.models import Team

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

SESSIONS_SHOWN = 12


def _leaders(actor: Actor) -> Prefetch[Any]:
    return Prefetch(
        "leaders",
        queryset=User.objects.visible_to(actor).only("id", "first_name", "last_name").order_by("first_name"),
    )


def group_list(*, actor: Actor, include_inactive: bool = False) -> QuerySet[Group]:
    """The actor's groups (their teams' and the ones they lead), with counts of participants and sessions."""
    qs = Group.objects.visible_to(actor)
    if not include_inactive:
        qs = qs.filter(active=True)
    active_participants = GroupParticipant.objects.visible_to(actor).filter(
        group_id=OuterRef("pk"), left_on__isnull=True
    )
    sessions = GroupSession.objects.visible_to(actor).filter(group_id=OuterRef("pk"))
    return (  # type: ignore[no-any-return]
        qs.select_related("team", "service", "location")
        .prefetch_related(_leaders(actor))
        .annotate(
            participant_count=_count(active_participants),
            session_count=_count(sessions),
        )
        .order_by("-active", "name", "id")
    )


def _count(qs: Any) -> Any:
    """A correlated COUNT sub-query (one row per group, no joins that multiply rows)."""
    counted = qs.order_by().values("group_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


@dataclass
class GroupPage:
    group: Group
    participants: list[GroupParticipant]
    sessions: list[GroupSession]
    session_total: int
    attended: dict[int, set[int]] = field(default_factory=dict)  # session id -> participant ids

    @property
    def active_participants(self) -> list[GroupParticipant]:
        return [p for p in self.participants if p.left_on is None]

    @property
    def former_participants(self) -> list[GroupParticipant]:
        return [p for p in self.participants if p.left_on is not None]


def _by_name(qs: Any) -> list[GroupParticipant]:
    """Participants by their shown name (a resident's or the typed one), current ones first."""
    rows: list[GroupParticipant] = list(qs)
    rows.sort(key=lambda p: (p.left_on is not None, p.display_name.lower(), p.pk))
    return rows


def group_get(*, actor: Actor, group_id: int) -> Group:
    """One group (no names of participants); 404 for a group the actor does not work with."""
    return access_or_404(  # type: ignore[no-any-return]
        Group.objects.visible_to(actor)
        .select_related("team", "service", "location")
        .prefetch_related(_leaders(actor)),
        pk=group_id,
    )


def group_page(*, actor: Actor, group_id: int) -> GroupPage:
    """The group with its participants, the latest sessions and who came. Audited (names are shown)."""
    group = group_get(actor=actor, group_id=group_id)
    participants = _by_name(
        GroupParticipant.objects.visible_to(actor).filter(group_id=group.pk).select_related("resident")
    )
    sessions_qs = GroupSession.objects.visible_to(actor).filter(group_id=group.pk)
    sessions = list(sessions_qs.select_related("location").order_by("-held_on", "-id")[:SESSIONS_SHOWN])
    attended: dict[int, set[int]] = {s.pk: set() for s in sessions}
    rows = (
        Attendance.objects.visible_to(actor)
        .filter(session_id__in=list(attended))
        .values_list("session_id", "participant_id")
    )
    for session_id, participant_id in rows:
        attended[session_id].add(participant_id)
    record(
        actor=actor,
        action=Action.READ,
        object_type="group",
        object_id=group.pk,
        subject_team_id=group.team_id,
        details={"residents": sorted(p.resident_id for p in participants if p.resident_id is not None)},
    )
    return GroupPage(
        group=group,
        participants=participants,
        sessions=sessions,
        session_total=sessions_qs.count(),
        attended=attended,
    )


def session_get(*, actor: Actor, group: Group, session_id: int) -> GroupSession:
    return access_or_404(  # type: ignore[no-any-return]
        GroupSession.objects.visible_to(actor).filter(group_id=group.pk).select_related("location"),
        pk=session_id,
    )


def session_attendees(*, actor: Actor, session: GroupSession) -> list[GroupParticipant]:
    """Who came to a session (names). Audited."""
    people = list(
        GroupParticipant.objects.visible_to(actor)
        .filter(attendance__session_id=session.pk)
        .select_related("resident")
        .order_by("name", "resident__last_name", "id")
    )
    record(
        actor=actor,
        action=Action.READ,
        object_type="group_session",
        object_id=session.pk,
        details={"residents": sorted(p.resident_id for p in people if p.resident_id is not None)},
    )
    return people


def participant_get(*, actor: Actor, group: Group, participant_id: int) -> GroupParticipant:
    return access_or_404(  # type: ignore[no-any-return]
        GroupParticipant.objects.visible_to(actor)
        .filter(group_id=group.pk)
        .select_related("resident", "group"),
        pk=participant_id,
    )


def participants_on(*, actor: Actor, group: Group, held_on: Any = None) -> list[GroupParticipant]:
    """The group's current participants (for the attendance checkboxes)."""
    qs = GroupParticipant.objects.visible_to(actor).filter(group_id=group.pk)
    if held_on is not None:
        qs = qs.filter(joined_on__lte=held_on).filter(Q(left_on__isnull=True) | Q(left_on__gte=held_on))
    else:
        qs = qs.filter(left_on__isnull=True)
    return _by_name(qs.select_related("resident"))


def own_teams(*, actor: Actor) -> list[Team]:
    """The actor's teams (a group belongs to one of them)."""
    return list(Team.objects.visible_to(actor).filter(pk__in=list(actor.team_ids)).order_by("name"))


def leader_choices(*, actor: Actor) -> list[User]:
    """Staff who can lead a group: active colleagues of the organisation, not policy officers."""
    return list(
        User.objects.visible_to(actor)
        .active()
        .exclude(role=Role.POLICY_OFFICER)
        .only("id", "first_name", "last_name")
        .order_by("first_name", "last_name")
    )

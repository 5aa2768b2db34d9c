"""Groups (collective work): the group itself, its participants and its sessions with attendance.

Only the members of the group's team and its leaders work with a group (``Group.objects.visible_to``);
a policy officer never does. Every function checks that again against the database, writes in one
transaction and records an audit event (with the resident as subject where one is named).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.accounts.models import User
from buurtteam.audit.models import Action
from buurtteam.community.models import Attendance, Group, GroupParticipant, GroupSession
from buurtteam.community.services.common import audit, require_staff, text
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.residents.models import Resident
from buurtteam.socialmap.models import MapLocation, MapService

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

NAME_MAX = 200
DESCRIPTION_MAX = 2000
NOTES_MAX = 4000


def require_group(actor: Actor, group: Group) -> Group:
    """The group, re-read under a row lock, if the actor works with it; ``PermissionError`` otherwise."""
    require_staff(actor)
    found = Group.objects.select_for_update().visible_to(actor).filter(pk=group.pk).first()
    if found is None:
        raise PermissionError("not a group of the actor's team")
    return found  # type: ignore[no-any-return]


def _map_refs(actor: Actor, service_id: int | None, location_id: int | None) -> dict[str, Any]:
    values: dict[str, Any] = {"service_id": None, "location_id": None}
    if service_id is not None:
        if not MapService.objects.visible_to(actor).filter(pk=service_id).exists():
            raise ValidationError({"service": _("Kies een activiteit van de sociale kaart.")})
        values["service_id"] = service_id
    if location_id is not None:
        if not MapLocation.objects.visible_to(actor).filter(pk=location_id).exists():
            raise ValidationError({"location": _("Kies een plek van de sociale kaart.")})
        values["location_id"] = location_id
    return values


def _leaders(actor: Actor, leader_ids: Iterable[int]) -> list[int]:
    ids = sorted(set(leader_ids))
    if not ids:
        return []
    found = set(
        User.objects.visible_to(actor)
        .active()
        .exclude(role=Role.POLICY_OFFICER)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    if found != set(ids):
        raise ValidationError({"leaders": _("Kies begeleiders uit de medewerkers van de organisatie.")})
    return ids


def _check_team(actor: Actor, team_id: int) -> None:
    if team_id not in actor.team_ids:
        raise ValidationError({"team": _("Kies een van uw eigen teams.")})


@transaction.atomic
def group_create(
    *,
    actor: Actor,
    team_id: int,
    name: str,
    description: str = "",
    service_id: int | None = None,
    location_id: int | None = None,
    leader_ids: Iterable[int] = (),
) -> Group:
    organisation_id = require_staff(actor)
    _check_team(actor, team_id)
    group = Group(
        organisation_id=organisation_id,
        team_id=team_id,
        name=text(name, "name", limit=NAME_MAX, required=True, missing=_("Geef de groep een naam.")),
        description=text(description, "description", limit=DESCRIPTION_MAX),
        created_by_id=actor.pk,
        created_at=timezone.now(),
        **_map_refs(actor, service_id, location_id),
    )
    leaders = _leaders(actor, leader_ids)
    group.full_clean()
    group.save()
    with system_access("leaders of a group inside the group service"):
        group.leaders.set(leaders)
    audit(actor, Action.CREATE, "group", group.pk, team_id=group.team_id)
    return group


@transaction.atomic
def group_update(
    *,
    actor: Actor,
    group: Group,
    name: str,
    description: str = "",
    service_id: int | None = None,
    location_id: int | None = None,
    leader_ids: Iterable[int] = (),
    active: bool = True,
) -> Group:
    group = require_group(actor, group)
    group.name = text(name, "name", limit=NAME_MAX, required=True, missing=_("Geef de groep een naam."))
    group.description = text(description, "description", limit=DESCRIPTION_MAX)
    refs = _map_refs(actor, service_id, location_id)
    group.service_id, group.location_id = refs["service_id"], refs["location_id"]
    group.active = active
    leaders = _leaders(actor, leader_ids)
    group.full_clean()
    group.save()
    with system_access("leaders of a group inside the group service"):
        group.leaders.set(leaders)
    audit(actor, Action.UPDATE, "group", group.pk, team_id=group.team_id, details={"active": active})
    return group


@transaction.atomic
def participant_add(
    *,
    actor: Actor,
    group: Group,
    joined_on: datetime.date,
    resident_id: int | None = None,
    name: str = "",
) -> GroupParticipant:
    """A resident the actor can see, or (someone who is not a client) a name only."""
    group = require_group(actor, group)
    name = text(name, "name", limit=NAME_MAX)
    if (resident_id is None) == (not name):
        raise ValidationError(
            _("Kies een inwoner óf schrijf de naam van iemand die geen cliënt is (niet allebei).")
        )
    if joined_on > timezone.localdate():
        raise ValidationError({"joined_on": _("Deze datum ligt in de toekomst.")})
    if resident_id is not None:
        if not Resident.objects.visible_to(actor).filter(pk=resident_id).exists():
            raise ValidationError({"resident": _("Kies een inwoner die u kunt zien.")})
        if (
            GroupParticipant.objects.visible_to(actor)
            .filter(group_id=group.pk, resident_id=resident_id, left_on__isnull=True)
            .exists()
        ):
            raise ValidationError({"resident": _("Deze inwoner doet al mee met de groep.")})
    participant = GroupParticipant(
        group=group, resident_id=resident_id, name=name, joined_on=joined_on, added_by_id=actor.pk
    )
    participant.full_clean()
    participant.save()
    audit(
        actor,
        Action.CREATE,
        "group_participant",
        participant.pk,
        resident_id=resident_id,
        team_id=group.team_id,
        details={"group": group.pk},
    )
    return participant


@transaction.atomic
def participant_leave(
    *, actor: Actor, participant: GroupParticipant, left_on: datetime.date | None = None
) -> GroupParticipant:
    """The participant stops (kept for the attendance history)."""
    group = require_group(actor, participant.group)
    participant = GroupParticipant.objects.visible_to(actor).get(pk=participant.pk, group_id=group.pk)
    if participant.left_on is not None:
        raise ValidationError(_("Deze deelnemer is al gestopt."))
    left_on = left_on or timezone.localdate()
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": _("Deze datum ligt in de toekomst.")})
    if left_on < participant.joined_on:
        raise ValidationError({"left_on": _("Stoppen kan niet vóór de datum waarop iemand begon.")})
    participant.left_on = left_on
    participant.save(update_fields=["left_on"])
    audit(
        actor,
        Action.UPDATE,
        "group_participant",
        participant.pk,
        resident_id=participant.resident_id,
        team_id=group.team_id,
        details={"group": group.pk, "left_on": left_on.isoformat()},
    )
    return participant


@transaction.atomic
def session_add(
    *,
    actor: Actor,
    group: Group,
    held_on: datetime.date,
    activity: str,
    place: str = "",
    location_id: int | None = None,
    guests: int = 0,
    notes: str = "",
    present_ids: Iterable[int] = (),
) -> GroupSession:
    """A session that took place, with who came (participants of the group on that day) and guests."""
    group = require_group(actor, group)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Leg een bijeenkomst vast als die geweest is.")})
    if not 0 <= guests <= 500:
        raise ValidationError({"guests": _("Vul een aantal tussen 0 en 500 in.")})
    present = sorted(set(present_ids))
    on_the_day = set(
        GroupParticipant.objects.visible_to(actor)
        .filter(group_id=group.pk, pk__in=present, joined_on__lte=held_on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=held_on))
        .values_list("pk", flat=True)
    )
    if on_the_day != set(present):
        raise ValidationError(
            {"present": _("Kies alleen deelnemers die op die datum met de groep meededen.")}
        )
    session = GroupSession(
        group=group,
        held_on=held_on,
        activity=text(activity, "activity", limit=2000, required=True, missing=_("Schrijf wat u deed.")),
        place=text(place, "place", limit=200),
        location_id=_map_refs(actor, None, location_id)["location_id"],
        guests=guests,
        attendance_count=len(present) + guests,
        notes=text(notes, "notes", limit=NOTES_MAX),
        recorded_by_id=actor.pk,
        recorded_at=timezone.now(),
    )
    session.full_clean()
    session.save()
    Attendance.objects.bulk_create([Attendance(session=session, participant_id=pk) for pk in present])
    audit(
        actor,
        Action.CREATE,
        "group_session",
        session.pk,
        team_id=group.team_id,
        details={"group": group.pk, "present": present, "guests": guests},
    )
    return session

"""Who may see what of toeleiding, groups and signals.

* a **service link** (a resident linked to an activity from a plan action) is part of the dossier: exactly
  the case's full-access rule (``Case.objects.full_for``: the workers on the case, the team's coordinator,
  break-the-glass); a full case grant opens the case's links;
* a **group** with its sessions, participants and attendance: the members of the group's team (not a
  policy officer) and the group's leaders;
* a **signal** about a person follows the resident's rules (``Resident.objects.visible_to``); an anonymous
  signal (buurt and theme only) is seen by the members of the team that recorded it and by its recorder;
  a policy officer sees neither.

Aggregates (counts per activity, per group, per buurt and theme) use ``for_aggregates(actor)``: the
actor's organisation, every staff role, and only ever read through ``values(...).annotate(Count(...))``
by the selectors in ``selectors/aggregates.py`` -- never a row, never a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.apps import apps
from django.db import models

from buurtteam.core.gate import GatedQuerySet, Grant, memo_filter
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

NOTHING = models.Q(pk__in=[])
AGGREGATE = "aggregate"


class CountableQuerySet(GatedQuerySet[Any]):
    """Adds a scope for counts without persons: the actor's organisation, any staff role."""

    tenant_field = "organisation_id"

    def for_aggregates(self, actor: Actor) -> Self:
        if not getattr(actor, "is_authenticated", False) or actor.organisation_id is None:
            return self.none()._mark_scoped(AGGREGATE)
        return self.filter(**{self.tenant_field: actor.organisation_id})._mark_scoped(AGGREGATE)


class ServiceLinkQuerySet(CountableQuerySet):
    case_field = "case_id"

    def visibility_filter(self, actor: Actor) -> models.Q:
        return memo_filter(actor, ("service_link",), lambda: self._full(actor))

    def _full(self, actor: Actor) -> models.Q:
        case_model = apps.get_model("cases", "Case")
        return models.Q(**{f"{self.case_field}__in": case_model.objects.full_for(actor).values("pk")})

    def grant_filter(self, grant: Grant) -> models.Q | None:
        if grant.kind != "Case" or grant.level != "full":
            return None
        return models.Q(**{self.case_field: grant.object_id})


def _group_filter(actor: Actor) -> models.Q:
    """The groups of the actor's teams and the groups they lead; nothing for a policy officer."""
    if actor.role == Role.POLICY_OFFICER or actor.organisation_id is None:
        return NOTHING
    leader_model = apps.get_model("community", "Group").leaders.through
    led = leader_model._base_manager.filter(user_id=actor.pk).values("group_id")
    return models.Q(organisation_id=actor.organisation_id) & (
        models.Q(team_id__in=list(actor.team_ids)) | models.Q(pk__in=led)
    )


class GroupQuerySet(CountableQuerySet):
    def visibility_filter(self, actor: Actor) -> models.Q:
        return memo_filter(actor, ("community_group",), lambda: _group_filter(actor))


class GroupPartQuerySet(CountableQuerySet):
    """Sessions and participants: with their group (a sub-query on the visible groups)."""

    group_field = "group_id"
    tenant_field = "group__organisation_id"

    def visibility_filter(self, actor: Actor) -> models.Q:
        return memo_filter(actor, ("community_group_part", self.group_field), lambda: self._filter(actor))

    def _filter(self, actor: Actor) -> models.Q:
        group_model = apps.get_model("community", "Group")
        groups = group_model._base_manager.filter(_group_filter(actor)).values("pk")
        return models.Q(**{f"{self.group_field}__in": groups})


class AttendanceQuerySet(GroupPartQuerySet):
    group_field = "session__group_id"
    tenant_field = "session__group__organisation_id"


class SignalQuerySet(CountableQuerySet):
    def visibility_filter(self, actor: Actor) -> models.Q:
        return memo_filter(actor, ("community_signal",), lambda: self._filter(actor))

    def _filter(self, actor: Actor) -> models.Q:
        if actor.role == Role.POLICY_OFFICER:
            return NOTHING
        resident_model = apps.get_model("residents", "Resident")
        about_person = models.Q(resident_id__in=resident_model.objects.visible_to(actor).values("pk"))
        anonymous = models.Q(resident__isnull=True) & (
            models.Q(team_id__in=list(actor.team_ids)) | models.Q(recorded_by_id=actor.pk)
        )
        return models.Q(organisation_id=actor.organisation_id) & (about_person | anonymous)

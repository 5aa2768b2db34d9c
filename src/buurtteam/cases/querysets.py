"""Who may see a case, and how much of it.

* summary: members of the case's team (who, status, lead, dates) -- ``Case.objects.visible_to(actor)``;
* full: workers assigned to the case, the coordinator of its team, and someone who broke the glass for
  the client or a household member -- ``Case.objects.full_for(actor)``; everything inside a case
  (conversations, assessments, timeline, tasks, plan) is visible only at this level.
A policy officer never sees a case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

from buurtteam.core.gate import GatedQuerySet, Grant, memo_filter
from buurtteam.core.roles import Role
from buurtteam.residents.querysets import resident_ids_by_break_glass

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

NOTHING = models.Q(pk__in=[])


def _break_glass_household_ids(actor: Actor) -> models.QuerySet[Any]:
    member_model = apps.get_model("residents", "HouseholdMember")
    result: models.QuerySet[Any] = member_model._base_manager.filter(
        resident_id__in=resident_ids_by_break_glass(actor)
    ).values("household_id")
    return result


def _assigned_case_ids(actor: Actor) -> models.QuerySet[Any]:
    assignment_model = apps.get_model("cases", "CaseAssignment")
    result: models.QuerySet[Any] = assignment_model._base_manager.filter(
        user_id=actor.pk, ended_at__isnull=True
    ).values("case_id")
    return result


def full_access_filter(actor: Actor) -> models.Q:
    return memo_filter(actor, ("case_full",), lambda: _full_access_filter(actor))


def _full_access_filter(actor: Actor) -> models.Q:
    if actor.role == Role.POLICY_OFFICER or actor.organisation_id is None:
        return NOTHING
    full = models.Q(pk__in=_assigned_case_ids(actor)) | models.Q(
        household_id__in=_break_glass_household_ids(actor)
    )
    if actor.role == Role.COORDINATOR:
        full |= models.Q(team_id__in=list(actor.team_ids))
    return models.Q(organisation_id=actor.organisation_id) & full


class CaseQuerySet(GatedQuerySet[Any]):
    def visibility_filter(self, actor: Actor) -> models.Q:
        return memo_filter(actor, ("case_summary",), lambda: self._summary_filter(actor))

    def _summary_filter(self, actor: Actor) -> models.Q:
        if actor.role == Role.POLICY_OFFICER:
            return NOTHING
        return models.Q(organisation_id=actor.organisation_id) & (
            models.Q(team_id__in=list(actor.team_ids))
            | models.Q(pk__in=_assigned_case_ids(actor))
            | models.Q(household_id__in=_break_glass_household_ids(actor))
        )

    def of_team(self, actor: Actor, team_id: int) -> CaseQuerySet:
        """``visible_to(actor).filter(team_id=team_id)``, said more simply for one of the actor's own teams:
        there the summary rule's first branch (the actor's teams) holds for every case of the team, so the
        other branches (assignments, break-the-glass) cannot add a row and are left out of the SQL. The same
        rows either way; another team's cases still go through the whole rule."""
        if (
            getattr(actor, "is_authenticated", False)
            and actor.organisation_id is not None
            and actor.role != Role.POLICY_OFFICER
            and team_id in actor.team_ids
        ):
            return self.filter(organisation_id=actor.organisation_id, team_id=team_id)._mark_scoped()
        return self.visible_to(actor).filter(team_id=team_id)

    def full_for(self, actor: Actor) -> CaseQuerySet:
        """Only the cases whose whole dossier the actor may read."""
        if not getattr(actor, "is_authenticated", False):
            return self.none()._mark_scoped("full")
        return self.filter(full_access_filter(actor))._mark_scoped("full")

    def open(self) -> CaseQuerySet:
        return self.exclude(status="closed")

    def unassigned(self) -> CaseQuerySet:
        """Cases without an active assignment. A correlated NOT EXISTS on the assignment's case index: the
        cases themselves are already scoped, so the sub-query needs no scope of its own."""
        assignment_model = apps.get_model("cases", "CaseAssignment")
        active = assignment_model._base_manager.filter(case_id=models.OuterRef("pk"), ended_at__isnull=True)
        return self.filter(~models.Exists(active))


class CasePartQuerySet(GatedQuerySet[Any]):
    """Anything inside a case: visible only with full access to that case."""

    case_field = "case_id"
    needs_full_access = True

    def visibility_filter(self, actor: Actor) -> models.Q:
        return memo_filter(
            actor, ("case_part", self.case_field, self.needs_full_access), lambda: self._part_filter(actor)
        )

    def grant_filter(self, grant: Grant) -> models.Q | None:
        levels = ("full",) if self.needs_full_access else ("full", "summary")
        if grant.kind != "Case" or grant.level not in levels:
            return None
        return models.Q(**{self.case_field: grant.object_id})

    def _part_filter(self, actor: Actor) -> models.Q:
        case_model = apps.get_model("cases", "Case")
        cases = (
            case_model.objects.full_for(actor)
            if self.needs_full_access
            else case_model.objects.visible_to(actor)
        )
        return models.Q(**{f"{self.case_field}__in": cases.values("pk")})


class ScoreQuerySet(CasePartQuerySet):
    case_field = "assessment__case_id"


class AssignmentQuerySet(CasePartQuerySet):
    """Who works on a case is part of the summary the whole team sees."""

    needs_full_access = False


class PlanQuerySet(GatedQuerySet[Any]):
    """A household's plan: visible with full access to any case of that household."""

    def visibility_filter(self, actor: Actor) -> models.Q:
        case_model = apps.get_model("cases", "Case")
        return models.Q(household_id__in=case_model.objects.full_for(actor).values("household_id"))

    def grant_filter(self, grant: Grant) -> models.Q | None:
        if grant.kind != "Case" or grant.level != "full":
            return None
        return models.Q(household_id=grant.scope["household_id"])


class PlanPartQuerySet(GatedQuerySet[Any]):
    plan_field = "plan_id"

    def grant_filter(self, grant: Grant) -> models.Q | None:
        if grant.kind != "Case" or grant.level != "full":
            return None
        household_field = self.plan_field.removesuffix("_id") + "__household_id"
        return models.Q(**{household_field: grant.scope["household_id"]})

    def visibility_filter(self, actor: Actor) -> models.Q:
        plan_model = apps.get_model("cases", "SupportPlan")
        return models.Q(**{f"{self.plan_field}__in": plan_model.objects.visible_to(actor).values("pk")})


class PlanActionQuerySet(PlanPartQuerySet):
    plan_field = "goal__plan_id"


class TenantConfigQuerySet(GatedQuerySet[Any]):
    tenant_field = "organisation_id"

    def visibility_filter(self, actor: Actor) -> models.Q:
        return models.Q(**{self.tenant_field: actor.organisation_id})


class LifeDomainQuerySet(TenantConfigQuerySet):
    tenant_field = "domain_set__organisation_id"


class MeetingItemQuerySet(GatedQuerySet[Any]):
    def visibility_filter(self, actor: Actor) -> models.Q:
        meeting_model = apps.get_model("cases", "CaseMeeting")
        return models.Q(meeting_id__in=meeting_model.objects.visible_to(actor).values("pk"))


class MeetingQuerySet(GatedQuerySet[Any]):
    """A team's case meetings: for the team's members (not the policy officer)."""

    def visibility_filter(self, actor: Actor) -> models.Q:
        if actor.role == Role.POLICY_OFFICER:
            return NOTHING
        return models.Q(organisation_id=actor.organisation_id, team_id__in=list(actor.team_ids))

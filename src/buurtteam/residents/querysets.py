"""Who may see a resident or a household.

A resident is visible to members of the team responsible for their address, to the teams and workers
that have a case for their household, and to someone who broke the glass for them (for a limited time).
A policy officer never sees a person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

from buurtteam.core.gate import GatedQuerySet, Grant, memo_filter
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


def household_ids_reached_through_cases(actor: Actor) -> models.QuerySet[Any]:
    """Households with a case of the actor's teams or a case the actor works on (by relation name:
    residents does not import cases)."""
    from django.apps import apps

    case_model = apps.get_model("cases", "Case")
    assignment_model = apps.get_model("cases", "CaseAssignment")
    # Two IN sub-queries instead of an OR across a join: each can use its own index.
    worked_on = assignment_model._base_manager.filter(user_id=actor.pk, ended_at__isnull=True).values(
        "case_id"
    )
    result: models.QuerySet[Any] = case_model._base_manager.filter(
        models.Q(team_id__in=list(actor.team_ids)) | models.Q(pk__in=worked_on),
        organisation_id=actor.organisation_id,
    ).values("household_id")
    return result


def resident_ids_by_break_glass(actor: Actor) -> models.QuerySet[Any]:
    from django.apps import apps

    grant_model = apps.get_model("residents", "BreakGlassAccess")
    result: models.QuerySet[Any] = grant_model._base_manager.filter(
        user_id=actor.pk, expires_at__gt=timezone.now()
    ).values("resident_id")
    return result


class ResidentQuerySet(GatedQuerySet[Any]):
    def visibility_filter(self, actor: Actor) -> models.Q:
        return memo_filter(actor, ("resident",), lambda: self._visibility_filter(actor))

    def _visibility_filter(self, actor: Actor) -> models.Q:
        if actor.role == Role.POLICY_OFFICER:
            return models.Q(pk__in=[])
        from django.apps import apps

        member_model = apps.get_model("residents", "HouseholdMember")
        through_cases = member_model._base_manager.filter(
            household_id__in=household_ids_reached_through_cases(actor)
        ).values("resident_id")
        # Sub-queries, not joins: no duplicates, and the planner can use the team index.
        return models.Q(organisation_id=actor.organisation_id) & (
            models.Q(team_id__in=list(actor.team_ids))
            | models.Q(pk__in=through_cases)
            | models.Q(pk__in=resident_ids_by_break_glass(actor))
        )

    # --- Narrower scopes for search: subsets of ``visible_to`` that the database can answer from an index.
    def in_team_area(self, actor: Actor) -> ResidentQuerySet:
        """Residents whose address falls in one of the actor's teams."""
        if not getattr(actor, "is_authenticated", False) or actor.role == Role.POLICY_OFFICER:
            return self.none()._mark_scoped()
        return self.filter(
            organisation_id=actor.organisation_id, team_id__in=list(actor.team_ids)
        )._mark_scoped()

    def reached_through_work(self, actor: Actor) -> ResidentQuerySet:
        """Residents outside the actor's team areas that the actor reaches through current work: members of
        a household with an open case of the actor's teams or a case the actor works on, and break-the-glass
        grants. Runs three small queries at once (the ids); the returned queryset filters on them.

        Residents living in the actor's team areas are left out here (``in_team_area`` finds those): a
        team's open households are mostly its own area's, and carrying their hundreds of ids into the
        search query cost more than the search itself."""
        if not getattr(actor, "is_authenticated", False) or actor.role == Role.POLICY_OFFICER:
            return self.none()._mark_scoped()
        from django.apps import apps

        case_model = apps.get_model("cases", "Case")
        assignment_model = apps.get_model("cases", "CaseAssignment")
        member_model = apps.get_model("residents", "HouseholdMember")
        worked_on = assignment_model._base_manager.filter(user_id=actor.pk, ended_at__isnull=True).values(
            "case_id"
        )
        # Three IN sub-queries without an OR inside: each has a good row estimate and its own index
        # (the open-case index ``case_team_open``, the assignment index, the break-the-glass index).
        open_team_cases = case_model._base_manager.filter(
            organisation_id=actor.organisation_id, team_id__in=list(actor.team_ids)
        ).exclude(status="closed")
        own_cases = case_model._base_manager.filter(organisation_id=actor.organisation_id, pk__in=worked_on)
        teams = list(actor.team_ids)
        members = member_model._base_manager.exclude(resident__team_id__in=teams)
        by_team = members.filter(household_id__in=open_team_cases.values("household_id")).values(
            "resident_id"
        )
        by_own = members.filter(household_id__in=own_cases.values("household_id")).values("resident_id")
        # Evaluated here (a few ids: households that reach outside the team's area), so that the search
        # itself is driven by primary keys instead of by every name match in the organisation.
        ids = set(by_team.values_list("resident_id", flat=True))
        ids.update(by_own.values_list("resident_id", flat=True))
        ids.update(resident_ids_by_break_glass(actor).values_list("resident_id", flat=True))
        return (
            self.filter(pk__in=sorted(ids), organisation_id=actor.organisation_id)
            .exclude(team_id__in=teams)
            ._mark_scoped()
        )


class HouseholdQuerySet(GatedQuerySet[Any]):
    def visibility_filter(self, actor: Actor) -> models.Q:
        return memo_filter(actor, ("household",), lambda: self._visibility_filter(actor))

    def _visibility_filter(self, actor: Actor) -> models.Q:
        if actor.role == Role.POLICY_OFFICER:
            return models.Q(pk__in=[])
        from django.apps import apps

        member_model = apps.get_model("residents", "HouseholdMember")
        by_break_glass = member_model._base_manager.filter(
            resident_id__in=resident_ids_by_break_glass(actor)
        ).values("household_id")
        return models.Q(organisation_id=actor.organisation_id) & (
            models.Q(team_id__in=list(actor.team_ids))
            | models.Q(pk__in=household_ids_reached_through_cases(actor))
            | models.Q(pk__in=by_break_glass)
        )


class HouseholdPartQuerySet(GatedQuerySet[Any]):
    """Members and network of a household: visible with the household."""

    def visibility_filter(self, actor: Actor) -> models.Q:
        from django.apps import apps

        household_model = apps.get_model("residents", "Household")
        return models.Q(household_id__in=household_model.objects.visible_to(actor).values("pk"))

    def grant_filter(self, grant: Grant) -> models.Q | None:
        """Full access to a case opens its household (members and network)."""
        if grant.kind != "Case" or grant.level != "full":
            return None
        return models.Q(household_id=grant.scope["household_id"])


class BreakGlassQuerySet(GatedQuerySet[Any]):
    def visibility_filter(self, actor: Actor) -> models.Q:
        """Your own grants; a coordinator also those of their teams' members, for review."""
        own = models.Q(user_id=actor.pk)
        if actor.role == Role.COORDINATOR:
            from django.apps import apps

            membership_model = apps.get_model("accounts", "TeamMembership")
            team_members = membership_model._base_manager.filter(team_id__in=list(actor.team_ids)).values(
                "user_id"
            )
            # A sub-query, not a join: one row per grant however many teams its user is in.
            return models.Q(organisation_id=actor.organisation_id) & (
                own | models.Q(user_id__in=team_members)
            )
        return own & models.Q(organisation_id=actor.organisation_id)

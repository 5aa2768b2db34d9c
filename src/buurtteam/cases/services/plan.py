"""The household's one plan: goals per life domain, actions with an owner, and the resident's agreement."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.cases.models import Case, Goal, LifeDomain, PlanAction, Status, SupportPlan, TimelineEntry
from buurtteam.cases.rules import PLAN_STATUSES
from buurtteam.cases.services.base import (
    CaseStepError,
    audit,
    move,
    require_full_access,
    require_open,
    timeline,
)
from buurtteam.cases.services.domains import default_domain_set
from buurtteam.core.gate import system_access

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


def _plan_for(actor: Actor, case: Case) -> SupportPlan:
    require_full_access(actor, case)
    require_open(case)
    if case.status not in PLAN_STATUSES:
        raise CaseStepError(
            _("Eerst de vraag verhelderen en de inschatting maken; daarna volgt het plan van aanpak.")
        )
    with system_access("the household's plan inside the plan service"):
        plan, created = SupportPlan.objects.get_or_create(
            household_id=case.household_id,
            defaults={"organisation_id": case.organisation_id, "lead_id": actor.pk},
        )
    if created:
        audit(actor, Action.CREATE, case, "support_plan", plan.pk)
    return plan


@transaction.atomic
def goal_add(
    *, actor: Actor, case: Case, domain: LifeDomain, description: str, target_on: datetime.date | None = None
) -> Goal:
    plan = _plan_for(actor, case)
    if domain.domain_set_id != default_domain_set(organisation_id=case.organisation_id).pk:
        raise PermissionError("life domain of another instrument")
    with system_access("goal position inside the plan service"):
        position = Goal.objects.filter(plan=plan).count()
    goal = Goal(
        plan=plan, domain=domain, description=description.strip(), target_on=target_on, position=position
    )
    goal.full_clean()
    goal.save()
    timeline(
        case,
        kind=TimelineEntry.Kind.PLAN,
        actor=actor,
        text=_("Doel (%(d)s): %(g)s") % {"d": domain.name, "g": goal.description[:300]},
    )
    audit(actor, Action.CREATE, case, "goal", goal.pk)
    return goal


@transaction.atomic
def goal_set_status(*, actor: Actor, case: Case, goal: Goal, status: str) -> Goal:
    plan = _plan_for(actor, case)
    if goal.plan_id != plan.pk:
        raise PermissionError("goal of another plan")
    if status not in Goal.Status.values:
        raise ValidationError({"status": _("Kies hoe het met dit doel staat.")})
    goal.status = status
    goal.save(update_fields=["status"])
    audit(actor, Action.UPDATE, case, "goal", goal.pk, details={"status": status})
    return goal


@transaction.atomic
def action_add(
    *,
    actor: Actor,
    case: Case,
    goal: Goal,
    description: str,
    owner_kind: str,
    owner_name: str = "",
    owner_user_id: int | None = None,
    due_on: datetime.date | None = None,
) -> PlanAction:
    plan = _plan_for(actor, case)
    if goal.plan_id != plan.pk:
        raise PermissionError("goal of another plan")
    if owner_user_id is not None:
        from buurtteam.cases.services.assignment import same_organisation_user

        same_organisation_user(actor, owner_user_id)
    if owner_kind != PlanAction.Owner.TEAM_MEMBER and not owner_name.strip():
        raise ValidationError({"owner_name": _("Schrijf wie deze actie doet.")})
    action = PlanAction(
        goal=goal,
        description=description.strip(),
        owner_kind=owner_kind,
        owner_name=owner_name.strip(),
        owner_user_id=owner_user_id,
        due_on=due_on,
    )
    action.full_clean()
    action.save()
    audit(actor, Action.CREATE, case, "plan_action", action.pk)
    return action


@transaction.atomic
def action_done(
    *, actor: Actor, case: Case, action: PlanAction, done_on: datetime.date | None = None
) -> PlanAction:
    plan = _plan_for(actor, case)
    with system_access("the action's goal inside the plan service"):
        if not Goal.objects.filter(pk=action.goal_id, plan=plan).exists():
            raise PermissionError("action of another plan")
    action.done_on = done_on or timezone.localdate()
    action.save(update_fields=["done_on"])
    audit(actor, Action.UPDATE, case, "plan_action", action.pk, details={"done": True})
    return action


@transaction.atomic
def plan_agree(*, actor: Actor, case: Case, agreed_by: str, note: str = "") -> SupportPlan:
    """The household agrees with the plan; a case in planning then moves to execution."""
    plan = _plan_for(actor, case)
    with system_access("plan has goals"):
        if not Goal.objects.filter(plan=plan).exists():
            raise CaseStepError(
                _("Een plan zonder doelen kan niet worden afgesproken. Voeg eerst een doel toe.")
            )
    if not agreed_by.strip():
        raise ValidationError({"agreed_by": _("Schrijf wie van het huishouden akkoord gaf.")})
    if plan.agreed_on is not None:
        plan.version += 1
    plan.agreed_on = timezone.localdate()
    plan.agreed_by = agreed_by.strip()
    plan.agreement_note = note.strip()
    plan.lead_id = plan.lead_id or actor.pk
    plan.full_clean()
    plan.save()
    if case.status == Status.PLANNING:
        move(
            case,
            Status.EXECUTION,
            actor=actor,
            reason=_("Plan afgesproken (versie %(v)d).") % {"v": plan.version},
        )
    audit(
        actor, Action.UPDATE, case, "support_plan", plan.pk, details={"agreed": True, "version": plan.version}
    )
    return plan

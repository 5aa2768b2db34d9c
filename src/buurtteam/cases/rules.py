"""The case lifecycle as an explicit state machine, and who may do what on a case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from buurtteam.cases.models import Status
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor

TRANSITIONS: dict[str, set[str]] = {
    Status.REGISTERED: {Status.INTAKE, Status.CLOSED},
    Status.INTAKE: {Status.ASSESSMENT, Status.CLOSED},
    Status.ASSESSMENT: {Status.PLANNING, Status.CLOSED},
    Status.PLANNING: {Status.EXECUTION, Status.CLOSED},
    Status.EXECUTION: {Status.EVALUATION, Status.CLOSED},
    Status.EVALUATION: {Status.EXECUTION, Status.PLANNING, Status.CLOSED},
    Status.CLOSED: {Status.INTAKE, Status.EXECUTION},  # reopening
}

# Why a step is not possible now, in words a worker understands.
STEP_HINTS: dict[str, Promise] = {
    Status.INTAKE: _("Dit kan pas als de casus is aangemeld of heropend."),
    Status.ASSESSMENT: _(
        "Rond eerst de vraagverheldering af: minstens één gesprek en één probleem op een leefgebied."
    ),
    Status.PLANNING: _("Leg eerst de inschatting op de leefgebieden vast."),
    Status.EXECUTION: _("Het plan moet eerst met de inwoner zijn afgesproken."),
    Status.EVALUATION: _("Evalueren kan als het plan wordt uitgevoerd."),
    Status.CLOSED: _("Deze casus is al afgesloten."),
}

PLAN_STATUSES = {Status.ASSESSMENT, Status.PLANNING, Status.EXECUTION, Status.EVALUATION}
WORK_STATUSES = {
    Status.REGISTERED,
    Status.INTAKE,
    Status.ASSESSMENT,
    Status.PLANNING,
    Status.EXECUTION,
    Status.EVALUATION,
}


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, set())


def may_assign(actor: Actor, case: Case, *, lead_user_id: int | None) -> bool:
    """The team's coordinator, the current case lead, or a team member picking up an unassigned case."""
    if actor.organisation_id != case.organisation_id or actor.role == Role.POLICY_OFFICER:
        return False
    if actor.role == Role.COORDINATOR and case.team_id in actor.team_ids:
        return True
    if lead_user_id is not None:
        return bool(lead_user_id == actor.pk)
    return bool(case.team_id in actor.team_ids)

"""Reads the case page needs besides the dossier itself: access level, settings, objects inside a case.

Every helper takes the actor and starts from ``visible_to`` / ``full_for``. None of them records an audit
event: the page reads the dossier through ``cases.case_get_full`` (audited), and the writes are audited
by the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from buurtteam.accounts.models import User
from buurtteam.cases.models import Case, Evaluation, Goal, LifeDomain, PlanAction, Task
from buurtteam.cases.services.domains import default_domain_set
from buurtteam.core.gate import access_or_404
from buurtteam.organisation.models import Organisation

if TYPE_CHECKING:
    from collections.abc import Iterable

    from buurtteam.core.actor import Actor


def full_access_to(*, actor: Actor, case_id: int) -> bool:
    """Whether the actor may read the whole dossier of this case (one query, not audited)."""
    return bool(Case.objects.full_for(actor).filter(pk=case_id).exists())


def case_for_write(*, actor: Actor, case_id: int) -> Case:
    """The case a step form posts to: full access required, 404 otherwise. Not audited as a read; the
    service that writes records the event."""
    return access_or_404(Case.objects.full_for(actor), pk=case_id)  # type: ignore[no-any-return]


def case_for_reopen(*, actor: Actor, case_id: int) -> Case:
    """Reopening needs the summary level only: any member of the case's team may pick the resident up
    again (and becomes the case lead); the service checks the rest."""
    return access_or_404(Case.objects.visible_to(actor), pk=case_id)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class CaseSettings:
    conversation_limit: int
    pickup_target_days: int
    reopen_window_days: int


def case_settings(*, actor: Actor, case: Case) -> CaseSettings:
    """The organisation's settings that shape the case page: from the case's organisation when the case
    was read with it (``case_get_full_or_none``), else in one query."""
    if "organisation" in case._state.fields_cache:
        org = case.organisation
        return CaseSettings(
            int(org.intake_conversation_limit),
            int(org.pickup_target_working_days),
            int(org.reopen_window_days),
        )
    row = (
        Organisation.objects.visible_to(actor)
        .filter(pk=case.organisation_id)
        .values_list("intake_conversation_limit", "pickup_target_working_days", "reopen_window_days")
        .first()
    )
    if row is None:
        return CaseSettings(3, 10, 90)
    return CaseSettings(int(row[0]), int(row[1]), int(row[2]))


def life_domains(*, actor: Actor, case: Case) -> list[LifeDomain]:
    """The domains of the organisation's instrument, in their order (for the forms that post)."""
    domain_set = default_domain_set(organisation_id=case.organisation_id)
    return list(LifeDomain.objects.visible_to(actor).filter(domain_set=domain_set).order_by("position"))


def team_colleagues(*, actor: Actor, team_id: int) -> list[User]:
    """Active members of the case's team: who a task or a plan action can go to."""
    return list(
        User.objects.visible_to(actor)
        .active()
        .in_team(team_id)
        .exclude(role="policy_officer")
        .distinct()
        .order_by("first_name", "last_name")
    )


def user_names(*, actor: Actor, user_ids: Iterable[int | None]) -> dict[int, str]:
    """Names of authors, in one query (the dossier selector does not join them)."""
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    rows = User.objects.visible_to(actor).filter(pk__in=ids).values_list("pk", "first_name", "last_name")
    return {pk: f"{first} {last}".strip() for pk, first, last in rows}


def goal_in_case(*, actor: Actor, case: Case, goal_id: int) -> Goal:
    """A goal of the plan of this case's household; 404 for anything else."""
    return access_or_404(  # type: ignore[no-any-return]
        Goal.objects.visible_to(actor).filter(plan__household_id=case.household_id), pk=goal_id
    )


def action_in_case(*, actor: Actor, case: Case, action_id: int) -> PlanAction:
    return access_or_404(  # type: ignore[no-any-return]
        PlanAction.objects.visible_to(actor).filter(goal__plan__household_id=case.household_id),
        pk=action_id,
    )


def task_in_case(*, actor: Actor, case: Case, task_id: int) -> Task:
    return access_or_404(Task.objects.visible_to(actor).filter(case_id=case.pk), pk=task_id)  # type: ignore[no-any-return]


def evaluation_in_case(*, actor: Actor, case: Case, evaluation_id: int) -> Evaluation:
    return access_or_404(  # type: ignore[no-any-return]
        Evaluation.objects.visible_to(actor).filter(case_id=case.pk), pk=evaluation_id
    )

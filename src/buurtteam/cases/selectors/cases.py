"""Caseload lists and single cases."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.clock import add_working_days, working_days_between
from buurtteam.cases.models import Case, CaseAssignment, Complexity, Status
from buurtteam.core.gate import Grant, access_or_404, grant_after_access, grant_of, system_access
from buurtteam.organisation.models import Organisation

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

RESIDENT = "resident"


def _with_summary(actor: Actor, qs: Any) -> Any:
    return qs.select_related("client", "team").prefetch_related(
        Prefetch(
            "assignments",
            queryset=CaseAssignment.objects.visible_to(actor)
            .filter(ended_at__isnull=True)
            .select_related("user")
            .order_by("-is_lead", "started_at"),
            to_attr="active_assignments",
        )
    )


def my_cases(*, actor: Actor, summary: bool = True) -> QuerySet[Case]:
    """Open cases the actor works on (``summary=False``: without the related rows, e.g. for
    ``case_list_rows``)."""
    qs = (
        Case.objects.visible_to(actor)
        .open()
        .filter(assignments__user_id=actor.pk, assignments__ended_at__isnull=True)
        .order_by("-crisis", "-registered_at")
    )
    return _with_summary(actor, qs) if summary else qs


def team_cases(
    *, actor: Actor, team_id: int, status: str = "", include_closed: bool = False, summary: bool = True
) -> QuerySet[Case]:
    qs = Case.objects.of_team(actor, team_id)
    if not include_closed:
        qs = qs.open()
    if status:
        qs = qs.filter(status=status)
    # Crisis first (the open-case index ``case_team_open`` has this order).
    qs = qs.order_by("-crisis", "-registered_at")
    return _with_summary(actor, qs) if summary else qs


def unassigned_queue(*, actor: Actor, team_id: int) -> QuerySet[Case]:
    qs = Case.objects.of_team(actor, team_id).open().unassigned().order_by("-crisis", "registered_at")
    return _with_summary(actor, qs)  # type: ignore[no-any-return]


def case_get(*, actor: Actor, case_id: int) -> Case:
    """A case at summary level (team members). Audited."""
    case = access_or_404(_with_summary(actor, Case.objects.visible_to(actor)), pk=case_id)
    record(
        actor=actor,
        action=Action.READ,
        object_type="case_summary",
        object_id=case.pk,
        subject_type=RESIDENT,
        subject_id=case.client_id,
        subject_team_id=case.team_id,
    )
    return case  # type: ignore[no-any-return]


def case_grant(actor: Actor, case: Case) -> Grant | None:
    """The full-access grant ``case_get_full`` left on this case object for ``actor`` (else ``None``)."""
    return grant_of(case, actor, level="full")


def has_full_access(*, actor: Actor, case: Case) -> bool:
    return bool(Case.objects.full_for(actor).filter(pk=case.pk).exists())


def case_get_full(*, actor: Actor, case_id: int) -> Case:
    """A whole dossier (case workers, the team's coordinator, break-the-glass). Audited; 404 otherwise."""
    case = case_get_full_or_none(actor=actor, case_id=case_id)
    if case is None:
        raise Http404
    return case


def case_get_full_or_none(*, actor: Actor, case_id: int) -> Case | None:
    """As ``case_get_full``, but ``None`` (nothing audited) when the actor has no full access, so that a
    page can fall back to the summary without asking the database twice."""
    # With the organisation: its settings shape the case page (``dossier_extra.case_settings``).
    scoped = Case.objects.full_for(actor).select_related("client", "team", "organisation")
    try:
        case: Case = access_or_404(scoped, pk=case_id)
    except Http404:
        return None
    # The rows inside this case may now be read through ``within(case_grant(...))`` for this request.
    grant = grant_after_access(scoped, case, actor=actor, level="full", household_id=case.household_id)
    # Its workers as ``_with_summary`` reads them, but through the grant: a filter on the case instead of
    # the visibility rule's nested sub-queries.
    case.active_assignments = list(  # type: ignore[attr-defined]
        CaseAssignment.objects.within(grant)
        .filter(ended_at__isnull=True)
        .select_related("user")
        .order_by("-is_lead", "started_at")
    )
    record(
        actor=actor,
        action=Action.READ,
        object_type="case",
        object_id=case.pk,
        subject_type=RESIDENT,
        subject_id=case.client_id,
        subject_team_id=case.team_id,
    )
    return case


# --- The pickup clock on lists ---------------------------------------------------------------------
@dataclass(frozen=True)
class Pickup:
    deadline: datetime.date
    working_days: int
    overdue: bool
    picked_up: bool


def pickup(case: Case, *, target_days: int, today: datetime.date | None = None) -> Pickup | None:
    """Complex questions must be picked up within ``target_days`` working days of registration."""
    if case.complexity != Complexity.COMPLEX or case.closed_at_registration:
        return None
    registered = timezone.localdate(case.registered_at)
    deadline = add_working_days(registered, target_days)
    if case.first_contact_at is not None:
        done = timezone.localdate(case.first_contact_at)
        return Pickup(deadline, working_days_between(registered, done), done > deadline, True)
    today = today or timezone.localdate()
    waiting = working_days_between(registered, today)
    return Pickup(deadline, waiting, case.status != Status.CLOSED and today > deadline, False)


def pickup_target(actor: Actor) -> int:
    with system_access("organisation settings"):
        return int(
            Organisation.objects.filter(pk=actor.organisation_id or 0)
            .values_list("pickup_target_working_days", flat=True)
            .first()
            or 10
        )


def crisis_cases(*, actor: Actor, team_id: int) -> list[Case]:
    """Open cases of the team marked as crisis, longest first."""
    return list(
        _with_summary(
            actor,
            Case.objects.of_team(actor, team_id).open().filter(crisis=True).order_by("crisis_since"),
        )[:100]
    )


def overdue_pickups(*, actor: Actor, team_id: int, target: int | None = None) -> list[Case]:
    """Open complex cases of the team without a first substantive contact past the deadline
    (``target``: the organisation's pickup target in working days, read if not given)."""
    target = pickup_target(actor) if target is None else target
    oldest_ok = timezone.now() - datetime.timedelta(
        days=target
    )  # calendar days <= working days: a safe pre-filter
    rows = list(
        _with_summary(
            actor,
            Case.objects.of_team(actor, team_id)
            .open()
            .filter(complexity=Complexity.COMPLEX, first_contact_at__isnull=True)
            .filter(registered_at__lt=oldest_ok)
            .order_by("registered_at"),
        )[:200]
    )
    today = timezone.localdate()
    return [c for c in rows if (p := pickup(c, target_days=target, today=today)) is not None and p.overdue]

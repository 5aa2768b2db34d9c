"""What every endpoint shares: the acting staff member, documented error responses, and conversions."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from buurtteam.accounts.models import User
from buurtteam.api import schemas as s
from buurtteam.api.services import may_use_api
from buurtteam.cases.models import Case
from buurtteam.cases.selectors.case_rows import CaseListRow
from buurtteam.cases.selectors.cases import pickup

READ_ERRORS: dict[int, type[s.ErrorOut]] = {401: s.ErrorOut, 404: s.ErrorOut, 422: s.ErrorOut}
WRITE_ERRORS: dict[int, type[s.ErrorOut]] = {**READ_ERRORS, 400: s.ErrorOut}


def actor_of(request: HttpRequest) -> User:
    """The authenticated staff member. A policy officer (or an account without organisation) reaches no
    person through the API: every endpoint answers 404 for them, as if nothing exists."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User) or not may_use_api(user):
        raise PermissionError("no person-level access through the API")
    return user


def ref(obj: Any) -> s.Ref | None:
    if obj is None:
        return None
    name = obj.get_full_name() if hasattr(obj, "get_full_name") else str(obj)
    return s.Ref(id=obj.pk, name=name)


def _assignments(case: Case) -> list[Any]:
    return list(getattr(case, "active_assignments", []))


def lead_of(case: Case) -> s.Ref | None:
    lead = next((a for a in _assignments(case) if a.is_lead), None)
    return s.Ref(id=lead.user_id, name=lead.user.get_full_name()) if lead is not None else None


def overdue(case: Case, *, target_days: int, today: datetime.date) -> bool:
    clock = pickup(case, target_days=target_days, today=today)
    return bool(clock is not None and clock.overdue)


def case_page(rows: list[CaseListRow], *, count: int, limit: int, offset: int) -> s.CasePage:
    """A page of the case list, built without validating every row again.

    The rows come from the database through ``case_list_rows`` with the types the schema declares (ints,
    texts, the status's choice value, aware datetimes), so the page is assembled with ``model_construct``:
    validating 100 rows with their nested references cost more than reading them. ``tests/test_case_page``
    checks that the constructed page validates against ``CasePage`` unchanged.
    """
    ref = s.Ref.model_construct
    item = s.CaseListItem.model_construct
    return s.CasePage.model_construct(
        count=count,
        limit=limit,
        offset=offset,
        items=[
            item(
                id=r.id,
                reference=r.reference,
                status=r.status,
                team=ref(id=r.team_id, name=r.team_name),
                client_name=r.client_name,
                lead=ref(id=r.lead_id, name=r.lead_name) if r.lead_id is not None else None,
                registered_at=r.registered_at,
                pickup_overdue=r.pickup_overdue,
                crisis=r.crisis,
                crisis_since=r.crisis_since,
            )
            for r in rows
        ],
    )


def case_out(case: Case, *, full: bool, target_days: int) -> s.CaseSummaryOut | s.CaseFullOut:
    """A case at the level the actor may see it."""
    summary: dict[str, Any] = {
        "id": case.pk,
        "reference": case.reference,
        "status": case.status,
        "team": s.Ref(id=case.team.pk, name=case.team.name),
        "client_name": case.client.full_name,
        "lead": lead_of(case),
        "registered_at": case.registered_at,
        "pickup_overdue": overdue(case, target_days=target_days, today=timezone.localdate()),
        "crisis": case.crisis,
        "crisis_since": case.crisis_since,
        "assignments": [
            s.AssignmentOut(
                id=a.pk,
                user_id=a.user_id,
                name=a.user.get_full_name(),
                is_lead=a.is_lead,
                started_at=a.started_at,
            )
            for a in _assignments(case)
        ],
    }
    if not full:
        return s.CaseSummaryOut(**summary)
    return s.CaseFullOut(
        **summary,
        client_id=case.client_id,
        household_id=case.household_id,
        channel=s.choice(case.channel),
        referrer=s.choice(case.referrer),
        question=case.question,
        urgency=s.choice(case.urgency),
        complexity=s.choice(case.complexity),
        advice_given=case.advice_given,
        safety_concern=case.safety_concern,
        crisis_note=case.crisis_note,
        status_changed_at=case.status_changed_at,
        first_contact_at=case.first_contact_at,
        last_contact_at=case.last_contact_at,
        closed_at=case.closed_at,
        closure_reason=s.choice(case.closure_reason),
        closure_note=case.closure_note,
        satisfaction=case.satisfaction,
        reopened_count=case.reopened_count,
    )


def case_state(case: Case) -> s.CaseStateOut:
    return s.CaseStateOut(
        id=case.pk,
        reference=case.reference,
        status=s.choice(case.status),
        status_changed_at=case.status_changed_at,
        closed_at=case.closed_at,
        closure_reason=s.choice(case.closure_reason),
        reopened_count=case.reopened_count,
    )

"""Cases: caseload lists, one case, registration and the steps that move a case along."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from buurtteam.accounts.models import User
from buurtteam.api import schemas as s
from buurtteam.api.common import READ_ERRORS, WRITE_ERRORS, actor_of, case_out, case_page, case_state
from buurtteam.api.errors import validation_errors
from buurtteam.api.routers.residents import checked_codes, refuse_duplicates
from buurtteam.api.selectors import case_for_write, has_full_access
from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.models import CaseAssignment
from buurtteam.cases.selectors.case_rows import case_list_rows
from buurtteam.cases.selectors.cases import case_get, case_get_full, my_cases, pickup_target, team_cases
from buurtteam.cases.selectors.residents import resident_get
from buurtteam.cases.services import assignment, lifecycle, registration
from buurtteam.organisation.models import Team
from buurtteam.residents.services import resident_create

router = Router(tags=["cases"])

ID = P(ge=1, le=s.MAX_ID)


def assignment_out(item: CaseAssignment, user: User | None = None) -> s.AssignmentOut:
    return s.AssignmentOut(
        id=item.pk,
        user_id=item.user_id,
        name=user.get_full_name() if user is not None else item.user.get_full_name(),
        is_lead=item.is_lead,
        started_at=item.started_at,
    )


@router.get(
    "/cases",
    response={200: s.CasePage, **READ_ERRORS},
    operation_id="case_list",
    url_name="case_list",
    summary="Cases you work on, or a team's cases",
)
def case_list_view(request: HttpRequest, filters: Query[s.CaseListQuery]) -> s.CasePage:
    """Summary fields only, newest first, at most 100 per page. Without ``team_id``: your open cases.
    With ``team_id``: the team's open cases (``status=closed`` for closed ones). Audited as a list read."""
    actor = actor_of(request)
    if filters.team_id is not None:
        # One of the actor's own teams exists; any other must be a team of the actor's organisation.
        own = filters.team_id in actor.team_ids
        if not own and not Team.objects.visible_to(actor).filter(pk=filters.team_id).exists():
            raise Http404
        qs = team_cases(
            actor=actor,
            team_id=filters.team_id,
            status=filters.status or "",
            include_closed=filters.status == "closed",
            summary=False,
        )
    else:
        qs = my_cases(actor=actor, summary=False)
        if filters.status:
            qs = qs.filter(status=filters.status)
    count = qs.count()
    rows = case_list_rows(
        actor=actor, cases=qs, offset=filters.offset, limit=filters.limit, target_days=pickup_target(actor)
    )
    record(
        actor=actor,
        action=Action.READ,
        object_type="case_list",
        details={"team_id": filters.team_id, "cases": [r.id for r in rows]},
    )
    return case_page(rows, count=count, limit=filters.limit, offset=filters.offset)


@router.get(
    "/cases/{case_id}",
    response={200: s.CaseSummaryOut | s.CaseFullOut, **READ_ERRORS},
    operation_id="case_get",
    url_name="case_get",
    summary="A case: the whole case, or the summary the team sees",
)
def case_get_view(request: HttpRequest, case_id: PathEx[int, ID]) -> s.CaseSummaryOut | s.CaseFullOut:
    """``access`` says which: ``full`` for the workers on the case, the team's coordinator and
    break-the-glass; ``summary`` for the other members of the team. Audited."""
    actor = actor_of(request)
    full = has_full_access(actor=actor, case_id=case_id)
    case = case_get_full(actor=actor, case_id=case_id) if full else case_get(actor=actor, case_id=case_id)
    return case_out(case, full=full, target_days=pickup_target(actor))


@router.post(
    "/cases",
    response={201: s.CaseSummaryOut | s.CaseFullOut, 409: s.DuplicateErrorOut, **WRITE_ERRORS},
    operation_id="case_register",
    url_name="case_register",
    summary="Register a question (aanmelding)",
)
def case_register_view(
    request: HttpRequest, payload: s.CaseRegisterIn
) -> Status[s.CaseSummaryOut | s.CaseFullOut]:
    """For an existing resident (``client_id``) or a new one (``resident``, registered in the same
    transaction: if the question is refused, no resident is kept either)."""
    actor = actor_of(request)
    question = payload.model_dump(exclude={"client_id", "resident", "allow_duplicate"})
    with transaction.atomic():  # one commit (the savepoints inside cost less than a second commit)
        if payload.resident is None:
            assert payload.client_id is not None
            client = resident_get(actor=actor, resident_id=payload.client_id)
        else:
            data = payload.resident.model_dump()
            checked_codes(data, prefix="resident.")
            if not payload.allow_duplicate:
                refuse_duplicates(actor, data)
            try:
                client = resident_create(actor=actor, **data)
            except ValidationError as exc:
                raise ValidationError(validation_errors(exc, prefix="resident.")) from exc
        case = registration.case_register(actor=actor, client=client, **question)
    full = has_full_access(actor=actor, case_id=case.pk)
    # Registered this moment: the pickup clock cannot have run out, whatever the organisation's target,
    # so the answer does not read the target (``overdue`` is false for any target of 0 days or more).
    return Status(201, case_out(case, full=full, target_days=0))


@router.post(
    "/cases/{case_id}/close",
    response={200: s.CaseStateOut, **WRITE_ERRORS},
    operation_id="case_close",
    url_name="case_close",
    summary="Close a case, with a reason",
)
def case_close_view(request: HttpRequest, case_id: PathEx[int, ID], payload: s.CaseCloseIn) -> s.CaseStateOut:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    lifecycle.case_close(
        actor=actor, case=case, reason=payload.reason, note=payload.note, satisfaction=payload.satisfaction
    )
    return case_state(case)


@router.post(
    "/cases/{case_id}/reopen",
    response={200: s.CaseStateOut, **WRITE_ERRORS},
    operation_id="case_reopen",
    url_name="case_reopen",
    summary="Reopen a closed case within the organisation's period",
)
def case_reopen_view(request: HttpRequest, case_id: PathEx[int, ID], payload: s.ReopenIn) -> s.CaseStateOut:
    """The history stays; you become the case lead."""
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    lifecycle.case_reopen(actor=actor, case=case, reason=payload.reason)
    return case_state(case)


@router.post(
    "/cases/{case_id}/assign",
    response={200: s.AssignmentOut, **WRITE_ERRORS},
    operation_id="case_assign",
    url_name="case_assign",
    summary="Add a worker to the case, optionally as case lead",
)
def case_assign_view(request: HttpRequest, case_id: PathEx[int, ID], payload: s.AssignIn) -> s.AssignmentOut:
    """The team's coordinator, the current case lead, or a team member picking up an unassigned case."""
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    item = assignment.case_assign(
        actor=actor, case=case, user_id=payload.user_id, as_lead=payload.as_lead, reason=payload.reason
    )
    return assignment_out(item, actor if item.user_id == actor.pk else None)


@router.post(
    "/cases/{case_id}/transfer",
    response={200: s.AssignmentOut, **WRITE_ERRORS},
    operation_id="case_transfer",
    url_name="case_transfer",
    summary="Hand the case lead to a colleague, with a reason",
)
def case_transfer_view(
    request: HttpRequest, case_id: PathEx[int, ID], payload: s.TransferIn
) -> s.AssignmentOut:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    item = assignment.case_transfer(
        actor=actor, case=case, to_user_id=payload.to_user_id, reason=payload.reason
    )
    return assignment_out(item, actor if item.user_id == actor.pk else None)


@router.post(
    "/cases/{case_id}/finish-intake",
    response={200: s.CaseStateOut, **WRITE_ERRORS},
    operation_id="intake_finish",
    url_name="intake_finish",
    summary="Finish the intake (vraagverheldering): on to the assessment",
)
def intake_finish_view(request: HttpRequest, case_id: PathEx[int, ID]) -> s.CaseStateOut:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    lifecycle.intake_finish(actor=actor, case=case)
    return case_state(case)

"""The waitlist and bridging (overbrugging): nobody waiting for a partner drops out of sight.

The team's waitlist and the overdue check-ins are summary-level (every member of the team, as on the team
page); a bridging plan's details and its check-ins need full access to the case.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from buurtteam.api import schemas as s
from buurtteam.api import schemas_referrals as r
from buurtteam.api.common import READ_ERRORS, WRITE_ERRORS, actor_of, ref
from buurtteam.api.errors import field_names
from buurtteam.api.routers.referrals import plan_out
from buurtteam.api.selectors_referrals import plan_for_write, plan_get
from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.organisation.models import Team
from buurtteam.referrals.models import BridgingPlan, CheckIn
from buurtteam.referrals.selectors import check_ins, overdue_check_ins, waitlist
from buurtteam.referrals.services import bridging

router = Router(tags=["bridging"])

ID = P(ge=1, le=s.MAX_ID)


def _known_team(request: HttpRequest, team_id: int) -> None:
    """Teams are known organisation-wide (their cases are not: another team's lists are empty)."""
    if not Team.objects.visible_to(actor_of(request)).filter(pk=team_id).exists():
        raise Http404


def check_in_out(item: CheckIn) -> r.CheckInOut:
    return r.CheckInOut(
        id=item.pk,
        plan_id=item.plan_id,
        occurred_at=item.occurred_at,
        mode=s.choice(item.mode),
        wellbeing=s.choice(item.wellbeing),
        note=item.note,
        author=ref(item.author),
    )


@router.get(
    "/teams/{team_id}/waitlist",
    response={200: list[r.WaitlistItem], **READ_ERRORS},
    operation_id="waitlist",
    url_name="waitlist",
    summary="Everyone of the team waiting for a partner",
    tags=["waitlist"],
)
def waitlist_view(request: HttpRequest, team_id: PathEx[int, ID]) -> list[r.WaitlistItem]:
    """Overdue check-ins first (or waiting without a bridging plan), then the longest waiting; at most 500.
    For another team it holds only the cases the actor may still see there (ones the actor works on or
    broke the glass for); usually it is empty. Audited as one read."""
    actor = actor_of(request)
    _known_team(request, team_id)
    items = []
    for row in waitlist(actor=actor, team_id=team_id):
        referral = row.referral
        plan: BridgingPlan | None = getattr(referral, "bridging", None)
        items.append(
            r.WaitlistItem(
                referral_id=referral.pk,
                case_id=referral.case_id,
                case_reference=referral.case.reference,
                client_name=referral.case.client.full_name,
                partner=s.Ref(id=referral.partner.pk, name=referral.partner.name),
                status=s.choice(referral.status),
                sent_at=referral.sent_at,
                expected_start=referral.expected_start,
                waiting_days=row.waiting_days,
                plan_id=plan.pk if plan is not None else None,
                contact=ref(plan.contact) if plan is not None else None,
                next_due=plan.next_due if plan is not None else None,
                overdue_days=row.overdue_days,
                no_plan=row.no_plan,
                overdue=row.overdue,
            )
        )
    return items


@router.get(
    "/check-ins/overdue",
    response={200: list[r.OverdueItem], **READ_ERRORS},
    operation_id="check_in_overdue_list",
    url_name="check_in_overdue_list",
    summary="Bridging check-ins past due: yours, or a team's",
    tags=["waitlist"],
)
def check_in_overdue_view(request: HttpRequest, filters: Query[r.OverdueQuery]) -> list[r.OverdueItem]:
    """Without ``team_id``: the plans you keep contact for. Most overdue first; at most 200. Audited as one
    read when the list is not empty."""
    actor = actor_of(request)
    if filters.team_id is not None:
        _known_team(request, filters.team_id)
        plans = overdue_check_ins(actor=actor, team_id=filters.team_id)
    else:
        plans = overdue_check_ins(actor=actor, contact_id=actor.pk)
    if plans:
        record(
            actor=actor,
            action=Action.READ,
            object_type="overdue_check_ins",
            subject_team_id=filters.team_id,
            details={"team_id": filters.team_id, "referrals": [p.referral_id for p in plans]},
        )
    today = timezone.localdate()
    return [
        r.OverdueItem(
            plan_id=plan.pk,
            referral_id=plan.referral_id,
            case_id=plan.referral.case_id,
            case_reference=plan.referral.case.reference,
            client_name=plan.referral.case.client.full_name,
            partner=s.Ref(id=plan.referral.partner.pk, name=plan.referral.partner.name),
            contact=s.Ref(id=plan.contact.pk, name=plan.contact.get_full_name()),
            next_due=plan.next_due,
            overdue_days=(today - plan.next_due).days,
            last_check_in_at=plan.last_check_in_at,
        )
        for plan in plans
    ]


@router.get(
    "/bridging-plans/{plan_id}",
    response={200: r.BridgingPlanOut, **READ_ERRORS},
    operation_id="bridging_plan_get",
    url_name="bridging_plan_get",
    summary="A bridging plan: who keeps contact, how often, what continues",
)
def bridging_plan_get_view(request: HttpRequest, plan_id: PathEx[int, ID]) -> r.BridgingPlanOut:
    """Audited."""
    return plan_out(plan_get(actor=actor_of(request), plan_id=plan_id))


@router.patch(
    "/bridging-plans/{plan_id}",
    response={200: r.BridgingPlanOut, **WRITE_ERRORS},
    operation_id="bridging_plan_update",
    url_name="bridging_plan_update",
    summary="Change the contact person, the rhythm or the support of an active plan",
)
def bridging_plan_update_view(
    request: HttpRequest, plan_id: PathEx[int, ID], payload: r.BridgingPatch
) -> r.BridgingPlanOut:
    """Only the fields sent are changed. The next check-in is due ``interval_days`` after the last one;
    the open check-in task moves with it."""
    actor = actor_of(request)
    plan = plan_for_write(actor=actor, plan_id=plan_id)
    with field_names({"user": "contact_id", "contact": "contact_id"}):
        updated = bridging.bridging_update(
            actor=actor,
            plan=plan,
            contact_id=payload.contact_id if payload.contact_id is not None else plan.contact_id,
            interval_days=(
                payload.interval_days if payload.interval_days is not None else plan.interval_days
            ),
            support=payload.support if payload.support is not None else plan.support,
        )
    return plan_out(plan_for_write(actor=actor, plan_id=updated.pk))


@router.get(
    "/bridging-plans/{plan_id}/check-ins",
    response={200: list[r.CheckInOut], **READ_ERRORS},
    operation_id="check_in_list",
    url_name="check_in_list",
    summary="The plan's check-ins, newest first (the last 50)",
)
def check_in_list_view(request: HttpRequest, plan_id: PathEx[int, ID]) -> list[r.CheckInOut]:
    actor = actor_of(request)
    plan = plan_get(actor=actor, plan_id=plan_id)
    return [check_in_out(c) for c in check_ins(actor=actor, plan=plan)]


@router.post(
    "/bridging-plans/{plan_id}/check-ins",
    response={201: r.CheckInOut, **WRITE_ERRORS},
    operation_id="check_in_record",
    url_name="check_in_record",
    summary="Record a bridging contact; schedules the next one",
)
def check_in_record_view(
    request: HttpRequest, plan_id: PathEx[int, ID], payload: r.CheckInIn
) -> Status[r.CheckInOut]:
    """Closes the open check-in task and makes the next, ``interval_days`` later."""
    actor = actor_of(request)
    plan = plan_for_write(actor=actor, plan_id=plan_id)
    item = bridging.check_in_record(actor=actor, plan=plan, **payload.model_dump())
    item.author = actor
    return Status(201, check_in_out(item))

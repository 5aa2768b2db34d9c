"""Toeleiding (service links), groups and signals, and their counts (docs/community.md).

Person-level endpoints use the same selectors, services and gate as the pages: a link needs full access to
its case, a group is for its team and leaders, a signal about a resident follows that resident; anything
else is a 404. The counts (``/service-links/counts``, ``/groups/counts``, ``/signals/overview``) have no
persons and are open to every staff member, policy officers included (through the website's session; a
policy officer gets no API token); a count of 1 or 2 is ``null``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from buurtteam.accounts.models import User
from buurtteam.api import schemas as s
from buurtteam.api import schemas_community as c
from buurtteam.api.common import READ_ERRORS, WRITE_ERRORS, actor_of
from buurtteam.api.errors import field_names
from buurtteam.api.selectors import case_for_write
from buurtteam.cases.selectors.cases import case_get_full
from buurtteam.community.models import Group, GroupParticipant, GroupSession, ServiceLink, Signal
from buurtteam.community.selectors import aggregates
from buurtteam.community.selectors import groups as group_selectors
from buurtteam.community.selectors import links as link_selectors
from buurtteam.community.selectors import signals as signal_selectors
from buurtteam.community.services import groups, links, signals

if TYPE_CHECKING:
    from buurtteam.community.selectors.groups import GroupPage

router = Router(tags=["community"])

ID = P(ge=1, le=s.MAX_ID)
FIELDS = {
    "service": "service_id",
    "action": "action_id",
    "resident": "resident_id",
    "neighbourhood": "neighbourhood_id",
    "location": "location_id",
    "team": "team_id",
    "leaders": "leader_ids",
    "present": "present_ids",
    "user": "user_id",
}


def staff_of(request: HttpRequest) -> User:
    """Anyone of an organisation, policy officers included: for the counts, which hold no persons."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User) or user.organisation_id is None:
        raise PermissionError("no organisation")
    return user


# --- Service links -------------------------------------------------------------------------------------
def link_out(link: ServiceLink) -> c.ServiceLinkOut:
    return c.ServiceLinkOut(
        id=link.pk,
        case_id=link.case_id,
        action_id=link.action_id,
        service_id=link.service_id,
        service_name=link.service_name,
        status=s.choice(link.status),
        note=link.note,
        follow_up_note=link.follow_up_note,
        follow_up_task_id=link.follow_up_task_id,
        linked_by_id=link.linked_by_id,
        linked_at=link.linked_at,
        status_changed_at=link.status_changed_at,
        followed_up_at=link.followed_up_at,
    )


@router.get(
    "/service-links/counts",
    response={200: list[c.LinkCountOut], **READ_ERRORS},
    operation_id="service_link_counts",
    url_name="service_link_counts",
    summary="Per activity: residents linked, went, stopped, did not go (no persons)",
)
def link_counts_view(request: HttpRequest, filters: Query[c.LinkCountsQuery]) -> list[c.LinkCountOut]:
    actor = staff_of(request)
    period = None
    if filters.start or filters.end:
        period = (filters.start or datetime.date(2000, 1, 1), filters.end or timezone.localdate())
    counts = aggregates.link_counts(actor=actor, team_id=filters.team_id, period=period)
    return [
        c.LinkCountOut(
            service_id=item.service_id,
            service_name=item.service_name,
            linked=aggregates.small_cell(item.linked),
            went=aggregates.small_cell(item.went),
            stopped=aggregates.small_cell(item.stopped),
            not_gone=aggregates.small_cell(item.not_gone),
        )
        for item in counts
    ]


@router.get(
    "/service-links",
    response={200: list[c.ServiceLinkOut], **READ_ERRORS},
    operation_id="service_link_list",
    url_name="service_link_list",
    summary="A case's links to activities, newest first (full access to the case)",
)
def link_list_view(request: HttpRequest, filters: Query[c.ServiceLinkListQuery]) -> list[c.ServiceLinkOut]:
    """Audited with the resident as subject."""
    actor = actor_of(request)
    case = case_get_full(actor=actor, case_id=filters.case_id)
    return [link_out(item) for item in link_selectors.case_links_audited(actor=actor, case=case)]


@router.post(
    "/service-links",
    response={201: c.ServiceLinkOut, **WRITE_ERRORS},
    operation_id="service_link_create",
    url_name="service_link_create",
    summary="Link the case's resident to an activity, from a plan action (adds a follow-up task)",
)
def link_create_view(request: HttpRequest, payload: c.ServiceLinkIn) -> Status[c.ServiceLinkOut]:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=payload.case_id)
    with field_names(FIELDS):
        made = links.link_create(
            actor=actor,
            case=case,
            action_id=payload.action_id,
            service_id=payload.service_id,
            note=payload.note,
        )
    return Status(201, link_out(made))


@router.get(
    "/service-links/{link_id}",
    response={200: c.ServiceLinkOut, **READ_ERRORS},
    operation_id="service_link_get",
    url_name="service_link_get",
    summary="One link (full access to its case)",
)
def link_get_view(request: HttpRequest, link_id: PathEx[int, ID]) -> c.ServiceLinkOut:
    """Audited."""
    return link_out(link_selectors.link_get(actor=actor_of(request), link_id=link_id))


@router.post(
    "/service-links/{link_id}/follow-up",
    response={200: c.ServiceLinkOut, **WRITE_ERRORS},
    operation_id="service_link_follow_up",
    url_name="service_link_follow_up",
    summary="Record whether the resident went and how it went (completes the follow-up task)",
)
def link_follow_up_view(
    request: HttpRequest, link_id: PathEx[int, ID], payload: c.FollowUpIn
) -> c.ServiceLinkOut:
    actor = actor_of(request)
    link = link_selectors.link_get(actor=actor, link_id=link_id)
    with field_names(FIELDS):
        made = links.link_follow_up(
            actor=actor,
            link=link,
            status=payload.status,
            note=payload.note,
            next_check_on=payload.next_check_on,
        )
    return link_out(made)


# --- Groups --------------------------------------------------------------------------------------------
def group_out(group: Group) -> c.GroupOut:
    return c.GroupOut(
        id=group.pk,
        team=s.Ref(id=group.team.pk, name=group.team.name),
        name=group.name,
        description=group.description,
        service_id=group.service_id,
        location_id=group.location_id,
        leaders=[s.Ref(id=u.pk, name=u.get_full_name()) for u in group.leaders.all()],
        active=group.active,
    )


def participant_out(p: GroupParticipant) -> c.ParticipantOut:
    return c.ParticipantOut(
        id=p.pk, resident_id=p.resident_id, name=p.display_name, joined_on=p.joined_on, left_on=p.left_on
    )


def session_out(session: GroupSession, present: set[int]) -> c.SessionOut:
    return c.SessionOut(
        id=session.pk,
        held_on=session.held_on,
        activity=session.activity,
        place=session.place,
        location_id=session.location_id,
        guests=session.guests,
        attendance_count=session.attendance_count,
        notes=session.notes,
        present_ids=sorted(present),
    )


def group_detail_out(page: GroupPage) -> c.GroupDetailOut:
    return c.GroupDetailOut(
        **group_out(page.group).model_dump(),
        participants=[participant_out(p) for p in page.participants],
        sessions=[session_out(x, page.attended.get(x.pk, set())) for x in page.sessions],
    )


@router.get(
    "/groups/counts",
    response={200: list[c.GroupCountOut], **READ_ERRORS},
    operation_id="group_counts",
    url_name="group_counts",
    summary="Per group: participants, sessions and attendance (no names)",
)
def group_counts_view(request: HttpRequest, team_id: int | None = None) -> list[c.GroupCountOut]:
    actor = staff_of(request)
    return [
        c.GroupCountOut(
            group_id=item.group_id,
            name=item.name,
            team_name=item.team_name,
            active=item.active,
            participants=aggregates.small_cell(item.participants),
            sessions=item.sessions,
            attendance=aggregates.small_cell(item.attendance),
        )
        for item in aggregates.group_counts(actor=actor, team_id=team_id)
    ]


@router.get(
    "/groups",
    response={200: list[c.GroupOut], **READ_ERRORS},
    operation_id="group_list",
    url_name="group_list",
    summary="Your groups: your teams' and the ones you lead",
)
def group_list_view(request: HttpRequest, include_inactive: bool = False) -> list[c.GroupOut]:
    actor = actor_of(request)
    return [group_out(g) for g in group_selectors.group_list(actor=actor, include_inactive=include_inactive)]


@router.post(
    "/groups",
    response={201: c.GroupDetailOut, **WRITE_ERRORS},
    operation_id="group_create",
    url_name="group_create",
    summary="A new group of one of your teams",
)
def group_create_view(request: HttpRequest, payload: c.GroupIn) -> Status[c.GroupDetailOut]:
    actor = actor_of(request)
    with field_names(FIELDS):
        made = groups.group_create(
            actor=actor,
            team_id=payload.team_id,
            name=payload.name,
            description=payload.description,
            service_id=payload.service_id,
            location_id=payload.location_id,
            leader_ids=payload.leader_ids,
        )
    return Status(201, group_detail_out(group_selectors.group_page(actor=actor, group_id=made.pk)))


@router.get(
    "/groups/{group_id}",
    response={200: c.GroupDetailOut, **READ_ERRORS},
    operation_id="group_get",
    url_name="group_get",
    summary="A group with its participants and latest sessions (audited)",
)
def group_get_view(request: HttpRequest, group_id: PathEx[int, ID]) -> c.GroupDetailOut:
    return group_detail_out(group_selectors.group_page(actor=actor_of(request), group_id=group_id))


@router.put(
    "/groups/{group_id}",
    response={200: c.GroupDetailOut, **WRITE_ERRORS},
    operation_id="group_update",
    url_name="group_update",
    summary="Change a group (its team stays)",
)
def group_update_view(
    request: HttpRequest, group_id: PathEx[int, ID], payload: c.GroupUpdateIn
) -> c.GroupDetailOut:
    actor = actor_of(request)
    group = group_selectors.group_get(actor=actor, group_id=group_id)
    with field_names(FIELDS):
        groups.group_update(actor=actor, group=group, **payload.model_dump())
    return group_detail_out(group_selectors.group_page(actor=actor, group_id=group.pk))


@router.post(
    "/groups/{group_id}/participants",
    response={201: c.ParticipantOut, **WRITE_ERRORS},
    operation_id="group_participant_add",
    url_name="group_participant_add",
    summary="Add a resident you can see, or (someone who is not a client) a name",
)
def participant_add_view(
    request: HttpRequest, group_id: PathEx[int, ID], payload: c.ParticipantIn
) -> Status[c.ParticipantOut]:
    actor = actor_of(request)
    group = group_selectors.group_get(actor=actor, group_id=group_id)
    with field_names(FIELDS):
        made = groups.participant_add(
            actor=actor,
            group=group,
            resident_id=payload.resident_id,
            name=payload.name,
            joined_on=payload.joined_on,
        )
    return Status(
        201,
        participant_out(group_selectors.participant_get(actor=actor, group=group, participant_id=made.pk)),
    )


@router.post(
    "/groups/{group_id}/participants/{participant_id}/leave",
    response={200: c.ParticipantOut, **WRITE_ERRORS},
    operation_id="group_participant_leave",
    url_name="group_participant_leave",
    summary="A participant stops (kept for the attendance history)",
)
def participant_leave_view(
    request: HttpRequest, group_id: PathEx[int, ID], participant_id: PathEx[int, ID], payload: c.LeaveIn
) -> c.ParticipantOut:
    actor = actor_of(request)
    group = group_selectors.group_get(actor=actor, group_id=group_id)
    participant = group_selectors.participant_get(actor=actor, group=group, participant_id=participant_id)
    made = groups.participant_leave(actor=actor, participant=participant, left_on=payload.left_on)
    made.resident = participant.resident
    return participant_out(made)


@router.post(
    "/groups/{group_id}/sessions",
    response={201: c.SessionOut, **WRITE_ERRORS},
    operation_id="group_session_add",
    url_name="group_session_add",
    summary="A session that took place, with who came",
)
def session_add_view(
    request: HttpRequest, group_id: PathEx[int, ID], payload: c.SessionIn
) -> Status[c.SessionOut]:
    actor = actor_of(request)
    group = group_selectors.group_get(actor=actor, group_id=group_id)
    with field_names(FIELDS):
        made = groups.session_add(actor=actor, group=group, **payload.model_dump())
    return Status(201, session_out(made, set(payload.present_ids)))


# --- Signals -------------------------------------------------------------------------------------------
def signal_out(signal: Signal) -> c.SignalOut:
    return c.SignalOut(
        id=signal.pk,
        team=s.Ref(id=signal.team.pk, name=signal.team.name),
        theme=s.choice(signal.theme),
        neighbourhood=s.Ref(id=signal.neighbourhood.pk, name=signal.neighbourhood.name),
        noticed_on=signal.noticed_on,
        location_id=signal.location_id,
        place=signal.place,
        note=signal.note,
        resident_id=signal.resident_id,
        anonymous=signal.is_anonymous,
        status=s.choice(signal.status),
        picked_up_by_id=signal.picked_up_by_id,
        follow_up_note=signal.follow_up_note,
        recorded_by_id=signal.recorded_by_id,
        recorded_at=signal.recorded_at,
    )


@router.get(
    "/signals/overview",
    response={200: c.OverviewOut, **READ_ERRORS},
    operation_id="signal_overview",
    url_name="signal_overview",
    summary="Signals per theme over time and per buurt (counts only)",
)
def overview_view(request: HttpRequest, filters: Query[c.OverviewQuery]) -> c.OverviewOut:
    actor = staff_of(request)
    found = aggregates.signal_overview(
        actor=actor,
        end=timezone.localdate(),
        periods=filters.periods,
        granularity=filters.granularity,
        neighbourhood_id=filters.neighbourhood_id,
    )
    names = dict(found.neighbourhoods)
    return c.OverviewOut(
        granularity=s.choice(found.granularity),
        start=found.start,
        end=found.end,
        total=aggregates.small_cell(found.total),
        per_period=[
            c.OverviewCellOut(period=period, theme=s.choice(theme), count=aggregates.small_cell(n))
            for (theme, period), n in sorted(found.by_period.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        ],
        per_buurt=[
            c.BuurtCellOut(
                neighbourhood=s.Ref(id=buurt, name=names.get(buurt, "")),
                theme=s.choice(theme),
                count=aggregates.small_cell(n),
            )
            for (buurt, theme), n in sorted(found.by_buurt.items())
        ],
    )


@router.get(
    "/signals",
    response={200: c.SignalPage, **READ_ERRORS},
    operation_id="signal_list",
    url_name="signal_list",
    summary="Signals you may see, open ones first (audited)",
)
def signal_list_view(request: HttpRequest, filters: Query[c.SignalListQuery]) -> c.SignalPage:
    actor = actor_of(request)
    qs = signal_selectors.signal_list(actor=actor, status=filters.status or "", theme=filters.theme or "")
    items = list(qs[filters.offset : filters.offset + filters.limit])
    signal_selectors.audit_list(actor=actor, signals=items)
    return c.SignalPage(
        count=qs.count(), limit=filters.limit, offset=filters.offset, items=[signal_out(x) for x in items]
    )


@router.post(
    "/signals",
    response={201: c.SignalOut, **WRITE_ERRORS},
    operation_id="signal_record",
    url_name="signal_record",
    summary="Record a signal: anonymous (buurt and theme) or about a resident you can see",
)
def signal_record_view(request: HttpRequest, payload: c.SignalIn) -> Status[c.SignalOut]:
    actor = actor_of(request)
    with field_names(FIELDS):
        made = signals.signal_record(actor=actor, **payload.model_dump())
    return Status(201, signal_out(signal_selectors.signal_for_write(actor=actor, signal_id=made.pk)))


@router.get(
    "/signals/{signal_id}",
    response={200: c.SignalOut, **READ_ERRORS},
    operation_id="signal_get",
    url_name="signal_get",
    summary="One signal (audited; a person's signal names the resident as subject)",
)
def signal_get_view(request: HttpRequest, signal_id: PathEx[int, ID]) -> c.SignalOut:
    return signal_out(signal_selectors.signal_get(actor=actor_of(request), signal_id=signal_id))


@router.post(
    "/signals/{signal_id}/pick-up",
    response={200: c.SignalOut, **WRITE_ERRORS},
    operation_id="signal_pick_up",
    url_name="signal_pick_up",
    summary="Someone of the signal's team picks it up",
)
def signal_pick_up_view(request: HttpRequest, signal_id: PathEx[int, ID], payload: c.PickUpIn) -> c.SignalOut:
    actor = actor_of(request)
    signal = signal_selectors.signal_for_write(actor=actor, signal_id=signal_id)
    with field_names(FIELDS):
        signals.signal_pick_up(actor=actor, signal=signal, user_id=payload.user_id, note=payload.note)
    return signal_out(signal_selectors.signal_for_write(actor=actor, signal_id=signal_id))


@router.post(
    "/signals/{signal_id}/close",
    response={200: c.SignalOut, **WRITE_ERRORS},
    operation_id="signal_close",
    url_name="signal_close",
    summary="Close the signal with what was done",
)
def signal_close_view(
    request: HttpRequest, signal_id: PathEx[int, ID], payload: c.SignalCloseIn
) -> c.SignalOut:
    actor = actor_of(request)
    signal = signal_selectors.signal_for_write(actor=actor, signal_id=signal_id)
    with field_names(FIELDS):
        signals.signal_close(actor=actor, signal=signal, note=payload.note)
    return signal_out(signal_selectors.signal_for_write(actor=actor, signal_id=signal_id))

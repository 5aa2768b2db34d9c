"""The volunteer databank: volunteers, requests for informal help, ranked suggestions with their explanation,
and the match lifecycle (see docs/volunteers.md).

Same selectors, services and gate as the pages: workers, coordinators and the functional administrator of
the organisation; a policy officer and anyone else get 404. A volunteer's link to a resident is never
returned; a request's case (``case``) only to a caller who sees that case. Every read and write is audited.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from buurtteam.api import schemas as s
from buurtteam.api import schemas_volunteers as v
from buurtteam.api.common import READ_ERRORS, WRITE_ERRORS, actor_of
from buurtteam.cases.selectors.cases import case_get_full
from buurtteam.volunteers import choices, selectors
from buurtteam.volunteers.matching import rank_volunteers
from buurtteam.volunteers.models import HelpRequest, Match, Volunteer
from buurtteam.volunteers.services import matches, requests, volunteers

router = Router(tags=["volunteers"])

ID = P(ge=1, le=s.MAX_ID)


def _ref(obj: Any, name: str) -> s.Ref | None:
    return s.Ref(id=obj.pk, name=name) if obj is not None else None


# --- Volunteers ------------------------------------------------------------------------------------------
def _volunteer_fields(item: Volunteer) -> dict[str, Any]:
    today = timezone.localdate()
    state = item.vog_state(today)
    return {
        "id": item.pk,
        "first_name": item.first_name,
        "last_name": item.last_name,
        "neighbourhood": _ref(item.neighbourhood, item.neighbourhood.name if item.neighbourhood else ""),
        "travel_radius_km": item.travel_radius_km,
        "interests": choices.unpack(item.interests),
        "languages": choices.unpack(item.languages),
        "availability": choices.codes_from_mask(item.availability),
        "vog_status": state,
        "vog_valid_until": item.vog_valid_until if state == "valid" else None,
        "status": item.status,
    }


def volunteer_out(item: Volunteer) -> v.VolunteerOut:
    return v.VolunteerOut(
        **_volunteer_fields(item),
        phone=item.phone,
        email=item.email,
        postcode=item.postcode,
        passions=item.passions,
        talents=item.talents,
        likes=item.likes,
        pause_note=item.pause_note,
        registered_at=item.registered_at,
        team=_ref(item.team, item.team.name if item.team else ""),
    )


def _volunteer_after_write(request: HttpRequest, volunteer_id: int) -> v.VolunteerOut:
    return volunteer_out(selectors.volunteer_get(actor=actor_of(request), volunteer_id=volunteer_id))


@router.get(
    "/volunteers",
    response={200: v.VolunteerPage, **READ_ERRORS},
    operation_id="volunteer_list",
    url_name="volunteer_list",
    summary="The volunteer databank",
)
def volunteer_list_view(request: HttpRequest, filters: Query[v.VolunteerListQuery]) -> v.VolunteerPage:
    """By name, at most 100 per page. Audited (the ids returned)."""
    actor = actor_of(request)
    wanted = selectors.VolunteerFilters(
        query=filters.q.strip(),
        neighbourhood_id=filters.neighbourhood_id,
        interest=filters.interest or "",
        slot=filters.slot or "",
        vog=filters.vog or "",
        language=filters.language or "",
        status=filters.status or "",
    )
    total, items = selectors.volunteer_slice(
        actor=actor, filters=wanted, offset=filters.offset, limit=filters.limit, today=timezone.localdate()
    )
    return v.VolunteerPage(
        count=total,
        limit=filters.limit,
        offset=filters.offset,
        items=[v.VolunteerListItem(**_volunteer_fields(i)) for i in items],
    )


@router.post(
    "/volunteers",
    response={201: v.VolunteerOut, **WRITE_ERRORS},
    operation_id="volunteer_create",
    url_name="volunteer_create",
    summary="Register a volunteer (optionally a resident you can see)",
)
def volunteer_create_view(request: HttpRequest, payload: v.VolunteerIn) -> Status[v.VolunteerOut]:
    actor = actor_of(request)
    data = payload.model_dump()
    made = volunteers.volunteer_register(actor=actor, **data)
    return Status(201, _volunteer_after_write(request, made.pk))


@router.get(
    "/volunteers/{volunteer_id}",
    response={200: v.VolunteerOut, **READ_ERRORS},
    operation_id="volunteer_get",
    url_name="volunteer_get",
    summary="A volunteer",
)
def volunteer_get_view(request: HttpRequest, volunteer_id: PathEx[int, ID]) -> v.VolunteerOut:
    return _volunteer_after_write(request, volunteer_id)


@router.patch(
    "/volunteers/{volunteer_id}",
    response={200: v.VolunteerOut, **WRITE_ERRORS},
    operation_id="volunteer_update",
    url_name="volunteer_update",
    summary="Change a volunteer",
)
def volunteer_update_view(
    request: HttpRequest, volunteer_id: PathEx[int, ID], payload: v.VolunteerPatch
) -> v.VolunteerOut:
    """Only the fields sent are changed."""
    actor = actor_of(request)
    item = selectors.volunteer_for_write(actor=actor, volunteer_id=volunteer_id)
    volunteers.volunteer_update(actor=actor, volunteer=item, **payload.model_dump(exclude_unset=True))
    return _volunteer_after_write(request, volunteer_id)


@router.post(
    "/volunteers/{volunteer_id}/vog",
    response={200: v.VolunteerOut, **WRITE_ERRORS},
    operation_id="volunteer_vog",
    url_name="volunteer_vog",
    summary="Record the volunteer's VOG (certificate of conduct)",
)
def volunteer_vog_view(
    request: HttpRequest, volunteer_id: PathEx[int, ID], payload: v.VogIn
) -> v.VolunteerOut:
    actor = actor_of(request)
    item = selectors.volunteer_for_write(actor=actor, volunteer_id=volunteer_id)
    volunteers.volunteer_vog_update(actor=actor, volunteer=item, **payload.model_dump())
    return _volunteer_after_write(request, volunteer_id)


@router.post(
    "/volunteers/{volunteer_id}/pause",
    response={200: v.VolunteerOut, **WRITE_ERRORS},
    operation_id="volunteer_pause",
    url_name="volunteer_pause",
    summary="Pause a volunteer (not suggested for new requests)",
)
def volunteer_pause_view(
    request: HttpRequest, volunteer_id: PathEx[int, ID], payload: v.PauseIn
) -> v.VolunteerOut:
    actor = actor_of(request)
    item = selectors.volunteer_for_write(actor=actor, volunteer_id=volunteer_id)
    volunteers.volunteer_pause(actor=actor, volunteer=item, note=payload.note)
    return _volunteer_after_write(request, volunteer_id)


@router.post(
    "/volunteers/{volunteer_id}/resume",
    response={200: v.VolunteerOut, **WRITE_ERRORS},
    operation_id="volunteer_resume",
    url_name="volunteer_resume",
    summary="Make a paused volunteer active again",
)
def volunteer_resume_view(request: HttpRequest, volunteer_id: PathEx[int, ID]) -> v.VolunteerOut:
    actor = actor_of(request)
    item = selectors.volunteer_for_write(actor=actor, volunteer_id=volunteer_id)
    volunteers.volunteer_resume(actor=actor, volunteer=item)
    return _volunteer_after_write(request, volunteer_id)


# --- Help requests ------------------------------------------------------------------------------------------
def _request_fields(item: HelpRequest, case_ref: selectors.CaseRef | None) -> dict[str, Any]:
    return {
        "id": item.pk,
        "title": item.title,
        "kind": item.kind,
        "status": item.status,
        "origin": item.origin,
        "neighbourhood": _ref(item.neighbourhood, item.neighbourhood.name if item.neighbourhood else ""),
        "team": s.Ref(id=item.team_id, name=item.team.name),
        "contact": s.Ref(id=item.contact_id, name=item.contact.full_name),
        "location": _ref(item.location, item.location.name if item.location else ""),
        "needs_vog": item.needs_vog,
        "created_at": item.created_at,
        "case": v.CaseRefOut(
            id=case_ref.case_id, reference=case_ref.reference, client_name=case_ref.client_name
        )
        if case_ref
        else None,
    }


def request_out(item: HelpRequest, case_ref: selectors.CaseRef | None) -> v.HelpRequestOut:
    return v.HelpRequestOut(
        **_request_fields(item, case_ref),
        description=item.description,
        wanted=item.wanted,
        interests=[s.choice(c) for c in choices.unpack(item.interests)],
        languages=[s.choice(c) for c in choices.unpack(item.languages)],
        availability=choices.codes_from_mask(item.availability),
        postcode=item.postcode,
        closed_at=item.closed_at,
        close_note=item.close_note,
    )


def _request_read(request: HttpRequest, help_request_id: int) -> v.HelpRequestOut:
    item, case_ref = selectors.request_get(actor=actor_of(request), help_request_id=help_request_id)
    return request_out(item, case_ref)


@router.get(
    "/help-requests",
    response={200: v.HelpRequestPage, **READ_ERRORS},
    operation_id="help_request_list",
    url_name="help_request_list",
    summary="Requests for informal help, open first",
)
def help_request_list_view(request: HttpRequest, filters: Query[v.HelpRequestListQuery]) -> v.HelpRequestPage:
    actor = actor_of(request)
    total, items, refs = selectors.request_slice(
        actor=actor,
        status=filters.status or "",
        kind=filters.kind or "",
        query=filters.q.strip(),
        offset=filters.offset,
        limit=filters.limit,
    )
    return v.HelpRequestPage(
        count=total,
        limit=filters.limit,
        offset=filters.offset,
        items=[v.HelpRequestListItem(**_request_fields(i, refs.get(i.case_id or 0))) for i in items],
    )


@router.post(
    "/help-requests",
    response={201: v.HelpRequestOut, **WRITE_ERRORS},
    operation_id="help_request_create",
    url_name="help_request_create",
    summary="Ask for informal help (from a case you have full access to, a buurthuis, or otherwise)",
)
def help_request_create_view(request: HttpRequest, payload: v.HelpRequestIn) -> Status[v.HelpRequestOut]:
    actor = actor_of(request)
    data = payload.model_dump()
    case_id = data.pop("case_id")
    for key in ("team_id", "contact_id"):
        if data[key] is None:
            del data[key]
    case = None
    if case_id is not None:
        case = case_get_full(actor=actor, case_id=case_id)
    made = requests.request_create(actor=actor, case=case, **data)
    return Status(201, _request_read(request, made.pk))


@router.get(
    "/help-requests/{help_request_id}",
    response={200: v.HelpRequestOut, **READ_ERRORS},
    operation_id="help_request_get",
    url_name="help_request_get",
    summary="A request for informal help",
)
def help_request_get_view(request: HttpRequest, help_request_id: PathEx[int, ID]) -> v.HelpRequestOut:
    return _request_read(request, help_request_id)


@router.patch(
    "/help-requests/{help_request_id}",
    response={200: v.HelpRequestOut, **WRITE_ERRORS},
    operation_id="help_request_update",
    url_name="help_request_update",
    summary="Change a request",
)
def help_request_update_view(
    request: HttpRequest, help_request_id: PathEx[int, ID], payload: v.HelpRequestPatch
) -> v.HelpRequestOut:
    actor = actor_of(request)
    item = selectors.request_for_write(actor=actor, help_request_id=help_request_id)
    requests.request_update(actor=actor, help_request=item, **payload.model_dump(exclude_unset=True))
    return _request_read(request, help_request_id)


@router.post(
    "/help-requests/{help_request_id}/close",
    response={200: v.HelpRequestOut, **WRITE_ERRORS},
    operation_id="help_request_close",
    url_name="help_request_close",
    summary="Close a request (no match may be open)",
)
def help_request_close_view(
    request: HttpRequest, help_request_id: PathEx[int, ID], payload: v.HelpRequestCloseIn
) -> v.HelpRequestOut:
    actor = actor_of(request)
    item = selectors.request_for_write(actor=actor, help_request_id=help_request_id)
    requests.request_close(actor=actor, help_request=item, note=payload.note)
    return _request_read(request, help_request_id)


@router.post(
    "/help-requests/{help_request_id}/reopen",
    response={200: v.HelpRequestOut, **WRITE_ERRORS},
    operation_id="help_request_reopen",
    url_name="help_request_reopen",
    summary="Open a closed request again",
)
def help_request_reopen_view(request: HttpRequest, help_request_id: PathEx[int, ID]) -> v.HelpRequestOut:
    actor = actor_of(request)
    item = selectors.request_for_write(actor=actor, help_request_id=help_request_id)
    requests.request_reopen(actor=actor, help_request=item)
    return _request_read(request, help_request_id)


@router.get(
    "/help-requests/{help_request_id}/suggestions",
    response={200: list[v.SuggestionOut], **READ_ERRORS},
    operation_id="help_request_suggestions",
    url_name="help_request_suggestions",
    summary="The volunteers who fit a request best, each with why",
)
def help_request_suggestions_view(
    request: HttpRequest, help_request_id: PathEx[int, ID], filters: Query[v.SuggestionQuery]
) -> list[v.SuggestionOut]:
    """Best first (score 0-100: passion and talent 45, distance 25, availability 20, language 10); excluded
    are paused volunteers, those beyond their travel radius, without a valid VOG when one is needed, without
    a requested language, and those already proposed for or declined for this request."""
    actor = actor_of(request)
    item, _case = selectors.request_get(actor=actor, help_request_id=help_request_id)
    found = rank_volunteers(actor=actor, request=item, limit=filters.limit)
    return [
        v.SuggestionOut(
            volunteer=s.Ref(id=x.volunteer_id, name=x.volunteer.full_name),
            neighbourhood=_ref(x.volunteer.neighbourhood, x.volunteer.neighbourhood.name)
            if x.volunteer.neighbourhood
            else None,
            score=x.score,
            distance_km=round(x.distance_km, 2) if x.distance_km is not None else None,
            under_way=x.under_way,
            explanation=[v.ScorePartOut(**p.as_json()) for p in x.parts],
        )
        for x in found
    ]


@router.get(
    "/help-requests/{help_request_id}/matches",
    response={200: list[v.MatchOut], **READ_ERRORS},
    operation_id="help_request_matches",
    url_name="help_request_matches",
    summary="The matches of a request, newest first",
)
def help_request_matches_view(request: HttpRequest, help_request_id: PathEx[int, ID]) -> list[v.MatchOut]:
    actor = actor_of(request)
    item, _case = selectors.request_get(actor=actor, help_request_id=help_request_id)
    return [match_out(m, item) for m in selectors.request_matches(actor=actor, help_request=item)]


# --- Matches -----------------------------------------------------------------------------------------------
def match_out(item: Match, help_request: HelpRequest | None = None) -> v.MatchOut:
    req = help_request or item.request
    return v.MatchOut(
        id=item.pk,
        help_request=s.Ref(id=req.pk, name=req.title),
        volunteer=s.Ref(id=item.volunteer_id, name=item.volunteer.full_name),
        status=s.choice(item.status),
        score=item.score,
        explanation=[v.ScorePartOut(**p) for p in item.explanation],
        note=item.note,
        proposed_at=item.proposed_at,
        introduced_on=item.introduced_on,
        started_on=item.started_on,
        ended_on=item.ended_on,
        end_reason=s.choice(item.end_reason),
        evaluation=item.evaluation,
        rating=item.rating,
        declined_on=item.declined_on,
        decline_reason=item.decline_reason,
        status_changed_at=item.status_changed_at,
    )


def _match_read(request: HttpRequest, match_id: int) -> v.MatchOut:
    item, _case = selectors.match_get(actor=actor_of(request), match_id=match_id)
    return match_out(item)


@router.post(
    "/matches",
    response={201: v.MatchOut, **WRITE_ERRORS},
    operation_id="match_create",
    url_name="match_create",
    summary="Propose a volunteer for a request (score and explanation kept)",
)
def match_create_view(request: HttpRequest, payload: v.MatchIn) -> Status[v.MatchOut]:
    actor = actor_of(request)
    item = selectors.request_for_write(actor=actor, help_request_id=payload.help_request_id)
    helper = selectors.volunteer_for_write(actor=actor, volunteer_id=payload.volunteer_id)
    made = matches.match_propose(actor=actor, help_request=item, volunteer=helper, note=payload.note)
    return Status(201, _match_read(request, made.pk))


@router.get(
    "/matches/{match_id}",
    response={200: v.MatchOut, **READ_ERRORS},
    operation_id="match_get",
    url_name="match_get",
    summary="A match with why it was proposed",
)
def match_get_view(request: HttpRequest, match_id: PathEx[int, ID]) -> v.MatchOut:
    return _match_read(request, match_id)


def _step(request: HttpRequest, match_id: int, run: Any) -> v.MatchOut:
    actor = actor_of(request)
    item = selectors.match_for_write(actor=actor, match_id=match_id)
    run(actor, item)
    return _match_read(request, match_id)


@router.post(
    "/matches/{match_id}/introduce",
    response={200: v.MatchOut, **WRITE_ERRORS},
    operation_id="match_introduce",
    url_name="match_introduce",
    summary="The volunteer and the person asking have met",
)
def match_introduce_view(
    request: HttpRequest, match_id: PathEx[int, ID], payload: v.IntroduceIn
) -> v.MatchOut:
    return _step(
        request, match_id, lambda a, m: matches.match_introduce(actor=a, match=m, **payload.model_dump())
    )


@router.post(
    "/matches/{match_id}/start",
    response={200: v.MatchOut, **WRITE_ERRORS},
    operation_id="match_start",
    url_name="match_start",
    summary="The help has started",
)
def match_start_view(request: HttpRequest, match_id: PathEx[int, ID], payload: v.MatchStartIn) -> v.MatchOut:
    return _step(
        request, match_id, lambda a, m: matches.match_start(actor=a, match=m, **payload.model_dump())
    )


@router.post(
    "/matches/{match_id}/end",
    response={200: v.MatchOut, **WRITE_ERRORS},
    operation_id="match_end",
    url_name="match_end",
    summary="End a match with an evaluation",
)
def match_end_view(request: HttpRequest, match_id: PathEx[int, ID], payload: v.EndIn) -> v.MatchOut:
    return _step(request, match_id, lambda a, m: matches.match_end(actor=a, match=m, **payload.model_dump()))


@router.post(
    "/matches/{match_id}/decline",
    response={200: v.MatchOut, **WRITE_ERRORS},
    operation_id="match_decline",
    url_name="match_decline",
    summary="The proposal does not go ahead",
)
def match_decline_view(request: HttpRequest, match_id: PathEx[int, ID], payload: v.DeclineIn) -> v.MatchOut:
    return _step(
        request, match_id, lambda a, m: matches.match_decline(actor=a, match=m, **payload.model_dump())
    )

"""The meldcode track (huiselijk geweld en kindermishandeling) and the crisis flag.

The meldcode track is narrower than the case: only the workers on the case and the team's coordinator
(``safety.selectors.may_open``). Anyone else, including a team member not on the case and someone who broke
the glass, gets 404, also for the list. Steps go in order and each is signed once (400 otherwise).
"""

from __future__ import annotations

from typing import cast

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.params import P, PathEx

from buurtteam.api import schemas as s
from buurtteam.api import schemas_safety as m
from buurtteam.api.common import READ_ERRORS, WRITE_ERRORS, actor_of, ref
from buurtteam.api.selectors import case_for_write
from buurtteam.api.selectors_referrals import track_for_write
from buurtteam.cases.models import Case
from buurtteam.cases.services.crisis import crisis_set
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, StepNumber, VeiligThuisReport
from buurtteam.safety.selectors import case_tracks, may_open, track_get
from buurtteam.safety.services import meldcode

router = Router(tags=["meldcode"])

ID = P(ge=1, le=s.MAX_ID)


def step_out(item: MeldcodeStep) -> m.StepOut:
    return m.StepOut(
        id=item.pk,
        number=cast("m.StepNumberValue", item.number),
        label=str(StepNumber(item.number).label),
        done_on=item.done_on,
        note=item.note,
        signed_by=ref(item.signed_by),
        signed_at=item.signed_at,
        consulted=item.consulted,
        advice_veilig_thuis=item.advice_veilig_thuis,
        advice_anonymous=item.advice_anonymous,
        talked_with=item.talked_with,
        no_talk_reason=item.no_talk_reason,
        suspicion=item.suspicion,
        unsafety=item.unsafety,
        can_help=item.can_help,
        accepts_help=item.accepts_help,
        lasting_safety=item.lasting_safety,
        report_necessary=item.report_necessary,
        help_possible=item.help_possible,
    )


def report_out(item: VeiligThuisReport) -> m.ReportOut:
    return m.ReportOut(
        id=item.pk,
        reported_on=item.reported_on,
        reported_by=ref(item.reported_by),
        reference=item.reference,
        resident_informed=item.resident_informed,
        not_informed_reason=item.not_informed_reason,
        note=item.note,
        recorded_at=item.recorded_at,
    )


def track_state(item: MeldcodeTrack) -> m.TrackStateOut:
    return m.TrackStateOut(
        id=item.pk,
        case_id=item.case_id,
        status=s.choice(item.status),
        concern=item.concern,
        started_at=item.started_at,
        ended_at=item.ended_at,
        stop_reason=item.stop_reason,
    )


def track_out(item: MeldcodeTrack) -> m.TrackOut:
    """From a track read by the safety selectors (steps as ``step_list``, the report prefetched)."""
    steps: list[MeldcodeStep] = list(getattr(item, "step_list", []))
    try:
        report: VeiligThuisReport | None = item.report
    except ObjectDoesNotExist:
        report = None
    done = {step.number for step in steps}
    upcoming = [n for n in StepNumber.values if n not in done]
    open_track = item.status == MeldcodeTrack.Status.OPEN
    return m.TrackOut(
        **track_state(item).model_dump(),
        started_by=ref(item.started_by),
        next_step=cast("m.StepNumberValue", upcoming[0]) if open_track and upcoming else None,
        steps=[step_out(step) for step in steps],
        report=report_out(report) if report is not None else None,
    )


def _safety_case(request: HttpRequest, case_id: int) -> Case:
    actor = actor_of(request)
    if not may_open(actor=actor, case_id=case_id):
        raise Http404
    return case_for_write(actor=actor, case_id=case_id)


@router.get(
    "/cases/{case_id}/meldcode-tracks",
    response={200: list[m.TrackOut], **READ_ERRORS},
    operation_id="meldcode_track_list",
    url_name="meldcode_track_list",
    summary="The case's meldcode tracks, newest first, with their steps and report",
)
def track_list_view(request: HttpRequest, case_id: PathEx[int, ID]) -> list[m.TrackOut]:
    """Audited when there are any."""
    case = _safety_case(request, case_id)
    return [track_out(t) for t in case_tracks(actor=actor_of(request), case=case)]


@router.post(
    "/cases/{case_id}/meldcode-tracks",
    response={201: m.TrackStateOut, **WRITE_ERRORS},
    operation_id="meldcode_track_start",
    url_name="meldcode_track_start",
    summary="Start a meldcode track (raises the case's safety flag)",
)
def track_start_view(
    request: HttpRequest, case_id: PathEx[int, ID], payload: m.TrackStartIn
) -> Status[m.TrackStateOut]:
    """One open track per case."""
    case = _safety_case(request, case_id)
    track = meldcode.track_start(actor=actor_of(request), case=case, concern=payload.concern)
    return Status(201, track_state(track))


@router.get(
    "/meldcode-tracks/{track_id}",
    response={200: m.TrackOut, **READ_ERRORS},
    operation_id="meldcode_track_get",
    url_name="meldcode_track_get",
    summary="A meldcode track with its signed steps and the report to Veilig Thuis",
)
def track_get_view(request: HttpRequest, track_id: PathEx[int, ID]) -> m.TrackOut:
    """Audited."""
    return track_out(track_get(actor=actor_of(request), track_id=track_id))


@router.post(
    "/meldcode-tracks/{track_id}/steps",
    response={201: m.StepOut, **WRITE_ERRORS},
    operation_id="meldcode_step_record",
    url_name="meldcode_step_record",
    summary="Record and sign the next step",
)
def step_record_view(request: HttpRequest, track_id: PathEx[int, ID], payload: m.StepIn) -> Status[m.StepOut]:
    """Steps go in order; skipping one is refused (400). Step 5 decides the track. With acute or structural
    unsafety in step 4, reporting is necessary in step 5."""
    actor = actor_of(request)
    track = track_for_write(actor=actor, track_id=track_id)
    step = meldcode.step_record(
        actor=actor,
        track=track,
        number=payload.number,
        done_on=payload.done_on,
        note=payload.note,
        **payload.answers(),
    )
    step.signed_by = actor
    return Status(201, step_out(step))


@router.post(
    "/meldcode-tracks/{track_id}/stop",
    response={200: m.TrackStateOut, **WRITE_ERRORS},
    operation_id="meldcode_track_stop",
    url_name="meldcode_track_stop",
    summary="Stop an open track, with a reason; the steps taken stay",
)
def track_stop_view(
    request: HttpRequest, track_id: PathEx[int, ID], payload: m.TrackStopIn
) -> m.TrackStateOut:
    actor = actor_of(request)
    track = track_for_write(actor=actor, track_id=track_id)
    return track_state(meldcode.track_stop(actor=actor, track=track, reason=payload.reason))


@router.post(
    "/meldcode-tracks/{track_id}/report",
    response={201: m.ReportOut, **WRITE_ERRORS},
    operation_id="meldcode_report_record",
    url_name="meldcode_report_record",
    summary="Record the report (melding) to Veilig Thuis, after step 5 decided it is necessary",
)
def report_record_view(
    request: HttpRequest, track_id: PathEx[int, ID], payload: m.ReportIn
) -> Status[m.ReportOut]:
    actor = actor_of(request)
    track = track_for_write(actor=actor, track_id=track_id)
    report = meldcode.report_record(actor=actor, track=track, **payload.model_dump())
    report.reported_by = actor
    return Status(201, report_out(report))


# --- Crisis --------------------------------------------------------------------------------------------
def crisis_out(case: Case) -> m.CrisisOut:
    return m.CrisisOut(
        id=case.pk,
        reference=case.reference,
        crisis=case.crisis,
        crisis_since=case.crisis_since,
        crisis_note=case.crisis_note,
    )


@router.post(
    "/cases/{case_id}/crisis/mark",
    response={200: m.CrisisOut, **WRITE_ERRORS},
    operation_id="crisis_mark",
    url_name="crisis_mark",
    summary="Mark the case as crisis: on top of every list and the next casusoverleg",
    tags=["crisis"],
)
def crisis_mark_view(request: HttpRequest, case_id: PathEx[int, ID], payload: m.CrisisMarkIn) -> m.CrisisOut:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    return crisis_out(crisis_set(actor=actor, case=case, crisis=True, note=payload.note))


@router.post(
    "/cases/{case_id}/crisis/lift",
    response={200: m.CrisisOut, **WRITE_ERRORS},
    operation_id="crisis_lift",
    url_name="crisis_lift",
    summary="Lift the crisis mark",
    tags=["crisis"],
)
def crisis_lift_view(request: HttpRequest, case_id: PathEx[int, ID], payload: m.CrisisLiftIn) -> m.CrisisOut:
    actor = actor_of(request)
    case = case_for_write(actor=actor, case_id=case_id)
    return crisis_out(crisis_set(actor=actor, case=case, crisis=False, note=payload.note))

"""Reads of the meldcode track. Narrower than the case (see ``querysets``); every read is audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, prefetch_related_objects

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.core.gate import access_or_404
from buurtteam.core.roles import Role
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, VeiligThuisReport
from buurtteam.safety.querysets import safety_case_ids

if TYPE_CHECKING:
    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor


def may_open(*, actor: Actor, case_id: int) -> bool:
    return bool(safety_case_ids(actor).filter(pk=case_id).exists())


def may_open_case(*, actor: Actor, case: Case) -> bool:
    """``may_open`` for a case read through the gate with its active assignments (``case_get_full``):
    the same rule as ``safety_case_ids``, answered from what is already loaded."""
    active = getattr(case, "active_assignments", None)
    if active is None:
        return may_open(actor=actor, case_id=case.pk)
    if actor.role not in (Role.WORKER, Role.COORDINATOR) or case.organisation_id != actor.organisation_id:
        return False
    if actor.role == Role.COORDINATOR and case.team_id in actor.team_ids:
        return True
    return any(a.user_id == actor.pk and a.ended_at is None for a in active)


def _audit(actor: Actor, case: Case, object_type: str, object_id: object) -> None:
    record(
        actor=actor,
        action=Action.READ,
        object_type=object_type,
        object_id=object_id,
        subject_type="resident",
        subject_id=case.client_id,
        subject_team_id=case.team_id,
    )


def _parts(actor: Actor) -> tuple[Prefetch[Any], Prefetch[Any]]:
    """A track's steps (as ``step_list``) and Veilig Thuis report, each through the safety rule."""
    return (
        Prefetch(
            "steps",
            queryset=MeldcodeStep.objects.visible_to(actor).select_related("signed_by").order_by("number"),
            to_attr="step_list",
        ),
        Prefetch(
            "report",
            queryset=VeiligThuisReport.objects.visible_to(actor).select_related("reported_by"),
        ),
    )


def _with_parts(actor: Actor, qs: Any) -> Any:
    return qs.select_related("case", "case__client", "case__team", "started_by").prefetch_related(
        *_parts(actor)
    )


def case_tracks(*, actor: Actor, case: Case) -> list[MeldcodeTrack]:
    """The case's meldcode tracks, newest first (empty without safety access). Audited when any exist."""
    scoped = MeldcodeTrack.objects.visible_to(actor).filter(case_id=case.pk)
    # The case is the caller's, already read: the tracks point at that object instead of a joined copy.
    tracks = list(scoped.select_related("started_by").order_by("-started_at"))
    if not tracks:  # most cases: no track, so the parts' querysets are not even built
        return tracks
    prefetch_related_objects(tracks, *_parts(actor))
    for track in tracks:
        track.case = case
    _audit(actor, case, "meldcode_tracks", ",".join(str(t.pk) for t in tracks))
    return tracks


def track_get(*, actor: Actor, track_id: int) -> MeldcodeTrack:
    """One track with its steps and report; 404 for anyone but the case's workers and coordinator. Audited."""
    track: MeldcodeTrack = access_or_404(
        _with_parts(actor, MeldcodeTrack.objects.visible_to(actor)), pk=track_id
    )
    _audit(actor, track.case, "meldcode_track", track.pk)
    return track

"""Test helpers for the safety app: a case with a worker on it, a track walked through its steps."""

from __future__ import annotations

from typing import Any

from conftest import Tenant
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Case
from buurtteam.cases.services import assignment
from buurtteam.cases.tests.factories import give_area, registered_case, resident_in
from buurtteam.core.gate import system_access
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, VeiligThuisReport
from buurtteam.safety.services import meldcode

STEP_ANSWERS: dict[int, dict[str, Any]] = {
    1: {},
    2: {"consulted": "Aandachtsfunctionaris Ineke", "advice_veilig_thuis": True, "advice_anonymous": True},
    3: {"talked_with": "Moeder"},
    4: {
        "suspicion": True,
        "unsafety": True,
        "can_help": True,
        "accepts_help": None,
        "lasting_safety": False,
    },
    5: {"report_necessary": True, "help_possible": True},
}


def case_with_worker(tenant: Tenant, **data: Any) -> Case:
    """A registered case in the tenant's team with the tenant's worker as its lead."""
    area = give_area(tenant.team)
    case = registered_case(tenant, resident_in(tenant, area, **data))
    assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    case.refresh_from_db()
    return case


def record_steps(
    actor: Any, track: MeldcodeTrack, upto: int, answers: dict[int, dict[str, Any]] | None = None
) -> None:
    answers = {**STEP_ANSWERS, **(answers or {})}
    done = MeldcodeStep.objects.visible_to(actor).filter(track_id=track.pk).count()
    for number in range(done + 1, upto + 1):
        meldcode.step_record(
            actor=actor,
            track=track,
            number=number,
            done_on=timezone.localdate(),
            note=f"Vastlegging stap {number}",
            **answers[number],
        )


def snapshot(case: Case) -> dict[str, Any]:
    """Everything the safety forms could change."""
    with system_access("test assertion"):
        return {
            "case": Case.objects.filter(pk=case.pk).values().get(),
            "tracks": list(
                MeldcodeTrack.objects.filter(case=case).order_by("pk").values("status", "stop_reason")
            ),
            "steps": MeldcodeStep.objects.filter(track__case=case).count(),
            "reports": VeiligThuisReport.objects.filter(track__case=case).count(),
            "writes": AuditEvent.objects.filter(
                action__in=[Action.CREATE, Action.UPDATE, Action.DELETE]
            ).count(),
        }


def fresh_track(track: MeldcodeTrack) -> MeldcodeTrack:
    with system_access("test assertion"):
        return MeldcodeTrack.objects.get(pk=track.pk)

"""The meldcode services: steps in order, each signed once, the step rules, the report, access."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from conftest import Tenant
from django.core.exceptions import ValidationError
from django.utils import timezone

from buurtteam.accounts.tests.factories import member_of
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Case
from buurtteam.cases.services import lifecycle
from buurtteam.cases.services.base import CaseStepError
from buurtteam.core.gate import system_access
from buurtteam.residents.services import break_glass
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack
from buurtteam.safety.services import meldcode
from buurtteam.safety.tests.helpers import (
    STEP_ANSWERS,
    case_with_worker,
    fresh_track,
    record_steps,
    snapshot,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def case(tenant: Tenant) -> Case:
    return case_with_worker(tenant)


@pytest.fixture
def track(tenant: Tenant, case: Case) -> MeldcodeTrack:
    return meldcode.track_start(actor=tenant.worker, case=case, concern="Blauwe plekken op de armen")


def refused(case: Case, call: Any, message: str, field: str | None = None) -> None:
    """The call raises a ValidationError with the Dutch message (on ``field``) and writes nothing."""
    before = snapshot(case)
    with pytest.raises(ValidationError) as info:
        call()
    error = info.value
    if field is not None:
        assert field in error.message_dict, error
        assert any(message in m for m in error.message_dict[field]), error
    else:
        assert any(message in m for m in error.messages), error
    assert snapshot(case) == before


def step(tenant: Tenant, track: MeldcodeTrack, number: int, **answers: Any) -> Any:
    return lambda: meldcode.step_record(
        actor=tenant.worker,
        track=track,
        number=number,
        done_on=TODAY(),
        note=f"Stap {number}",
        **answers,
    )


# --- Starting -----------------------------------------------------------------------------------------
def test_start_flags_the_case_and_is_audited(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    assert track.status == MeldcodeTrack.Status.OPEN
    assert track.started_by_id == tenant.worker.pk
    with system_access("test assertion"):
        assert Case.objects.get(pk=case.pk).safety_concern is True
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="meldcode_track", object_id=str(track.pk)
    ).exists()


def test_one_open_track_per_case(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    refused(
        case,
        lambda: meldcode.track_start(actor=tenant.worker, case=case, concern="Nog een keer"),
        "Er loopt al een meldcodetraject voor deze casus.",
    )
    meldcode.track_stop(actor=tenant.worker, track=track, reason="Vermoeden weggenomen")
    second = meldcode.track_start(actor=tenant.worker, case=case, concern="Nieuwe signalen")
    assert second.status == MeldcodeTrack.Status.OPEN


def test_start_needs_a_concern(tenant: Tenant, case: Case) -> None:
    refused(
        case,
        lambda: meldcode.track_start(actor=tenant.worker, case=case, concern="   "),
        "Schrijf kort wat de aanleiding is.",
        "concern",
    )


def test_a_closed_case_refuses_a_start(tenant: Tenant, case: Case) -> None:
    lifecycle.case_close(actor=tenant.worker, case=case, reason="no_longer_needed")
    case.refresh_from_db()
    refused(
        case,
        lambda: meldcode.track_start(actor=tenant.worker, case=case, concern="Signalen"),
        "Deze casus is afgesloten.",
    )


# --- The steps ----------------------------------------------------------------------------------------
def test_five_steps_in_order_close_the_track(tenant: Tenant, track: MeldcodeTrack) -> None:
    record_steps(tenant.worker, track, 5)
    track = fresh_track(track)
    assert track.status == MeldcodeTrack.Status.DECIDED
    assert track.ended_at is not None
    with system_access("test assertion"):
        steps = list(MeldcodeStep.objects.filter(track=track).order_by("number"))
    assert [s.number for s in steps] == [1, 2, 3, 4, 5]
    assert all(s.signed_by_id == tenant.worker.pk and s.signed_at is not None for s in steps)
    assert steps[1].consulted == "Aandachtsfunctionaris Ineke" and steps[1].advice_anonymous is True
    assert steps[3].unsafety is True and steps[3].accepts_help is None
    assert steps[4].report_necessary is True
    assert (
        AuditEvent.objects.filter(action=Action.CREATE, object_type="meldcode_step", details__track=track.pk)
        .values_list("details__step", flat=True)
        .count()
        == 5
    )
    # A decided track takes no more steps.
    with pytest.raises(CaseStepError, match="afgerond of gestopt"):
        step(tenant, track, 5, **STEP_ANSWERS[5])()


def test_skipping_a_step_is_refused(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    refused(case, step(tenant, track, 2, consulted="Collega"), "U kunt geen stap overslaan")
    record_steps(tenant.worker, track, 1)
    refused(case, step(tenant, track, 4, suspicion=True, unsafety=False), "U kunt geen stap overslaan")


def test_a_step_is_signed_once(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    record_steps(tenant.worker, track, 1)
    refused(case, step(tenant, track, 1), "Deze stap is al vastgelegd en ondertekend.")


def test_a_step_needs_a_note_and_a_valid_date(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    refused(
        case,
        lambda: meldcode.step_record(actor=tenant.worker, track=track, number=1, done_on=TODAY(), note=" "),
        "Leg vast wat u deed en zag in deze stap.",
        "note",
    )
    refused(
        case,
        lambda: meldcode.step_record(
            actor=tenant.worker,
            track=track,
            number=1,
            done_on=TODAY() + datetime.timedelta(days=1),
            note="Signalen",
        ),
        "Deze datum kan niet in de toekomst liggen.",
        "done_on",
    )
    refused(
        case,
        lambda: meldcode.step_record(
            actor=tenant.worker,
            track=track,
            number=1,
            done_on=TODAY() - datetime.timedelta(days=3),
            note="Signalen",
        ),
        "Deze datum ligt vóór de vorige stap.",
        "done_on",
    )


def test_step_fields_of_other_steps_are_ignored(tenant: Tenant, track: MeldcodeTrack) -> None:
    first = step(tenant, track, 1, consulted="Collega", suspicion=True)()
    assert first.consulted == "" and first.suspicion is None


def test_step_2_needs_a_consultation_or_advice(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    record_steps(tenant.worker, track, 1)
    refused(case, step(tenant, track, 2), "Leg vast met wie u overlegde", "consulted")
    advice = step(tenant, track, 2, advice_veilig_thuis=True)()
    assert advice.advice_veilig_thuis is True and advice.consulted == ""


def test_step_3_needs_a_conversation_or_a_reason(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    record_steps(tenant.worker, track, 2)
    refused(case, step(tenant, track, 3), "Leg vast met wie u sprak", "talked_with")
    talk = step(tenant, track, 3, no_talk_reason="Gesprek brengt het kind in gevaar")()
    assert talk.no_talk_reason == "Gesprek brengt het kind in gevaar"


def test_step_4_needs_the_first_two_questions(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    record_steps(tenant.worker, track, 3)
    message = "Beantwoord in elk geval de eerste twee vragen"
    refused(case, step(tenant, track, 4, suspicion=True), message, "suspicion")
    refused(case, step(tenant, track, 4, unsafety=False), message, "suspicion")
    weighed = step(tenant, track, 4, suspicion=True, unsafety=False)()
    assert weighed.can_help is None


def test_step_5_needs_both_decisions(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    record_steps(tenant.worker, track, 4, {4: {"suspicion": True, "unsafety": False}})
    refused(
        case, step(tenant, track, 5, report_necessary=False), "Neem beide beslissingen", "report_necessary"
    )
    decided = step(tenant, track, 5, report_necessary=False, help_possible=True)()
    assert decided.report_necessary is False
    assert fresh_track(track).status == MeldcodeTrack.Status.DECIDED


def test_unsafety_in_step_4_forces_a_report(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    record_steps(tenant.worker, track, 4)  # step 4 answers: acute or structural unsafety
    refused(
        case,
        step(tenant, track, 5, report_necessary=False, help_possible=True),
        "dan is melden bij Veilig Thuis noodzakelijk",
        "report_necessary",
    )
    assert step(tenant, track, 5, report_necessary=True, help_possible=False)().report_necessary is True


# --- Stopping and the report --------------------------------------------------------------------------
def test_stop_needs_a_reason_and_keeps_the_steps(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    record_steps(tenant.worker, track, 2)
    refused(
        case,
        lambda: meldcode.track_stop(actor=tenant.worker, track=track, reason=""),
        "Schrijf waarom het traject stopt.",
        "reason",
    )
    meldcode.track_stop(actor=tenant.worker, track=track, reason="Vermoeden weggenomen")
    track = fresh_track(track)
    assert track.status == MeldcodeTrack.Status.STOPPED and track.stop_reason == "Vermoeden weggenomen"
    with system_access("test assertion"):
        assert MeldcodeStep.objects.filter(track=track).count() == 2
    refused(case, step(tenant, track, 3, talked_with="Vader"), "afgerond of gestopt")


def report(tenant: Tenant, track: MeldcodeTrack, **data: Any) -> Any:
    values: dict[str, Any] = {"reported_on": TODAY(), "reference": "VT-2024-001"}
    values.update(data)
    return lambda: meldcode.report_record(actor=tenant.worker, track=track, **values)


def test_report_only_after_a_report_decision(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    record_steps(tenant.worker, track, 4)
    refused(case, report(tenant, track), "Leg eerst stap 5 vast")
    record_steps(tenant.worker, track, 5)
    refused(
        case,
        report(tenant, track, resident_informed=False),
        "Schrijf waarom de betrokkene vooraf niet is geïnformeerd.",
        "not_informed_reason",
    )
    recorded = report(tenant, track, resident_informed=False, not_informed_reason="Gevaar voor het kind")()
    assert recorded.reported_by_id == tenant.worker.pk and recorded.reference == "VT-2024-001"
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="veilig_thuis_report", object_id=str(recorded.pk)
    ).exists()
    refused(case, report(tenant, track), "De melding bij Veilig Thuis is al vastgelegd.")


def test_no_report_when_step_5_decided_against_it(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    record_steps(
        tenant.worker,
        track,
        5,
        {4: {"suspicion": True, "unsafety": False}, 5: {"report_necessary": False, "help_possible": True}},
    )
    refused(case, report(tenant, track), "besloten dat melden niet nodig is")


# --- Access -------------------------------------------------------------------------------------------
def test_only_the_case_workers_and_the_coordinator(tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    # The team's coordinator may take a step.
    step_one = meldcode.step_record(
        actor=tenant.coordinator, track=track, number=1, done_on=TODAY(), note="Door coördinator"
    )
    assert step_one.signed_by_id == tenant.coordinator.pk
    teammate = member_of(tenant.team)
    glass = member_of(tenant.other_team)
    break_glass(actor=glass, resident_id=case.client_id, reason="Acute zorg, dossier nodig")
    before = snapshot(case)
    for outsider in (teammate, glass, tenant.colleague, tenant.administrator, tenant.policy_officer):
        with pytest.raises(PermissionError):
            meldcode.step_record(actor=outsider, track=track, number=2, done_on=TODAY(), note="x")
        with pytest.raises(PermissionError):
            meldcode.track_stop(actor=outsider, track=track, reason="x")
        with pytest.raises(PermissionError):
            meldcode.track_start(actor=outsider, case=case, concern="x")
    assert snapshot(case) == before


def test_another_organisation_is_refused(tenant: Tenant, other_tenant: Tenant, track: MeldcodeTrack) -> None:
    for outsider in (other_tenant.worker, other_tenant.coordinator):
        with pytest.raises(PermissionError):
            meldcode.step_record(actor=outsider, track=track, number=1, done_on=TODAY(), note="x")
